/**
 * `mode: auto` and `mode: measure`: measure the workloads (runPipeline); on a pull request, compare with
 * the base branch's report; write the job summary, the sticky comment (auto only) and the annotations;
 * upload the report artifact; set the outputs and the verdict.
 */
import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotationsFor, emitAnnotations } from '../github/annotations.ts';
import {
  artifactNameFor,
  COMMENT_ENTRY,
  HANDOFF_ENTRY,
  loadBaseReport,
  profilesArtifactName,
  uploadReportArtifact,
  type BaseResult,
  type Handoff,
} from '../github/artifacts.ts';
import type { RunContext } from '../github/context.ts';
import type { ActionInputs } from '../github/inputs.ts';
import { createOctokit, errorMessage } from '../github/octokit.ts';
import { writeSummary } from '../github/summary.ts';
import { runPipeline, writeReport } from '../pipeline.ts';
import { overallStatus } from '../report/format.ts';
import { finish, retainedTotal } from './outcome.ts';
import { checkedOutSha, outDirFor, pathPrefixOf, SHA } from './paths.ts';
import { compare, postComment, render } from './publish.ts';

export async function measureMode(inputs: ActionInputs, ctx: RunContext): Promise<void> {
  if (ctx.eventName === 'pull_request_target') {
    core.warning(
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
  let base: BaseResult | undefined;
  if (pr) {
    base = octokit
      ? await loadBaseReport(octokit, ctx, inputs.token, name, {
          baseRef: pr.baseRef,
          baseSha: pr.baseSha,
          repositoryId: ctx.repositoryId,
        })
      : { missing: 'no github-token to look the base report up with' };
  }
  const compared = compare(report, base, inputs);
  const pathPrefix = pathPrefixOf(inputs.workingDirectory, ctx.workspace);
  // On pull_request, actions/checkout checks out GITHUB_SHA: a merge of the head into the base that exists
  // only for this run. Links go to the pull request's head, the code its author wrote and reviewers read.
  const linkSha = pr && sha === ctx.sha && SHA.test(pr.headSha) ? pr.headSha : sha;
  const rendered = render(report, compared, inputs, { ctx, sha: linkSha, pathPrefix });
  const status = overallStatus(report, compared.comparison);

  await writeSummary(rendered.summary);
  let commentUrl = '';
  if (pr && inputs.mode === 'auto') {
    const target = { owner: ctx.owner, repo: ctx.repo, number: pr.number };
    commentUrl = await postComment(octokit, target, rendered, inputs, status);
  }
  const where = { workingDirectory: inputs.workingDirectory, workspace: ctx.workspace };
  emitAnnotations(annotationsFor(report, compared.comparison, where));

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
  await upload(name, files, outDir, ctx.runAttempt);
  if (result.profiles.length > 0) await upload(profilesArtifactName(name), result.profiles, outDir, ctx.runAttempt);

  const regressed = compared.comparison?.regressed === true;
  const outcome = { verdict: status, regressed, retainedBytes: retainedTotal(report), reportPath, commentUrl };
  finish(outcome, report, compared.comparison, inputs.failOnRegression);
}

/** A failed upload warns and the run goes on: the verdict stands, only later pull requests lose a baseline. */
async function upload(name: string, files: string[], rootDirectory: string, runAttempt: number): Promise<void> {
  if (!process.env['ACTIONS_RUNTIME_TOKEN'] || !process.env['ACTIONS_RESULTS_URL']) {
    core.warning('memgate did not upload the report artifact: not running inside GitHub Actions (no ACTIONS_RUNTIME_TOKEN).');
    return;
  }
  try {
    const result = await uploadReportArtifact(name, files, rootDirectory, runAttempt);
    if ('skipped' in result) core.warning(`memgate did not upload the report artifact: ${result.skipped}.`);
    else core.info(`Uploaded artifact ${name} (id ${result.id}, ${result.size} bytes)`);
  } catch (err) {
    core.warning(
      `memgate could not upload the report artifact ${name}: ${errorMessage(err)}. Pull requests will have no baseline from this run.`,
    );
  }
}
