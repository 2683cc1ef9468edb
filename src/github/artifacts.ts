/**
 * Report artifacts: uploading this run's report, and downloading + reading one (a base branch's, see
 * base-report.ts, or in comment mode the one a pull request's run uploaded). Downloads are treated as
 * untrusted input: size-capped, digest-checked, never extracted to disk (see zip.ts), validated with `parseReport`.
 */
import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseReportText, type Report } from '../report/schema.ts';
import type { RunContext } from './context.ts';
import { errorMessage, type Octokit } from './octokit.ts';
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
  workflow_run?: {
    id?: number;
    repository_id?: number;
    head_repository_id?: number | null;
    head_branch?: string;
    head_sha?: string;
  } | null;
}

/** What a pull request's run leaves for the `comment` mode (which cannot see the PR's event). */
export const handoffSchema = z.object({
  schema: z.literal('memgate.pr/v1'),
  number: z.number().int().positive(),
  headSha: z.string(),
  baseRef: z.string(),
  key: z.string(),
  /**
   * The measuring run's working directory inside the repository ('' or 'packages/api/'), for links. Written by
   * the pull request's run, so only plain relative segments are accepted.
   */
  pathPrefix: z
    .string()
    .max(500)
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'pathPrefix must be plain relative folders, each ending in /')
    .refine((prefix) => !prefix.split('/').includes('..'), 'pathPrefix must not climb out with ..'),
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

/**
 * Why GitHub Enterprise Server cannot store or serve memgate's reports, or null on github.com and GHE.com:
 * GHES has no artifact service that @actions/artifact v2+ can talk to (the toolkit refuses it too).
 */
export function enterpriseServerLimit(env: NodeJS.ProcessEnv = process.env): string | null {
  let host = 'github.com';
  try {
    host = new URL(env['GITHUB_SERVER_URL'] || 'https://github.com').hostname.toLowerCase();
  } catch {
    // An unparsable URL is no evidence of GHES.
  }
  const cloud = ['github.com', 'localhost', '127.0.0.1'].includes(host) || /\.ghe\.(com|localhost)$/.test(host);
  return cloud
    ? null
    : `GitHub Enterprise Server (${host}) has no artifact service memgate can use: reports are not uploaded, so pull requests get no baseline and mode: comment cannot work there`;
}

/** Why this step cannot upload artifacts, or null: GitHub Enterprise Server, or not inside Actions at all. */
export function artifactServiceUnavailable(env: NodeJS.ProcessEnv = process.env): string | null {
  const ghes = enterpriseServerLimit(env);
  if (ghes) return ghes;
  if (!env['ACTIONS_RUNTIME_TOKEN'] || !env['ACTIONS_RESULTS_URL']) {
    return 'not running inside GitHub Actions (no ACTIONS_RUNTIME_TOKEN)';
  }
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
export async function uploadReportArtifact(
  name: string,
  files: string[],
  rootDirectory: string,
  runAttempt: number,
  options: UploadOptions = {},
): Promise<UploadResult> {
  const client = new DefaultArtifactClient();
  const { artifacts } = await client.listArtifacts();
  const clashHint = 'give each matrix leg or memgate step its own "key" input';
  if (artifacts.some((a) => a.name === name)) {
    if (runAttempt <= 1)
      return {
        skipped: `this run already has an artifact named ${name} (from another job or step): ${clashHint}`,
        severity: 'warning',
      };
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
    const result = await client.uploadArtifact(
      name,
      files,
      rootDirectory,
      options.retentionDays ? { retentionDays: options.retentionDays } : {},
    );
    return { id: result.id ?? 0, size: result.size ?? 0 };
  } catch (err) {
    // Two legs without a key, racing: both listed before either had uploaded.
    if (isConflict(err))
      return {
        skipped: `another job of this run uploaded an artifact named ${name} at the same time: ${clashHint}`,
        severity: 'warning',
      };
    throw err;
  }
}

/** Not expired, by the flag or by the date (the flag lags behind expires_at). */
export const isLive = (a: ArtifactRecord, now: Date): boolean =>
  !a.expired && !(a.expires_at && Date.parse(a.expires_at) <= now.getTime());

// ---- download ----------------------------------------------------------------------------------

/** Downloads an artifact's zip into memory (through a private temp dir that is removed afterwards). */
export async function downloadArtifactZip(artifact: ArtifactRecord, ctx: RunContext, token: string): Promise<Buffer> {
  if (artifact.size_in_bytes > MAX_ARTIFACT_BYTES) {
    throw new Error(
      `artifact ${artifact.name} is ${artifact.size_in_bytes} bytes, more than the ${MAX_ARTIFACT_BYTES} accepted`,
    );
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
    if (files.length !== 1)
      throw new Error(`artifact ${artifact.name} downloaded as ${files.length} files, expected one zip`);
    const file = join(dir, files[0]!);
    const size = statSync(file).size;
    if (size > MAX_ARTIFACT_BYTES)
      throw new Error(`artifact ${artifact.name} is ${size} bytes, more than the ${MAX_ARTIFACT_BYTES} accepted`);
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
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw new Error(`${source}'s ${HANDOFF_ENTRY} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = handoffSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${source}'s ${HANDOFF_ENTRY} is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** The newest live artifact `name` of one workflow run (comment mode), or null. */
export async function findRunArtifact(
  octokit: Octokit,
  ctx: RunContext,
  runId: number,
  name: string,
): Promise<ArtifactRecord | null> {
  const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({
    owner: ctx.owner,
    repo: ctx.repo,
    run_id: runId,
    name,
    per_page: 100,
  });
  const now = new Date();
  const live = data.artifacts.filter((a) => a.name === name && isLive(a, now)).sort((a, b) => b.id - a.id);
  const newest = live[0];
  return newest ? { ...newest, workflow_run: { ...newest.workflow_run, id: runId } } : null;
}
