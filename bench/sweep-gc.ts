/**
 * How many forced GCs before each measurement? (DEFAULTS.gcRounds; runPipeline does not expose it, so this
 * goes through measureWorkload and gates each run the way the pipeline does.) For each setting: the clean
 * scenarios' retained growth (the drift a verdict must see through), false alarms, leak detection and wall time.
 * Usage: node --import tsx bench/sweep-gc.ts [--rounds 1,2,3,4] [--trials 3] [--only SUBSTR] → bench/results/sweep-gc.md
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../src/analysis/defaults.ts';
import { diffSnapshots } from '../src/analysis/diff.ts';
import { gateWorkload } from '../src/analysis/gate.ts';
import { measureWorkload } from '../src/measure/measure.ts';
import { loadCorpus } from './lib/corpus.ts';
import { fmtBytes, fmtMs, table } from './lib/format.ts';
import { median } from './lib/proc.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = dirname(benchDir);
const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '1,2,3,4' }, trials: { type: 'string', default: '3' }, only: { type: 'string', multiple: true, default: [] } },
});
const rounds = values.rounds.split(',').map(Number);
const trials = Number(values.trials);
const only = values.only ?? [];

const corpus = (await loadCorpus(benchDir, 'python3')).filter((s) => s.runtime === 'node' && (only.length === 0 || only.some((o) => s.name.includes(o))));
const rows: string[][] = [];
for (const gcRounds of rounds) {
  const cleanDrift: number[] = [];
  let falseAlarms = 0;
  let cleanRuns = 0;
  let missed = 0;
  let leakRuns = 0;
  const wall: number[] = [];
  for (const scenario of corpus) {
    for (let t = 0; t < trials; t++) {
      const t0 = performance.now();
      const outcome = await measureWorkload({
        workload: scenario.file,
        cwd: repoDir,
        iterations: null,
        profiler: 'inspector',
        samplingInterval: DEFAULTS.samplingInterval,
        stackDepth: DEFAULTS.stackDepth,
        timeoutSeconds: DEFAULTS.timeoutSeconds,
        include: [],
        exclude: [],
        groupBy: 'line',
        nodePath: process.execPath,
        gcRounds,
      });
      if (!outcome.ok) {
        console.log(`${scenario.name} gcRounds=${gcRounds}: ${outcome.error.kind} ${outcome.error.message}`);
        continue;
      }
      const r = outcome.result;
      const diff = diffSnapshots(r.after.snapshot, r.baseline.snapshot, { groupBy: 'line', cwd: repoDir, include: [], exclude: [] });
      const heap = r.after.memory.heapUsed - r.baseline.memory.heapUsed;
      const external = r.after.memory.external - r.baseline.memory.external;
      const verdict = gateWorkload(
        {
          retained: { heap, external, total: heap + external },
          heapAfter: r.after.memory.heapUsed,
          peakRss: r.peakRss,
          series: r.series,
          iterations: r.iterations,
          samplingInterval: r.profiler.samplingInterval,
          sites: diff,
          trialTotals: [heap + external],
        },
        { maxRetained: null, maxHeap: null, maxRss: null },
      );
      wall.push(performance.now() - t0);
      if (scenario.expect.leaks) {
        if (scenario.expect.belowTarget) continue;
        leakRuns++;
        if (verdict.status !== 'fail') missed++;
      } else {
        cleanRuns++;
        cleanDrift.push(heap + external);
        if (verdict.status === 'fail') {
          falseAlarms++;
          console.log(`  false alarm: ${scenario.name} gcRounds=${gcRounds}: ${verdict.reasons.join('; ')}`);
        }
      }
    }
  }
  const absDrift = cleanDrift.map(Math.abs);
  rows.push([
    String(gcRounds),
    `${falseAlarms}/${cleanRuns}`,
    `${missed}/${leakRuns}`,
    fmtBytes(median(absDrift)),
    fmtBytes(Math.max(...absDrift)),
    fmtMs(median(wall)),
  ]);
  console.log(rows[rows.length - 1]!.join('  '));
}
const text = `# Forced-GC rounds sweep\n\n${new Date().toISOString()} · ${trials} trials per Node scenario · node ${process.version}\n\n${table(['GC rounds', 'false alarms', 'missed leaks', 'clean |drift| median', 'clean |drift| max', 'median wall per run'], rows)}\n`;
writeFileSync(join(benchDir, 'results', 'sweep-gc.md'), text);
console.log(`\n${text}`);
