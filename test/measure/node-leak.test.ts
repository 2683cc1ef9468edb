/**
 * The Node probe end to end (measureWorkload → runner → dist/probe/node-probe.mjs in a fresh node):
 * leaks are found at the right function with about the right size, clean code shows no growth.
 * Needs `npm run build` first (the probe runs from dist/).
 *
 * "Real bytes" is the growth of heapUsed between the baseline and the end, both read by the probe
 * right after the forced GCs: a measure that does not involve the sampler at all. It is checked
 * against what the fixture allocates (object sizes below) so it cannot drift unnoticed either.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { measureWorkload } from '../../src/measure/measure.ts';
import type { Frame, MeasureOutcome, ProbeResult } from '../../src/analysis/model.ts';
import {
  fixture,
  growth,
  heapGrowth,
  isUserFrame,
  options,
  siteOf,
  stackGrowth,
  within,
} from '../fixtures/node/harness.ts';
import { tempDir } from '../temp-dir.ts';

function ok(outcome: MeasureOutcome): ProbeResult {
  assert.ok(outcome.ok, `measurement failed: ${outcome.ok ? '' : JSON.stringify(outcome.error)}`);
  return outcome.result;
}

describe('node probe: leaks', () => {
  it('finds a module-level array leak at the leaking function, with the size within ±25%', async () => {
    const result = ok(await measureWorkload(options('array-leak.mjs')));
    const real = heapGrowth(result);
    // 50 iterations × 1000 objects of 40 bytes (map, properties, elements + 2 fields) = 2.0 MB,
    // plus the growth of the array's backing store (at most 8 bytes × 1.5 × 100k slots).
    assert.ok(real > 1.9e6 && real < 3.4e6, `heapUsed growth ${real}`);

    const [top] = growth(result);
    // V8 attributes per function: the line is where `leakSome` starts (line 4), not the push.
    assert.equal(top?.site, siteOf('leakSome', 'array-leak.mjs', 4));
    assert.ok(within(top!.bytes, real, 0.25), `estimated ${top!.bytes} vs real ${real}`);

    // Full stacks, innermost first, the probe's own frames stripped; and the leak's stack names its caller.
    const stack = result.after.snapshot.allocations.find((a) => a.stack[0]?.functionName === 'leakSome')?.stack;
    assert.deepEqual(
      stack?.map((f) => f.functionName),
      ['leakSome', 'iteration'],
    );
    assert.equal(stack?.[0]?.file, fixture('array-leak.mjs'));
    assert.ok(stack?.[0]?.column && stack[0].column > 0, 'stack?.[0]?.column && stack[0].column > 0');
    for (const allocation of [...result.after.snapshot.allocations, ...result.baseline.snapshot.allocations]) {
      assert.ok(
        !allocation.stack.some((f) => f.file.includes('/dist/probe/') || f.file === 'node:inspector'),
        JSON.stringify(allocation.stack),
      );
    }

    assert.deepEqual(result.profiler, {
      backend: 'inspector',
      samplingInterval: 4096,
      stackDepth: 32,
      countsObjects: false,
      continuous: true,
    });
    assert.equal(result.iterations, 50);
    assert.equal(result.runtime.name, 'node');
    assert.match(result.runtime.version, /^\d+\.\d+\.\d+$/);
    // Series: baseline (0), 4 checkpoints, after (50), rising with the leak.
    assert.deepEqual(
      result.series.map((p) => p.iteration),
      [0, 10, 20, 30, 40, 50],
    );
    assert.equal(result.series[0]!.heapUsed, result.baseline.memory.heapUsed);
    assert.equal(result.series.at(-1)!.heapUsed, result.after.memory.heapUsed);
    assert.ok(
      result.series.at(-1)!.heapUsed > result.series[2]!.heapUsed &&
        result.series[2]!.heapUsed > result.series[0]!.heapUsed,
      'result.series.at(-1)!.heapUsed > result.series[2]!.heapUsed && result.series[2]!.heapUsed > result.series[0]!.heapUsed',
    );
    assert.ok(result.peakRss >= result.after.memory.rss, 'result.peakRss >= result.after.memory.rss');
  });

  it('keeps the full stack of a leak made inside a node_modules helper', async () => {
    // The project, assembled where git's node_modules rule cannot drop the dependency: workload + node_modules/leaky-helper.
    const project = tempDir('memgate-helper-');
    try {
      const workload = join(project, 'helper-leak.mjs');
      const helper = join(project, 'node_modules', 'leaky-helper', 'index.js');
      cpSync(fixture('helper-leak.mjs'), workload);
      cpSync(fixture('leaky-helper'), dirname(helper), { recursive: true });
      const result = ok(await measureWorkload(options('helper-leak.mjs', { workload, cwd: project })));
      // remember()'s wrapper objects: allocated in the dependency, called from the user's recordRequests.
      const viaHelper = (stack: Frame[]): boolean =>
        stack[0]?.file === helper &&
        stack[0]?.functionName === 'remember' &&
        stack.some((f) => f.functionName === 'recordRequests' && f.file === workload && f.line === 5);
      const bytes = stackGrowth(result, (a) => viaHelper(a.stack));
      assert.ok(bytes > 0.25 * heapGrowth(result), `growth through the helper: ${bytes} of ${heapGrowth(result)}`);
      // Without inlining (the default), the objects recordRequests allocates itself stay in recordRequests.
      const own = stackGrowth(
        result,
        (a) => a.stack[0]?.functionName === 'recordRequests' && a.stack[0]?.file === workload,
      );
      assert.ok(own > 0.25 * heapGrowth(result), `growth in recordRequests itself: ${own} of ${heapGrowth(result)}`);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('shows a Buffer leak as external / arrayBuffers growth', async () => {
    const result = ok(await measureWorkload(options('buffer-leak.mjs')));
    const expected = 50 * 64 * 1024;
    const { baseline, after } = result;
    assert.ok(
      within(after.memory.external - baseline.memory.external, expected, 0.1),
      `external ${after.memory.external - baseline.memory.external}`,
    );
    assert.ok(
      within(after.memory.arrayBuffers - baseline.memory.arrayBuffers, expected, 0.1),
      `arrayBuffers ${after.memory.arrayBuffers - baseline.memory.arrayBuffers}`,
    );
    // The bytes live outside the JS heap: the heap grows by the small Buffer objects only.
    assert.ok(heapGrowth(result) < expected / 4, `heapUsed growth ${heapGrowth(result)}`);
    assert.ok(
      result.series.at(-1)!.external - result.series[0]!.external > expected * 0.9,
      'result.series.at(-1)!.external - result.series[0]!.external > expected * 0.9',
    );
  });

  it('runs setup and teardown outside the measurement', async () => {
    const marker = join(tmpdir(), `memgate-teardown-${process.pid}.txt`);
    rmSync(marker, { force: true });
    process.env.MEMGATE_TEST_MARKER = marker;
    try {
      const result = ok(await measureWorkload(options('setup-teardown.mjs')));
      assert.equal(readFileSync(marker, 'utf8'), 'teardown ran; big had 500000 entries\n');
      // setup() retained 4 MB: not in either snapshot, not in the growth.
      for (const allocation of [...result.baseline.snapshot.allocations, ...result.after.snapshot.allocations]) {
        assert.ok(!allocation.stack.some((f) => f.functionName === 'setup'), JSON.stringify(allocation.stack));
      }
      assert.ok(heapGrowth(result) < 1e6, `heapUsed growth ${heapGrowth(result)}`);
      assert.ok(result.baseline.memory.heapUsed > 4e6, 'the big array is alive at the baseline');
      // What the iterations keep (50 × 100 numbers, 848 bytes each) is found.
      assert.equal(growth(result)[0]?.site, siteOf('keepSmall', 'setup-teardown.mjs', 11));
      assert.ok(result.timings.setupMs > 0, 'result.timings.setupMs > 0');
    } finally {
      delete process.env.MEMGATE_TEST_MARKER;
      rmSync(marker, { force: true });
    }
  });

  it('shows no growth at user lines for clean workloads (plain, weakly held cache)', async () => {
    for (const name of ['clean.mjs', 'clean-weak-cache.mjs']) {
      const result = ok(await measureWorkload(options(name)));
      const grown = growth(result).filter((g) => g.bytes > 64 * 1024);
      assert.deepEqual(grown, [], `${name}: ${JSON.stringify(grown)}`);
      assert.ok(heapGrowth(result) < 256 * 1024, `${name}: heapUsed growth ${heapGrowth(result)}`);
    }
  });

  it('is not disturbed by a workload that prints a lot, including fake protocol lines', async () => {
    const lines: string[] = [];
    const result = ok(await measureWorkload(options('noisy.mjs', { onProgress: (line) => lines.push(line) })));
    const [top] = growth(result);
    assert.equal(top?.site, siteOf('keepRecords', 'noisy.mjs', 5));
    // 50 × 1000 objects of 40 bytes, plus the array holding them reallocating its backing store: judged
    // against the heap growth actually measured, like the other leaks here.
    assert.ok(within(top!.bytes, heapGrowth(result), 0.25), `estimated ${top!.bytes} vs real ${heapGrowth(result)}`);
    assert.ok(lines.includes('pass 2: iteration 50/50'), lines.join('\n'));
    assert.ok(lines.includes('teardown'), "lines.includes('teardown')");
  });

  it('exits although the workload leaves a timer and a pending promise behind', async () => {
    const result = ok(await measureWorkload(options('interval.mjs', { timeoutSeconds: 30 })));
    assert.equal(result.iterations, 50);
  });

  it('saves the raw sampling profile as .heapprofile (what DevTools loads)', async () => {
    const profileOut = join(tmpdir(), `memgate-${process.pid}`, 'leak.heapprofile');
    try {
      const outcome = await measureWorkload(options('big-leak.mjs', { profileOut }));
      assert.ok(outcome.ok, 'outcome.ok');
      assert.equal(outcome.profilePath, profileOut);
      const profile = assertDevToolsProfile(readFileSync(profileOut, 'utf8'));
      assert.ok(
        profile.samples.length > 100 && profile.samples.every((s) => s.size > 0 && s.nodeId > 0),
        'profile.samples.length > 100 && profile.samples.every((s) => s.size > 0 && s.nodeId > 0)',
      );
    } finally {
      rmSync(join(tmpdir(), `memgate-${process.pid}`), { recursive: true, force: true });
    }
  });
});

interface DevToolsNode {
  id: number;
  callFrame: { functionName: string; url: string; scriptId: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: DevToolsNode[];
}

/**
 * The shape Chrome DevTools' Memory tab loads (HeapProfiler.SamplingHeapProfile): unique numeric node ids,
 * string scriptIds, 0-based positions. big-leak.mjs declares keepBlocks on line 4: 0-based line 3.
 */
