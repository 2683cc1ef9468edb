/**
 * tracemalloc's `Snapshot.compare_to` for memgate's snapshots: group each snapshot's live allocations by site,
 * then report per site what is live after pass 2 and how that changed since the baseline.
 */
import type { GroupBy } from '../choices.ts';
import type { Allocation, Frame, Snapshot } from './model.ts';
import { attributionFrame, createFrameClassifier, relativePath, type FrameKind } from './frames.ts';
import { createSiteFilter } from './filters.ts';

export type { GroupBy };

/** Innermost runtime frames kept under a site whose allocation happened wholly inside the runtime. */
const RUNTIME_FRAMES_SHOWN = 3;

/** One site's change between two snapshots: tracemalloc's StatisticDiff. */
export interface SiteDiff {
  /** Stable identity of the site under the grouping; equal keys across runs mean the same site. */
  key: string;
  /** Relative to `cwd`, '/'-separated; runtime ids (node:...) kept as they are. */
  file: string;
  /** 1-based; 0 for `file` grouping. */
  line: number;
  function: string;
  size: number;
  sizeDiff: number;
  count: number;
  countDiff: number;
  /** Innermost first, paths relative to cwd. */
  traceback: { file: string; line: number; function: string }[];
}

export interface DiffOptions {
  groupBy: GroupBy;
  /** Working directory: file paths in the result are made relative to it. */
  cwd: string;
  /** Include globs (empty = everything), matched against the cwd-relative path of the attributed frame. */
  include: string[];
  exclude: string[];
  /** Attribute to the first frame in user code, walking past node_modules (default true). */
  skipDependencies?: boolean;
  /** Extra path prefixes that count as runtime (e.g. Python's stdlib), from RuntimeInfo.libraryPaths. */
  runtimePaths?: string[];
}

type TracebackFrame = SiteDiff['traceback'][number];

/** One site while grouping: totals per snapshot and the allocations behind them (to pick the traceback). */
interface SiteTotals {
  key: string;
  file: string;
  line: number;
  function: string;
  size: number;
  count: number;
  baseSize: number;
  baseCount: number;
  afterAllocations: Allocation[];
  baseAllocations: Allocation[];
}

/**
 * How a frame reads in keys: `src/cache.ts:42 (remember)`; `app/db.py:7` when the runtime gives no function
 * name (tracemalloc never does; V8 for anonymous functions); a native frame by its name alone.
 */
function frameLabel(file: string, line: number, functionName: string): string {
  if (file === '') return functionName || '(native)';
  return functionName ? `${file}:${line} (${functionName})` : `${file}:${line}`;
}

/** Joins frame labels innermost first, like a stack read bottom-up. */
const TRACEBACK_SEPARATOR = ' < ';

/** `compare(after, baseline)`: per-site growth sorted by sizeDiff descending (then size descending, then key). */
export function diffSnapshots(after: Snapshot, baseline: Snapshot, options: DiffOptions): SiteDiff[] {
  const classify = createFrameClassifier(options.runtimePaths);
  const keep = createSiteFilter(options);
  const frameOptions = { skipDependencies: options.skipDependencies ?? true };
  const relativeFiles = new Map<string, string>();
  const relative = (file: string): string => {
    let path = relativeFiles.get(file);
    if (path === undefined) {
      path = relativePath(file, options.cwd);
      relativeFiles.set(file, path);
    }
    return path;
  };

  /** The stack as shown and as keyed by `traceback`: runtime frames dropped unless nothing else is left. */
  const visibleFrames = (stack: readonly Frame[]): Frame[] => {
    const visible = stack.filter((frame) => classify(frame) !== 'runtime');
    return visible.length > 0 ? visible : [...stack];
  };
  const toTraceback = (frame: Frame): TracebackFrame => ({
    file: relative(frame.file),
    line: frame.line,
    function: frame.functionName,
  });
  /**
   * The call path shown: the visible frames, and when the allocation was made wholly inside the runtime (no frame
   * of the user's or a dependency's below the site, e.g. fetch's internals under `run`), the innermost runtime
   * frames that have a file too, so that the row says where (`allocated in node:internal/deps/undici/...`), not
   * just `run`. Builtins without one (`push`, `JSON.parse`) are plain from the site's own line.
   */
  const tracebackOf = (stack: readonly Frame[]): TracebackFrame[] => {
    const visible = visibleFrames(stack);
    const firstVisible = stack.findIndex((frame) => classify(frame) !== 'runtime');
    const inside =
      firstVisible > 0
        ? stack
            .slice(0, firstVisible)
            .filter((f) => f.file !== '')
            .slice(0, RUNTIME_FRAMES_SHOWN)
        : [];
    return [...inside, ...visible].map(toTraceback);
  };
  const tracebackKey = (stack: readonly Frame[]): string => {
    const labels: string[] = [];
    for (const frame of visibleFrames(stack))
      labels.push(frameLabel(relative(frame.file), frame.line, frame.functionName));
    return labels.join(TRACEBACK_SEPARATOR);
  };

  const sites = new Map<string, SiteTotals>();
  const add = (snapshot: Snapshot, isAfter: boolean): void => {
    for (const allocation of snapshot.allocations) {
      if (allocation.size === 0 && allocation.count === 0) continue;
      const frame = attributionFrame(allocation.stack, frameOptions, classify);
      const kind: FrameKind = frame ? classify(frame) : 'runtime';
      const file = frame ? relative(frame.file) : '';
      if (!keep(file, kind)) continue;
      const line = frame?.line ?? 0;
      const functionName = frame?.functionName ?? '';
      let key: string;
      if (options.groupBy === 'file') key = file === '' ? frameLabel('', 0, functionName) : file;
      else if (options.groupBy === 'traceback')
        key = allocation.stack.length > 0 ? tracebackKey(allocation.stack) : '(no stack)';
      else key = frameLabel(file, line, functionName);
      let site = sites.get(key);
      if (site === undefined) {
        site = {
          key,
          file,
          line: options.groupBy === 'file' ? 0 : line,
          function: options.groupBy === 'file' ? '' : functionName,
          size: 0,
          count: 0,
          baseSize: 0,
          baseCount: 0,
          afterAllocations: [],
          baseAllocations: [],
        };
        sites.set(key, site);
      }
      if (isAfter) {
        site.size += allocation.size;
        site.count += allocation.count;
        site.afterAllocations.push(allocation);
      } else {
        site.baseSize += allocation.size;
        site.baseCount += allocation.count;
        site.baseAllocations.push(allocation);
      }
    }
  };
  add(after, true);
  add(baseline, false);

  const result: SiteDiff[] = [];
  for (const site of sites.values()) {
    const sizeDiff = site.size - site.baseSize;
    result.push({
      key: site.key,
      file: site.file,
      line: site.line,
      function: site.function,
      size: site.size,
      sizeDiff,
      count: site.count,
      countDiff: site.count - site.baseCount,
      traceback: tracebackOf(largestContributor(site, sizeDiff)),
    });
  }
  result.sort(compareSites);
  return result;
}

