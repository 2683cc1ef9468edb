/** Per-scenario figures from the trials, the identical-code comparisons and the targets. */
import { compareWithBase } from '../../src/analysis/base-compare.ts';
import type { Scenario } from './corpus.ts';
import { rowMatches, type Trial } from './fidelity.ts';
import type { PlainRun } from './overhead.ts';
import { median } from './proc.ts';

export const DETECT_MIN = 64 * 1024;
/** Issue 10: every leak of at least this many bytes per iteration is caught, whatever the pass length. */
export const DETECT_RATE_MIN = 1024;
export const ESTIMATE_MIN = 256 * 1024;

export interface ScenarioSummary {
  name: string;
  runtime: 'node' | 'python';
  leaks: boolean;
  service: boolean;
  /** A leak the detection targets count: ≥ 1 KiB per iteration, or ≥ 64 KiB per pass (unless marked below target). */
  inTarget: boolean;
  external: boolean;
  allocationHeavy: boolean;
  iterations: number;
  /** Real retained bytes over one pass: expect.bytesPerIteration × iterations. */
  realPerPass: number;
  trials: number;
  errors: number;
  detected: number;
  falseAlarms: number;
  topRight: number;
  retainedMedian: number;
  retainedError: number;
  retainedWorstError: number;
  retainedSpread: number;
  attributedMedian: number;
  attributedError: number;
  attributedWorstError: number;
  wallMs: number;
  plainWallMs: number;
  wallRatio: number;
  peakRss: number;
  plainRss: number;
  rssRatio: number;
  /** What memgate said when it failed a clean scenario or missed a leak (first trial that did). */
  note: string;
  topSeen: string;
}

const relErr = (estimate: number, real: number): number => (real === 0 ? Number.NaN : (estimate - real) / real);
const worst = (xs: number[]): number => xs.reduce((w, x) => (Math.abs(x) > Math.abs(w) ? x : w), 0);

export function summarize(scenario: Scenario, trials: Trial[], plain: PlainRun[]): ScenarioSummary {
  const ok = trials.filter((t) => t.status !== 'error');
  const iterations = ok[0]?.iterations ?? 0;
  const realPerPass = scenario.expect.bytesPerIteration * iterations;
  const retained = ok.map((t) => t.retainedTotal);
  const attributed = ok.map((t) => t.attributedToExpected);
  const detected = ok.filter((t) => t.status === 'fail').length;
  const topRight = ok.filter((t) => t.top[0] !== undefined && rowMatches(scenario, t.top[0])).length;
  const odd = trials.find(
    (t) => t.status === 'error' || (scenario.expect.leaks ? t.status === 'pass' : t.status === 'fail'),
  );
  const top0 = ok[0]?.top[0];
  const wallMs = median(ok.map((t) => t.wallMs));
  const plainWallMs = median(plain.map((p) => p.wallMs));
  const peakRss = median(ok.map((t) => t.peakRss));
  const plainRss = median(plain.map((p) => p.maxRss));
  return {
    name: scenario.name,
    runtime: scenario.runtime,
    leaks: scenario.expect.leaks,
    service: scenario.expect.service === true,
    inTarget:
      scenario.expect.leaks &&
      (scenario.expect.bytesPerIteration >= DETECT_RATE_MIN ||
        (!scenario.expect.belowTarget && realPerPass >= DETECT_MIN)),
    external: scenario.expect.external === true,
    allocationHeavy: scenario.expect.allocationHeavy === true,
    iterations,
    realPerPass,
    trials: trials.length,
    errors: trials.length - ok.length,
    detected: scenario.expect.leaks ? detected : 0,
    falseAlarms: scenario.expect.leaks ? 0 : detected,
    topRight,
    retainedMedian: median(retained),
    retainedError: relErr(median(retained), realPerPass),
    retainedWorstError: worst(retained.map((r) => relErr(r, realPerPass))),
    retainedSpread: retained.length ? Math.max(...retained) - Math.min(...retained) : Number.NaN,
    attributedMedian: median(attributed),
    attributedError: relErr(median(attributed), realPerPass),
    attributedWorstError: worst(attributed.map((a) => relErr(a, realPerPass))),
    wallMs,
    plainWallMs,
    wallRatio: wallMs / plainWallMs,
    peakRss,
    plainRss,
    rssRatio: peakRss / plainRss,
    note: odd ? `trial ${odd.trial} ${odd.status}: ${odd.reasons.join('; ')}` : '',
    topSeen: top0 ? `${top0.file.split('/').pop()}:${top0.line} ${top0.function}` : '(none)',
  };
}

export interface IdenticalResult {
  comparisons: number;
  regressions: number;
  details: string[];
}

/** Consecutive trials of the same code, base vs head, with no allowed increase: the noise floor alone. */
export function identicalComparisons(trialsByScenario: Map<string, Trial[]>): IdenticalResult {
  let comparisons = 0;
  const details: string[] = [];
  for (const [name, trials] of trialsByScenario) {
    const ok = trials.filter((t) => t.status !== 'error');
    for (let i = 0; i + 1 < ok.length; i++) {
      const base = ok[i]!;
      const head = ok[i + 1]!;
      const result = compareWithBase([base.workload], [head.workload], null);
      comparisons++;
      if (result.regressed)
        details.push(
          `${name} trial ${base.trial} → ${head.trial}: ${result.workloads.flatMap((w) => w.reasons).join('; ')}`,
        );
    }
  }
  return { comparisons, regressions: details.length, details };
}

export interface Target {
  name: string;
  value: string;
  goal: string;
  pass: boolean | null;
  /** By how much it missed, or why it could not be judged. */
  miss: string;
}
