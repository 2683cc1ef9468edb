/** Issue 13, items 5, 7 and 8 as both renderers show them: a filter that matched nothing, hints, per-workload ceilings. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderText } from '../../src/report/text.ts';
import { ceilingsShown, filterNote } from '../../src/report/format.ts';
import type { Report } from '../../src/report/schema.ts';
import { report, topEntry, workload } from './fixtures.ts';

const KiB = 1024;
const MiB = 1024 * 1024;

/** The text with its wrapped lines joined, for matching sentences. */
const flat = (text: string): string => text.replace(/\n +(?=\S)/g, ' ');
const settings = (over: Partial<Report['settings']>): Report['settings'] => ({ ...report([]).settings, ...over });

describe('a filter that dropped the growing sites', () => {
  const filtered = workload({
    top: [],
    totalSites: 0,
    filter: { growingSites: 37, growingBytes: 571 * KiB, keptSites: 0, keptBytes: 0 },
  });
  const r = report([filtered], { settings: settings({ include: ['nothing/**'] }) });

  test('says what it matched and what it dropped, not "no lines grew"', () => {
    const text = flat(renderText(r));
    assert.match(
      text,
      /include 'nothing\/\*\*' matched none of 37 growing lines \(571 KiB\); the verdict counts all of them/,
    );
    assert.doesNotMatch(text, /no lines grew/);
    const md = renderMarkdown(r);
    assert.ok(
      md.includes(
        "Include 'nothing/\\*\\*' matched none of 37 growing lines \\(571 KiB\\); the verdict counts all of them.",
      ),
      md,
    );
    assert.doesNotMatch(md, /No lines grew/);
  });

  test('exclude, both, and a filter that kept some rows', () => {
    const some = workload({ filter: { growingSites: 12, growingBytes: 2 * MiB, keptSites: 2, keptBytes: MiB } });
    assert.equal(
      filterNote(settings({ exclude: ['src/**'] }), filtered),
      "exclude 'src/**' left none of 37 growing lines (571 KiB); the verdict counts all of them",
    );
    assert.equal(
      filterNote(settings({ include: ['src/**', 'lib/**'], exclude: ['src/gen/**'] }), some),
      "include 'src/**', 'lib/**' with exclude 'src/gen/**' left 2 of 12 growing lines (1 MiB of 2 MiB); the verdict counts all of them",
    );
    const text = flat(renderText(report([some], { settings: settings({ include: ['src/**'] }) })));
    assert.match(
      text,
      /include 'src\/\*\*' matched 2 of 12 growing lines \(1 MiB of 2 MiB\); the verdict counts all of them top 2 of 234 lines by growth/,
    );
  });

  test('no note without a filter, or when the filter dropped nothing that grew', () => {
    assert.equal(filterNote(settings({}), workload()), null);
    assert.equal(
      filterNote(
        settings({ include: ['src/**'] }),
        workload({ filter: { growingSites: 2, growingBytes: 1, keptSites: 2, keptBytes: 1 } }),
      ),
      null,
    );
    const none = workload({
      top: [],
      totalSites: 0,
      filter: { growingSites: 0, growingBytes: 0, keptSites: 0, keptBytes: 0 },
    });
    assert.match(
      renderText(report([none], { settings: settings({ include: ['src/**'] }) })),
      /no lines grew \(0 sites\)/,
    );
  });
});

describe('hints', () => {
  const hint =
    '20 promises were still pending when 20 more iterations ended (1 per iteration): did run() await its work?';
  test('under the verdict, in text and Markdown', () => {
    const r = report([workload({ hints: [hint] })]);
    assert.match(
      renderText(r),
      /- Retained memory grew[^\n]*\n(?:[^\n]*\n)*?\s+hint: 20 promises were still pending when 20 more iterations ended/,
    );
    assert.ok(
      renderMarkdown(r).includes(
        '> 💡 20 promises were still pending when 20 more iterations ended \\(1 per iteration\\): did run\\(\\) await its work?',
      ),
    );
  });
});

describe('ceilings per workload', () => {
  const own = workload({
    retained: { heap: 13 * MiB, external: 0, total: 13 * MiB },
    ceilings: { maxRetained: 64 * KiB, maxHeap: null, maxRss: 512 * MiB, fromWorkload: ['maxRetained', 'maxHeap'] },
  });
  const r = report([own], {
    settings: settings({ ceilings: { maxRetained: null, maxHeap: 16 * MiB, maxRss: 512 * MiB } }),
  });

  test('every ceiling set, passed or not, marking the workload’s own, and one it turned off', () => {
    assert.deepEqual(
      ceilingsShown(r, own).map((c) => [c.flag, c.limit, c.passed, c.fromWorkload]),
      [
        ['max-retained', 64 * KiB, false, true],
        ['max-heap', null, true, true],
        ['max-rss', 512 * MiB, true, false],
      ],
    );
    const text = renderText(r);
    assert.match(text, /ceiling +max-retained 64 KiB \(the workload's options\): \+13 MiB, exceeded/);
    assert.match(text, /ceiling +max-heap off \(the workload's options\)/);
    assert.match(text, /ceiling +max-rss 512 MiB: 84 MiB, passed/);
    const md = renderMarkdown(r);
    assert.ok(md.includes("| Retained growth (heap + external) | +13 MiB | 64 KiB (workload's ceiling) ❌ |"), md);
    assert.ok(md.includes("| Heap after | 21 MiB | none (workload's ceiling) |"), md);
    assert.ok(md.includes('| Peak RSS | 84 MiB | 512 MiB (ceiling) ✓ |'), md);
  });

  test('a report without per-workload ceilings shows the run’s', () => {
    const old = report([workload()], {
      settings: settings({ ceilings: { maxRetained: null, maxHeap: null, maxRss: 100 * MiB } }),
    });
    assert.match(renderText(old), /ceiling +max-rss 100 MiB: 84 MiB, passed/);
    assert.doesNotMatch(renderText(report([workload()])), /ceiling/);
  });
});

test('a report with the new fields is still a valid memgate.report/v1', () => {
  const w = workload({
    hints: ['x'],
    filter: { growingSites: 1, growingBytes: 1, keptSites: 0, keptBytes: 0 },
    ceilings: { maxRetained: 1, maxHeap: null, maxRss: null, fromWorkload: [] },
    top: [topEntry()],
  });
  assert.doesNotThrow(() => report([w]));
});
