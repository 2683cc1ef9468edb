/**
 * The one pipeline behind both front doors (CLI and Action): resolve workloads → measure each in fresh
 * processes → diff, gate → one `memgate.report/v1` report written to `outDir`.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { GroupBy, SiteDiff } from './analysis/diff.ts';
import { diffSnapshots } from './analysis/diff.ts';
import type { Ceilings, Verdict } from './analysis/gate.ts';
import { gateWorkload, leakRate, workloadCeilings } from './analysis/gate.ts';
import { workloadHints } from './analysis/hints.ts';
import { expandedFilterValues, noExportHint } from './filter-hints.ts';
import type { ProbeResult, WorkloadError } from './analysis/model.ts';
import { judgeConfirmation, ratePoint, rateOf, type Confirmation } from './analysis/leak-rate.ts';
import { measureWorkload } from './measure/measure.ts';
import { describeProfiler, runtimeNamed } from './measure/runtimes/index.ts';
import type { NodeProfiler } from './choices.ts';
import { UsageError } from './errors.ts';
import { resolveWorkloads } from './measure/workloads.ts';
import { relativePath } from './analysis/frames.ts';
import { rowRetainers } from './report/retainer-rows.ts';
import type { RetainerCaptureJson } from './report/retainers-schema.ts';
import { REPORT_SCHEMA } from './report/schema-id.ts';
import type { LeakReport, Report, TopEntry, WorkloadReport } from './report/schema.ts';
import { describeFailure } from './report/format.ts';
import { spread } from './analysis/stats.ts';
import { TOOL_VERSION } from './version.ts';
import { DEFAULTS } from './analysis/defaults.ts';

export interface PipelineOptions {
  /** Workload paths or globs, relative to cwd. */
  patterns: string[];
  /** Working directory: workloads run here and report paths are relative to it. */
  cwd: string;
  iterations: number | null;
  groupBy: GroupBy;
  top: number;
  include: string[];
  exclude: string[];
  ceilings: Ceilings;
  profiler: NodeProfiler;
  samplingInterval: number;
  stackDepth: number;
  timeoutSeconds: number;
  trials: number;
  nodePath?: string;
  pythonPath?: string;
  /** Keep V8's JIT inlining (off by default: see measure.ts). */
  inlining?: boolean;
  /** Forced full GCs before each measurement (default DEFAULTS.gcRounds; the bench sweeps it). */
  gcRounds?: number;
  /** Node: heap in use after setup above which the measured passes take no checkpoints (DEFAULTS; the bench forces it). */
  checkpointHeapLimit?: number;
  /** Leak threshold, bytes per iteration (default DEFAULTS.leakRate). */
  leakRate?: number;
  /** Seconds of confirmation work allowed per workload trial; 0 judges the measured pass alone (default DEFAULTS.confirmBudgetSeconds). */
  confirmBudgetSeconds?: number;
  /** Who holds the leak: the largest heap a retainer capture snapshots, bytes; 0 never (default DEFAULTS.retainersMaxHeap). */
  retainersMaxHeap?: number;
  /** report.json and profiles/*.heapprofile are written here. */
  outDir: string;
  /** Run workloads outside `cwd` too (the CLI; the Action keeps them inside the workspace). */
  workloadsOutsideCwd?: boolean;
  onProgress?: (message: string) => void;
}

export interface PipelineResult {
  report: Report;
  reportPath: string;
  /** The saved .heapprofile files, absolute paths. */
  profiles: string[];
}

const leakRateOf = (options: PipelineOptions): number => options.leakRate ?? DEFAULTS.leakRate;
/** The default leak rule confirms suspects, unless the budget is 0 or a max-retained ceiling replaces the rule. */
const confirms = (options: PipelineOptions): boolean =>
  options.ceilings.maxRetained === null && (options.confirmBudgetSeconds ?? DEFAULTS.confirmBudgetSeconds) > 0;

const toPosix = (path: string): string => path.split(sep).join('/');
const fileSafe = (path: string): string => path.replace(/[^A-Za-z0-9._-]+/g, '_');

interface MeasuredTrial {
  result: ProbeResult;
  /** With include/exclude: growing sites before the filter and after it (the report's `filter`). */
  filter?: NonNullable<WorkloadReport['filter']>;
  /** Line-level, unfiltered sites for the gate (see gateSitesOf). */
  gateSites: SiteDiff[];
  /** This trial's saved profile, if any. */
  profile?: string;
  diff: SiteDiff[];
  retained: { heap: number; external: number; total: number };
  /** The leak-rate rule's judgement of this trial's confirmation; null when its measured pass was not suspect. */
  confirmation: Confirmation | null;
}

