import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { MeasureOutcome, WorkloadError, WorkloadErrorKind } from '../analysis/model.ts';
import type { GroupBy } from '../analysis/diff.ts';
import { DEFAULTS } from '../analysis/defaults.ts';
import { CONFIRM_FLOORS, FIRST_HOLD, HOLD, MAX_SEGMENTS, READINGS_PER_SEGMENT, STRONG } from '../analysis/leak-rate.ts';
import { GROWTH_FLOOR } from '../analysis/noise.ts';
import type { ConfirmConfig, ProbeConfig, RetainersConfig } from './protocol.ts';
import { runProbe } from './runner.ts';
import { describeExtensions, runtimeFor } from './runtimes/index.ts';

import type { NodeProfiler } from '../choices.ts';
export type { NodeProfiler };

export interface MeasureOptions {
  /** Path of the workload module, relative to `cwd` or absolute; its ending picks the runtime (runtimes/). */
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
  /** Extra flags for the workload's node, before the probe (e.g. ['--max-old-space-size=4096']). */
  nodeArgs?: string[];
  /** Heap-after-GC checkpoints inside pass 2; default DEFAULTS.seriesPoints. */
  seriesPoints?: number;
  /** Forced full GCs before each measurement; default DEFAULTS.gcRounds. */
  gcRounds?: number;
  /**
   * Keep V8's JIT inlining (default false: off, so that allocations stay attributed to the function
   * that made them; an inlined callee's allocations otherwise show under its caller).
   */
  inlining?: boolean;
  /** Copy the workload's stdout/stderr to our stderr (default: keep only a tail for error messages). */
  echoOutput?: boolean;
  /** Where to save the raw sampling profile (.heapprofile, loadable by Chrome DevTools). */
  profileOut?: string;
  /** Confirm a suspect workload against this leak rate within this budget (analysis/leak-rate.ts); absent: don't. */
  confirm?: { leakRate: number; budgetSeconds: number; checkpointHeapLimit?: number };
  /** Who holds the leak: capture retainer paths of a suspect or failing workload (protocol.ts); absent: never. */
  retainers?: RetainersConfig;
  /** Progress for people (which pass, which iteration); the CLI prints it to stderr. */
  onProgress?: (message: string) => void;
}

const COMPARE_KEY = { line: 'lineno', file: 'filename', traceback: 'traceback' } as const;

/** The confirmation's settings, with the rule's constants for the Python probe's copy of the loop. */
export function confirmConfig(
  leakRate: number,
  budgetSeconds: number,
  checkpointHeapLimit = DEFAULTS.checkpointHeapLimit,
): ConfirmConfig {
  return {
    leakRate,
    budgetMs: budgetSeconds * 1000,
    checkpointHeapLimit,
    growthFloor: GROWTH_FLOOR,
    floors: CONFIRM_FLOORS,
    hold: HOLD,
    strong: STRONG,
    firstHold: FIRST_HOLD,
    maxSegments: MAX_SEGMENTS,
    readings: READINGS_PER_SEGMENT,
  };
}

const failed = (error: WorkloadError): MeasureOutcome => ({ ok: false, error });

/** Runs one workload in a fresh process of the user's runtime and returns what its probe measured. */
export async function measureWorkload(options: MeasureOptions): Promise<MeasureOutcome> {
  const workload = resolve(options.cwd, options.workload);
  if (!existsSync(workload) || !statSync(workload).isFile()) {
    return failed({ kind: 'not-found', message: `workload not found: ${workload}` });
  }
  const runtime = runtimeFor(workload);
  if (!runtime) {
    return failed({ kind: 'load', message: `cannot run ${workload}: a workload is a ${describeExtensions()} file` });
  }
  const profileOut = options.profileOut ? resolve(options.cwd, options.profileOut) : undefined;
  const config: ProbeConfig = {
    workload,
    iterations: options.iterations,
    defaultIterations: DEFAULTS.iterations,
    profiler: options.profiler,
    samplingInterval: options.samplingInterval,
    stackDepth: options.stackDepth,
    seriesPoints: options.seriesPoints ?? DEFAULTS.seriesPoints,
    gcRounds: options.gcRounds ?? DEFAULTS.gcRounds,
    include: options.include,
    exclude: options.exclude,
    compareKey: COMPARE_KEY[options.groupBy],
    ...(profileOut && runtime.savesProfile ? { profileOut } : {}),
    ...(options.confirm
      ? {
          confirm: confirmConfig(
            options.confirm.leakRate,
            options.confirm.budgetSeconds,
            options.confirm.checkpointHeapLimit,
          ),
        }
      : {}),
    ...(options.retainers ? { retainers: options.retainers } : {}),
  };

  const command = await runtime.command(workload, options, config);
  if ('error' in command) return failed(command.error);

  if (config.profileOut) mkdirSync(dirname(config.profileOut), { recursive: true });
  const outcome = await runProbe({
    command: command.command,
    args: command.args,
    cwd: options.cwd,
    config,
    timeoutSeconds: options.timeoutSeconds,
    runtimeLabel: runtime.name,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.echoOutput ? { echoOutput: true } : {}),
  });
  if (!outcome.ok) return outcome;
  // Which loader ran a TypeScript workload is the runner's knowledge, not the probe's.
  if (command.loader && command.loader !== 'none') outcome.result.runtime.loader = command.loader;
  if (config.profileOut && existsSync(config.profileOut)) return { ...outcome, profilePath: config.profileOut };
  return outcome;
}

export type { WorkloadErrorKind };
