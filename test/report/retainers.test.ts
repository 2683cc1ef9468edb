/** Retainer paths in the report: tied to the rows, validated, and rendered under the rows (text) and the table (Markdown). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { rowRetainers } from '../../src/report/retainer-rows.ts';
import type { RetainerPathJson } from '../../src/report/retainers-schema.ts';
import { parseReport } from '../../src/report/schema.ts';
import { renderText } from '../../src/report/text.ts';
import { cleanWorkload, report, topEntry, workload } from './fixtures.ts';

const held = (bytes: number, ...names: string[]): RetainerPathJson => ({
  bytes,
  objects: bytes / 100,
  path: [
    { name: names[0]!, kind: 'module-scope variable', file: 'src/cache.js', line: 2 },
    ...names.slice(1).map((name) => ({ name, kind: 'map entry' as const })),
  ],
});

test('rows get the paths of their own site; file rows merge the sites of their file', () => {
  const capture = {
    sites: [
      { file: '/repo/src/cache.js', line: 88, function: 'cacheResponse', paths: [held(800, 'responses', '[]')] },
      {
        file: '/repo/src/cache.js',
        line: 40,
        function: 'remember',
        paths: [held(300, 'responses', '[]'), held(100, 'seen')],
      },
    ],
  };
  const rows = [topEntry(), topEntry({ line: 40, function: 'remember' }), topEntry({ file: 'src/other.js' })];
  const relative = (file: string): string => file.replace('/repo/', '');
  const byLine = rowRetainers(rows, capture, false, relative);
  assert.deepEqual(
    byLine.map((paths) => paths.map((p) => p.bytes)),
    [[800], [300, 100], []],
  );
  assert.equal(byLine[0]![0]!.path[0]!.file, 'src/cache.js');
  const byFile = rowRetainers([{ file: 'src/cache.js', line: 0, function: '' }], capture, true, relative);
  assert.deepEqual(
    byFile[0]!.map((p) => [p.bytes, p.objects]),
    [
      [1100, 11],
      [100, 1],
    ],
  );
});

test('a report with retainers is memgate.report/v1, and one without is still valid', () => {
  const withPaths = workload({
    top: [topEntry({ retainers: [held(800, 'responses', '[]')] })],
    retainers: { status: 'captured', ms: 1200, heapUsed: 6e6 },
  });
  assert.doesNotThrow(() => report([withPaths]));
  assert.doesNotThrow(() => report([workload()]));
  const bad = JSON.parse(JSON.stringify(report([withPaths])));
  bad.workloads[0].top[0].retainers[0].path[0].kind = 'somewhere';
  assert.throws(() => parseReport(bad), /top\.0\.retainers\.0\.path\.0\.kind/);
});

test('text: the paths under their row, largest first; a failing workload without paths says why', () => {
  const paths = [held(80_000, 'responses', '[]'), held(2_000, 'seen')];
  const text = renderText(
    report([workload({ top: [topEntry({ retainers: paths })], retainers: { status: 'captured' } })]),
  );
  assert.match(
    text,
    /cacheResponse[^\n]*\n[^\n]*← handle[^\n]*\n\s+held by responses \(module scope, src\/cache\.js:2\)\s+→ \[\] \(Map entry\)\s+· 78\.1 KiB in 800 objects\n\s+also by seen/,
  );
  const skipped = renderText(
    report([workload({ retainers: { status: 'skipped', reason: 'the heap holds 300 MiB, over the 128 MiB limit' } })]),
  );
  assert.match(skipped, /who holds the growth: not looked for — the heap holds 300 MiB, over the 128 MiB limit/);
  const clean = renderText(report([cleanWorkload({ retainers: { status: 'skipped', reason: 'not needed' } })]));
  assert.doesNotMatch(clean, /who holds/);
});

test('Markdown: the main path per row under the table, the others collapsed, names escaped', () => {
  const paths = [held(80_000, '<img src=x>', '[]'), held(2_000, 'seen')];
  const markdown = renderMarkdown(
    report([workload({ top: [topEntry({ retainers: paths })], retainers: { status: 'captured' } })]),
  );
  const table = markdown.indexOf('| 1 |');
  const holders = markdown.indexOf('**Who holds it**');
  assert.ok(table > 0 && holders > table, 'right under the table');
  assert.match(
    markdown,
    /- \*\*1\.\*\* held by &lt;img src=x&gt; \(module scope, src\/cache\.js:2\) → \\\[\\\] \(Map entry\) · 78\.1 KiB in 800 objects/,
  );
  assert.match(markdown, /<details><summary>Other retainer paths<\/summary>\n\n- \*\*1\.\*\* also by seen/);
  const failed = renderMarkdown(
    report([workload({ retainers: { status: 'failed', reason: 'the process ran out of memory' } })]),
  );
  assert.match(failed, /\*Who holds the growth: the capture failed — the process ran out of memory\*/);
});
