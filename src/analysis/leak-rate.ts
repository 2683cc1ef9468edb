/**
 * The leak-rate rule: a leak keeps its per-iteration rate as the work goes on; a warm-up tail (connection
 * pools, parsers, inline caches, tables grown lazily) decays. One measured pass cannot tell them apart —
 * a tail rises steadily through 50 iterations and fits a line — so a workload that grew more than the noise
 * over the measured pass is *suspect*, and memgate measures more work to confirm it.
 *
 * Confirmation runs in the workload's process right after the measured pass (pass 2), in segments of
 * L₁ = max(n, ⌈CONFIRM_FLOORS · GROWTH_FLOOR / R⌉) iterations, doubling each time, each read at
 * READINGS_PER_SEGMENT evenly spaced forced-GC checkpoints. A segment's rate is the median of the rates between
 * its consecutive readings (from the reading it starts from), so one jump or spike (a pool that reallocates, a
 * buffer freed later) does not move it. After each segment:
 *   - rate < R                           → settles: not a leak (the growth was a tail that decayed);
 *   - rate ≥ R, it agrees with the previous segment's (rate ≥ HOLD · prev; the first segment's previous is
 *     pass 2's own rate, from its series), and either rate ≥ STRONG · R or the previous segment agreed too (the
 *     first segment with pass 2 at FIRST_HOLD)
 *                                        → holds: a leak, at that rate;
 *   - otherwise                          → measure a segment twice as long.
 * Two agreeing segments are needed below STRONG · R because a warm-up tail can hold its rate for a while
 * before it falls (the Express shape: ~1 KiB/iteration over iterations 100–434, then ~350 B, then ~0; on Node 24,
 * 2.1–3.0 KiB over iterations 50–178, then ~200 B).
 * The time budget or MAX_SEGMENTS may end it while still decaying: that is reported as such, and fails (the
 * memory still grew by R or more per iteration over the last segment).
 *
 * Both probes run this loop (they must stop where the analysis would), and the analysis re-judges the
 * readings they return with the same functions, so the verdict never rests on the probe's own say-so.
 * The Python probe carries a copy of `judgeSegment` and `confirmationPlan` (same constants, passed in its config).
 */
import { GROWTH_FLOOR } from './noise.ts';
import type { SeriesPoint } from './model.ts';
import { median } from './stats.ts';

/** L₁ is long enough that a leak at exactly R grows by this many growth floors over it. */
export const CONFIRM_FLOORS = 2;
/**
 * A leak's rate holds from one segment to the next (bench, 2026-12-02: 0.98–1.07 where the leak dominates); a
 * tail's falls, though slowly at times: the clean Express shape's third segment was 0.46–0.81 of its second
 * (10 trials), and at 0.8 one of 33 trials held at 541 B/iteration, a false alarm. At 0.9 such a tail measures
 * a longer segment (it then settles, ~170 B); a leak riding a tail that falls by more than 10% per segment
 * runs out of segments above R and fails as still growing, which is still a failure.
 */
export const HOLD = 0.9;
/**
 * A rate this many times R holds on one agreeing segment. The largest clean tail measured in a first segment: 6.0 R,
 * the Express app on Node 24 (155 runs, 2026-12-07: 3.9–6.0 R, 0.32–0.96 of pass 2's rate; Node 20: 2.9 R in 30 runs,
 * Node 22: 2.6 R in 5). At 4 R, the rule's value until then, 4 of the first 95 of those runs were false alarms
 * (5.3–5.5 R, 0.92–0.96 of pass 2's rate): the tail held its rate through iteration ~180, then fell to ~200 B. At 16 R
 * the next 60 passed; 16 R leaves 2.7× over the largest; a leak below it needs two agreeing segments (bench/rejudge.ts
 * re-judges a bench run's recorded segments under other constants, bench/results/segments-2026-12-07.json).
 */
export const STRONG = 16;
/**
 * Pass 2's rate still carries what warm-up left behind: caches and tables filling, as much on top of a leak as without
 * one (the Python http.server leak's first segment kept 79–91% of pass 2's rate, then 90–94% from one segment to the
 * next; bench/results/segments-2026-12-07.json). So for the next segment's sake, the first agrees with pass 2 at
 * FIRST_HOLD of its rate: the second must then agree with it at HOLD, and the first alone still holds only as above.
 * Two segments at one rate after pass 2 are as much as the rule asks of a leak without such a tail. Of the 1,250
 * recorded clean runs (Node 20, 22 and 24, Python), 19 had a first segment at or above R and 0.70–0.90 of pass 2's
 * rate; their second kept at most 0.50 of the first, and none held (bench/rejudge.ts --first-hold). At 0.75, 0 false
 * alarms in 1,020 more runs (the clean corpus at 30 trials, Node 24 Express and fetch at 30:
 * segments-2026-12-07-first-hold.json); of all 2,270, the first false alarm comes at 0.3.
 */
