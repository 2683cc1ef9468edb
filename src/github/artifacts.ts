/**
 * Report artifacts: uploading this run's report, and finding + reading a base branch's report (or, in
 * comment mode, the report a pull request's run uploaded). Downloads are treated as untrusted input:
 * size-capped, digest-checked, never extracted to disk (see zip.ts), validated with `parseReport`.
 * Every failure to get a base becomes a reason ("no baseline because …"), never a crash.
 */
import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { settingsMismatch, type MeasuredAs } from '../analysis/base-compare.ts';
import { UsageError } from '../errors.ts';
import { parseReportText, type Report } from '../report/schema.ts';
import type { RunContext } from './context.ts';
import { errorMessage, httpStatus, type Octokit } from './octokit.ts';
import { readZipEntry } from './zip.ts';

/**
 * Largest artifact (zip) we download and largest report.json we read from it. The .heapprofile files travel in
 * an artifact of their own (profilesArtifactName), which memgate never downloads.
 */
export const MAX_ARTIFACT_BYTES = 20 * 1024 * 1024;
export const MAX_REPORT_BYTES = MAX_ARTIFACT_BYTES;
export const REPORT_ENTRY = 'report.json';
export const COMMENT_ENTRY = 'comment.md';
export const HANDOFF_ENTRY = 'pr.json';

/** The fields of GitHub's artifact object that we read. */
export interface ArtifactRecord {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at: string | null;
  expires_at?: string | null;
  digest?: string | null;
  workflow_run?: { id?: number; repository_id?: number; head_repository_id?: number | null; head_branch?: string; head_sha?: string } | null;
}

export type BaseResult = { report: Report; sha: string; createdAt: string; runUrl: string } | { missing: string };

/** What a pull request's run leaves for the `comment` mode (which cannot see the PR's event). */
export const handoffSchema = z.object({
  schema: z.literal('memgate.pr/v1'),
  number: z.number().int().positive(),
  headSha: z.string(),
  baseRef: z.string(),
  key: z.string(),
  /** The measuring run's working directory inside the repository ('' or 'packages/api/'), for links. */
  pathPrefix: z.string().max(500),
});
export type Handoff = z.infer<typeof handoffSchema>;

export function artifactNameFor(name: string, key: string): string {
  return key ? `${name}-${key}` : name;
}

/**
 * The artifact that carries a run's .heapprofile files, beside the report artifact `name`. '+' cannot occur
 * in a key ([A-Za-z0-9._-]), so no key's report name (`<name>-<key>`) can equal another's profiles name:
 * with `-profiles`, `key: profiles` would have collided with the unkeyed step's profiles.
 */
export function profilesArtifactName(name: string): string {
  return `${name}+profiles`;
}

/** GitHub keeps artifacts 1 to 90 days (a repository or organization may cap it lower). */
export const MAX_RETENTION_DAYS = 90;

/** `retention-days`: '' = the repository's default; otherwise a whole number of days, 1 to 90. */
export function parseRetentionDays(label: string, raw: string): number | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const days = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1 && days <= MAX_RETENTION_DAYS)) {
    throw new UsageError(`${label}: "${raw}" is not a number of days from 1 to ${MAX_RETENTION_DAYS}; e.g. 14, or empty for the repository's default`);
  }
  return days;
}

/**
 * Why the artifact service cannot be used here, or null. GitHub Enterprise Server has no artifact service
 * that @actions/artifact v2+ can talk to; outside Actions there is no runtime token.
 */
export function artifactServiceUnavailable(env: NodeJS.ProcessEnv = process.env): string | null {
  const host = (() => {
    try {
      return new URL(env['GITHUB_SERVER_URL'] || 'https://github.com').hostname.toLowerCase();
    } catch {
      return 'github.com';
    }
  })();
  const cloud = host === 'github.com' || host.endsWith('.ghe.com') || host.endsWith('.ghe.localhost') || host === 'localhost' || host === '127.0.0.1';
  if (!cloud) {
    return `GitHub Enterprise Server (${host}) has no artifact service memgate can use: reports are not uploaded, so pull requests get no baseline and mode: comment cannot work there`;
  }
  if (!env['ACTIONS_RUNTIME_TOKEN'] || !env['ACTIONS_RESULTS_URL']) return 'not running inside GitHub Actions (no ACTIONS_RUNTIME_TOKEN)';
  return null;
}

