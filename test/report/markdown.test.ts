import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BaseComparison } from '../../src/analysis/base-compare.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import {
  cleanWorkload,
  dependencyEntry,
  errorWorkload,
  fileEntry,
  report,
  topEntry,
  withGroupBy,
  workload,
} from './fixtures.ts';
import { analyze } from './markdown-structure.ts';

const MiB = 1024 * 1024;
const MARKER = '<!-- memgate:comment key=default -->';
const LINKS = { repoUrl: 'https://github.com/o/r', sha: 'abcdef1234567890', pathPrefix: '' };

function comparison(overrides: Partial<BaseComparison['workloads'][number]> = {}): BaseComparison {
  return {
    regressed: true,
    workloads: [
      {
        path: 'examples/node/leaky-cache.mjs',
        status: 'compared',
        retained: { base: 20_000, head: 13 * MiB, change: 13 * MiB - 20_000, limit: 300_000, regressed: true },
        heapAfter: { base: 8 * MiB, head: 21 * MiB, change: 13 * MiB, limit: null, regressed: false },
        peakRss: { base: 70 * MiB, head: 84 * MiB, change: 14 * MiB, limit: null, regressed: false },
        newSites: ['src/cache.js:88'],
        regressed: true,
        reasons: ['Retained growth rose by 13 MiB against base.'],
        ...overrides,
      },
    ],
  };
}

test('verdict comes first (after the marker), per status', () => {
  const fail = renderMarkdown(report([workload()]), { marker: MARKER });
  assert.ok(fail.startsWith(`${MARKER}\n### ❌ memgate: retained memory keeps growing\n`), 'no base: no regression');
  const pass = renderMarkdown(report([cleanWorkload()]), { marker: MARKER, title: 'memgate (linux-node20)' });
  assert.ok(pass.startsWith(`${MARKER}\n### ✅ memgate \\(linux-node20\\): memory does not keep growing\n`));
  const error = renderMarkdown(report([cleanWorkload(), errorWorkload()]));
  assert.ok(error.startsWith('### ⚠️ memgate: a workload could not be measured\n'));
  assert.match(error, /2 workloads: 1 could not be measured, 1 passed\./);
});

