/**
 * The noise model: every constant and formula that decides "real change or measurement noise" lives here.
 *
 * What the measurement is made of (and what was measured, 2-core runner, Node 20/22/24, Python 3.11):
 * - Retained growth G = (heapUsed + external) after pass 2 − the same at the baseline, both after forced GCs.
 *   heapUsed is exact, but moves by a few KB–tens of KB between passes even for clean code (JIT code,
 *   feedback vectors, inline caches). Measured: clean shapes (transient garbage, warm caches, bounded LRU,
 *   structures rebuilt each iteration, JSON round trips) moved by −11.6…+6.4 KiB over pass 2 in a bare script,
 *   almost all of it at the first checkpoint, then flat within ±0.2 KiB. Through memgate's probe, which
 *   rehearses a checkpoint in pass 1 and reads the baseline after its own snapshot, the bench's clean scenarios
 *   moved by −12…+20 KiB as the median of 10 trials, single runs by up to 33 KiB (before that rehearsal: +45…+118 KiB, in one jump at the first
 *   checkpoint). Either way the drift is one-off: it does not grow with iterations.
 * - external/arrayBuffers (Buffers, typed arrays) is exact bookkeeping.
 * - Python's tracemalloc traces every allocation (exact); clean shapes moved by ≤ 0.3 KiB over a pass.
 * - The V8 sampling heap profiler, which names the sites, estimates B bytes of small objects from samples
 *   taken every ~I bytes: σ ≈ √(B·I). Below 3σ the sites table cannot pin the growth to lines.
 */
import { leastSquares, median } from './stats.ts';

/**
 * A growth at or below this is never a leak verdict: above the drift of clean code in a bare script (≤ ~12 KiB)
 * and half the smallest leak that must be caught (64 KiB per pass). Larger one-offs (lazy
 * initialisation, late JIT code) are told apart by shape, below.
 */
export const GROWTH_FLOOR = 32 * 1024;

/** Sigmas of sampling noise a change must exceed to count as real. */
export const SIGMAS = 3;

/** Standard deviation of the sampler's estimate of `bytes` at `interval`: √(|B|·I); 0 when exact (tracemalloc). */
export function samplingSigma(bytes: number, interval: number | null): number {
  return interval === null || interval <= 0 ? 0 : Math.sqrt(Math.abs(bytes) * interval);
}

/**
 * Growth a leak verdict must exceed: max(GROWTH_FLOOR, 3·√(G_heap·I)). Only the heap part is sampled; external
 * is exact. At the default I = 4096 the √ term overtakes the floor at G_heap = 9·I = 36 KiB, so any leak of
 * 64 KiB per pass clears it; at a coarser interval the bar rises with the sampler's blur.
 */
export function growthThreshold(heapGrowth: number, interval: number | null): number {
  return Math.max(GROWTH_FLOOR, SIGMAS * samplingSigma(Math.max(0, heapGrowth), interval));
}

/*
 * "Grows with the work": the pass-2 series (heap + external after forced GCs at the baseline, a few
 * checkpoints and the end) must show the growth accumulating over iterations, not arriving at once.
 *
 * Two artefacts are real and common, measured on clean fixtures through the real probe:
 * - one-off jumps: code compiled the first time a path runs (up to +63 KiB at one checkpoint before the probe
 *   rehearsed its own), a lazily built table, a cache reaching its size;
 * - transient spikes: one checkpoint reads +8…+37 KiB above its neighbours, the next one is back.
 * So besides the series as measured, its variants are judged too: with its largest jump between
 * checkpoints replaced by the median jump ("corrected"; needs ≥ 3 intervals), and with one spike left out
 * (needs ≥ 5 points; SPIKE_MIN), corrected or not. A leak's jumps are all alike, so correcting barely
 * changes a leak, while a one-off collapses to the flat line around it. Only spikes are left out: leaving
 * out the corner of a step would stretch the step over two intervals and make it look like a slope.
 * A variant's steady growth is its growth minus the jump taken out; it must itself clear the noise bar.
 *
 * A variant grows steadily when either test holds:
 * - fit: least-squares line with r² ≥ MIN_R2 whose slope × iterations explains ≥ MIN_RATE_SHARE of the growth.
 *   A single step fits a line with r² ≤ 0.77 (6 points, step in the middle; 0.43 at either end), a leak
 *   with r² > 0.98 (measured: 64 KiB/pass on Node 20/22/24 and Python).
 * - steady rise (needs ≥ 3 intervals): every interval rises by ≥ MIN_INTERVAL_SHARE of its even share of
 *   the growth, and no interval carries more than MAX_STEP_SHARE of it. Catches leaks whose series is too
 *   bumpy for the fit, and never a single step (the flat intervals around a step fail the first condition).
 */
