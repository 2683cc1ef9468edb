/**
 * Retainer capture inside the workload's process (Node), after the measurement, for a failing or
 * suspect workload only: who holds the objects the growing sites allocate.
 *
 * How: a few more iterations run under V8's allocation tracking (`HeapProfiler.startTrackingHeapObjects`
 * with `trackAllocations`), then one heap snapshot is taken. Every object allocated during those
 * iterations and still alive carries its allocation stack (the snapshot's trace tree), which ties it to
 * a growing site exactly: the sampler reports sites as (function, file, function's line), and the trace
 * tree names functions the same way. Objects that were alive before are in the snapshot without a trace:
 * they are the old holders the paths run through. Tracking only during these iterations keeps its cost
 * (every allocation is recorded) off the measured passes and off clean workloads entirely.
 *
 * The snapshot streams from the inspector straight into typed arrays (analysis/heap-graph.ts), never
 * one big string. Imports only node:* and pure analysis modules: bundled into the probe.
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { HeapSnapshotLoader, nodeId, nodeType, type TraceFunction } from '../../analysis/heap-graph.ts';
import type { Frame } from '../../analysis/model.ts';
import { analyseRetainers, type RetainerAnalysis, type RetainerPath } from '../../analysis/retainers.ts';

/** A growing site as the sampler reports it: function, file (absolute path) and the function's 1-based line. */
export interface RetainerSite {
  functionName: string;
  file: string;
  line: number;
}

export interface CaptureRetainersOptions {
  /** The top growing sites; the result has one list of paths per site, in this order. */
  sites: readonly RetainerSite[];
  /** One iteration of the workload (the probe's own call, which awaits a returned promise). */
  iterate: () => Promise<unknown>;
  /** Iterations to run after the marker (fewer if the time budget runs short). Default 10. */
  iterations?: number;
  /**
   * Record allocation stacks during those iterations (V8's allocation tracker): the most direct tie to a
   * site, but V8 keeps them only for some objects (measured: often none of a small leak's objects on
   * Node 20), so they are one clue among others. Default true.
   */
  trackAllocations?: boolean;
  /** Skip when heapUsed exceeds this (a snapshot costs a multiple of the heap in RSS). Default 512 MiB. */
  heapLimit?: number;
  /**
   * The measured growth per iteration (heapUsed + external), bytes. When given (with `collect`), iterations
   * continue past `iterations`, that many at a time (up to `maxIterations`, within the time), until the live
   * heap has grown by half of what they should add: growth that lands in room an old object already has
   * (numbers pushed into an array's spare capacity) creates no new object until the array's store is
   * reallocated, at 1.5× its size.
   */
  growthPerIteration?: number;
  /** Default 20 × iterations. */
  maxIterations?: number;
  /** Time for the extra iterations (at least one runs). Default 10 s. */
  iterationsTimeoutMs?: number;
  /**
   * Time for the walk from the roots (it stops there and the paths cover what it reached: stats.truncated).
   * The snapshot itself cannot be interrupted: the heap limit is what bounds it. Default 30 s.
   */
  analysisTimeoutMs?: number;
  /** Paths kept per site. Default 5. */
  maxPaths?: number;
  /** Full collections, as the probe does them (after event-loop turns). Default: none besides the snapshot's own. */
  collect?: () => Promise<void>;
  /** URL prefixes of memgate's own code: objects it allocates are not the workload's. */
  probeUrlPrefixes?: readonly string[];
  /** Maps a frame of generated code back to its source (the probe's source-map remap). */
  remap?: (frame: Frame) => Frame;
}

export interface RetainerCaptureStats {
  heapUsed: number;
  iterations: number;
  trackedMs: number;
  /** Taking and parsing the snapshot (they stream together). */
  snapshotMs: number;
  analysisMs: number;
  nodes: number;
  edges: number;
  newObjects: number;
  newBytes: number;
  /** How the new objects' sites were decided (analysis/retainers.ts), in objects. */
  attributed: RetainerAnalysis['stats']['attributed'];
  truncated: boolean;
}

export type RetainerCapture =
  | { status: 'captured'; sites: RetainerPath[][]; unattributed: RetainerPath[]; stats: RetainerCaptureStats }
  | { status: 'skipped' | 'failed'; reason: string };

