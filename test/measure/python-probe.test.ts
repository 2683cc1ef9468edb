// Python workloads measured end to end: the real interpreter, the real probe (dist/probe), the shared runner.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { expectOk, fixture, growthBySite, lineOf, measurePython } from '../fixtures/python/harness.ts';
import { tempDir } from '../temp-dir.ts';

const KB = 1024;
const MB = 1024 * 1024;
const heapGrowth = (result: {
  baseline: { memory: { heapUsed: number } };
  after: { memory: { heapUsed: number } };
}): number => result.after.memory.heapUsed - result.baseline.memory.heapUsed;

test('an unbounded dict cache is the top growth, at the line that fills it', async () => {
  const result = expectOk(await measurePython('leaky_cache.py'));
  const [top] = growthBySite(result);
  assert.ok(top);
  assert.equal(top.file, 'leaky_cache.py');
  assert.equal(top.line, await lineOf('leaky_cache.py', 'LEAK: cache-put'));
  assert.equal(top.functionName, 'run');
  // 50 iterations x 100 entries of bytes(64) (97 bytes each) plus the dict's own growth.
  assert.ok(top.growth > 50 * 100 * 97, `growth ${top.growth}`);
  assert.ok(heapGrowth(result) > 50 * 100 * 97);
  assert.equal(result.iterations, 50, "the workload's options.iterations");
});

test('the model is filled the way the contract says: runtime, profiler, series, timings', async () => {
  const result = expectOk(await measurePython('leaky_cache.py', { iterations: 10 }));
  assert.equal(result.iterations, 10, 'iterations from the caller win over options');
  assert.equal(result.runtime.name, 'python');
  assert.match(result.runtime.version, /^3\.\d+\.\d+$/);
  assert.ok(result.runtime.executable.length > 0);
  assert.ok((result.runtime.libraryPaths ?? []).length > 0, 'stdlib and site-packages paths');
  assert.deepEqual(result.profiler, {
    backend: 'tracemalloc',
    samplingInterval: null,
    stackDepth: 32,
    countsObjects: true,
    continuous: true,
  });
  assert.equal(result.baseline.memory.heapTotal, 0);
  assert.ok(result.after.memory.rss > 0);
  assert.ok(result.peakRss >= result.after.memory.rss);
  assert.ok(result.traced && result.traced.peak >= result.traced.current);
  // Baseline, four checkpoints, after; the leak makes the series climb.
  assert.deepEqual(
    result.series.map((p) => p.iteration),
    [0, 2, 4, 6, 8, 10],
  );
  for (let i = 1; i < result.series.length; i++) assert.ok(result.series[i]!.heapUsed > result.series[i - 1]!.heapUsed);
  assert.equal(result.series.at(-1)!.heapUsed, result.after.memory.heapUsed);
  // Where the time went, the import apart from the setup and the passes (bench/lib/tracemalloc-bare.ts).
  for (const key of ['startupMs', 'loadMs', 'setupMs', 'pass1Ms', 'pass2Ms', 'totalMs'] as const)
    assert.ok((result.timings[key] ?? -1) >= 0, `${key}: ${result.timings[key]}`);
  assert.ok(
    result.timings.loadMs! > 0 && result.timings.loadMs! < result.timings.totalMs,
    JSON.stringify(result.timings),
  );
  for (const allocation of result.after.snapshot.allocations) {
    assert.ok(allocation.stack.length >= 1);
    for (const frame of allocation.stack) {
      assert.ok(frame.file.startsWith('/') || frame.file.startsWith('<'), `absolute path: ${frame.file}`);
      assert.ok(!frame.file.endsWith('python_probe.py'), "the probe's own frames never show");
      assert.equal(frame.column, 0);
    }
  }
});

test('a callback registry of bound methods is found at the subscribing line', async () => {
  const result = expectOk(await measurePython('bound_methods.py'));
  const [top] = growthBySite(result);
  assert.ok(top);
  assert.equal(top.file, 'bound_methods.py');
  assert.equal(top.line, await lineOf('bound_methods.py', 'LEAK: subscribe'));
  assert.ok(top.growth > 50 * 50 * 48, `growth ${top.growth}`);
});

