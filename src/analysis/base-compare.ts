/**
 * Head against base: the same workloads measured on the pull request's head and on its base branch. A
 * change regresses only when it exceeds both what the user allows (`maxIncrease`) and what two runs of
 * identical code can differ by (noise.ts), so an unchanged branch never fails.
 */
import { formatBytes } from './format-bytes.ts';
import { heapAfterCompareNoise, retainedCompareNoise, rssCompareNoise, siteNoise } from './noise.ts';
import type { Increase } from './sizes.ts';

/** The parts of a report's workload that the base-vs-head comparison reads (a Report's workload fits). */
export interface WorkloadFigures {
  path: string;
  profiler: { samplingInterval: number | null };
  retained: { total: number };
  spread: number;
  memory: { after: { heapUsed: number }; peakRss: number };
  verdict: { status: 'pass' | 'fail' | 'error' };
  top: { key: string; sizeDiff: number }[];
}

/** The parts of a whole report that say how it was measured. */
export interface MeasuredAs {
  settings: { groupBy: string };
  workloads: { path: string; iterations: number; error?: unknown; profiler: { backend: string; samplingInterval: number | null } }[];
}

/**
 * Why a base report cannot be compared like for like, or null. Growth scales with iterations and
 * what a "site" is depends on the grouping: comparing across either would invent regressions; and a base
 * that shares no workload with the head is no base at all.
 */
export function settingsMismatch(base: MeasuredAs, head: MeasuredAs): string | null {
  // Some workloads added or removed is a pull request's business (they show as new or missing); none in common
  // means the base report is of something else (another artifact-name, another project).
  if (head.workloads.length > 0 && !head.workloads.some((w) => base.workloads.some((b) => b.path === w.path))) {
    return `the base report measured other workloads (${base.workloads.map((b) => b.path).slice(0, 3).join(', ') || 'none'}), none of this run's`;
  }
  if (base.settings.groupBy !== head.settings.groupBy) {
    return `the base was grouped by ${base.settings.groupBy}, this run by ${head.settings.groupBy}`;
  }
  for (const w of head.workloads) {
    const b = base.workloads.find((x) => x.path === w.path);
    if (!b || b.error || w.error) continue;
    if (b.iterations !== w.iterations) return `${w.path} ran ${b.iterations} iterations on the base, ${w.iterations} here`;
    if (b.profiler.backend !== w.profiler.backend || b.profiler.samplingInterval !== w.profiler.samplingInterval) {
      return `${w.path} was profiled differently on the base (${b.profiler.backend}, sampling ${b.profiler.samplingInterval ?? 'exact'})`;
    }
  }
  return null;
}

export interface MetricChange {
  base: number;
  head: number;
  change: number;
  /** The most head may be before this metric regresses; null when the metric is not gated. */
  limit: number | null;
  regressed: boolean;
}

export interface WorkloadComparison {
  path: string;
  /** 'compared' | the workload is only in head ('new') | only in base ('missing') | one side errored. */
  status: 'compared' | 'new' | 'missing' | 'error';
  retained: MetricChange | null;
  heapAfter: MetricChange | null;
  peakRss: MetricChange | null;
  /** Keys of head's top sites that the base's top did not have. */
  newSites: string[];
  regressed: boolean;
  reasons: string[];
}

export interface BaseComparison {
  workloads: WorkloadComparison[];
  regressed: boolean;
}

/** The increase `maxIncrease` allows over `base`; null when the user set none. */
function allowedIncrease(base: number, maxIncrease: Increase | null): number | null {
  if (maxIncrease === null) return null;
  return maxIncrease.kind === 'percent' ? (maxIncrease.value / 100) * Math.abs(base) : maxIncrease.value;
}

function describeAllowed(maxIncrease: Increase): string {
  return maxIncrease.kind === 'percent' ? `+${maxIncrease.value}%` : formatBytes(maxIncrease.value, { signed: true });
}

