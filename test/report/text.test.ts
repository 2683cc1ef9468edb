import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BaseComparison } from '../../src/analysis/base-compare.ts';
import { renderText, TEXT_WIDTH } from '../../src/report/text.ts';
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

const MiB = 1024 * 1024;

function widest(text: string): number {
  return Math.max(...text.split('\n').map((l) => Array.from(l).length));
}

const comparison: BaseComparison = {
  regressed: true,
  workloads: [
    {
      path: 'examples/node/leaky-cache.mjs',
      status: 'compared',
      retained: { base: 20_000, head: 13 * MiB, change: 13 * MiB - 20_000, limit: 300_000, regressed: true },
      heapAfter: { base: 8 * MiB, head: 21 * MiB, change: 13 * MiB, limit: null, regressed: false },
      peakRss: null,
      newSites: ['src/cache.js:88'],
      regressed: true,
      reasons: ['Retained growth rose by 13 MiB against base.'],
    },
    {
      path: 'gone.mjs',
      status: 'missing',
      retained: null,
      heapAfter: null,
      peakRss: null,
      newSites: [],
      regressed: false,
      reasons: [],
    },
  ],
};

test('per workload: header, verdict, figures, top rows like tracemalloc', () => {
  const text = renderText(report([workload()]));
  const lines = text.split('\n');
  assert.equal(lines[0], 'memgate 0.1.0 · 1 workload · grouped by line');
  assert.ok(lines.includes('FAIL   examples/node/leaky-cache.mjs'));
  assert.ok(
    lines.includes(
      '       node 20.20.2 (V8 11.3.244.8) · inspector, 4 KiB sampling, depth 32 · 50 iterations, 1 trial',
    ),
  );
  assert.ok(
    lines.includes('       - Retained memory grew by 13 MiB over 50 iterations (leak rate 260 KiB per iteration).'),
  );
  assert.ok(lines.includes('       heap after             21 MiB'));
  assert.ok(lines.includes('       retained heap         +13 MiB'));
  assert.ok(lines.includes('       external growth           0 B'), 'external growth has its own line even when 0');
  assert.ok(lines.includes('       retained total        +13 MiB'));
  assert.ok(lines.includes('       peak RSS               84 MiB'));
  assert.ok(lines.includes('       leak rate          +259.8 KiB  per iteration (r² 0.99)'));
  assert.ok(lines.includes('       top 2 of 234 lines by growth:'));
  assert.ok(lines.includes('         +12.4 MiB  src/cache.js:88  cacheResponse  (+90,342 objects)'));
  assert.ok(lines.includes('                    ← handle src/server.js:12  ← processTimers node:internal/timers:594'));
  assert.ok(lines.includes('         +39.1 KiB  src/util.js:7  clone  (+300 objects)'));
  assert.equal(lines.at(-2), 'FAIL: retained memory keeps growing (1 workload: 1 failed)', 'no base: no regression');
});

test('objects are omitted when the profiler cannot count them', () => {
  const w = workload({
    profiler: {
      backend: 'v8-profiler-next',
      samplingInterval: 4096,
      stackDepth: 32,
      countsObjects: false,
      continuous: false,
    },
  });
  const text = renderText(report([w]));
  assert.ok(text.includes('         +12.4 MiB  src/cache.js:88  cacheResponse\n'));
  assert.ok(!text.includes('objects)'));
});

test('python: traced figures, exact profiler', () => {
  const w = cleanWorkload({
    runtime: { name: 'python', version: '3.11.7' },
    profiler: { backend: 'tracemalloc', samplingInterval: null, stackDepth: 32, countsObjects: true, continuous: true },
    memory: { ...cleanWorkload().memory, traced: { current: 2 * MiB, peak: 5 * MiB } },
  });
  const text = renderText(report([w]));
  assert.ok(text.includes('python 3.11.7 · tracemalloc, exact, depth 32'));
  assert.ok(text.includes('       traced after           21 MiB'));
  assert.ok(text.includes('       traced peak             5 MiB'));
  assert.ok(text.includes('PASS: memory does not keep growing (1 workload: 1 passed)'));
});

test('trials show the spread', () => {
  const text = renderText(report([workload({ trials: 3, spread: 120 * 1024 })]));
  assert.ok(text.includes('retained total        +13 MiB  (median of 3 trials, spread 120 KiB)'));
});

