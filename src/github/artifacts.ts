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
  workflow_run?: { id?: number; repository_id?: number; head_repository_id?: number; head_branch?: string; head_sha?: string } | null;
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

/** The artifact that carries a run's .heapprofile files, beside the report artifact `name`. */
export function profilesArtifactName(name: string): string {
  return `${name}-profiles`;
}

// ---- upload ------------------------------------------------------------------------------------

/**
 * Uploads `files` (under `rootDirectory`) as artifact `name`. A re-run of the job (attempt > 1) finds
 * the artifact its earlier attempt uploaded and would get 409 Conflict: that one is replaced. In a
 * first attempt an artifact of that name belongs to another job or step of this run (matrix legs
 * without a `key`): it is left alone and this upload is skipped, rather than clobbering another leg.
 */
export async function uploadReportArtifact(name: string, files: string[], rootDirectory: string, runAttempt: number): Promise<{ id: number; size: number } | { skipped: string }> {
  const client = new DefaultArtifactClient();
  const { artifacts } = await client.listArtifacts();
  if (artifacts.some((a) => a.name === name)) {
    if (runAttempt <= 1) {
      return { skipped: `this run already has an artifact named ${name} (from another job or step): give each matrix leg or memgate step its own "key" input` };
    }
    await client.deleteArtifact(name);
    core.info(`Replaced artifact ${name} from an earlier attempt of this run`);
  }
  const result = await client.uploadArtifact(name, files, rootDirectory);
  return { id: result.id ?? 0, size: result.size ?? 0 };
}

// ---- choosing a base ---------------------------------------------------------------------------

export interface BaseCriteria {
  baseRef: string;
  baseSha: string;
  /** This repository's id: only artifacts of runs on this repository's own branches qualify. */
  repositoryId: number | null;
  now?: Date;
}

const isLive = (a: ArtifactRecord, now: Date): boolean =>
  !a.expired && !(a.expires_at && Date.parse(a.expires_at) <= now.getTime());

/**
 * The newest usable artifact of a run on the base branch of this very repository, preferring one
 * measured at the base commit. A fork's run never qualifies, even for a branch named like ours:
 * anyone can push a `main` branch to a fork, and its pull_request run uploads into our repository.
 */
export function chooseBaseArtifact(artifacts: ArtifactRecord[], criteria: BaseCriteria): { artifact: ArtifactRecord } | { missing: string } {
  const now = criteria.now ?? new Date();
  let expired = 0;
  let elsewhere = 0;
  const candidates = artifacts.filter((a) => {
    const run = a.workflow_run;
    const headRepo = run?.head_repository_id ?? run?.repository_id;
    const ownRepo = criteria.repositoryId ?? run?.repository_id;
    const onBase = run?.id !== undefined && run.head_branch === criteria.baseRef && headRepo !== undefined && headRepo === ownRepo;
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
  candidates.sort((a, b) => time(b) - time(a) || b.id - a.id);
  const chosen = candidates.find((a) => criteria.baseSha !== '' && a.workflow_run?.head_sha === criteria.baseSha) ?? candidates[0];
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

const atBaseCommit = (choice: ReturnType<typeof chooseBaseArtifact>, criteria: BaseCriteria): boolean =>
  'artifact' in choice && criteria.baseSha !== '' && choice.artifact.workflow_run?.head_sha === criteria.baseSha;

/** Pages of 100 read at most when looking for a base: every pull request run uploads under the same name too. */
export const MAX_LISTING_PAGES = 10;

/**
 * Artifacts named `name`, newest first, page by page until one was measured at the base commit (the best
 * choice there can be) or MAX_LISTING_PAGES were read: in a busy repository the base branch's artifact can
 * sit well behind the first page of pull request uploads.
 */
async function listNamedArtifacts(octokit: Octokit, ctx: RunContext, name: string, criteria: BaseCriteria): Promise<ArtifactRecord[]> {
  const found: ArtifactRecord[] = [];
  let pages = 0;
  const listing = octokit.paginate.iterator(octokit.rest.actions.listArtifactsForRepo, { owner: ctx.owner, repo: ctx.repo, name, per_page: 100 });
  for await (const { data } of listing) {
    found.push(...data);
    pages++;
    if (pages >= MAX_LISTING_PAGES || atBaseCommit(chooseBaseArtifact(found, criteria), criteria)) break;
  }
  return found;
}

/**
 * The base branch's report for a pull request: the listing by name (paginated, see listNamedArtifacts),
 * then the chosen artifact. Missing (the first run on a branch) is normal and said in words; failures are warnings.
 */
export async function loadBaseReport(octokit: Octokit, ctx: RunContext, token: string, name: string, criteria: BaseCriteria): Promise<BaseResult> {
  let artifacts: ArtifactRecord[];
  try {
    artifacts = await listNamedArtifacts(octokit, ctx, name, criteria);
  } catch (err) {
    const status = httpStatus(err);
    const hint = status === 403 || status === 404 ? ' (the token needs the "actions: read" permission)' : '';
    core.warning(`memgate could not list artifacts named ${name} to find the base report: ${errorMessage(err)}${hint}. Comparing without a base.`);
    return { missing: `the base report could not be looked up${hint}` };
  }
  const choice = chooseBaseArtifact(artifacts, criteria);
  if ('missing' in choice) {
    core.info(`No base report: ${choice.missing}.`);
    return choice;
  }
  const { artifact } = choice;
  const source = `artifact ${artifact.name} (id ${artifact.id}) from run ${artifact.workflow_run?.id}`;
  try {
    const report = reportFromZip(await downloadArtifactZip(artifact, ctx, token), source);
    const sha = report.git?.sha || artifact.workflow_run?.head_sha || '';
    core.info(`Base report: ${source}, commit ${sha.slice(0, 12)}`);
    return { report, sha, createdAt: artifact.created_at ?? report.createdAt, runUrl: runUrlOf(ctx, artifact.workflow_run?.id) };
  } catch (err) {
    core.warning(`memgate ignored the base report in ${source}: ${errorMessage(err)}. Comparing without a base.`);
    return { missing: `the base report in ${source} was unusable (${errorMessage(err)})` };
  }
}

/** The newest live artifact `name` of one workflow run (comment mode), or null. */
export async function findRunArtifact(octokit: Octokit, ctx: RunContext, runId: number, name: string): Promise<ArtifactRecord | null> {
  const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({ owner: ctx.owner, repo: ctx.repo, run_id: runId, name, per_page: 100 });
  const now = new Date();
  const live = data.artifacts.filter((a) => a.name === name && isLive(a, now)).sort((a, b) => b.id - a.id);
  const newest = live[0];
  return newest ? { ...newest, workflow_run: { ...newest.workflow_run, id: runId } } : null;
}
