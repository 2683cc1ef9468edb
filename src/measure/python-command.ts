/**
 * The command line that starts the Python probe with the user's interpreter: `python -X utf8 -c <bootstrap> <loader>`.
 * The interpreter must be CPython 3.9 or later (tracemalloc.reset_peak); it is asked once per path, for its version
 * and the executable it runs as.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkloadError } from '../analysis/model.ts';
import type { MeasureOptions } from './measure.ts';
import type { ProbeConfig } from './protocol.ts';
import { locateProbe } from './runner.ts';

export const MIN_PYTHON: readonly [number, number] = [3, 9];
const PROBE_FILE = 'python_probe.py';
/** Beside the probe, it runs the probe (and the retainer step's module) from their cached bytecode. */
const LOADER_FILE = 'python_loader.py';
const HOW_TO_CHOOSE = 'point memgate at one with --python (CLI) or the `python` input (Action)';

export interface PythonInfo {
  /** e.g. '3.11.7' */
  version: string;
  major: number;
  minor: number;
  /**
   * sys.executable, when it says: the probe starts it directly. A version manager's shim (pyenv's is a shell script
   * that picks the version by directory and environment, the same here as for the query) then runs once per run,
   * not twice (~75 ms each here).
   */
  executable?: string;
}

/**
 * Asks for the version and sys.executable in one start, without `site` (-S: its .pth files cost ~35 ms here; Python 2
 * runs it too, and is then named as too old). Not `--version`: that answers through a shim without saying what the
 * shim runs. Then, on 3.9 or later, with the probe's loader path as argv[1], it compiles the probe's modules into
 * their bytecode cache (python_loader.warm: only those not cached yet, and not under -B or PYTHONDONTWRITEBYTECODE),
 * here rather than in the measured process; whatever fails there, the probe compiles them itself.
 */
export const QUERY = [
  "import sys;print('Python %d.%d.%d' % tuple(sys.version_info[:3]));print(sys.executable or '');sys.stdout.flush()",
  'if sys.version_info >= (3, 9) and len(sys.argv) > 1:',
  ' try:',
  "  a=sys.argv[1];l={'__name__':'memgate_python_loader','__file__':a};exec(compile(open(a,'rb').read(),a,'exec'),l);l['warm']()",
  ' except Exception:',
  '  pass',
].join('\n');

const infoCache = new Map<string, Promise<PythonInfo | WorkloadError>>();

/**
 * Asks the interpreter for its version and executable once per path (cached for the process), and has it cache the
 * probe's bytecode (QUERY).
 */
export function pythonInfo(python: string, cwd: string): Promise<PythonInfo | WorkloadError> {
  let cached = infoCache.get(python);
  if (!cached) {
    cached = queryPython(python, cwd, locatePythonLoader());
    infoCache.set(python, cached);
  }
  return cached;
}

