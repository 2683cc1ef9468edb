/**
 * `mode: comment`, in a workflow_run workflow: reads the report a pull request's run uploaded and
 * comments. It never checks out or runs the pull request's code; everything it reads from the
 * artifact is validated, and the comment is re-rendered from the validated report rather than posted
 * as the artifact's Markdown, so a pull request cannot make the bot say something else.
 */
import { UsageError } from '../errors.ts';
import {
  artifactNameFor,
  downloadArtifactZip,
  enterpriseServerLimit,
  findRunArtifact,
  handoffFromZip,
  reportFromZip,
} from '../github/artifacts.ts';
import { loadBaseReport } from '../github/base-report.ts';
import type { RunContext } from '../github/context.ts';
import type { ActionInputs } from '../github/inputs.ts';
import { notice } from '../github/messages.ts';
import { createOctokit } from '../github/octokit.ts';
import { writeSummary } from '../github/summary.ts';
import { writeReport } from '../pipeline.ts';
import { overallStatus } from '../report/format.ts';
import { retainedTotal, setNothingToDo, setOutputs } from './outcome.ts';
import { outDirFor, SHA } from './paths.ts';
import { compare, postComment, render } from './publish.ts';

export async function commentMode(inputs: ActionInputs, ctx: RunContext): Promise<void> {
  const run = ctx.workflowRun;
  if (!run) {
    throw new UsageError(
      `Input "mode": "comment" runs in a workflow triggered by workflow_run, but this run was triggered by "${ctx.eventName || 'unknown'}"`,
    );
  }
  if (run.event !== 'pull_request' && run.event !== 'pull_request_target') {
    setNothingToDo(`the triggering run was a ${run.event || 'non-pull-request'} run, not a pull request's`);
    return;
  }
  const ghes = enterpriseServerLimit();
  if (ghes) throw new UsageError(`Input "mode": "comment" cannot run here: ${ghes}`);
  if (!inputs.token) {
    throw new UsageError(
      'Input "github-token": empty; mode: comment needs a token with "pull-requests: write" and "actions: read"',
    );
  }
  const octokit = createOctokit(inputs.token);
  const name = artifactNameFor(inputs.artifactName, inputs.key);
  const artifact = await findRunArtifact(octokit, ctx, run.id, name);
  if (!artifact) {
    notice(
      `memgate found no artifact ${name} in run ${run.id}: the measuring job failed before uploading, or uses another artifact-name or key.`,
    );
    setNothingToDo(`no artifact ${name} in run ${run.id}`);
    return;
  }
  const source = `artifact ${name} of run ${run.id}`;
  const zip = await downloadArtifactZip(
    { ...artifact, workflow_run: artifact.workflow_run ?? { id: run.id } },
    ctx,
    inputs.token,
  );
  const report = reportFromZip(zip, source);
  const handoff = handoffFromZip(zip, source);
  if (handoff.key !== inputs.key) {
    notice(
      `memgate did not comment: ${source} was measured with key "${handoff.key}", this step has key "${inputs.key}".`,
    );
    setNothingToDo(`${source} belongs to key "${handoff.key}"`);
    return;
  }

  // The number comes from the pull request's own run, which its author controls: believe it only if
  // that pull request's head is the commit the triggering run measured.
  const { data: pull } = await octokit.rest.pulls.get({
    owner: ctx.owner,
    repo: ctx.repo,
    pull_number: handoff.number,
  });
  if (pull.head.sha !== run.headSha) {
    const reason = `pull request #${handoff.number} is at ${pull.head.sha.slice(0, 12)}, the run measured ${run.headSha.slice(0, 12)}`;
    notice(`memgate did not comment: ${reason}.`);
    setNothingToDo(reason);
    return;
  }
  const base = await loadBaseReport(octokit, ctx, inputs.token, name, {
    baseRef: pull.base.ref,
    baseSha: pull.base.sha,
    repositoryId: ctx.repositoryId ?? pull.base.repo.id,
    head: report,
  });
  const compared = compare(report, base, inputs, pull.base.ref);
  const gated = compared.report;
  // The pull request's head (checked above to be what the run measured), as in measure mode's links.
  const sha = SHA.test(run.headSha) ? run.headSha : (report.git?.sha ?? '');
  const rendered = render(gated, compared, inputs, { ctx, sha, pathPrefix: handoff.pathPrefix });
  const status = overallStatus(gated, compared.comparison);
  await writeSummary(rendered.summary);
  const target = { owner: ctx.owner, repo: ctx.repo, number: handoff.number };
  const commentUrl = await postComment(octokit, target, rendered, inputs, status);

  const reportPath = writeReport(gated, outDirFor(inputs.key));
  // The pull request's own run carries the failing check; this run only reports.
  const regressed = compared.comparison?.regressed === true;
  setOutputs({ verdict: status, regressed, retainedBytes: retainedTotal(gated), reportPath, commentUrl });
}