function assertDevToolsProfile(text: string): { samples: { nodeId: number; size: number; ordinal: number }[] } {
  const profile = JSON.parse(text) as {
    head: DevToolsNode;
    samples: { nodeId: number; size: number; ordinal: number }[];
  };
  assert.ok(Array.isArray(profile.samples), 'samples is an array');
  const ids = new Set<number>();
  const nodes: DevToolsNode[] = [];
  const walk = (node: DevToolsNode): void => {
    assert.ok(Number.isInteger(node.id) && !ids.has(node.id), `node id ${node.id} is a unique integer`);
    ids.add(node.id);
    assert.equal(typeof node.callFrame.scriptId, 'string');
    assert.ok(Number.isInteger(node.callFrame.lineNumber) && typeof node.selfSize === 'number');
    nodes.push(node);
    node.children.forEach(walk);
  };
  walk(profile.head);
  const keep = nodes.find((n) => n.callFrame.functionName === 'keepBlocks' && n.callFrame.url.endsWith('big-leak.mjs'));
  assert.equal(keep?.callFrame.lineNumber, 3, 'keepBlocks at 0-based line 3');
  return profile;
}

/** v8-profiler-next is a devDependency built for Node 20: both backends on the same leak there. */
const v8ProfilerNextLoads = ((): boolean => {
  if (!process.versions.node.startsWith('20.')) return false;
  try {
    createRequire(import.meta.url)('v8-profiler-next');
    return true;
  } catch {
    return false;
  }
})();

