// The CLI end to end: the bundled dist/cli.js, spawned as users run it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parseReportText, type Report } from '../src/report/schema.ts';
import { tempDir } from './temp-dir.ts';

const cli = resolve('dist/cli.js');
const out = tempDir('memgate-cli-');

function memgate(args: string[], cwd = resolve('test/fixtures/cli')) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('a module-level leak fails the gate (exit 1) and the JSON on stdout names the leaking function and line', () => {
  const { code, stdout, stderr } = memgate(['run', 'leak.mjs', '--format', 'json', '--out-dir', join(out, 'leak')]);
  assert.equal(code, 1, stderr);
  const report = parseReportText(stdout, 'stdout'); // stdout is nothing but the report
  const [workload] = report.workloads;
  assert.equal(workload?.verdict.status, 'fail');
  assert.equal(workload?.top[0]?.function, 'remember');
  assert.equal(workload?.top[0]?.file, 'leak.mjs');
  assert.equal(workload?.top[0]?.line, 4);
  assert.match(stderr, /pass 2/); // progress goes to stderr
});

test('clean code passes (exit 0); the text report shows external growth on its own line', () => {
  const { code, stdout, stderr } = memgate([
    'run',
    'clean.mjs',
    '--out-dir',
    join(out, 'clean'),
    '--json',
    join(out, 'clean.json'),
  ]);
  assert.equal(code, 0, stderr + stdout);
  assert.match(stdout, /external/i);
  assert.equal(parseReportText(readFileSync(join(out, 'clean.json'), 'utf8')).verdict.status, 'pass');
});

test('an invalid size exits 2 naming the flag and an accepted example, before measuring anything', () => {
  const { code, stderr } = memgate(['run', 'leak.mjs', '--max-retained', '10XB']);
  assert.equal(code, 2);
  assert.match(stderr, /--max-retained: "10XB" is not a size/);
  assert.match(stderr, /512KB/);
  assert.doesNotMatch(stderr, /pass 1/);
});

test('usage errors exit 2: unknown flag (with a suggestion), bad choice, bad number, no workload', () => {
  const unknown = memgate(['run', 'leak.mjs', '--iteration', '5']);
  assert.equal(unknown.code, 2);
  assert.equal(
    unknown.stderr,
    'memgate: unknown option --iteration; did you mean --iterations? (memgate run --help lists the options)\n',
  );
  assert.match(memgate(['run', 'leak.mjs', '--top', '-1']).stderr, /--top: "-1" is not a positive whole number/);
  const badChoice = memgate(['run', 'leak.mjs', '--group-by', 'module']);
  assert.equal(badChoice.code, 2);
  assert.match(badChoice.stderr, /--group-by: "module" is not one of "line", "file", "traceback"/);
  const badNumber = memgate(['run', 'leak.mjs', '--iterations', '0']);
  assert.match(badNumber.stderr, /--iterations: "0" is not a positive whole number/);
  assert.equal(memgate(['run']).code, 2);
});

test('the bin prints help (exit 0) for memgate --help and memgate run --help', () => {
  const all = memgate(['--help']);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /Options for run:[\s\S]*--leak-rate SIZE[\s\S]*Options for compare:/);
  const run = memgate(['run', '--help']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Usage: memgate run/);
});

const bad = resolve('test/fixtures/cli-bad');

test('workload errors exit 2 with a message naming the workload and what went wrong', () => {
  const missing = memgate(['run', 'nope.mjs', '--out-dir', join(out, 'bad')], bad);
  assert.equal(missing.code, 2);
  assert.match(missing.stdout, /nope\.mjs/);
  assert.match(missing.stdout, /not-found|not found|does not exist/i);

  const throws = memgate(['run', 'throws.mjs', '--out-dir', join(out, 'bad')], bad);
  assert.equal(throws.code, 2);
  assert.match(throws.stdout, /record 7 is malformed/);
  assert.match(throws.stdout, /threw in the measured pass, at iteration 2\n/); // 5 warm-up calls, so call 7 is pass 2's second
  assert.match(throws.stdout, /parseRecord/); // the workload's own stack

  const noExport = memgate(['run', 'no-export.mjs', '--out-dir', join(out, 'bad')], bad);
  assert.equal(noExport.code, 2);
  assert.match(noExport.stdout, /default export|run/);
});

test('a workload that never finishes is killed at --timeout and reported as a timeout', () => {
  const hangs = memgate(['run', 'hangs.mjs', '--timeout', '2', '--out-dir', join(out, 'bad')], bad);
  assert.equal(hangs.code, 2);
  assert.match(hangs.stdout, /timeout|timed out/i);
});

