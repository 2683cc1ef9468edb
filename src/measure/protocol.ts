/**
 * The channel between the runner and a probe (Node or Python) living in the workload's process.
 * Never stdout/stderr: the workload owns those, so nothing it prints can corrupt a measurement.
 *
 * - The runner passes `ProbeConfig` as JSON in the MEMGATE_CONFIG environment variable.
 * - The probe appends one JSON object per line (`ProbeEvent`) to the file named by MEMGATE_EVENTS,
 *   flushing each line, so that the last phase/iteration/memory figures survive a crash, an OOM
 *   abort or a SIGKILL at the timeout.
 * - On success the probe writes the `ProbeResult` (analysis/model.ts) to MEMGATE_RESULT.tmp, renames
 *   it to MEMGATE_RESULT, appends `{"event":"done"}` and exits 0.
 */
import type { MemoryFigures, WorkloadErrorKind } from '../analysis/model.ts';
import type { NodeProfiler } from '../choices.ts';

export interface ProbeConfig {
  /** Absolute path of the workload module. */
  workload: string;
  /** null: the workload's `options.iterations`, else `defaultIterations`. */
  iterations: number | null;
  defaultIterations: number;
  /** Node only. */
  profiler: NodeProfiler;
  samplingInterval: number;
  stackDepth: number;
  /** Heap-after-GC checkpoints inside pass 2 (besides baseline and after). */
  seriesPoints: number;
  gcRounds: number;
  /** Python only: filter_traces globs and compare_to key. */
  include: string[];
  exclude: string[];
  compareKey: 'lineno' | 'filename' | 'traceback';
  /** Node only: where to write the raw sampling profile (.heapprofile). */
  profileOut?: string;
  /**
   * Confirm a suspect workload by measuring more work (analysis/leak-rate.ts); absent: judge the measured pass
   * alone. The constants travel with it so that the Python probe's copy of the loop uses the same ones.
   */
  confirm?: ConfirmConfig;
  /**
   * Who holds the leak (issue 14): after the measurement, a workload that is suspect or over a ceiling gets
   * its growing sites' retainer paths, written to `<result>.retainers.json` after the result itself.
   * Absent: never (retainers-max-heap 0).
   */
  retainers?: RetainersConfig;
}

export interface RetainersConfig {
  /** Skip the capture when the heap in use (Node heapUsed, Python traced) exceeds this, bytes. */
  maxHeap: number;
  /** Wall time for the capture; the runner kills the process a little after it (the snapshot cannot be interrupted). */
  timeoutSeconds: number;
  /** Growing sites to find holders for (the report's `top`). */
  sites: number;
  /** Ceilings that make a workload fail without the leak rule: over one, capture too. */
  ceilings: { maxRetained: number | null; maxHeap: number | null; maxRss: number | null };
}

/** Appended to MEMGATE_RESULT: the retainer capture's file (`ProbeRetainers`, analysis/model.ts). */
export const RETAINERS_SUFFIX = '.retainers.json';

export interface ConfirmConfig {
  /** The leak threshold R, bytes per iteration. */
  leakRate: number;
  /** Wall time the confirmation may take, ms. */
  budgetMs: number;
  growthFloor: number;
  floors: number;
  hold: number;
  strong: number;
  firstHold: number;
  maxSegments: number;
  readings: number;
  /** Node: above this heap in use after setup, the measured passes take no checkpoints (DEFAULTS.checkpointHeapLimit). */
  checkpointHeapLimit: number;
}

/** 'retainers' comes after the result is written (before teardown): a failure there never loses the measurement. */
export type ProbePhase =
  'load' | 'setup' | 'pass1' | 'baseline' | 'pass2' | 'after' | 'confirm' | 'retainers' | 'teardown';
/** Pass 3 is the confirmation (extra iterations after the measured pass, only for a suspect workload). */
export type PassNumber = 1 | 2 | 3;
export const PASS_PHASE: Record<PassNumber, ProbePhase> = { 1: 'pass1', 2: 'pass2', 3: 'confirm' };

export type ProbeEvent =
  /** A phase starts. */
  | { event: 'phase'; phase: ProbePhase; memory: MemoryFigures }
  /** Progress inside a pass: a handful per pass, not one per iteration. */
  | { event: 'progress'; pass: PassNumber; iteration: number; of: number; memory: MemoryFigures }
  /** The workload (or loading it) failed; the probe exits non-zero after writing this. */
  | {
      event: 'error';
      kind: WorkloadErrorKind;
      phase: ProbePhase;
      iteration?: number;
      message: string;
      stack?: string;
      memory?: MemoryFigures;
    }
  /** The workload ended the process itself (process.exit / sys.exit / os._exit where catchable). */
  | { event: 'exit'; code: number; phase: ProbePhase; iteration?: number }
  | { event: 'done' };

export const ENV_CONFIG = 'MEMGATE_CONFIG';
export const ENV_EVENTS = 'MEMGATE_EVENTS';
export const ENV_RESULT = 'MEMGATE_RESULT';

/** A phase as people read it in messages: 'pass 1', 'setup', ... ('start-up' before the probe said anything). */
export const describePhase = (phase: string | undefined): string =>
  phase === 'pass1'
    ? 'pass 1'
    : phase === 'pass2'
      ? 'pass 2'
      : phase === 'confirm'
        ? 'the confirmation pass'
        : phase === 'retainers'
          ? 'the retainer capture'
          : (phase ?? 'start-up');
