/**
 * Re-judges the confirmation segments a bench run recorded (each trial's `confirmation`) under other constants of
 * the leak-rate rule. A laxer rule only turns a "decays" into a "holds", so the segments up to its decision are the
 * ones recorded: exact on every run. A stricter one only turns a "holds" into a "decays" and measures on, so it is
 * exact on runs that never held (clean runs without a false alarm); on others it runs out of recorded segments.
 * Also shows the clean runs that came nearest to holding, and how much larger their rates would have to be.
 *
 * Usage: node --import tsx bench/rejudge.ts <bench json>… [--hold H] [--strong S] [--first-hold F]
 * (analysis/leak-rate.ts: HOLD, STRONG, FIRST_HOLD; each defaults to the rule's own). Bench runs record their trials' segments
 * since 2026-12-07.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../src/analysis/defaults.ts';
import {
  agreedForNext,
  agrees,
  judgeSegment,
  SEGMENT_RULE,
  type SegmentOutcome,
  type SegmentRule,
} from '../src/analysis/leak-rate.ts';
import type { Trial } from './lib/fidelity.ts';

/**
 * How many times larger a clean run's growth would have to be for the rule to call it a leak: the least factor k
 * that, with every rate k times larger (their ratios unchanged), makes some segment hold before one settles.
 */
function foolingScale(t: Pick<Trial, 'confirmation'>, leakRate: number, rule: SegmentRule): number {
  const c = t.confirmation;
  if (!c) return Infinity;
  const rates = [c.measuredRate, ...c.segments.map((s) => s.rate)];
  let least = Infinity;
  let lowest = Infinity;
  for (let i = 1; i < rates.length; i++) {
    const rate = rates[i]!;
    if (rate <= 0) break;
    lowest = Math.min(lowest, rate);
    // Scaling every rate alike leaves whether each agrees with the one before as it was, as judgeSegment sees it.
    const agreed = agrees(rate, rates[i - 1]!, rule);
    const previousAgreed = i >= 2 && agreedForNext(rates[i - 1]!, rates[i - 2]!, i === 2, rule);
    const needs = !agreed ? Infinity : previousAgreed ? leakRate / rate : (rule.strong * leakRate) / rate;
    least = Math.min(least, Math.max(needs, leakRate / lowest, 1));
  }
  return least;
}

/** The segment a rule decides at (1-based) and how, or null when the recorded segments run out undecided. */
function decide(
  t: Pick<Trial, 'confirmation'>,
  leakRate: number,
  rule: SegmentRule,
): { at: number; outcome: SegmentOutcome } | null {
  const c = t.confirmation;
  if (!c || c.segments.length === 0) return null;
  let previous = c.measuredRate;
  let previousAgreed = false;
  for (const [i, s] of c.segments.entries()) {
    const outcome = judgeSegment(s.rate, previous, leakRate, previousAgreed, rule);
    if (outcome !== 'decays') return { at: i + 1, outcome };
    previousAgreed = agreedForNext(s.rate, previous, i === 0, rule);
    previous = s.rate;
  }
  return null;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { hold: { type: 'string' }, strong: { type: 'string' }, 'first-hold': { type: 'string' } },
});
const today = SEGMENT_RULE;
const rule: SegmentRule = {
  hold: Number(values.hold ?? today.hold),
  strong: Number(values.strong ?? today.strong),
  firstHold: Number(values['first-hold'] ?? today.firstHold),
};
// Bench runs use the default threshold.
const leakRate = DEFAULTS.leakRate;

let changed = 0;
let falseAlarms = 0;
let cleanRuns = 0;
const near: { name: string; trial: number; rates: string; why: string; top: number }[] = [];
for (const file of positionals) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    scenarios: { name: string; leaks: boolean }[];
    trials: Record<string, Trial[]>;
  };
  const leaks = new Map(report.scenarios.map((s) => [s.name, s.leaks]));
  for (const [name, trials] of Object.entries(report.trials)) {
    const leaky = leaks.get(name) ?? false;
    const segmentsAt: string[] = [];
    const scales: number[] = [];
    for (const t of trials) {
      if (t.confirmation === undefined) continue;
      if (!leaky) cleanRuns++;
      const before = decide(t, leakRate, today);
      const after = decide(t, leakRate, rule);
      if (before?.at !== after?.at || before?.outcome !== after?.outcome) changed++;
      if (!leaky && after?.outcome === 'holds') falseAlarms++;
      if (!leaky && t.confirmation?.segments.length) scales.push(foolingScale(t, leakRate, rule));
      if (after) segmentsAt.push(`${after.at}${after.outcome === 'holds' ? 'h' : 's'}`);
      const c = t.confirmation;
      if (!leaky && c) {
        const rates = [c.measuredRate, ...c.segments.map((s) => s.rate)];
        for (let i = 1; i < rates.length; i++) {
          if (rates[i]! < leakRate) continue;
          near.push({
            name,
            trial: t.trial,
            rates: rates.map((r) => r.toFixed(0)).join(' → '),
            top: rates[i]!,
            why: `segment ${i}: ${(rates[i]! / leakRate).toFixed(2)} R, ${(rates[i]! / rates[i - 1]!).toFixed(2)} of the one before`,
          });
        }
      }
    }
    const least = Math.min(...scales);
    console.log(
      `${name.padEnd(44)} ${leaky ? 'leak ' : 'clean'} decided at: ${segmentsAt.join(' ') || '—'}` +
        (scales.length
          ? `  · a leak if larger by: least ${least.toFixed(2)}×, ≤ 2× in ${scales.filter((k) => k <= 2).length}, ≤ 3× in ${scales.filter((k) => k <= 3).length} of ${scales.length}`
          : ''),
    );
  }
}
console.log(`\nrule: hold ${rule.hold}, strong ${rule.strong} R, first hold ${rule.firstHold}`);
console.log(
  `false alarms: ${falseAlarms} in ${cleanRuns} clean runs; ${changed} runs decided otherwise than by analysis/leak-rate.ts`,
);
console.log('the highest clean segments at or above R (the ones a laxer rule could turn into a false alarm):');
near.sort((a, b) => b.top - a.top);
for (const n of near.slice(0, 12)) console.log(`  ${n.name} #${n.trial}: ${n.rates} (${n.why})`);
