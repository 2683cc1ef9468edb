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

/**
 * Head against base, per workload and per site. The allowed increase of retained growth is the larger of
 * `maxIncrease` and the combined noise of both measurements (formula in README), so identical code never fails.
 */
export function compareWithBase(base: WorkloadFigures[], head: WorkloadFigures[], maxIncrease: Increase | null): BaseComparison {
  throw new Error('not implemented');
}
