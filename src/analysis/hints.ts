/**
 * Hints where users go wrong (issue 13, item 7): plain sentences beside a workload's verdict, never part of it.
 *  - Promises still in flight: a `run()` that does not await its request leaves it pending at every checkpoint,
 *    and what it holds shows as growth pinned to `run` (the Node probe counts them: node-probe.ts pendingPromises).
 *  - A cache still filling: the growth stopped (the leak-rate confirmation settled, or the readings flattened), so the
 *    warm-up pass was too short to fill it; more iterations move the filling out of the measurement. Where it stopped
 *    comes from the readings (the measured pass's, then the confirmation's when given), else the settling segment.
 *  - A bounded cache that had not filled yet: the growth kept going, but what holds it is a cache with a capacity
 *    (an lru-cache LRUCache in Node, a functools.lru_cache in Python, named by the retainer paths): it stops at its
 *    capacity, so iterations above capacity ÷ entries per iteration tell filling from leaking. A round number of
 *    entries is no evidence either way: a leak of k entries an iteration is at a round count after a round number
 *    of iterations too, and memgate's iteration counts are round.
 *  - Fewer frames than asked for: tracemalloc recorded fewer frames per allocation than the configured depth (the
 *    workload started tracemalloc again, or the probe could not raise its limit back after the import:
 *    python_probe.TracebackLimit), so a row may stop inside a library instead of at the user's line.
 * Pure: no I/O.
 */
import { RATE_JITTER, type Segment } from './leak-rate.ts';
import type { RetainerPathJson } from '../report/retainers-schema.ts';
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
  /** The confirmation's readings (totals after GC, iterations since the baseline), when it ran. */
  confirmation?: readonly { iteration: number; total: number }[] | undefined;
  /** The top rows' retainer paths, largest row first (absent: not captured). */
  top?: readonly { retainers?: readonly RetainerPathJson[] | undefined }[] | undefined;
  /** Python: the depth the probe asked tracemalloc for, and the limit pass 2 ran at. */
  stackDepth?: { configured: number; recorded: number } | undefined;
}

/** Flat: readings after the filling stay within this share of the growth of the last one. */
const FLAT_SHARE = 0.1;
/** Confirmation readings are flat within this share of the measured pass's growth (or the checkpoints' jitter). */
const READING_SLACK = 0.05;
/** The series reached this share of its growth where the filling is taken to have stopped. */
const FILLED_SHARE = 0.9;

export function workloadHints(input: HintInput): string[] {
  const hints: string[] = [];
  const depth = input.stackDepth;
  if (depth && depth.recorded < depth.configured) {
    hints.push(
      `tracemalloc recorded ${plural(depth.recorded, 'frame')} per allocation, not the ${depth.configured} asked for: ` +
        'the workload started tracemalloc again, or memgate could not set its limit back after the import. ' +
        'A row may then stop inside a library instead of at your line.',
    );
  }
  if (input.retained <= GROWTH_FLOOR) return hints;
  const pending = input.pendingPromises;
  // Awaited work leaves none; one in flight every other iteration or more is the pattern (the count is ± a couple).
  if (pending && pending.count >= 2 && pending.count * 2 >= pending.iterations) {
    const per = Math.round((pending.count / pending.iterations) * 10) / 10;
    hints.push(
      `${pending.count} promises were still pending when ${plural(pending.iterations, 'more iteration')} ended (${per} per iteration): ` +
        'did run() await its work? What work still in flight holds counts as growth at every checkpoint.',
    );
  }
  const filled = input.retained > FILLING_MIN ? filledAt(input) : null;
  if (filled !== null) {
    const at = niceCeil((input.iterations + filled.at) * MARGIN);
    const when =
      filled.at <= input.iterations
        ? `by iteration ${filled.at} of the ${input.iterations} measured`
        : filled.exact
          ? `by about ${filled.at} iterations after the baseline, in the extra iterations that confirm growth`
          : `within ${filled.at} iterations of the baseline`;
    hints.push(
      `memory grew ${formatBytes(input.retained)} in the measured pass, then stopped growing (${when}): ` +
        `a cache or pool still filling while it was measured. With iterations ${at} or more (options.iterations, --iterations), ` +
        'the warm-up pass fills it and the measured pass shows only what keeps growing.',
    );
  } else {
    const bounded = boundedHolder(input);
    if (bounded) hints.push(bounded);
  }
  return hints;
}

/**
 * Growth that settled below this is not taken for a cache filling: clean code's one-off drift after the warm-up
 * reaches about a GROWTH_FLOOR (noise.ts), and a full lru-cache measured with 130 iterations settled at 38 KiB.
 */
const FILLING_MIN = 2 * GROWTH_FLOOR;

/** Suggested iterations leave this much room over where the filling was seen to stop. */
const MARGIN = 1.25;