test('a registry of closures is found at the line that creates them, in the function that does', async () => {
  const result = expectOk(await measurePython('callback_registry.py'));
  const [top] = growthBySite(result);
  assert.ok(top);
  assert.equal(top.file, 'callback_registry.py');
  assert.equal(top.line, await lineOf('callback_registry.py', 'return lambda'));
  assert.equal(top.functionName, 'make_listener');
  assert.ok(top.growth > 50 * 50 * 100, `growth ${top.growth}`);
});

test('a 2,000-row report built and dropped each iteration shows no growth', async () => {
  const result = expectOk(await measurePython('report_rows.py'));
  const grown = growthBySite(result).filter((site) => site.growth > 2 * KB);
  assert.deepEqual(grown, []);
  assert.ok(Math.abs(heapGrowth(result)) < 4 * KB, `heap growth ${heapGrowth(result)}`);
  // Yet the rows were really allocated: about 2 MB at the peak of an iteration.
  assert.ok(result.traced!.peak > 2000 * KB, `peak ${result.traced!.peak}`);
});

test('an lru_cache over a fixed key set stops growing after the warm-up pass', async () => {
  const result = expectOk(await measurePython('lru_fixed.py'));
  const grown = growthBySite(result).filter((site) => site.growth > 2 * KB);
  assert.deepEqual(grown, []);
  assert.ok(Math.abs(heapGrowth(result)) < 4 * KB, `heap growth ${heapGrowth(result)}`);
  // The cache itself is there, in both snapshots.
  const render = growthBySite(result).find((site) => site.functionName === 'render');
  assert.ok(render && render.size > 200 * 100, 'the cached strings are live');
});

test("teardown runs untraced on the workload's thread while the snapshots are diffed, and the leak keeps its line", async () => {
  // The fixture's teardown throws if it runs traced or off the main thread (its sqlite3 connection belongs there).
  const result = expectOk(await measurePython('teardown_untraced.py'));
  const [top] = growthBySite(result);
  assert.equal(top?.file, 'teardown_untraced.py');
  assert.equal(top.line, await lineOf('teardown_untraced.py', 'LEAK: rows'));
  assert.equal(top.functionName, 'run');
});

test("what the collector tracks before the workload's import is frozen; the workload's objects are not, and its cycles are collected", async () => {
  const report = join(tempDir('memgate-frozen-'), 'frozen.json');
  process.env.FROZEN_REPORT = report;
  try {
    const result = expectOk(await measurePython('frozen_before_import.py'));
    // 50 iterations x 50 cycles of ~600 bytes would be ~1.5 MB, were they kept.
    assert.deepEqual(
      growthBySite(result).filter((site) => site.growth > 2 * KB),
      [],
    );
    assert.ok(Math.abs(heapGrowth(result)) < 4 * KB, `heap growth ${heapGrowth(result)}`);
  } finally {
    delete process.env.FROZEN_REPORT;
  }
  const seen = JSON.parse(readFileSync(report, 'utf8'));
  // The interpreter's and the probe's objects (json, which the probe imported first, among them): thousands.
  assert.ok(seen.frozenAtImport > 5000, `frozen ${seen.frozenAtImport}`);
  // Frozen once, before the import: none of the workload's objects joined them since (a few of them were freed).
  assert.ok(seen.frozenNow <= seen.frozenAtImport, `frozen ${seen.frozenAtImport}, then ${seen.frozenNow}`);
  assert.equal(seen.probeImportListed, false);
  assert.equal(seen.workloadObjectListed, true);
  assert.equal(seen.workloadClassListed, true);
});

test('10 MB held briefly in pass 2 raises the traced peak by about 10 MB, and leaves no growth', async () => {
  const result = expectOk(await measurePython('transient_peak.py'));
  const overPeak = result.traced!.peak - result.after.memory.heapUsed;
  assert.ok(overPeak > 10 * MB - 64 * KB && overPeak < 11 * MB, `peak above the end state: ${overPeak}`);
  assert.ok(Math.abs(heapGrowth(result)) < 4 * KB);
  // Control: the same spike in pass 1 (iteration 15 of 20) is before the peak is reset at the baseline.
  const control = expectOk(await measurePython('transient_peak.py', { iterations: 20 }));
  assert.ok(control.traced!.peak - control.after.memory.heapUsed < 1 * MB, `control peak ${control.traced!.peak}`);
});