export const MIN_R2 = 0.9;
export const MIN_RATE_SHARE = 0.5;
export const MIN_INTERVAL_SHARE = 0.25;
export const MAX_STEP_SHARE = 0.6;
/** A corrected jump above this share of the growth is named in the reason (and the steady rate shown). */
export const MATERIAL_ONE_OFF_SHARE = 0.1;
/**
 * A passing verdict mentions a one-off jump from this size on (a lazily built table is worth knowing about);
 * below it, late JIT code and allocator noise would put a note on clean workloads.
 */
export const ONE_OFF_NOTE_MIN = 4 * GROWTH_FLOOR;

/* Base vs head: how far head's figures may move from base's before it is a regression. */

/**
 * Retained growth of identical code differs between runs by its drift: ≤ ~12 KiB in a bare script, and
 * through the probe a clean scenario's spread over 10 trials stayed within 25 KiB (bench/results/latest.md).
 * Twice the growth floor leaves a wide margin: 0 regressions in 237 comparisons of identical code (the bench).
 */
export const COMPARE_FLOOR = 2 * GROWTH_FLOOR;

/**
 * Noise of head.retained − base.retained: COMPARE_FLOOR + 3·√((|base| + |head|)·I) + both trial spreads.
 * The √ term is the two independent sampling errors combined (σ² adds); spreads are what repeated trials
 * actually showed. tracemalloc (I = null) is exact and keeps only the floor and spreads.
 */
export function retainedCompareNoise(
  base: number,
  head: number,
  interval: number | null,
  baseSpread: number,
  headSpread: number,
): number {
  return (
    COMPARE_FLOOR +
    SIGMAS * samplingSigma(Math.abs(base) + Math.abs(head), interval) +
    Math.abs(baseSpread) +
    Math.abs(headSpread)
  );
}

/** Heap used at the end moves between processes and runner images (Node patch versions, lazy internals). */
export const HEAP_AFTER_FLOOR = 1024 * 1024;
export const HEAP_AFTER_RELATIVE = 0.05;
/** RSS moves by MBs between runs (allocator arenas, thread pools, page cache behaviour). */
export const RSS_FLOOR = 16 * 1024 * 1024;
export const RSS_RELATIVE = 0.1;

/** Noise of heapAfter between two runs: max(1 MiB, 5% of base). */
export function heapAfterCompareNoise(base: number): number {
  return Math.max(HEAP_AFTER_FLOOR, HEAP_AFTER_RELATIVE * Math.abs(base));
}

/** Noise of peak RSS between two runs: max(16 MiB, 10% of base). */
export function rssCompareNoise(base: number): number {
  return Math.max(RSS_FLOOR, RSS_RELATIVE * Math.abs(base));
}

/** A site's growth is worth calling new only above this: one sample of the sampler is ~I bytes. */
export const SITE_FLOOR = 4 * 1024;

/** max(SITE_FLOOR, 3·√(sizeDiff·I)): at I = 4096 a site needs ≥ 36 KiB (about nine samples). */
export function siteNoise(sizeDiff: number, interval: number | null): number {
  return Math.max(SITE_FLOOR, SIGMAS * samplingSigma(sizeDiff, interval));
}

/*
 * A structure that keeps growing reallocates its storage in steps: a JS array's backing store grows to
 * 1.5× + 16 elements, hash tables double. Over one pass its growth can be a single step, which the series
 * alone cannot tell from a one-off (measured: a module-level array of doubles, +300 KiB in one step over
 * 50 iterations, r² 0.82). The sites can: a one-off shows up where little or nothing was live at the
 * baseline, while a growing structure's site already held B bytes and grew by a large share of B.
 */
export const STRUCTURE_GROWTH_SHARE = 0.25;

export interface SiteGrowth {
  /** Live bytes after pass 2. */
  size: number;
  /** after − baseline. */
  sizeDiff: number;
}

/**
 * Growth at sites that already held memory at the baseline and grew by ≥ STRUCTURE_GROWTH_SHARE of it, each
 * beyond the sampler's noise on what it holds now (max(SITE_FLOOR, 3·√(size·I))).
 */
