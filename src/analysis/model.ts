/**
 * The measurement model shared by every stage. The probes (Node and Python) write a `ProbeResult`
 * as JSON; everything downstream (analysis, report, GitHub) works on these types only.
 * Pure types: no I/O, no runtime code.
 */

import type { ProfilerBackend } from '../choices.ts';
import type { RetainerPath } from './retainers.ts';

/** One stack frame. `line`/`column` are 1-based; 0 means unknown. */
export interface Frame {
  /** Function name as the runtime reports it; '' for anonymous functions. */
  functionName: string;
  /**
   * Where the code lives: an absolute file path for user and dependency code (file:// URLs are
   * converted to paths by the probe), `node:internal/...` style ids for runtime internals, or ''
   * for native/builtin code.
   */
  file: string;
  line: number;
  column: number;
}

/** Live memory attributed to one call stack. */
export interface Allocation {
  /** Innermost (allocating) frame first, outermost last. */
  stack: Frame[];
  /** Estimated live bytes. */
  size: number;
  /** Estimated live objects (Python: memory blocks). */
  count: number;
}

/** What the heap profiler saw live at one point in time. */
export interface Snapshot {
  allocations: Allocation[];
}

/** Process memory figures, in bytes. */
export interface MemoryFigures {
  /** Node: `process.memoryUsage().heapUsed`. Python: tracemalloc's traced current size. */
  heapUsed: number;
  /** Node: `heapTotal`. Python: 0. */
  heapTotal: number;
  /** Memory outside the JS heap (Node: `external`, which includes `arrayBuffers`). Python: 0. */
  external: number;
  /** Node: `arrayBuffers`. Python: 0. */
  arrayBuffers: number;
  /** Resident set size at that moment. */
  rss: number;
}

/** Heap after a forced GC at one point of pass 2; iteration 0 is the baseline. */
export interface SeriesPoint {
  iteration: number;
  heapUsed: number;
  external: number;
  /**
   * Node: the part of heapUsed that is V8's compiled code and its metadata (leak-rate.ts ratePoint: the leak-rate
   * rule leaves it out). Absent for Python and in reports made before it was read.
   */
  code?: number;
}

export type RuntimeName = 'node' | 'python';
export type { ProfilerBackend };

export interface RuntimeInfo {
  name: RuntimeName;
  /** e.g. '20.20.2' or '3.11.7'. */
  version: string;
  /** V8 version for Node; absent for Python. */
  engine?: string;
  executable: string;
  /** Python: stdlib and site-packages directories, so analysis can tell runtime frames from user frames. */
  libraryPaths?: string[];
  /** Node: what loaded a TypeScript workload ('tsx 4.23.15' or 'native'); absent for JavaScript. */
  loader?: string;
}

export interface ProfilerInfo {
  backend: ProfilerBackend;
  /** Mean bytes between samples; null for tracemalloc (which traces every allocation). */
  samplingInterval: number | null;
  stackDepth: number;
  /** False when the backend cannot count objects (v8-profiler-next): counts are then 0. */
  countsObjects: boolean;
  /**
   * True when `baseline` and `after` come from one continuous profile, so objects freed during
   * pass 2 show as negative growth. False for v8-profiler-next, whose profile is only available
   * once stopped: its `after` holds only what pass 2 allocated and kept (see measure/ for why).
   */
  continuous: boolean;
}

/** The result a probe writes when every phase completed. */
export interface ProbeResult {
  runtime: RuntimeInfo;
  profiler: ProfilerInfo;
  /** Iterations per pass (pass 1 and pass 2 run the same number). */
  iterations: number;
  baseline: { memory: MemoryFigures; snapshot: Snapshot };
  after: { memory: MemoryFigures; snapshot: Snapshot };
  /** Highest RSS seen by the probe (sampled) or reported by the OS (ru_maxrss), whichever is larger. */
  peakRss: number;
  /** Python only: tracemalloc's traced current and peak sizes at `after` (peak reset at baseline). */
  traced?: { current: number; peak: number };
  /** Heap after GC at a few points of pass 2, starting with the baseline (iteration 0). */
  series: SeriesPoint[];
  /** Present when the measured pass grew enough to be suspect and the probe measured more work. */
  confirmation?: ProbeConfirmation;
  timings: Timings;
  /** Who holds the growth (issue 14): set by the runner from the probe's retainers file, or from why there is none. */
  retainers?: ProbeRetainers;
  /** The ceilings the workload's own `options` set, in bytes (null: none for this workload); absent keys fall back to the run's. */
  workloadCeilings?: Partial<Record<CeilingName, number | null>>;
  /**
   * Node, for a workload that grew: promises created and not yet settled over a few extra iterations after the
   * measurement (a `run()` that does not await its work leaves them in flight at every checkpoint).
   */
  pendingPromises?: { count: number; iterations: number };
  /** Python with include/exclude: the growing sites (folded stacks) the globs dropped inside the probe, and their growth. */
  filtered?: { sites: number; bytes: number };
  /**
   * Python: the result written before the retainer step's diff (the verdict's figures, no rows), replaced by the
   * whole one once the diff is made; the runner says so if the process ended in between.
   */
  rowsPending?: true;
}

