/**
 * The GitHub glue in-process against the fake services: the real @actions/artifact and Octokit clients
 * upload, list, download and comment over HTTP; nothing is mocked inside the process.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGitHub, type FakeRun } from './fake/github.ts';
import { commitReport, retainedWorkload } from '../report/fixtures.ts';
import { makeZip } from './fake/zip.ts';
import { tempDir } from '../temp-dir.ts';

const root = tempDir('memgate-services-');
const runnerTemp = join(root, 'runner-temp');
mkdirSync(runnerTemp);

let fake: FakeGitHub;
const pushRun: FakeRun = {
  runId: 11,
  backendId: 'run-push',
  jobBackendId: 'job-push',
  headBranch: 'main',
  headSha: 'b'.repeat(40),
  headRepositoryId: 1001,
};

// Modules that read the environment when loaded (@actions/github's baseUrl) are imported after it is set.
let artifacts: typeof import('../../src/github/artifacts.ts');
let baseReport: typeof import('../../src/github/base-report.ts');
let comment: typeof import('../../src/github/comment.ts');
let octokitModule: typeof import('../../src/github/octokit.ts');
let zip: typeof import('../../src/github/zip.ts');
let contextModule: typeof import('../../src/github/context.ts');
let pulls: typeof import('../../src/github/pulls.ts');

/**
 * Workflow commands (`::warning::…`) that the code under test prints are kept here instead of going to
 * stdout, where the test runner reports; everything else passes through.
 */
