/**
 * The Action: inputs → measure (runPipeline) → on a pull request, the base branch's report and the
 * comparison → Markdown → job summary, sticky comment, annotations → report artifact → outputs → verdict.
 * `mode: comment` instead reads the report a pull request's run uploaded and only comments (for forks).
 */
import * as core from '@actions/core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { compareWithBase, settingsMismatch, type BaseComparison } from './analysis/base-compare.ts';
import { UsageError } from './errors.ts';
import { annotationsFor, emitAnnotations } from './github/annotations.ts';
import {
  artifactNameFor,
  profilesArtifactName,
  COMMENT_ENTRY,
  downloadArtifactZip,
  findRunArtifact,
  HANDOFF_ENTRY,
  handoffFromZip,
  loadBaseReport,
  reportFromZip,
  uploadReportArtifact,
  type BaseResult,
  type Handoff,
} from './github/artifacts.ts';
import { commentMarker, upsertComment, type CommentTarget } from './github/comment.ts';
import { readContext, type RunContext } from './github/context.ts';
import { readInputs, type ActionInputs } from './github/inputs.ts';
import { createOctokit, errorMessage, type Octokit } from './github/octokit.ts';
import { writeSummary } from './github/summary.ts';
import { DEFAULTS } from './analysis/defaults.ts';
import { runPipeline, writeReport } from './pipeline.ts';
import { overallStatus, type Status } from './report/format.ts';
import { renderMarkdown, type MarkdownOptions } from './report/markdown.ts';
import type { Report } from './report/schema.ts';

/**
 * The job summary takes up to 1 MiB (bytes) per step. The renderer counts UTF-16 units, each at most 3 bytes
 * of UTF-8 (a surrogate pair is 2 units and 4 bytes): 320 Ki units stay under 1 MiB whatever the names.
 */
const SUMMARY_LIMIT = 320 * 1024;
const SHA = /^[0-9a-f]{40}$/;

interface Outcome {
  verdict: Status;
  regressed: boolean;
  retainedBytes: number;
  reportPath: string;
  commentUrl: string;
}

function setOutputs(o: Outcome): void {
  core.setOutput('verdict', o.verdict);
  core.setOutput('regressed', String(o.regressed));
  core.setOutput('retained-bytes', String(o.retainedBytes));
  core.setOutput('report-path', o.reportPath);
  core.setOutput('comment-url', o.commentUrl);
}

const toPosix = (path: string): string => path.split(sep).join('/');

/** The working directory as a repository path prefix for links: '' or 'packages/api/'. */
function pathPrefixOf(workingDirectory: string, workspace: string): string {
  const rel = toPosix(relative(workspace, workingDirectory));
  return rel === '' || rel.startsWith('..') ? '' : `${rel}/`;
}

/** The commit actually checked out (a workflow may check out the PR head instead of GITHUB_SHA). */
function checkedOutSha(cwd: string, fallback: string): string {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim();
    return SHA.test(sha) ? sha : fallback;
  } catch {
    return fallback;
  }
}

