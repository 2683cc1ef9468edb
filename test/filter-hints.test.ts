import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandedFilterValues, noExportHint } from '../src/filter-hints.ts';
import { tempDir } from './temp-dir.ts';

function project(): string {
  const cwd = tempDir('memgate-filter-hints-');
  mkdirSync(join(cwd, 'src'));
  mkdirSync(join(cwd, 'perf'));
  for (const file of ['src/a.ts', 'src/b.ts', 'src/server.ts', 'perf/orders.memgate.mjs'])
    writeFileSync(join(cwd, file), '');
  return cwd;
}

describe('include/exclude the shell expanded', () => {
  it('warns when the value is one plain file and workloads sit beside it (`--include src/**`, unquoted)', () => {
    const cwd = project();
    const warnings = expandedFilterValues({
      include: ['src/a.ts'],
      exclude: [],
      patterns: ['src/b.ts', 'src/server.ts', 'perf/orders.memgate.mjs'],
      cwd,
    });
    assert.deepEqual(warnings, [
      "include 'src/a.ts' is one file, and the workloads src/b.ts, src/server.ts sit beside it: if the shell expanded an unquoted glob, " +
        "the files it matched run as workloads; quote the glob (--include 'src/**')",
    ]);
  });

  it('stays quiet for globs, for files away from the workloads, and for values that are not files', () => {
    const cwd = project();
    const patterns = ['perf/orders.memgate.mjs'];
    assert.deepEqual(
      expandedFilterValues({ include: ['src/**', 'src/a.ts', 'src/missing.ts'], exclude: ['src'], patterns, cwd }),
      [],
    );
    assert.deepEqual(
      expandedFilterValues({ include: ['src/a.ts'], exclude: [], patterns: ['src/*.ts'], cwd }),
      [],
      'a glob workload is the user’s own',
    );
  });

  it('a "workload" that exports nothing: a hint when an include names it, or the shell may have put it there', () => {
    const cwd = project();
    const matched = noExportHint('src/server.ts', {
      include: ['src/**'],
      exclude: [],
      patterns: ['src/server.ts'],
      cwd,
    });
    assert.match(
      matched ?? '',
      /^Hint: it is also matched by include 'src\/\*\*'\. Is it code to measure rather than a workload\? .*: quote the glob$/,
    );
    const expanded = noExportHint('src/server.ts', {
      include: ['src/a.ts'],
      exclude: [],
      patterns: ['src/b.ts', 'src/server.ts'],
      cwd,
    });
    assert.match(expanded ?? '', /^Hint: it sits beside include 'src\/a\.ts', one file\./);
    assert.equal(
      noExportHint('perf/orders.memgate.mjs', {
        include: ['src/**'],
        exclude: [],
        patterns: ['perf/orders.memgate.mjs'],
        cwd,
      }),
      null,
    );
    assert.equal(noExportHint('src/server.ts', { include: [], exclude: [], patterns: ['src/server.ts'], cwd }), null);
  });
});
