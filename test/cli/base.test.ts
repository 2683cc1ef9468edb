// `memgate run --base`: the pull request's gate on a laptop. A leak the base already had passes with a warning
// (exit 0), a new leak fails (1), a base that cannot be used is a usage error (2) before or after measuring.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseReportText } from '../../src/report/schema.ts';
import { tempDir } from '../temp-dir.ts';
import { runCli } from './harness.ts';

// One project, two "branches": the same workload file, leaking or not (1.1 KiB per call, kept in a module array).
const project = tempDir('memgate-cli-base-');
const LEAKY = `const kept = [];\nfunction remember(n) {\n  kept.push(new Array(128).fill(n));\n}\nlet n = 0;\nexport default function run() {\n  remember(n++);\n}\n`;
const FIXED = `function remember(n) {\n  return new Array(128).fill(n).length;\n}\nlet n = 0;\nexport default function run() {\n  remember(n++);\n}\n`;
mkdirSync(join(project, 'perf'));

async function measure(source: string, name: string, extra: string[] = []) {
  writeFileSync(join(project, 'perf', 'audit.mjs'), source);
  return runCli(['run', 'perf/audit.mjs', '--format', 'json', '--out-dir', join(project, name), ...extra], project);
}

describe('memgate run --base', () => {
  test('a leak already on the base passes with a warning (exit 0); with --leak-policy any it fails (exit 1)', async () => {
    assert.equal((await measure(LEAKY, 'base-leaky')).code, 1);
    const base = join(project, 'base-leaky', 'report.json');
    const head = await measure(LEAKY, 'head-same', ['--base', base]);
    assert.equal(head.code, 0, head.stderr);
    const w = parseReportText(head.stdout, 'stdout').workloads[0]!;
    assert.equal(w.verdict.status, 'pass');
    assert.match(w.verdict.reasons[0]!, /^already on .*base-leaky.*, not changed here: .* a leak/);
    assert.ok(w.knownLeak && w.knownLeak.headRate >= 512);
    // The text says so too, and report.json carries the gated verdict.
    const text = await measure(LEAKY, 'head-text', ['--base', base, '--format', 'text']);
    assert.match(text.stdout, /already on .*, not changed here/);
    assert.equal(
      parseReportText(readFileSync(join(project, 'head-text', 'report.json'), 'utf8'), 'report').verdict.status,
      'pass',
    );
    assert.equal((await measure(LEAKY, 'head-any', ['--base', base, '--leak-policy', 'any'])).code, 1);
  });

  test('a leak the base did not have fails (exit 1), named as a new leak', async () => {
    assert.equal((await measure(FIXED, 'base-fixed')).code, 0);
    const head = await measure(LEAKY, 'head-new', [
      '--base',
      join(project, 'base-fixed', 'report.json'),
      '--format',
      'text',
    ]);
    assert.equal(head.code, 1, head.stderr);
    assert.match(head.stdout, /new leak: keeps growing by .*\/iteration; the base did not leak/);
  });

  test('an unreadable, foreign or differently measured base exits 2 naming it', async () => {
    const missing = await measure(FIXED, 'bad-1', ['--base', 'nowhere/report.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read report nowhere\/report\.json: ENOENT/);

    const foreign = join(project, 'foreign.json');
    writeFileSync(foreign, JSON.stringify({ schema: 'memgate.report/v9' }));
    const other = await measure(FIXED, 'bad-2', ['--base', foreign]);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /unknown schema version "memgate\.report\/v9"/);

    const differently = await measure(FIXED, 'bad-3', [
      '--base',
      join(project, 'base-fixed', 'report.json'),
      '--iterations',
      '60',
    ]);
    assert.equal(differently.code, 2);
    assert.match(
      differently.stderr,
      /was not measured like this run \(perf\/audit\.mjs ran 50 iterations on the base, 60 here\)/,
    );
  });
});

test('memgate run takes workloads outside the working directory: relative and absolute paths, reported absolute', async () => {
  const elsewhere = tempDir('memgate-cli-elsewhere-');
  cpSync(join(project, 'perf'), join(elsewhere, 'perf'), { recursive: true });
  writeFileSync(join(elsewhere, 'perf', 'audit.mjs'), FIXED);
  const cwd = tempDir('memgate-cli-cwd-');
  for (const path of [
    join('..', elsewhere.split('/').pop()!, 'perf', 'audit.mjs'),
    join(elsewhere, 'perf', 'audit.mjs'),
  ]) {
    const { code, stdout, stderr } = await runCli(
      ['run', path, '--format', 'json', '--out-dir', join(cwd, 'out')],
      cwd,
    );
    assert.equal(code, 0, stderr);
    assert.equal(parseReportText(stdout, 'stdout').workloads[0]!.path, join(elsewhere, 'perf', 'audit.mjs'));
  }
});