function outDirFor(key: string): string {
  const dir = join(process.env['RUNNER_TEMP'] || tmpdir(), 'memgate', key || 'default');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

interface Compared {
  comparison: BaseComparison | undefined;
  base: MarkdownOptions['base'];
}

function compare(report: Report, base: BaseResult | undefined, inputs: ActionInputs): Compared {
  if (!base) return { comparison: undefined, base: undefined };
  if ('missing' in base) return { comparison: undefined, base: { missing: base.missing } };
  const mismatch = settingsMismatch(base.report, report);
  if (mismatch) {
    core.warning(`memgate did not compare with the base report: ${mismatch}. Use the same settings on both branches.`);
    return { comparison: undefined, base: { missing: `the base report used other settings: ${mismatch}` } };
  }
  const comparison = compareWithBase(base.report.workloads, report.workloads, inputs.maxIncrease);
  return { comparison, base: { comparison, sha: base.sha, createdAt: base.createdAt, runUrl: base.runUrl } };
}

interface Rendered {
  marker: string;
  comment: string;
  summary: string;
}

function render(report: Report, compared: Compared, inputs: ActionInputs, ctx: RunContext, sha: string, pathPrefix: string): Rendered {
  const marker = commentMarker(inputs.key);
  const options: MarkdownOptions = {
    ...(ctx.repository && SHA.test(sha) ? { links: { repoUrl: `${ctx.serverUrl}/${ctx.repository}`, sha, pathPrefix } } : {}),
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

async function comment(octokit: Octokit | null, target: CommentTarget, rendered: Rendered, inputs: ActionInputs, status: Status): Promise<string> {
  if (inputs.comment === 'never') return '';
  if (!octokit) {
    core.warning('memgate did not comment: the "github-token" input is empty.');
    return '';
  }
  const result = await upsertComment(octokit, target, rendered.comment, rendered.marker, inputs.comment, status !== 'pass');
  if (result.action === 'skipped') core.info(`No comment: ${result.reason}`);
  else if (result.url) core.info(`Comment ${result.action}: ${result.url}`);
  return result.url ?? '';
}

const retainedTotal = (report: Report): number => Math.round(report.workloads.reduce((sum, w) => sum + w.retained.total, 0));

function summarize(reasons: string[]): string {
  return reasons.slice(0, 5).join('; ') + (reasons.length > 5 ? `; and ${reasons.length - 5} more` : '') || 'see the report';
}

function finish(outcome: Outcome, report: Report, comparison: BaseComparison | undefined, failOnRegression: boolean): void {
  setOutputs(outcome);
  // Only what failed: a passing workload's notes ("treated as a one-off") are not why the step fails.
  const reasonsOf = (status: 'fail' | 'error'): string[] =>
    report.workloads.filter((w) => w.verdict.status === status).flatMap((w) => w.verdict.reasons.map((r) => `${w.path}: ${r}`));
  const regressions = [...reasonsOf('fail'), ...(comparison?.workloads.filter((c) => c.regressed).flatMap((c) => c.reasons.map((r) => `${c.path}: ${r}`)) ?? [])];
  const errors = reasonsOf('error');
  if (outcome.verdict === 'fail') {
    const message = `memgate: memory regression: ${summarize(regressions)}`;
    if (failOnRegression) core.setFailed(message);
    else core.warning(`${message} (not failing: fail-on-regression is false)`);
  }
  // A workload that could not run was not judged at all: that fails whatever fail-on-regression says.
  if (errors.length > 0) core.setFailed(`memgate: a workload could not be measured: ${summarize(errors)}`);
  if (outcome.verdict === 'pass') core.info('memgate: pass');
}

async function measureMode(inputs: ActionInputs, ctx: RunContext): Promise<void> {
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
      stackDepth: DEFAULTS.stackDepth,
      timeoutSeconds: inputs.timeoutSeconds,
      trials: inputs.trials,
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
      ? await loadBaseReport(octokit, ctx, inputs.token, name, { baseRef: pr.baseRef, baseSha: pr.baseSha, repositoryId: ctx.repositoryId })
      : { missing: 'no github-token to look the base report up with' };
  }
  const compared = compare(report, base, inputs);
  const pathPrefix = pathPrefixOf(inputs.workingDirectory, ctx.workspace);
  // On pull_request, actions/checkout checks out GITHUB_SHA: a merge of the head into the base that exists
  // only for this run. Links go to the pull request's head, the code its author wrote and reviewers read.
  const linkSha = pr && sha === ctx.sha && SHA.test(pr.headSha) ? pr.headSha : sha;
  const rendered = render(report, compared, inputs, ctx, linkSha, pathPrefix);
  const status = overallStatus(report, compared.comparison);

  await writeSummary(rendered.summary);
  let commentUrl = '';
  if (pr && inputs.mode === 'auto') {
    commentUrl = await comment(octokit, { owner: ctx.owner, repo: ctx.repo, number: pr.number }, rendered, inputs, status);
  }
  emitAnnotations(annotationsFor(report, compared.comparison, { workingDirectory: inputs.workingDirectory, workspace: ctx.workspace }));

  // Upload on every event: pushes feed later pull requests' baselines; a pull request's upload is
  // what `mode: comment` reads for forks (hence the rendered comment and the PR's number beside it).
  // The profiles go in an artifact of their own: base lookups and comment mode download only the small report.
  const { profiles } = result;
  const files = [reportPath];
  writeFileSync(join(outDir, COMMENT_ENTRY), rendered.comment);
  files.push(join(outDir, COMMENT_ENTRY));
  if (pr) {
    const handoff: Handoff = { schema: 'memgate.pr/v1', number: pr.number, headSha: pr.headSha, baseRef: pr.baseRef, key: inputs.key, pathPrefix };
    writeFileSync(join(outDir, HANDOFF_ENTRY), `${JSON.stringify(handoff, null, 2)}\n`);
    files.push(join(outDir, HANDOFF_ENTRY));
  }
  await upload(name, files, outDir, ctx.runAttempt);
  if (profiles.length > 0) await upload(profilesArtifactName(name), profiles, outDir, ctx.runAttempt);

  finish(
    { verdict: status, regressed: compared.comparison?.regressed === true, retainedBytes: retainedTotal(report), reportPath, commentUrl },
    report,
    compared.comparison,
    inputs.failOnRegression,
  );
}

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
    core.warning(`memgate could not upload the report artifact ${name}: ${errorMessage(err)}. Pull requests will have no baseline from this run.`);
  }
}