test('errors: kind, phase, iteration, message, stack; no memory verdict', () => {
  const text = renderText(report([errorWorkload()]));
  assert.ok(text.includes('ERROR  examples/node/broken.mjs'));
  assert.ok(text.includes('       the workload threw in the measured pass, at iteration 12'), text);
  assert.ok(text.includes('       Cannot read properties of undefined (reading "x")'));
  assert.ok(
    text.includes(
      '         TypeError: Cannot read properties of undefined\n             at run (examples/node/broken.mjs:4:11)',
    ),
  );
  assert.ok(text.includes('memory not judged'));
  assert.ok(!text.includes('heap after'));
  assert.ok(!text.includes('PASS'));
  assert.ok(text.includes('ERROR: a workload could not be measured (1 workload: 1 could not be measured)'));
});

test('with a comparison: base vs head per metric, new sites, workloads only in base', () => {
  const text = renderText(report([workload(), cleanWorkload()]), { comparison });
  assert.ok(text.includes('compared with base'));
  const lines = text.split('\n');
  const at = lines.indexOf('       vs base                  base       head                change        limit');
  assert.ok(at > 0);
  assert.equal(
    lines[at + 1],
    '       retained total      +19.5 KiB    +13 MiB               +13 MiB    ≤ 293 KiB  REGRESSED',
  );
  assert.equal(lines[at + 2], '       heap after              8 MiB     21 MiB     +13 MiB (+162.5%)            —');
  assert.equal(lines[at + 3], '', 'no peak RSS row when the comparison has none');
  assert.ok(text.includes('cacheResponse  (+90,342 objects)  [new]'));
  assert.ok(text.includes('In base but not measured in this run:\n  gone.mjs'));
  assert.ok(
    text
      .replace(/\n {2}(?=\S)/g, ' ')
      .includes(
        'FAIL: memory regression against the base, and retained memory keeps growing (2 workloads: 1 regressed, 1 passed)',
      ),
  );
});

test('readable at 100 columns, even with long names, paths and messages', () => {
  const long = 'deeply/nested/'.repeat(12) + 'file.js';
  const w = workload({
    path: long,
    top: [topEntry({ file: long, function: 'aFunctionWithAVeryLongName'.repeat(5), traceback: [] })],
    verdict: { status: 'fail', reasons: ['word '.repeat(60) + 'x'.repeat(250)] },
  });
  const broken = errorWorkload({ error: { kind: 'threw', message: 'm '.repeat(200), stack: 's'.repeat(400) } });
  const text = renderText(report([w, broken, cleanWorkload()]), { comparison });
  assert.ok(widest(text) <= TEXT_WIDTH, `widest line ${widest(text)}`);
  assert.match(
    text,
    / {9}\+12\.4 MiB {2}…[a-z/]*\/file\.js:88 {2}aFunctionWithAVeryLongName[A-Za-z]*… {2}\(\+90,342 objects\)\n/,
    'long paths keep their tail',
  );
  assert.ok(text.includes(`FAIL   …${long.slice(-(TEXT_WIDTH - 8))}`));
});

