/**
 * Finding the base branch's report: which runs may be a baseline (this repository's own push, schedule and
 * workflow_dispatch runs of the branch), their artifacts, and the first report measured like the head.
 * Every failure to get a base becomes a reason ("no baseline because …"), never a crash.
 */
import * as core from '@actions/core';
import { settingsMismatch, type MeasuredAs } from '../analysis/base-compare.ts';
import type { Report } from '../report/schema.ts';
import { downloadArtifactZip, isLive, reportFromZip, type ArtifactRecord } from './artifacts.ts';
import type { RunContext } from './context.ts';
import { notice } from './messages.ts';
import { errorMessage, httpStatus, type Octokit } from './octokit.ts';

export type BaseResult = { report: Report; sha: string; createdAt: string; runUrl: string } | { missing: string };

/**
 * Events whose runs measure their branch as it stands, so they are baselines for it. Pull request runs
 * measure a merge (their head_branch is the PR's branch, not what was measured); workflow_run runs carry the
 * triggering run's branch while measuring whatever they checked out; merge_group runs are on a queue branch.
 */
export const BASELINE_EVENTS: readonly string[] = ['push', 'schedule', 'workflow_dispatch'];

export interface BaseCriteria {
  baseRef: string;
  baseSha: string;
  /** This repository's id: only runs on this repository's own branches qualify. null: nothing qualifies. */
  repositoryId: number | null;
  /** The head report: a base measured differently is passed over for the next candidate. */
  head?: MeasuredAs;
  now?: Date;
}

/**
 * The only proof that a run's code came from this repository. `head_repository_id` is optional in the API
 * and null once a fork is deleted; `repository_id` is always the base repository, even for a fork's run.
 */
export function isOwnRepository(headRepositoryId: number | null | undefined, repositoryId: number | null): boolean {
  return typeof headRepositoryId === 'number' && repositoryId !== null && headRepositoryId === repositoryId;
}

/** The fields of a workflow run (GET /actions/runs) that we read. */
export interface RunRecord {
  id: number;
  event?: string;
  head_branch?: string | null;
  head_sha?: string;
  created_at?: string;
  head_repository?: { id?: number } | null;
}

export function isBaselineRun(run: RunRecord, criteria: BaseCriteria): boolean {
  return (
    BASELINE_EVENTS.includes(run.event ?? '') &&
    run.head_branch === criteria.baseRef &&
    isOwnRepository(run.head_repository?.id, criteria.repositoryId)
  );
}

/**
 * The usable artifacts of runs on the base branch of this very repository, best first: those measured at the
 * base commit, then the newest. A fork's run never qualifies, even for a branch named like ours: anyone can
 * push a `main` branch to a fork, and its pull_request run uploads into our repository.
 */
export function rankBaseArtifacts(
  artifacts: ArtifactRecord[],
  criteria: BaseCriteria,
): { candidates: ArtifactRecord[]; expired: number; elsewhere: number } {
  const now = criteria.now ?? new Date();
  let expired = 0;
  let elsewhere = 0;
  const candidates = artifacts.filter((a) => {
    const run = a.workflow_run;
    const onBase =
      run?.id !== undefined &&
      run.head_branch === criteria.baseRef &&
      isOwnRepository(run.head_repository_id, criteria.repositoryId);
    if (!onBase) {
      elsewhere++;
      return false;
    }
    if (!isLive(a, now)) {
      expired++;
      return false;
    }
    return true;
  });
  const time = (a: ArtifactRecord): number => Date.parse(a.created_at ?? '') || 0;
  const atBase = (a: ArtifactRecord): number =>
    criteria.baseSha !== '' && a.workflow_run?.head_sha === criteria.baseSha ? 1 : 0;
  candidates.sort((a, b) => atBase(b) - atBase(a) || time(b) - time(a) || b.id - a.id);
  return { candidates, expired, elsewhere };
}