test('import-time allocations are attributed to their line, in both snapshots, and are not growth', async () => {
  const result = expectOk(await measurePython('import_time.py'));
  const line = await lineOf('import_time.py', 'IMPORT-TIME');
  const site = growthBySite(result).find((s) => s.file === 'import_time.py' && s.line === line);
  assert.ok(site, 'the module-level table is attributed to its line');
  assert.equal(site.functionName, '<module>');
  assert.ok(site.size > 20000 * 50, `size ${site.size}`);
  assert.equal(site.growth, 0);
  const inBaseline = result.baseline.snapshot.allocations.filter(
    (a) => a.stack[0]!.file === fixture('import_time.py') && a.stack[0]!.line === line,
  );
  assert.ok(inBaseline.reduce((sum, a) => sum + a.size, 0) > 20000 * 50);
});

test('a workload that restarts tracemalloc as it is imported keeps its depth: not raised back, and reported', async () => {
  const result = expectOk(await measurePython('restarts_tracing.py', { iterations: 20, groupBy: 'traceback' }));
  assert.equal(result.profiler.stackDepth, 4);
  const [top] = growthBySite(result);
  assert.equal(top?.line, await lineOf('restarts_tracing.py', 'KEPT'));
  const stacks = result.after.snapshot.allocations.map((a) => a.stack.length);
  assert.ok(Math.max(...stacks) === 4, `stack lengths ${stacks.join(',')}`);
});

test("a bounded buffer of a library's objects, turned over in pass 2, nets to about zero at the user's line", async () => {
  const result = expectOk(await measurePython('library_turnover.py'));
  const line = await lineOf('library_turnover.py', 'TURNOVER');
  const sites = growthBySite(result);
  const site = sites.find((s) => s.file === 'library_turnover.py' && s.line === line);
  assert.ok(site, JSON.stringify(sites.slice(0, 5)));
  // 32 parsed objects of ~2 KiB each were dropped and 32 taken in, both traced with their whole stacks: the same line.
  assert.ok(site.size > 32 * KB, `size ${site.size}`);
  assert.ok(Math.abs(site.growth) < 4 * KB, JSON.stringify(sites.slice(0, 5)));
  assert.ok(
    sites.every((s) => s.growth > -4 * KB),
    JSON.stringify(sites.filter((s) => s.growth <= -4 * KB)),
  );
});

test('memory the stdlib allocates for the workload is attributed to the workload line that keeps it', async () => {
  const result = expectOk(await measurePython('stdlib_leak.py'));
  const [top] = growthBySite(result);
  assert.ok(top);
  assert.equal(top.file, 'stdlib_leak.py');
  assert.equal(top.line, await lineOf('stdlib_leak.py', 'LEAK: deepcopy'));
  // The stack says where inside the stdlib the memory was allocated, then the workload's line.
  const viaCopy = result.after.snapshot.allocations.find((a) => a.stack[0]!.file.endsWith('/copy.py'));
  assert.ok(viaCopy, 'allocations inside copy.py are kept');
  assert.equal(viaCopy.stack.length, 2);
  assert.equal(viaCopy.stack[1]!.file, fixture('stdlib_leak.py'));
});

test('with the retainer step, the stdlib frames are named as without it (once tracing has stopped)', async () => {
  const retainers = {
    maxHeap: 128 * 1024 * 1024,
    timeoutSeconds: 60,
    sites: 10,
    ceilings: { maxRetained: 1, maxHeap: null, maxRss: null },
  };
  const plain = expectOk(await measurePython('stdlib_leak.py'));
  const outcome = await measurePython('stdlib_leak.py', { retainers });
  const result = expectOk(outcome);
  assert.equal(result.retainers?.status, 'captured', result.retainers?.reason);
  const named = (r: typeof result): string[] =>
    r.after.snapshot.allocations
      .filter((a) => a.stack[0]!.file.endsWith('/copy.py'))
      .map((a) => `${a.stack[0]!.line} ${a.stack[0]!.functionName}`)
      .sort();
  assert.ok(
    named(result).some((n) => n.endsWith(' _deepcopy_dict')),
    JSON.stringify(named(result)),
  );
  assert.deepEqual([...new Set(named(result))], [...new Set(named(plain))]);
});

