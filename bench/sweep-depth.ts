/**
 * Issue 15: the Python stack depth, chosen by measurement. Runs every Python leak scenario (leaks made in user
 * code, inside the standard library and inside site-packages) at each candidate depth and says whether the leak
 * is charged to the scenario's line: the top row is that line and holds at least 85% of what the same row holds
 * at the deepest depth swept (the reference attribution; ✓ = all of it). Wall time is the median run.
 * The retainer capture is off here (retainers-max-heap 0): it does not depend on the depth.
 * Usage: node --import tsx bench/sweep-depth.ts [--depths 1,2,4,8,12,16,20,24,28,32] [--trials 1] [--python PATH]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../src/analysis/defaults.ts';
import { runPipeline } from '../src/pipeline.ts';
import { loadCorpus } from './lib/corpus.ts';
import { pipelineOptions, rowMatches, type Settings } from './lib/fidelity.ts';
import { fmtMs, table } from './lib/format.ts';
import { median } from './lib/proc.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = dirname(benchDir);
const { values } = parseArgs({
  options: {
    depths: { type: 'string', default: '1,2,4,8,12,16,20,24,28,32' },
    trials: { type: 'string', default: '1' },
    python: { type: 'string', default: 'python3' },
  },
});
const depths = values
  .depths!.split(',')
  .map(Number)
  .sort((a, b) => b - a); // Deepest first: the reference.
const trials = Number(values.trials);
const python = execFileSync(values.python!, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const rawDir = join(benchDir, 'results', 'raw', 'sweep-depth');
const corpus = (await loadCorpus(benchDir, python)).filter((s) => s.runtime === 'python' && s.expect.leaks);

const rows: string[][] = [];
const cells: Record<string, Record<number, string>> = {};
const reference = new Map<string, number>();
for (const depth of depths) {
  const settings: Settings & { stackDepth: number } = {
    repoDir,
    rawDir,
    nodePath: process.execPath,
    pythonPath: python,
    samplingInterval: DEFAULTS.samplingInterval,
    iterations: null,
    timeoutSeconds: DEFAULTS.timeoutSeconds,
    inlining: false,
    stackDepth: depth,
  };
  let right = 0;
  const walls: number[] = [];
  const wrong: string[] = [];
  for (const scenario of corpus) {
    for (let trial = 1; trial <= trials; trial++) {
      const outDir = join(rawDir, String(depth), scenario.name.replace(/[^A-Za-z0-9._-]+/g, '_'));
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(outDir, { recursive: true });
      const t0 = performance.now();
      const { report } = await runPipeline({
        ...pipelineOptions(settings, [relative(repoDir, scenario.file)], outDir),
        retainersMaxHeap: 0,
      });
      walls.push(performance.now() - t0);
      const w = report.workloads[0]!;
      const top = w.top[0];
      const matches = w.verdict.status === 'fail' && top !== undefined && rowMatches(scenario, top);
      if (matches && !reference.has(scenario.name)) reference.set(scenario.name, top.sizeDiff);
      const share = matches ? top.sizeDiff / (reference.get(scenario.name) ?? top.sizeDiff) : 0;
      const ok = matches && share >= 0.85;
      if (ok) right++;
      else
        wrong.push(
          `${scenario.name.split('/').pop()} (${top ? `${top.file.split('/').pop()}:${top.line} ${top.function}${matches ? `, ${Math.round(100 * share)}%` : ''}` : 'no rows'})`,
        );
      (cells[scenario.name] ??= {})[depth] = !matches
        ? `✗ ${top ? `${top.file.split('/').pop()}:${top.line}` : ''}`
        : share >= 0.995
          ? '✓'
          : `${Math.round(100 * share)}%${ok ? '' : ' ✗'}`;
      console.log(
        `depth ${depth} ${scenario.name}: ${ok ? 'right' : 'WRONG'} top ${top ? `${top.file.split('/').pop()}:${top.line} ${top.function} ${top.sizeDiff} (retained ${w.retained.total})` : '—'} ${fmtMs(walls.at(-1)!)}`,
      );
    }
  }
  rows.unshift([String(depth), `${right}/${corpus.length * trials}`, wrong.join('; ') || '—', fmtMs(median(walls))]);
}
depths.reverse();
const perScenario = table(
  ['scenario', ...depths.map(String)],
  Object.entries(cells).map(([name, byDepth]) => [name, ...depths.map((d) => byDepth[d] ?? '—')]),
);
const text = `# Python stack depth sweep\n\n${new Date().toISOString()} · ${trials} trial(s) per scenario and depth · ${python}\n\n${table(['depth', 'leaks charged to the right line (≥ 85% of the deepest)', 'wrong', 'median wall per run'], rows)}\n\n${perScenario}\n`;
mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(join(benchDir, 'results', 'sweep-depth.md'), text);
console.log(`\n${text}`);