// ---- upload ------------------------------------------------------------------------------------

export interface UploadOptions {
  /** The step's `key` ('' when unset): a keyed name belongs to one matrix leg, an unkeyed one to whoever uploaded first. */
  key?: string;
  /** Days the artifact is kept; undefined = the repository's default (90 unless changed). */
  retentionDays?: number;
}

export type UploadResult = { id: number; size: number } | { skipped: string; severity: 'warning' | 'info' };

const isConflict = (err: unknown): boolean => /\(409\)|already exists/i.test(errorMessage(err));

/**
 * Uploads `files` (under `rootDirectory`) as artifact `name`. Artifacts belong to the run, not the attempt:
 * a re-run finds its earlier attempt's upload and would get 409 Conflict. Only a keyed name is known to be
 * this leg's (keys are per leg), so only then is the earlier upload replaced; an unkeyed one may be another
 * matrix leg's, which a re-run must never delete, so it is kept. In a first attempt a same-named artifact
 * always belongs to another job or step (matrix legs without a `key`): this upload is skipped.
 */
export async function uploadReportArtifact(name: string, files: string[], rootDirectory: string, runAttempt: number, options: UploadOptions = {}): Promise<UploadResult> {
  const client = new DefaultArtifactClient();
  const { artifacts } = await client.listArtifacts();
  const clashHint = 'give each matrix leg or memgate step its own "key" input';
  if (artifacts.some((a) => a.name === name)) {
    if (runAttempt <= 1) return { skipped: `this run already has an artifact named ${name} (from another job or step): ${clashHint}`, severity: 'warning' };
    if (!options.key) {
      return {
        skipped: `kept the artifact ${name} that an earlier attempt of this run uploaded: without a "key" it may be another matrix leg's, and a re-run never deletes another leg's report`,
        severity: 'info',
      };
    }
    await client.deleteArtifact(name);
    core.info(`Replaced artifact ${name} from an earlier attempt of this run`);
  }
  try {
    const result = await client.uploadArtifact(name, files, rootDirectory, options.retentionDays ? { retentionDays: options.retentionDays } : {});
    return { id: result.id ?? 0, size: result.size ?? 0 };
  } catch (err) {
    // Two legs without a key, racing: both listed before either had uploaded.
    if (isConflict(err)) return { skipped: `another job of this run uploaded an artifact named ${name} at the same time: ${clashHint}`, severity: 'warning' };
    throw err;
  }
}

// ---- choosing a base ---------------------------------------------------------------------------

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
  return BASELINE_EVENTS.includes(run.event ?? '') && run.head_branch === criteria.baseRef && isOwnRepository(run.head_repository?.id, criteria.repositoryId);
}

const isLive = (a: ArtifactRecord, now: Date): boolean =>
  !a.expired && !(a.expires_at && Date.parse(a.expires_at) <= now.getTime());

/**
 * The usable artifacts of runs on the base branch of this very repository, best first: those measured at the
 * base commit, then the newest. A fork's run never qualifies, even for a branch named like ours: anyone can
 * push a `main` branch to a fork, and its pull_request run uploads into our repository.
 */
