// The CLI in process: help, the errors a user meets first, and one real measurement, without spawning dist/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseReportText } from '../../src/report/schema.ts';
import { flagsOf, MAX_TRIALS } from '../../src/settings.ts';
import { tempDir } from '../temp-dir.ts';
import { runCli } from './harness.ts';

describe('help', () => {
  for (const argv of [['--help'], ['-h'], ['help']]) {
    test(`memgate ${argv.join(' ')} prints every command and option on stdout, exit 0`, async () => {
      const { code, stdout, stderr } = await runCli(argv);
      assert.equal(code, 0);
      assert.equal(stderr, '');
      assert.match(stdout, /memgate run <workload\.\.\.>/);
      assert.match(stdout, /memgate compare <base\.json> <head\.json>/);
      for (const [, setting] of [...flagsOf('run'), ...flagsOf('compare')])
        assert.ok(stdout.includes(`--${setting.flag} `), setting.flag);
    });
  }

  for (const argv of [
    ['run', '--help'],
    ['run', '-h'],
    ['help', 'run'],
    ['run', 'leak.mjs', '--top', '-1', '--help'],
  ]) {
    test(`memgate ${argv.join(' ')} prints run's help, exit 0`, async () => {
      const { code, stdout, stderr } = await runCli(argv);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /^Usage: memgate run <workload\.\.\.> \[options\]/);
      assert.match(
        stdout,
        /--leak-rate SIZE +a workload fails when its memory keeps growing by this much per\s+iteration or more \(default: 512B\)/,
      );
      assert.match(stdout, /--confirm-budget SECONDS +seconds of extra work/);
      // With --base, run gates as the Action does on a pull request.
      assert.match(stdout, /--base FILE +gate against this base report/);
      assert.match(stdout, /--leak-policy new\|any/);
    });
  }

  test("memgate compare --help and memgate help compare print compare's help", async () => {
    for (const argv of [
      ['compare', '--help'],
      ['help', 'compare'],
    ]) {
      const { code, stdout } = await runCli(argv);
      assert.equal(code, 0);
      assert.match(stdout, /^Usage: memgate compare/);
      assert.match(stdout, /--max-increase PERCENT\|SIZE/);
    }
  });

  test('no command prints the usage on stderr, exit 2; --version prints the version', async () => {
    const none = await runCli([]);
    assert.equal(none.code, 2);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /Usage:/);
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});

describe('usage errors exit 2 with one clear line on stderr, before anything is measured', () => {
  const cases: [string[], RegExp][] = [
    [
      ['run', 'leak.mjs', '--iteration', '5'],
      /^memgate: unknown option --iteration; did you mean --iterations\? \(memgate run --help lists the options\)\n$/,
    ],
    [['run', 'leak.mjs', '--iter', '5'], /did you mean --iterations\?/],
    [['run', 'leak.mjs', '--max-reatined', '1MB'], /did you mean --max-retained\?/],
    [
      ['run', 'leak.mjs', '--frobnicate'],
      /^memgate: unknown option --frobnicate \(memgate run --help lists the options\)\n$/,
    ],
    [['run', 'leak.mjs', '--max-increase', '10%'], /--max-increase compares with a base report: give --base FILE too/],
    [['run', 'leak.mjs', '--top', '-1'], /^memgate: --top: "-1" is not a positive whole number \(e\.g\. 10\)\n$/],
    [['run', 'leak.mjs', '--top=-1'], /^memgate: --top: "-1" is not a positive whole number/],
    [
      ['run', 'leak.mjs', '--trials', '30'],
      new RegExp(`^memgate: --trials: "30" is more than ${MAX_TRIALS}; e\\.g\\. 3\\n$`),
    ],
    [['run', 'leak.mjs', '--json'], /^memgate: --json needs a value, e\.g\. --json memgate\.json\n$/],
    [
      ['run', 'leak.mjs', '--out-dir', '--top', '3'],
      /^memgate: --out-dir needs a value, e\.g\. --out-dir \.memgate\n$/,
    ],
    [['run', 'leak.mjs', '--leak-rate', '0'], /^memgate: --leak-rate: "0" must be more than 0 bytes \(e\.g\. 1KB\)\n$/],
    [['run', 'leak.mjs', '--leak-rate', '1XB'], /^memgate: --leak-rate: "1XB" is not a size: unknown unit "XB"/],
    [
      ['run', 'leak.mjs', '--confirm-budget', '-1'],
      /^memgate: --confirm-budget: "-1" is not a whole number \(0 or more\) \(e\.g\. 60\)\n$/,
    ],
    [['run', 'leak.mjs', '--group-by', 'module'], /--group-by: "module" is not one of "line", "file", "traceback"/],
    [['run', 'leak.mjs', '--profiler', 'v8'], /--profiler: "v8" is not one of "inspector", "v8-profiler-next"/],
    [['run'], /^memgate: no workload given, e\.g\. memgate run bench\/leak\.mjs\n$/],
    [['rn', 'leak.mjs'], /^memgate: unknown command "rn": did you mean "run"\? expected "run" or "compare"/],
    [['help', 'frobnicate'], /^memgate: no help on "frobnicate"/],
    [['compare', 'a.json'], /^memgate: expected two reports, e\.g\. memgate compare base\.json head\.json\n$/],
    [['compare', 'a.json', 'b.json', '--max-increase', 'ten'], /--max-increase: "ten" is not an increase/],
    [['compare', 'missing.json', 'missing.json'], /^memgate: cannot read report missing\.json: ENOENT\n$/],
  ];
  for (const [argv, message] of cases) {
    test(`memgate ${argv.join(' ')}`, async () => {
      const { code, stdout, stderr } = await runCli(argv);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.doesNotMatch(stderr, /pass 1|internal error|ERR_PARSE_ARGS|To specify/);
    });
  }
});

test('run in process: a leak fails (exit 1), --json and --out-dir resolve against io.cwd, progress on stderr', async () => {
  const out = tempDir('memgate-cli-inproc-');
  const { code, stdout, stderr } = await runCli([
    'run',
    'leak.mjs',
    '--format',
    'json',
    '--out-dir',
    join(out, 'dir'),
    '--json',
    join(out, 'copy', 'report.json'),
    '--leak-rate',
    '256B',
    '--confirm-budget',
    '0',
  ]);
  assert.equal(code, 1, stderr);
  const report = parseReportText(stdout, 'stdout');
  assert.equal(report.workloads[0]?.path, 'leak.mjs');
  assert.equal(report.workloads[0]?.verdict.status, 'fail');
  assert.equal(report.workloads[0]?.top[0]?.function, 'remember');
  assert.deepEqual(parseReportText(readFileSync(join(out, 'copy', 'report.json'), 'utf8')), report);
  assert.deepEqual(parseReportText(readFileSync(join(out, 'dir', 'report.json'), 'utf8')), report);
  assert.match(stderr, /^memgate: .*pass 2/m);

  // compare, in process too: a report against itself has not regressed; relative paths resolve against io.cwd.
  const same = await runCli(['compare', 'report.json', 'report.json', '--format', 'json'], join(out, 'dir'));
  assert.equal(same.code, 0, same.stderr);
  assert.equal(JSON.parse(same.stdout).regressed, false);
});