/** The best of rankBaseArtifacts, or why there is none. */
export function chooseBaseArtifact(
  artifacts: ArtifactRecord[],
  criteria: BaseCriteria,
): { artifact: ArtifactRecord } | { missing: string } {
  const { candidates, expired, elsewhere } = rankBaseArtifacts(artifacts, criteria);
  const chosen = candidates[0];
  if (chosen) return { artifact: chosen };
  const skipped = [expired && `${expired} expired`, elsewhere && `${elsewhere} from other branches or forks`]
    .filter(Boolean)
    .join(', ');
  return {
    missing: `no report artifact from a run on branch ${criteria.baseRef} of this repository${skipped ? ` (skipped ${skipped})` : ''}`,
  };
}

const runUrlOf = (ctx: RunContext, runId: number | undefined): string =>
  `${ctx.serverUrl}/${ctx.repository}/actions/runs/${runId ?? 0}`;

/** Pages of 100 completed runs on the base branch read at most (every workflow's runs are listed). */
export const MAX_RUN_PAGES = 3;
/** Runs whose artifacts are listed one by one at most, for runs older than the repository listing reaches. */
export const MAX_RUN_LOOKUPS = 20;
/** Base reports downloaded at most (each may be passed over for other settings or for being unusable). */
export const MAX_BASE_DOWNLOADS = 5;

/**
 * Completed push, schedule and workflow_dispatch runs of this repository's base branch, those at the base
 * commit first, then newest first; pages stop once one at the base commit is found. Listing runs (not
 * artifacts) keeps pull request uploads out of the way however many there are.
 */
async function baselineRuns(octokit: Octokit, ctx: RunContext, criteria: BaseCriteria): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  let pages = 0;
  const listing = octokit.paginate.iterator(octokit.rest.actions.listWorkflowRunsForRepo, {
    owner: ctx.owner,
    repo: ctx.repo,
    branch: criteria.baseRef,
    status: 'completed',
    exclude_pull_requests: true,
    per_page: 100,
  });
  const atBase = (r: RunRecord): boolean => criteria.baseSha !== '' && r.head_sha === criteria.baseSha;
  for await (const { data } of listing) {
    runs.push(...(data as RunRecord[]).filter((r) => isBaselineRun(r, criteria)));
    if (++pages >= MAX_RUN_PAGES || runs.some(atBase)) break;
  }
  return runs.filter(atBase).concat(runs.filter((r) => !atBase(r)));
}

/**
 * The newest 100 artifacts named `name` in the repository, by run. `covers(run)` says the listing reaches back
 * to that run, so a run missing from it uploaded nothing of that name (no need to ask per run).
 */
async function recentArtifacts(
  octokit: Octokit,
  ctx: RunContext,
  name: string,
): Promise<{ byRun: Map<number, ArtifactRecord[]>; covers: (run: RunRecord) => boolean }> {
  const { data } = await octokit.rest.actions.listArtifactsForRepo({
    owner: ctx.owner,
    repo: ctx.repo,
    name,
    per_page: 100,
  });
  const byRun = new Map<number, ArtifactRecord[]>();
  for (const a of data.artifacts as ArtifactRecord[]) {
    const id = a.workflow_run?.id;
    if (id !== undefined && a.name === name) byRun.set(id, [...(byRun.get(id) ?? []), a]);
  }
  const complete = data.total_count <= data.artifacts.length;
  const times = data.artifacts.map((a) => Date.parse(a.created_at ?? '')).filter(Number.isFinite);
  const oldest = times.length > 0 ? Math.min(...times) : Infinity;
  // A run starts before it uploads: created after the oldest listed artifact, its upload would be listed.
  return { byRun, covers: (run) => complete || Date.parse(run.created_at ?? '') > oldest };
}

function permissionHint(err: unknown): string {
  const status = httpStatus(err);
  return status === 403 || status === 404 ? ' (the token needs the "actions: read" permission)' : '';
}

/**
 * The base branch's report for a pull request: the base branch's own runs (baselineRuns), their artifacts
 * named `name`, and the first of those that downloads, parses and was measured like the head (a settings
 * mismatch or an unusable report passes on to the next candidate). Missing (the first run on a branch) is
 * normal and said in words; failures are notices, not warnings: they are not findings, and warning
 * annotations are few (see messages.ts).
 */
