/** The interface both sampling-heap-profiler backends implement inside the workload process. */
import type { Frame, ProfilerInfo, Snapshot } from '../../../analysis/model.ts';

export interface SamplerOptions {
  samplingInterval: number;
  stackDepth: number;
  /** URL prefixes of the probe's own code, whose frames and allocations are memgate's. */
  probeUrlPrefixes: string[];
  /** Directory of the workload: optional backends are resolved from its project first. */
  workloadDir: string;
  /** Maps frames of generated code (e.g. TypeScript compiled by tsx) back to the source. */
  remap?: (frame: Frame) => Frame;
}

export interface Sampler {
  readonly info: ProfilerInfo;
  /**
   * Reading the profile runs a full GC first (the inspector's reads do: V8's kSamplingForceGC). The probe then
   * lets that collection be the last round of a settled reading instead of adding one of its own: on a big heap
   * each full collection is the bulk of memgate's cost (issue 16).
   */
  readonly readCollects: boolean;
  /** After setup, before pass 1. */
  start(): Promise<void>;
  /** At the baseline, right after the forced GCs. */
  baseline(): Promise<Snapshot>;
  /** At the end of pass 2, right after the forced GCs; `raw` is the profile to save as .heapprofile. */
  after(): Promise<{ snapshot: Snapshot; raw: unknown }>;
  stop(): Promise<void>;
}

/** The backend cannot run here (e.g. v8-profiler-next is not installed): a 'runtime' error. */
export class SamplerUnavailableError extends Error {
  override name = 'SamplerUnavailableError';
}