test('the traceback key keeps the whole call chain, innermost first', async () => {
  const result = expectOk(await measurePython('nested_leak.py', { groupBy: 'traceback' }));
  const recordLine = await lineOf('nested_leak.py', 'LEAK: record');
  const chain = result.after.snapshot.allocations
    .filter((a) => a.stack[0]!.line === recordLine && a.stack[0]!.file === fixture('nested_leak.py'))
    .sort((a, b) => b.size - a.size)[0];
  assert.ok(chain);
  assert.deepEqual(
    chain.stack.map((f) => f.functionName),
    ['make_record', 'ingest', 'run'],
  );
  assert.ok(chain.size >= 30 * 20 * 128);
});

test('the filename key groups by file, with lines unknown', async () => {
  const result = expectOk(await measurePython('nested_leak.py', { groupBy: 'file' }));
  const [top] = growthBySite(result);
  assert.ok(top);
  assert.equal(top.file, 'nested_leak.py');
  assert.equal(top.line, 0);
});

test('exclude and include globs filter sites by path, relative or absolute', async () => {
  const excluded = expectOk(
    await measurePython('leaky_cache.py', { iterations: 5, exclude: ['**/fixtures/python/**'] }),
  );
  assert.equal(
    excluded.after.snapshot.allocations.filter((a) => a.stack[0]!.file === fixture('leaky_cache.py')).length,
    0,
  );
  const included = expectOk(
    await measurePython('leaky_cache.py', { iterations: 5, include: ['test/fixtures/python/*.py'] }),
  );
  const files = new Set(included.after.snapshot.allocations.map((a) => a.stack[0]!.file));
  assert.deepEqual([...files], [fixture('leaky_cache.py')]);
});

test('an async run() is awaited each iteration and its leak found in the coroutine', async () => {
  const result = expectOk(await measurePython('async_leak.py'));
  const [top] = growthBySite(result);
  assert.ok(top);
  assert.equal(top.file, 'async_leak.py');
  assert.equal(top.functionName, 'fetch');
  assert.ok(top.growth >= 20 * 256, `growth ${top.growth}`);
});

test("whatever the workload prints, even lines that look like the probe's events, changes nothing", async () => {
  const result = expectOk(await measurePython('noisy_print.py'));
  assert.equal(result.iterations, 5);
});

test("under the workload's run() lie three of memgate's frames, each parked a few instructions in", async () => {
  // At every allocation tracemalloc computes each frame's line by scanning its code's location table up to where the
  // frame is: the probe's frames, under all of the workload's allocations, must be few and parked early (a frame
  // 130 instructions in cost about 1 us per allocation on Python 3.11: bench/tracemalloc_frame_cost.py).
  const out = join(tempDir('memgate-stack-'), 'frames.json');
  process.env.MEMGATE_TEST_STACK_OUT = out;
  try {
    expectOk(await measurePython('stack_under_run.py', { iterations: 2 }));
  } finally {
    delete process.env.MEMGATE_TEST_STACK_OUT;
  }
  const frames = JSON.parse(readFileSync(out, 'utf8')) as { file: string; function: string; offset: number }[];
  assert.deepEqual(
    frames.map((f) => f.function),
    ['loop', 'main', '<module>'],
    JSON.stringify(frames),
  );
  assert.equal(frames.at(-1)!.file, '<string>', 'the bottom frame is the python -c bootstrap');
  // Bytes into each code object (2 per instruction, plus 3.11's inline caches): 64, 82 and 192 on Python 3.11.7,
  // where the probe's frames had been run_pass at 314, main at 472 and the bootstrap at 332.
  const [loop, main, bootstrap] = frames.map((f) => f.offset);
  assert.ok(loop! < 120 && main! < 120 && bootstrap! < 240, JSON.stringify(frames));
});

test("a project's json.py in the working directory does not shadow the probe's own imports", async () => {
  const dir = tempDir('memgate-shadow-');
  writeFileSync(join(dir, 'json.py'), "raise ImportError('the project json.py was imported')\n");
  writeFileSync(join(dir, 'work.py'), 'def run():\n    return None\n');
  const result = expectOk(await measurePython(join(dir, 'work.py'), { cwd: dir, iterations: 2 }));
  assert.equal(result.iterations, 2);
});

