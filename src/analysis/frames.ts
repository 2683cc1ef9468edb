/**
 * Which code a stack frame belongs to, and which frame of a stack an allocation is charged to.
 *
 * - 'user': the project's own code, the lines a report should name.
 * - 'dependency': third-party packages (a `node_modules` segment; Python's `site-packages`/`dist-packages`).
 * - 'runtime': the interpreter itself: Node's `node:` modules, native code (no file), V8's pseudo-frames,
 *   Python's frozen modules and stdlib (`runtimePaths`), and memgate's own probe, which calls the workload.
 */
import { fileURLToPath } from 'node:url';
import type { Frame } from './model.ts';

export type FrameKind = 'user' | 'dependency' | 'runtime';

export interface FrameOptions {
  /** Path prefixes that count as runtime (Python's stdlib), from RuntimeInfo.libraryPaths. */
  runtimePaths?: string[];
  /** Charge allocations to the first user frame, walking past dependencies (default true). */
  skipDependencies?: boolean;
}

/** V8's pseudo-frames for work that is not JavaScript (the profile's root, GC, API calls, idle time). */
const RUNTIME_FUNCTIONS = new Set(['(root)', '(program)', '(V8 API)', '(GC)', '(idle)', '(garbage collector)']);

const DEPENDENCY_SEGMENTS = ['/node_modules/', '/site-packages/', '/dist-packages/'];

/** memgate's probes: they call the workload, so they sit outermost on every stack. */
const PROBE_FILES = [
  '/probe/node-probe.mjs',
  '/probe/node-probe.js',
  '/probe/node-probe.ts',
  '/probe/python_probe.py',
  '/probe/python_loader.py',
];

/** '/'-separated, file:// URLs turned into paths; runtime ids (node:..., <frozen ...>) unchanged. */
export function normalizeFile(file: string): string {
  if (file.startsWith('file://')) {
    try {
      return fileURLToPath(file).replace(/\\/g, '/');
    } catch {
      return file;
    }
  }
  return file.replace(/\\/g, '/');
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Windows drive paths compare case-insensitively (C:/Work and c:/work are one directory). */
function comparable(path: string): string {
  return /^[A-Za-z]:\//.test(path) ? path.toLowerCase() : path;
}

/** `file` relative to `cwd` ('/'-separated) when it lies inside it; otherwise `file` normalised but absolute. */
export function relativePath(file: string, cwd: string): string {
  const normalized = normalizeFile(file);
  const base = stripTrailingSlash(normalizeFile(cwd));
  if (base === '') return normalized;
  const prefix = base === '/' ? '/' : `${base}/`;
  if (comparable(normalized).startsWith(comparable(prefix))) return normalized.slice(prefix.length);
  return normalized;
}

function isUnderAny(path: string, prefixes: readonly string[]): boolean {
  const target = comparable(path);
  return prefixes.some((prefix) => target === prefix || target.startsWith(prefix === '/' ? '/' : `${prefix}/`));
}

/** Classification by file alone: the part worth caching. */
function classifyFile(file: string, runtimePrefixes: readonly string[]): FrameKind {
  if (file === '') return 'runtime';
  if (file.startsWith('node:') || file.startsWith('internal/') || file.startsWith('evalmachine.')) return 'runtime';
  // Python pseudo-files: <frozen importlib._bootstrap>, <string>, <stdin>, <unknown>.
  if (file.startsWith('<')) return 'runtime';
  const path = normalizeFile(file);
  const padded = path.startsWith('/') ? path : `/${path}`;
  if (PROBE_FILES.some((probe) => padded.endsWith(probe))) return 'runtime';
  if (DEPENDENCY_SEGMENTS.some((segment) => padded.includes(segment))) return 'dependency';
  if (runtimePrefixes.length > 0 && isUnderAny(path, runtimePrefixes)) return 'runtime';
  return 'user';
}

/** A classifier that remembers each file's kind: stacks repeat the same few hundred files thousands of times. */
export function createFrameClassifier(runtimePaths: readonly string[] = []): (frame: Frame) => FrameKind {
  const prefixes = runtimePaths.map((p) => comparable(stripTrailingSlash(normalizeFile(p)))).filter((p) => p !== '');
  const byFile = new Map<string, FrameKind>();
  return (frame) => {
    if (RUNTIME_FUNCTIONS.has(frame.functionName)) return 'runtime';
    let kind = byFile.get(frame.file);
    if (kind === undefined) {
      kind = classifyFile(frame.file, prefixes);
      byFile.set(frame.file, kind);
    }
    return kind;
  };
}

export function classifyFrame(frame: Frame, options: FrameOptions = {}): FrameKind {
  return createFrameClassifier(options.runtimePaths)(frame);
}

/**
 * The frame an allocation is charged to, walking from the innermost frame outwards: the first user frame
 * (by default past dependencies too: JIT inlining and helper libraries move the allocating frame away
 * from the user's line); failing that, the first dependency frame; failing that, the innermost frame.
 * With `skipDependencies: false`, the first frame that is not runtime. Undefined for an empty stack.
 */
export function attributionFrame(
  stack: readonly Frame[],
  options: FrameOptions = {},
  classify: (frame: Frame) => FrameKind = createFrameClassifier(options.runtimePaths),
): Frame | undefined {
  const skipDependencies = options.skipDependencies ?? true;
  let firstDependency: Frame | undefined;
  for (const frame of stack) {
    const kind = classify(frame);
    if (kind === 'user') return frame;
    if (kind === 'dependency') {
      if (!skipDependencies) return frame;
      firstDependency ??= frame;
    }
  }
  return firstDependency ?? stack[0];
}
