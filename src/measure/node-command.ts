/**
 * The command line that starts the Node probe with the user's `node`: GC exposed, TypeScript loaded
 * as the project writes it, source maps on, the user's own extra flags, then the probe.
 *
 * TypeScript: through the tsx loader on every Node (memgate's own dependency, else the project's), so
 * that a project's TypeScript runs as the project writes it; Node's own type stripping only when tsx
 * cannot be found (on by default from 22.18 / 23.6; behind --experimental-strip-types from 22.6 / 23.0).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkloadError } from '../analysis/model.ts';
import { locateProbe } from './runner.ts';

export interface NodeInfo {
  /** e.g. '20.20.2' */
  version: string;
  major: number;
  minor: number;
  /** `process.features.typescript`: 'strip' | 'transform' when types are stripped natively, else null. */
  typescript: string | null;
}

export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts'];
const MIN_MAJOR = 20;
/** TurboFan and Maglev inlining off (both flags exist in Node 20, 22 and 24). */
export const NO_INLINING = ['--no-turbo-inlining', '--no-maglev-inlining'];

/** The probe as shipped in dist/probe/, bundled from probe/node-probe.ts by `npm run build`. */
export const NODE_PROBE = 'node-probe.mjs';

export const locateNodeProbe = (): string | null => locateProbe(NODE_PROBE);

const infoCache = new Map<string, Promise<NodeInfo | WorkloadError>>();

/** Asks the node binary about itself once per path (one `node -p`, cached for the process). */
export function nodeInfo(nodePath: string): Promise<NodeInfo | WorkloadError> {
  let cached = infoCache.get(nodePath);
  if (!cached) {
    const own = ownInfo(nodePath);
    cached = own ? Promise.resolve(own) : queryNode(nodePath);
    infoCache.set(nodePath, cached);
  }
  return cached;
}

/**
 * The Node running memgate (the CLI's default `--node`) answers for itself, without a `node -p` (~50-150 ms of every
 * run's start-up): unless a flag of this process changes type stripping, which the question asks without.
 */
export function ownInfo(nodePath: string): NodeInfo | null {
  if (nodePath !== process.execPath) return null;
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  if (/strip-types|transform-types/.test(flags)) return null;
  const version = process.versions.node;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const typescript = (process.features as { typescript?: string | false }).typescript || null;
  return { version, major, minor, typescript };
}

function queryNode(nodePath: string): Promise<NodeInfo | WorkloadError> {
  const script =
    'JSON.stringify({ version: process.versions.node, typescript: (process.features && process.features.typescript) || null })';
  return new Promise((resolve) => {
    // Without NODE_OPTIONS: a flag meant for the workload must not break this question.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    execFile(nodePath, ['-p', script], { timeout: 30_000, env }, (error, stdout) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        resolve({
          kind: 'runtime',
          message: missing
            ? `node not found: could not run "${nodePath}" (is it installed and on PATH?)`
            : `could not run "${nodePath} -p": ${error.message}`,
        });
        return;
      }
      try {
        const parsed = JSON.parse(stdout.trim()) as { version: string; typescript: string | null };
        const [major = 0, minor = 0] = parsed.version.split('.').map(Number);
        resolve({ version: parsed.version, major, minor, typescript: parsed.typescript || null });
      } catch {
        resolve({
          kind: 'runtime',
          message: `"${nodePath}" does not look like Node.js (unexpected answer: ${stdout.trim().slice(0, 200)})`,
        });
      }
    });
  });
}

/**
 * What loaded the workload's code, for the report: `tsx <version>`, Node's own type stripping, or
 * nothing (JavaScript).
 */
export type Loader = `tsx ${string}` | 'native' | 'none';

export type TypeScriptMode =
  | { mode: 'tsx'; loader: Loader; flags: string[] }
  | { mode: 'native'; loader: 'native'; flags: string[] }
  | { error: WorkloadError };

/** tsx's loader entry (`--import` it) and its version. */
export interface TsxLocation {
  entry: string;
  version: string;
}

