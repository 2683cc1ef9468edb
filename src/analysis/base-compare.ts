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
  /** The leak-rate rule's figures (leak-rate.ts), when it ran. */
  leak?: LeakFigures;
}

export interface LeakFigures {
  threshold: number;
  verdict: 'not-suspect' | 'settles' | 'leak' | 'still-growing';
  measuredRate: number;
  rate: number | null;
  uncertainty: number | null;
  /** The confirmation's segments: the same windows of iterations on both sides when measured alike. */
  segments?: readonly { from: number; to: number; rate: number }[];
}

/** How the head's leak rate compares with the base's. */
export interface LeakChange {
  /** new: head leaks, base did not; faster: both leak, head beyond base + noise; same: both leak alike; none: head does not leak. */
  status: 'new' | 'faster' | 'same' | 'none';
  base: number;
  head: number;
  /** The most head's rate may be before a leak on both sides counts as faster. */
  limit: number;
}

/** The parts of a whole report that say how it was measured. */
export interface MeasuredAs {
  settings: { groupBy: string };
  workloads: {
    path: string;
    iterations: number;
    error?: unknown;
    profiler: { backend: string; samplingInterval: number | null };
    leak?: { threshold: number };
  }[];
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
    return `the base report measured other workloads (${
      base.workloads
        .map((b) => b.path)
        .slice(0, 3)
        .join(', ') || 'none'
    }), none of this run's`;
  }
  if (base.settings.groupBy !== head.settings.groupBy) {
    return `the base was grouped by ${base.settings.groupBy}, this run by ${head.settings.groupBy}`;
  }
  for (const w of head.workloads) {
    const b = base.workloads.find((x) => x.path === w.path);
    if (!b || b.error || w.error) continue;
    if (b.iterations !== w.iterations)
      return `${w.path} ran ${b.iterations} iterations on the base, ${w.iterations} here`;
    if (b.profiler.backend !== w.profiler.backend || b.profiler.samplingInterval !== w.profiler.samplingInterval) {
      return `${w.path} was profiled differently on the base (${b.profiler.backend}, sampling ${b.profiler.samplingInterval ?? 'exact'})`;
    }
    if (b.leak && w.leak && b.leak.threshold !== w.leak.threshold) {
      return `${w.path} was judged against another leak-rate on the base (${formatBytes(b.leak.threshold)}/iteration, here ${formatBytes(w.leak.threshold)}/iteration)`;
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
  /** Null when either side lacks the leak-rate rule's figures. */
  leak?: LeakChange | null;
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
      leak: null,
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
    'heap in use after the measured pass',
    base.memory.after.heapUsed,
    head.memory.after.heapUsed,
    heapAfterCompareNoise(base.memory.after.heapUsed),
    maxIncrease,
    false,
    reasons,
  );
  const peakRss = metric(
    'peak RSS',
    base.memory.peakRss,
    head.memory.peakRss,
    rssCompareNoise(base.memory.peakRss),
    maxIncrease,
    false,
    reasons,
  );
  const baseKeys = new Set(base.top.map((site) => site.key));
  const newSites = head.top
    .filter(
      (site) => site.sizeDiff > 0 && site.sizeDiff > siteNoise(site.sizeDiff, interval) && !baseKeys.has(site.key),
    )
    .map((site) => site.key);
  const leak = base.leak && head.leak ? compareLeaks(base.leak, head.leak, reasons) : null;
  const leakRegressed = leak?.status === 'new' || leak?.status === 'faster';
  return {
    path: head.path,
    status: 'compared',
    retained,
    heapAfter,
    peakRss,
    newSites,
    leak,
    regressed: retained.regressed || heapAfter.regressed || peakRss.regressed || leakRegressed,
    reasons,
  };
}

const leaks = (l: LeakFigures): boolean => l.verdict === 'leak' || l.verdict === 'still-growing';
/** The rate that decided, else the measured pass's (a workload that was not suspect). */
const rateOf = (l: LeakFigures): number => l.rate ?? l.measuredRate;
const perIteration = (n: number): string => `${formatBytes(n)}/iteration`;

/**
 * A leak's rate moves between runs by its uncertainty and by the warm-up tail still riding on it (measured:
 * 1.3–1.6 KiB/iteration for one leak behind fetch), so a faster leak must be beyond the base's rate by the larger of
 * the threshold and a quarter of that rate, plus both uncertainties twice.
 */
function leakRateNoise(base: LeakFigures, head: LeakFigures, baseRate = rateOf(base)): number {
  return Math.max(head.threshold, 0.25 * Math.abs(baseRate)) + 2 * ((base.uncertainty ?? 0) + (head.uncertainty ?? 0));
}

/**
 * The rates of both sides over the same work. A leak riding a warm-up tail is decided at different segments in
 * different runs (identical code, bench: 2.8 KiB/iteration after one segment, 1.4 KiB after four): the later
 * segment has shed more of the tail. When both sides confirmed over the same windows, they are compared over
 * the last window both measured; otherwise by the rates that decided.
 */
function alikeRates(base: LeakFigures, head: LeakFigures): { base: number; head: number } {
  const k = Math.min(base.segments?.length ?? 0, head.segments?.length ?? 0) - 1;
  const b = base.segments?.[k];
  const h = head.segments?.[k];
  if (k < 0 || !b || !h || b.from !== h.from || b.to !== h.to) return { base: rateOf(base), head: rateOf(head) };
  return { base: b.rate, head: h.rate };
}

function compareLeaks(base: LeakFigures, head: LeakFigures, reasons: string[]): LeakChange {
  const limit = rateOf(base) + leakRateNoise(base, head);
  const change = { base: rateOf(base), head: rateOf(head), limit };
  if (!leaks(head)) return { status: 'none', ...change };
  if (!leaks(base)) {
    reasons.push(
      `new leak: keeps growing by ${perIteration(rateOf(head))}; the base did not leak (${perIteration(rateOf(base))}, ${base.verdict})`,
    );
    return { status: 'new', ...change };
  }
  const alike = alikeRates(base, head);
  const alikeLimit = alike.base + leakRateNoise(base, head, alike.base);
  if (alike.head > alikeLimit) {
    const over = alike.base === rateOf(base) && alike.head === rateOf(head) ? '' : ' over the same iterations';
    reasons.push(
      `faster leak: ${perIteration(alike.head)}, against ${perIteration(alike.base)} on the base${over} (beyond ${perIteration(alikeLimit)})`,
    );
    return { status: 'faster', base: alike.base, head: alike.head, limit: alikeLimit };
  }
  return { status: 'same', ...change };
}

/**
 * Head against base, per workload and per site. The allowed increase of retained growth is the larger of
 * `maxIncrease` and the combined noise of both measurements (noise.ts), so identical code never fails.
 * Heap used after pass 2 and peak RSS are gated only when `maxIncrease` is given, each with its own
 * generous noise floor. Workloads only in head are 'new', only in base 'missing': neither regresses.
 * Order: head's workloads as given, then those missing from head.
 */
export function compareWithBase(
  base: WorkloadFigures[],
  head: WorkloadFigures[],
  maxIncrease: Increase | null,
): BaseComparison {
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
    leak: null,
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
    if (!headPaths.has(path))
      workloads.push(unmatched(path, 'missing', 'missing workload: only the base report has it'));
  }
  return { workloads, regressed: workloads.some((w) => w.regressed) };
}
