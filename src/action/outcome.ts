/**
 * The end of every run: the step's outputs, and whether the step fails and why. Every path sets every
 * output (a later step must never read an empty `verdict`): `skipped` is the documented "nothing to do"
 * value, with regressed false, retained-bytes 0, and report-path and comment-url empty.
 */
import * as core from '@actions/core';
import type { BaseComparison } from '../analysis/base-compare.ts';
import { headlineText, type Status } from '../report/format.ts';
import type { Report } from '../report/schema.ts';
import { warning } from '../github/messages.ts';

/** The outputs action.yml declares, in its order. */
export const OUTPUT_NAMES = ['verdict', 'regressed', 'retained-bytes', 'report-path', 'comment-url'] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

export type Verdict = Status | 'skipped';

export interface Outcome {
  verdict: Verdict;
  regressed: boolean;
  retainedBytes: number;
  reportPath: string;
  commentUrl: string;
}

export function setOutputs(o: Outcome): void {
  const values: Record<OutputName, string> = {
    verdict: o.verdict,
    regressed: String(o.regressed),
    'retained-bytes': String(o.retainedBytes),
    'report-path': o.reportPath,
    'comment-url': o.commentUrl,
  };
  for (const name of OUTPUT_NAMES) core.setOutput(name, values[name]);
}

const NOTHING: Omit<Outcome, 'verdict'> = { regressed: false, retainedBytes: 0, reportPath: '', commentUrl: '' };

/** What a step that stopped before judging anything reports (an invalid input, an unreadable artifact). */
export function setErrorOutput(): void {
  setOutputs({ ...NOTHING, verdict: 'error' });
}

/** Nothing to judge or to write (comment mode with nothing to comment on, superseded results): verdict `skipped`. */
export function setNothingToDo(reason: string): void {
  core.info(`memgate: nothing to do: ${reason}`);
  setOutputs({ ...NOTHING, verdict: 'skipped' });
}

export const retainedTotal = (report: Report): number =>
  Math.round(report.workloads.reduce((sum, w) => sum + w.retained.total, 0));

/** The first five reasons, then how many more: the step's failure message is one line in the checks list. */
function summarize(reasons: string[]): string {
  return (
    reasons.slice(0, 5).join('; ') + (reasons.length > 5 ? `; and ${reasons.length - 5} more` : '') || 'see the report'
  );
}

/** Sets the outputs, then fails the step (or warns) as the verdict and `fail-on-regression` say. */
export function finish(
  outcome: Outcome,
  report: Report,
  comparison: BaseComparison | undefined,
  failOnRegression: boolean,
): void {
  setOutputs(outcome);
  // Only what failed: a passing workload's notes ("treated as a one-off") are not why the step fails.
  const reasonsOf = (status: 'fail' | 'error'): string[] =>
    report.workloads
      .filter((w) => w.verdict.status === status)
      .flatMap((w) => w.verdict.reasons.map((r) => `${w.path}: ${r}`));
  const regressed = comparison?.workloads.filter((c) => c.regressed) ?? [];
  const regressions = [...reasonsOf('fail'), ...regressed.flatMap((c) => c.reasons.map((r) => `${c.path}: ${r}`))];
  const errors = reasonsOf('error');
  if (outcome.verdict === 'fail') {
    // What failed, as the report's headline says it: a regression only against a base that was compared.
    const message = `memgate: ${headlineText(report, comparison)}: ${summarize(regressions)}`;
    if (failOnRegression) core.setFailed(message);
    else warning(`${message} (not failing: fail-on-regression is false)`);
  }
  // A workload that could not run was not judged at all: that fails whatever fail-on-regression says.
  if (errors.length > 0) core.setFailed(`memgate: a workload could not be measured: ${summarize(errors)}`);
  if (outcome.verdict === 'pass') core.info('memgate: pass');
}
