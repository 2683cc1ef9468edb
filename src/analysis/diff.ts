import type { Frame, Snapshot } from './model.ts';

export type GroupBy = 'line' | 'file' | 'traceback';

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

/** `compare(after, baseline)`: per-site growth sorted by sizeDiff descending (then size descending, then key). */
export function diffSnapshots(after: Snapshot, baseline: Snapshot, options: DiffOptions): SiteDiff[] {
  throw new Error('not implemented');
}

export type { Frame };
