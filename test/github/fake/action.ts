/**
 * Runs the bundled Action (dist/index.js) the way the runner does: a fresh `node` process with INPUT_*
 * and GITHUB_* variables, an event file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and the
 * artifact service's URL and runtime token. Nothing from the host's own GITHUB_* environment leaks in.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE24 } from '../../runtimes.ts';
import type { FakeGitHub, FakeRun } from './github.ts';
import { tempDir } from '../../temp-dir.ts';

export const ENTRY = fileURLToPath(new URL('../../../dist/index.js', import.meta.url));
/** action.yml says `using: node24`: run it on Node 24 when this machine has it (MEMGATE_ACTION_NODE overrides). */
export const ACTION_NODE = process.env['MEMGATE_ACTION_NODE'] || (existsSync(NODE24) ? NODE24 : process.execPath);

export interface ActionRunOptions {
  fake: FakeGitHub;
  /** GITHUB_WORKSPACE and the process's cwd. */
  workspace: string;
  eventName: string;
  payload: Record<string, unknown>;
  inputs: Record<string, string>;
  /** The workflow run this step belongs to (its artifacts, its runtime token). */
  run: FakeRun;
  sha: string;
  ref: string;
  runAttempt?: number;
  /** Extra or overriding environment (e.g. GITHUB_SERVER_URL of a GitHub Enterprise Server). */
  env?: Record<string, string>;
}

export interface ActionResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::warning …::message` lines, as printed. */
  warnings: string[];
  /** `::notice …::message` lines. */
  notices: string[];
  errors: string[];
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter\nvalue\ndelimiter`). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const m of text.matchAll(/^([^<\n]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n?\2$/gm)) outputs[m[1]!] = m[3]!;
  return outputs;
}

export async function runAction(options: ActionRunOptions): Promise<ActionResult> {
  const dir = tempDir('memgate-step-');
  const temp = join(dir, 'runner-temp');
  mkdirSync(temp);
  const files = { event: join(dir, 'event.json'), output: join(dir, 'output.txt'), summary: join(dir, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(options.payload));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const inputs = Object.fromEntries(
    Object.entries(options.inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    ...inputs,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_API_URL: options.fake.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: options.fake.fullName,
    GITHUB_SHA: options.sha,
    GITHUB_REF: options.ref,
    GITHUB_RUN_ID: String(options.run.runId),
    GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
    GITHUB_WORKSPACE: options.workspace,
    RUNNER_TEMP: temp,
    ACTIONS_RESULTS_URL: `${options.fake.url}/`,
    // The run's event is this step's: the base lookup tells push runs from pull request runs by it.
    ACTIONS_RUNTIME_TOKEN: options.fake.registerRun(
      options.run.event ? options.run : Object.assign(options.run, { event: options.eventName }),
    ),
    MEMGATE_RETRY_BASE_MS: '1',
    ...options.env,
  };
  const child = spawn(ACTION_NODE, [ENTRY], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Async on purpose: the fake servers live in this process and must keep answering.
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const lines = stdout.split('\n');
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    warnings: lines.filter((l) => l.startsWith('::warning')),
    notices: lines.filter((l) => l.startsWith('::notice')),
    errors: lines.filter((l) => l.startsWith('::error')),
  };
}

interface RepoRef {
  id: number;
  full_name: string;
}

export function pushPayload(repo: RepoRef, sha: string, branch: string): Record<string, unknown> {
  return { ref: `refs/heads/${branch}`, after: sha, repository: { ...repo, name: repo.full_name.split('/')[1] } };
}

export function pullRequestPayload(
  repo: RepoRef,
  pr: { number: number; headSha: string; headRef: string; headRepo: RepoRef; baseRef: string; baseSha: string },
): Record<string, unknown> {
  return {
    action: 'synchronize',
    number: pr.number,
    pull_request: {
      number: pr.number,
      head: { sha: pr.headSha, ref: pr.headRef, repo: pr.headRepo },
      base: { sha: pr.baseSha, ref: pr.baseRef, repo },
    },
    repository: { ...repo, name: repo.full_name.split('/')[1] },
  };
}

export function mergeGroupPayload(
  repo: RepoRef,
  group: { headSha: string; baseSha: string; baseRef: string; number: number },
): Record<string, unknown> {
  return {
    action: 'checks_requested',
    merge_group: {
      head_sha: group.headSha,
      head_ref: `refs/heads/gh-readonly-queue/${group.baseRef}/pr-${group.number}-${group.baseSha.slice(0, 40)}`,
      base_sha: group.baseSha,
      base_ref: `refs/heads/${group.baseRef}`,
      head_commit: { id: group.headSha, message: 'Merge pull request', author: { name: 'a', email: 'a@example.com' } },
    },
    repository: { ...repo, name: repo.full_name.split('/')[1] },
  };
}

export function workflowRunPayload(
  repo: RepoRef,
  run: { id: number; event: string; headSha: string; headBranch: string; headRepo: string },
): Record<string, unknown> {
  return {
    action: 'completed',
    workflow_run: {
      id: run.id,
      event: run.event,
      head_sha: run.headSha,
      head_branch: run.headBranch,
      head_repository: { full_name: run.headRepo },
      pull_requests: [],
      conclusion: 'failure',
    },
    repository: { ...repo, name: repo.full_name.split('/')[1] },
  };
}
