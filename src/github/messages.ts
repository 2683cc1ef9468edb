/**
 * Workflow messages with GitHub's annotation limits in mind: a step shows at most 10 warning annotations
 * (and 10 notices, 10 errors); later ones reach the log only. memgate's findings are the line annotations,
 * so they are emitted first and spend the warning slots; a message that is not a finding (a base lookup
 * failure, a settings mismatch, a missing permission) is a notice; a warning that finds the slots used up
 * becomes a notice, so it still shows. Warnings printed by the toolkits themselves are not counted: the
 * Action emits its line annotations before anything else that could make them (the artifact upload).
 */
import * as core from '@actions/core';

export const WARNING_ANNOTATIONS_PER_STEP = 10;

let warningsUsed = 0;

export function warningsLeft(): number {
  return Math.max(0, WARNING_ANNOTATIONS_PER_STEP - warningsUsed);
}

/** A warning while slots are left, else a notice (shown too, under the notice limit). */
export function warning(message: string, properties: core.AnnotationProperties = {}): void {
  if (warningsUsed < WARNING_ANNOTATIONS_PER_STEP) {
    warningsUsed++;
    core.warning(message, properties);
  } else {
    core.notice(message, properties);
  }
}

/** Something the user should see that is not a finding about their code. */
export function notice(message: string): void {
  core.notice(message);
}

/** For tests that emit from several "steps" in one process. */
export function resetWarningCount(): void {
  warningsUsed = 0;
}