export function grownStructures(sites: readonly SiteGrowth[], interval: number | null): number {
  let grown = 0;
  for (const site of sites) {
    const before = site.size - site.sizeDiff;
    if (before <= 0) continue;
    const noise = Math.max(SITE_FLOOR, SIGMAS * samplingSigma(site.size, interval));
    if (site.sizeDiff >= STRUCTURE_GROWTH_SHARE * before && site.sizeDiff > noise) grown += site.sizeDiff;
  }
  return grown;
}

/** How the pass-2 series grew: with the iterations ('fit', 'steady-rise'), at once ('one-off'), or unknowable. */
export type Scaling = 'fit' | 'steady-rise' | 'one-off' | 'unknown';

export interface TotalPoint {
  iteration: number;
  /** heapUsed + external after forced GCs. */
  total: number;
}

/** The shape of a series: its growth, its steady part, and whether (and how) it grows steadily. */
export interface SeriesShape {
  /** last − first. */
  growth: number;
  /** The growth without the one-off jump taken out by the variant that passed (else by the corrected series). */
  steadyGrowth: number;
  /** That jump (0 when none was taken out). */
  oneOff: number;
  /** 'fit' or 'steady-rise' when a variant grows steadily; 'unknown' under 3 points. */
  scaling: Scaling;
  /** Bytes per iteration and r² of the variant that passed (else of the series as measured). */
  slope: number;
  r2: number;
  /** True when the variant that passed had a material jump taken out: the reason then names it. */
  corrected: boolean;
}

function sortedPoints(points: readonly TotalPoint[]): TotalPoint[] {
  const sorted: TotalPoint[] = [];
  for (const point of [...points].sort((a, b) => a.iteration - b.iteration)) {
    // Two points at one iteration: keep the later measurement.
    if (sorted.length > 0 && sorted[sorted.length - 1]!.iteration === point.iteration)
      sorted[sorted.length - 1] = point;
    else sorted.push(point);
  }
  return sorted;
}

/** fit or steady-rise for one variant of the series, or null. */
function steadyTest(
  points: readonly TotalPoint[],
): { scaling: 'fit' | 'steady-rise'; slope: number; r2: number } | null {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const growth = last.total - first.total;
  const span = last.iteration - first.iteration;
  if (growth <= 0 || span <= 0) return null;
  const fit = leastSquares(
    points.map((p) => p.iteration),
    points.map((p) => p.total),
  );
  if (fit.r2 >= MIN_R2 && fit.slope * span >= MIN_RATE_SHARE * growth)
    return { scaling: 'fit', slope: fit.slope, r2: fit.r2 };
  if (points.length < 4) return null;
  let everyInterval = true;
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < points.length; i++) {
    const rise = points[i]!.total - points[i - 1]!.total;
    const evenShare = (growth * (points[i]!.iteration - points[i - 1]!.iteration)) / span;
    if (rise < MIN_INTERVAL_SHARE * evenShare) everyInterval = false;
    largest = Math.max(largest, rise);
  }
  return everyInterval && largest <= MAX_STEP_SHARE * growth
    ? { scaling: 'steady-rise', slope: growth / span, r2: fit.r2 }
    : null;
}

/** The series with its largest jump replaced by the median jump (per iteration, scaled to that interval). */
function withoutLargestJump(points: readonly TotalPoint[]): { points: TotalPoint[]; oneOff: number } {
  const rates: number[] = [];
  let largestAt = 1;
  let largestRate = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < points.length; i++) {
    const rate = (points[i]!.total - points[i - 1]!.total) / (points[i]!.iteration - points[i - 1]!.iteration);
    rates.push(rate);
    if (rate > largestRate) {
      largestRate = rate;
      largestAt = i;
    }
  }
  const width = points[largestAt]!.iteration - points[largestAt - 1]!.iteration;
  const oneOff = Math.max(0, (largestRate - median(rates)) * width);
  return {
    points: points.map((p, i) => (i >= largestAt ? { iteration: p.iteration, total: p.total - oneOff } : p)),
    oneOff,
  };
}

interface Variant {
  points: TotalPoint[];
  oneOff: number;
}

function corrected(points: TotalPoint[]): Variant | null {
  if (points.length < 4) return null;
  const variant = withoutLargestJump(points);
  return variant.oneOff > 0 ? variant : null;
}

/**
 * A spike: an interior checkpoint at least SPIKE_MIN above (or below) both neighbours. The corner of a step
 * differs from one neighbour by jitter only (±1 KiB measured), so it never qualifies.
 */
export const SPIKE_MIN = 4 * 1024;