test("the snapshots' diff gives compare_to's figures in compare_to's order, from the raw traces or the public API", () => {
  const probeDir = fileURLToPath(new URL('../../dist/probe/', import.meta.url));
  const run = spawnSync('python3', [fixture('traceback_diff.py'), probeDir], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const diff = JSON.parse(run.stdout) as { stats: number; shrunk: number; raw: boolean; public: boolean };
  assert.ok(diff.stats >= 5 && diff.shrunk >= 1, run.stdout);
  assert.equal(diff.raw, true, 'from the raw traces');
  assert.equal(diff.public, true, 'where the raw traces cannot be read');
});

test("the retainer step's reading allocates untraced from start() on, tracemalloc's traces readable, until tracing stops; only in the session it found, with one interpreter", () => {
  const probeDir = fileURLToPath(new URL('../../dist/probe/', import.meta.url));
  const run = spawnSync('python3', [fixture('untraced_allocations.py'), probeDir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    found: true,
    otherInterpreterStarted: false,
    otherInterpreterTraced: true,
    unknownStarted: false,
    unknownTraced: true,
    started: true,
    // The reading finds the same objects at the line either way (readSame), all of them (readAll).
    readSame: true,
    readAll: true,
    freshTracedUnder10: true,
    oldTraced: true,
    tracedGrowthUnder32KiB: true,
    startedAgain: false,
    stopPutsBackWrapped: true,
    tracedAfterRestart: true,
    restartedStarted: false,
    restartedTraced: true,
  });
});

test("a reading's collections wait 2 ms first for the workload's own threads to finish, and only where it runs some", () => {
  const probeDir = fileURLToPath(new URL('../../dist/probe/', import.meta.url));
  const run = spawnSync('python3', [fixture('collect_settle.py'), probeDir], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    alone: [
      ['collect', 2],
      ['collect', 2],
    ],
    'beside a thread': [
      ['sleep', 0.002],
      ['collect', 2],
      ['collect', 2],
    ],
    'after it ended': [['collect', 2]],
  });
});

test("tracemalloc's traceback limit is found as tracing starts, lowered to one frame and restored (not beside a subinterpreter), and never written where it is not, or once tracing restarted", () => {
  const probeDir = fileURLToPath(new URL('../../dist/probe/', import.meta.url));
  const run = spawnSync('python3', [fixture('traceback_limit.py'), probeDir], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    found: true,
    wrongLowered: false,
    wrongValue: 16,
    wrongForgotten: true,
    limitAfterWrong: 16,
    lowered: true,
    limitLowered: 1,
    framesLowered: 1,
    framesNested: 1,
    loweredAgain: true,
    restored: true,
    limitRestored: 16,
    framesRestored: 16,
    intervalKept: true,
    collectorOn: true,
    restoredBesideInterpreter: false,
    limitBesideInterpreter: 1,
    restoredAlone: true,
    unknownLowered: false,
    unknownRestored: false,
    restartedLowered: false,
    restartedRestored: false,
    restartedLimit: 8,
    restartedFrames: 8,
  });
});

test('the naming parses a file in chunks cut before top-level defs, and finds the scopes one whole parse finds: every module at the top of the stdlib, and cuts inside a string, brackets and a decorator', () => {
  const probeDir = fileURLToPath(new URL('../../dist/probe/', import.meta.url));
  const run = spawnSync('python3', [fixture('chunked_names.py'), probeDir, tempDir('memgate-names-')], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as {
    files: number;
    cut: number;
    differ: string[];
    tricky_same: boolean;
    tricky_chunks: number;
    tricky_failures: number;
    in_string: string;
    after_args: string;
    inner: string;
    last_filler: string;
    python2_name: string;
    python2_again: string;
    python2_failures: number;
    merges: number;
  };
  assert.ok(out.files > 100 && out.cut > 50, run.stdout);
  assert.deepEqual(out.differ, []);
  assert.equal(out.tricky_same, true, 'the tricky file: the scopes of one whole parse');
  assert.ok(out.tricky_chunks > 3);
  assert.equal(out.tricky_failures, 3, 'each of the three cuts in the wrong place fails, and is parsed with the next');
  assert.equal(out.in_string, '<module>', 'a def inside a string is text');
  assert.equal(out.after_args, 'after_args');
  assert.equal(out.inner, 'Outer.method.inner');
  assert.equal(out.last_filler, 'k119');
  assert.equal(out.python2_name, '', 'a file this interpreter cannot parse has no names');
  assert.equal(out.python2_again, '');
  assert.equal(out.python2_failures, out.merges + 1, 'given up after a few tries, and never parsed again');
});