/** The ceilings a run (and a workload's `options`) can set (analysis/gate.ts). */
export type CeilingName = 'maxRetained' | 'maxHeap' | 'maxRss';

/** The retainer capture of a suspect or failing workload (`<result>.retainers.json`). */
export interface ProbeRetainers {
  status: 'captured' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  reason?: string;
  /** The time limit stopped the walk: the paths cover part of the heap. */
  truncated?: boolean;
  /** Per growing site looked for (absolute file, the site's line, its function as the profiler names it). */
  sites?: { file: string; line: number; function: string; paths: RetainerPath[] }[];
  /** Wall time of the capture and the heap it walked, for the report (ms, bytes). */
  ms?: number;
  heapUsed?: number;
}

/** Where a probe's time went, ms (the checkpoints' forced GCs are counted apart from the passes). */
export interface Timings {
  startupMs?: number;
  /** Python: importing the workload module (its imports and module-level code). */
  loadMs?: number;
  setupMs: number;
  pass1Ms: number;
  pass2Ms: number;
  /** Forced collections and memory readings at the baseline, the checkpoints and the end. */
  collectMs?: number;
  /** Reading the profiler's snapshots (with the inspector, each read's own full GC included). */
  profileMs?: number;
  confirmMs?: number;
  /** The confirmation's iterations alone (confirmMs less its readings). */
  confirmPassMs?: number;
  /**
   * Node: full collections, memgate's own gc() and the profile reads' (each inspector read collects first), with
   * their time; the profile reads, and their own GCs' share of fullMs and profileMs. On a big heap the full
   * collections are most of memgate's cost (README, What it measures).
   */
  gc?: { full: number; fullMs: number; profileReads: number; readGcMs: number };
  totalMs: number;
}

/** What the confirmation measured (analysis/leak-rate.ts judges it). */
export interface ProbeConfirmation {
  /** Readings after forced GCs, iterations counted from the baseline; the first is the measured pass's end. */
  readings: SeriesPoint[];
  /** Iteration (from the baseline) at which each segment ended. */
  segmentEnds: number[];
  /** Set when the budget or the segment count ended it before a segment decided. */
  stoppedBy: 'budget' | 'segments' | null;
  /** The sampler's view at the end of the confirmation (continuous profilers only): the sites grown since the baseline. */
  snapshot?: Snapshot;
  /** Memory at the end of the confirmation. */
  memory: MemoryFigures;
}

/** Why a workload could not be measured. */
export type WorkloadErrorKind =
  | 'not-found' // the module file does not exist or cannot be read
  | 'load' // import failed: syntax error, missing dependency, ...
  | 'no-export' // no runnable default export / run()
  | 'threw' // setup, an iteration or teardown threw
  | 'timeout' // killed at the timeout
  | 'oom' // heap exhausted or killed by the OS
  | 'exit' // the workload ended the process itself (process.exit, sys.exit, a signal)
  | 'runtime' // the interpreter is missing or too old, or the profiler backend is unavailable
  | 'probe'; // memgate's own probe failed (a bug in memgate, reported as such)

export interface WorkloadError {
  kind: WorkloadErrorKind;
  message: string;
  /** The workload's own stack / Python traceback, when there is one. */
  stack?: string;
  /** Where it happened: 'load' | 'setup' | 'pass1' | 'baseline' | 'pass2' | 'after' | 'teardown'. */
  phase?: string;
  /** 1-based iteration within the pass, for errors during a pass. */
  iteration?: number;
  /** The last memory figures the probe reported before the failure (for OOM and timeouts). */
  lastMemory?: MemoryFigures;
}

export type MeasureOutcome =
  | { ok: true; result: ProbeResult; /** Path of the raw .heapprofile (Node) if one was saved. */ profilePath?: string }
  | { ok: false; error: WorkloadError };