test('control characters from the workload are shown, not sent to the terminal', () => {
  const w = workload({
    path: 'a\u001b[2Jb.mjs',
    top: [topEntry({ function: 'f\u001b]0;pwned\u0007', file: 'x\r.js', traceback: [] })],
    verdict: { status: 'fail', reasons: ['r\u001b[31m'] },
  });
  const broken = errorWorkload({ error: { kind: 'threw', message: 'boom\u001b[1A', stack: 'at \u202Ex' } });
  const text = renderText(report([w, broken]));
  // eslint-disable-next-line no-control-regex -- the controls the renderer must never emit
  assert.doesNotMatch(text, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
  assert.ok(text.includes('a\\x1b[2Jb.mjs'));
  assert.ok(text.includes('f\\x1b]0;pwned\\x07'));
  assert.ok(text.includes('x\\x0d.js:88'));
  assert.ok(text.includes('boom\\x1b[1A'));
});

test('group-by file: the file is the site, with no function and no line', () => {
  const text = renderText(withGroupBy(report([workload({ top: [fileEntry()] })]), 'file'));
  const lines = text.split('\n');
  assert.ok(lines.includes('       top 1 of 234 files by growth:'));
  assert.ok(lines.includes('         +12.4 MiB  src/cache.js  (+90,342 objects)'), text);
  assert.ok(lines.includes('                    ← handle src/server.js:12'), 'callers of the frame in that file');
  assert.ok(!text.includes('(anonymous)'));
  assert.ok(!text.includes('src/cache.js:0'));
});

test('a leak inside node_modules: the site once, the dependency frames innermost first, then the callers', () => {
  const text = renderText(report([workload({ top: [dependencyEntry()] })]));
  const lines = text.split('\n');
  const at = lines.indexOf('         +12.4 MiB  helper-leak.mjs:5  recordRequests  (+90,342 objects)');
  assert.ok(at > 0, text);
  assert.deepEqual(lines.slice(at + 1, at + 4), [
    '                    allocated in push node_modules/lru/index.js:42',
    '                                 ← set node_modules/lru/index.js:80', // wrapped under the frames inside
    '                    ← main app.mjs:9',
  ]);
  assert.equal(text.split('recordRequests').length - 1, 1, 'the site is not repeated as its own caller');
});

test('a deep dependency stack keeps the allocating frames and the call the site made', () => {
  const inside = ['a', 'b', 'c', 'd', 'e'].map((fn, i) => ({
    file: 'node_modules/dep/x.js',
    line: i + 1,
    function: fn,
  }));
  const entry = dependencyEntry({
    traceback: [...inside, { file: 'helper-leak.mjs', line: 5, function: 'recordRequests' }],
  });
  const text = renderText(report([workload({ top: [entry] })]));
  assert.ok(
    text.includes(
      '\n                    allocated in a node_modules/dep/x.js:1  ← b node_modules/dep/x.js:2  ← …\n' +
        '                                 ← e node_modules/dep/x.js:5\n',
    ),
    text,
  );
});

test('group-by traceback: the call path is the row, so more of it is shown, wrapped at the width', () => {
  const callers = Array.from({ length: 12 }, (_, i) => ({
    file: `src/layer${i}.js`,
    line: i + 1,
    function: `layer${i}`,
  }));
  const entry = topEntry({ traceback: [{ file: 'src/cache.js', line: 88, function: 'cacheResponse' }, ...callers] });
  const text = renderText(withGroupBy(report([workload({ top: [entry] })]), 'traceback'));
  assert.ok(text.includes('top 1 of 234 call paths by growth:'));
  assert.ok(text.includes('         +12.4 MiB  src/cache.js:88  cacheResponse  (+90,342 objects)\n'));
  for (let i = 0; i < 10; i++) assert.ok(text.includes(`← layer${i} src/layer${i}.js:${i + 1}`), `caller ${i} shown`);
  assert.ok(!text.includes('layer10'));
  assert.ok(text.includes('← …'));
  assert.ok(widest(text) <= TEXT_WIDTH);
});

test('a workload that failed before reporting: no empty version, no "0 iterations", no internal codes', () => {
  const text = renderText(
    report([
      errorWorkload({
        runtime: { name: 'node', version: '' },
        iterations: 0,
        error: { kind: 'no-export', phase: 'load', message: 'exports: x; expected a default export or `run` function' },
      }),
    ]),
  );
  assert.ok(text.includes('       node · inspector'), text);
  assert.ok(!text.includes('0 iterations'), text);
  assert.ok(text.includes('       the workload has nothing memgate can run\n'), text);
  assert.ok(!/no-export|during load/.test(text), text);
});

test('a workload whose options are wrong says so, not that it has nothing to run (Node and Python messages)', () => {
  for (const message of [
    'options.iterations must be a positive whole number, got "100"',
    '/w/perf/a.mjs: options.maxRetained: "10XB" is not a size: unknown unit "XB"',
    `/w/perf/a.py: options["maxHeap"] must be a size such as '256KB', got 'lots'`,
  ]) {
    const text = renderText(report([errorWorkload({ error: { kind: 'no-export', phase: 'load', message } })]));
    assert.ok(text.includes('       the workload has an invalid option\n'), text);
  }
  const none = renderText(
    report([
      errorWorkload({
        error: { kind: 'no-export', phase: 'load', message: 'exports: options, setup; expected a default export' },
      }),
    ]),
  );
  assert.ok(none.includes('       the workload has nothing memgate can run\n'), none);
});

test('the headline says what failed: growth, a ceiling, a regression against the base, or a workload that could not run', () => {
  const last = (text: string): string =>
    text
      .trimEnd()
      .split('\n')
      .filter((l) => !l.startsWith('  '))
      .at(-1)!;
  const settings = report([]).settings;
  const ceilings = (c: Partial<typeof settings.ceilings>) => ({
    settings: { ...settings, ceilings: { ...settings.ceilings, ...c } },
  });
  // A ceiling alone: max-rss failed, the leak rule passed (84 MiB peak RSS in the fixture).
  const overRss = cleanWorkload({ verdict: { status: 'fail', reasons: ['peak RSS 84 MiB exceeds max-rss 64 MiB'] } });
  assert.equal(
    last(renderText(report([overRss], ceilings({ maxRss: 64 * MiB })))),
    'FAIL: peak RSS over max-rss (1 workload: 1 failed)',
  );
  // Growth and a ceiling.
  const both = workload({
    verdict: { status: 'fail', reasons: ['peak RSS 84 MiB exceeds max-rss 64 MiB', 'grew 13 MiB … a leak'] },
  });
  assert.equal(
    last(renderText(report([both], ceilings({ maxRss: 64 * MiB })))),
    'FAIL: retained memory keeps growing, and peak RSS over max-rss (1 workload: 1 failed)',
  );
  // max-retained replaces the leak rule: over it is not "keeps growing".
  const overRetained = workload({
    verdict: { status: 'fail', reasons: ['retained growth 13 MiB exceeds max-retained 1 MiB'] },
  });
  assert.equal(
    last(renderText(report([overRetained], ceilings({ maxRetained: MiB })))),
    'FAIL: retained memory over max-retained (1 workload: 1 failed)',
  );
  // Passing: what it was judged on.
  assert.equal(
    last(renderText(report([cleanWorkload()], ceilings({ maxRss: 512 * MiB })))),
    'PASS: memory does not keep growing and stays within max-rss (1 workload: 1 passed)',
  );
  assert.equal(
    last(renderText(report([cleanWorkload()], ceilings({ maxRetained: 64 * MiB, maxHeap: 256 * MiB })))),
    'PASS: memory stays within max-retained and max-heap (1 workload: 1 passed)',
  );
  // With a base that did not regress: no regression, whatever the rule.
  const compared: BaseComparison = {
    regressed: false,
    workloads: [{ ...comparison.workloads[0]!, path: cleanWorkload().path, regressed: false, reasons: [] }],
  };
  assert.equal(
    last(renderText(report([cleanWorkload()]), { comparison: compared })),
    'PASS: no memory regression against the base (1 workload: 1 passed)',
  );
  // A regression against the base alone, the head passing its own gate.
  const regressedOnly: BaseComparison = { ...comparison, workloads: [comparison.workloads[0]!] };
  assert.equal(
    last(renderText(report([workload({ verdict: { status: 'pass', reasons: [] } })]), { comparison: regressedOnly })),
    'FAIL: memory regression against the base (1 workload: 1 regressed)',
  );
  // A failure beside a workload that could not run: the headline names the failure, the count the rest.
  assert.equal(
    last(renderText(report([workload(), errorWorkload(), errorWorkload({ path: 'b.mjs' })]))),
    'FAIL: retained memory keeps growing (3 workloads: 1 failed, 2 could not be measured)',
  );
  assert.equal(
    last(renderText(report([errorWorkload(), errorWorkload({ path: 'b.mjs' }), cleanWorkload()]))),
    'ERROR: 2 workloads could not be measured (3 workloads: 2 could not be measured, 1 passed)',
  );
});

test('wrapping keeps a number beside its unit', () => {
  const reason = `${'x'.repeat(84)} by 8.1 KiB/iteration (±64 B) over 128 more iterations`;
  const text = renderText(report([workload({ verdict: { status: 'fail', reasons: [reason] } })]));
  assert.ok(!/\d\n +(?:[KMG]i)?B\b/.test(text), text);
  assert.ok(text.includes('8.1 KiB/iteration'), text);
});

test('the last memory a failed workload reported, in its runtime’s terms', () => {
  const lastMemory = { heapUsed: 40 * MiB, heapTotal: 48 * MiB, external: 0, arrayBuffers: 0, rss: 62.8 * MiB };
  const error = { kind: 'oom' as const, phase: 'pass2', iteration: 2, message: 'MemoryError', lastMemory };
  const python = renderText(
    report([errorWorkload({ path: 'perf/big.py', runtime: { name: 'python', version: '3.11.7' }, error })]),
  );
  assert.ok(python.includes('       last memory seen: traced 40 MiB, RSS 62.8 MiB\n'), python);
  const node = renderText(
    report([errorWorkload({ error: { ...error, lastMemory: { ...lastMemory, external: 2 * MiB } } })]),
  );
  assert.ok(node.includes('       last memory seen: heap 40 MiB, external 2 MiB, RSS 62.8 MiB\n'), node);
});