test('a regression against base fails the headline even when the workload passed its own gate', () => {
  const md = renderMarkdown(report([workload({ verdict: { status: 'pass', reasons: [] } })]), {
    base: { comparison: comparison(), sha: 'a'.repeat(40), createdAt: '2025-01-01T09:00:00Z' },
  });
  assert.match(md, /^### ❌ memgate: memory regression against the base\n/);
});

test('base line: commit, age and run link, or why there is none', () => {
  const md = renderMarkdown(report([workload()]), {
    base: {
      comparison: comparison(),
      sha: '0123456789abcdef0123456789abcdef01234567',
      createdAt: '2025-01-01T09:00:00Z',
      runUrl: 'https://github.com/o/r/actions/runs/7',
    },
    now: new Date('2025-01-01T12:00:00Z'),
  });
  assert.match(
    md,
    /Compared with the base branch at `0123456` \(measured 3 hours ago\) · \[base run\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/7\)\./,
  );
  const missing = renderMarkdown(report([workload()]), { base: { missing: 'no artifact for main@1234' } });
  assert.match(
    missing,
    /No baseline yet: judged on this run alone, not against the base \(no artifact for main@\u200D1234\)\./,
  );
  assert.match(missing, /^### ❌ memgate: retained memory keeps growing\n/, 'no comparison: no regression');
});

test('totals table: base, head, change and limit, with ceilings', () => {
  const r = report([workload()], {});
  r.settings.ceilings = { maxRetained: 20 * MiB, maxHeap: 16 * MiB, maxRss: null };
  const md = renderMarkdown(r, {
    base: { comparison: comparison(), sha: 'abc1234', createdAt: '2025-01-01T09:00:00Z' },
  });
  assert.ok(md.includes('| Metric | Base | Head | Change | Limit |'));
  assert.ok(
    md.includes(
      '| Retained growth (heap + external) | +19.5 KiB | +13 MiB | ❌ +13 MiB | 293 KiB (vs base) ❌ · 20 MiB (ceiling) ✓ |',
    ),
  );
  assert.ok(md.includes('| External growth | — | 0 B | — | — |'));
  assert.ok(md.includes('| Heap after | 8 MiB | 21 MiB | +13 MiB (+162.5%) | 16 MiB (ceiling) ❌ |'));
  assert.ok(md.includes('| Peak RSS | 70 MiB | 84 MiB | +14 MiB (+20%) | — |'));
  // Without a base there is nothing to compare: just the figures and ceilings.
  const alone = renderMarkdown(r);
  assert.ok(alone.includes('| Metric | Measured | Limit |'));
  assert.ok(alone.includes('| Retained growth (heap + external) | +13 MiB | 20 MiB (ceiling) ✓ |'));
});

test('python workloads show tracemalloc figures', () => {
  const w = cleanWorkload({
    runtime: { name: 'python', version: '3.11.7' },
    profiler: { backend: 'tracemalloc', samplingInterval: null, stackDepth: 32, countsObjects: true, continuous: true },
    memory: {
      baseline: { heapUsed: MiB, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 30 * MiB },
      after: { heapUsed: 2 * MiB, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 31 * MiB },
      peakRss: 32 * MiB,
      traced: { current: 2 * MiB, peak: 5 * MiB },
    },
  });
  const md = renderMarkdown(report([w]));
  assert.ok(md.includes('| Traced memory after | 2 MiB | — |'));
  assert.ok(md.includes('| Traced peak (tracemalloc) | 5 MiB | — |'));
  assert.ok(md.includes('tracemalloc, every allocation \\(exact\\)'));
});

test('top table: ranked rows, objects, new-site mark, links to the code at head', () => {
  const md = renderMarkdown(report([workload()]), {
    links: { ...LINKS, pathPrefix: 'pkg/' },
    base: { comparison: comparison(), sha: 'abc1234', createdAt: '2025-01-01T09:00:00Z' },
  });
  assert.ok(md.includes('**Lines by growth** (top 2 of 234 sites)'));
  assert.ok(md.includes('| # | Growth | Objects | Function | Where |'));
  assert.ok(
    md.includes(
      '| 1 🆕 new | +12.4 MiB | +90,342 | cacheResponse | [src/cache.js:88](https://github.com/o/r/blob/abcdef1234567890/pkg/src/cache.js#L88) |',
    ),
  );
  assert.ok(
    md.includes(
      '| 2 | +39.1 KiB | +300 | clone | [src/util.js:7](https://github.com/o/r/blob/abcdef1234567890/pkg/src/util.js#L7) |',
    ),
  );
});

test('objects column is left out when the profiler cannot count objects', () => {
  const w = workload({
    profiler: {
      backend: 'v8-profiler-next',
      samplingInterval: 4096,
      stackDepth: 32,
      countsObjects: false,
      continuous: false,
    },
  });
  const md = renderMarkdown(report([w]));
  assert.ok(md.includes('| # | Growth | Function | Where |'));
  assert.ok(md.includes('| 1 | +12.4 MiB | cacheResponse | src/cache.js:88 |'));
  assert.ok(!md.includes('Objects'));
});

test('runtime frames and dependency files are not linked', () => {
  const md = renderMarkdown(report([workload()]), { links: LINKS });
  assert.ok(md.includes('← processTimers · node:internal/timers:594'));
  assert.ok(!md.includes('blob/abcdef1234567890/node'));
});

test('call paths sit in a collapsed section, innermost first', () => {
  const md = renderMarkdown(report([workload()]));
  const start = md.indexOf('<details><summary>Call paths behind these sites</summary>');
  assert.ok(start > md.indexOf('| 1 |'));
  const section = md.slice(start, md.indexOf('</details>', start));
  assert.ok(
    section.includes(
      '- **1.** +12.4 MiB\n  - cacheResponse · src/cache.js:88 · *site*\n  - ← handle · src/server.js:12\n  - ← processTimers · node:internal/timers:594',
    ),
  );
});

test('heap chart when memory grew, none for a flat series', () => {
  const leaky = renderMarkdown(report([workload()]));
  assert.ok(
    leaky.includes(
      '```mermaid\nxychart-beta\n  title "Heap after GC, per iteration"\n  x-axis "iteration" [0, 10, 20, 30, 40, 50]\n  y-axis "MiB"\n  line [8, 10.6, 13.2, 15.8, 18.4, 21]\n```',
    ),
  );
  const clean = renderMarkdown(report([cleanWorkload()]));
  assert.ok(!clean.includes('mermaid'));
  const short = renderMarkdown(report([workload({ series: workload().series.slice(0, 2) })]));
  assert.ok(!short.includes('mermaid'));
});

test('how it was measured, collapsed', () => {
  const md = renderMarkdown(report([workload()]));
  assert.ok(md.includes('<details><summary>How it was measured</summary>'));
  assert.ok(md.includes('- Runtime: node 20.20.2 \\(V8 11.3.244.8\\)'));
  assert.ok(md.includes('- Profiler: inspector, one sample per 4 KiB allocated, stack depth 32'));
  assert.ok(md.includes('- Iterations: 50 per pass'));
  assert.ok(md.includes('- Trials: 1 fresh process'));
});

test('a failed workload shows its error and stack, and no memory verdict or tables', () => {
  const w = errorWorkload({
    error: {
      kind: 'threw',
      phase: 'pass2',
      iteration: 12,
      message: 'boom <b>',
      stack: 'Error: boom\n    at run (x.mjs:1:1)\n```\n<!-- x -->',
    },
  });
  const md = renderMarkdown(report([w]));
  assert.ok(md.includes('#### ⚠️ examples/node/broken.mjs'));
  assert.ok(md.includes('**The workload threw in the measured pass, at iteration 12:** boom &lt;b&gt;'), md);
  assert.ok(md.includes('Its memory was not judged'));
  assert.ok(md.includes('````\nError: boom\n    at run (x.mjs:1:1)\n```\n<!\u200D-- x -->\n````'));
  assert.ok(!md.includes('| Metric'));
  assert.ok(!md.includes('by growth'));
  assert.doesNotMatch(md, /PASS|✅|❌/);
});

test('workloads only in base are listed', () => {
  const cmp = comparison();
  cmp.workloads.push({
    path: 'gone.mjs',
    status: 'missing',
    retained: null,
    heapAfter: null,
    peakRss: null,
    newSites: [],
    regressed: false,
    reasons: [],
  });
  const md = renderMarkdown(report([workload()]), { base: { comparison: cmp, sha: 'abc1234', createdAt: 'x' } });
  assert.ok(md.includes('**In base but not measured in this run:**\n\n- gone.mjs'));
});

function hugeReport(rows: number) {
  const big = 'x'.repeat(5_000);
  const top = Array.from({ length: rows }, (_, i) =>
    topEntry({
      key: `k${i}`,
      file: `src/${big}/f${i}.js`,
      line: i + 1,
      function: `${big}|fn${i}`,
      sizeDiff: 1_000_000 - i,
      traceback: Array.from({ length: 20 }, (_, j) => ({
        file: `src/${big}${j}.js`,
        line: j + 1,
        function: `${big}${j}`,
      })),
    }),
  );
  const w = workload({ top, totalSites: rows, verdict: { status: 'fail', reasons: [big, big] } });
  const broken = errorWorkload({ error: { kind: 'threw', message: big.repeat(20), stack: `${big}\n`.repeat(500) } });
  return report([w, broken, cleanWorkload({ path: `${big}.mjs` })]);
}

test('5,000 rows and huge strings: trimmed under the limit, with a note, never cut mid-row or mid-fence', () => {
  const r = hugeReport(5_000);
  for (const maxLength of [65_536, 5_000]) {
    const detailsUrl = 'https://github.com/o/r/actions/runs/9';
    const md = renderMarkdown(r, {
      marker: MARKER,
      links: LINKS,
      maxLength: maxLength === 65_536 ? undefined : maxLength,
      detailsUrl,
    });
    assert.ok(md.length <= maxLength, `${md.length} > ${maxLength}`);
    assert.ok(
      md.includes(
        `trimmed to fit GitHub's size limit — the full report is in the job summary of [this workflow run](${detailsUrl})`,
      ),
    );
    assert.ok(md.startsWith(`${MARKER}\n### ❌ memgate: retained memory keeps growing`));
    const s = analyze(md);
    assert.equal(s.unclosedFence, false);
    for (const table of s.tables) {
      assert.equal(table.delimiter?.length, table.columns);
      for (const row of table.rows) assert.equal(row.length, table.columns, `row ${JSON.stringify(row)}`);
    }
    // Rows go before sections: with the full limit many rows are still listed.
    if (maxLength === 65_536) {
      const top = s.tables.find((t) => t.header.includes('Growth'));
      assert.ok(top && top.rows.length >= 5, `rows kept: ${top?.rows.length}`);
    }
  }
});

test('a small report is not trimmed', () => {
  const md = renderMarkdown(report([workload()]), { maxLength: 65_536, detailsUrl: 'https://x.y/z' });
  assert.ok(!md.includes('trimmed'));
});

test('even an absurdly small cap is honoured', () => {
  const r = hugeReport(50);
  for (const maxLength of [600, 200, 60]) {
    const md = renderMarkdown(r, { marker: MARKER, maxLength });
    assert.ok(md.length <= maxLength, `${md.length} > ${maxLength}`);
    assert.ok(md.startsWith(MARKER));
  }
});

function callPathSection(md: string): string {
  const start = md.indexOf('<details><summary>Call paths behind these sites</summary>');
  assert.ok(start >= 0, 'has a call-path section');
  return md.slice(start, md.indexOf('</details>', start));
}

test('group-by file: no Function column, the file is the site (no line)', () => {
  const md = renderMarkdown(withGroupBy(report([workload({ top: [fileEntry()] })]), 'file'), { links: LINKS });
  assert.ok(md.includes('**Files by growth** (top 1 of 234 sites)'));
  assert.ok(md.includes('| # | Growth | Objects | File |\n| --: | --: | --: | :-- |\n'));
  assert.ok(
    md.includes(
      '| 1 | +12.4 MiB | +90,342 | [src/cache.js](https://github.com/o/r/blob/abcdef1234567890/src/cache.js) |',
    ),
  );
  assert.ok(!md.includes('anonymous'));
  // Its call path names the line inside the file that contributed most.
  assert.ok(
    callPathSection(md).includes(
      '  - cacheResponse · [src/cache.js:88](https://github.com/o/r/blob/abcdef1234567890/src/cache.js#L88) · *site*\n  - ← handle',
    ),
  );
});

test('group-by traceback keeps the Function column; an anonymous site says so', () => {
  const md = renderMarkdown(withGroupBy(report([workload({ top: [topEntry({ function: '' })] })]), 'traceback'));
  assert.ok(md.includes('**Call paths by growth**'));
  assert.ok(md.includes('| 1 | +12.4 MiB | +90,342 | *(anonymous)* | src/cache.js:88 |'));
});

test('a leak inside node_modules: the call path shows the dependency frames, then the site once, then callers', () => {
  const md = renderMarkdown(report([workload({ top: [dependencyEntry()] })]), { links: LINKS });
  assert.ok(
    callPathSection(md).includes(
      '- **1.** +12.4 MiB\n' +
        '  - push · node\\_modules/lru/index.js:42\n' + // escaped, not linked: not the repository's code
        '  - ← set · node\\_modules/lru/index.js:80\n' +
        '  - ← recordRequests · [helper-leak.mjs:5](https://github.com/o/r/blob/abcdef1234567890/helper-leak.mjs#L5) · *site*\n' +
        '  - ← main · [app.mjs:9](https://github.com/o/r/blob/abcdef1234567890/app.mjs#L9)',
    ),
  );
});

test('a site deeper than the frame cap is still shown in its call path', () => {
  const inside = Array.from({ length: 70 }, (_, i) => ({
    file: 'node_modules/dep/x.js',
    line: i + 1,
    function: `d${i}`,
  }));
  const site = { file: 'helper-leak.mjs', line: 5, function: 'recordRequests' };
  const md = renderMarkdown(
    report([
      workload({
        top: [dependencyEntry({ traceback: [...inside, site, { file: 'app.mjs', line: 9, function: 'main' }] })],
      }),
    ]),
  );
  const section = callPathSection(md);
  // The innermost frames, the gap, the call into the dependency, the site and its caller: 64 frames in all.
  assert.ok(section.includes('- **1.** +12.4 MiB\n  - d0 · node\\_modules/dep/x.js:1\n'));
  assert.ok(
    section.includes(
      '  - ← d60 · node\\_modules/dep/x.js:61\n  - ← … 8 more frames\n  - ← d69 · node\\_modules/dep/x.js:70\n' +
        '  - ← recordRequests · helper-leak.mjs:5 · *site*\n  - ← main · app.mjs:9\n',
    ),
    section,
  );
});

test('trimmed one-line workloads keep external growth beside retained growth', () => {
  const ws = Array.from({ length: 12 }, (_, i) =>
    workload({ path: `w${i}.mjs`, retained: { heap: 11 * MiB, external: 2 * MiB, total: 13 * MiB } }),
  );
  const md = renderMarkdown(report(ws), { maxLength: 3000 });
  assert.ok(md.length <= 3000);
  assert.ok(
    md.includes('- ❌ w11.mjs: retained +13 MiB (heap + external), external growth +2 MiB (details trimmed)'),
    md,
  );
});

test('the trimmed note points to the job summary and the run, or from the summary to the artifact', () => {
  const r = hugeReport(50);
  const run = 'https://github.com/o/r/actions/runs/9';
  const note = (options: Parameters<typeof renderMarkdown>[1]): string =>
    /^> ✂️ .*$/m.exec(renderMarkdown(r, { maxLength: 20_000, ...options }))?.[0] ?? '';
  assert.equal(
    note({ detailsUrl: run }),
    `> ✂️ This report was trimmed to fit GitHub's size limit — the full report is in the job summary of [this workflow run](${run}) and in the JSON report artifact.`,
  );
  assert.equal(
    note({}),
    "> ✂️ This report was trimmed to fit GitHub's size limit — the full report is in the job summary and in the JSON report artifact.",
  );
  assert.equal(
    note({ detailsUrl: run, summary: true }),
    `> ✂️ This report was trimmed to fit GitHub's size limit — the full report is in the JSON report artifact of [this workflow run](${run}).`,
  );
});

test('a failing report verdict outranks a workload that could not run, as in the gate', () => {
  const r = report([errorWorkload(), cleanWorkload()], { verdict: { status: 'fail', reasons: ['Memory regressed.'] } });
  assert.match(renderMarkdown(r), /^### ❌ memgate: the memory gate failed\n/);
});