const commands: string[] = [];
const originalWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  if (text.startsWith('::')) {
    commands.push(text);
    return true;
  }
  return (originalWrite as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

/** Runs fn and returns the workflow commands it printed. */
async function captureStdout<T>(fn: () => Promise<T>): Promise<{ value: T; out: string }> {
  const start = commands.length;
  const value = await fn();
  return { value, out: commands.slice(start).join('') };
}

before(async () => {
  fake = await FakeGitHub.start();
  fake.tokens.set('ghs_actions', { kind: 'installation', login: 'github-actions[bot]' });
  fake.tokens.set('ghs_fork', { kind: 'installation', login: 'github-actions[bot]', readOnly: true });
  fake.tokens.set('ghp_user', { kind: 'user', login: 'octo-maintainer' });
  Object.assign(process.env, {
    GITHUB_API_URL: fake.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: fake.fullName,
    GITHUB_WORKSPACE: root,
    RUNNER_TEMP: runnerTemp,
    ACTIONS_RESULTS_URL: `${fake.url}/`,
    ACTIONS_RUNTIME_TOKEN: fake.registerRun(pushRun),
    MEMGATE_RETRY_BASE_MS: '1',
  });
  artifacts = await import('../../src/github/artifacts.ts');
  baseReport = await import('../../src/github/base-report.ts');
  comment = await import('../../src/github/comment.ts');
  octokitModule = await import('../../src/github/octokit.ts');
  zip = await import('../../src/github/zip.ts');
  contextModule = await import('../../src/github/context.ts');
  pulls = await import('../../src/github/pulls.ts');
});

after(async () => {
  await fake.close();
});

const ctx = () => ({
  ...contextModule.readContext({ ...process.env, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '' }),
  repositoryId: fake.repositoryId,
});

describe('zip reader', () => {
  test('reads an entry and refuses unsafe names, oversize entries and corrupt data', () => {
    const ok = makeZip({ 'report.json': '{"a":1}', 'profiles/x.heapprofile': 'p' });
    assert.equal(zip.readZipEntry(ok, 'report.json', 1024)?.toString(), '{"a":1}');
    assert.equal(zip.readZipEntry(ok, 'missing.json', 1024), null);
    for (const bad of ['../evil.json', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\..\\b']) {
      assert.throws(
        () => zip.readZipEntry(makeZip({ [bad]: 'x', 'report.json': '{}' }), 'report.json', 1024),
        /unsafe entry name/,
        bad,
      );
    }
    assert.throws(
      () => zip.readZipEntry(makeZip({ 'report.json': 'x'.repeat(2000) }), 'report.json', 1000),
      /more than the 1000 allowed/,
    );
    const corrupt = Buffer.from(ok);
    const at = corrupt.indexOf('report.json') + 'report.json'.length; // first byte of deflated data
    corrupt[at] = corrupt[at]! ^ 0xff;
    assert.throws(() => zip.readZipEntry(corrupt, 'report.json', 1024), /cannot be inflated|CRC/);
    assert.throws(() => zip.listZip(Buffer.from('not a zip at all, no')), /not a ZIP archive/);
  });
});

describe('choosing the base artifact', () => {
  const art = (
    id: number,
    o: { branch?: string; sha?: string; headRepo?: number; expired?: boolean; created?: string } = {},
  ) => ({
    id,
    name: 'memgate-report',
    size_in_bytes: 100,
    expired: o.expired ?? false,
    created_at: o.created ?? `2026-01-0${id % 10}T00:00:00Z`,
    workflow_run: {
      id: id * 10,
      repository_id: 1001,
      head_repository_id: o.headRepo ?? 1001,
      head_branch: o.branch ?? 'main',
      head_sha: o.sha ?? 'f'.repeat(40),
    },
  });
  const criteria = { baseRef: 'main', baseSha: 'c'.repeat(40), repositoryId: 1001 };

  test('skips expired artifacts, forks and other branches; prefers the base commit, else the newest', () => {
    const list = [
      art(9, { headRepo: 666 }),
      art(8, { expired: true }),
      art(7, { branch: 'feature' }),
      art(5),
      art(3, { sha: 'c'.repeat(40) }),
    ];
    const chosen = baseReport.chooseBaseArtifact(list, criteria);
    assert.ok('artifact' in chosen);
    assert.equal(chosen.artifact.id, 3, 'the run at the base commit wins over newer ones');
    const newest = baseReport.chooseBaseArtifact(
      list.filter((a) => a.id !== 3),
      criteria,
    );
    assert.ok('artifact' in newest);
    assert.equal(newest.artifact.id, 5, 'the fork (9), the expired (8) and the other branch (7) are skipped');
  });

  test('a run whose head repository is null (deleted fork) or missing is a fork, even on main at the base commit', () => {
    const deletedFork = {
      ...art(9, { sha: 'c'.repeat(40) }),
      workflow_run: { ...art(9).workflow_run, head_repository_id: null, head_sha: 'c'.repeat(40) },
    };
    const { head_repository_id: _omitted, ...noField } = art(8, { sha: 'c'.repeat(40) }).workflow_run;
    const missing = { ...art(8), workflow_run: noField };
    const own = art(2);
    const chosen = baseReport.chooseBaseArtifact([deletedFork, missing, own], criteria);
    assert.ok('artifact' in chosen);
    assert.equal(chosen.artifact.id, 2, 'only the run proven to be from this repository');
    const none = baseReport.chooseBaseArtifact([deletedFork, missing], criteria);
    assert.ok('missing' in none && /2 from other branches or forks/.test(none.missing));
    // Without this repository's id nothing can be proven to be ours.
    assert.ok('missing' in baseReport.chooseBaseArtifact([own], { ...criteria, repositoryId: null }));
  });

  test('only push, schedule and workflow_dispatch runs of this repository are baselines for their branch', () => {
    const run = (event: string, headRepo: { id?: number } | null = { id: 1001 }, branch = 'main') => ({
      id: 1,
      event,
      head_branch: branch,
      head_repository: headRepo,
    });
    const yes = ['push', 'schedule', 'workflow_dispatch'].filter((e) => baseReport.isBaselineRun(run(e), criteria));
    assert.deepEqual(yes, ['push', 'schedule', 'workflow_dispatch']);
    for (const e of ['pull_request', 'pull_request_target', 'workflow_run', 'merge_group'])
      assert.equal(baseReport.isBaselineRun(run(e), criteria), false, e);
    assert.equal(baseReport.isBaselineRun(run('push', null), criteria), false, 'head_repository: null');
    assert.equal(baseReport.isBaselineRun(run('push', {}), criteria), false, 'head_repository without id');
    assert.equal(baseReport.isBaselineRun(run('push', { id: 666 }), criteria), false);
    assert.equal(baseReport.isBaselineRun(run('push', { id: 1001 }, 'develop'), criteria), false);
  });

  test('says why there is none', () => {
    const none = baseReport.chooseBaseArtifact([art(9, { headRepo: 666 }), art(8, { expired: true })], criteria);
    assert.ok('missing' in none);
    assert.match(none.missing, /branch main/);
    assert.match(none.missing, /1 expired/);
    assert.match(none.missing, /1 from other branches or forks/);
  });
});

describe('artifacts against the fake services', () => {
  test('upload; a same-named upload is skipped in attempt 1; a re-run keeps an unkeyed artifact and replaces a keyed one; the base lookup downloads it', async () => {
    const dir = join(root, 'out-upload');
    mkdirSync(join(dir, 'profiles'), { recursive: true });
    const report = commitReport([retainedWorkload('perf/cache.mjs', { retained: 1234 })], pushRun.headSha);
    writeFileSync(join(dir, 'report.json'), JSON.stringify(report));
    writeFileSync(join(dir, 'profiles', 'perf_cache.mjs.heapprofile'), '{"head":{}}');
    const files = [join(dir, 'report.json'), join(dir, 'profiles', 'perf_cache.mjs.heapprofile')];
    const first = await artifacts.uploadReportArtifact('memgate-report', files, dir, 1);
    assert.ok('id' in first);
    // Attempt 1 again = another matrix leg with the same name: it must not clobber the first upload.
    const clash = await artifacts.uploadReportArtifact('memgate-report', files, dir, 1);
    assert.ok('skipped' in clash && /own "key"/.test(clash.skipped) && clash.severity === 'warning');
    assert.equal(fake.liveArtifacts('memgate-report')[0]!.id, first.id);
    // Attempt 2 without a key: the artifact may be another leg's, so it is kept, and said so (not a warning).
    const rerun = await artifacts.uploadReportArtifact('memgate-report', files, dir, 2);
    assert.ok(
      'skipped' in rerun && rerun.severity === 'info' && /another matrix leg's/.test(rerun.skipped),
      JSON.stringify(rerun),
    );
    assert.deepEqual(
      fake.liveArtifacts('memgate-report').map((a) => a.id),
      [first.id],
      'nothing deleted',
    );
    assert.equal(fake.requests('POST', /DeleteArtifact$/).length, 0);
    // A keyed name is one leg's own: its re-run replaces its earlier upload, with no 409.
    const keyed = await artifacts.uploadReportArtifact('memgate-report-node-20', files, dir, 1, { key: 'node-20' });
    const keyedAgain = await artifacts.uploadReportArtifact('memgate-report-node-20', files, dir, 2, {
      key: 'node-20',
    });
    assert.ok('id' in keyed && 'id' in keyedAgain);
    assert.notEqual(keyed.id, keyedAgain.id);
    assert.deepEqual(
      fake.liveArtifacts('memgate-report-node-20').map((a) => a.id),
      [keyedAgain.id],
    );
    assert.deepEqual(
      fake.liveArtifacts('memgate-report').map((a) => a.id),
      [first.id],
      "the unkeyed leg's artifact is untouched",
    );
    assert.equal(fake.requests('POST', /CreateArtifact$/).filter((r) => r.status === 409).length, 0);
    const stored = fake.liveArtifacts('memgate-report')[0]!;
    assert.deepEqual(
      zip
        .listZip(stored.zip!)
        .map((e) => e.name)
        .sort(),
      ['profiles/perf_cache.mjs.heapprofile', 'report.json'],
    );

    const octokit = octokitModule.createOctokit('ghs_actions');
    const base = await baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', {
      baseRef: 'main',
      baseSha: pushRun.headSha,
      repositoryId: 1001,
    });
    assert.ok('report' in base, JSON.stringify(base));
    assert.equal(base.report.workloads[0]?.retained.total, 1234);
    assert.equal(base.sha, pushRun.headSha);
    assert.equal(base.runUrl, `https://github.com/${fake.fullName}/actions/runs/11`);
    const runsQuery = fake.requests('GET', /\/actions\/runs$/)[0]?.query;
    assert.deepEqual(runsQuery && { branch: runsQuery['branch'], status: runsQuery['status'] }, {
      branch: 'main',
      status: 'completed',
    });
    assert.equal(fake.requests('GET', /\/actions\/artifacts$/).length, 1, 'one listing call');
    assert.deepEqual(readdirSync(runnerTemp), [], 'the download dir is removed');
  });

  test('retention-days sets the expiry the artifact service records', async () => {
    const dir = join(root, 'out-retention');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.json'), '{}');
    const before = Date.now();
    const result = await artifacts.uploadReportArtifact('memgate-retained', [join(dir, 'report.json')], dir, 1, {
      retentionDays: 5,
    });
    assert.ok('id' in result);
    const stored = fake.liveArtifacts('memgate-retained')[0]!;
    const days = (Date.parse(stored.requestedExpiresAt ?? '') - before) / 86_400_000;
    assert.ok(days > 4.99 && days < 5.01, `expires in ${days} days`);
    const { data } = await octokitModule
      .createOctokit('ghs_actions')
      .rest.actions.listArtifactsForRepo({ owner: fake.owner, repo: fake.repo, name: 'memgate-retained' });
    assert.equal(data.artifacts[0]?.expires_at, stored.requestedExpiresAt);
    // Without it the repository's default applies: no expiry is sent.
    await artifacts.uploadReportArtifact('memgate-default-retention', [join(dir, 'report.json')], dir, 1);
    assert.equal(fake.liveArtifacts('memgate-default-retention')[0]!.requestedExpiresAt, null);
    // The input (settings table): empty = the repository's default; else 1 to 90 days.
    const { SETTINGS } = await import('../../src/settings.ts');
    assert.equal(SETTINGS.retentionDays.default, undefined);
    assert.equal(SETTINGS.retentionDays.parse('14', 'Input "retention-days"'), 14);
    for (const bad of ['0', '91', '1.5', 'week', '-3']) {
      assert.throws(
        () => SETTINGS.retentionDays.parse(bad, 'Input "retention-days"'),
        /Input "retention-days": .*e\.g\. 14/,
        bad,
      );
    }
  });

  test('a 409 from a matrix leg racing without a key is skipped with a message naming key', async () => {
    const dir = join(root, 'out-race');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.json'), '{}');
    // What the artifact service answers when another job created the name between our listing and our create.
    fake.fail('POST', /CreateArtifact$/, 409, {
      code: 'already_exists',
      msg: 'an artifact with this name already exists on the workflow run',
    });
    const { value } = await captureStdout(() =>
      artifacts.uploadReportArtifact('memgate-race', [join(dir, 'report.json')], dir, 1),
    );
    assert.ok('skipped' in value, JSON.stringify(value));
    assert.match(
      value.skipped,
      /another job of this run uploaded an artifact named memgate-race at the same time: give each matrix leg or memgate step its own "key" input/,
    );
    assert.equal(value.severity, 'warning');
  });

  test("no key's report artifact can be named like another step's profiles artifact", () => {
    const name = 'memgate-report';
    const keys = ['', 'profiles', 'x-profiles', 'node-20', 'a.b_c', 'profiles-profiles'];
    const reports = new Set(keys.map((k) => artifacts.artifactNameFor(name, k)));
    for (const k of keys)
      assert.equal(reports.has(artifacts.profilesArtifactName(artifacts.artifactNameFor(name, k))), false, k);
    assert.equal(artifacts.profilesArtifactName(name), 'memgate-report+profiles');
  });

  test('GitHub Enterprise Server is named as having no artifact service; outside Actions there is no runtime token', () => {
    const env = { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://results/' };
    assert.equal(artifacts.artifactServiceUnavailable({ ...env, GITHUB_SERVER_URL: 'https://github.com' }), null);
    assert.equal(artifacts.artifactServiceUnavailable({ ...env, GITHUB_SERVER_URL: 'https://acme.ghe.com' }), null);
    assert.match(
      artifacts.artifactServiceUnavailable({ ...env, GITHUB_SERVER_URL: 'https://github.acme.internal' }) ?? '',
      /GitHub Enterprise Server \(github\.acme\.internal\) has no artifact service/,
    );
    assert.match(
      artifacts.artifactServiceUnavailable({ GITHUB_SERVER_URL: 'https://github.com' }) ?? '',
      /no ACTIONS_RUNTIME_TOKEN/,
    );
    assert.equal(artifacts.enterpriseServerLimit({ GITHUB_SERVER_URL: 'https://github.com' }), null);
    assert.match(
      artifacts.enterpriseServerLimit({ GITHUB_SERVER_URL: 'https://git.corp.example' }) ?? '',
      /mode: comment cannot work there/,
    );
  });

  test('a corrupt base report and a zip-slip archive become "no baseline" with a notice, writing nothing outside', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const run: FakeRun = {
      ...pushRun,
      runId: 12,
      backendId: 'run-release',
      jobBackendId: 'job-release',
      headBranch: 'release',
    };
    fake.plantArtifact(
      'memgate-report',
      run,
      makeZip({ 'report.json': '{"schema":"memgate.report/v1","workloads":"nope"}' }),
    );
    const corrupt = await captureStdout(() =>
      baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', {
        baseRef: 'release',
        baseSha: '',
        repositoryId: 1001,
      }),
    );
    assert.ok('missing' in corrupt.value);
    assert.match(corrupt.out, /::notice::memgate ignored the base report .*not a valid memgate\.report\/v1 report/);
    assert.doesNotMatch(corrupt.out, /::warning::/, 'not a finding: no warning slot spent');

    const run2: FakeRun = { ...run, runId: 13, backendId: 'run-slip', jobBackendId: 'job-slip', headBranch: 'slip' };
    fake.plantArtifact('memgate-report', run2, makeZip({ '../../escaped.json': 'x', 'report.json': '{}' }));
    const slip = await captureStdout(() =>
      baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', {
        baseRef: 'slip',
        baseSha: '',
        repositoryId: 1001,
      }),
    );
    assert.ok('missing' in slip.value);
    assert.match(slip.out, /unsafe entry name/);
    assert.equal(existsSync(join(root, 'escaped.json')), false);
    assert.equal(existsSync(join(runnerTemp, '..', 'escaped.json')), false);
  });

  test("a base behind 150 newer pull request uploads is found through the branch's runs", async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const baseRun: FakeRun = {
      ...pushRun,
      runId: 21,
      backendId: 'run-busy-base',
      jobBackendId: 'job-busy-base',
      headSha: 'c'.repeat(40),
    };
    fake.plantArtifact(
      'memgate-busy',
      baseRun,
      makeZip({
        'report.json': JSON.stringify(
          commitReport([retainedWorkload('perf/cache.mjs', { retained: 777 })], baseRun.headSha),
        ),
      }),
    );
    for (let i = 0; i < 150; i++) {
      const prRun: FakeRun = {
        ...pushRun,
        runId: 1000 + i,
        backendId: `run-pr-${i}`,
        jobBackendId: `job-pr-${i}`,
        headBranch: `feature-${i}`,
        headSha: 'd'.repeat(40),
        event: 'pull_request',
      };
      fake.plantArtifact('memgate-busy', prRun, makeZip({ 'report.json': '{}' }));
    }
    const listings = () =>
      fake.requests('GET', /\/actions\/artifacts$/).filter((r) => r.query['name'] === 'memgate-busy').length;
    const perRun = () => fake.requests('GET', /\/actions\/runs\/21\/artifacts$/).length;
    const base = await baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-busy', {
      baseRef: 'main',
      baseSha: baseRun.headSha,
      repositoryId: 1001,
    });
    assert.ok('report' in base, JSON.stringify(base));
    assert.equal(base.report.workloads[0]?.retained.total, 777);
    assert.equal(listings(), 1, 'one page of the newest uploads, which does not reach the base run');
    assert.equal(perRun(), 1, "then the base run's own artifacts");
  });

  test('a pull request run from develop is no baseline for develop; a base measured differently is passed over for the next', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const name = 'memgate-develop';
    const reportOf = (sha: string, iterations: number) => {
      const r = commitReport([retainedWorkload('perf/cache.mjs', { retained: iterations, iterations })], sha);
      return makeZip({ 'report.json': JSON.stringify(r) });
    };
    const push = (runId: number, sha: string): FakeRun => ({
      ...pushRun,
      runId,
      backendId: `run-${runId}`,
      jobBackendId: `job-${runId}`,
      headBranch: 'develop',
      headSha: sha,
      event: 'push',
    });
    const older = fake.plantArtifact(name, push(31, 'e'.repeat(40)), reportOf('e'.repeat(40), 20));
    const newerOtherSettings = fake.plantArtifact(name, push(32, 'f'.repeat(40)), reportOf('f'.repeat(40), 50));
    // develop → main, re-run on each push to develop: its runs are on branch develop too, and newest.
    const prRun: FakeRun = { ...push(33, '9'.repeat(40)), event: 'pull_request' };
    const merge = fake.plantArtifact(name, prRun, reportOf('9'.repeat(40), 20));
    const head = commitReport([retainedWorkload('perf/cache.mjs', { iterations: 20 })]);
    const base = await baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', name, {
      baseRef: 'develop',
      baseSha: '',
      repositoryId: 1001,
      head,
    });
    assert.ok('report' in base, JSON.stringify(base));
    assert.equal(base.sha, 'e'.repeat(40), 'the older push run measured like the head');
    const downloaded = (a: { id: number }) =>
      fake.requests('GET', new RegExp(`/actions/artifacts/${a.id}/zip$`)).length;
    assert.equal(downloaded(merge), 0, "the pull request run's merge measurement is never a candidate");
    assert.equal(downloaded(newerOtherSettings), 1, 'the newer push run was tried, then passed over');
    assert.equal(downloaded(older), 1);

    // Every candidate measured differently: no base, and the reason says so.
    const none = await baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', name, {
      baseRef: 'develop',
      baseSha: '',
      repositoryId: 1001,
      head: commitReport([retainedWorkload('perf/cache.mjs', { iterations: 7 })]),
    });
    assert.ok('missing' in none);
    assert.match(none.missing, /used other settings \(perf\/cache\.mjs ran 50 iterations on the base, 7 here\)/);
  });

  test("runs whose head repository is null (a deleted fork's) or whose artifact lacks head_repository_id are never the base", async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const name = 'memgate-forks';
    const sha = 'a1'.repeat(20);
    const zipAt = makeZip({
      'report.json': JSON.stringify(commitReport([retainedWorkload('perf/cache.mjs', { retained: 5 })], sha)),
    });
    const mk = (runId: number, headRepositoryId: number | null | undefined): FakeRun => ({
      ...pushRun,
      runId,
      backendId: `run-${runId}`,
      jobBackendId: `job-${runId}`,
      headSha: sha,
      headRepositoryId,
    });
    const own = fake.plantArtifact(name, mk(41, 1001), zipAt);
    const deleted = fake.plantArtifact(name, mk(42, null), zipAt);
    const missing = fake.plantArtifact(name, mk(43, undefined), zipAt);
    const listed = await octokitModule
      .createOctokit('ghs_actions')
      .rest.actions.listArtifactsForRepo({ owner: fake.owner, repo: fake.repo, name });
    const wr = (id: number) => listed.data.artifacts.find((a) => a.id === id)?.workflow_run as Record<string, unknown>;
    assert.equal(wr(deleted.id)['head_repository_id'], null, 'the fake serves null');
    assert.equal('head_repository_id' in wr(missing.id), false, 'and a missing field');
    const base = await baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', name, {
      baseRef: 'main',
      baseSha: sha,
      repositoryId: 1001,
    });
    assert.ok('report' in base, JSON.stringify(base));
    assert.equal(base.runUrl.endsWith('/runs/41'), true, base.runUrl);
    for (const a of [deleted, missing])
      assert.equal(fake.requests('GET', new RegExp(`/actions/artifacts/${a.id}/zip$`)).length, 0);
    assert.equal(fake.requests('GET', new RegExp(`/actions/artifacts/${own.id}/zip$`)).length, 1);
  });

  test('a 5xx on the listing is retried', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    fake.fail('GET', /\/actions\/artifacts$/, 502, { message: 'Bad Gateway' }, 2);
    const before = fake.requests('GET', /\/actions\/artifacts$/).length;
    const base = await baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', {
      baseRef: 'main',
      baseSha: pushRun.headSha,
      repositoryId: 1001,
    });
    assert.ok('report' in base);
    assert.equal(fake.requests('GET', /\/actions\/artifacts$/).length - before, 3);
  });

  test('secondary rate limits and 429s are waited out and retried (plugin-throttling), as GitHub asks', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const criteria = { baseRef: 'main', baseSha: pushRun.headSha, repositoryId: 1001 };
    const listings = () => fake.requests('GET', /\/actions\/artifacts$/).length;
    let before = listings();
    fake.fail(
      'GET',
      /\/actions\/artifacts$/,
      403,
      { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      1,
      { 'retry-after': '2' },
    );
    assert.ok('report' in (await baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', criteria)));
    assert.equal(listings() - before, 2, 'the rate-limited request, then its retry');
    before = listings();
    fake.fail('GET', /\/actions\/artifacts$/, 429, { message: 'Too Many Requests' }, 1, {
      'retry-after': '1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
    });
    assert.ok('report' in (await baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', criteria)));
    assert.equal(listings() - before, 2);
  });

  test('when retries run out, the lookup says so in a notice and the run goes on without a base', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    fake.fail('GET', /\/actions\/runs$/, 502, { message: 'Bad Gateway' }, 10);
    const before = fake.requests('GET', /\/actions\/runs$/).length;
    const { value, out } = await captureStdout(() =>
      baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', {
        baseRef: 'main',
        baseSha: pushRun.headSha,
        repositoryId: 1001,
      }),
    );
    fake.clearFailures();
    assert.ok('missing' in value);
    assert.equal(fake.requests('GET', /\/actions\/runs$/).length - before, 4, 'the request and 3 retries');
    assert.match(
      out,
      /::notice::memgate could not list the runs of branch main to find the base report: Bad Gateway\. Comparing without a base\./,
    );
  });

  test('when the repository-wide artifact listing fails, the runs are asked one by one', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    fake.fail('GET', /\/actions\/artifacts$/, 500, { message: 'Server Error' }, 4);
    const base = await baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', {
      baseRef: 'main',
      baseSha: pushRun.headSha,
      repositoryId: 1001,
    });
    fake.clearFailures();
    assert.ok('report' in base, JSON.stringify(base));
    assert.ok(fake.requests('GET', /\/actions\/runs\/11\/artifacts$/).length >= 1);
  });

  test('a request that hangs is aborted at the timeout and retried', async () => {
    process.env['MEMGATE_HTTP_TIMEOUT_MS'] = '300';
    try {
      const octokit = octokitModule.createOctokit('ghs_actions');
      fake.stall('GET', /\/actions\/artifacts$/, 2000);
      const listings = () =>
        fake.received.filter((r) => r.method === 'GET' && r.path.endsWith('/actions/artifacts')).length;
      const before = listings();
      const base = await baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', {
        baseRef: 'main',
        baseSha: pushRun.headSha,
        repositoryId: 1001,
      });
      assert.ok('report' in base, JSON.stringify(base));
      assert.equal(listings() - before, 2, 'the hung request was given up on and sent again');
    } finally {
      delete process.env['MEMGATE_HTTP_TIMEOUT_MS'];
    }
  });

  test('a 403 on the listing names the actions: read permission', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    fake.fail('GET', /\/actions\/runs$/, 403, { message: 'Resource not accessible by integration' });
    const { value, out } = await captureStdout(() =>
      baseReport.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', {
        baseRef: 'main',
        baseSha: '',
        repositoryId: 1001,
      }),
    );
    assert.ok('missing' in value);
    assert.match(out, /::notice::.*"actions: read"/);
  });
});

