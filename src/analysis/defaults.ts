/**
 * Defaults shared by the CLI and the Action. Each number was chosen by measurement; the README's
 * "Defaults" section has the table behind it.
 */
export const DEFAULTS = {
  /** Calls per pass when neither the caller nor the workload's `options` say. */
  iterations: 50,
  /** Mean bytes between heap samples (V8 sampling heap profiler). */
  samplingInterval: 4096,
  /** Frames kept per sample (passed explicitly: v8-profiler-next defaults to 16). */
  stackDepth: 32,
  top: 10,
  groupBy: 'line' as const,
  /** Per workload process, seconds. */
  timeoutSeconds: 300,
  /** Fresh-process trials per workload. */
  trials: 1,
  /** Heap-after-GC checkpoints inside pass 2 (besides baseline and after) for the leak-rate fit. */
  seriesPoints: 4,
  /** Forced full GCs before each measurement. */
  gcRounds: 2,
  /**
   * Node, with the confirmation on: above this heap in use after setup(), pass 1 and pass 2 take no checkpoints
   * (bytes). Each checkpoint is a full collection of the whole heap (~0.25 s at 150 MiB, ~0.75 s at 500 MiB on a
   * 2-core runner), and once the confirmation measures the rate the checkpoints only give the measured pass's own
   * rate, which baseline and after give too (`npm run bench`, big heaps; README "What it costs").
   */
  checkpointHeapLimit: 64 * 1024 * 1024,
  /** The leak threshold: memory that keeps growing by this many bytes per iteration or more is a leak. */
  leakRate: 512,
  /** Seconds of extra work memgate may spend confirming a suspect workload (0: judge the measured pass alone). */
  confirmBudgetSeconds: 60,
  /**
   * Who holds the leak: the largest heap memgate takes a snapshot of (bytes; 0: never). A snapshot costs a
   * multiple of the heap in time and memory (bench/retainers/cost.sh on a loaded 2-core machine: 54 MiB took
   * 24 s and 1.0 GiB of RSS, 210 MiB 176 s and 3.7 GiB), so 128 MiB keeps the capture within a hosted runner's
   * 7 GiB and its time limit.
   */
  retainersMaxHeap: 128 * 1024 * 1024,
  /** Wall time for the retainer capture, seconds; the runner kills the process 10 s after it. */
  retainersTimeoutSeconds: 180,
};