/** Each spike left out in turn, corrected first (a spike often comes with a one-off jump elsewhere). */
function withOneSpikeLeftOut(sorted: TotalPoint[]): Variant[] {
  if (sorted.length < 5) return [];
  const list: Variant[] = [];
  for (let skip = 1; skip < sorted.length - 1; skip++) {
    const left = sorted[skip]!.total - sorted[skip - 1]!.total;
    const right = sorted[skip]!.total - sorted[skip + 1]!.total;
    if (Math.sign(left) !== Math.sign(right) || Math.min(Math.abs(left), Math.abs(right)) < SPIKE_MIN) continue;
    const fewer = sorted.filter((_, i) => i !== skip);
    const fixed = corrected(fewer);
    if (fixed) list.push(fixed);
    list.push({ points: fewer, oneOff: 0 });
  }
  return list;
}

/**
 * Which way the series grew: the first variant that grows steadily and whose steady growth `isSubstantial`
 * (assessLeak passes it through its noise bar) decides. Order: as measured when a line fits it or nothing
 * material was corrected; otherwise corrected first, so that the reason names the jump and gives the steady
 * rate behind it rather than a steeper line; then the variants with a spike left out.
 */
export function seriesShape(
  points: readonly TotalPoint[],
  isSubstantial: (steadyGrowth: number) => boolean = () => true,
): SeriesShape {
  const sorted = sortedPoints(points);
  const raw = leastSquares(
    sorted.map((p) => p.iteration),
    sorted.map((p) => p.total),
  );
  const growth = sorted.length > 0 ? sorted[sorted.length - 1]!.total - sorted[0]!.total : 0;
  const unsteady = { slope: raw.slope, r2: raw.r2, corrected: false };
  if (sorted.length < 3) return { growth, steadyGrowth: growth, oneOff: 0, scaling: 'unknown', ...unsteady };

  const material = (variant: Variant): boolean => variant.oneOff > MATERIAL_ONE_OFF_SHARE * growth;
  const measured: Variant = { points: sorted, oneOff: 0 };
  const fixed = corrected(sorted);
  const measuredTest = steadyTest(sorted);
  const head =
    fixed === null
      ? [measured]
      : measuredTest?.scaling === 'fit' || !material(fixed)
        ? [measured, fixed]
        : [fixed, measured];
  for (const variant of [...head, ...withOneSpikeLeftOut(sorted)]) {
    const steadyGrowth = growth - variant.oneOff;
    if (!isSubstantial(steadyGrowth)) continue;
    const steady = variant === measured ? measuredTest : steadyTest(variant.points);
    if (steady !== null)
      return { growth, steadyGrowth, oneOff: variant.oneOff, ...steady, corrected: material(variant) };
  }
  const oneOff = fixed?.oneOff ?? 0;
  return { growth, steadyGrowth: growth - oneOff, oneOff, scaling: 'one-off', ...unsteady };
}

export interface LeakAssessment extends SeriesShape {
  /** The growth judged (bytes) and the bar it had to clear. */
  judged: number;
  threshold: number;
  aboveNoise: boolean;
  /** The bar the steady part had to clear (sized like `threshold`, from the steady part). */
  steadyThreshold: number;
  leak: boolean;
}

/**
 * The default leak rule. leak ⇔
 *   growth > growthThreshold(heap growth, I)          (the net growth is beyond the noise)
 *   AND some variant of the series (as measured, corrected, a spike left out) grows steadily ('fit' or
 *   'steady-rise') with steadyGrowth > growthThreshold(its heap part, I)   (so is its steady part).
 * With fewer than three points a line always fits, so the first condition alone decides ('unknown').
 */
export function assessLeak(input: {
  growth: number;
  heapGrowth: number;
  interval: number | null;
  points: readonly TotalPoint[];
}): LeakAssessment {
  const threshold = growthThreshold(input.heapGrowth, input.interval);
  const aboveNoise = input.growth > threshold;
  // A steady part is sampled in the same proportion as the whole growth (external is exact).
  const heapShare = input.growth > 0 ? Math.min(1, Math.max(0, input.heapGrowth / input.growth)) : 1;
  const steadyBar = (steadyGrowth: number): number => growthThreshold(steadyGrowth * heapShare, input.interval);
  const shape = seriesShape(input.points, (steadyGrowth) => steadyGrowth > steadyBar(steadyGrowth));
  const leak = aboveNoise && shape.scaling !== 'one-off';
  return {
    ...shape,
    judged: input.growth,
    threshold,
    aboveNoise,
    steadyThreshold: steadyBar(shape.steadyGrowth),
    leak,
  };
}
