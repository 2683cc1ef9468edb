/** Issue 10's and issue 16's targets: false-alarm bound, the Express base-vs-head shape, cost against the reference, big heaps. */
import { compareWithBase } from '../../src/analysis/base-compare.ts';
import type { BigHeapRun } from './big-heap.ts';
import type { Trial } from './fidelity.ts';
import { fmtBytes, fmtRatio } from './format.ts';
import { median } from './proc.ts';
import type { SideBySide } from './side-by-side.ts';
import { runsForBound, upperBound95 } from './stats.ts';
import type { ScenarioSummary, Target } from './summary.ts';

const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
export const MIN_CLEAN_TRIALS = 30;
/** Issue 10: with 20 workloads a repository's pull requests must not fail on noise; 0.3% per run. */
export const FALSE_ALARM_GOAL = 0.003;

export function falseAlarmTargets(summaries: ScenarioSummary[]): Target[] {
  const clean = summaries.filter((s) => !s.leaks);
  const runs = clean.reduce((n, s) => n + s.trials - s.errors, 0);
  const alarms = clean.reduce((n, s) => n + s.falseAlarms, 0);
  const fewest = clean.length ? Math.min(...clean.map((s) => s.trials - s.errors)) : 0;
  const bound = upperBound95(alarms, runs);
  const alarmed = clean.filter((s) => s.falseAlarms > 0).map((s) => `${s.name} ${s.falseAlarms}/${s.trials}`);
  return [
    {
      name: 'false alarms on clean scenarios (old corpus and service-shaped)',
      value: `${alarms} in ${runs} runs (${clean.length} scenarios, ≥ ${fewest} trials each)`,
      goal: `0, ≥ ${MIN_CLEAN_TRIALS} fresh-process trials per scenario`,
      pass: runs === 0 ? null : alarms > 0 ? false : fewest >= MIN_CLEAN_TRIALS ? true : null,
      miss:
        alarms > 0
          ? `${alarms} false alarm(s): ${alarmed.join(', ')}`
          : fewest < MIN_CLEAN_TRIALS
            ? `only ${fewest} trials for some scenario`
            : '',
    },
    {
      name: '95% upper bound on the per-run false-alarm rate (exact binomial)',
      value: runs ? `${pct(bound, 2)} (${alarms} in ${runs})` : '—',
      goal: `≤ ${pct(FALSE_ALARM_GOAL)}`,
      pass: runs === 0 ? null : bound <= FALSE_ALARM_GOAL,
      miss:
        bound > FALSE_ALARM_GOAL && runs
          ? `${pct(bound - FALSE_ALARM_GOAL, 2)} over; 0 alarms in ${runsForBound(FALSE_ALARM_GOAL)} runs would meet it`
          : '',
    },
  ];
}

export interface BaseHeadResult {
  base: string;
  head: string;
  comparisons: number;
  regressions: number;
  details: string[];
}

/**
 * A fixed base against a leaky head (issue 10's Express shape): trial i of the clean scenario as the base
 * report, trial i of the leaking one as the head, under the base's path (they are the same workload on
 * two branches).
 */
export function baseHeadComparisons(base: string, head: string, trialsBy: Map<string, Trial[]>): BaseHeadResult | null {
  const b = (trialsBy.get(base) ?? []).filter((t) => t.status !== 'error');
  const h = (trialsBy.get(head) ?? []).filter((t) => t.status !== 'error');
  const n = Math.min(b.length, h.length);
  if (n === 0) return null;
  const details: string[] = [];
  let regressions = 0;
  for (let i = 0; i < n; i++) {
    const bw = b[i]!.workload;
    const result = compareWithBase([bw], [{ ...h[i]!.workload, path: bw.path }], null);
    const reasons = result.workloads.flatMap((w) => w.reasons).join('; ');
    if (result.regressed) regressions++;
    details.push(
      `trial ${i + 1}: ${result.regressed ? 'regression' : 'NO regression'} — base ${fmtBytes(b[i]!.retainedTotal, true)}, head ${fmtBytes(h[i]!.retainedTotal, true)}${reasons ? `; ${reasons}` : ''}`,
    );
  }
  return { base, head, comparisons: n, regressions, details };
}

