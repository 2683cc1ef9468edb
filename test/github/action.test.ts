/**
 * End to end: the bundled Action (dist/index.js, built by `npm test`) run as the runner runs it, against
 * the fake GitHub REST API, artifact service and blob store, measuring real workloads. One fake serves
 * the whole file, so a push run's upload is the base a later pull request run downloads.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReport, parseReportText, type WorkloadReport } from '../../src/report/schema.ts';
import { formatBytes } from '../../src/report/format.ts';
import { commentMarker } from '../../src/github/comment.ts';
import { listZip, readZipEntry } from '../../src/github/zip.ts';
import {
  ENTRY,
  mergeGroupPayload,
  pullRequestPayload,
  pushPayload,
  runAction,
  workflowRunPayload,
  type ActionResult,
} from './fake/action.ts';
import { FakeGitHub, type FakeRun } from './fake/github.ts';
import { commitReport, retainedWorkload } from '../report/fixtures.ts';
import { makeZip } from './fake/zip.ts';
import { tempDir } from '../temp-dir.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/action/${name}`, import.meta.url));
const lineOf = (name: string, mark: string): number =>
  readFileSync(fixture(name), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(mark)) + 1;
const LEAK_LINE = lineOf('leaky.mjs', '// LEAK');
const PY_LEAK_LINE = lineOf('leaky_cache.py', '# LEAK');

const root = tempDir('memgate-action-');
/** A checkout whose app/perf/cache.mjs is the given fixture. */
function workspace(name: string, workload: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'app', 'perf'), { recursive: true });
  copyFileSync(fixture(workload), join(dir, 'app', 'perf', 'cache.mjs'));
  return dir;
}

const REPO = { id: 1001, full_name: 'acme/widgets' };
const FORK = { id: 666, full_name: 'mallory/widgets' };
const sha = (digit: string): string => digit.repeat(40);
const BASE_SHA = sha('1');
const MARKER = commentMarker('');
const NAME = 'memgate-report';

const run = (runId: number, headBranch: string, headSha: string, headRepositoryId = REPO.id): FakeRun => ({
  runId,
  backendId: `run-${runId}`,
  jobBackendId: `job-${runId}`,
  headBranch,
  headSha,
  headRepositoryId,
});

const inputs = (token: string, extra: Record<string, string> = {}): Record<string, string> => ({
  workloads: 'perf/*.mjs',
  'working-directory': 'app',
  iterations: '20',
  'github-token': token,
  ...extra,
});

/** For failure messages: the exit code, what the step printed and, when there is one, what it measured. */
function explain(r: ActionResult): string {
  const path = r.outputs['report-path'];
  const measured =
    path && existsSync(path)
      ? parseReportText(readFileSync(path, 'utf8')).workloads.map((w) => ({
          path: w.path,
          verdict: w.verdict,
          retained: w.retained,
          leakRate: w.leakRate,
          series: w.series,
        }))
      : 'no report';
  const stdout = r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::debug::'))
    .join('\n');
  return `exit ${r.code}\n--- measured\n${JSON.stringify(measured, null, 1)}\n--- stdout\n${stdout}\n--- stderr\n${r.stderr}`;
}

/** A checkout whose app/ holds the given fixtures, e.g. { 'perf/cache.py': 'leaky_cache.py' }. */
function checkout(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(join(dir, 'app', to, '..'), { recursive: true });
    copyFileSync(fixture(from), join(dir, 'app', to));
  }
  return dir;
}

let fake: FakeGitHub;
let cleanWs: string;
let leakyWs: string;

before(async () => {
  assert.ok(existsSync(ENTRY), `${ENTRY} is missing: run \`npm run build\` first (npm test does)`);
  fake = await FakeGitHub.start();
  fake.tokens.set('ghs_write', { kind: 'installation', login: 'github-actions[bot]' });
  fake.tokens.set('ghs_readonly', { kind: 'installation', login: 'github-actions[bot]', readOnly: true });
  cleanWs = workspace('clean', 'clean.mjs');
  leakyWs = workspace('leaky', 'leaky.mjs');
});

after(async () => {
  await fake?.close();
});