/** Node 22.6–22.17 and 23.0–23.5 strip types only when asked. */
const stripsBehindFlag = (info: NodeInfo): boolean =>
  (info.major === 22 && info.minor >= 6 && info.minor < 18) || (info.major === 23 && info.minor < 6);

/**
 * Where tsx is: memgate's own dependency first (the version memgate is tested with), then the workload's
 * project (the Action's checkout of memgate has no node_modules).
 */
export function resolveTsx(workload: string): TsxLocation | null {
  for (const base of [import.meta.url, join(dirname(workload), 'noop.js')]) {
    try {
      const require = createRequire(base);
      const entry = require.resolve('tsx');
      const { version } = require('tsx/package.json') as { version: string };
      return { entry, version };
    } catch {
      // Not installed there (or too old to export its package.json).
    }
  }
  return null;
}

/**
 * TypeScript goes through tsx on every Node, even where Node strips types itself: native stripping refuses
 * what most projects write (`import './app.js'` for app.ts, extensionless imports, `enum`, `namespace`,
 * tsconfig `paths`), and tsx runs all of it. Native stripping is the fallback when tsx cannot be found.
 */
export function typeScriptMode(
  info: NodeInfo,
  workload: string,
  findTsx: (workload: string) => TsxLocation | null = resolveTsx,
): TypeScriptMode {
  const tsx = findTsx(workload);
  // tsx compiles to new code: V8 positions refer to it, and the probe maps them back through the source maps.
  if (tsx)
    return {
      mode: 'tsx',
      loader: `tsx ${tsx.version}`,
      flags: ['--enable-source-maps', '--import', pathToFileURL(tsx.entry).href],
    };
  // Native stripping keeps every position where it was: no source maps needed.
  if (info.typescript) return { mode: 'native', loader: 'native', flags: [] };
  if (stripsBehindFlag(info))
    return {
      mode: 'native',
      loader: 'native',
      flags: ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'],
    };
  return {
    error: {
      kind: 'runtime',
      message: `${workload} is TypeScript, and Node ${info.version} cannot run TypeScript by itself: memgate's tsx loader was not found (reinstall memgate, or install tsx in your project: npm install --save-dev tsx), or use Node 22.18 or later, which strips types natively`,
    },
  };
}

/** `node [flags] <probe>` for this workload, or why it cannot run. */
export async function buildNodeCommand(options: {
  workload: string;
  nodePath?: string;
  nodeArgs?: string[];
  probePath: string;
  /** Keep V8's inlining (faster, but an inlined callee's allocations are attributed to its caller). */
  inlining?: boolean;
}): Promise<{ command: string; args: string[]; loader: Loader } | { error: WorkloadError }> {
  const command = options.nodePath ?? 'node';
  const info = await nodeInfo(command);
  if ('kind' in info) return { error: info };
  if (info.major < MIN_MAJOR) {
    return {
      error: {
        kind: 'runtime',
        message: `memgate needs Node ${MIN_MAJOR} or later to measure a workload; "${command}" is Node ${info.version}`,
      },
    };
  }
  // Without inlining each allocation stays in the function that made it (V8's profiler records only
  // the outermost function of an optimised frame); the price is slower optimised code.
  const flags = ['--expose-gc', ...(options.inlining ? [] : NO_INLINING)];
  let loader: Loader = 'none';
  if (TYPESCRIPT_EXTENSIONS.includes(extname(options.workload))) {
    const ts = typeScriptMode(info, options.workload);
    if ('error' in ts) return { error: ts.error };
    flags.push(...ts.flags);
    loader = ts.loader;
  } else {
    // Compiled JavaScript with source maps (tsc, a bundler) is reported at its source lines. Without
    // any map this costs ~0.15 MB of heap and ~10% on reading Error.stack; a map costs about its own size
    // in heap, which is what reporting .ts lines needs.
    flags.push('--enable-source-maps');
  }
  return { command, args: [...flags, ...(options.nodeArgs ?? []), options.probePath], loader };
}
