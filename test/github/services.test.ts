/**
 * The GitHub glue in-process against the fake services: the real @actions/artifact and Octokit clients
 * upload, list, download and comment over HTTP; nothing is mocked inside the process.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGitHub, type FakeRun } from './fake/github.ts';
import { makeReport, makeSite, makeWorkload } from './fake/report.ts';
import { makeZip } from './fake/zip.ts';
import { tempDir } from '../temp-dir.ts';

const root = tempDir('memgate-services-');
const runnerTemp = join(root, 'runner-temp');
mkdirSync(runnerTemp);

let fake: FakeGitHub;
const pushRun: FakeRun = { runId: 11, backendId: 'run-push', jobBackendId: 'job-push', headBranch: 'main', headSha: 'b'.repeat(40), headRepositoryId: 1001 };

// Modules that read the environment when loaded (@actions/github's baseUrl) are imported after it is set.
let artifacts: typeof import('../../src/github/artifacts.ts');
let comment: typeof import('../../src/github/comment.ts');
let octokitModule: typeof import('../../src/github/octokit.ts');
let zip: typeof import('../../src/github/zip.ts');
let contextModule: typeof import('../../src/github/context.ts');

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
  comment = await import('../../src/github/comment.ts');
  octokitModule = await import('../../src/github/octokit.ts');
  zip = await import('../../src/github/zip.ts');
  contextModule = await import('../../src/github/context.ts');
});

after(async () => {
  await fake.close();
});

const ctx = () => ({ ...contextModule.readContext({ ...process.env, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '' }), repositoryId: fake.repositoryId });

describe('zip reader', () => {
  test('reads an entry and refuses unsafe names, oversize entries and corrupt data', () => {
    const ok = makeZip({ 'report.json': '{"a":1}', 'profiles/x.heapprofile': 'p' });
    assert.equal(zip.readZipEntry(ok, 'report.json', 1024)?.toString(), '{"a":1}');
    assert.equal(zip.readZipEntry(ok, 'missing.json', 1024), null);
    for (const bad of ['../evil.json', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\..\\b']) {
      assert.throws(() => zip.readZipEntry(makeZip({ [bad]: 'x', 'report.json': '{}' }), 'report.json', 1024), /unsafe entry name/, bad);
    }
    assert.throws(() => zip.readZipEntry(makeZip({ 'report.json': 'x'.repeat(2000) }), 'report.json', 1000), /more than the 1000 allowed/);
    const corrupt = Buffer.from(ok);
    const at = corrupt.indexOf('report.json') + 'report.json'.length; // first byte of deflated data
    corrupt[at] = corrupt[at]! ^ 0xff;
    assert.throws(() => zip.readZipEntry(corrupt, 'report.json', 1024), /cannot be inflated|CRC/);
    assert.throws(() => zip.listZip(Buffer.from('not a zip at all, no')), /not a ZIP archive/);
  });
});

describe('choosing the base artifact', () => {
  const art = (id: number, o: { branch?: string; sha?: string; headRepo?: number; expired?: boolean; created?: string } = {}) => ({
    id,
    name: 'memgate-report',
    size_in_bytes: 100,
    expired: o.expired ?? false,
    created_at: o.created ?? `2026-01-0${id % 10}T00:00:00Z`,
    workflow_run: { id: id * 10, repository_id: 1001, head_repository_id: o.headRepo ?? 1001, head_branch: o.branch ?? 'main', head_sha: o.sha ?? 'f'.repeat(40) },
  });
  const criteria = { baseRef: 'main', baseSha: 'c'.repeat(40), repositoryId: 1001 };

  test('skips expired artifacts, forks and other branches; prefers the base commit, else the newest', () => {
    const list = [art(9, { headRepo: 666 }), art(8, { expired: true }), art(7, { branch: 'feature' }), art(5), art(3, { sha: 'c'.repeat(40) })];
    const chosen = artifacts.chooseBaseArtifact(list, criteria);
    assert.ok('artifact' in chosen);
    assert.equal(chosen.artifact.id, 3, 'the run at the base commit wins over newer ones');
    const newest = artifacts.chooseBaseArtifact(list.filter((a) => a.id !== 3), criteria);
    assert.ok('artifact' in newest);
    assert.equal(newest.artifact.id, 5, 'the fork (9), the expired (8) and the other branch (7) are skipped');
  });

  test('says why there is none', () => {
    const none = artifacts.chooseBaseArtifact([art(9, { headRepo: 666 }), art(8, { expired: true })], criteria);
    assert.ok('missing' in none);
    assert.match(none.missing, /branch main/);
    assert.match(none.missing, /1 expired/);
    assert.match(none.missing, /1 from other branches or forks/);
  });
});

describe('artifacts against the fake services', () => {
  test('upload; a same-named upload is skipped in attempt 1 and replaces in a re-run (no 409); the base lookup downloads it', async () => {
    const dir = join(root, 'out-upload');
    mkdirSync(join(dir, 'profiles'), { recursive: true });
    const report = makeReport([makeWorkload('perf/cache.mjs', { retained: 1234 })], pushRun.headSha);
    writeFileSync(join(dir, 'report.json'), JSON.stringify(report));
    writeFileSync(join(dir, 'profiles', 'perf_cache.mjs.heapprofile'), '{"head":{}}');
    const files = [join(dir, 'report.json'), join(dir, 'profiles', 'perf_cache.mjs.heapprofile')];
    const first = await artifacts.uploadReportArtifact('memgate-report', files, dir, 1);
    assert.ok('id' in first);
    // Attempt 1 again = another matrix leg with the same name: it must not clobber the first upload.
    const clash = await artifacts.uploadReportArtifact('memgate-report', files, dir, 1);
    assert.ok('skipped' in clash && /own "key"/.test(clash.skipped));
    assert.equal(fake.liveArtifacts('memgate-report')[0]!.id, first.id);
    // Attempt 2 = a re-run of the job: its earlier upload is replaced.
    const second = await artifacts.uploadReportArtifact('memgate-report', files, dir, 2);
    assert.ok('id' in second);
    assert.notEqual(first.id, second.id);
    assert.equal(fake.liveArtifacts('memgate-report').length, 1, 'the first upload was replaced');
    assert.equal(fake.requests('POST', /CreateArtifact$/).filter((r) => r.status === 409).length, 0);
    const stored = fake.liveArtifacts('memgate-report')[0]!;
    assert.deepEqual(zip.listZip(stored.zip!).map((e) => e.name).sort(), ['profiles/perf_cache.mjs.heapprofile', 'report.json']);

    const octokit = octokitModule.createOctokit('ghs_actions');
    const base = await artifacts.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', { baseRef: 'main', baseSha: pushRun.headSha, repositoryId: 1001 });
    assert.ok('report' in base, JSON.stringify(base));
    assert.equal(base.report.workloads[0]?.retained.total, 1234);
    assert.equal(base.sha, pushRun.headSha);
    assert.equal(base.runUrl, `https://github.com/${fake.fullName}/actions/runs/11`);
    assert.equal(fake.requests('GET', /\/actions\/artifacts$/).length, 1, 'one listing call');
    assert.deepEqual(readdirSync(runnerTemp), [], 'the download dir is removed');
  });

  test('a corrupt base report and a zip-slip archive become "no baseline" with a warning, writing nothing outside', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const run: FakeRun = { ...pushRun, runId: 12, backendId: 'run-release', jobBackendId: 'job-release', headBranch: 'release' };
    fake.plantArtifact('memgate-report', run, makeZip({ 'report.json': '{"schema":"memgate.report/v1","workloads":"nope"}' }));
    const corrupt = await captureStdout(() =>
      artifacts.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', { baseRef: 'release', baseSha: '', repositoryId: 1001 }),
    );
    assert.ok('missing' in corrupt.value);
    assert.match(corrupt.out, /::warning::memgate ignored the base report .*not a valid memgate\.report\/v1 report/);

    const run2: FakeRun = { ...run, runId: 13, backendId: 'run-slip', jobBackendId: 'job-slip', headBranch: 'slip' };
    fake.plantArtifact('memgate-report', run2, makeZip({ '../../escaped.json': 'x', 'report.json': '{}' }));
    const slip = await captureStdout(() =>
      artifacts.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', { baseRef: 'slip', baseSha: '', repositoryId: 1001 }),
    );
    assert.ok('missing' in slip.value);
    assert.match(slip.out, /unsafe entry name/);
    assert.equal(existsSync(join(root, 'escaped.json')), false);
    assert.equal(existsSync(join(runnerTemp, '..', 'escaped.json')), false);
  });

  test('a base behind 150 newer pull request uploads is still found, on the second page', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const baseRun: FakeRun = { ...pushRun, runId: 21, backendId: 'run-busy-base', jobBackendId: 'job-busy-base', headSha: 'c'.repeat(40) };
    fake.plantArtifact('memgate-busy', baseRun, makeZip({ 'report.json': JSON.stringify(makeReport([makeWorkload('perf/cache.mjs', { retained: 777 })], baseRun.headSha)) }));
    for (let i = 0; i < 150; i++) {
      const prRun: FakeRun = { ...pushRun, runId: 1000 + i, backendId: `run-pr-${i}`, jobBackendId: `job-pr-${i}`, headBranch: `feature-${i}`, headSha: 'd'.repeat(40) };
      fake.plantArtifact('memgate-busy', prRun, makeZip({ 'report.json': '{}' }));
    }
    const listings = () => fake.requests('GET', /\/actions\/artifacts$/).filter((r) => r.query['name'] === 'memgate-busy').length;
    const base = await artifacts.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-busy', { baseRef: 'main', baseSha: baseRun.headSha, repositoryId: 1001 });
    assert.ok('report' in base, JSON.stringify(base));
    assert.equal(base.report.workloads[0]?.retained.total, 777);
    assert.equal(listings(), 2, 'two pages of 100, then it stopped at the base commit');
  });

  test('a 5xx on the listing is retried', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    fake.fail('GET', /\/actions\/artifacts$/, 502, { message: 'Bad Gateway' }, 2);
    const before = fake.requests('GET', /\/actions\/artifacts$/).length;
    const base = await artifacts.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', { baseRef: 'main', baseSha: pushRun.headSha, repositoryId: 1001 });
    assert.ok('report' in base);
    assert.equal(fake.requests('GET', /\/actions\/artifacts$/).length - before, 3);
  });

  test('secondary rate limits and 429s are waited out and retried (plugin-throttling), as GitHub asks', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const criteria = { baseRef: 'main', baseSha: pushRun.headSha, repositoryId: 1001 };
    const listings = () => fake.requests('GET', /\/actions\/artifacts$/).length;
    let before = listings();
    fake.fail('GET', /\/actions\/artifacts$/, 403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, 1, { 'retry-after': '2' });
    assert.ok('report' in (await artifacts.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', criteria)));
    assert.equal(listings() - before, 2, 'the rate-limited request, then its retry');
    before = listings();
    fake.fail('GET', /\/actions\/artifacts$/, 429, { message: 'Too Many Requests' }, 1, { 'retry-after': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) });
    assert.ok('report' in (await artifacts.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', criteria)));
    assert.equal(listings() - before, 2);
  });

  test('when retries run out, the lookup warns and the run goes on without a base', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    fake.fail('GET', /\/actions\/artifacts$/, 502, { message: 'Bad Gateway' }, 10);
    const before = fake.requests('GET', /\/actions\/artifacts$/).length;
    const { value, out } = await captureStdout(() =>
      artifacts.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', { baseRef: 'main', baseSha: pushRun.headSha, repositoryId: 1001 }),
    );
    fake.clearFailures();
    assert.ok('missing' in value);
    assert.equal(fake.requests('GET', /\/actions\/artifacts$/).length - before, 4, 'the request and 3 retries');
    assert.match(out, /::warning::memgate could not list artifacts named memgate-report to find the base report: Bad Gateway\. Comparing without a base\./);
  });

  test('a request that hangs is aborted at the timeout and retried', async () => {
    process.env['MEMGATE_HTTP_TIMEOUT_MS'] = '300';
    try {
      const octokit = octokitModule.createOctokit('ghs_actions');
      fake.stall('GET', /\/actions\/artifacts$/, 2000);
      const listings = () => fake.received.filter((r) => r.method === 'GET' && r.path.endsWith('/actions/artifacts')).length;
      const before = listings();
      const base = await artifacts.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', { baseRef: 'main', baseSha: pushRun.headSha, repositoryId: 1001 });
      assert.ok('report' in base, JSON.stringify(base));
      assert.equal(listings() - before, 2, 'the hung request was given up on and sent again');
    } finally {
      delete process.env['MEMGATE_HTTP_TIMEOUT_MS'];
    }
  });

  test('a 403 on the listing names the actions: read permission', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    fake.fail('GET', /\/actions\/artifacts$/, 403, { message: 'Resource not accessible by integration' });
    const { value, out } = await captureStdout(() =>
      artifacts.loadBaseReport(octokit, ctx(), 'ghs_actions', 'memgate-report', { baseRef: 'main', baseSha: '', repositoryId: 1001 }),
    );
    assert.ok('missing' in value);
    assert.match(out, /::warning::.*"actions: read"/);
  });
});

describe('sticky comment', () => {
  const target = () => ({ owner: fake.owner, repo: fake.repo, number: 42 });
  const marker = () => comment.commentMarker('');

  test('pages through comments, ignores an impostor, then creates once and updates in place', async () => {
    for (let i = 0; i < 130; i++) fake.addComment(42, `comment ${i}`, { login: `user${i % 3}`, id: 100 + i, type: 'User' });
    // Someone pastes our marker: their comment must never be taken for ours.
    const impostor = fake.addComment(42, `${marker()}\nfake pass`, { login: 'mallory', id: 666, type: 'User' });
    const other = fake.addComment(42, `${comment.commentMarker('node-22')}\nother leg`, { login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    const octokit = octokitModule.createOctokit('ghs_actions');

    const created = await comment.upsertComment(octokit, target(), `${marker()}\nfirst`, marker(), 'always', true);
    assert.equal(created.action, 'created');
    // Every page is read before creating (then once more, to catch a comment another job created meanwhile).
    const firstPost = fake.log.findIndex((r) => r.method === 'POST' && /\/issues\/42\/comments$/.test(r.path));
    const pages = fake.log.slice(0, firstPost).filter((r) => r.method === 'GET' && /\/issues\/42\/comments$/.test(r.path)).map((r) => r.query['page'] ?? '1');
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
    assert.ok(results.every((r) => r.url === left[0]!.html_url), JSON.stringify(results));
  });

  test('on-regression creates only when regressed but always updates an existing comment', async () => {
    const octokit = octokitModule.createOctokit('ghs_actions');
    const t = { ...target(), number: 43 };
    assert.equal((await comment.upsertComment(octokit, t, 'clean', marker(), 'on-regression', false)).action, 'skipped');
    assert.equal(fake.commentsOn(43).length, 0);
    assert.equal((await comment.upsertComment(octokit, t, 'leak', marker(), 'on-regression', true)).action, 'created');
    assert.equal((await comment.upsertComment(octokit, t, 'fixed', marker(), 'on-regression', false)).action, 'updated');
    assert.equal(fake.commentsOn(43)[0]!.body, `${marker()}\nfixed`);
    assert.equal((await comment.upsertComment(octokit, t, 'x', marker(), 'never', true)).action, 'skipped');
  });

  test("a user token's comments are matched by its login", async () => {
    const octokit = octokitModule.createOctokit('ghp_user');
    const t = { ...target(), number: 44 };
    fake.addComment(44, `${marker()}\nby the bot`, { login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    assert.equal((await comment.upsertComment(octokit, t, 'one', marker(), 'always', true)).action, 'created');
    assert.equal((await comment.upsertComment(octokit, t, 'two', marker(), 'always', true)).action, 'updated');
    assert.deepEqual(fake.commentsOn(44).map((c) => `${c.user.login}:${c.body.split('\n')[1]}`), ['github-actions[bot]:by the bot', 'octo-maintainer:two']);
  });

  test('a read-only token (fork pull request) gets a warning naming pull-requests: write and the comment mode', async () => {
    const octokit = octokitModule.createOctokit('ghs_fork');
    const { value, out } = await captureStdout(() => comment.upsertComment(octokit, { ...target(), number: 45 }, 'x', marker(), 'always', true));
    assert.equal(value.action, 'failed');
    assert.match(out, /::warning::memgate could not comment on pull request #45: .*"pull-requests: write".*mode: comment/);
  });
});
