import type { SeriesPoint } from './model.ts';

export interface Ceilings {
  maxRetained: number | null;
  maxHeap: number | null;
  maxRss: number | null;
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
  /** Sum of positive sampled sizeDiff over all sites (the attributed growth), bytes. */
  attributedGrowth: number;
  /** retained.total of each trial (one entry per fresh-process trial). */
  trialTotals: number[];
}

/** Least-squares leak rate over the series (heap + external per iteration). */
export function leakRate(series: SeriesPoint[]): LeakRate {
  throw new Error('not implemented');
}

/**
 * The verdict for one workload: every ceiling given is checked; with or without ceilings, growth
 * that clearly exceeds the measurement's noise and scales with iterations fails (rule in README).
 * Reasons are plain sentences with sizes formatted for people.
 */
export function gateWorkload(input: GateInput, ceilings: Ceilings): Verdict {
  throw new Error('not implemented');
}