test('compare: identical reports do not regress (exit 0); a grown head regresses (exit 1); a corrupt file exits 2', () => {
  const reportPath = join(out, 'leak', 'report.json');
  const base: Report = parseReportText(readFileSync(reportPath, 'utf8'));
  assert.equal(memgate(['compare', reportPath, reportPath]).code, 0);

  const grown: Report = structuredClone(base);
  for (const w of grown.workloads) {
    w.retained.heap *= 4;
    w.retained.total = w.retained.heap + w.retained.external;
  }
  const headPath = join(out, 'grown.json');
  writeFileSync(headPath, JSON.stringify(grown));
  const regressed = memgate(['compare', reportPath, headPath]);
  assert.equal(regressed.code, 1, regressed.stderr);

  const corrupt = join(out, 'corrupt.json');
  writeFileSync(corrupt, '{"schema":"memgate.report/v0"}');
  const rejected = memgate(['compare', reportPath, corrupt]);
  assert.equal(rejected.code, 2);
  assert.match(rejected.stderr, /unknown schema version "memgate.report\/v0"/);

  // Growth scales with iterations: reports measured differently are refused, not compared.
  const longer: Report = structuredClone(base);
  for (const w of longer.workloads) w.iterations *= 2;
  const longerPath = join(out, 'longer.json');
  writeFileSync(longerPath, JSON.stringify(longer));
  const unlike = memgate(['compare', reportPath, longerPath]);
  assert.equal(unlike.code, 2);
  assert.match(unlike.stderr, /not measured alike \(leak\.mjs ran \d+ iterations on the base, \d+ here\)/);
});

test('profiles: one per workload, the median trial kept, distinct names for paths that flatten alike', () => {
  const project = tempDir('memgate-cli-profiles-');
  mkdirSync(join(project, 'a'));
  const clean = readFileSync(resolve('test/fixtures/cli/clean.mjs'), 'utf8');
  writeFileSync(join(project, 'a', 'b.mjs'), clean);
  writeFileSync(join(project, 'a_b.mjs'), clean);
  const dir = join(project, 'out');
  const { code, stderr } = memgate(
    ['run', 'a/b.mjs', 'a_b.mjs', '--trials', '3', '--iterations', '5', '--out-dir', dir, '--format', 'json'],
    project,
  );
  assert.equal(code, 0, stderr);
  assert.deepEqual(readdirSync(join(dir, 'profiles')).sort(), ['a_b.mjs-2.heapprofile', 'a_b.mjs.heapprofile']);
  const report = parseReportText(readFileSync(join(dir, 'report.json'), 'utf8'));
  assert.deepEqual(
    report.workloads.map((w) => w.profile),
    ['profiles/a_b.mjs.heapprofile', 'profiles/a_b.mjs-2.heapprofile'],
  );
});

test('a failing and an unmeasurable workload: the report says fail, the exit code says a workload could not run (2)', () => {
  const { code, stdout, stderr } = memgate(
    ['run', 'cli/leak.mjs', 'cli-bad/throws.mjs', '--format', 'json', '--out-dir', join(out, 'mixed')],
    resolve('test/fixtures'),
  );
  assert.equal(code, 2);
  assert.match(stderr, /memgate: exit 2: 1 workload could not run; the gate failed on the others too/);
  const report = parseReportText(stdout, 'stdout');
  assert.equal(report.verdict.status, 'fail');
  assert.deepEqual(
    report.workloads.map((w) => w.verdict.status),
    ['fail', 'error'],
  );
});

test('the clean shapes pass at default settings: transient garbage, a cache filled in warm-up, a bounded LRU, a structure rebuilt each iteration', () => {
  const workloads = ['clean.mjs', 'clean-warmup-cache.mjs', 'clean-lru.mjs', 'clean-rebuilt.mjs'];
  const { code, stdout, stderr } = memgate(
    ['run', ...workloads, '--format', 'json', '--out-dir', join(out, 'shapes')],
    resolve('test/fixtures/node'),
  );
  const report = parseReportText(stdout, 'stdout');
  assert.deepEqual(
    report.workloads.map((w) => `${w.path}: ${w.verdict.status} ${w.verdict.reasons.join('; ')}`.trim()),
    workloads.map((w) => `${w}: pass`),
    stderr,
  );
  assert.equal(code, 0);
});

