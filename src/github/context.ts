/**
 * What the runner tells us about this run: the event, the repository, the pull request (if any) and the
 * workflow run that triggered a `workflow_run` workflow. Read from the environment and the event file
 * once, so the rest of the Action never looks at either.
 */
import { readFileSync } from 'node:fs';

export type EventKind = 'pull_request' | 'merge_group' | 'workflow_run' | 'push' | 'other';

export interface PullRequestInfo {
  number: number;
  baseRef: string;
  baseSha: string;
  headRef: string;
  headSha: string;
  /** owner/name of the repository the head branch lives in ('' when that fork was deleted). */
  headRepo: string;
  /** The head branch lives in another repository: its GITHUB_TOKEN is read-only. */
  isFork: boolean;
}

export interface WorkflowRunInfo {
  id: number;
  /** The event that triggered that run: 'pull_request', 'push', ... */
  event: string;
  headSha: string;
  headBranch: string;
  headRepo: string;
  /** Pull requests GitHub associated with the run (always empty for forks). */
  pullRequests: number[];
}

/** A merge queue's group: its checks judge the queued merge against the branch it merges into. */
export interface MergeGroupInfo {
  /** Branch name, without refs/heads/ (the payload gives a full ref). */
  baseRef: string;
  baseSha: string;
  headRef: string;
  headSha: string;
}

export interface RunContext {
  eventName: string;
  kind: EventKind;
  owner: string;
  repo: string;
  /** owner/name */
  repository: string;
  /** Numeric id of this repository, from the event payload (null when the payload lacks it). */
  repositoryId: number | null;
  sha: string;
  ref: string;
  serverUrl: string;
  runId: number;
  runAttempt: number;
  runUrl: string;
  /** Where the runner checked out the repository (GITHUB_WORKSPACE). */
  workspace: string;
  pullRequest: PullRequestInfo | null;
  mergeGroup: MergeGroupInfo | null;
  workflowRun: WorkflowRunInfo | null;
}

type Json = Record<string, unknown>;

const obj = (value: unknown, key: string): Json | null => {
  if (typeof value !== 'object' || value === null) return null;
  const inner = (value as Json)[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Json) : null;
};
const str = (value: Json | null, key: string): string => {
  const inner = value?.[key];
  return typeof inner === 'string' ? inner : '';
};
const num = (value: Json | null, key: string): number | null => {
  const inner = value?.[key];
  return typeof inner === 'number' && Number.isFinite(inner) ? inner : null;
};

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

function readPayload(path: string | undefined): Json {
  if (!path) return {};
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof data === 'object' && data !== null ? (data as Json) : {};
  } catch {
    return {};
  }
}

function pullRequestFrom(payload: Json, repository: string): PullRequestInfo | null {
  const pr = obj(payload, 'pull_request');
  const number = num(pr, 'number') ?? num(payload, 'number');
  if (!pr || number === null) return null;
  const base = obj(pr, 'base');
  const head = obj(pr, 'head');
  const headRepo = str(obj(head, 'repo'), 'full_name');
  const baseRepo = str(obj(base, 'repo'), 'full_name') || repository;
  return {
    number,
    baseRef: str(base, 'ref'),
    baseSha: str(base, 'sha'),
    headRef: str(head, 'ref'),
    headSha: str(head, 'sha'),
    headRepo,
    // A deleted fork has no head repo: still a fork. Compare names case-insensitively, as GitHub does.
    isFork: headRepo === '' || headRepo.toLowerCase() !== baseRepo.toLowerCase(),
  };
}

function workflowRunFrom(payload: Json): WorkflowRunInfo | null {
  const run = obj(payload, 'workflow_run');
  const id = num(run, 'id');
  if (!run || id === null) return null;
  const prs = Array.isArray(run['pull_requests']) ? (run['pull_requests'] as unknown[]) : [];
  return {
    id,
    event: str(run, 'event'),
    headSha: str(run, 'head_sha'),
    headBranch: str(run, 'head_branch'),
    headRepo: str(obj(run, 'head_repository'), 'full_name'),
    pullRequests: prs.flatMap((pr) => {
      const n = typeof pr === 'object' && pr !== null ? (pr as Json)['number'] : undefined;
      return typeof n === 'number' ? [n] : [];
    }),
  };
}

function mergeGroupFrom(payload: Json): MergeGroupInfo | null {
  const group = obj(payload, 'merge_group');
  const baseSha = str(group, 'base_sha');
  if (!group || baseSha === '') return null;
  const branch = (ref: string): string => ref.replace(/^refs\/heads\//, '');
  return {
    baseRef: branch(str(group, 'base_ref')),
    baseSha,
    headRef: str(group, 'head_ref'),
    headSha: str(group, 'head_sha'),
  };
}

/**
 * The base branch a run compares with: a pull request's, or a merge group's (a required check in a merge queue
 * must judge regressions too, not just ceilings). null: nothing to compare with (push, schedule, ...).
 */
export function comparisonBase(ctx: RunContext): { baseRef: string; baseSha: string } | null {
  const from = ctx.pullRequest ?? ctx.mergeGroup;
  return from && from.baseRef !== '' ? { baseRef: from.baseRef, baseSha: from.baseSha } : null;
}

/**
 * The commit that links (and the handoff) point at, given the commit checked out. On pull_request GITHUB_SHA
 * is a merge of head into base that exists only for this run: when that is what was checked out, links go
 * to the pull request's head, the code its author wrote and reviewers read. Anything else links to what was
 * checked out: under pull_request_target, GITHUB_SHA is the base branch's commit, not the pull request's.
 */
export function linkSha(ctx: RunContext, checkedOut: string): string {
  const pr = ctx.pullRequest;
  const sha = /^[0-9a-f]{40}$/;
  return ctx.eventName === 'pull_request' && pr && checkedOut === ctx.sha && sha.test(pr.headSha)
    ? pr.headSha
    : checkedOut;
}

export function readContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  const payload = readPayload(env['GITHUB_EVENT_PATH']);
  const repository = env['GITHUB_REPOSITORY'] || str(obj(payload, 'repository'), 'full_name');
  const [owner = '', repo = ''] = repository.split('/');
  const serverUrl = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
  const runId = Number(env['GITHUB_RUN_ID'] ?? '0') || 0;
  const pullRequest = PULL_REQUEST_EVENTS.has(eventName) ? pullRequestFrom(payload, repository) : null;
  const mergeGroup = eventName === 'merge_group' ? mergeGroupFrom(payload) : null;
  const workflowRun = eventName === 'workflow_run' ? workflowRunFrom(payload) : null;
  const kind: EventKind = pullRequest
    ? 'pull_request'
    : mergeGroup
      ? 'merge_group'
      : workflowRun
        ? 'workflow_run'
        : eventName === 'push'
          ? 'push'
          : 'other';
  return {
    eventName,
    kind,
    owner,
    repo,
    repository,
    repositoryId: num(obj(payload, 'repository'), 'id'),
    sha: env['GITHUB_SHA'] ?? '',
    ref: env['GITHUB_REF'] ?? '',
    serverUrl,
    runId,
    runAttempt: Number(env['GITHUB_RUN_ATTEMPT'] ?? '1') || 1,
    runUrl: `${serverUrl}/${repository}/actions/runs/${runId}`,
    workspace: env['GITHUB_WORKSPACE'] || process.cwd(),
    pullRequest,
    mergeGroup,
    workflowRun,
  };
}
