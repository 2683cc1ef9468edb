/**
 * Which allocations a diff keeps. Globs (picomatch, `dot: true`) match the cwd-relative, '/'-separated path
 * of the frame an allocation is charged to (see frames.ts); runtime ids such as `node:internal/...` are matched
 * as they are, and files outside the working directory by their absolute path. Applied before grouping, so an
 * excluded file's bytes never reach any site.
 */
import picomatch from 'picomatch/posix.js';
import type { FrameKind } from './frames.ts';

/**
 * Left out unless an include glob names them: allocations charged to a runtime frame, i.e. with no user or
 * dependency frame anywhere on their stack (native code with no file, V8's `(root)`/`(GC)`/`(V8 API)`,
 * `node:` internals, Python's frozen modules and stdlib). That memory is the engine's own bookkeeping
 * (compiled code, feedback vectors, module records, the profiler's and probe's own objects): no user line
 * can fix it, and it moves between passes even for clean code. It still counts in the retained totals
 * that the gate checks; it is only kept out of the sites table.
 */
export const DEFAULT_EXCLUDED_KINDS: readonly FrameKind[] = ['runtime'];

export interface SiteFilterOptions {
  /** Empty = everything. */
  include: readonly string[];
  exclude: readonly string[];
}

/**
 * `./src/**` and `src/**` mean the same thing to people; paths are compared without the `./`. `[!a]` negates, as
 * in shells, Python's fnmatch and the Python probe; picomatch's POSIX mode reads it as the set {!, a}.
 */
function normalizePatterns(patterns: readonly string[]): string[] {
  return patterns
    .map((p) =>
      p
        .trim()
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '')
        .replace(/\[!/g, '[^'),
    )
    .filter((p) => p !== '');
}

/** Returns `keep(path, kind)`; results are cached per path, as stacks share a few hundred files. */
export function createSiteFilter(options: SiteFilterOptions): (path: string, kind: FrameKind) => boolean {
  const include = normalizePatterns(options.include);
  const exclude = normalizePatterns(options.exclude);
  const isIncluded = include.length > 0 ? picomatch(include, { dot: true }) : null;
  const isExcluded = exclude.length > 0 ? picomatch(exclude, { dot: true }) : null;
  const cache = new Map<string, boolean>();
  return (path, kind) => {
    const cacheKey = `${kind}\0${path}`;
    let keep = cache.get(cacheKey);
    if (keep === undefined) {
      if (isExcluded?.(path)) keep = false;
      else if (isIncluded) keep = isIncluded(path);
      else keep = !DEFAULT_EXCLUDED_KINDS.includes(kind);
      cache.set(cacheKey, keep);
    }
    return keep;
  };
}
