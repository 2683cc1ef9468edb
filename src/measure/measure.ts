import type { MeasureOutcome, WorkloadErrorKind } from '../analysis/model.ts';
import type { GroupBy } from '../analysis/diff.ts';

export type NodeProfiler = 'inspector' | 'v8-profiler-next';

export interface MeasureOptions {
  /** Absolute path of the workload module (.mjs .js .cjs .ts .mts or .py). */
  workload: string;
  /** Working directory of the workload process. */
  cwd: string;
  /** Iterations per pass; null = the workload's `options.iterations`, else DEFAULTS.iterations. */
  iterations: number | null;
  /** Node backend; Python always uses tracemalloc. */
  profiler: NodeProfiler;
  samplingInterval: number;
  stackDepth: number;
  timeoutSeconds: number;
  /** Python probe: filter_traces globs and the compare_to key (line→lineno, file→filename, traceback). */
  include: string[];
  exclude: string[];
  groupBy: GroupBy;
  /** The user's interpreters: default `node` and `python3` from PATH. */
  nodePath?: string;
  pythonPath?: string;
  /** Where to save the raw sampling profile (.heapprofile, loadable by Chrome DevTools). */
  profileOut?: string;
  /** Progress for people (which pass, which iteration); the CLI prints it to stderr. */
  onProgress?: (message: string) => void;
}

/** Runs one workload in a fresh process of the user's runtime and returns what its probe measured. */
export async function measureWorkload(options: MeasureOptions): Promise<MeasureOutcome> {
  throw new Error('not implemented');
}

export type { WorkloadErrorKind };
