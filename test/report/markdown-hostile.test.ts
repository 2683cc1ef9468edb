/**
 * Property test: everything the code under test controls (function names, file and workload paths,
 * error messages, stacks, reasons, site keys) is hostile. Whatever it contains, the comment keeps its
 * structure: the expected tables with the expected rows and columns, no HTML or links or mentions or
 * references injected, no HTML comment besides the marker, and the length cap holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BaseComparison, WorkloadComparison } from '../../src/analysis/base-compare.ts';
import { renderMarkdown, type MarkdownOptions } from '../../src/report/markdown.ts';
import type { Report, TopEntry, WorkloadReport } from '../../src/report/schema.ts';
import { report, workload } from './fixtures.ts';
import { analyze } from './markdown-structure.ts';

const MARKER = '<!-- memgate:comment key=default -->';
const REPO = 'https://github.com/o/r';
const DETAILS = 'https://github.com/o/r/actions/runs/42';

const PIECES = [
  '|',
  '\\|',
  '\\',
  '\\\\|',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '`',
  '```',
  '````',
  '~~~',
  '<!--',
  '-->',
  MARKER,
  '@user',
  '@',
  'a@b.co',
  '@org/team',
  '](http://x)',
  '[x](y)',
  '![i](https://e.vil/p.png)',
  '<https://x.y>',
  '<script>alert(1)</script>',
  '<img src=x onerror=y>',
  '<details>',
  '</details>',
  '&lt;',
  '&#64;',
  '&amp;',
  '#123',
  '#',
  'GH-1',
  'https://evil.com/x',
  'http://e',
  'www.evil.com',
  '*',
  '**',
  '_',
  '~~',
  '$x$',
  '$$',
  '\u202E',
  '\u2066',
  '\u2028',
  '\u0085',
  '\x1b[31m',
  '\u0000',
  '\t',
  'é',
  '🆕',
  '👩‍👩‍👧',
  '\uD800',
  '\uDFFF',
  '    ',
  '- ',
  '> ',
  '1. ',
  '===',
  '| --- |',
  ':--',
  'x'.repeat(300),
];

const hostile = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

const frame = fc.record({ file: hostile, line: fc.nat(100_000), function: hostile });

const top: fc.Arbitrary<TopEntry> = fc.record({
  key: hostile,
  file: hostile,
  line: fc.nat(100_000),
  function: hostile,
  size: fc.nat(1e9),
  sizeDiff: fc.integer({ min: -1e8, max: 1e9 }),
  count: fc.nat(1e6),
  countDiff: fc.integer({ min: -1e5, max: 1e6 }),
  traceback: fc.array(frame, { maxLength: 4 }),
});

const error = fc.record(
  {
    kind: fc.constantFrom(
      'not-found',
      'load',
      'no-export',
      'threw',
      'timeout',
      'oom',
      'exit',
      'runtime',
      'probe' as const,
    ),
    message: hostile,
    stack: hostile,
    phase: hostile,
    iteration: fc.nat(1000),
  },
  { requiredKeys: ['kind', 'message'] },
);

const workloadArb: fc.Arbitrary<WorkloadReport> = fc
  .record({
    path: hostile,
    version: hostile,
    engine: hostile,
    top: fc.array(top, { maxLength: 6 }),
    countsObjects: fc.boolean(),
    traced: fc.boolean(),
    status: fc.constantFrom('pass', 'fail' as const),
    reasons: fc.array(hostile, { maxLength: 3 }),
    error: fc.option(error, { nil: undefined }),
  })
  .map((a) => {
    const base = workload();
    return workload({
      path: a.path,
      runtime: { name: 'node', version: a.version, engine: a.engine },
      profiler: { ...base.profiler, countsObjects: a.countsObjects },
      memory: a.traced ? { ...base.memory, traced: { current: 1, peak: 2 } } : base.memory,
      top: a.top,
      totalSites: a.top.length,
      verdict: { status: a.error ? 'error' : a.status, reasons: a.reasons },
      ...(a.error ? { error: a.error } : {}),
    });
  });

interface Case {
  report: Report;
  options: MarkdownOptions;
}

function comparisonFor(
  workloads: WorkloadReport[],
  picks: boolean[],
  extraPath: string,
  reason: string,
): BaseComparison {
  const metric = { base: 1000, head: 2000, change: 1000, limit: 1500, regressed: true };
  const compared: WorkloadComparison[] = workloads.map((w, i) => ({
    path: w.path,
    status: picks[i] ? 'compared' : 'new',
    retained: metric,
    heapAfter: metric,
    peakRss: { ...metric, limit: null, regressed: false },
    newSites: [...w.top.filter((_, j) => j % 2 === 0).map((t) => t.key), reason],
    regressed: true,
    reasons: [reason],
  }));
  compared.push({
    path: extraPath,
    status: 'missing',
    retained: null,
    heapAfter: null,
    peakRss: null,
    newSites: [],
    regressed: false,
    reasons: [],
  });
  return { workloads: compared, regressed: true };
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    workloads: fc.array(workloadArb, { minLength: 1, maxLength: 3 }),
    groupBy: fc.constantFrom('line', 'file', 'traceback' as const),
    reportReasons: fc.array(hostile, { maxLength: 2 }),
    title: fc.option(hostile, { nil: undefined }),
    baseKind: fc.constantFrom('none', 'missing', 'comparison'),
    picks: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    text: hostile,
    text2: hostile,
    links: fc.boolean(),
    // URLs come from the Action, not from PR code; unsafe ones must be dropped, not linked.
    detailsUrl: fc.constantFrom(DETAILS, 'javascript:alert(1)', '', 'x](y'),
    maxLength: fc.oneof(fc.constant(65_536), fc.integer({ min: 1_500, max: 20_000 })),
  })
  .map((a) => {
    const r = report(a.workloads);
    r.settings.groupBy = a.groupBy;
    r.verdict.reasons.push(...a.reportReasons);
    const options: MarkdownOptions = {
      marker: MARKER,
      title: a.title,
      maxLength: a.maxLength,
      detailsUrl: a.detailsUrl,
    };
    if (a.links) options.links = { repoUrl: REPO, sha: a.text2, pathPrefix: a.text };
    if (a.baseKind === 'missing') options.base = { missing: a.text };
    if (a.baseKind === 'comparison') {
      options.base = {
        comparison: comparisonFor(a.workloads, a.picks, a.text, a.text2),
        sha: a.text2,
        createdAt: a.text,
        runUrl: `${REPO}/actions/runs/1`,
      };
    }
    return { report: r, options };
  });

/** The tables we expect, in order, when nothing was trimmed: [columns, rows] per table. */
function expectedTables(c: Case): [number, number][] {
  const comparison = c.options.base && 'comparison' in c.options.base ? c.options.base.comparison : undefined;
  const out: [number, number][] = [];
  for (const w of c.report.workloads) {
    if (w.error || w.verdict.status === 'error') continue;
    const cmp = comparison?.workloads.find((x) => x.path === w.path);
    out.push([cmp?.status === 'compared' ? 5 : 3, w.memory.traced ? 5 : 4]);
    // File rows have no Function column: the file is the site.
    const columns = 3 + (w.profiler.countsObjects ? 1 : 0) + (c.report.settings.groupBy === 'file' ? 0 : 1);
    if (w.top.length > 0) out.push([columns, w.top.length]);
  }
  return out;
}