/**
 * Iterations since the baseline by which the growth stopped, or null when it did not (or nothing says so). From the
 * measured pass's readings when they show it: the first that reached most of the growth, the rest flat after it (with
 * a confirmation that settled that is enough, the rule saw the rate fall; without one, the filling must end in the
 * first half). Else, when the confirmation settled: the first of its readings from which the rest are flat; failing
 * that, the end of its first settling segment (`exact` false).
 */
function filledAt(input: HintInput): { at: number; exact: boolean } | null {
  if (input.leak && input.leak.verdict !== 'settles') return null;
  const settled = input.leak !== undefined;
  const inPass = plateauAt(input.series, settled);
  if (inPass !== null) return { at: inPass, exact: true };
  if (!settled) return null;
  // The confirmation's readings, from the measured pass's last point. memgate's own checkpoints move the level by a
  // few tens of KiB now and then (its end-of-pass snapshot between the pass's last point and the next reading, a
  // one-off step later): the first interval does not count, and one step among flat intervals is allowed, when it
  // rose by less than half what the measured pass's rate adds over it (the filling's own intervals rise by about that).
  const readings = input.confirmation ?? [];
  const slack = Math.max(READING_SLACK * input.retained, RATE_JITTER);
  const passRate = input.retained / Math.max(1, input.iterations);
  let from = readings.length - 1;
  let steps = 0;
  let flat = 0;
  for (; from > 1; from -= 1) {
    const [a, b] = [readings[from - 1]!, readings[from]!];
    const rise = Math.abs(b.total - a.total);
    if (rise <= slack) flat += 1;
    else if (steps === 0 && rise < 0.5 * passRate * (b.iteration - a.iteration)) steps = 1;
    else break;
  }
  if (flat >= 2 && flat > steps) return { at: readings[from]!.iteration, exact: true };
  const segment = input.leak?.segments.find((s) => s.outcome === 'settles')?.to;
  return segment === undefined ? null : { at: segment, exact: false };
}

function plateauAt(points: readonly { iteration: number; total: number }[], settled: boolean): number | null {
  if (points.length < 3) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const growth = last.total - first.total;
  if (growth <= GROWTH_FLOOR) return null;
  const filled = points.find((p) => p.total - first.total >= FILLED_SHARE * growth)!;
  if (filled === last) return null;
  // Flat after it: every later reading within the slack of the last.
  const after = points.filter((p) => p.iteration > filled.iteration);
  if (after.some((p) => Math.abs(p.total - last.total) > FLAT_SHARE * growth)) return null;
  if (!settled) {
    const half = first.iteration + (last.iteration - first.iteration) / 2;
    if (filled.iteration > half) return null;
  }
  return filled.iteration;
}

/**
 * The bounded caches retainer paths can name, by the step that shows them: lru-cache's private fields (v7 and later)
 * and the C type of functools.lru_cache's wrapper. Python's wrapper has no maxsize in the path: unbounded
 * (maxsize=None, functools.cache) looks the same, so the hint says what each means.
 */
const BOUNDED: readonly {
  step: (s: RetainerPathJson['path'][number]) => boolean;
  say: (holder: string, seen: string) => string;
}[] = [
  {
    step: (s) => s.kind === 'property' && ['#keyMap', '#valList', '#keyList', '#valMap'].includes(s.name),
    say: (holder, seen) =>
      `the growth is held by an lru-cache LRUCache${holder}, which stops growing at its max: a max above the entries ` +
      `${seen} added means it was still filling, not leaking. Set iterations to at least max ÷ entries added per iteration ` +
      '(options.iterations, --iterations) so the warm-up pass fills it; growth that goes on after that is a leak.',
  },
  {
    step: (s) => s.name === '<_lru_cache_wrapper>',
    say: (holder, seen) =>
      `the growth is held by a functools.lru_cache${holder}. With a maxsize it stops growing when full, and a maxsize ` +
      `above the calls with new arguments ${seen} made means it was still filling, not leaking: set iterations to at ` +
      'least maxsize ÷ new arguments per iteration (options.iterations, --iterations). With maxsize=None ' +
      '(or functools.cache) it keeps every argument: a leak.',
  },
];

/** For growth that did not stop: a hint when the largest growing row's main retainer path runs through a bounded cache. */
function boundedHolder(input: HintInput): string | null {
  const path = input.top?.find((t) => t.retainers && t.retainers.length > 0)?.retainers?.[0]?.path;
  if (!path) return null;
  for (const cache of BOUNDED) {
    const at = path.findIndex(cache.step);
    if (at < 0) continue;
    const owner = at > 0 ? path[at - 1] : undefined;
    const where = owner?.file !== undefined ? `, ${owner.file}${owner.line !== undefined ? `:${owner.line}` : ''}` : '';
    const holder = owner && owner.name !== '[]' ? ` (${owner.name}${where})` : '';
    const confirmed = input.leak?.segments.at(-1)?.to ?? input.iterations;
    const seen = `the ${input.iterations} warm-up and ${confirmed} later iterations`;
    return cache.say(holder, seen);
  }
  return null;
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