export async function loadBaseReport(
  octokit: Octokit,
  ctx: RunContext,
  token: string,
  name: string,
  criteria: BaseCriteria,
): Promise<BaseResult> {
  if (criteria.repositoryId === null) {
    return {
      missing: 'the event did not say which repository this is, so no run could be proven to be from its own branch',
    };
  }
  let runs: RunRecord[];
  try {
    runs = await baselineRuns(octokit, ctx, criteria);
  } catch (err) {
    const hint = permissionHint(err);
    notice(
      `memgate could not list the runs of branch ${criteria.baseRef} to find the base report: ${errorMessage(err)}${hint}. Comparing without a base.`,
    );
    return { missing: `the base report could not be looked up${hint}` };
  }
  const source = `a push, schedule or workflow_dispatch run on branch ${criteria.baseRef} of this repository`;
  if (runs.length === 0) return { missing: `no report artifact from ${source}` };

  let recent: Awaited<ReturnType<typeof recentArtifacts>> = { byRun: new Map(), covers: () => false };
  try {
    recent = await recentArtifacts(octokit, ctx, name);
  } catch (err) {
    core.info(`Listing artifacts named ${name} failed (${errorMessage(err)}): asking run by run`);
  }
  const passedOver: string[] = [];
  let lookups = 0;
  let downloads = 0;
  let expired = 0;
  for (const run of runs) {
    let listed = recent.byRun.get(run.id);
    if (!listed) {
      if (recent.covers(run)) continue;
      if (lookups++ >= MAX_RUN_LOOKUPS) break;
      try {
        const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({
          owner: ctx.owner,
          repo: ctx.repo,
          run_id: run.id,
          name,
          per_page: 100,
        });
        listed = data.artifacts as ArtifactRecord[];
      } catch (err) {
        const hint = permissionHint(err);
        notice(
          `memgate could not list the artifacts of run ${run.id} to find the base report: ${errorMessage(err)}${hint}. Comparing without a base.`,
        );
        return { missing: `the base report could not be looked up${hint}` };
      }
    }
    const ranked = rankBaseArtifacts(
      listed.filter((a) => a.name === name),
      criteria,
    );
    expired += ranked.expired;
    for (const artifact of ranked.candidates) {
      if (downloads++ >= MAX_BASE_DOWNLOADS) break;
      const result = await tryBase(artifact, ctx, token, criteria);
      if ('report' in result) return result;
      passedOver.push(result.passedOver);
    }
    if (downloads >= MAX_BASE_DOWNLOADS) break;
  }
  const skipped = [expired && `${expired} expired`, passedOver.length && passedOver.join('; ')]
    .filter(Boolean)
    .join('; ');
  const missing = `no usable report artifact from ${source}${skipped ? ` (passed over: ${skipped})` : ''}`;
  core.info(`No base report: ${missing}.`);
  return { missing };
}

/** One candidate: downloaded, validated, and measured like the head; else why it was passed over. */
async function tryBase(
  artifact: ArtifactRecord,
  ctx: RunContext,
  token: string,
  criteria: BaseCriteria,
): Promise<Extract<BaseResult, { report: Report }> | { passedOver: string }> {
  const source = `artifact ${artifact.name} (id ${artifact.id}) from run ${artifact.workflow_run?.id}`;
  let report: Report;
  try {
    report = reportFromZip(await downloadArtifactZip(artifact, ctx, token), source);
  } catch (err) {
    notice(`memgate ignored the base report in ${source}: ${errorMessage(err)}.`);
    return { passedOver: `${source} was unusable (${errorMessage(err)})` };
  }
  const mismatch = criteria.head ? settingsMismatch(report, criteria.head) : null;
  if (mismatch) {
    core.info(`Passed over the base report in ${source}: ${mismatch}`);
    return { passedOver: `${source} used other settings (${mismatch})` };
  }
  const sha = report.git?.sha || artifact.workflow_run?.head_sha || '';
  core.info(`Base report: ${source}, commit ${sha.slice(0, 12)}`);
  return {
    report,
    sha,
    createdAt: artifact.created_at ?? report.createdAt,
    runUrl: runUrlOf(ctx, artifact.workflow_run?.id),
  };
}