describe('the Action, end to end', () => {
  const prRun = run(102, 'feature', sha('3'));

  test('a push measures, uploads the report artifact and sets the outputs', async () => {
    const pushRun = run(101, 'main', BASE_SHA);
    const r = await runAction({
      fake,
      workspace: cleanWs,
      eventName: 'push',
      payload: pushPayload(REPO, BASE_SHA, 'main'),
      inputs: inputs('ghs_write'),
      run: pushRun,
      sha: BASE_SHA,
      ref: 'refs/heads/main',
    });
    assert.equal(r.code, 0, explain(r));
    assert.equal(r.outputs['verdict'], 'pass');
    assert.equal(r.outputs['regressed'], 'false');
    assert.match(r.outputs['retained-bytes'] ?? '', /^-?\d+$/);
    assert.equal(r.outputs['comment-url'], '');
    const local = parseReportText(readFileSync(r.outputs['report-path']!, 'utf8'));
    assert.deepEqual(local.git, { sha: BASE_SHA, ref: 'refs/heads/main' });
    assert.deepEqual(
      local.workloads.map((w) => w.path),
      ['perf/cache.mjs'],
    );

    const uploaded = fake.liveArtifacts(NAME);
    assert.equal(uploaded.length, 1);
    assert.equal(uploaded[0]!.run.runId, 101);
    const names = listZip(uploaded[0]!.zip!).map((e) => e.name);
    assert.ok(names.includes('report.json') && names.includes('comment.md'), names.join(', '));
    assert.ok(!names.includes('pr.json'), 'no pull request on a push');
    assert.ok(
      !names.some((n) => n.endsWith('.heapprofile')),
      'profiles travel apart: base lookups download only the report',
    );
    const profiles = fake.liveArtifacts(`${NAME}+profiles`);
    assert.equal(profiles.length, 1);
    assert.deepEqual(
      listZip(profiles[0]!.zip!).map((e) => e.name),
      ['profiles/perf_cache.mjs.heapprofile'],
    );
    const report = parseReport(JSON.parse(readZipEntry(uploaded[0]!.zip!, 'report.json', 1e7)!.toString()));
    assert.equal(report.verdict.status, 'pass');
    assert.equal(report.git?.sha, BASE_SHA);

    assert.match(r.summary, /memgate/);
    assert.match(r.summary, /\| Metric \| Measured \| Limit \|/);
    assert.equal(fake.requests('POST', /comments$/).length, 0);
    assert.deepEqual(
      r.warnings.filter((w) => w.includes('file=')),
      [],
      'nothing to annotate on clean code',
    );
  });

  test('a pull request with a planted leak fails, comments with the totals table and annotates the line', async () => {
    const r = await runAction({
      fake,
      workspace: leakyWs,
      eventName: 'pull_request',
      payload: pullRequestPayload(REPO, {
        number: 7,
        headSha: prRun.headSha,
        headRef: 'feature',
        headRepo: REPO,
        baseRef: 'main',
        baseSha: BASE_SHA,
      }),
      inputs: inputs('ghs_write'),
      run: prRun,
      sha: sha('4'),
      ref: 'refs/pull/7/merge',
    });
    assert.equal(r.code, 1, explain(r));
    assert.equal(r.outputs['verdict'], 'fail');
    assert.ok(
      r.errors.some((e) =>
        e.startsWith('::error::memgate: memory regression against the base, and retained memory keeps growing: '),
      ),
      r.errors.join('\n'),
    );

    const base = fake.liveArtifacts(NAME).find((a) => a.run.runId === 101)!;
    assert.equal(
      fake.requests('GET', new RegExp(`/actions/artifacts/${base.id}/zip$`)).length,
      1,
      'the push run’s report was downloaded',
    );

    const comments = fake.commentsOn(7);
    assert.equal(comments.length, 1);
    const body = comments[0]!.body;
    assert.ok(body.startsWith(MARKER), body.slice(0, 80));
    assert.equal(comments[0]!.user.login, 'github-actions[bot]');
    assert.match(body, /❌/);
    assert.match(body, /\| Metric \| Base \| Head \| Change \| Limit \|/);
    assert.match(body, /Retained growth/);
    assert.match(body, /perf\/cache\.mjs/);
    assert.equal(r.outputs['comment-url'], comments[0]!.html_url);
    assert.equal(
      r.summary.includes('| Metric | Base | Head | Change | Limit |'),
      true,
      'the summary has the same table',
    );

    const annotation = r.warnings.find((w) => w.includes('file=app/perf/cache.mjs'));
    assert.ok(annotation, `no annotation among:\n${r.warnings.join('\n')}`);
    assert.ok(r.warnings[0]?.includes('file='), `the findings come first:\n${r.warnings.join('\n')}`);
    assert.match(annotation, new RegExp(`line=${LEAK_LINE}\\b`));
    assert.ok(r.warnings.filter((w) => w.includes('file=')).length <= 10);

    const own = fake.liveArtifacts(NAME).filter((a) => a.run.runId === 102);
    assert.equal(own.length, 1, 'the pull request run uploads too (for the comment mode)');
    const handoff = JSON.parse(readZipEntry(own[0]!.zip!, 'pr.json', 1e5)!.toString()) as {
      number: number;
      headSha: string;
    };
    assert.equal(handoff.number, 7);
    assert.equal(handoff.headSha, prRun.headSha);
  });

  test("a re-run updates the same comment and keeps the unkeyed artifact (it may be another leg's)", async () => {
    const before = fake.commentsOn(7)[0]!;
    const firstBody = before.body;
    const r = await runAction({
      fake,
      workspace: leakyWs,
      eventName: 'pull_request',
      payload: pullRequestPayload(REPO, {
        number: 7,
        headSha: prRun.headSha,
        headRef: 'feature',
        headRepo: REPO,
        baseRef: 'main',
        baseSha: BASE_SHA,
      }),
      inputs: inputs('ghs_write'),
      run: prRun,
      runAttempt: 2,
      sha: sha('4'),
      ref: 'refs/pull/7/merge',
    });
    assert.equal(r.code, 1, explain(r));
    assert.equal(fake.commentsOn(7).length, 1, 'no second comment');
    const patched = fake.requests('PATCH', /\/issues\/comments\/\d+$/).length > 0;
    assert.ok(patched || fake.commentsOn(7)[0]!.body === firstBody, 'updated in place (or already identical)');
    assert.equal(fake.requests('POST', /\/issues\/7\/comments$/).length, 1, 'created once, in the first run');
    assert.equal(r.outputs['comment-url'], before.html_url);
    assert.equal(fake.liveArtifacts(NAME).filter((a) => a.run.runId === 102).length, 1);
    assert.equal(fake.log.filter((l) => l.status === 409).length, 0, 'no 409 Conflict on the re-run');
  });

  test('a pull request without a base artifact passes on ceilings and says so', async () => {
    const r = await runAction({
      fake,
      workspace: cleanWs,
      eventName: 'pull_request',
      payload: pullRequestPayload(REPO, {
        number: 8,
        headSha: sha('5'),
        headRef: 'topic',
        headRepo: REPO,
        baseRef: 'release',
        baseSha: sha('6'),
      }),
      inputs: inputs('ghs_write', { 'max-retained': '50MB' }),
      run: run(103, 'topic', sha('5')),
      sha: sha('7'),
      ref: 'refs/pull/8/merge',
    });
    assert.equal(r.code, 0, explain(r));
    assert.equal(r.outputs['verdict'], 'pass');
    assert.equal(r.outputs['regressed'], 'false');
    assert.match(
      r.summary,
      /No baseline yet: judged on this run alone, not against the base \(no report artifact from a push, schedule or workflow\\_dispatch run on branch release/,
    );
    assert.match(fake.commentsOn(8)[0]?.body ?? '', /No baseline yet/);
    assert.match(r.summary, /50 MiB \(ceiling\)/);
  });

  test("a fork pull request's 403 on commenting leaves the verdict, outputs and summary intact", async () => {
    const r = await runAction({
      fake,
      workspace: cleanWs,
      eventName: 'pull_request',
      payload: pullRequestPayload(REPO, {
        number: 9,
        headSha: sha('8'),
        headRef: 'main',
        headRepo: FORK,
        baseRef: 'main',
        baseSha: BASE_SHA,
      }),
      inputs: inputs('ghs_readonly'),
      run: run(104, 'main', sha('8'), FORK.id),
      sha: sha('9'),
      ref: 'refs/pull/9/merge',
    });
    assert.equal(r.code, 0, explain(r));
    assert.equal(r.outputs['verdict'], 'pass');
    assert.equal(r.outputs['comment-url'], '');
    assert.ok(
      r.warnings.some((w) => /pull-requests: write/.test(w) && /mode: comment/.test(w)),
      r.warnings.join('\n'),
    );
    assert.match(r.summary, /Compared with the base branch/);
    assert.equal(fake.commentsOn(9).length, 0);
    assert.equal(
      fake.liveArtifacts(NAME).filter((a) => a.run.runId === 104).length,
      1,
      'uploaded for the comment mode',
    );
  });

  test("an expired artifact and a fork run's artifact are never the base", async () => {
    // The fork run above (104, branch "main" of mallory/widgets) uploaded into this repository: newer
    // than the push's, same branch name. Plant an even newer expired one from this repository too.
    const expired = fake.plantArtifact(
      NAME,
      run(105, 'main', sha('a')),
      makeZip({ 'report.json': JSON.stringify(commitReport([retainedWorkload('perf/cache.mjs')])) }),
      { expired: true },
    );
    const forkArtifact = fake.liveArtifacts(NAME).find((a) => a.run.runId === 104)!;
    const pushArtifact = fake.liveArtifacts(NAME).find((a) => a.run.runId === 101)!;
    const r = await runAction({
      fake,
      workspace: cleanWs,
      eventName: 'pull_request',
      payload: pullRequestPayload(REPO, {
        number: 10,
        headSha: sha('b'),
        headRef: 'other',
        headRepo: REPO,
        baseRef: 'main',
        baseSha: sha('c'),
      }),
      inputs: inputs('ghs_write'),
      run: run(106, 'other', sha('b')),
      sha: sha('d'),
      ref: 'refs/pull/10/merge',
    });
    assert.equal(r.code, 0, explain(r));
    const downloads = (id: number): number => fake.requests('GET', new RegExp(`/actions/artifacts/${id}/zip$`)).length;
    assert.equal(downloads(expired.id), 0);
    assert.equal(downloads(forkArtifact.id), 0);
    assert.ok(downloads(pushArtifact.id) >= 2, 'the push artifact was the base again');
    assert.match(r.summary, /Compared with the base branch at `1111111`/);
  });

  test('a corrupted base report is rejected with a notice, not a crash', async () => {
    fake.plantArtifact(
      NAME,
      run(107, 'corrupt', sha('e')),
      makeZip({ 'report.json': '{"schema":"memgate.report/v1","workloads":[{"path":1}]}' }),
    );
    const r = await runAction({
      fake,
      workspace: cleanWs,
      eventName: 'pull_request',
      payload: pullRequestPayload(REPO, {
        number: 11,
        headSha: sha('f'),
        headRef: 'x',
        headRepo: REPO,
        baseRef: 'corrupt',
        baseSha: sha('e'),
      }),
      inputs: inputs('ghs_write'),
      run: run(108, 'x', sha('f')),
      sha: sha('0'),
      ref: 'refs/pull/11/merge',
    });
    assert.equal(r.code, 0, explain(r));
    assert.equal(r.outputs['verdict'], 'pass');
    assert.ok(
      r.notices.some((w) => /ignored the base report .*not a valid memgate\.report\/v1 report/.test(w)),
      r.notices.join('\n'),
    );
    assert.match(r.summary, /No baseline yet/);
  });

  test('a key separates artifacts and comments; fail-on-regression: false reports without failing', async () => {
    const r = await runAction({
      fake,
      workspace: leakyWs,
      eventName: 'pull_request',
      payload: pullRequestPayload(REPO, {
        number: 7,
        headSha: prRun.headSha,
        headRef: 'feature',
        headRepo: REPO,
        baseRef: 'main',
        baseSha: BASE_SHA,
      }),
      inputs: inputs('ghs_write', { key: 'node-20', 'fail-on-regression': 'false' }),
      run: run(113, 'feature', prRun.headSha),
      sha: sha('4'),
      ref: 'refs/pull/7/merge',
    });
    assert.equal(r.code, 0, explain(r));
    assert.equal(r.outputs['verdict'], 'fail');
    assert.ok(
      r.warnings.some((w) => /not failing: fail-on-regression is false/.test(w)),
      r.warnings.join('\n'),
    );
    const comments = fake.commentsOn(7);
    assert.equal(comments.length, 2, 'a second sticky comment, for this key');
    const keyed = comments.find((c) => c.body.startsWith(commentMarker('node-20')))!;
    assert.match(keyed.body, /^### ❌ memgate .*node-20.*: retained memory keeps growing$/m, 'no base: no regression');
    assert.match(keyed.body, /No baseline yet/, 'no memgate-report-node-20 artifact on main yet');
    assert.equal(fake.liveArtifacts(`${NAME}-node-20`).length, 1);
  });

  test('a workload that cannot be measured fails the step with verdict error', async () => {
    const r = await runAction({
      fake,
      workspace: cleanWs,
      eventName: 'push',
      payload: pushPayload(REPO, sha('2'), 'topic'),
      inputs: inputs('ghs_write', { workloads: 'perf/missing.mjs', 'artifact-name': 'other-report' }),
      run: run(114, 'topic', sha('2')),
      sha: sha('2'),
      ref: 'refs/heads/topic',
    });
    assert.equal(r.code, 1, explain(r));
    assert.equal(r.outputs['verdict'], 'error');
    assert.ok(
      r.errors.some((e) => e.startsWith('::error::memgate: a workload could not be measured')),
      r.errors.join('\n'),
    );
    assert.match(r.summary, /perf\/missing\.mjs/);
    assert.equal(fake.liveArtifacts('other-report').length, 1, 'the report is uploaded all the same');
  });

  test('a bad input fails naming the input, and nothing is measured or uploaded', async () => {
    const artifactsBefore = fake.artifacts.length;
    const r = await runAction({
      fake,
      workspace: cleanWs,
      eventName: 'push',
      payload: pushPayload(REPO, sha('2'), 'main'),
      inputs: inputs('ghs_write', { 'max-retained': '10XB' }),
      run: run(109, 'main', sha('2')),
      sha: sha('2'),
      ref: 'refs/heads/main',
    });
    assert.equal(r.code, 1, explain(r));
    assert.ok(
      r.errors.some((e) => e.startsWith('::error::Input "max-retained": ') && e.includes('10XB')),
      r.errors.join('\n'),
    );
    assert.equal(r.outputs['verdict'], 'error');
    assert.doesNotMatch(r.stdout, /measuring/);
    assert.equal(fake.artifacts.length, artifactsBefore);
  });

  test('mode: comment posts the fork pull request comment from the workflow_run, after checking the PR', async () => {
    fake.pulls.set(9, {
      number: 9,
      headSha: sha('8'),
      headRef: 'main',
      headRepo: FORK.full_name,
      baseRef: 'main',
      baseSha: BASE_SHA,
    });
    const commentRun = run(110, 'main', sha('1'));
    const payload = workflowRunPayload(REPO, {
      id: 104,
      event: 'pull_request',
      headSha: sha('8'),
      headBranch: 'main',
      headRepo: FORK.full_name,
    });
    // The comment workflow runs on the default branch with nothing checked out.
    const empty = mkdtempSync(join(root, 'no-checkout-'));
    const r = await runAction({
      fake,
      workspace: empty,
      eventName: 'workflow_run',
      payload,
      inputs: { mode: 'comment', 'github-token': 'ghs_write' },
      run: commentRun,
      sha: BASE_SHA,
      ref: 'refs/heads/main',
    });
    assert.equal(r.code, 0, explain(r));
    const comments = fake.commentsOn(9);
    assert.equal(comments.length, 1);
    assert.ok(comments[0]!.body.startsWith(MARKER));
    assert.match(comments[0]!.body, /Compared with the base branch/);
    assert.equal(r.outputs['comment-url'], comments[0]!.html_url);
    assert.equal(r.outputs['verdict'], 'pass');

    // A pull request's run can write any number into pr.json: one whose head is not the measured commit is refused.
    const forged = run(111, 'main', sha('9'), FORK.id);
    const report = commitReport([retainedWorkload('perf/cache.mjs')]);
    fake.plantArtifact(
      NAME,
      forged,
      makeZip({
        'report.json': JSON.stringify(report),
        'pr.json': JSON.stringify({
          schema: 'memgate.pr/v1',
          number: 7,
          headSha: sha('9'),
          baseRef: 'main',
          key: '',
          pathPrefix: '',
        }),
      }),
    );
    fake.pulls.set(7, {
      number: 7,
      headSha: prRun.headSha,
      headRef: 'feature',
      headRepo: REPO.full_name,
      baseRef: 'main',
      baseSha: BASE_SHA,
    });
    const commentsOn7 = fake.commentsOn(7).map((c) => c.body);
    const r2 = await runAction({
      fake,
      workspace: empty,
      eventName: 'workflow_run',
      payload: workflowRunPayload(REPO, {
        id: 111,
        event: 'pull_request',
        headSha: sha('9'),
        headBranch: 'main',
        headRepo: FORK.full_name,
      }),
      inputs: { mode: 'comment', 'github-token': 'ghs_write' },
      run: run(112, 'main', BASE_SHA),
      sha: BASE_SHA,
      ref: 'refs/heads/main',
    });
    assert.equal(r2.code, 0, explain(r2));
    assert.ok(
      r2.notices.some((w) => /did not comment: pull request #7/.test(w)),
      r2.notices.join('\n'),
    );
    assert.equal(r2.outputs['verdict'], 'skipped');
    assert.deepEqual(
      fake.commentsOn(7).map((c) => c.body),
      commentsOn7,
      'pull request #7 was not touched',
    );
  });
});

describe('the Action on real GitHub (issue 12)', () => {
  const NOTHING = { regressed: 'false', 'retained-bytes': '0', 'report-path': '', 'comment-url': '' };

  test('auto mode does not comment when the pull request has moved past the measured commit; at the head it does', async () => {
    fake.pulls.set(20, {
      number: 20,
      headSha: sha('c'),
      headRef: 'moving',
      headRepo: REPO.full_name,
      baseRef: 'main',
      baseSha: BASE_SHA,
    });
    const step = (runId: number) =>
      runAction({
        fake,
        workspace: cleanWs,
        eventName: 'pull_request',
        payload: pullRequestPayload(REPO, {
          number: 20,
          headSha: sha('b'),
          headRef: 'moving',
          headRepo: REPO,
          baseRef: 'main',
          baseSha: BASE_SHA,
        }),
        inputs: inputs('ghs_write'),
        run: run(runId, 'moving', sha('b')),
        sha: sha('d'),
        ref: 'refs/pull/20/merge',
      });
    const stale = await step(130);
    assert.equal(stale.code, 0, explain(stale));
    assert.equal(fake.commentsOn(20).length, 0, 'the newer run owns the comment');
    assert.equal(stale.outputs['comment-url'], '');
    assert.equal(stale.outputs['verdict'], 'pass', 'the verdict of what was measured stands');
    assert.ok(
      stale.notices.some((n) =>
        /did not comment: pull request #20 is now at cccccccccccc, this run measured bbbbbbbbbbbb/.test(n),
      ),
      stale.notices.join('\n'),
    );
    fake.pulls.get(20)!.headSha = sha('b');
    const current = await step(133);
    assert.equal(current.code, 0, explain(current));
    assert.equal(fake.commentsOn(20).length, 1);
  });

  test('a merge_group run compares with the queue base branch, so a required check judges regressions too', async () => {
    const r = await runAction({
      fake,
      workspace: leakyWs,
      eventName: 'merge_group',
      payload: mergeGroupPayload(REPO, { headSha: sha('e'), baseSha: BASE_SHA, baseRef: 'main', number: 7 }),
      inputs: inputs('ghs_write'),
      run: run(131, `gh-readonly-queue/main/pr-7-${BASE_SHA}`, sha('e')),
      sha: sha('e'),
      ref: `refs/heads/gh-readonly-queue/main/pr-7-${BASE_SHA}`,
    });
    assert.equal(r.code, 1, explain(r));
    assert.equal(r.outputs['verdict'], 'fail');
    assert.match(r.summary, /Compared with the base branch at `1111111`/);
    const base = fake.liveArtifacts(NAME).find((a) => a.run.runId === 101)!;
    assert.ok(
      fake.requests('GET', new RegExp(`/actions/artifacts/${base.id}/zip$`)).length >= 1,
      "main's push run was the base",
    );
    assert.equal(fake.requests('GET', /\/actions\/runs$/).at(-1)?.query['branch'], 'main', 'refs/heads/ stripped');
  });

  test('with actions/checkout path: sub, annotations and links are relative to the repository, not the workspace', async () => {
    const ws = join(root, 'checkout-path');
    const repoDir = join(ws, 'sub');
    mkdirSync(join(repoDir, 'app', 'perf'), { recursive: true });
    copyFileSync(fixture('leaky.mjs'), join(repoDir, 'app', 'perf', 'cache.mjs'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repoDir })
        .toString()
        .trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'leak');
    const head = git('rev-parse', 'HEAD');
    const r = await runAction({
      fake,
      workspace: ws,
      eventName: 'pull_request',
      payload: pullRequestPayload(REPO, {
        number: 21,
        headSha: head,
        headRef: 'sub-leak',
        headRepo: REPO,
        baseRef: 'main',
        baseSha: BASE_SHA,
      }),
      inputs: inputs('ghs_write', { 'working-directory': 'sub/app' }),
      run: run(134, 'sub-leak', head),
      sha: head,
      ref: 'refs/pull/21/merge',
    });
    assert.equal(r.code, 1, explain(r));
    assert.ok(
      r.warnings.some((w) => w.includes(`file=app/perf/cache.mjs,line=${LEAK_LINE}`)),
      r.warnings.join('\n'),
    );
    assert.ok(!r.warnings.some((w) => w.includes('file=sub/')), 'not workspace-relative');
    const body = fake.commentsOn(21)[0]?.body ?? '';
    assert.ok(
      body.includes(`https://github.com/${REPO.full_name}/blob/${head}/app/perf/cache.mjs`),
      body.slice(0, 600),
    );
  });

  test('two matrix legs without a key racing to upload: one artifact, the other leg says to use key; a re-run deletes neither', async () => {
    const leg = (job: string): FakeRun => ({
      runId: 140,
      backendId: 'run-140',
      jobBackendId: `job-140-${job}`,
      headBranch: 'race',
      headSha: sha('5'),
      headRepositoryId: REPO.id,
    });
    const step = (job: string, runAttempt = 1) =>
      runAction({
        fake,
        workspace: cleanWs,
        eventName: 'push',
        payload: pushPayload(REPO, sha('5'), 'race'),
        inputs: inputs('ghs_write', { 'artifact-name': 'race-report' }),
        run: leg(job),
        runAttempt,
        sha: sha('5'),
        ref: 'refs/heads/race',
      });
    // Both legs list the run's artifacts (finding none) before either creates one.
    fake.hold('POST', /ListArtifacts$/, 2);
    const [a, b] = await Promise.all([step('a'), step('b')]);
    assert.equal(a.code, 0, explain(a));
    assert.equal(b.code, 0, explain(b));
    const live = fake.liveArtifacts('race-report');
    assert.equal(live.length, 1, 'one report artifact, from whichever leg created it first');
    const loser = live[0]!.run.jobBackendId === 'job-140-a' ? b : a;
    assert.ok(
      loser.warnings.some((w) =>
        /did not upload the report artifact: another job of this run uploaded an artifact named race-report at the same time: give each matrix leg or memgate step its own "key" input/.test(
          w,
        ),
      ),
      loser.warnings.join('\n'),
    );
    assert.equal(
      fake.requests('POST', /CreateArtifact$/).filter((r) => r.status === 409).length >= 1,
      true,
      'the race really happened',
    );

    // The losing leg is re-run: the artifact may be another leg's, so it stays.
    const winnerId = live[0]!.id;
    const deletesBefore = fake.requests('POST', /DeleteArtifact$/).length;
    const rerun = await step(loser === a ? 'a' : 'b', 2);
    assert.equal(rerun.code, 0, explain(rerun));
    assert.deepEqual(
      fake.liveArtifacts('race-report').map((x) => x.id),
      [winnerId],
    );
    assert.equal(fake.requests('POST', /DeleteArtifact$/).length, deletesBefore);
    assert.ok(
      rerun.stdout.includes('Did not upload the report artifact: kept the artifact race-report'),
      explain(rerun),
    );
  });

  test('retention-days reaches both artifacts as their expiry', async () => {
    const before = Date.now();
    const r = await runAction({
      fake,
      workspace: cleanWs,
      eventName: 'push',
      payload: pushPayload(REPO, sha('6'), 'kept'),
      inputs: inputs('ghs_write', { 'artifact-name': 'kept-report', 'retention-days': '3' }),
      run: run(141, 'kept', sha('6')),
      sha: sha('6'),
      ref: 'refs/heads/kept',
    });
    assert.equal(r.code, 0, explain(r));
    const stored = [...fake.liveArtifacts('kept-report'), ...fake.liveArtifacts('kept-report+profiles')];
    assert.equal(stored.length, 2);
    for (const a of stored) {
      const days = (Date.parse(a.requestedExpiresAt ?? '') - before) / 86_400_000;
      assert.ok(days > 2.99 && days < 3.01, `${a.name} expires in ${days} days`);
    }
  });

  test('on GitHub Enterprise Server memgate says there is no artifact service, and still gates', async () => {
    const before = fake.artifacts.length;
    const r = await runAction({
      fake,
      workspace: cleanWs,
      eventName: 'pull_request',
      payload: pullRequestPayload(REPO, {
        number: 22,
        headSha: sha('7'),
        headRef: 'ghes',
        headRepo: REPO,
        baseRef: 'main',
        baseSha: BASE_SHA,
      }),
      inputs: inputs('ghs_write', { comment: 'never' }),
      run: run(142, 'ghes', sha('7')),
      sha: sha('8'),
      ref: 'refs/pull/22/merge',
      env: { GITHUB_SERVER_URL: 'https://git.corp.example' },
    });
    assert.equal(r.code, 0, explain(r));
    assert.equal(r.outputs['verdict'], 'pass');
    assert.match(
      r.summary,
      /No baseline yet: judged on this run alone, not against the base \(GitHub Enterprise Server \\?\(git\.corp\.example\\?\) has no artifact service/,
    );
    assert.ok(
      r.notices.some((n) => /did not upload the report artifact: GitHub Enterprise Server/.test(n)),
      r.notices.join('\n'),
    );
    assert.equal(fake.artifacts.length, before, 'nothing uploaded');
    assert.ok(!r.stdout.includes('ACTIONS_RUNTIME_TOKEN'), 'not the confusing "no ACTIONS_RUNTIME_TOKEN"');
  });

  test('every output is set on every path: verdict skipped when there is nothing to do, error on a bad input', async () => {
    const empty = mkdtempSync(join(root, 'no-checkout-'));
    const comment = (payload: Record<string, unknown>, runId: number) =>
      runAction({
        fake,
        workspace: empty,
        eventName: 'workflow_run',
        payload,
        inputs: { mode: 'comment', 'github-token': 'ghs_write' },
        run: run(runId, 'main', BASE_SHA),
        sha: BASE_SHA,
        ref: 'refs/heads/main',
      });
    const afterPush = await comment(
      workflowRunPayload(REPO, {
        id: 101,
        event: 'push',
        headSha: BASE_SHA,
        headBranch: 'main',
        headRepo: REPO.full_name,
      }),
      135,
    );
    assert.equal(afterPush.code, 0, explain(afterPush));
    assert.deepEqual(afterPush.outputs, { verdict: 'skipped', ...NOTHING });
    const noArtifact = await comment(
      workflowRunPayload(REPO, {
        id: 4242,
        event: 'pull_request',
        headSha: sha('a'),
        headBranch: 'x',
        headRepo: REPO.full_name,
      }),
      136,
    );
    assert.equal(noArtifact.code, 0, explain(noArtifact));
    assert.deepEqual(noArtifact.outputs, { verdict: 'skipped', ...NOTHING });
    assert.ok(
      noArtifact.notices.some((n) => /found no artifact memgate-report in run 4242/.test(n)),
      noArtifact.notices.join('\n'),
    );
    assert.deepEqual(noArtifact.warnings, []);
    const bad = await runAction({
      fake,
      workspace: cleanWs,
      eventName: 'push',
      payload: pushPayload(REPO, sha('2'), 'main'),
      inputs: inputs('ghs_write', { top: 'lots' }),
      run: run(137, 'main', sha('2')),
      sha: sha('2'),
      ref: 'refs/heads/main',
    });
    assert.equal(bad.code, 1);
    assert.deepEqual(bad.outputs, { verdict: 'error', ...NOTHING });
  });
});

describe('the Action, end to end, with a Python workload beside a Node one', () => {
  // Its own key, so its artifacts and comment stay apart from the Node-only runs above.
  const KEY = 'py';
  const PY_NAME = `${NAME}-${KEY}`;
  const PY_BASE_SHA = 'ab'.repeat(20);
  const PY_HEAD_SHA = 'cd'.repeat(20);
  const pyInputs = (token: string): Record<string, string> =>
    inputs(token, { workloads: 'perf/*.mjs\nperf/*.py', key: KEY });
  const headUrl = (file: string): string => `https://github.com/${REPO.full_name}/blob/${PY_HEAD_SHA}/app/${file}`;
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  /** The workload's `#### …` section of a comment body (up to the next one). */
  const section = (body: string, path: string): string => {
    const found = body.split(/^(?=#### )/m).find((s) => s.startsWith('#### ') && s.includes(`[${path}](`));
    assert.ok(found, `no section for ${path} in:\n${body}`);
    return found;
  };
  const byPath = (workloads: WorkloadReport[], path: string): WorkloadReport => {
    const w = workloads.find((x) => x.path === path);
    assert.ok(w, `${path} not measured: ${workloads.map((x) => x.path).join(', ')}`);
    return w;
  };

  test('a push on main measures the .mjs and .py workloads, all passing, and uploads the base report', async () => {
    const ws = checkout('py-base', {
      'perf/cache.mjs': 'clean.mjs',
      'perf/cache.py': 'clean_cache.py',
      'perf/window.py': 'window.py',
    });
    const r = await runAction({
      fake,
      workspace: ws,
      eventName: 'push',
      payload: pushPayload(REPO, PY_BASE_SHA, 'main'),
      inputs: pyInputs('ghs_write'),
      run: run(120, 'main', PY_BASE_SHA),
      sha: PY_BASE_SHA,
      ref: 'refs/heads/main',
    });
    assert.equal(r.code, 0, explain(r));
    assert.equal(r.outputs['verdict'], 'pass');
    const local = parseReportText(readFileSync(r.outputs['report-path']!, 'utf8'));
    assert.deepEqual(local.workloads.map((w) => [w.path, w.runtime.name, w.verdict.status]).sort(), [
      ['perf/cache.mjs', 'node', 'pass'],
      ['perf/cache.py', 'python', 'pass'],
      ['perf/window.py', 'python', 'pass'],
    ]);
    const uploaded = fake.liveArtifacts(PY_NAME);
    assert.equal(uploaded.length, 1);
    assert.equal(uploaded[0]!.run.runId, 120);
  });

  test('a pull request that plants a dict-cache leak in a .py workload fails, names the line and annotates it', async () => {
    const ws = checkout('py-head', {
      'perf/cache.mjs': 'clean.mjs',
      'perf/cache.py': 'leaky_cache.py',
      'perf/window.py': 'window.py',
    });
    const r = await runAction({
      fake,
      workspace: ws,
      eventName: 'pull_request',
      payload: pullRequestPayload(REPO, {
        number: 12,
        headSha: PY_HEAD_SHA,
        headRef: 'py-feature',
        headRepo: REPO,
        baseRef: 'main',
        baseSha: PY_BASE_SHA,
      }),
      inputs: pyInputs('ghs_write'),
      run: run(121, 'py-feature', PY_HEAD_SHA),
      sha: 'ef'.repeat(20),
      ref: 'refs/pull/12/merge',
    });
    assert.equal(r.code, 1, explain(r));
    assert.equal(r.outputs['verdict'], 'fail');
    assert.ok(
      r.errors.some((e) =>
        e.startsWith('::error::memgate: memory regression against the base, and retained memory keeps growing: '),
      ),
      r.errors.join('\n'),
    );
    const base = fake.liveArtifacts(PY_NAME).find((a) => a.run.runId === 120)!;
    assert.equal(
      fake.requests('GET', new RegExp(`/actions/artifacts/${base.id}/zip$`)).length,
      1,
      'the push run’s report was the base',
    );

    // What was measured: tracemalloc for the .py files, the leak's own line on top.
    const local = parseReportText(readFileSync(r.outputs['report-path']!, 'utf8'));
    const leaky = byPath(local.workloads, 'perf/cache.py');
    const window = byPath(local.workloads, 'perf/window.py');
    const node = byPath(local.workloads, 'perf/cache.mjs');
    assert.equal(leaky.runtime.name, 'python');
    assert.equal(leaky.profiler.backend, 'tracemalloc');
    assert.equal(leaky.verdict.status, 'fail', explain(r));
    assert.deepEqual(
      [leaky.top[0]?.file, leaky.top[0]?.line, leaky.top[0]?.function],
      ['perf/cache.py', PY_LEAK_LINE, 'run'],
    );
    // 20 measured iterations x 1,000 bytes(64) values (97 bytes each) stay live.
    assert.ok(leaky.top[0]!.sizeDiff > 20 * 1000 * 97, `top growth ${leaky.top[0]!.sizeDiff}`);
    assert.ok(leaky.memory.traced, 'traced current/peak are in the report');
    assert.equal(window.runtime.name, 'python');
    assert.equal(window.verdict.status, 'pass', `a bounded deque passes: ${window.verdict.reasons.join('; ')}`);
    assert.equal(node.runtime.name, 'node');
    assert.equal(node.verdict.status, 'pass', node.verdict.reasons.join('; '));

    const comments = fake.commentsOn(12);
    assert.equal(comments.length, 1);
    const body = comments[0]!.body;
    assert.ok(body.startsWith(commentMarker(KEY)), body.slice(0, 80));
    assert.match(
      body,
      /^### ❌ memgate \\\(py\\\): memory regression against the base, and retained memory keeps growing$/m,
    );
    assert.match(body, /^3 workloads: 1 regressed, 2 passed\.$/m);
    assert.equal(r.outputs['comment-url'], comments[0]!.html_url);

    const py = section(body, 'perf/cache.py');
    assert.ok(py.startsWith(`#### ❌ [perf/cache.py](${headUrl('perf/cache.py')})`), py.split('\n')[0]);
    // The top row: the exact allocating line, linked to the head commit.
    const site = `\\[perf/cache\\.py:${PY_LEAK_LINE}\\]\\(${escape(headUrl('perf/cache.py'))}#L${PY_LEAK_LINE}\\)`;
    assert.match(py, new RegExp(`^\\| 1(?: 🆕 new)? \\| \\+[^|]+ \\| \\+[\\d,]+ \\| run \\| ${site} \\|$`, 'm'));
    // Traced current (after) and traced peak beside peak RSS, as measured, compared with base.
    const { after, peakRss, traced } = leaky.memory;
    assert.match(py, /^\| Metric \| Base \| Head \| Change \| Limit \|$/m);
    assert.match(
      py,
      new RegExp(`^\\| Traced memory after \\| [^|]+ \\| ${escape(formatBytes(after.heapUsed))} \\| `, 'm'),
    );
    assert.match(py, new RegExp(`^\\| Peak RSS \\| [^|]+ \\| ${escape(formatBytes(peakRss))} \\| `, 'm'));
    assert.match(
      py,
      new RegExp(`^\\| Traced peak \\(tracemalloc\\) \\| — \\| ${escape(formatBytes(traced!.peak))} \\| `, 'm'),
    );
    assert.match(py, /Profiler: tracemalloc/);
    assert.match(py, /Runtime: python 3\.\d+\.\d+/);

    assert.ok(section(body, 'perf/window.py').startsWith(`#### ✅ [perf/window.py](${headUrl('perf/window.py')})`));
    assert.ok(section(body, 'perf/cache.mjs').startsWith(`#### ✅ [perf/cache.mjs](${headUrl('perf/cache.mjs')})`));
    assert.doesNotMatch(section(body, 'perf/cache.mjs'), /Traced/, 'no tracemalloc rows for the Node workload');

    // The job summary carries the same sections.
    assert.ok(r.summary.includes(py.trimEnd()), `the summary lacks the .py section:\n${r.summary}`);
    assert.ok(r.summary.includes(section(body, 'perf/window.py').trimEnd()));

    // The top Python line is the first annotation; the clean workloads get none.
    const annotations = r.warnings.filter((w) => w.includes('file='));
    assert.match(
      annotations[0] ?? '',
      new RegExp(`file=app/perf/cache\\.py,line=${PY_LEAK_LINE}\\b`),
      annotations.join('\n'),
    );
    assert.match(annotations[0]!, /title=memgate%3A memory retained by perf\/cache\.py,/);
    assert.match(
      annotations[0]!,
      // The holder, when the retainer capture finished in time (it runs after the verdict, under a time limit).
      /::\+[\d.]+ MiB still live after 20 iterations \(\+[\d,]+ objects\), allocated by run(, held by cache \(module scope, perf\/cache\.py:2\)[^.]*)?\.$/,
    );
    assert.deepEqual(
      annotations.filter((a) => /file=app\/perf\/(window\.py|cache\.mjs)/.test(a)),
      [],
    );
  });
});