// eslint-disable-next-line no-control-regex -- the controls the renderer must never emit
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const OUR_TAGS = /<details><summary>[^<]*<\/summary>|<\/details>/g;
const OUR_LINK_TARGETS = new RegExp(`\\]\\(${REPO.replace(/[./]/g, '\\$&')}/[^)\\s]*\\)`, 'g');

function check(c: Case): void {
  const md = renderMarkdown(c.report, c.options);
  const max = c.options.maxLength ?? 65_536;
  assert.ok(md.length <= max, `length ${md.length} > ${max}`);
  assert.ok(md.startsWith(`${MARKER}\n### `), 'marker then verdict first');
  assert.equal(md.split('<!--').length - 1, 1, 'only the marker opens an HTML comment');
  assert.doesNotMatch(md, CONTROLS);
  assert.doesNotMatch(md, LONE_SURROGATE);

  const s = analyze(md);
  assert.equal(s.unclosedFence, false, 'every code fence is closed');
  const outside = s.outside.slice(MARKER.length);
  assert.equal(outside.replace(OUR_TAGS, '').indexOf('<'), -1, 'no HTML opened by input');
  assert.doesNotMatch(outside, /@[\p{L}\p{N}_]/u, 'no @mention');
  assert.doesNotMatch(outside, /!\[/, 'no image');
  const withoutOurLinks = outside.replace(OUR_LINK_TARGETS, '](…)').replaceAll(`](${DETAILS})`, '](…)');
  assert.doesNotMatch(withoutOurLinks, /#\p{N}|GH-\d/iu, 'no #123 reference');
  assert.doesNotMatch(withoutOurLinks, /\]\((?!…\))/, 'no link target from input');
  assert.doesNotMatch(withoutOurLinks, /:\/\/|www\./i, 'no autolink');
  for (const line of outside.split('\n')) {
    if (/^\s*#/.test(line)) assert.match(line, /^#{3,4} /, `heading line: ${line}`);
    if (line.startsWith('|')) {
      assert.ok(line.endsWith('|'), `row ends with a pipe: ${line}`);
      const trailing = /(\\*)\|$/.exec(line)![1]!.length;
      assert.equal(trailing % 2, 0, `last pipe is not escaped: ${line}`);
    }
  }

  const trimmed = md.includes('This report was trimmed');
  const expected = expectedTables(c);
  for (const t of s.tables) {
    assert.equal(t.delimiter?.length, t.columns, `delimiter row of ${JSON.stringify(t.header)}`);
    for (const row of t.rows)
      assert.equal(row.length, t.columns, `row ${JSON.stringify(row)} in ${JSON.stringify(t.header)}`);
  }
  if (!trimmed) {
    assert.deepEqual(
      s.tables.map((t) => [t.columns, t.rows.length]),
      expected,
      'tables (columns, data rows) as expected',
    );
  } else {
    assert.ok(s.tables.length <= expected.length);
  }
}

test('hostile strings never change the comment structure (property)', () => {
  fc.assert(fc.property(caseArb, check), { numRuns: Number(process.env.FC_NUM_RUNS ?? 400) });
});

test('the specific attacks from the brief', () => {
  const evil = 'x | y\n| a | b |\n`code` <!-- c --> @user ](http://x) <b>bold</b> #1 https://e.vil';
  const w = workload({
    path: evil,
    top: [
      {
        key: evil,
        file: evil,
        line: 3,
        function: evil,
        size: 10,
        sizeDiff: 10,
        count: 1,
        countDiff: 1,
        traceback: [
          { file: evil, line: 1, function: evil },
          { file: evil, line: 2, function: evil },
        ],
      },
    ],
    verdict: { status: 'fail', reasons: [evil] },
  });
  const broken = workload({
    path: evil,
    verdict: { status: 'error', reasons: [] },
    error: { kind: 'threw', message: evil, stack: evil, phase: evil },
  });
  check({
    report: report([w, broken]),
    options: { marker: MARKER, links: { repoUrl: REPO, sha: 'abc', pathPrefix: '' }, detailsUrl: DETAILS },
  });
});