export const DEFAULT_HEAP_LIMIT = 512 * 1024 * 1024;
const DEFAULT_ITERATIONS_MS = 10_000;
const DEFAULT_ANALYSIS_MS = 30_000;
/** The inspector pushes heap statistics every 50 ms while tracking. */
const MARKER_WAIT_MS = 2_000;

/** Why the heap is too big for a snapshot, or null when it is not. */
export function heapOverLimit(limit: number): string | null {
  const { heapUsed } = process.memoryUsage();
  return heapUsed > limit
    ? `the heap holds ${mib(heapUsed)} MiB, over the ${mib(limit)} MiB limit for a heap snapshot (it needs several times the heap in memory)`
    : null;
}

export async function captureRetainers(options: CaptureRetainersOptions): Promise<RetainerCapture> {
  const over = heapOverLimit(options.heapLimit ?? DEFAULT_HEAP_LIMIT);
  if (over) return { status: 'skipped', reason: over };
  const { heapUsed } = process.memoryUsage();
  const started = performance.now();
  const session = new Session();
  const post = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  let tracking = false;
  try {
    session.connect();
    await post('HeapProfiler.enable');
    await options.collect?.();
    const live0 = live();
    // Tracking assigns an id to every live object; the first statistics event reports the highest one.
    // Objects the snapshot later finds with a higher id were allocated since: the growth.
    const marker = new Promise<number>((resolve) => {
      session.once('HeapProfiler.lastSeenObjectId', (message: { params: { lastSeenObjectId: number } }) =>
        resolve(message.params.lastSeenObjectId),
      );
    });
    await post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: options.trackAllocations ?? true });
    tracking = true;
    // The wait starts once tracking has started: on a 200 MiB heap starting it alone takes longer than the wait.
    let timer: NodeJS.Timeout | undefined;
    const lastOldId = await Promise.race([
      marker,
      new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), MARKER_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (lastOldId < 0) throw new Error(`the inspector sent no heap statistics within ${MARKER_WAIT_MS} ms`);
    const wanted = options.iterations ?? 10;
    const most = Math.max(wanted, options.maxIterations ?? wanted * 20);
    const rate = options.growthPerIteration ?? 0;
    let iterations = 0;
    const i0 = performance.now();
    const inTime = (): boolean =>
      iterations === 0 || performance.now() - i0 < (options.iterationsTimeoutMs ?? DEFAULT_ITERATIONS_MS);
    for (let target = wanted; ; target = Math.min(most, target + wanted)) {
      while (iterations < target && inTime()) {
        await options.iterate();
        iterations++;
      }
      // Live growth (after a full collection) short of half the measured rate: the growth went into room old
      // objects had; more iterations, until a store is reallocated (a new object) or the budget runs out.
      if (!(rate > 0) || !options.collect || iterations >= most || !inTime()) break;
      await options.collect();
      if (live() - live0 >= (iterations * rate) / 2) break;
    }
    const trackedMs = performance.now() - started;
    await options.collect?.();

    // Stopping the tracking takes the snapshot (with the allocation traces): no second snapshot needed.
    const s0 = performance.now();
    const loader = new HeapSnapshotLoader();
    let streamError: unknown;
    const onChunk = (message: { params: { chunk: string } }): void => {
      if (streamError !== undefined) return;
      try {
        loader.write(message.params.chunk);
      } catch (error) {
        streamError = error;
      }
    };
    session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    try {
      await post('HeapProfiler.stopTrackingHeapObjects', { reportProgress: false });
    } finally {
      tracking = false;
      session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    }
    if (streamError !== undefined) throw streamError;
    const graph = loader.finish();
    const snapshotMs = performance.now() - s0;

    const a0 = performance.now();
    const analysis = analyseRetainers(graph, {
      siteCount: options.sites.length,
      siteOf: siteMatcher(options),
      siteAt: enclosingSite(options.sites),
      // Natives (the embedder's objects) get ids of their own, not comparable with the marker.
      isNew: (g, n) => nodeId(g, n) > lastOldId && nodeType(g, n) !== 'native',
      locate: locator(options.remap),
      declarationLine,
      maxPaths: options.maxPaths ?? 5,
      deadline: Date.now() + (options.analysisTimeoutMs ?? DEFAULT_ANALYSIS_MS),
    });
    return captured(analysis, { heapUsed, iterations, trackedMs, snapshotMs, analysisMs: performance.now() - a0 });
  } catch (error) {
    return {
      status: 'failed',
      reason: `retainer capture failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    if (tracking) await post('HeapProfiler.stopTrackingHeapObjects', { reportProgress: false }).catch(() => undefined);
    session.disconnect();
  }
}

function captured(
  analysis: RetainerAnalysis,
  stats: Omit<RetainerCaptureStats, 'nodes' | 'edges' | 'newObjects' | 'newBytes' | 'attributed' | 'truncated'>,
): RetainerCapture {
  const { nodes, edges, newObjects, newBytes, attributed, truncated } = analysis.stats;
  return {
    status: 'captured',
    sites: analysis.sites,
    unattributed: analysis.unattributed,
    stats: { ...stats, nodes, edges, newObjects, newBytes, attributed, truncated },
  };
}

/** The heap's live size as the measurement counts it (after a collection): heapUsed + external. */
const live = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

const toPath = (url: string): string => {
  if (!url.startsWith('file://')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
};

/** The allocation stack's frames as the sampler reports them (path, 1-based function position, remapped). */
function toFrame(fn: TraceFunction, remap: ((frame: Frame) => Frame) | undefined): Frame {
  const frame = { functionName: fn.name, file: toPath(fn.scriptName), line: fn.line, column: fn.column };
  return remap && frame.line > 0 ? remap(frame) : frame;
}

/**
 * An object belongs to the innermost frame of its allocation stack that is a growing site (the sites are
 * user frames; a dependency's allocations sit under the user's call). An object whose innermost scripted
 * frame is memgate's own is left out.
 */
export function siteMatcher(
  options: Pick<CaptureRetainersOptions, 'sites' | 'probeUrlPrefixes' | 'remap'>,
): (stack: readonly TraceFunction[]) => number | null {
  const keys = new Map<string, number>();
  options.sites.forEach((site, index) => {
    const key = `${site.functionName}\u0000${site.file}\u0000${site.line}`;
    if (!keys.has(key)) keys.set(key, index);
  });
  const prefixes = options.probeUrlPrefixes ?? [];
  return (stack) => {
    const innermostScripted = stack.find((fn) => fn.scriptName !== '' && !fn.scriptName.startsWith('node:'));
    if (innermostScripted && prefixes.some((prefix) => innermostScripted.scriptName.startsWith(prefix))) return null;
    for (const fn of stack) {
      if (fn.scriptName === '') continue;
      const frame = toFrame(fn, options.remap);
      const site = keys.get(`${frame.functionName}\u0000${frame.file}\u0000${frame.line}`);
      if (site !== undefined) return site;
    }
    return -1;
  };
}

/** The site of `file` whose function starts last at or before `line` (line 0: the file's top site), or -1. */
export function enclosingSite(sites: readonly RetainerSite[]): (file: string, line: number) => number {
  return (file, line) => {
    let best = -1;
    sites.forEach((site, index) => {
      if (site.file !== file) return;
      if (line === 0) {
        if (best < 0) best = index;
      } else if (site.line <= line && (best < 0 || site.line > sites[best]!.line)) best = index;
    });
    return best;
  };
}

function locator(
  remap: ((frame: Frame) => Frame) | undefined,
): (scriptName: string, line: number, column: number) => { file: string; line: number } {
  return (scriptName, line, column) => {
    const frame = toFrame({ name: '', scriptName, scriptId: 0, line, column }, remap);
    return { file: frame.file, line: frame.line };
  };
}

const sources = new Map<string, string[] | null>();

/** The first line declaring `name` (const/let/var/function/class, or a destructuring that names it). */
export function declarationLine(file: string, name: string): number | undefined {
  let lines = sources.get(file);
  if (lines === undefined) {
    try {
      lines = readFileSync(file, 'utf8').split('\n');
    } catch {
      lines = null;
    }
    sources.set(file, lines);
  }
  if (!lines || !/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name)) return undefined;
  const declared = new RegExp(`\\b(?:const|let|var|function\\*?|class)\\s+${name.replace(/\$/g, '\\$')}\\b`);
  const destructured = new RegExp(
    `\\b(?:const|let|var)\\s*[{[][^=]*\\b${name.replace(/\$/g, '\\$')}\\b[^=]*[}\\]]\\s*=`,
  );
  const index = lines.findIndex((line) => declared.test(line) || destructured.test(line));
  return index >= 0 ? index + 1 : undefined;
}