describe(
  'node probe: both profiler backends',
  { skip: !v8ProfilerNextLoads && 'v8-profiler-next does not load on this Node' },
  () => {
    it('attribute the same leak to the same line, with comparable sizes', async () => {
      // The child runs `node` from PATH, which must be the Node the addon was built for.
      // A linked list, not an array: v8-profiler-next counts a grown array's whole new backing store as pass-2
      // growth (it cannot see that the old one was freed), the inspector only the difference.
      const inspector = ok(await measureWorkload(options('list-leak.mjs', { nodePath: process.execPath })));
      const addon = ok(
        await measureWorkload(options('list-leak.mjs', { nodePath: process.execPath, profiler: 'v8-profiler-next' })),
      );
      const site = siteOf('leakSome', 'list-leak.mjs', 6);
      for (const result of [inspector, addon]) {
        const [top] = growth(result);
        assert.equal(top?.site, site, result.profiler.backend);
        assert.ok(
          within(top!.bytes, heapGrowth(result), 0.25),
          `${result.profiler.backend}: estimated ${top!.bytes} vs real ${heapGrowth(result)}`,
        );
      }
      assert.deepEqual(addon.profiler, {
        backend: 'v8-profiler-next',
        samplingInterval: 4096,
        stackDepth: 32,
        countsObjects: false,
        continuous: false,
      });
      // Sampling starts at the baseline: nothing before it, and the addon's own frames are stripped.
      assert.deepEqual(addon.baseline.snapshot.allocations, []);
      for (const allocation of addon.after.snapshot.allocations) {
        assert.ok(
          !allocation.stack.some((f) => f.file.includes('v8-profiler-next') || f.file.includes('/dist/probe/')),
          JSON.stringify(allocation.stack),
        );
        assert.ok(
          allocation.stack.every((f) => f.line >= 0),
          'allocation.stack.every((f) => f.line >= 0)',
        );
      }
      assert.ok(
        addon.after.snapshot.allocations.some((a) => a.stack.some(isUserFrame)),
        'addon.after.snapshot.allocations.some((a) => a.stack.some(isUserFrame))',
      );
    });

    it('saves the addon profile too', async () => {
      const profileOut = join(tmpdir(), `memgate-v8pn-${process.pid}.heapprofile`);
      try {
        const outcome = await measureWorkload(
          options('big-leak.mjs', { nodePath: process.execPath, profiler: 'v8-profiler-next', profileOut }),
        );
        assert.ok(outcome.ok && existsSync(profileOut), 'outcome.ok && existsSync(profileOut)');
        assertDevToolsProfile(readFileSync(profileOut, 'utf8'));
      } finally {
        rmSync(profileOut, { force: true });
      }
    });
  },
);
