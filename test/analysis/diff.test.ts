import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffSnapshots, type DiffOptions, type SiteDiff } from '../../src/analysis/diff.ts';
import { alloc, CWD, frame, PROBE, rawFrame, snapshot } from './helpers.ts';

const options = (extra: Partial<DiffOptions> = {}): DiffOptions => ({
  groupBy: 'line',
  cwd: CWD,
  include: [],
  exclude: [],
  ...extra,
});
const byKey = (sites: SiteDiff[]): Map<string, SiteDiff> => new Map(sites.map((s) => [s.key, s]));

// A cache filled from two callers, a transient buffer, and a dependency helper called from user code.
const remember = frame('src/cache.ts', 12, 'remember');
const fromApi = frame('src/api.ts', 30, 'handle');
const fromJob = frame('src/job.ts', 8, 'tick');
const builtin = rawFrame('', 0, 'push');
const lodash = frame('node_modules/lodash/cloneDeep.js', 7, 'baseClone');
const report = frame('src/report.ts', 5, '');

describe('diffSnapshots', () => {
  const baseline = snapshot(
    alloc(1000, [builtin, remember, fromApi, ...PROBE], 10),
    alloc(500, [remember, fromJob, ...PROBE], 5),
    alloc(4000, [frame('src/old.ts', 3, 'legacy'), ...PROBE], 4),
    alloc(300, [lodash, report, ...PROBE], 3),
  );
  const after = snapshot(
    alloc(9000, [builtin, remember, fromApi, ...PROBE], 90),
    alloc(700, [remember, fromJob, ...PROBE], 7),
    alloc(300, [lodash, report, ...PROBE], 3),
    alloc(2048, [frame('src/cache.ts', 20, 'evict'), ...PROBE], 2),
  );

  it('groups by line: function, file and line of the attributed frame', () => {
    const sites = diffSnapshots(after, baseline, options());
    const cache = byKey(sites).get('src/cache.ts:12 (remember)');
    assert.ok(cache);
    assert.deepEqual(
      {
        file: cache.file,
        line: cache.line,
        function: cache.function,
        size: cache.size,
        sizeDiff: cache.sizeDiff,
        count: cache.count,
        countDiff: cache.countDiff,
      },
      { file: 'src/cache.ts', line: 12, function: 'remember', size: 9700, sizeDiff: 8200, count: 97, countDiff: 82 },
    );
    // The lodash helper's bytes belong to the user line that called it; anonymous functions have no name in the key.
    assert.deepEqual(
      sites.map((s) => s.key),
      ['src/cache.ts:12 (remember)', 'src/cache.ts:20 (evict)', 'src/report.ts:5', 'src/old.ts:3 (legacy)'],
    );
  });

  it('shows sites freed since the baseline with negative diffs (compare_to semantics)', () => {
    const legacy = byKey(diffSnapshots(after, baseline, options())).get('src/old.ts:3 (legacy)');
    assert.ok(legacy);
    assert.equal(legacy.size, 0);
    assert.equal(legacy.sizeDiff, -4000);
    assert.equal(legacy.count, 0);
    assert.equal(legacy.countDiff, -4);
    assert.deepEqual(legacy.traceback, [{ file: 'src/old.ts', line: 3, function: 'legacy' }]);
  });

  it('groups by file', () => {
    const sites = diffSnapshots(after, baseline, options({ groupBy: 'file' }));
    const cache = byKey(sites).get('src/cache.ts');
    assert.ok(cache);
    assert.equal(cache.size, 9700 + 2048);
    assert.equal(cache.sizeDiff, 8200 + 2048);
    assert.equal(cache.line, 0);
    assert.equal(cache.function, '');
    assert.deepEqual(
      sites.map((s) => s.key),
      ['src/cache.ts', 'src/report.ts', 'src/old.ts'],
    );
  });

  it('groups by traceback: one site per call path, runtime frames left out of the key', () => {
    const sites = diffSnapshots(after, baseline, options({ groupBy: 'traceback' }));
    const keys = sites.map((s) => s.key);
    assert.deepEqual(keys.slice(0, 2), [
      'src/cache.ts:12 (remember) < src/api.ts:30 (handle)',
      'src/cache.ts:20 (evict)',
    ]);
    const fromJobSite = byKey(sites).get('src/cache.ts:12 (remember) < src/job.ts:8 (tick)');
    assert.ok(fromJobSite);
    assert.equal(fromJobSite.sizeDiff, 200);
    assert.equal(fromJobSite.file, 'src/cache.ts');
    assert.equal(fromJobSite.line, 12);
    const viaLodash = byKey(sites).get('node_modules/lodash/cloneDeep.js:7 (baseClone) < src/report.ts:5');
    assert.ok(viaLodash, keys.join('\n'));
    assert.equal(viaLodash.file, 'src/report.ts');
  });

  it('gives the traceback of the stack that grew most, innermost first, with relative paths', () => {
    // The steady cache from src/warm.ts holds more, but the growth comes through src/api.ts.
    const warm = frame('src/warm.ts', 2, 'warm');
    const base = snapshot(alloc(50_000, [remember, warm, ...PROBE]), alloc(1000, [remember, fromApi, ...PROBE]));
    const next = snapshot(
      alloc(50_000, [remember, warm, ...PROBE]),
      alloc(21_000, [builtin, remember, fromApi, ...PROBE]),
    );
    const [site] = diffSnapshots(next, base, options());
    assert.ok(site);
    assert.equal(site.sizeDiff, 20_000);
    assert.deepEqual(site.traceback, [
      { file: 'src/cache.ts', line: 12, function: 'remember' },
      { file: 'src/api.ts', line: 30, function: 'handle' },
    ]);
  });

  it('sorts by sizeDiff, then size, then key', () => {
    const s = (file: string, size: number) => alloc(size, [frame(file, 1, 'f')]);
    const sites = diffSnapshots(
      snapshot(s('b.ts', 300), s('a.ts', 300), s('c.ts', 500), s('d.ts', 900), s('e.ts', 100)),
      snapshot(s('c.ts', 200), s('e.ts', 300)),
      options(),
    );
    assert.deepEqual(
      sites.map((x) => [x.key, x.sizeDiff, x.size]),
      [
        ['d.ts:1 (f)', 900, 900],
        ['c.ts:1 (f)', 300, 500],
        ['a.ts:1 (f)', 300, 300],
        ['b.ts:1 (f)', 300, 300],
        ['e.ts:1 (f)', -200, 100],
      ],
    );
  });

  it('keeps files outside cwd absolute and runtime ids as they are', () => {
    const outside = alloc(100, [{ functionName: 'x', file: '/elsewhere/lib.js', line: 2, column: 1 }]);
    const internal = alloc(64, [rawFrame('node:internal/streams/readable', 10, 'push'), ...PROBE]);
    const sites = diffSnapshots(
      snapshot(outside, internal),
      snapshot(),
      options({ include: ['**', 'node:*/**', '/elsewhere/**'] }),
    );
    assert.deepEqual(sites.map((s) => s.file).sort(), ['/elsewhere/lib.js', 'node:internal/streams/readable']);
  });

  it('drops runtime-only allocations by default and applies globs before grouping', () => {
    const jit = alloc(70_000, [rawFrame('', 0, '(V8 API)')]);
    const internal = alloc(5_000, [rawFrame('node:internal/modules/esm/loader', 1, 'load'), ...PROBE]);
    const gen = alloc(8_000, [frame('src/generated/schema.ts', 1, 'build'), frame('src/main.ts', 3, 'main')]);
    const main = alloc(1_000, [frame('src/main.ts', 3, 'main')]);
    const sites = diffSnapshots(
      snapshot(jit, internal, gen, main),
      snapshot(),
      options({ exclude: ['src/generated/**'] }),
    );
    // The generated file's bytes are dropped, not re-attributed to its caller.
    assert.deepEqual(
      sites.map((s) => [s.key, s.size]),
      [['src/main.ts:3 (main)', 1000]],
    );
    const onlySrc = diffSnapshots(
      snapshot(jit, internal, gen, main),
      snapshot(),
      options({ include: ['src/generated/**'] }),
    );
    assert.deepEqual(
      onlySrc.map((s) => s.key),
      ['src/generated/schema.ts:1 (build)'],
    );
  });

  it('charges to the dependency frame when skipDependencies is false', () => {
    const sites = diffSnapshots(
      snapshot(alloc(300, [lodash, report])),
      snapshot(),
      options({ skipDependencies: false }),
    );
    assert.deepEqual(
      sites.map((s) => s.key),
      ['node_modules/lodash/cloneDeep.js:7 (baseClone)'],
    );
  });

  it('walks past Python stdlib frames named by runtimePaths', () => {
    const py = (file: string, line: number) => ({ functionName: '', file, line, column: 0 });
    const stack = [
      py('/usr/lib/python3.11/json/decoder.py', 353),
      py('/repo/app/load.py', 9),
      py('/opt/memgate/dist/probe/python_probe.py', 80),
    ];
    const sites = diffSnapshots(
      snapshot(alloc(4096, stack)),
      snapshot(),
      options({ runtimePaths: ['/usr/lib/python3.11'] }),
    );
    assert.deepEqual(
      sites.map((s) => [s.key, s.traceback.length]),
      [['app/load.py:9', 2]],
    );
    // The stdlib frame that allocated is shown under the user's line ("allocated in ... decoder.py:353").
    assert.deepEqual(sites[0]!.traceback[0], { file: '/usr/lib/python3.11/json/decoder.py', line: 353, function: '' });
  });

  it('names the runtime frames that allocated when no user or dependency frame sits below the site', () => {
    const undici = [
      rawFrame('node:internal/deps/undici/undici', 4349, 'createOpaqueTimingInfo'),
      rawFrame('node:internal/deps/undici/undici', 10646, 'fetching'),
    ];
    const run = frame('perf/fetch.memgate.mjs', 16, 'run');
    const sites = diffSnapshots(snapshot(alloc(8192, [builtin, ...undici, run, ...PROBE])), snapshot(), options());
    assert.equal(sites[0]!.key, 'perf/fetch.memgate.mjs:16 (run)');
    // Innermost first: the two undici frames (the builtin without a file is left out), then the site.
    assert.deepEqual(
      sites[0]!.traceback.map((f) => f.function),
      ['createOpaqueTimingInfo', 'fetching', 'run'],
    );
  });

  it('ignores empty allocations', () => {
    const sites = diffSnapshots(snapshot(alloc(0, [remember], 0)), snapshot(), options());
    assert.deepEqual(sites, []);
  });
});
