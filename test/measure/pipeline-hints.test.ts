/**
 * Issue 13, items 5, 7 and 8 end to end (runPipeline on real workloads, Node and Python probes): a filter that matched
 * no site, the shell-expanded include, hints (promises in flight, a cache still filling), ceilings per workload.
 * Needs `npm run build` first (the probes run from dist/probe/).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { runPipeline } from '../../src/pipeline.ts';
import { renderText } from '../../src/report/text.ts';
import { parseReport, type Report } from '../../src/report/schema.ts';
import { pipelineOptions } from '../pipeline-options.ts';
import { tempDir } from '../temp-dir.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hints = (name: string): string => `test/fixtures/hints/${name}`;
const KiB = 1024;
const MiB = 1024 * 1024;

async function measure(files: string[], overrides: Parameters<typeof pipelineOptions>[2] = {}): Promise<Report> {
  const { report } = await runPipeline(pipelineOptions(files, root, { retainersMaxHeap: 0, ...overrides }));
  return parseReport(JSON.parse(JSON.stringify(report)));
}
const flat = (text: string): string => text.replace(/\n +(?=\S)/g, ' ');

describe('a filter that matched no growing site', () => {
  test('Node and Python: the report says what the include dropped; the verdict still fails on the growth', async () => {
    const report = await measure(['test/fixtures/node/big-leak.mjs', 'test/fixtures/python/leaky_cache.py'], {
      include: ['nothing/**'],
      confirmBudgetSeconds: 0,
    });
    for (const w of report.workloads) {
      assert.equal(w.verdict.status, 'fail', w.path);
      assert.deepEqual(w.top, []);
      assert.ok(
        w.filter && w.filter.keptSites === 0 && w.filter.growingSites > 0 && w.filter.growingBytes > 100 * KiB,
        JSON.stringify(w.filter),
      );
    }
    const text = flat(renderText(report));
    assert.match(
      text,
      /include 'nothing\/\*\*' matched none of \d+ growing lines? \([\d.]+ [KM]iB\); the verdict counts (all of them|it)/,
    );
    assert.doesNotMatch(text, /no lines grew/);
  });
});

describe('include values the shell expanded', () => {
  test('warns before measuring, and the "workload" that exports nothing gets a hint', async () => {
    const cwd = tempDir('memgate-expanded-');
    mkdirSync(join(cwd, 'src'));
    writeFileSync(join(cwd, 'src/a.mjs'), 'export const a = 1;\n');
    writeFileSync(
      join(cwd, 'src/server.mjs'),
      'globalThis.started = true; // a module with side effects and nothing to run\n',
    );
    const progress: string[] = [];
    const { report } = await runPipeline(
      pipelineOptions(['src/server.mjs'], cwd, {
        include: ['src/a.mjs'],
        retainersMaxHeap: 0,
        onProgress: (m) => progress.push(m),
      }),
    );
    assert.ok(
      progress.some((m) =>
        m.startsWith("warning: include 'src/a.mjs' is one file, and the workload src/server.mjs sits beside it"),
      ),
      progress.join('\n'),
    );
    const w = report.workloads[0]!;
    assert.equal(w.error?.kind, 'no-export');
    assert.match(
      w.error?.message ?? '',
      /no exports; expected a default export or `run` function \(one iteration\)\. Hint: it sits beside include 'src\/a\.mjs', one file\./,
    );
  });
});

describe('hints', () => {
  test('Python: a workload that restarts tracemalloc at 4 frames is told why its rows may stop short; one that does not, nothing', async () => {
    const report = await measure(['test/fixtures/python/restarts_tracing.py', 'test/fixtures/python/leaky_cache.py'], {
      stackDepth: 32,
      iterations: 10,
      confirmBudgetSeconds: 0,
    });
    const [restarted, plain] = report.workloads;
    assert.equal(restarted!.profiler.stackDepth, 4);
    assert.equal(
      restarted!.hints?.[0],
      'tracemalloc recorded 4 frames per allocation, not the 32 asked for: the workload started tracemalloc again, ' +
        'or memgate could not set its limit back after the import. A row may then stop inside a library instead of at your line.',
    );
    assert.equal(plain!.profiler.stackDepth, 32);
    assert.ok(!(plain!.hints ?? []).some((h) => /tracemalloc recorded/.test(h)), plain!.hints?.join(' | '));
  });

  test('no such hint where a profiler takes fewer frames than asked for by design (tracemalloc 65535, the inspector 128)', async () => {
    const report = await measure(['test/fixtures/python/leaky_cache.py', 'test/fixtures/node/big-leak.mjs'], {
      stackDepth: 70_000,
      iterations: 10,
      confirmBudgetSeconds: 0,
    });
    const [python, node] = report.workloads;
    assert.equal(python!.profiler.stackDepth, 65535);
    assert.equal(node!.profiler.stackDepth, 128);
    for (const w of report.workloads)
      assert.ok(!(w.hints ?? []).some((h) => /frames? per allocation/.test(h)), `${w.path}: ${w.hints?.join(' | ')}`);
  });

  test('a run() that does not await its request: how many promises were still pending', async () => {
    const report = await measure([hints('unawaited.mjs'), hints('awaited.mjs')], { confirmBudgetSeconds: 0 });
    const [unawaited, awaited] = report.workloads;
    assert.equal(unawaited!.verdict.status, 'fail');
    assert.match(
      unawaited!.hints?.[0] ?? '',
      /^\d+ promises were still pending when \d+ more iterations ended \([\d.]+ per iteration\): did run\(\) await its work\?/,
    );
    assert.equal(awaited!.verdict.status, 'fail', 'it leaks what it awaited');
    assert.equal(awaited!.hints, undefined, 'awaited work leaves nothing pending');
    assert.match(flat(renderText(report)), /hint: \d+ promises were still pending/);
  });

  test('an Express app and its client in one process: the promises it abandons are not work left in flight', async () => {
    // Express 5 leaves about one unsettled, unreachable promise per request: counted as pending, every Express
    // workload that grew was asked whether run() awaited its work.
    const report = await measure([
      'bench/scenarios/node/clean-svc-express.mjs',
      'bench/scenarios/node/leak-svc-express.mjs',
    ]);
    for (const w of report.workloads) {
      assert.ok(w.leak && w.leak.verdict !== 'not-suspect', `${w.path} grew, so the check ran`);
      assert.ok(
        !(w.hints ?? []).some((h) => /promises were still pending/.test(h)),
        `${w.path}: ${w.hints?.join(' | ')}`,
      );
    }
  });

  test('a bounded cache larger than the warm-up: it settles, and more iterations are suggested', async () => {
    const report = await measure([hints('filling-cache.mjs')]);
    const w = report.workloads[0]!;
    assert.equal(w.verdict.status, 'pass');
    assert.equal(w.leak?.verdict, 'settles');
    assert.match(
      w.hints?.[0] ?? '',
      /then stopped growing \((within|by about) \d+ iterations (of|after) the baseline(, in the extra iterations that confirm growth)?\): a cache or pool still filling while it was measured\. With iterations \d+ or more/,
    );
  });

  test('real bounded LRUs larger than the warm-up (lru-cache max 600, functools.lru_cache(maxsize=600)), default iterations: the hint, and the iterations it suggests fill them', async () => {
    const files = [hints('bounded-lru.mjs'), hints('bounded_lru_cache.py')];
    const report = await measure(files);
    for (const w of report.workloads) {
      assert.equal(w.verdict.status, 'pass', `${w.path}: ${w.verdict.reasons.join('; ')}`);
      assert.equal(w.iterations, 50);
      assert.equal(w.leak?.verdict, 'settles', w.path);
      const hint = w.hints?.[0] ?? '';
      assert.match(hint, /then stopped growing \(.*\): a cache or pool still filling while it was measured/, w.path);
      // Full at 120 iterations from the start (600 entries, 5 a call); the suggestion must cover that.
      const suggested = Number(/With iterations (\d+) or more/.exec(hint)?.[1]);
      assert.ok(suggested >= 120 && suggested <= 600, `${w.path}: ${hint}`);
    }
    // As suggested: the warm-up fills the caches, and nothing is left to hint about.
    const again = await measure(files, { iterations: 130 });
    for (const w of again.workloads) {
      assert.equal(w.verdict.status, 'pass', `${w.path}: ${w.verdict.reasons.join('; ')}`);
      assert.equal(w.hints, undefined, `${w.path}: ${w.hints?.join(' ')}`);
    }
  });
});

describe('a bounded cache that had not filled while memgate watched', () => {
  test('lru-cache max 50,000 and functools.lru_cache(maxsize=50000): the leak verdict stands, the hint names the cache; a Map leak gets none', async () => {
    const report = await measure(
      [hints('bounded-lru-large.mjs'), hints('bounded_lru_cache_large.py'), 'test/fixtures/node/big-leak.mjs'],
      { retainersMaxHeap: 128 * MiB },
    );
    const [node, python, leak] = report.workloads;
    assert.equal(node!.verdict.status, 'fail', 'still growing when the confirmation ended');
    assert.match(
      node!.hints?.[0] ?? '',
      /^the growth is held by an lru-cache LRUCache \(responses, test\/fixtures\/hints\/bounded-lru-large\.mjs:5\), which stops growing at its max/,
    );
    assert.equal(python!.verdict.status, 'fail');
    assert.match(
      python!.hints?.[0] ?? '',
      /^the growth is held by a functools\.lru_cache \(render, test\/fixtures\/hints\/bounded_lru_cache_large\.py:\d+\)\..*With maxsize=None \(or functools\.cache\) it keeps every argument: a leak\.$/,
    );
    assert.equal(leak!.verdict.status, 'fail');
    assert.equal(leak!.hints, undefined, leak!.hints?.join(' '));
  });
});

describe('ceilings per workload', () => {
  test('a workload’s own ceilings replace the run’s for it alone; the run’s apply to the rest', async () => {
    const report = await measure(
      [
        hints('own-ceiling.mjs'),
        hints('loose-ceiling.mjs'),
        hints('own_ceiling.py'),
        'test/fixtures/node/big-leak.mjs',
      ],
      { ceilings: { maxRetained: null, maxHeap: null, maxRss: 2048 * MiB }, confirmBudgetSeconds: 0 },
    );
    const [own, loose, python, other] = report.workloads;
    assert.deepEqual(own!.verdict.reasons, [
      `retained growth ${/[\d.]+ KiB/.exec(own!.verdict.reasons[0]!)![0]} exceeds the workload's options.maxRetained 64 KiB`,
    ]);
    assert.deepEqual(own!.ceilings, {
      maxRetained: 64 * KiB,
      maxHeap: null,
      maxRss: 2048 * MiB,
      fromWorkload: ['maxRetained'],
    });
    // 16 KB a call would fail the leak rule: its own 100 MB ceiling replaces the rule for it.
    assert.equal(loose!.verdict.status, 'pass', loose!.verdict.reasons.join('; '));
    assert.deepEqual(loose!.ceilings, {
      maxRetained: 100 * MiB,
      maxHeap: null,
      maxRss: 4096 * MiB,
      fromWorkload: ['maxRetained', 'maxRss'],
    });
    assert.equal(python!.verdict.status, 'fail');
    assert.match(python!.verdict.reasons[0]!, /exceeds the workload's options\.maxRetained 16 KiB$/);
    assert.deepEqual(python!.ceilings?.fromWorkload, ['maxRetained', 'maxHeap']);
    assert.equal(python!.ceilings?.maxHeap, 1024 * MiB);
    // The rest keep the leak rule and the run's ceilings.
    assert.equal(other!.verdict.status, 'fail');
    assert.match(other!.verdict.reasons[0]!, /grows with every iteration/);
    assert.deepEqual(other!.ceilings, { maxRetained: null, maxHeap: null, maxRss: 2048 * MiB, fromWorkload: [] });
    const text = flat(renderText(report));
    assert.match(text, /ceiling +max-retained 64 KiB \(the workload's options\): \+[\d.]+ KiB, exceeded/);
    assert.match(text, /ceiling +max-retained 100 MiB \(the workload's options\): \+[\d.]+ KiB, passed/);
    assert.match(text, /ceiling +max-rss 2 GiB: [\d.]+ MiB, passed/);
  });

  test('a bad value is an error naming the workload and the option, in Node and Python', async () => {
    const report = await measure([hints('bad-ceiling.mjs'), hints('bad_ceiling.py')]);
    const [node, python] = report.workloads;
    assert.equal(node!.error?.kind, 'no-export');
    assert.equal(
      node!.error?.message,
      `${join(root, hints('bad-ceiling.mjs'))}: options.maxRetained: "10XB" is not a size: unknown unit "XB"; expected a number and a unit (B, KB, MB, GB; KiB, MiB, GiB), e.g. 512KB, 1.5MB or 2MiB`,
    );
    assert.equal(python!.error?.kind, 'no-export');
    assert.equal(
      python!.error?.message,
      `${join(root, hints('bad_ceiling.py'))}: options["maxHeap"] must be a size such as '256KB' or a whole number of bytes (units B, KB, MB, GB; KiB, MiB, GiB), got 'lots'`,
    );
  });
});