test('a leak made inside a node_modules helper is charged to the user function that calls it', () => {
  // Assembled in a temp dir: git ignores node_modules, so the fixture keeps the helper beside it.
  const project = tempDir('memgate-cli-helper-');
  cpSync(resolve('test/fixtures/node/helper-leak.mjs'), join(project, 'helper-leak.mjs'));
  cpSync(resolve('test/fixtures/node/leaky-helper'), join(project, 'node_modules', 'leaky-helper'), {
    recursive: true,
  });
  const { code, stdout, stderr } = memgate(
    ['run', 'helper-leak.mjs', '--format', 'json', '--out-dir', join(project, 'out')],
    project,
  );
  assert.equal(code, 1, stderr);
  const [top] = parseReportText(stdout, 'stdout').workloads[0]!.top;
  assert.deepEqual([top?.function, top?.file, top?.line], ['recordRequests', 'helper-leak.mjs', 5]);
  // Grouped by call path, the path through the dependency is its own row, still charged to recordRequests.
  // (By line, a row's traceback is its largest path, which may be an allocation made in recordRequests itself.)
  const byPath = memgate(
    ['run', 'helper-leak.mjs', '--group-by', 'traceback', '--format', 'json', '--out-dir', join(project, 'out-tb')],
    project,
  );
  const rows = parseReportText(byPath.stdout, 'stdout').workloads[0]!.top;
  const throughHelper = rows.find((r) =>
    r.traceback.some((f) => f.file.includes('node_modules/leaky-helper/') && f.function === 'remember'),
  );
  assert.ok(throughHelper, JSON.stringify(rows.map((r) => r.traceback)));
  assert.deepEqual(
    [throughHelper.function, throughHelper.file, throughHelper.line],
    ['recordRequests', 'helper-leak.mjs', 5],
  );
});

test('the verdict does not depend on the grouping: a growing array fails and a late one-off table passes, by line and by file', () => {
  for (const groupBy of ['line', 'file']) {
    // The growing array is the bench corpus's scenario (one reallocation step of its backing store per pass).
    const workloads = ['bench/scenarios/node/leak-array-growth.mjs', 'test/fixtures/node/late-table.mjs'];
    const { stdout, stderr } = memgate(
      ['run', ...workloads, '--group-by', groupBy, '--format', 'json', '--out-dir', join(out, `group-${groupBy}`)],
      resolve('.'),
    );
    const [array, late] = parseReportText(stdout, 'stdout').workloads;
    assert.equal(array?.verdict.status, 'fail', `${groupBy}: ${stderr}`);
    // Its rate holds over the confirmation: the backing store keeps stepping up.
    assert.match(array!.verdict.reasons[0]!, /kept growing by .*\/iteration .* a leak/);
    assert.equal(array?.leak?.verdict, 'leak');
    // Grouped by file, late-table.mjs held memory at the baseline and grew by 75% in one step: still a one-off.
    assert.equal(late?.verdict.status, 'pass', `${groupBy}: ${late?.verdict.reasons.join('; ')}`);
  }
});

/** Runs the CLI as an unprivileged user: file modes mean nothing to root. Null when that is not possible here. */
function asNobody(args: string[], cwd: string): ReturnType<typeof memgate> | null {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv')) return null;
  const drop = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli];
  if (spawnSync('/usr/bin/setpriv', [...drop, '--version'], { cwd }).status !== 0) return null; // dist/ unreadable to nobody
  const result = spawnSync('/usr/bin/setpriv', [...drop, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('an unreadable workload is a load error naming the file; an unwritable --out-dir exits 2 naming it', (t) => {
  const project = tempDir('memgate-cli-modes-');
  chmodSync(project, 0o777);
  writeFileSync(join(project, 'secret.mjs'), 'export default function run() {}\n', { mode: 0o000 });
  const unreadable = asNobody(['run', 'secret.mjs', '--format', 'json', '--out-dir', join(project, 'out')], project);
  if (!unreadable) return t.skip('needs root and setpriv to run as an unprivileged user');
  assert.equal(unreadable.code, 2, unreadable.stderr);
  const [w] = parseReportText(unreadable.stdout, 'stdout').workloads;
  assert.equal(w?.error?.kind, 'load');
  assert.match(w!.error!.message, /EACCES: permission denied, open '.*secret\.mjs'/);

  writeFileSync(join(project, 'ok.mjs'), 'export default function run() {}\n');
  mkdirSync(join(project, 'locked'), { mode: 0o555 });
  const unwritable = asNobody(['run', 'ok.mjs', '--out-dir', join(project, 'locked', 'out')], project)!;
  assert.equal(unwritable.code, 2);
  assert.match(
    unwritable.stderr,
    /^memgate: cannot write the report to .*locked\/out: EACCES; choose a writable directory \(--out-dir\)\n$/,
  );
});