/**
 * `mode: comment`, in a workflow_run workflow: reads the report a pull request's run uploaded and
 * comments. It never checks out or runs the pull request's code; everything it reads from the
 * artifact is validated, and the comment is re-rendered from the validated report rather than posted
 * as the artifact's Markdown, so a pull request cannot make the bot say something else.
 */
async function commentMode(inputs: ActionInputs, ctx: RunContext): Promise<void> {
  const run = ctx.workflowRun;
  if (!run) {
    throw new UsageError(`Input "mode": "comment" runs in a workflow triggered by workflow_run, but this run was triggered by "${ctx.eventName || 'unknown'}"`);
  }
  if (run.event !== 'pull_request' && run.event !== 'pull_request_target') {
    core.info(`Nothing to comment on: the triggering run was a ${run.event || 'non-pull-request'} run.`);
    return;
  }
  if (!inputs.token) throw new UsageError('Input "github-token": empty; mode: comment needs a token with "pull-requests: write" and "actions: read"');
  const octokit = createOctokit(inputs.token);
  const name = artifactNameFor(inputs.artifactName, inputs.key);
  const artifact = await findRunArtifact(octokit, ctx, run.id, name);
  if (!artifact) {
    core.warning(`memgate found no artifact ${name} in run ${run.id}: the measuring job failed before uploading, or uses another artifact-name or key.`);
    return;
  }
  const source = `artifact ${name} of run ${run.id}`;
  const zip = await downloadArtifactZip({ ...artifact, workflow_run: artifact.workflow_run ?? { id: run.id } }, ctx, inputs.token);
  const report = reportFromZip(zip, source);
  const handoff = handoffFromZip(zip, source);
  if (handoff.key !== inputs.key) {
    core.warning(`memgate did not comment: ${source} was measured with key "${handoff.key}", this step has key "${inputs.key}".`);
    return;
  }

  // The number comes from the pull request's own run, which its author controls: believe it only if
  // that pull request's head is the commit the triggering run measured.
  const { data: pull } = await octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: handoff.number });
  if (pull.head.sha !== run.headSha) {
    core.warning(`memgate did not comment: pull request #${handoff.number} is at ${pull.head.sha.slice(0, 12)}, the run measured ${run.headSha.slice(0, 12)}.`);
    return;
  }
  const base = await loadBaseReport(octokit, ctx, inputs.token, name, {
    baseRef: pull.base.ref,
    baseSha: pull.base.sha,
    repositoryId: ctx.repositoryId ?? pull.base.repo.id,
  });
  const compared = compare(report, base, inputs);
  // The pull request's head (checked above to be what the run measured), as in measureMode's links.
  const sha = SHA.test(run.headSha) ? run.headSha : (report.git?.sha ?? '');
  const pathPrefix = /^([A-Za-z0-9._-]+\/)*$/.test(handoff.pathPrefix) && !handoff.pathPrefix.split('/').includes('..') ? handoff.pathPrefix : '';
  const rendered = render(report, compared, inputs, ctx, sha, pathPrefix);
  const status = overallStatus(report, compared.comparison);
  await writeSummary(rendered.summary);
  const commentUrl = await comment(octokit, { owner: ctx.owner, repo: ctx.repo, number: handoff.number }, rendered, inputs, status);

  const outDir = outDirFor(inputs.key);
  const reportPath = writeReport(report, outDir);
  // The pull request's own run carries the failing check; this run only reports.
  setOutputs({ verdict: status, regressed: compared.comparison?.regressed === true, retainedBytes: retainedTotal(report), reportPath, commentUrl });
}

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const ctx = readContext();
    if (inputs.mode === 'comment') await commentMode(inputs, ctx);
    else await measureMode(inputs, ctx);
  } catch (err) {
    core.setOutput('verdict', 'error');
    core.setFailed(err instanceof UsageError ? err.message : `memgate failed: ${errorMessage(err)}`);
  }
}