function analyseTrial(result: ProbeResult, options: PipelineOptions): MeasuredTrial {
  // v8-profiler-next's `after` holds only what pass 2 allocated and kept: it is the growth already.
  const baseline = result.profiler.continuous ? result.baseline.snapshot : { allocations: [] };
  const diffOptions = {
    groupBy: options.groupBy,
    cwd: options.cwd,
    include: options.include,
    exclude: options.exclude,
    runtimePaths: result.runtime.libraryPaths ?? [],
  };
  // Rows come from the longest window measured: over the confirmation a leak outgrows the warm-up tail.
  const diff = diffSnapshots(result.confirmation?.snapshot ?? result.after.snapshot, baseline, diffOptions);
  const heap = result.after.memory.heapUsed - result.baseline.memory.heapUsed;
  const external = result.after.memory.external - result.baseline.memory.external;
  const filter = filterStats(result, diff, baseline, diffOptions);
  return {
    result,
    ...(filter ? { filter } : {}),
    diff,
    gateSites: gateSitesOf(result, baseline, diff, options),
    retained: { heap, external, total: heap + external },
    confirmation: judged(result, leakRateOf(options)),
  };
}

const growing = (sites: readonly SiteDiff[]): { sites: number; bytes: number } => {
  const grown = sites.filter((s) => s.sizeDiff > 0);
  return { sites: grown.length, bytes: grown.reduce((sum, s) => sum + s.sizeDiff, 0) };
};

/**
 * What include/exclude kept of the growing sites, so that a filter that matches nothing says so instead of
 * "no lines grew". Node: the same diff without the globs; Python filters inside its probe, which counts what it dropped.
 */
function filterStats(
  result: ProbeResult,
  diff: SiteDiff[],
  baseline: ProbeResult['baseline']['snapshot'],
  diffOptions: Parameters<typeof diffSnapshots>[2],
): MeasuredTrial['filter'] | undefined {
  if (diffOptions.include.length === 0 && diffOptions.exclude.length === 0) return undefined;
  const kept = growing(diff);
  let all: { sites: number; bytes: number };
  if (runtimeNamed(result.runtime.name).groupsInProbe) {
    const dropped = result.filtered ?? { sites: 0, bytes: 0 };
    all = { sites: kept.sites + dropped.sites, bytes: kept.bytes + dropped.bytes };
  } else {
    all = growing(
      diffSnapshots(result.confirmation?.snapshot ?? result.after.snapshot, baseline, {
        ...diffOptions,
        include: [],
        exclude: [],
      }),
    );
  }
  // Sites the globs keep that the default rule leaves out (runtime frames an include names) can outnumber them.
  return {
    growingSites: Math.max(all.sites, kept.sites),
    growingBytes: Math.max(all.bytes, kept.bytes),
    keptSites: kept.sites,
    keptBytes: kept.bytes,
  };
}

function judged(result: ProbeResult, leakRate: number): Confirmation | null {
  const c = result.confirmation;
  if (!c) return null;
  return judgeConfirmation(
    result.series.map(ratePoint),
    c.readings.map(ratePoint),
    c.segmentEnds,
    leakRate,
    c.stoppedBy,
  );
}

/** The report's `leak` section: what the rate rule saw in the reported trial. */
function leakReport(trial: MeasuredTrial, options: PipelineOptions): LeakReport {
  const { result, confirmation } = trial;
  const measuredRate = rateOf(result.series.map(ratePoint)).rate;
  const sitesCover = result.confirmation?.snapshot
    ? (result.confirmation.segmentEnds.at(-1) ?? result.iterations)
    : result.iterations;
  const base = { threshold: leakRateOf(options), measuredRate, extraMs: result.timings.confirmMs ?? 0, sitesCover };
  if (!confirmation)
    return {
      ...base,
      verdict: 'not-suspect',
      rate: null,
      uncertainty: null,
      extraIterations: 0,
      segments: [],
      stop: null,
    };
  const verdict = !confirmation.leak ? 'settles' : confirmation.stop === 'holds' ? 'leak' : 'still-growing';
  return {
    ...base,
    verdict,
    measuredRate: confirmation.measuredRate,
    rate: confirmation.rate,
    uncertainty: confirmation.uncertainty,
    extraIterations: confirmation.extraIterations,
    segments: confirmation.segments.map(({ from, to, rate, outcome }) => ({ from, to, rate, outcome })),
    stop: confirmation.stop,
  };
}

