/**
 * The verdict for one workload: the user's ceilings, and the default leak rule of noise.ts, which applies
 * unless the user set max-retained.
 */
import type { CeilingName, SeriesPoint } from './model.ts';
import { formatBytes } from './format-bytes.ts';
import {
  assessLeak,
  grownStructures,
  ONE_OFF_NOTE_MIN,
  type LeakAssessment,
  type SiteGrowth,
  type TotalPoint,
} from './noise.ts';
import { leastSquares, majorityValue } from './stats.ts';
import type { Confirmation } from './leak-rate.ts';

export type Ceilings = Record<CeilingName, number | null>;

export const CEILING_NAMES = ['maxRetained', 'maxHeap', 'maxRss'] as const satisfies readonly CeilingName[];

/** The CLI flag and Action input that set each ceiling (without dashes), as messages name it. */
export const CEILING_FLAGS: Record<CeilingName, string> = {
  maxRetained: 'max-retained',
  maxHeap: 'max-heap',
  maxRss: 'max-rss',
};

/** How a ceiling is named in a reason: the run's flag, or the workload's own option. */
export const ceilingLabel = (name: CeilingName, fromWorkload: boolean): string =>
  fromWorkload ? `the workload's options.${name}` : CEILING_FLAGS[name];

/**
 * A workload's ceilings: its own `options` (parsed by the probe; null turns one of the run's off) over the run's.
 * `fromWorkload` lists the ones its options set.
 */
export function workloadCeilings(
  run: Ceilings,
  own: Partial<Record<CeilingName, number | null>> | undefined,
): { ceilings: Ceilings; fromWorkload: CeilingName[] } {
  const fromWorkload = CEILING_NAMES.filter((name) => own !== undefined && own[name] !== undefined);
  const ceilings = { ...run };
  for (const name of fromWorkload) ceilings[name] = own![name]!;
  return { ceilings, fromWorkload };
}

export interface Verdict {
  status: 'pass' | 'fail' | 'error';
  reasons: string[];
}

export interface LeakRate {
  bytesPerIteration: number;
  /** Coefficient of determination of the least-squares line through the series, in [0, 1]. */
  r2: number;
}

export interface GateInput {
  /** Growth over pass 2 (after - baseline), bytes. `total` = heap + external. */
  retained: { heap: number; external: number; total: number };
  /** Heap used at `after` (Node heapUsed, Python traced current). */
  heapAfter: number;
  peakRss: number;
  /** Pass-2 series, baseline first (iteration 0). */
  series: SeriesPoint[];
  iterations: number;
  /** Sampling interval (null for tracemalloc, which is exact). */
  samplingInterval: number | null;
  /** The diff's sites (sampled or traced): where the growth is, and what was already live there. */
  sites: readonly SiteGrowth[];
  /** retained.total of each trial (one entry per fresh-process trial). */
  trialTotals: number[];
  /** The leak-rate rule's evidence (leak-rate.ts); absent when confirmation is off: the measured pass alone is judged. */
  rate?: RateEvidence;
}

export interface RateEvidence {
  /** The threshold R, bytes per iteration. */
  leakRate: number;
  /** Per trial: its judged confirmation, or null when its measured pass was not suspect. */
  trials: (Confirmation | null)[];
  /** The reported (median) trial's. */
  chosen: Confirmation | null;
}

/**
 * Least-squares leak rate over the series (heap + external per iteration). r² is 0 when the series says
 * nothing about a trend: fewer than three points, or flat.
 */
export function leakRate(series: SeriesPoint[]): LeakRate {
  const fit = leastSquares(
    series.map((p) => p.iteration),
    series.map((p) => p.heapUsed + p.external),
  );
  return { bytesPerIteration: fit.slope, r2: fit.r2 };
}

/** The series as totals, ending at the last iteration: the `after` point is added when the probe left it out. */
function seriesWithAfter(input: GateInput): TotalPoint[] {
  const points = input.series.map((p) => ({ iteration: p.iteration, total: p.heapUsed + p.external }));
  const first = points[0] ?? { iteration: 0, total: 0 };
  if (points.length === 0) points.push(first);
  const lastIteration = points.reduce((max, p) => Math.max(max, p.iteration), Number.NEGATIVE_INFINITY);
  if (input.iterations > lastIteration)
    points.push({ iteration: input.iterations, total: first.total + input.retained.total });
  return points;
}

