/**
 * Issue 11 end to end: the bundled Action on pull requests whose base branch already leaks. A leak the base
 * had at the same rate passes with a warning that says so (leak-policy new, the default); a faster leak, a leak
 * where the base was clean, and any leak under leak-policy any fail.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { parseReportText } from '../../src/report/schema.ts';
import { tempDir } from '../temp-dir.ts';
import { ENTRY, pullRequestPayload, pushPayload, runAction, type ActionResult } from './fake/action.ts';
import { FakeGitHub, type FakeRun } from './fake/github.ts';

const REPO = { id: 2002, full_name: 'acme/orders' };
const sha = (digit: string): string => digit.repeat(40);
const root = tempDir('memgate-leak-policy-');

function workspace(name: string, fixture: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'app', 'perf'), { recursive: true });
  copyFileSync(
    fileURLToPath(new URL(`../fixtures/action/${fixture}`, import.meta.url)),
    join(dir, 'app', 'perf', 'cache.mjs'),
  );
  return dir;
}

const run = (runId: number, headBranch: string, headSha: string): FakeRun => ({
  runId,
  backendId: `run-${runId}`,
  jobBackendId: `job-${runId}`,
  headBranch,
  headSha,
  headRepositoryId: REPO.id,
});

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  workloads: 'perf/*.mjs',
  'working-directory': 'app',
  iterations: '20',
  'github-token': 'ghs_write',
  ...extra,
});

const why = (r: ActionResult): string => {
  const path = r.outputs['report-path'];
  const verdicts =
    path && existsSync(path)
      ? parseReportText(readFileSync(path, 'utf8')).workloads.map((w) => w.verdict)
      : 'no report';
  return `exit ${r.code}\n${JSON.stringify(verdicts)}\n${r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::debug::'))
    .slice(-30)
    .join('\n')}\n${r.stderr}`;
};

let fake: FakeGitHub;
before(async () => {
  assert.ok(existsSync(ENTRY), `${ENTRY} is missing: run \`npm run build\` first (npm test does)`);
  fake = await FakeGitHub.start();
  fake.tokens.set('ghs_write', { kind: 'installation', login: 'github-actions[bot]' });
});
after(async () => {
  await fake?.close();
});

/** A push to `branch` at `at` measuring `ws`: the base later pull requests into `branch` compare against. */
async function push(runId: number, branch: string, at: string, ws: string): Promise<ActionResult> {
  return runAction({
    fake,
    workspace: ws,
    eventName: 'push',
    payload: pushPayload(REPO, at, branch),
    inputs: inputs(),
    run: run(runId, branch, at),
    sha: at,
    ref: `refs/heads/${branch}`,
  });
}

async function pullRequest(
  runId: number,
  number: number,
  base: { ref: string; sha: string },
  ws: string,
  extra: Record<string, string> = {},
) {
  const head = sha(String(runId % 10));
  return runAction({
    fake,
    workspace: ws,
    eventName: 'pull_request',
    payload: pullRequestPayload(REPO, {
      number,
      headSha: head,
      headRef: `feature-${number}`,
      headRepo: REPO,
      baseRef: base.ref,
      baseSha: base.sha,
    }),
    inputs: inputs(extra),
    run: run(runId, `feature-${number}`, head),
    sha: head,
    ref: `refs/pull/${number}/merge`,
  });
}

describe('gating a pull request on what it changed', () => {
  const main = { ref: 'main', sha: sha('a') };
  const release = { ref: 'release', sha: sha('b') };

  test('the leak already lives on main: the push fails there, where it lives', async () => {
    const r = await push(301, 'main', main.sha, workspace('main', 'leaky.mjs'));
    assert.equal(r.code, 1, why(r));
    assert.equal(r.outputs['verdict'], 'fail');
  });

  test('a pull request that leaves the leak as it was passes, warns, and the comment says it is already on main', async () => {
    const r = await pullRequest(302, 31, main, workspace('pr-same', 'leaky.mjs'));
    assert.equal(r.code, 0, why(r));
    assert.equal(r.outputs['verdict'], 'pass');
    assert.equal(r.outputs['regressed'], 'false');
    const body = fake.commentsOn(31)[0]?.body ?? '';
    assert.match(body, /already on main, not changed here/);
    assert.match(r.summary, /already on main, not changed here/);
    const report = parseReportText(readFileSync(r.outputs['report-path']!, 'utf8'));
    assert.equal(report.workloads[0]!.knownLeak?.base, 'main');
  });

  test('a pull request that makes the leak faster fails', async () => {
    const r = await pullRequest(303, 32, main, workspace('pr-faster', 'leakier.mjs'));
    assert.equal(r.code, 1, why(r));
    assert.equal(r.outputs['regressed'], 'true');
    assert.match(fake.commentsOn(32)[0]?.body ?? '', /faster leak/);
  });

  test('with leak-policy any, the leak already on main fails the pull request too', async () => {
    const r = await pullRequest(304, 33, main, workspace('pr-any', 'leaky.mjs'), { 'leak-policy': 'any' });
    assert.equal(r.code, 1, why(r));
    assert.equal(r.outputs['verdict'], 'fail');
  });

  test('a leak where the base was clean is new, and fails', async () => {
    assert.equal((await push(305, 'release', release.sha, workspace('release', 'clean.mjs'))).code, 0);
    const r = await pullRequest(306, 34, release, workspace('pr-new', 'leaky.mjs'));
    assert.equal(r.code, 1, why(r));
    assert.match(fake.commentsOn(34)[0]?.body ?? '', /new leak/);
  });
});