/**
 * The sites the gate's growing-structure rule reads: per line (function) and unfiltered, whatever the report's
 * grouping and include/exclude say, so that a display choice cannot change a verdict. Python's probe groups
 * and filters inside its process: only its line grouping is usable, and otherwise the rule gets no sites.
 */
function gateSitesOf(
  result: ProbeResult,
  baseline: ProbeResult['baseline']['snapshot'],
  diff: SiteDiff[],
  options: PipelineOptions,
): SiteDiff[] {
  const unfiltered = options.include.length === 0 && options.exclude.length === 0;
  if (runtimeNamed(result.runtime.name).groupsInProbe) return options.groupBy === 'line' ? diff : [];
  if (options.groupBy === 'line' && unfiltered) return diff;
  return diffSnapshots(result.after.snapshot, baseline, {
    groupBy: 'line',
    cwd: options.cwd,
    include: [],
    exclude: [],
    runtimePaths: result.runtime.libraryPaths ?? [],
  });
}

/** The trial whose retained total is the median (the lower middle for an even count). */
function medianTrial(trials: MeasuredTrial[]): MeasuredTrial {
  const sorted = [...trials].sort((a, b) => a.retained.total - b.retained.total);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function errorReport(path: string, error: WorkloadError, options: PipelineOptions): WorkloadReport {
  const zero = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
  return {
    path,
    // The probe failed before it could say: the runtime's descriptor says what it would have.
    ...describeProfiler(path, options),
    iterations: options.iterations ?? 0,
    trials: 1,
    memory: { baseline: zero, after: error.lastMemory ?? zero, peakRss: error.lastMemory?.rss ?? 0 },
    retained: { heap: 0, external: 0, total: 0 },
    spread: 0,
    leakRate: { bytesPerIteration: 0, r2: 0 },
    series: [],
    verdict: { status: 'error', reasons: [describeError(error)] },
    error,
    top: [],
    totalSites: 0,
  };
}

export function describeError(error: WorkloadError): string {
  return `workload ${describeFailure(error)}: ${error.message}`;
}

async function measureOne(
  file: string,
  path: string,
  index: number,
  total: number,
  profileName: string,
  options: PipelineOptions,
): Promise<{ report: WorkloadReport; profile?: string }> {
  const trials: MeasuredTrial[] = [];
  const profileBase = join(options.outDir, 'profiles', profileName);
  for (let trial = 1; trial <= options.trials; trial++) {
    const label = `[${index + 1}/${total}] ${path}${options.trials > 1 ? ` trial ${trial}/${options.trials}` : ''}`;
    // Every trial saves its profile; the median trial's is kept, as its figures are the ones reported.
    const profileOut = `${profileBase}.trial-${trial}`;
    const outcome = await measureWorkload({
      workload: file,
      cwd: options.cwd,
      iterations: options.iterations,
      profiler: options.profiler,
      samplingInterval: options.samplingInterval,
      stackDepth: options.stackDepth,
      timeoutSeconds: options.timeoutSeconds,
      include: options.include,
      exclude: options.exclude,
      groupBy: options.groupBy,
      nodePath: options.nodePath,
      pythonPath: options.pythonPath,
      ...(options.inlining ? { inlining: true } : {}),
      ...(options.gcRounds !== undefined ? { gcRounds: options.gcRounds } : {}),
      ...(confirms(options)
        ? {
            confirm: {
              leakRate: leakRateOf(options),
              budgetSeconds: options.confirmBudgetSeconds ?? DEFAULTS.confirmBudgetSeconds,
              ...(options.checkpointHeapLimit !== undefined
                ? { checkpointHeapLimit: options.checkpointHeapLimit }
                : {}),
            },
          }
        : {}),
      // One capture per workload is enough: once a trial has its paths, the next trials skip it.
      ...(retainersMaxHeapOf(options) > 0 && !trials.some((t) => t.result.retainers?.status === 'captured')
        ? {
            retainers: {
              maxHeap: retainersMaxHeapOf(options),
              timeoutSeconds: DEFAULTS.retainersTimeoutSeconds,
              sites: options.top,
              ceilings: options.ceilings,
            },
          }
        : {}),
      profileOut,
      onProgress: options.onProgress && ((message) => options.onProgress?.(`${label}: ${message}`)),
    });
    if (!outcome.ok) {
      // A failed trial may still have written its profile (e.g. before a teardown that threw).
      for (const file of [profileOut, ...trials.map((t) => t.profile)]) if (file) rmSync(file, { force: true });
      const hint = outcome.error.kind === 'no-export' ? noExportHint(path, options) : null;
      const error = hint ? { ...outcome.error, message: `${outcome.error.message}. ${hint}` } : outcome.error;
      return { report: errorReport(path, error, options) };
    }
    trials.push({
      ...analyseTrial(outcome.result, options),
      ...(outcome.profilePath ? { profile: outcome.profilePath } : {}),
    });
  }

  const chosen = medianTrial(trials);
  let profile: string | undefined;
  for (const t of trials) {
    if (!t.profile) continue;
    if (t !== chosen) rmSync(t.profile, { force: true });
    else renameSync(t.profile, (profile = profileBase));
  }
  const { result, diff, retained } = chosen;
  const totals = trials.map((t) => t.retained.total);
  const { top, section } = withRetainers(
    trials,
    chosen,
    diff.filter((site) => site.sizeDiff > 0).slice(0, options.top),
    options,
  );
  // The workload's own options over the run's ceilings. Its own max-retained replaces the leak rule (its probe did
  // not confirm); its null one brings the rule back, judged on the measured pass (the run's ceiling kept the
  // probe from confirming).
  const { ceilings, fromWorkload } = workloadCeilings(options.ceilings, result.workloadCeilings);
  const rated = confirms(options) && ceilings.maxRetained === null;
  const leak = rated ? leakReport(chosen, options) : undefined;
  const verdict: Verdict = gateWorkload(
    {
      retained,
      heapAfter: result.after.memory.heapUsed,
      peakRss: result.peakRss,
      series: result.series,
      iterations: result.iterations,
      samplingInterval: result.profiler.samplingInterval,
      sites: chosen.gateSites,
      trialTotals: totals,
      ...(rated
        ? {
            rate: {
              leakRate: leakRateOf(options),
              trials: trials.map((t) => t.confirmation),
              chosen: chosen.confirmation,
            },
          }
        : {}),
    },
    ceilings,
    fromWorkload,
  );
  const hints = workloadHints({
    iterations: result.iterations,
    retained: retained.total,
    series: result.series.map(ratePoint),
    leak,
    pendingPromises: result.pendingPromises,
    confirmation: result.confirmation?.readings.map(ratePoint),
    top,
    // tracemalloc's depth as the probe asked for it (clamped to what tracemalloc takes) against what pass 2 ran at.
    ...(result.profiler.backend === 'tracemalloc'
      ? {
          stackDepth: {
            configured: runtimeNamed(result.runtime.name).profiler(options).stackDepth,
            recorded: result.profiler.stackDepth,
          },
        }
      : {}),
  });
  const showCeilings = fromWorkload.length > 0 || Object.values(options.ceilings).some((c) => c !== null);
  const report: WorkloadReport = {
    path,
    runtime: {
      name: result.runtime.name,
      version: result.runtime.version,
      ...(result.runtime.engine ? { engine: result.runtime.engine } : {}),
      ...(result.runtime.loader ? { loader: result.runtime.loader } : {}),
    },
    profiler: result.profiler,
    iterations: result.iterations,
    trials: trials.length,
    memory: {
      baseline: result.baseline.memory,
      after: result.after.memory,
      // The median trial's, like every figure here and like what max-rss was gated on.
      peakRss: result.peakRss,
      ...(result.traced ? { traced: result.traced } : {}),
    },
    retained,
    spread: spread(totals),
    leakRate: leakRate(result.series),
    series: result.series,
    verdict,
    top,
    totalSites: diff.length,
    ...(profile ? { profile: toPosix(relative(options.outDir, profile)) } : {}),
    ...(leak ? { leak } : {}),
    timings: result.timings,
    retainers: section,
    ...(showCeilings ? { ceilings: { ...ceilings, fromWorkload } } : {}),
    ...(chosen.filter ? { filter: chosen.filter } : {}),
    ...(hints.length > 0 ? { hints } : {}),
  };
  return { report, ...(profile ? { profile } : {}) };
}

const retainersMaxHeapOf = (options: PipelineOptions): number => options.retainersMaxHeap ?? DEFAULTS.retainersMaxHeap;

/**
 * The rows with their retainer paths (a trial that captured them, the reported one first) and the workload's
 * retainers section: what the capture did, or why there was none.
 */
function withRetainers(
  trials: MeasuredTrial[],
  chosen: MeasuredTrial,
  rows: TopEntry[],
  options: PipelineOptions,
): { top: TopEntry[]; section: RetainerCaptureJson } {
  const capture =
    [chosen, ...trials].find((t) => t.result.retainers?.status === 'captured')?.result.retainers ??
    chosen.result.retainers;
  if (!capture) {
    const reason =
      retainersMaxHeapOf(options) === 0
        ? 'turned off (retainers-max-heap 0)'
        : 'not needed: the workload did not leak (not suspect to the leak rule, or its growth settled) and was under every ceiling';
    return { top: rows, section: { status: 'skipped', reason } };
  }
  const { status, reason, truncated, ms, heapUsed } = capture;
  const section: RetainerCaptureJson = {
    status,
    ...(reason !== undefined ? { reason } : {}),
    ...(truncated ? { truncated } : {}),
    ...(ms !== undefined ? { ms } : {}),
    ...(heapUsed !== undefined ? { heapUsed } : {}),
  };
  if (status !== 'captured') return { top: rows, section };
  const paths = rowRetainers(rows, capture, options.groupBy === 'file', (file) =>
    toPosix(relativePath(file, options.cwd)),
  );
  const top = rows.map((row, index) => (paths[index]!.length > 0 ? { ...row, retainers: paths[index]! } : row));
  if (!top.some((row) => row.retainers))
    section.reason =
      'no path from a root reached the growing sites’ objects (held only from a stack or by the runtime itself, or freed since)';
  return { top, section };
}

/**
 * Overall verdict, ranked as the headline is (report/format.ts overallStatus): any failure (the finding that
 * matters most), then any workload that could not be measured, else pass.
 */
export function overallVerdict(workloads: WorkloadReport[]): Verdict {
  const reasons = workloads.flatMap((w) => w.verdict.reasons.map((reason) => `${w.path}: ${reason}`));
  const status = workloads.some((w) => w.verdict.status === 'fail')
    ? 'fail'
    : workloads.some((w) => w.verdict.status === 'error')
      ? 'error'
      : 'pass';
  return { status, reasons };
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const files = await resolveWorkloads(options.patterns, options.cwd, {
    outside: options.workloadsOutsideCwd === true,
  });
  for (const warning of expandedFilterValues(options)) options.onProgress?.(`warning: ${warning}`);
  try {
    mkdirSync(options.outDir, { recursive: true });
  } catch (err) {
    throw new UsageError(
      `cannot write the report to ${options.outDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; choose a writable directory (--out-dir)`,
      { cause: err },
    );
  }
  const workloads: WorkloadReport[] = [];
  const profiles: string[] = [];
  const profileNames = new Set<string>();
  for (const [index, file] of files.entries()) {
    // Distinct names for paths that flatten alike (a/b.mjs and a_b.mjs).
    // Relative to the working directory when inside it, else absolute (a CLI run of ../other/perf.mjs).
    const path = relativePath(file, options.cwd);
    const flat = fileSafe(path);
    let profileName = `${flat}.heapprofile`;
    for (let n = 2; profileNames.has(profileName); n++) profileName = `${flat}-${n}.heapprofile`;
    profileNames.add(profileName);
    const { report, profile } = await measureOne(file, path, index, files.length, profileName, options);
    workloads.push(report);
    if (profile) profiles.push(profile);
  }
  const report: Report = {
    schema: REPORT_SCHEMA,
    tool: { name: 'memgate', version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    settings: {
      iterations: options.iterations,
      groupBy: options.groupBy,
      top: options.top,
      include: options.include,
      exclude: options.exclude,
      trials: options.trials,
      ceilings: options.ceilings,
    },
    workloads,
    verdict: overallVerdict(workloads),
  };
  const reportPath = writeReport(report, options.outDir);
  return { report, reportPath, profiles };
}

/** Writes report.json atomically (a reader never sees half a report). */
export function writeReport(report: Report, outDir: string): string {
  const reportPath = join(outDir, 'report.json');
  writeFileSync(`${reportPath}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(`${reportPath}.tmp`, reportPath);
  return reportPath;
}
