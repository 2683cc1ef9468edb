/**
 * Hints where users go wrong (issue 13, item 7): plain sentences beside a workload's verdict, never part of it.
 *  - Promises still in flight: a `run()` that does not await its request leaves it pending at every checkpoint,
 *    and what it holds shows as growth pinned to `run` (the Node probe counts them: node-probe.ts pendingPromises).
 *  - A cache still filling: the growth stopped (the leak-rate confirmation settled, or the measured pass's series
 *    flattened), so the warm-up pass was too short to fill it; more iterations move the filling out of the measurement.
 * Pure: no I/O.
 */
import type { Segment } from './leak-rate.ts';
import { GROWTH_FLOOR } from './noise.ts';
import { formatBytes } from './format-bytes.ts';

export interface HintInput {
  iterations: number;
  /** Retained growth over the measured pass (heap + external). */
  retained: number;
  /** The measured pass's series as totals (heap + external after GC), baseline first. */
  series: readonly { iteration: number; total: number }[];
  /** The leak-rate rule's judgement of the reported trial, when it confirmed: how it stopped and its segments. */
  leak?: { verdict: string; segments: readonly Pick<Segment, 'from' | 'to' | 'outcome'>[] } | undefined;
  /** Node: promises left pending by a few iterations after the measurement (absent: not checked). */
  pendingPromises?: { count: number; iterations: number } | undefined;
}

/** A series flattened when its last half grew by less than this share of the growth. */
const FLAT_SHARE = 0.1;
/** The series reached this share of its growth where the filling is taken to have stopped. */
const FILLED_SHARE = 0.9;

export function workloadHints(input: HintInput): string[] {
  if (input.retained <= GROWTH_FLOOR) return [];
  const hints: string[] = [];
  const pending = input.pendingPromises;
  // Awaited work leaves none; one in flight every other iteration or more is the pattern (the count is ± a couple).
  if (pending && pending.count >= 2 && pending.count * 2 >= pending.iterations) {
    const per = Math.round((pending.count / pending.iterations) * 10) / 10;
    hints.push(
      `${pending.count} promises were still pending when ${plural(pending.iterations, 'more iteration')} ended (${per} per iteration): ` +
        'did run() await its work? What work still in flight holds counts as growth at every checkpoint.',
    );
  }
  const filled = filledAt(input);
  if (filled !== null) {
    const at = niceCeil(input.iterations + filled);
    hints.push(
      `memory grew ${formatBytes(input.retained)} in the measured pass, then stopped growing ` +
        `(${filled <= input.iterations ? `by iteration ${filled} of ${input.iterations}` : `within ${filled} iterations of the baseline`}): ` +
        `a cache or pool still filling while it was measured. With iterations ${at} or more (options.iterations, --iterations), ` +
        'the warm-up pass fills it and the measured pass shows only what keeps growing.',
    );
  }
  return hints;
}

/**
 * Iterations since the baseline by which the growth stopped, or null when it did not (or nothing says so). The
 * confirmation's first settling segment ends by then; without one, the series' point where it reached most of its
 * growth, when its last half was flat.
 */
function filledAt(input: HintInput): number | null {
  if (input.leak) {
    if (input.leak.verdict !== 'settles') return null;
    return input.leak.segments.find((s) => s.outcome === 'settles')?.to ?? null;
  }
  const points = input.series;
  if (points.length < 3) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const growth = last.total - first.total;
  if (growth <= GROWTH_FLOOR) return null;
  const half = first.iteration + (last.iteration - first.iteration) / 2;
  const middle = points.find((p) => p.iteration >= half)!;
  if (middle === last || last.total - middle.total > FLAT_SHARE * growth) return null;
  return points.find((p) => p.total - first.total >= FILLED_SHARE * growth)!.iteration;
}

/** Rounded up to two significant digits: 562 → 570, 1234 → 1300. */
export function niceCeil(n: number): number {
  if (n < 100) return Math.ceil(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.ceil(n / step) * step;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
