/**
 * What memgate knows about one runtime, in one place: which files it runs, how it starts the probe, and what
 * the probe's profiler can see. One descriptor per runtime (node.ts, python.ts), found by `runtimeFor`.
 */
import type { ProfilerInfo, RuntimeName, WorkloadError } from '../../analysis/model.ts';
import type { NodeProfiler } from '../../choices.ts';
import type { MeasureOptions } from '../measure.ts';
import type { ProbeConfig } from '../protocol.ts';

/** The process that runs the probe; `loader` is what loaded a TypeScript workload (Node only). */
export interface ProbeCommand {
  command: string;
  args: string[];
  loader?: string;
}

/** The user's profiler settings, of which each runtime takes what applies to it. */
export interface ProfilerChoice {
  profiler: NodeProfiler;
  samplingInterval: number;
  stackDepth: number;
}

export interface Runtime {
  /** As reports and messages name it. */
  readonly name: RuntimeName;
  /** File endings it runs, in the order usage text and messages list them. */
  readonly extensions: readonly string[];
  /** The probe's command line for this workload (an absolute path), or why it cannot run. */
  command(
    workload: string,
    options: MeasureOptions,
    config: ProbeConfig,
  ): Promise<ProbeCommand | { error: WorkloadError }>;
  /** The profiler block its probe reports for these settings: what a report shows when the probe never got to say. */
  profiler(choice: ProfilerChoice): ProfilerInfo;
  /**
   * The probe groups and filters sites itself (tracemalloc's compare_to with the report's key and the
   * include/exclude globs): the analysis cannot regroup them, e.g. per line for the gate.
   */
  readonly groupsInProbe: boolean;
  /** The probe can save its raw sampling profile (.heapprofile, for Chrome DevTools). */
  readonly savesProfile: boolean;
}
