/**
 * How many forced GCs before each measurement? (DEFAULTS.gcRounds; each run is one runPipeline call, as in
 * bench/run.ts, with the `gcRounds` option.) For each setting: the clean
 * scenarios' retained growth (the drift a verdict must see through), false alarms, leak detection and wall time.
 * Usage: node --import tsx bench/sweep-gc.ts [--rounds 1,2,3,4] [--trials 3] [--only SUBSTR] → bench/results/sweep-gc.md
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../src/analysis/defaults.ts';
import { loadCorpus } from './lib/corpus.ts';
import { runTrial, type Settings } from './lib/fidelity.ts';
import { fmtBytes, fmtMs, table } from './lib/format.ts';
import { median } from './lib/proc.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = dirname(benchDir);
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '1,2,3,4' },
    trials: { type: 'string', default: '3' },
    only: { type: 'string', multiple: true, default: [] },
  },
});
const rounds = values.rounds.split(',').map(Number);
const trials = Number(values.trials);
const only = values.only ?? [];

const corpus = (await loadCorpus(benchDir, 'python3')).filter(
  (s) => s.runtime === 'node' && (only.length === 0 || only.some((o) => s.name.includes(o))),
);
const rows: string[][] = [];
for (const gcRounds of rounds) {
  const cleanDrift: number[] = [];
  let falseAlarms = 0;
  let cleanRuns = 0;
  let missed = 0;
  let leakRuns = 0;
  const wall: number[] = [];
  const settings: Settings = {
    repoDir,
    rawDir: join(benchDir, 'results', 'raw', `sweep-gc-${gcRounds}`),
    nodePath: process.execPath,
    pythonPath: 'python3',
    samplingInterval: DEFAULTS.samplingInterval,
    iterations: null,
    timeoutSeconds: DEFAULTS.timeoutSeconds,
    inlining: false,
    gcRounds,
  };
  for (const scenario of corpus) {
    for (let t = 0; t < trials; t++) {
      const trial = await runTrial(scenario, t + 1, settings);
      if (trial.status === 'error') {
        console.log(`${scenario.name} gcRounds=${gcRounds}: ${trial.reasons.join('; ')}`);
        continue;
      }
      wall.push(trial.wallMs);
      if (scenario.expect.leaks) {
        if (scenario.expect.belowTarget) continue;
        leakRuns++;
        if (trial.status !== 'fail') missed++;
      } else {
        cleanRuns++;
        cleanDrift.push(trial.retainedTotal);
        if (trial.status === 'fail') {
          falseAlarms++;
          console.log(`  false alarm: ${scenario.name} gcRounds=${gcRounds}: ${trial.reasons.join('; ')}`);
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
// A run over part of the corpus is for looking, not for the table the README quotes.
if (only.length === 0) writeFileSync(join(benchDir, 'results', 'sweep-gc.md'), text);
console.log(`\n${text}`);
