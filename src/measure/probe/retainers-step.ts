/**
 * The Node probe's retainer step (issue 14), run after the measurement and the confirmation, before teardown
 * (the extra iterations need the workload still set up): for a workload that is suspect or over a ceiling,
 * write the result first, then capture who holds its growing sites' objects into `<result>.retainers.json`.
 * A crash, an OOM or the runner's kill during the capture then loses nothing of the measurement.
 *
 * Imports only node:* and pure analysis modules: bundled into the probe.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diffSnapshots } from '../../analysis/diff.ts';
import { confirmationPlan, judgeConfirmation, ratePoint } from '../../analysis/leak-rate.ts';
import type { Frame, ProbeResult, ProbeRetainers } from '../../analysis/model.ts';
import { RETAINERS_SUFFIX, type ProbeConfig, type RetainersConfig } from '../protocol.ts';
import { captureRetainers, heapOverLimit, type RetainerSite } from './retainers.ts';

export interface RetainersStepOptions {
  config: ProbeConfig;
  result: ProbeResult;
  resultPath: string;
  /** Sets the probe's phase to 'retainers' and says so on the events channel. */
  enter: () => void;
  iterate: () => Promise<unknown>;
  collect: () => Promise<void>;
  remap: (frame: Frame) => Frame;
  probeUrlPrefix: string;
}

/** Writes a file whole or not at all (a reader never sees half of it). */
export function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** Runs the step when the workload needs it; true when it ran (the result file is then written already). */
export async function retainersStep(options: RetainersStepOptions): Promise<boolean> {
  const { config, result, resultPath } = options;
  if (!config.retainers || !wantsRetainers(config, result)) return false;
  // Too big a heap: said at once, without the growing sites' diff or the early result write (nothing can crash).
  const over = heapOverLimit(config.retainers.maxHeap);
  // A crash, an OOM or the runner's kill during the capture then loses nothing of the measurement.
  if (!over) writeAtomically(resultPath, JSON.stringify(result));
  options.enter();
  const started = performance.now();
  let file: ProbeRetainers;
  try {
    file = over ? { status: 'skipped', reason: over } : await capture(options, config.retainers);
  } catch (error) {
    // memgate's own failure here must not cost the workload its measurement: the runner reports the rest.
    file = {
      status: 'failed',
      reason: `the retainer step failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  writeAtomically(
    `${resultPath}${RETAINERS_SUFFIX}`,
    JSON.stringify({ ...file, ms: Math.round(performance.now() - started) }),
  );
  return true;
}

async function capture(options: RetainersStepOptions, settings: RetainersConfig): Promise<ProbeRetainers> {
  const sites = growingSites(options.config, options.result);
  const limitMs = settings.timeoutSeconds * 1000;
  let file: ProbeRetainers;
  if (sites.length === 0) {
    file = { status: 'skipped', reason: 'no growing site in the workload’s code to look for' };
  } else {
    const capture = await captureRetainers({
      sites,
      iterate: options.iterate,
      collect: options.collect,
      remap: options.remap,
      probeUrlPrefixes: [options.probeUrlPrefix],
      heapLimit: settings.maxHeap,
      growthPerIteration: growthPerIteration(options.result),
      // The snapshot itself cannot be interrupted: the iterations and the walk share what it leaves.
      iterationsTimeoutMs: Math.min(10_000, limitMs * 0.1),
      analysisTimeoutMs: limitMs * 0.4,
    });
    file =
      capture.status === 'captured'
        ? {
            status: 'captured',
            ...(capture.stats.truncated ? { truncated: true } : {}),
            sites: sites.map((site, index) => ({
              file: site.file,
              line: site.line,
              function: site.functionName,
              paths: capture.sites[index] ?? [],
            })),
            heapUsed: capture.stats.heapUsed,
          }
        : { status: capture.status, reason: capture.reason };
  }
  return file;
}

/** The measured pass's growth per iteration (heapUsed + external), bytes; 0 when it shrank. */
export function growthPerIteration(result: ProbeResult): number {
  const grown =
    result.after.memory.heapUsed +
    result.after.memory.external -
    (result.baseline.memory.heapUsed + result.baseline.memory.external);
  return result.iterations > 0 ? Math.max(0, grown / result.iterations) : 0;
}

/**
 * Suspect to the leak rule (and not settled by the confirmation), or over a ceiling: the workloads whose
 * verdict may fail. A clean workload gets no analysis at all.
 */
export function wantsRetainers(config: ProbeConfig, result: ProbeResult): boolean {
  const ceilings = config.retainers?.ceilings;
  const growth =
    result.after.memory.heapUsed +
    result.after.memory.external -
    (result.baseline.memory.heapUsed + result.baseline.memory.external);
  if (ceilings) {
    if (ceilings.maxRetained !== null && growth > ceilings.maxRetained) return true;
    if (ceilings.maxHeap !== null && result.after.memory.heapUsed > ceilings.maxHeap) return true;
    if (ceilings.maxRss !== null && result.peakRss > ceilings.maxRss) return true;
  }
  const confirm = config.confirm;
  if (!confirm || growth <= confirmationPlan(result.iterations, confirm.leakRate).suspectAbove) return false;
  const c = result.confirmation;
  if (!c) return true;
  return judgeConfirmation(
    result.series.map(ratePoint),
    c.readings.map(ratePoint),
    c.segmentEnds,
    confirm.leakRate,
    c.stoppedBy,
  ).leak;
}

/** The sites the report's rows will show, by line, as the sampler names them (absolute files). */
export function growingSites(config: ProbeConfig, result: ProbeResult): RetainerSite[] {
  const cwd = process.cwd();
  // As the pipeline diffs them (pipeline.ts analyseTrial): a continuous profile's `after` holds everything live.
  const baseline = result.profiler.continuous ? result.baseline.snapshot : { allocations: [] };
  const diff = diffSnapshots(result.confirmation?.snapshot ?? result.after.snapshot, baseline, {
    groupBy: 'line',
    cwd,
    include: config.include,
    exclude: config.exclude,
  });
  return diff
    .filter((site) => site.sizeDiff > 0 && site.file !== '' && !site.file.startsWith('node:') && site.line > 0)
    .slice(0, config.retainers?.sites ?? 10)
    .map((site) => ({
      functionName: site.function,
      file: isAbsolute(site.file) ? site.file : resolve(cwd, site.file),
      line: site.line,
    }));
}
