/** One memgate run of a corpus scenario, exactly as a user gets it (runPipeline, defaults), and how it scored. */
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULTS } from '../../src/analysis/defaults.ts';
import { runPipeline, type PipelineOptions } from '../../src/pipeline.ts';
import type { LeakReport, WorkloadReport } from '../../src/report/schema.ts';
import type { Scenario } from './corpus.ts';

export interface Settings {
  repoDir: string;
  rawDir: string;
  nodePath: string;
  pythonPath: string;
  samplingInterval: number;
  iterations: number | null;
  timeoutSeconds: number;
  /** Keep V8's JIT inlining (memgate turns it off by default). */
  inlining: boolean;
  /** Forced-GC rounds before each measurement; memgate's default when absent. */
  gcRounds?: number;
  /** Frames per stack (the Python depth sweep, issue 15); memgate's default when absent. */
  stackDepth?: number;
  /** Node heap above which the passes take no checkpoints (issue 16; 0 forces it everywhere); default when absent. */
  checkpointHeapLimit?: number;
}

export interface Row {
  file: string;
  line: number;
  function: string;
  sizeDiff: number;
}

export interface Trial {
  scenario: string;
  trial: number;
  status: 'pass' | 'fail' | 'error';
  reasons: string[];
  wallMs: number;
  peakRss: number;
  iterations: number;
  retainedTotal: number;
  retainedHeap: number;
  retainedExternal: number;
  /** Sum of positive sizeDiff of the rows that point at the expected function and line. */
  attributedToExpected: number;
  top: Row[];
  totalSites: number;
  /** The leak-rate rule's record (rates per segment), so that a change to the rule can be re-judged on past runs. */
  confirmation: Pick<LeakReport, 'verdict' | 'measuredRate' | 'segments' | 'stop' | 'uncertainty'> | null;
  /** The report's workload entry, kept for the identical-code comparisons. */
  workload: WorkloadReport;
}

export function settingsLabel(s: Settings): string {
  return `sampling ${s.samplingInterval} B, iterations ${s.iterations ?? 'default'}, ${DEFAULTS.gcRounds} GC rounds, ${DEFAULTS.seriesPoints} series points, JIT inlining ${s.inlining ? 'on' : 'off'}, stack depth ${s.stackDepth ?? DEFAULTS.stackDepth}${s.checkpointHeapLimit !== undefined ? `, checkpoints below ${s.checkpointHeapLimit} B of heap` : ''}`;
}

/** Does a report row point where the scenario says the leak is? Node: function + line; Python: line (+ function when reported). */
export function rowMatches(scenario: Scenario, row: Row): boolean {
  const { expect } = scenario;
  if (!expect.leaks || row.line !== expect.line) return false;
  if (!row.file.endsWith(scenario.name.split('/').pop()!)) return false;
  if (scenario.runtime === 'python' && row.function === '') return true;
  return row.function === expect.function;
}

export async function runTrial(scenario: Scenario, trial: number, settings: Settings): Promise<Trial> {
  const outDir = join(settings.rawDir, 'trials', scenario.name.replace(/[^A-Za-z0-9._-]+/g, '_'), String(trial));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  let attempt = 0;
  for (;;) {
    const t = await measureOnce(scenario, trial, settings, outDir);
    // A concurrent `npm run build` empties dist/ for a moment (shared checkouts only): wait and retry.
    if (t.status === 'error' && /probe .* is missing/.test(t.reasons.join(' ')) && attempt++ < 5) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      continue;
    }
    return t;
  }
}

/** runPipeline as `memgate run` calls it with these settings (no ceilings, one trial): the bench's one way in. */
export function pipelineOptions(
  settings: Omit<Settings, 'rawDir'>,
  patterns: string[],
  outDir: string,
): PipelineOptions {
  return {
    patterns,
    cwd: settings.repoDir,
    iterations: settings.iterations,
    groupBy: DEFAULTS.groupBy,
    top: DEFAULTS.top,
    include: [],
    exclude: [],
    ceilings: { maxRetained: null, maxHeap: null, maxRss: null },
    profiler: 'inspector',
    samplingInterval: settings.samplingInterval,
    stackDepth: settings.stackDepth ?? DEFAULTS.stackDepth,
    timeoutSeconds: settings.timeoutSeconds,
    trials: 1,
    nodePath: settings.nodePath,
    pythonPath: settings.pythonPath,
    inlining: settings.inlining,
    ...(settings.gcRounds !== undefined ? { gcRounds: settings.gcRounds } : {}),
    ...(settings.checkpointHeapLimit !== undefined ? { checkpointHeapLimit: settings.checkpointHeapLimit } : {}),
    outDir,
  };
}

async function measureOnce(scenario: Scenario, trial: number, settings: Settings, outDir: string): Promise<Trial> {
  const t0 = performance.now();
  const { report } = await runPipeline(pipelineOptions(settings, [relative(settings.repoDir, scenario.file)], outDir));
  const wallMs = performance.now() - t0;
  const w = report.workloads[0]!;
  const top = w.top.map((t) => ({ file: t.file, line: t.line, function: t.function, sizeDiff: t.sizeDiff }));
  return {
    scenario: scenario.name,
    trial,
    status: w.verdict.status,
    reasons: w.error ? [`${w.error.kind}: ${w.error.message}`] : w.verdict.reasons,
    wallMs,
    peakRss: w.memory.peakRss,
    iterations: w.iterations,
    retainedTotal: w.retained.total,
    retainedHeap: w.retained.heap,
    retainedExternal: w.retained.external,
    // The rows cover the confirmation's iterations too (leak.sitesCover): scaled back to one measured pass like the truth.
    attributedToExpected:
      (top.filter((row) => rowMatches(scenario, row)).reduce((sum, row) => sum + Math.max(0, row.sizeDiff), 0) *
        w.iterations) /
      (w.leak?.sitesCover || w.iterations || 1),
    top,
    totalSites: w.totalSites,
    confirmation: w.leak
      ? {
          verdict: w.leak.verdict,
          measuredRate: w.leak.measuredRate,
          segments: w.leak.segments,
          stop: w.leak.stop,
          uncertainty: w.leak.uncertainty,
        }
      : null,
    workload: w,
  };
}
