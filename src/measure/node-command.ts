/**
 * The command line that starts the Node probe with the user's `node`: GC exposed, TypeScript loaded
 * the cheapest correct way for that node, the user's own extra flags, then the probe.
 *
 * TypeScript: Node's own type stripping where it exists (on by default from 22.18 / 23.6; behind
 * --experimental-strip-types from 22.6 / 23.0), else the tsx loader (Node 20), resolved from the
 * workload's project first and then from memgate's own dependencies.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkloadError } from '../analysis/model.ts';

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

const infoCache = new Map<string, Promise<NodeInfo | WorkloadError>>();

/** Asks the node binary about itself once per path (one `node -p`, cached for the process). */
export function nodeInfo(nodePath: string): Promise<NodeInfo | WorkloadError> {
  let cached = infoCache.get(nodePath);
  if (!cached) {
    cached = queryNode(nodePath);
    infoCache.set(nodePath, cached);
  }
  return cached;
}

function queryNode(nodePath: string): Promise<NodeInfo | WorkloadError> {
  const script = 'JSON.stringify({ version: process.versions.node, typescript: (process.features && process.features.typescript) || null })';
  return new Promise((resolve) => {
    // Without NODE_OPTIONS: a flag meant for the workload must not break this question.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    execFile(nodePath, ['-p', script], { timeout: 30_000, env }, (error, stdout) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        resolve({
          kind: 'runtime',
          message: missing ? `node not found: could not run "${nodePath}" (is it installed and on PATH?)` : `could not run "${nodePath} -p": ${error.message}`,
        });
        return;
      }
      try {
        const parsed = JSON.parse(stdout.trim()) as { version: string; typescript: string | null };
        const [major = 0, minor = 0] = parsed.version.split('.').map(Number);
        resolve({ version: parsed.version, major, minor, typescript: parsed.typescript || null });
      } catch {
        resolve({ kind: 'runtime', message: `"${nodePath}" does not look like Node.js (unexpected answer: ${stdout.trim().slice(0, 200)})` });
      }
    });
  });
}

export type TypeScriptMode = { mode: 'native'; flags: string[] } | { mode: 'tsx'; flags: string[] } | { error: WorkloadError };

/** Node 22.6–22.17 and 23.0–23.5 strip types only when asked. */
const stripsBehindFlag = (info: NodeInfo): boolean =>
  (info.major === 22 && info.minor >= 6 && info.minor < 18) || (info.major === 23 && info.minor < 6);

/** Where tsx's loader entry (`--import tsx`) lives: the workload's project first, then memgate's. */
export function resolveTsx(workload: string): string | null {
  for (const base of [join(dirname(workload), 'noop.js'), import.meta.url]) {
    try {
      return createRequire(base).resolve('tsx');
    } catch {
      // Not installed there.
    }
  }
  return null;
}

export function typeScriptMode(info: NodeInfo, workload: string, findTsx: (workload: string) => string | null = resolveTsx): TypeScriptMode {
  if (info.typescript) return { mode: 'native', flags: [] };
  if (stripsBehindFlag(info)) return { mode: 'native', flags: ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'] };
  const tsx = findTsx(workload);
  if (!tsx) {
    return {
      error: {
        kind: 'runtime',
        message: `${workload} is TypeScript, and Node ${info.version} cannot run TypeScript by itself: install the tsx loader in your project (npm install --save-dev tsx) or use Node 22.18 or later, which strips types natively`,
      },
    };
  }
  // tsx compiles to new code: V8 positions refer to it, and the probe maps them back through the source maps.
  return { mode: 'tsx', flags: ['--enable-source-maps', '--import', pathToFileURL(tsx).href] };
}

/** `node [flags] <probe>` for this workload, or why it cannot run. */
export async function buildNodeCommand(options: {
  workload: string;
  nodePath?: string;
  nodeArgs?: string[];
  probePath: string;
  /** Keep V8's inlining (faster, but an inlined callee's allocations are attributed to its caller). */
  inlining?: boolean;
}): Promise<{ command: string; args: string[] } | { error: WorkloadError }> {
  const command = options.nodePath ?? 'node';
  const info = await nodeInfo(command);
  if ('kind' in info) return { error: info };
  if (info.major < MIN_MAJOR) {
    return { error: { kind: 'runtime', message: `memgate needs Node ${MIN_MAJOR} or later to measure a workload; "${command}" is Node ${info.version}` } };
  }
  // Without inlining each allocation stays in the function that made it (V8's profiler records only
  // the outermost function of an optimised frame); the price is slower optimised code.
  const flags = ['--expose-gc', ...(options.inlining ? [] : NO_INLINING)];
  if (TYPESCRIPT_EXTENSIONS.includes(extname(options.workload))) {
    const ts = typeScriptMode(info, options.workload);
    if ('error' in ts) return { error: ts.error };
    flags.push(...ts.flags);
  }
  return { command, args: [...flags, ...(options.nodeArgs ?? []), options.probePath] };
}
