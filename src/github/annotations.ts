/**
 * Line annotations for the lines that hold the growth, shown on the pull request's diff. Only workloads
 * that failed their gate or regressed against the base are annotated (a passing workload's top lines
 * are normal allocation, not findings), and within them only sites that carry a real share of the
 * growth: a sampled site worth a few KB is noise, and a red mark on an innocent line costs trust.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { BaseComparison } from '../analysis/base-compare.ts';
import { oneLine, truncate } from '../report/escape.ts';
import { formatBytes, formatCount, retainerPathText, showsFunction } from '../report/format.ts';
import type { Report, TopEntry, WorkloadReport } from '../report/schema.ts';
import { warning, warningsLeft } from './messages.ts';

export const MAX_ANNOTATIONS = 10;
/** A site must hold at least this share of its workload's attributed growth to be annotated. */
const MIN_SHARE = 0.05;

export interface Annotation {
  message: string;
  title: string;
  /** Repository-relative, '/'-separated. */
  file: string;
  /** Absent for file-level sites (group-by: file). */
  startLine?: number;
  sizeDiff: number;
}

export interface AnnotationPaths {
  /** Absolute: report paths are relative to it. */
  workingDirectory: string;
  /**
   * Absolute repository top level (repositoryPaths().root): annotation paths are relative to it. Not
   * GITHUB_WORKSPACE, which is the checkout's parent when actions/checkout was given `path:`.
   */
  workspace: string;
}

/** A cwd-relative source path as a repository path, or null when it is not a file of this repository. */
function repoPath(file: string, paths: AnnotationPaths): string | null {
  if (file === '' || file.startsWith('node:') || /^[a-z]+:\/\//i.test(file)) return null;
  const rel = relative(paths.workspace, resolve(paths.workingDirectory, file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  const posix = rel.split(sep).join('/');
  return posix.split('/').includes('node_modules') ? null : posix;
}

/** The site's own line when it is repository code, else the nearest caller that is. */
function locate(site: TopEntry, paths: AnnotationPaths): { file: string; line: number; function: string } | null {
  const frames = [{ file: site.file, line: site.line, function: site.function }, ...site.traceback];
  for (const frame of frames) {
    const file = repoPath(frame.file, paths);
    if (file !== null) return { file, line: frame.line, function: frame.function };
  }
  return null;
}

const isFlagged = (w: WorkloadReport, comparison: BaseComparison | undefined): boolean =>
  w.verdict.status === 'fail' || comparison?.workloads.some((c) => c.path === w.path && c.regressed) === true;

/** `, held by responses (module scope, src/cache.js:2) → [] (Map entry)`: the row's main retainer path, if any. */
function heldBy(site: TopEntry): string {
  const main = site.retainers?.[0];
  return main ? `, held by ${truncate(oneLine(retainerPathText(main)), 300)}` : '';
}

export function annotationsFor(
  report: Report,
  comparison: BaseComparison | undefined,
  paths: AnnotationPaths,
  max = MAX_ANNOTATIONS,
): Annotation[] {
  const out: Annotation[] = [];
  for (const w of report.workloads) {
    if (!isFlagged(w, comparison)) continue;
    const growth = w.top.reduce((sum, site) => sum + Math.max(0, site.sizeDiff), 0);
    const floor = Math.max(growth * MIN_SHARE, w.profiler.samplingInterval ?? 0);
    for (const site of w.top) {
      if (site.sizeDiff <= 0 || site.sizeDiff < floor) continue;
      const where = locate(site, paths);
      if (!where) continue;
      const objects =
        w.profiler.countsObjects && site.countDiff > 0
          ? ` (${formatCount(site.countDiff, { sign: true })} objects)`
          : '';
      // A file row (group-by file) has no function: the file is the site.
      const by = !showsFunction(report.settings.groupBy)
        ? ''
        : `, allocated by ${truncate(oneLine(where.function || '(anonymous)'), 120)}`;
      out.push({
        message: `${formatBytes(site.sizeDiff, { sign: true })} still live after ${w.iterations} iterations${objects}${by}${where.file === repoPath(site.file, paths) ? '' : ` (via ${truncate(oneLine(site.file), 200)}:${site.line})`}${heldBy(site)}.`,
        title: `memgate: memory retained by ${truncate(oneLine(w.path), 200)}`,
        file: where.file,
        ...(where.line > 0 ? { startLine: where.line } : {}),
        sizeDiff: site.sizeDiff,
      });
    }
  }
  // One mark per line: with group-by traceback several call paths can end on the same line.
  const seen = new Set<string>();
  return out
    .sort((a, b) => b.sizeDiff - a.sizeDiff)
    .filter((a) => {
      const id = `${a.file}:${a.startLine ?? 0}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .slice(0, max);
}

/**
 * The findings, as warning annotations: call this before anything else that may warn, so they get the
 * step's warning slots (messages.ts). Returns how many were emitted.
 */
export function emitAnnotations(annotations: Annotation[]): number {
  const shown = annotations.slice(0, warningsLeft());
  for (const a of shown) {
    warning(a.message, {
      title: a.title,
      file: a.file,
      ...(a.startLine !== undefined ? { startLine: a.startLine } : {}),
    });
  }
  return shown.length;
}
