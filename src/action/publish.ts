/**
 * What both modes do once they hold a report: compare it with the base branch's, render the Markdown,
 * and post the sticky comment.
 */
import * as core from '@actions/core';
import { compareWithBase, settingsMismatch, type BaseComparison } from '../analysis/base-compare.ts';
import { applyLeakPolicy } from '../base-policy.ts';
import type { BaseResult } from '../github/base-report.ts';
import { commentMarker, upsertComment, type CommentTarget } from '../github/comment.ts';
import type { RunContext } from '../github/context.ts';
import type { ActionInputs } from '../github/inputs.ts';
import { notice, warning } from '../github/messages.ts';
import type { Octokit } from '../github/octokit.ts';
import type { Status } from '../report/format.ts';
import { renderMarkdown, type MarkdownOptions } from '../report/markdown.ts';
import type { Report } from '../report/schema.ts';
import { SHA } from './paths.ts';

/**
 * The job summary takes up to 1 MiB (bytes) per step. The renderer counts UTF-16 units, each at most 3 bytes
 * of UTF-8 (a surrogate pair is 2 units and 4 bytes): 320 Ki units stay under 1 MiB whatever the names.
 */
const SUMMARY_LIMIT = 320 * 1024;

export interface Compared {
  comparison: BaseComparison | undefined;
  base: MarkdownOptions['base'];
  /** The report as gated against the base (leak-policy: a leak already on the base warns); the input when no base. */
  report: Report;
}

export function compare(
  report: Report,
  base: BaseResult | undefined,
  inputs: ActionInputs,
  baseLabel = 'the base branch',
): Compared {
  if (!base) return { comparison: undefined, base: undefined, report };
  if ('missing' in base) return { comparison: undefined, base: { missing: base.missing }, report };
  const mismatch = settingsMismatch(base.report, report);
  if (mismatch) {
    // Not a finding about the code (and the lookup passes such bases over already): a notice.
    notice(`memgate did not compare with the base report: ${mismatch}. Use the same settings on both branches.`);
    return { comparison: undefined, base: { missing: `the base report used other settings: ${mismatch}` }, report };
  }
  const comparison = compareWithBase(base.report.workloads, report.workloads, inputs.maxIncrease);
  return {
    comparison,
    base: { comparison, sha: base.sha, createdAt: base.createdAt, runUrl: base.runUrl },
    report: applyLeakPolicy(report, comparison, inputs.leakPolicy, baseLabel),
  };
}

export interface Rendered {
  marker: string;
  comment: string;
  summary: string;
}

export interface RenderTarget {
  ctx: RunContext;
  /** The commit links point at. */
  sha: string;
  /** The working directory inside the repository, for links: '' or 'packages/api/'. */
  pathPrefix: string;
}

export function render(
  report: Report,
  compared: Compared,
  inputs: ActionInputs,
  { ctx, sha, pathPrefix }: RenderTarget,
): Rendered {
  const marker = commentMarker(inputs.key);
  const options: MarkdownOptions = {
    ...(ctx.repository && SHA.test(sha)
      ? { links: { repoUrl: `${ctx.serverUrl}/${ctx.repository}`, sha, pathPrefix } }
      : {}),
    ...(compared.base ? { base: compared.base } : {}),
    ...(ctx.runId ? { detailsUrl: ctx.runUrl } : {}),
    ...(inputs.key ? { title: `memgate (${inputs.key})` } : {}),
  };
  return {
    marker,
    comment: renderMarkdown(report, { ...options, marker }),
    summary: renderMarkdown(report, { ...options, maxLength: SUMMARY_LIMIT, summary: true }),
  };
}

/** Creates or updates the sticky comment as the `comment` input says; returns its URL, or '' when there is none. */
export async function postComment(
  octokit: Octokit | null,
  target: CommentTarget,
  rendered: Rendered,
  inputs: ActionInputs,
  status: Status,
): Promise<string> {
  if (inputs.comment === 'never') return '';
  if (!octokit) {
    warning('memgate did not comment: the "github-token" input is empty.');
    return '';
  }
  const result = await upsertComment(
    octokit,
    target,
    rendered.comment,
    rendered.marker,
    inputs.comment,
    status !== 'pass',
  );
  if (result.action === 'skipped') core.info(`No comment: ${result.reason}`);
  else if (result.url) core.info(`Comment ${result.action}: ${result.url}`);
  return result.url ?? '';
}
