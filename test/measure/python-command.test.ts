// buildPythonCommand: which interpreter, which version, which probe.
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULTS } from '../../src/analysis/defaults.ts';
import type { MeasureOptions } from '../../src/measure/measure.ts';
import type { ProbeConfig } from '../../src/measure/protocol.ts';
import { buildPythonCommand, parsePythonVersion, PYTHON_BOOTSTRAP } from '../../src/measure/python-command.ts';

const posix = process.platform !== 'win32';
let dir = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'memgate-python-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = (overrides: Partial<MeasureOptions> = {}): MeasureOptions => ({
  workload: resolve('test/fixtures/python/leaky_cache.py'),
  cwd: resolve('.'),
  iterations: null,
  profiler: 'inspector',
  samplingInterval: DEFAULTS.samplingInterval,
  stackDepth: DEFAULTS.stackDepth,
  timeoutSeconds: 60,
  include: [],
  exclude: [],
  groupBy: 'line',
  ...overrides,
});

const config: ProbeConfig = {
  workload: resolve('test/fixtures/python/leaky_cache.py'),
  iterations: null,
  defaultIterations: DEFAULTS.iterations,
  profiler: 'inspector',
  samplingInterval: DEFAULTS.samplingInterval,
  stackDepth: DEFAULTS.stackDepth,
  seriesPoints: DEFAULTS.seriesPoints,
  gcRounds: DEFAULTS.gcRounds,
  include: [],
  exclude: [],
  compareKey: 'lineno',
};

/** A shell script standing in for an interpreter: answers memgate's version query (`-S -c …`) with `versionLine` and
 * `executable` (none: its own path is run), and logs each call. */
async function fakePython(
  name: string,
  versionLine: string,
  executable = '',
): Promise<{ path: string; calls: () => Promise<number> }> {
  const path = join(dir, name);
  const log = `${path}.calls`;
  await writeFile(
    path,
    `#!/bin/sh\necho called >> '${log}'\nif [ "$2" = "-c" ]; then echo '${versionLine}'; echo '${executable}'; exit 0; fi\necho "fake python: cannot run $*" >&2\nexit 1\n`,
  );
  await chmod(path, 0o755);
  return {
    path,
    calls: async () => (existsSync(log) ? (await readFile(log, 'utf8')).split('\n').filter(Boolean).length : 0),
  };
}

test('python3 from PATH runs the shipped probe in UTF-8 mode, through the -c bootstrap and its loader', async () => {
  const command = await buildPythonCommand(options(), config);
  assert.ok('command' in command, JSON.stringify(command));
  // The executable python3 runs as (sys.executable), not a version manager's shim in front of it.
  const executable = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  assert.equal(command.command, executable);
  assert.deepEqual(command.args.slice(0, 3), ['-X', 'utf8', '-c']);
  assert.equal(command.args[3], PYTHON_BOOTSTRAP);
  assert.equal(command.args[4], resolve('dist/probe/python_loader.py'), 'the loader, which runs the probe beside it');
  assert.ok(existsSync(command.args[4]!));
  assert.ok(existsSync(resolve('dist/probe/python_probe.py')));
});

test("a missing interpreter is a clear 'runtime' error", async () => {
  const command = await buildPythonCommand(options({ pythonPath: '/nonexistent/python3' }), config);
  assert.ok('error' in command);
  assert.equal(command.error.kind, 'runtime');
  assert.equal(
    command.error.message,
    'Python interpreter "/nonexistent/python3" not found: Python workloads need CPython 3.9 or later; install it, or point memgate at one with --python (CLI) or the `python` input (Action)',
  );
});

test(
  "Python older than 3.9 is a 'runtime' error naming the interpreter, its version and what is needed",
  { skip: !posix },
  async () => {
    const old = await fakePython('python3.8', 'Python 3.8.10');
    const command = await buildPythonCommand(options({ pythonPath: old.path }), config);
    assert.ok('error' in command);
    assert.equal(command.error.kind, 'runtime');
    assert.ok(command.error.message.includes(`"${old.path}" is Python 3.8.10`), command.error.message);
    assert.match(command.error.message, /CPython 3\.9 or later/);
  },
);

test('the version is asked once per interpreter path', { skip: !posix }, async () => {
  const fake = await fakePython('python3.12', 'Python 3.12.1');
  const first = await buildPythonCommand(options({ pythonPath: fake.path }), config);
  const second = await buildPythonCommand(options({ pythonPath: fake.path }), config);
  assert.deepEqual(first, second);
  assert.ok('command' in first);
  assert.equal(first.command, fake.path);
  assert.equal(await fake.calls(), 1);
});

test(
  'a shim in front of the interpreter (pyenv) runs once: the probe starts what it runs',
  { skip: !posix },
  async () => {
    const shim = await fakePython('python3-shim', 'Python 3.11.7', '/opt/pythons/3.11.7/bin/python3');
    const command = await buildPythonCommand(options({ pythonPath: shim.path }), config);
    assert.ok('command' in command, JSON.stringify(command));
    assert.equal(command.command, '/opt/pythons/3.11.7/bin/python3');
    assert.equal(await shim.calls(), 1);
  },
);

test('a relative interpreter path is taken from the working directory', { skip: !posix }, async () => {
  const fake = await fakePython('python-relative', 'Python 3.10.4');
  const command = await buildPythonCommand(options({ pythonPath: './python-relative', cwd: dir }), config);
  assert.ok('command' in command);
  assert.equal(command.command, fake.path);
});

test("something that is not Python is a 'runtime' error quoting what it said", { skip: !posix }, async () => {
  const fake = await fakePython('not-python', 'v20.20.2');
  const command = await buildPythonCommand(options({ pythonPath: fake.path }), config);
  assert.ok('error' in command);
  assert.equal(command.error.kind, 'runtime');
  assert.ok(command.error.message.includes('does not look like Python'), command.error.message);
  assert.ok(command.error.message.includes('v20.20.2'));
});

test('version strings: stdout or stderr, with or without a patch level or suffix', () => {
  assert.deepEqual(parsePythonVersion('Python 3.11.7\n'), { version: '3.11.7', major: 3, minor: 11 });
  assert.deepEqual(parsePythonVersion('\nPython 2.7.18'), { version: '2.7.18', major: 2, minor: 7 });
  assert.deepEqual(parsePythonVersion('Python 3.13.0rc1'), { version: '3.13.0', major: 3, minor: 13 });
  assert.deepEqual(parsePythonVersion('Python 3.9'), { version: '3.9', major: 3, minor: 9 });
  assert.equal(parsePythonVersion('command not found'), null);
});