/** `Python 3.11.7` (the query's first line; `--version` prints it too), possibly with a suffix such as `+` or `rc1`. */
export function parsePythonVersion(output: string): PythonInfo | null {
  const match = /Python (\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return { version: `${major}.${minor}${match[3] === undefined ? '' : `.${match[3]}`}`, major, minor };
}

function queryPython(python: string, cwd: string, loader: string | null): Promise<PythonInfo | WorkloadError> {
  return new Promise((done) => {
    execFile(
      python,
      ['-S', '-c', QUERY, ...(loader ? [loader] : [])],
      { cwd, timeout: 30_000, windowsHide: true },
      (error, stdout, stderr) => {
        const parsed = parsePythonVersion(`${stdout}\n${stderr}`);
        const executable = stdout.split(/\r?\n/)[1]?.trim();
        const info = parsed && executable ? { ...parsed, executable } : parsed;
        if (error && !info) {
          const code = (error as NodeJS.ErrnoException).code;
          const why =
            code === 'ENOENT'
              ? 'not found'
              : code === 'EACCES'
                ? 'not executable'
                : `failed when asked for its version (${error.message.split('\n')[0]})`;
          done({
            kind: 'runtime',
            message: `Python interpreter "${python}" ${why}: Python workloads need CPython ${MIN_PYTHON.join('.')} or later; install it, or ${HOW_TO_CHOOSE}`,
          });
          return;
        }
        if (!info) {
          const said = `${stdout}${stderr}`.trim().slice(0, 200) || 'nothing';
          done({
            kind: 'runtime',
            message: `"${python}" does not look like Python: asked for its version, it printed ${JSON.stringify(said)}; expected CPython ${MIN_PYTHON.join('.')} or later`,
          });
          return;
        }
        done(info);
      },
    );
  });
}

const tooOld = (info: PythonInfo): boolean =>
  info.major < MIN_PYTHON[0] || (info.major === MIN_PYTHON[0] && info.minor < MIN_PYTHON[1]);

/**
 * The probe's loader shipped as dist/probe/python_loader.py, beside the probe, found by walking up to memgate's
 * package root (from the bundles in dist/ and from the sources under tsx alike); under tsx without a build, the
 * source copy next to this file. Null unless both files are there.
 */
export function locatePythonLoader(): string | null {
  const both = (loader: string | null): string | null =>
    loader && existsSync(join(dirname(loader), PROBE_FILE)) ? loader : null;
  const shipped = both(locateProbe(LOADER_FILE));
  if (shipped) return shipped;
  const source = join(dirname(fileURLToPath(import.meta.url)), 'probe', LOADER_FILE);
  return existsSync(source) ? both(source) : null;
}

/** A path with a directory part is the user's, relative to the workload's cwd; a bare name is looked up on PATH. */
const resolveInterpreter = (python: string, cwd: string): string =>
  isAbsolute(python) || !/[\\/]/.test(python) ? python : resolve(cwd, python);

/**
 * The `python -c` code that runs the probe: it runs the loader (python_loader.py, its path in argv[1]) in __main__'s
 * namespace, which drops the working directory that `-c` puts first on sys.path, then compiles the probe, or loads its
 * cached bytecode, into the globals `g`; then it runs the probe's main(). Not `python <probe>`: the interpreter keeps
 * a script's syntax tree until the script ends, megabytes of peak RSS for the probe's length. As few instructions as
 * can be: this frame sits under every allocation of the workload, and tracemalloc computes its line at each one by
 * scanning its location table up to the call of main() (see main() in the probe); the loader's own frames are gone by
 * then.
 */
export const PYTHON_BOOTSTRAP =
  "import sys;a=sys.argv[1];exec(compile(open(a,'rb').read(),a,'exec'));g['leave'](g['main']())";

/** `python -X utf8 -c <bootstrap> <loader>` for this workload, or why it cannot run. */
export async function buildPythonCommand(
  options: MeasureOptions,
  _config: ProbeConfig,
): Promise<{ command: string; args: string[] } | { error: WorkloadError }> {
  let python: string;
  let info: PythonInfo | WorkloadError;
  if (options.pythonPath) {
    python = resolveInterpreter(options.pythonPath, options.cwd);
    info = await pythonInfo(python, options.cwd);
  } else {
    // python3 is the name on Linux and macOS; Windows installs (and some images) only have python.
    python = 'python3';
    info = await pythonInfo(python, options.cwd);
    if ('kind' in info) {
      const fallback = await pythonInfo('python', options.cwd);
      if (!('kind' in fallback)) {
        python = 'python';
        info = fallback;
      }
    }
  }
  if ('kind' in info) return { error: info };
  if (tooOld(info)) {
    return {
      error: {
        kind: 'runtime',
        message: `Python workloads need CPython ${MIN_PYTHON.join('.')} or later (memgate's tracemalloc probe uses tracemalloc.reset_peak); "${python}" is Python ${info.version}: install a newer one, or ${HOW_TO_CHOOSE}`,
      },
    };
  }
  const loader = locatePythonLoader();
  if (!loader) {
    return {
      error: {
        kind: 'probe',
        message: `memgate's Python probe (dist/probe/${PROBE_FILE} and ${LOADER_FILE}) is missing: the package was not built (npm run build)`,
      },
    };
  }
  return { command: info.executable ?? python, args: ['-X', 'utf8', '-c', PYTHON_BOOTSTRAP, loader] };
}