export function baseHeadTarget(r: BaseHeadResult | null): Target {
  return {
    name: 'fixed base vs leaky head (Express shape, compareWithBase)',
    value: r ? `${r.regressions}/${r.comparisons} regressions` : '—',
    goal: 'a regression in every trial',
    pass: r === null ? null : r.regressions === r.comparisons,
    miss:
      r && r.regressions < r.comparisons ? `${r.comparisons - r.regressions} comparison(s) found no regression` : '',
  };
}

export function referenceTargets(sides: SideBySide[], summaries: ScenarioSummary[], rev: string): Target[] {
  const leaks = new Map(summaries.map((s) => [s.name, s.leaks]));
  const ok = sides.filter((s) => Number.isFinite(s.ratio));
  if (ok.length === 0) return [];
  const clean = ok.filter((s) => leaks.get(s.scenario) === false);
  const med = median(clean.map((s) => s.ratio));
  const worst = ok.reduce((w, s) => (s.ratio > w.ratio ? s : w));
  const over = ok.filter((s) => s.ratio > 4);
  return [
    {
      name: `wall time vs today's memgate (${rev}), median over ${clean.length} clean scenarios`,
      value: fmtRatio(med),
      goal: '≤ 1.20×',
      pass: clean.length ? med <= 1.2 : null,
      miss:
        med > 1.2
          ? `${fmtRatio(med - 1.2)} over; slowest clean: ${[...clean]
              .sort((a, b) => b.ratio - a.ratio)
              .slice(0, 3)
              .map((s) => `${s.scenario} ${fmtRatio(s.ratio)}`)
              .join(', ')}`
          : '',
    },
    {
      name: `wall time vs today's memgate, worst single scenario`,
      value: `${fmtRatio(worst.ratio)} (${worst.scenario})`,
      goal: '≤ 4×',
      pass: worst.ratio <= 4,
      miss: over.length
        ? `${over.length} scenario(s) above: ${over.map((s) => `${s.scenario} ${fmtRatio(s.ratio)}`).join(', ')}`
        : '',
    },
  ];
}

export function bigHeapTargets(runs: BigHeapRun[]): Target[] {
  if (runs.length === 0) return [];
  const worstWall = runs.reduce((w, r) => (r.wallRatio > w.wallRatio ? r : w));
  const worstRss = runs.reduce((w, r) => (r.rssRatio > w.rssRatio ? r : w));
  const wrong = runs.filter((r) => r.memgate.status !== (r.leaks ? 'fail' : 'pass') || !r.memgate.topRight);
  const list = (f: (r: BigHeapRun) => string): string => runs.map((r) => `${r.workload} ${f(r)}`).join(', ');
  return [
    {
      name: 'big heaps: wall time vs the plain two-pass run (worst size)',
      value: `${fmtRatio(worstWall.wallRatio)} (${list((r) => fmtRatio(r.wallRatio))})`,
      goal: '≤ 1.50×',
      pass: worstWall.wallRatio <= 1.5,
      miss: worstWall.wallRatio > 1.5 ? `${fmtRatio(worstWall.wallRatio - 1.5)} over at ${worstWall.workload}` : '',
    },
    {
      name: 'big heaps: peak RSS vs the plain two-pass run (worst size)',
      value: `${fmtRatio(worstRss.rssRatio)} (${list((r) => fmtRatio(r.rssRatio))})`,
      goal: '≤ 1.15×',
      pass: worstRss.rssRatio <= 1.15,
      miss: worstRss.rssRatio > 1.15 ? `${fmtRatio(worstRss.rssRatio - 1.15)} over at ${worstRss.workload}` : '',
    },
    {
      name: 'big heaps: verdict and top line',
      value: `${runs.length - wrong.length}/${runs.length} sizes right`,
      goal: 'leaking: fail, top row handleRequest; healthy: pass; at every size',
      pass: wrong.length === 0,
      miss: wrong.map((r) => `${r.workload}: ${r.memgate.status}, top ${r.memgate.top}`).join('; '),
    },
  ];
}