/** Same call path: file, line and function of every frame (columns differ between inlined copies). */
function sameStack(a: readonly Frame[], b: readonly Frame[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Frame;
    const y = b[i] as Frame;
    if (x.line !== y.line || x.file !== y.file || x.functionName !== y.functionName) return false;
  }
  return true;
}

/** A cheap numeric hash of a call path, from numbers only; `sameStack` settles collisions. */
function stackHash(stack: readonly Frame[]): number {
  let hash = stack.length;
  for (const frame of stack) {
    hash = Math.imul(hash ^ frame.line, 0x01000193);
    hash = Math.imul(hash ^ frame.file.length, 0x01000193);
    hash = Math.imul(hash ^ frame.functionName.length, 0x01000193);
  }
  return hash;
}

interface StackTally {
  stack: readonly Frame[];
  size: number;
  diff: number;
}

/**
 * The stack that contributes most to the site's change: the largest growth for a growing site, the largest
 * drop for a shrinking one, ties to the larger live size. Most sites have one stack; the rest are tallied
 * per call path through a numeric hash, without building strings.
 */
function largestContributor(site: SiteTotals, sizeDiff: number): readonly Frame[] {
  if (site.afterAllocations.length + site.baseAllocations.length === 1) {
    return (site.afterAllocations[0] ?? site.baseAllocations[0])?.stack ?? [];
  }
  const buckets = new Map<number, StackTally[]>();
  const tally = (allocation: Allocation, sign: 1 | -1): void => {
    const hash = stackHash(allocation.stack);
    let bucket = buckets.get(hash);
    if (bucket === undefined) {
      bucket = [];
      buckets.set(hash, bucket);
    }
    let entry = bucket.find((candidate) => sameStack(candidate.stack, allocation.stack));
    if (entry === undefined) {
      entry = { stack: allocation.stack, size: 0, diff: 0 };
      bucket.push(entry);
    }
    entry.diff += sign * allocation.size;
    if (sign === 1) entry.size += allocation.size;
  };
  for (const allocation of site.afterAllocations) tally(allocation, 1);
  for (const allocation of site.baseAllocations) tally(allocation, -1);
  const direction = sizeDiff < 0 ? -1 : 1;
  let best: StackTally | undefined;
  for (const bucket of buckets.values()) {
    for (const entry of bucket) {
      if (
        best === undefined ||
        entry.diff * direction > best.diff * direction ||
        (entry.diff === best.diff && entry.size > best.size)
      ) {
        best = entry;
      }
    }
  }
  return best?.stack ?? [];
}

function compareSites(a: SiteDiff, b: SiteDiff): number {
  if (a.sizeDiff !== b.sizeDiff) return b.sizeDiff - a.sizeDiff;
  if (a.size !== b.size) return b.size - a.size;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export type { Frame };
