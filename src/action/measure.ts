/**
 * `mode: auto` and `mode: measure`: measure the workloads (runPipeline); on a pull request or a merge group,
 * compare with the base branch's report; emit the line annotations (first, so they get the step's warning
 * slots), write the job summary and the sticky comment (auto only, unless a newer commit superseded this
 * one); upload the report artifact; set the outputs and the verdict.
 */
import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotationsFor, emitAnnotations } from '../github/annotations.ts';
import {
  artifactNameFor,
  artifactServiceUnavailable,
  enterpriseServerLimit,
  COMMENT_ENTRY,
  HANDOFF_ENTRY,
  profilesArtifactName,
  uploadReportArtifact,
  type Handoff,
  type UploadOptions,
} from '../github/artifacts.ts';
import { loadBaseReport, type BaseResult } from '../github/base-report.ts';
import { comparisonBase, linkSha, type RunContext } from '../github/context.ts';
import type { ActionInputs } from '../github/inputs.ts';
import { notice, warning } from '../github/messages.ts';
import { createOctokit, errorMessage } from '../github/octokit.ts';
import { checkedOutSha, pathPrefixOf, repositoryPaths } from '../github/paths.ts';
import { staleResults } from '../github/pulls.ts';
import { writeSummary } from '../github/summary.ts';
import { runPipeline, writeReport } from '../pipeline.ts';
import { overallStatus } from '../report/format.ts';
import { finish, retainedTotal } from './outcome.ts';
import { outDirFor } from './paths.ts';
import { compare, postComment, render } from './publish.ts';

export async function measureMode(inputs: ActionInputs, ctx: RunContext): Promise<void> {
  if (ctx.eventName === 'pull_request_target') {
    // A notice, not a warning: the warning slots belong to the findings (github/messages.ts).
    notice(
      'memgate runs the code checked out in working-directory. Under pull_request_target that must never be the pull ' +
        "request's code: the job holds a write token and secrets. Use pull_request with mode: measure and a workflow_run workflow with mode: comment.",
    );
  }
  const outDir = outDirFor(inputs.key);
  const result = await core.group('memgate: measuring', () =>
    runPipeline({
      patterns: inputs.workloads,
      cwd: inputs.workingDirectory,
      iterations: inputs.iterations,
      groupBy: inputs.groupBy,
      top: inputs.top,
      include: inputs.include,
      exclude: inputs.exclude,
      ceilings: inputs.ceilings,
      profiler: inputs.profiler,
      samplingInterval: inputs.samplingInterval,
      stackDepth: inputs.stackDepth,
      timeoutSeconds: inputs.timeoutSeconds,
      trials: inputs.trials,
      leakRate: inputs.leakRate,
      confirmBudgetSeconds: inputs.confirmBudgetSeconds,
      retainersMaxHeap: inputs.retainersMaxHeap,
      ...(inputs.python ? { pythonPath: inputs.python } : {}),
      outDir,
      onProgress: (message) => core.info(message),
    }),
  );
  const { report } = result;
  const sha = checkedOutSha(inputs.workingDirectory, ctx.sha);
  report.git = { sha, ref: ctx.ref };
  const reportPath = writeReport(report, outDir);

  const pr = ctx.pullRequest;
  const octokit = inputs.token ? createOctokit(inputs.token) : null;
  const name = artifactNameFor(inputs.artifactName, inputs.key);
  const against = comparisonBase(ctx);
  let base: BaseResult | undefined;
  const ghes = enterpriseServerLimit();
  if (against && ghes) base = { missing: ghes };
  else if (against && !octokit) base = { missing: 'no github-token to look the base report up with' };
  else if (against && octokit) {
    base = await loadBaseReport(octokit, ctx, inputs.token, name, {
      ...against,
      repositoryId: ctx.repositoryId,
      head: report,
    });
  }
  // What this pull request is judged on: the report gated against its base (a leak already there warns). Only
  // push, schedule and dispatch runs become bases, and those have no base: a base's verdicts are never gated.
  const compared = compare(report, base, inputs, against?.baseRef);
  const gated = compared.report;
  if (gated !== report) writeReport(gated, outDir);
  // Annotations and links are repository paths: relative to git's top level, not GITHUB_WORKSPACE.
  const paths = repositoryPaths(inputs.workingDirectory, ctx.workspace);
  const pathPrefix = pathPrefixOf(paths);
  const rendered = render(gated, compared, inputs, { ctx, sha: linkSha(ctx, sha), pathPrefix });
  const status = overallStatus(gated, compared.comparison);
  emitAnnotations(
    annotationsFor(gated, compared.comparison, { workingDirectory: paths.workingDirectory, workspace: paths.root }),
  );

  await writeSummary(rendered.summary);
  let commentUrl = '';
  if (pr && inputs.mode === 'auto') {
    const target = { owner: ctx.owner, repo: ctx.repo, number: pr.number };
    // Runs of one pull request finish in any order: an older run must not overwrite a newer run's comment.
    const stale = octokit ? await staleResults(octokit, target, pr.headSha) : null;
    if (stale) notice(`memgate did not comment: ${stale}.`);
    else commentUrl = await postComment(octokit, target, rendered, inputs, status);
  }

  // Upload on every event: pushes feed later pull requests' baselines; a pull request's upload is
  // what `mode: comment` reads for forks (hence the rendered comment and the PR's number beside it).
  // The profiles go in an artifact of their own: base lookups and comment mode download only the small report.
  const files = [reportPath];
  writeFileSync(join(outDir, COMMENT_ENTRY), rendered.comment);
  files.push(join(outDir, COMMENT_ENTRY));
  if (pr) {
    const handoff: Handoff = {
      schema: 'memgate.pr/v1',
      number: pr.number,
      headSha: pr.headSha,
      baseRef: pr.baseRef,
      key: inputs.key,
      pathPrefix,
    };
    writeFileSync(join(outDir, HANDOFF_ENTRY), `${JSON.stringify(handoff, null, 2)}\n`);
    files.push(join(outDir, HANDOFF_ENTRY));
  }
  const uploadOptions: UploadOptions = {
    key: inputs.key,
    ...(inputs.retentionDays ? { retentionDays: inputs.retentionDays } : {}),
  };
  await upload(name, files, outDir, ctx.runAttempt, uploadOptions);
  if (result.profiles.length > 0)
    await upload(profilesArtifactName(name), result.profiles, outDir, ctx.runAttempt, uploadOptions);

  const regressed = compared.comparison?.regressed === true;
  const outcome = { verdict: status, regressed, retainedBytes: retainedTotal(gated), reportPath, commentUrl };
  finish(outcome, gated, compared.comparison, inputs.failOnRegression);
}

/** A failed upload warns and the run goes on: the verdict stands, only later pull requests lose a baseline. */
async function upload(
  name: string,
  files: string[],
  rootDirectory: string,
  runAttempt: number,
  options: UploadOptions,
): Promise<void> {
  const unavailable = artifactServiceUnavailable();
  if (unavailable) {
    notice(`memgate did not upload the report artifact: ${unavailable}.`);
    return;
  }
  try {
    const result = await uploadReportArtifact(name, files, rootDirectory, runAttempt, options);
    if (!('skipped' in result)) core.info(`Uploaded artifact ${name} (id ${result.id}, ${result.size} bytes)`);
    else if (result.severity === 'warning') warning(`memgate did not upload the report artifact: ${result.skipped}.`);
    else core.info(`Did not upload the report artifact: ${result.skipped}.`);
  } catch (err) {
    warning(
      `memgate could not upload the report artifact ${name}: ${errorMessage(err)}. Pull requests will have no baseline from this run.`,
    );
  }
}