export function rankBaseArtifacts(artifacts: ArtifactRecord[], criteria: BaseCriteria): { candidates: ArtifactRecord[]; expired: number; elsewhere: number } {
  const now = criteria.now ?? new Date();
  let expired = 0;
  let elsewhere = 0;
  const candidates = artifacts.filter((a) => {
    const run = a.workflow_run;
    const onBase = run?.id !== undefined && run.head_branch === criteria.baseRef && isOwnRepository(run.head_repository_id, criteria.repositoryId);
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
  const atBase = (a: ArtifactRecord): number => (criteria.baseSha !== '' && a.workflow_run?.head_sha === criteria.baseSha ? 1 : 0);
  candidates.sort((a, b) => atBase(b) - atBase(a) || time(b) - time(a) || b.id - a.id);
  return { candidates, expired, elsewhere };
}

/** The best of rankBaseArtifacts, or why there is none. */
export function chooseBaseArtifact(artifacts: ArtifactRecord[], criteria: BaseCriteria): { artifact: ArtifactRecord } | { missing: string } {
  const { candidates, expired, elsewhere } = rankBaseArtifacts(artifacts, criteria);
  const chosen = candidates[0];
  if (chosen) return { artifact: chosen };
  const skipped = [expired && `${expired} expired`, elsewhere && `${elsewhere} from other branches or forks`].filter(Boolean).join(', ');
  return { missing: `no report artifact from a run on branch ${criteria.baseRef} of this repository${skipped ? ` (skipped ${skipped})` : ''}` };
}

// ---- download ----------------------------------------------------------------------------------

/** Downloads an artifact's zip into memory (through a private temp dir that is removed afterwards). */
export async function downloadArtifactZip(artifact: ArtifactRecord, ctx: RunContext, token: string): Promise<Buffer> {
  if (artifact.size_in_bytes > MAX_ARTIFACT_BYTES) {
    throw new Error(`artifact ${artifact.name} is ${artifact.size_in_bytes} bytes, more than the ${MAX_ARTIFACT_BYTES} accepted`);
  }
  const runId = artifact.workflow_run?.id;
  if (runId === undefined) throw new Error(`artifact ${artifact.name} has no workflow run`);
  const dir = mkdtempSync(join(process.env['RUNNER_TEMP'] || tmpdir(), 'memgate-download-'));
  try {
    const result = await new DefaultArtifactClient().downloadArtifact(artifact.id, {
      path: dir,
      // Keep the zip as it is: our own reader takes only report.json out of it, with size caps.
      skipDecompress: true,
      ...(artifact.digest ? { expectedHash: artifact.digest } : {}),
      findBy: { token, workflowRunId: runId, repositoryOwner: ctx.owner, repositoryName: ctx.repo },
    });
    if (result.digestMismatch) throw new Error(`artifact ${artifact.name} does not match its recorded digest`);
    const files = readdirSync(dir);
    if (files.length !== 1) throw new Error(`artifact ${artifact.name} downloaded as ${files.length} files, expected one zip`);
    const file = join(dir, files[0]!);
    const size = statSync(file).size;
    if (size > MAX_ARTIFACT_BYTES) throw new Error(`artifact ${artifact.name} is ${size} bytes, more than the ${MAX_ARTIFACT_BYTES} accepted`);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function reportFromZip(zip: Buffer, source: string): Report {
  const data = readZipEntry(zip, REPORT_ENTRY, MAX_REPORT_BYTES);
  if (!data) throw new Error(`${source} has no ${REPORT_ENTRY}`);
  return parseReportText(data.toString('utf8'), source);
}

export function handoffFromZip(zip: Buffer, source: string): Handoff {
  const data = readZipEntry(zip, HANDOFF_ENTRY, 64 * 1024);
  if (!data) throw new Error(`${source} has no ${HANDOFF_ENTRY}: was it uploaded by a pull request run of memgate?`);
  const parsed = handoffSchema.safeParse(JSON.parse(data.toString('utf8')));
  if (!parsed.success) throw new Error(`${source}'s ${HANDOFF_ENTRY} is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

const runUrlOf = (ctx: RunContext, runId: number | undefined): string => `${ctx.serverUrl}/${ctx.repository}/actions/runs/${runId ?? 0}`;

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
async function recentArtifacts(octokit: Octokit, ctx: RunContext, name: string): Promise<{ byRun: Map<number, ArtifactRecord[]>; covers: (run: RunRecord) => boolean }> {
  const { data } = await octokit.rest.actions.listArtifactsForRepo({ owner: ctx.owner, repo: ctx.repo, name, per_page: 100 });
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
export async function loadBaseReport(octokit: Octokit, ctx: RunContext, token: string, name: string, criteria: BaseCriteria): Promise<BaseResult> {
  if (criteria.repositoryId === null) {
    return { missing: 'the event did not say which repository this is, so no run could be proven to be from its own branch' };
  }
  let runs: RunRecord[];
  try {
    runs = await baselineRuns(octokit, ctx, criteria);
  } catch (err) {
    const hint = permissionHint(err);
    core.notice(`memgate could not list the runs of branch ${criteria.baseRef} to find the base report: ${errorMessage(err)}${hint}. Comparing without a base.`);
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
        const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({ owner: ctx.owner, repo: ctx.repo, run_id: run.id, name, per_page: 100 });
        listed = data.artifacts as ArtifactRecord[];
      } catch (err) {
        const hint = permissionHint(err);
        core.notice(`memgate could not list the artifacts of run ${run.id} to find the base report: ${errorMessage(err)}${hint}. Comparing without a base.`);
        return { missing: `the base report could not be looked up${hint}` };
      }
    }
    const ranked = rankBaseArtifacts(listed.filter((a) => a.name === name), criteria);
    expired += ranked.expired;
    for (const artifact of ranked.candidates) {
      if (downloads++ >= MAX_BASE_DOWNLOADS) break;
      const result = await tryBase(artifact, ctx, token, criteria);
      if ('report' in result) return result;
      passedOver.push(result.passedOver);
    }
    if (downloads >= MAX_BASE_DOWNLOADS) break;
  }
  const skipped = [expired && `${expired} expired`, passedOver.length && passedOver.join('; ')].filter(Boolean).join('; ');
  const missing = `no usable report artifact from ${source}${skipped ? ` (passed over: ${skipped})` : ''}`;
  core.info(`No base report: ${missing}.`);
  return { missing };
}

/** One candidate: downloaded, validated, and measured like the head; else why it was passed over. */
async function tryBase(artifact: ArtifactRecord, ctx: RunContext, token: string, criteria: BaseCriteria): Promise<Extract<BaseResult, { report: Report }> | { passedOver: string }> {
  const source = `artifact ${artifact.name} (id ${artifact.id}) from run ${artifact.workflow_run?.id}`;
  let report: Report;
  try {
    report = reportFromZip(await downloadArtifactZip(artifact, ctx, token), source);
  } catch (err) {
    core.notice(`memgate ignored the base report in ${source}: ${errorMessage(err)}.`);
    return { passedOver: `${source} was unusable (${errorMessage(err)})` };
  }
  const mismatch = criteria.head ? settingsMismatch(report, criteria.head) : null;
  if (mismatch) {
    core.info(`Passed over the base report in ${source}: ${mismatch}`);
    return { passedOver: `${source} used other settings (${mismatch})` };
  }
  const sha = report.git?.sha || artifact.workflow_run?.head_sha || '';
  core.info(`Base report: ${source}, commit ${sha.slice(0, 12)}`);
  return { report, sha, createdAt: artifact.created_at ?? report.createdAt, runUrl: runUrlOf(ctx, artifact.workflow_run?.id) };
}

/** The newest live artifact `name` of one workflow run (comment mode), or null. */
export async function findRunArtifact(octokit: Octokit, ctx: RunContext, runId: number, name: string): Promise<ArtifactRecord | null> {
  const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({ owner: ctx.owner, repo: ctx.repo, run_id: runId, name, per_page: 100 });
  const now = new Date();
  const live = data.artifacts.filter((a) => a.name === name && isLive(a, now)).sort((a, b) => b.id - a.id);
  const newest = live[0];
  return newest ? { ...newest, workflow_run: { ...newest.workflow_run, id: runId } } : null;
}