describe('sticky comment', () => {
  const target = () => ({ owner: fake.owner, repo: fake.repo, number: 42 });
  const marker = () => comment.commentMarker('');

  test('pages through comments, ignores an impostor, then creates once and updates in place', async () => {
    for (let i = 0; i < 130; i++)
      fake.addComment(42, `comment ${i}`, { login: `user${i % 3}`, id: 100 + i, type: 'User' });
    // Someone pastes our marker: their comment must never be taken for ours.
    const impostor = fake.addComment(42, `${marker()}\nfake pass`, { login: 'mallory', id: 666, type: 'User' });
    const other = fake.addComment(42, `${comment.commentMarker('node-22')}\nother leg`, {
      login: 'github-actions[bot]',
      id: 41898282,
      type: 'Bot',
    });
    const octokit = octokitModule.createOctokit('ghs_actions');

    const created = await comment.upsertComment(octokit, target(), `${marker()}\nfirst`, marker(), 'always', true);
    assert.equal(created.action, 'created');
    // Every page is read before creating (then once more, to catch a comment another job created meanwhile).
    const firstPost = fake.log.findIndex((r) => r.method === 'POST' && /\/issues\/42\/comments$/.test(r.path));
    const pages = fake.log
      .slice(0, firstPost)
      .filter((r) => r.method === 'GET' && /\/issues\/42\/comments$/.test(r.path))
      .map((r) => r.query['page'] ?? '1');
    assert.deepEqual(pages, ['1', '2'], 'both pages were read before creating');

    const updated = await comment.upsertComment(octokit, target(), `${marker()}\nsecond`, marker(), 'always', true);
    assert.equal(updated.action, 'updated');
    assert.equal(updated.url, created.url);
    const ours = fake.commentsOn(42).filter((c) => c.body.startsWith(marker()) && c.user.type === 'Bot');
    assert.equal(ours.length, 1);
    assert.equal(ours[0]!.body, `${marker()}\nsecond`);
    assert.equal(impostor.body, `${marker()}\nfake pass`, "the impostor's comment is untouched");
    assert.equal(other.body.endsWith('other leg'), true, "another key's comment is untouched");

    const unchanged = await comment.upsertComment(octokit, target(), `${marker()}\nsecond`, marker(), 'always', true);
    assert.equal(unchanged.action, 'unchanged');
  });

  test("the token's own login comes from GraphQL viewer: another app's bot comment with our marker is not ours", async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const t = { ...target(), number: 46 };
    const otherApp = fake.addComment(46, `${marker()}\nanother app's`, {
      login: 'other-app[bot]',
      id: 999,
      type: 'Bot',
    });
    const userRequests = fake.requests('GET', /^\/user$/).length;
    assert.equal((await comment.upsertComment(octokit, t, 'ours', marker(), 'always', true)).action, 'created');
    assert.equal((await comment.upsertComment(octokit, t, 'ours again', marker(), 'always', true)).action, 'updated');
    assert.equal(otherApp.body, `${marker()}\nanother app's`, "the other app's comment is neither edited nor deleted");
    assert.deepEqual(
      fake.commentsOn(46).map((c) => c.user.login),
      ['other-app[bot]', 'github-actions[bot]'],
    );
    assert.equal(fake.requests('GET', /^\/user$/).length, userRequests, 'GET /user (403 for this token) is not asked');
    assert.ok(fake.requests('POST', /^\/graphql$/).length > 0);
  });

  test('when GraphQL cannot say who the token is, nothing is posted (no duplicate), with a warning', async () => {
    const octokit = octokitModule.createOctokit('ghp_user');
    const t = { ...target(), number: 47 };
    assert.equal((await comment.upsertComment(octokit, t, 'first', marker(), 'always', true)).action, 'created');
    fake.fail('POST', /^\/graphql$/, 502, { message: 'Bad Gateway' }, 10);
    const again = comment.upsertComment(octokitModule.createOctokit('ghp_user'), t, 'second', marker(), 'always', true);
    const { value, out } = await captureStdout(() => again);
    fake.clearFailures();
    assert.equal(value.action, 'failed');
    assert.match(
      out,
      /::warning::memgate could not find out which account its token acts as, to find its comment on pull request #47/,
    );
    assert.deepEqual(
      fake.commentsOn(47).map((c) => c.body.split('\n')[1]),
      ['first'],
      'one comment, unchanged',
    );
  });

  test('two jobs with the same key commenting at once leave one comment', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const t = { ...target(), number: 48 };
    // Both creations are held until both have arrived: each job listed the comments and found none.
    fake.hold('POST', /\/issues\/48\/comments$/, 2);
    const results = await Promise.all([
      comment.upsertComment(octokit, t, 'leg one', marker(), 'always', true),
      comment.upsertComment(octokit, t, 'leg two', marker(), 'always', true),
    ]);
    assert.equal(fake.requests('POST', /\/issues\/48\/comments$/).length, 2, 'the race happened: both created');
    const left = fake.commentsOn(48);
    assert.equal(left.length, 1, left.map((c) => c.body).join(' | '));
    assert.match(left[0]!.body, /^<!-- memgate:comment key=default -->\nleg (one|two)$/);
    assert.ok(
      results.every((r) => r.url === left[0]!.html_url),
      JSON.stringify(results),
    );
  });

  test('on-regression creates only when regressed but always updates an existing comment', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const t = { ...target(), number: 43 };
    assert.equal(
      (await comment.upsertComment(octokit, t, 'clean', marker(), 'on-regression', false)).action,
      'skipped',
    );
    assert.equal(fake.commentsOn(43).length, 0);
    assert.equal((await comment.upsertComment(octokit, t, 'leak', marker(), 'on-regression', true)).action, 'created');
    assert.equal(
      (await comment.upsertComment(octokit, t, 'fixed', marker(), 'on-regression', false)).action,
      'updated',
    );
    assert.equal(fake.commentsOn(43)[0]!.body, `${marker()}\nfixed`);
    assert.equal((await comment.upsertComment(octokit, t, 'x', marker(), 'never', true)).action, 'skipped');
  });

  test("a user token's comments are matched by its login", async () => {
    const octokit = octokitModule.createOctokit('ghp_user');
    const t = { ...target(), number: 44 };
    fake.addComment(44, `${marker()}\nby the bot`, { login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    assert.equal((await comment.upsertComment(octokit, t, 'one', marker(), 'always', true)).action, 'created');
    assert.equal((await comment.upsertComment(octokit, t, 'two', marker(), 'always', true)).action, 'updated');
    assert.deepEqual(
      fake.commentsOn(44).map((c) => `${c.user.login}:${c.body.split('\n')[1]}`),
      ['github-actions[bot]:by the bot', 'octo-maintainer:two'],
    );
  });

  test('a read-only token (fork pull request) gets a warning naming pull-requests: write and the comment mode', async () => {
    const octokit = octokitModule.createOctokit('ghs_fork');
    const { value, out } = await captureStdout(() =>
      comment.upsertComment(octokit, { ...target(), number: 45 }, 'x', marker(), 'always', true),
    );
    assert.equal(value.action, 'failed');
    assert.match(
      out,
      /::warning::memgate could not comment on pull request #45: .*"pull-requests: write".*mode: comment/,
    );
  });
});

describe('stale results', () => {
  test("a run whose pull request has moved on is stale; one at the pull request's head is not; an unreadable PR counts as current", async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const t = { owner: fake.owner, repo: fake.repo, number: 60 };
    fake.pulls.set(60, {
      number: 60,
      headSha: '2'.repeat(40),
      headRef: 'feature',
      headRepo: fake.fullName,
      baseRef: 'main',
      baseSha: '0'.repeat(40),
    });
    assert.equal(await pulls.staleResults(octokit, t, '2'.repeat(40)), null);
    assert.match(
      (await pulls.staleResults(octokit, t, '1'.repeat(40))) ?? '',
      /pull request #60 is now at 222222222222, this run measured 111111111111/,
    );
    assert.equal(
      await pulls.staleResults(octokit, { ...t, number: 61 }, '1'.repeat(40)),
      null,
      '404: commented anyway',
    );
  });
});