/** The sampling interval that blurs a comparison most (the larger); null when both sides are exact. */
function combinedInterval(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * limit = base + max(allowed, noise); regressed when head > limit. `allowed` null means the metric is gated on
 * noise alone when `gatedWithoutIncrease`, and not at all otherwise (limit null).
 */
function metric(
  what: string,
  base: number,
  head: number,
  noise: number,
  maxIncrease: Increase | null,
  gatedWithoutIncrease: boolean,
  reasons: string[],
): MetricChange {
  const change = head - base;
  const allowed = allowedIncrease(base, maxIncrease);
  if (allowed === null && !gatedWithoutIncrease) return { base, head, change, limit: null, regressed: false };
  const limit = base + Math.max(allowed ?? 0, noise);
  const regressed = head > limit;
  if (regressed) {
    const noiseText = `the noise between runs (±${formatBytes(noise)})`;
    const beyond = maxIncrease === null ? noiseText : `the allowed ${describeAllowed(maxIncrease)} and ${noiseText}`;
    const rose = `rose from ${formatBytes(base)} to ${formatBytes(head)} (${formatBytes(change, { signed: true })})`;
    reasons.push(`${what} ${rose}, beyond ${beyond}`);
  }
  return { base, head, change, limit, regressed };
}

function compareOne(base: WorkloadFigures, head: WorkloadFigures, maxIncrease: Increase | null): WorkloadComparison {
  const baseError = base.verdict.status === 'error';
  const headError = head.verdict.status === 'error';
  if (baseError || headError) {
    const side = baseError && headError ? 'both base and head' : baseError ? 'base' : 'head';
    return {
      path: head.path,
      status: 'error',
      retained: null,
      heapAfter: null,
      peakRss: null,
      newSites: [],
      regressed: false,
      reasons: [`not compared: the workload failed to run on ${side}`],
    };
  }
  const interval = combinedInterval(base.profiler.samplingInterval, head.profiler.samplingInterval);
  const reasons: string[] = [];
  const retained = metric(
    'retained growth',
    base.retained.total,
    head.retained.total,
    retainedCompareNoise(base.retained.total, head.retained.total, interval, base.spread, head.spread),
    maxIncrease,
    true,
    reasons,
  );
  const heapAfter = metric(
    'heap used after pass 2',
    base.memory.after.heapUsed,
    head.memory.after.heapUsed,
    heapAfterCompareNoise(base.memory.after.heapUsed),
    maxIncrease,
    false,
    reasons,
  );
  const peakRss = metric('peak RSS', base.memory.peakRss, head.memory.peakRss, rssCompareNoise(base.memory.peakRss), maxIncrease, false, reasons);
  const baseKeys = new Set(base.top.map((site) => site.key));
  const newSites = head.top
    .filter((site) => site.sizeDiff > 0 && site.sizeDiff > siteNoise(site.sizeDiff, interval) && !baseKeys.has(site.key))
    .map((site) => site.key);
  return {
    path: head.path,
    status: 'compared',
    retained,
    heapAfter,
    peakRss,
    newSites,
    regressed: retained.regressed || heapAfter.regressed || peakRss.regressed,
    reasons,
  };
}

/**
 * Head against base, per workload and per site. The allowed increase of retained growth is the larger of
 * `maxIncrease` and the combined noise of both measurements (noise.ts), so identical code never fails.
 * Heap used after pass 2 and peak RSS are gated only when `maxIncrease` is given, each with its own
 * generous noise floor. Workloads only in head are 'new', only in base 'missing': neither regresses.
 * Order: head's workloads as given, then those missing from head.
 */
export function compareWithBase(base: WorkloadFigures[], head: WorkloadFigures[], maxIncrease: Increase | null): BaseComparison {
  const baseByPath = new Map<string, WorkloadFigures>();
  for (const workload of base) if (!baseByPath.has(workload.path)) baseByPath.set(workload.path, workload);
  const headPaths = new Set<string>();
  const workloads: WorkloadComparison[] = [];
  const unmatched = (path: string, status: 'new' | 'missing', reason: string): WorkloadComparison => ({
    path,
    status,
    retained: null,
    heapAfter: null,
    peakRss: null,
    newSites: [],
    regressed: false,
    reasons: [reason],
  });
  for (const workload of head) {
    if (headPaths.has(workload.path)) continue;
    headPaths.add(workload.path);
    const counterpart = baseByPath.get(workload.path);
    workloads.push(
      counterpart === undefined
        ? unmatched(workload.path, 'new', 'new workload: the base report does not have it')
        : compareOne(counterpart, workload, maxIncrease),
    );
  }
  for (const [path] of baseByPath) {
    if (!headPaths.has(path)) workloads.push(unmatched(path, 'missing', 'missing workload: only the base report has it'));
  }
  return { workloads, regressed: workloads.some((w) => w.regressed) };
}