export const FIRST_HOLD = 0.75;
export const MAX_SEGMENTS = 4;
export const READINGS_PER_SEGMENT = 4;

export interface ConfirmationPlan {
  /** Growth over the measured pass above which the workload is suspect and confirmed. */
  suspectAbove: number;
  /** Iterations in the first confirmation segment. */
  firstLength: number;
}

/**
 * Suspect when the measured pass grew by more than min(GROWTH_FLOOR, R · n): a leak at the threshold clears
 * it, and clean code's one-off drift (up to ~33 KiB single runs) mostly does not.
 */
export function confirmationPlan(iterations: number, leakRate: number): ConfirmationPlan {
  return {
    suspectAbove: Math.min(GROWTH_FLOOR, leakRate * iterations),
    firstLength: Math.max(iterations, Math.ceil((CONFIRM_FLOORS * GROWTH_FLOOR) / leakRate)),
  };
}

/** How many times longer a big heap's first segment may be (Node, over the checkpoint heap limit). */
export const BIG_HEAP_STRETCH = 4;

/**
 * A big heap's first segment: on such a heap each reading costs full collections of all of it, while an iteration
 * often costs a thousandth of one. The first segment is made up to BIG_HEAP_STRETCH times longer, as long as the
 * extra iterations take no longer than one full collection: what memgate's own code keeps after the after reading
 * (~20 KiB of JIT code) then weighs less on its rate, and a tail decays further within it. Measured with the path
 * forced (2026-12-02): a leak of 1 KiB/iteration held in 2 segments instead of 4 (10 full collections instead of
 * 16–18); the Express app (4 ms per iteration on a small heap) keeps its 192.
 */
export function bigHeapFirstLength(firstLength: number, msPerIteration: number, fullGcMs: number): number {
  let stretch = BIG_HEAP_STRETCH;
  while (stretch > 1 && (stretch - 1) * firstLength * msPerIteration > fullGcMs) stretch /= 2;
  return firstLength * stretch;
}

export type SegmentOutcome = 'settles' | 'holds' | 'decays';

/** The rule's constants, as one value: bench/rejudge.ts judges recorded segments under others. */
export interface SegmentRule {
  hold: number;
  strong: number;
  firstHold: number;
}
export const SEGMENT_RULE: SegmentRule = { hold: HOLD, strong: STRONG, firstHold: FIRST_HOLD };

/** Whether a segment's rate agrees with the previous one's: a leak's does, a decaying tail's falls. */
export const agrees = (rate: number, previousRate: number, rule: SegmentRule = SEGMENT_RULE): boolean =>
  rate >= rule.hold * previousRate;

/** Whether a segment agreed with the one before, for the next segment's sake: the first with pass 2 at FIRST_HOLD. */
export const agreedForNext = (
  rate: number,
  previousRate: number,
  first: boolean,
  rule: SegmentRule = SEGMENT_RULE,
): boolean => rate >= (first ? rule.firstHold : rule.hold) * previousRate;

export function judgeSegment(
  rate: number,
  previousRate: number,
  leakRate: number,
  previousAgreed: boolean,
  rule: SegmentRule = SEGMENT_RULE,
): SegmentOutcome {
  if (rate < leakRate) return 'settles';
  return agrees(rate, previousRate, rule) && (rate >= rule.strong * leakRate || previousAgreed) ? 'holds' : 'decays';
}

export interface RatePoint {
  iteration: number;
  /** heapUsed + external after forced GCs, less V8's compiled code (ratePoint). */
  total: number;
}

/**
 * A reading as the rule weighs it: heapUsed + external, less the code V8 compiled and its metadata (Node;
 * SeriesPoint.code). V8 keeps optimizing a service's code for a long time: with axios over a keep-alive agent
 * (bench/scenarios/node/clean-svc-axios.mjs, Node 20), its code grew by 150–750 B/iteration up to about iteration
 * 1,500 while the objects the workload kept grew by under 100, and the rule held a leak at 614–657 B/iteration in 3
 * runs of 3. Code grows so while functions get hot, and stops; what a leak keeps is data. A leak of functions made per
 * call (eval, new Function) still counts their objects, scripts and sources.
 */
export function ratePoint(point: SeriesPoint): RatePoint {
  return { iteration: point.iteration, total: point.heapUsed + point.external - (point.code ?? 0) };
}

/**
 * A decision a segment has reached before its last readings: its rate, the median of its interval rates, lies
 * between that median with the intervals still to come at −∞ and at +∞, and the outcome only rises with the rate
 * (settles < decays < holds), so where both bounds are judged alike the rest of the segment cannot change it.
 * Only a decision (settles, holds) ends a segment early: it ends the confirmation with the verdict the whole
 * segment would have given; a segment that decays runs in full, since the next one starts from it. With 4 readings
 * that happens at the third at the earliest (the median of [a, b, c, ?] lies in [(a+b)/2, (b+c)/2]): a clean
 * service whose tail has decayed, or a leak that holds, skips the last quarter of its last segment.
 */