/** `10.0 MiB` and `10 MiB` read the same; when value and limit format alike, show the bytes too. */
function exceeds(what: string, value: number, ceiling: string, limit: number): string {
  let shownValue = formatBytes(value);
  let shownLimit = formatBytes(limit);
  if (shownValue === shownLimit) {
    shownValue += ` (${value} bytes)`;
    shownLimit += ` (${limit} bytes)`;
  }
  return `${what} ${shownValue} exceeds ${ceiling} ${shownLimit}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function leakReason(input: GateInput, assessment: LeakAssessment, trialsNote: string): string {
  const unknown = assessment.scaling === 'unknown';
  const perIteration = unknown ? input.retained.total / Math.max(1, input.iterations) : assessment.slope;
  const fit = unknown ? '' : `, r²=${assessment.r2.toFixed(2)}`;
  const retained = `retained ${formatBytes(input.retained.total)} over ${plural(input.iterations, 'iteration')}`;
  const head = `${retained} (~${formatBytes(perIteration)}/iteration${fit})`;
  const besides = assessment.corrected ? `, besides a one-off jump of ${formatBytes(assessment.oneOff)}` : '';
  switch (assessment.scaling) {
    case 'fit':
      return `${head} — grows with every iteration${besides}${trialsNote}`;
    case 'steady-rise':
      return `${head} — rises at every checkpoint${besides}${trialsNote}`;
    default:
      return `${head} — above the noise (${formatBytes(assessment.threshold)}); too few checkpoints to tell a one-off from a leak${trialsNote}`;
  }
}

/** The default leak rule (noise.ts): a failure, a note for a passing verdict, or neither. */
function defaultRule(input: GateInput): { failure?: string; note?: string } {
  const trials = input.trialTotals.length;
  const growth = trials >= 2 ? majorityValue(input.trialTotals) : input.retained.total;
  const assessment = assessLeak({
    growth,
    heapGrowth: input.retained.heap,
    interval: input.samplingInterval,
    points: seriesWithAfter(input),
  });
  const trialsAbove = input.trialTotals.filter((t) => t > assessment.threshold).length;
  const trialsNote = trials >= 2 ? ` (in ${trialsAbove} of ${trials} trials)` : '';
  const retained = `retained ${formatBytes(input.retained.total)} over ${plural(input.iterations, 'iteration')}`;

  if (assessment.leak) return { failure: leakReason(input, assessment, trialsNote) };
  if (trials >= 2 && trialsAbove > 0 && !assessment.aboveNoise) {
    return {
      note: `retained growth exceeded the noise in only ${trialsAbove} of ${trials} trials — not reproducible, treated as noise`,
    };
  }
  if (!assessment.aboveNoise || assessment.scaling !== 'one-off') return {};
  const structures = grownStructures(input.sites, input.samplingInterval);
  if (structures > assessment.threshold) {
    return {
      failure:
        `${retained}, in one step, ${formatBytes(structures)} of it where memory was already live at the baseline — ` +
        `a structure that keeps growing (an array or map reallocating its storage)${trialsNote}`,
    };
  }
  if (input.retained.total < ONE_OFF_NOTE_MIN) return {};
  const shape = `in one step rather than with every iteration (r²=${assessment.r2.toFixed(2)})`;
  return { note: `${retained}, but ${shape} — treated as a one-off (lazy initialisation, a cache filling up)` };
}

const perIteration = (bytes: number): string => `${formatBytes(bytes)}/iteration`;

/** "1.1 KiB/iteration (±64 B)": the rate and what the segment's own scatter leaves uncertain. */
export function describeRate(confirmation: Confirmation): string {
  return `${perIteration(confirmation.rate)} (±${formatBytes(confirmation.uncertainty)})`;
}

/**
 * The leak-rate rule (leak-rate.ts): a workload leaks when its confirmed rate holds at R or more per iteration,
 * in a strict majority of trials. A suspect that settled passes, saying why.
 */
function rateRule(input: GateInput, rate: RateEvidence): { failure?: string; note?: string } {
  const trials = rate.trials.length;
  const leaking = rate.trials.filter((c) => c?.leak).length;
  const trialsNote = trials >= 2 ? ` (in ${leaking} of ${trials} trials)` : '';
  const grew = `grew ${formatBytes(input.retained.total)} over the measured ${plural(input.iterations, 'iteration')}`;
  // The reported trial's confirmation, or (when that trial was not suspect) the first that ran one.
  const chosen = rate.chosen ?? rate.trials.find((c) => c !== null) ?? null;
  const leak = chosen?.leak ? chosen : rate.trials.find((c) => c?.leak);
  if (leaking * 2 > trials && leak) {
    const over = `over ${plural(leak.extraIterations, 'more iteration')}`;
    if (leak.stop === 'holds') {
      return {
        failure: `${grew}, and kept growing by ${describeRate(leak)} ${over} — a leak (threshold ${perIteration(rate.leakRate)})${trialsNote}`,
      };
    }
    const why = leak.stop === 'budget' ? 'the confirm budget ran out' : 'the confirmation reached its longest segment';
    return {
      failure:
        `${grew}, and still grew by ${describeRate(leak)} ${over}, though slowing (from ${perIteration(leak.measuredRate)}) when ${why}: ` +
        `a leak, or a warm-up tail longer than that (raise confirm-budget or iterations to tell)${trialsNote}`,
    };
  }
  if (chosen && !chosen.leak) {
    return {
      note:
        `${grew} (${perIteration(chosen.measuredRate)}), then ${describeRate(chosen)} over the next ${plural(chosen.extraIterations, 'iteration')}: ` +
        `settles, not a leak (threshold ${perIteration(rate.leakRate)})${trials >= 2 && leaking > 0 ? ` — it held in ${leaking} of ${trials} trials, not a majority` : ''}`,
    };
  }
  if (leaking > 0)
    return { note: `memory kept growing in only ${leaking} of ${trials} trials — not reproducible, not a leak` };
  return {};
}

/**
 * The verdict for one workload: every ceiling given is checked. Without `max-retained`, the leak-rate rule
 * (leak-rate.ts) judges the growth when the workload's confirmation ran or could have (`rate` is given): it
 * fails when the rate held at the threshold or more. With confirmation off, the measured pass alone is judged:
 * it fails when the growth clearly exceeds the measurement's noise and scales with
 * iterations (noise.ts), or arrived in one step at sites that were already growing structures. A
 * `max-retained` replaces that rule: growth up to the ceiling the user allowed passes.
 * With several trials, the growth judged is the one a strict majority of trials reached (the smaller of
 * two, the median of three): a leak repeats in every fresh process, a one-off hiccup does not.
 * The sites' sizes do not make the growth: Buffers and typed arrays live outside the sampled heap, so the
 * measured heap + external growth is the evidence; the sites only say where it is and how it grew.
 * Reasons are plain sentences with sizes formatted for people. `ceilings` are the workload's (workloadCeilings):
 * a ceiling its own options set (`fromWorkload`) is named as such.
 */
export function gateWorkload(input: GateInput, ceilings: Ceilings, fromWorkload: readonly CeilingName[] = []): Verdict {
  const failures: string[] = [];
  const notes: string[] = [];
  const label = (name: CeilingName): string => ceilingLabel(name, fromWorkload.includes(name));

  if (ceilings.maxRetained !== null && input.retained.total > ceilings.maxRetained) {
    failures.push(exceeds('retained growth', input.retained.total, label('maxRetained'), ceilings.maxRetained));
  }
  if (ceilings.maxHeap !== null && input.heapAfter > ceilings.maxHeap) {
    failures.push(exceeds('heap in use after the measured pass', input.heapAfter, label('maxHeap'), ceilings.maxHeap));
  }
  if (ceilings.maxRss !== null && input.peakRss > ceilings.maxRss) {
    failures.push(exceeds('peak RSS', input.peakRss, label('maxRss'), ceilings.maxRss));
  }

  // The user's own ceiling on growth replaces the default rule.
  if (ceilings.maxRetained === null) {
    const judged = input.rate ? rateRule(input, input.rate) : defaultRule(input);
    if (judged.failure) failures.push(judged.failure);
    else if (judged.note) notes.push(judged.note);
  }

  return failures.length > 0 ? { status: 'fail', reasons: failures } : { status: 'pass', reasons: notes };
}