export function decidedEarly(
  known: readonly number[],
  intervals: number,
  previousRate: number,
  leakRate: number,
  previousAgreed: boolean,
): 'settles' | 'holds' | null {
  const unknown = intervals - known.length;
  if (unknown <= 0 || known.length === 0) return null;
  const bound = (value: number): SegmentOutcome =>
    judgeSegment(median([...known, ...Array<number>(unknown).fill(value)]), previousRate, leakRate, previousAgreed);
  const low = bound(-Infinity);
  return low !== 'decays' && low === bound(Infinity) ? low : null;
}

/**
 * The median of the rates between consecutive readings, and half their interquartile range. A step (a pool
 * reallocated, a structure freed) moves one interval and a spike two in opposite directions: the median of
 * the intervals follows the bulk of the series, where an end-to-end or least-squares slope would follow the
 * step (measured on the Express shape: one interval of −550 B/iteration among +300…+800).
 */
export function rateOf(points: readonly RatePoint[]): { rate: number; spread: number } {
  const rates = intervalRates(points);
  if (rates.length === 0) return { rate: 0, spread: 0 };
  rates.sort((a, b) => a - b);
  const at = (q: number): number => rates[Math.round(q * (rates.length - 1))]!;
  return { rate: median(rates), spread: (at(0.75) - at(0.25)) / 2 };
}

/** The rate between each pair of consecutive readings, bytes per iteration. */
export function intervalRates(points: readonly RatePoint[]): number[] {
  const rates: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const span = points[i]!.iteration - points[i - 1]!.iteration;
    if (span > 0) rates.push((points[i]!.total - points[i - 1]!.total) / span);
  }
  return rates;
}

export interface Segment {
  /** Iterations since the baseline where the segment starts and ends. */
  from: number;
  to: number;
  rate: number;
  /** Half the interquartile range of the pairwise slopes. */
  spread: number;
  outcome: SegmentOutcome;
}

export type ConfirmationStop = 'settles' | 'holds' | 'budget' | 'segments';

export interface Confirmation {
  /** The measured pass's own rate (the median rate between its series' readings). */
  measuredRate: number;
  segments: Segment[];
  /** Why confirmation stopped: a decision, or the budget / segment count while still decaying. */
  stop: ConfirmationStop;
  /** The rate that decided (the last segment's). */
  rate: number;
  /** Its uncertainty: the last segment's spread, at least what one floor of noise over it amounts to. */
  uncertainty: number;
  extraIterations: number;
  leak: boolean;
}

/**
 * Re-judges what a probe recorded: the measured pass's series (baseline first) and the confirmation readings
 * (starting with the measured pass's last point), cut at the segment ends the probe reports.
 */
export function judgeConfirmation(
  measured: readonly RatePoint[],
  readings: readonly RatePoint[],
  segmentEnds: readonly number[],
  leakRate: number,
  stoppedBy: 'budget' | 'segments' | null,
): Confirmation {
  const measuredRate = rateOf(measured).rate;
  const segments: Segment[] = [];
  let previous = measuredRate;
  let previousAgreed = false;
  let start = readings[0];
  for (const end of segmentEnds) {
    if (!start) break;
    const from = start.iteration;
    const points = readings.filter((p) => p.iteration >= from && p.iteration <= end);
    if (points.length < 2) break;
    const { rate, spread } = rateOf(points);
    const outcome = judgeSegment(rate, previous, leakRate, previousAgreed);
    segments.push({ from, to: end, rate, spread, outcome });
    previousAgreed = agreedForNext(rate, previous, segments.length === 1);
    previous = rate;
    start = points[points.length - 1];
    if (outcome !== 'decays') break;
  }
  const last = segments[segments.length - 1];
  const decided = last && last.outcome !== 'decays' ? last.outcome : null;
  const stop: ConfirmationStop = decided ?? stoppedBy ?? 'segments';
  const length = last ? last.to - last.from : 0;
  return {
    measuredRate,
    segments,
    stop,
    rate: last?.rate ?? measuredRate,
    uncertainty: last ? Math.max(last.spread, length > 0 ? RATE_JITTER / length : 0) : 0,
    extraIterations: last ? last.to - (segments[0]?.from ?? last.from) : 0,
    // Still decaying when the budget ran out: it grew by R or more per iteration over the last segment all the same.
    leak: last !== undefined && last.outcome !== 'settles',
  };
}

/**
 * Heap after forced GCs moves by a few KiB between checkpoints of clean code (allocator and JIT noise): spread
 * over a segment of L iterations that is RATE_JITTER / L per iteration, the least a rate is known to.
 */
export const RATE_JITTER = 8 * 1024;
