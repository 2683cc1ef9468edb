/**
 * The confirmation's schedule, end to end in both probes: segments double (128, 256, ...), and a segment whose
 * decision its last interval can no longer change (decidedEarly) ends at its third reading, a quarter early.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runPipeline } from '../../src/pipeline.ts';
import type { WorkloadReport } from '../../src/report/schema.ts';
import { pipelineOptions } from '../pipeline-options.ts';
import { tempDir } from '../temp-dir.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures');

async function measure(workload: string): Promise<WorkloadReport> {
  const { report } = await runPipeline(pipelineOptions([workload], fixtures));
  return report.workloads[0]!;
}

const lengths = (w: WorkloadReport): number[] => (w.leak?.segments ?? []).map((s) => s.to - s.from);

/** What test/fixtures/python/confirm_traceback_limit.py recorded of tracemalloc's limit (its last run's). */
interface RecordedLimits {
  import: number;
  setup: number;
  calls: number[];
  teardown: number;
}
const recordedLimits = (file: string): RecordedLimits => JSON.parse(readFileSync(file, 'utf8')) as RecordedLimits;

describe('the confirmation schedule', () => {
  it('Python: a leak of 1 KiB/iteration decays once, then holds in a segment twice as long, ended at 3/4', async () => {
    const w = await measure('python/confirm_leak_1k.py');
    assert.equal(w.verdict.status, 'fail', w.verdict.reasons.join('; '));
    assert.equal(w.leak?.verdict, 'leak', JSON.stringify(w.leak));
    // tracemalloc is exact: the rates agree to the byte, so the second segment's third reading decides.
    assert.deepEqual(lengths(w), [128, 192], JSON.stringify(w.leak));
  });

  it("Python: a cache full 10 calls into the confirmation settles at the first segment's third reading", async () => {
    const w = await measure('python/confirm_cache_fills.py');
    assert.equal(w.verdict.status, 'pass', w.verdict.reasons.join('; '));
    assert.equal(w.leak?.verdict, 'settles', JSON.stringify(w.leak));
    assert.deepEqual(lengths(w), [96], JSON.stringify(w.leak));
  });

  it('Python: the import records two frames per new trace, the setup and the passes the configured depth, the confirmation one, which teardown finds', async () => {
    const limits = join(tempDir('memgate-limits-'), 'limits.json');
    process.env.MEMGATE_TEST_LIMITS = limits;
    try {
      const w = await measure('python/confirm_traceback_limit.py');
      assert.equal(w.leak?.verdict, 'leak', JSON.stringify(w.leak));
      const recorded = recordedLimits(limits);
      assert.equal(recorded.import, 2); // python_probe.IMPORT_FRAMES
      assert.equal(recorded.setup, 32);
      assert.equal(w.profiler.stackDepth, 32);
      const passes = 2 * w.iterations;
      assert.deepEqual(new Set(recorded.calls.slice(0, passes)), new Set([32]));
      assert.equal(recorded.calls.length - passes, w.leak?.extraIterations);
      assert.deepEqual(new Set(recorded.calls.slice(passes)), new Set([1]));
      assert.equal(recorded.teardown, 1); // Never raised back (python_probe.TracebackLimit); tracing has stopped.
      // Its objects, though traced with their innermost frame only, are found with the measured pass's.
      const [top] = w.top;
      assert.equal(top?.line, 21, JSON.stringify(top));
      const held = top?.retainers?.[0];
      assert.equal(held?.path[0]?.name, '_kept', JSON.stringify(held));
      assert.ok((held?.objects ?? 0) > passes, JSON.stringify(held));
    } finally {
      delete process.env.MEMGATE_TEST_LIMITS;
    }
  });

  for (const [where, overrides] of [
    ['with retainers-max-heap 0', { retainersMaxHeap: 0 }],
    ['in a second trial, the first having found the holders', { trials: 2 }],
  ] as const) {
    it(`Python: the confirmation records no frame where no retainer step follows it (${where}), and reads the same leak`, async () => {
      const limits = join(tempDir('memgate-limits-'), 'limits.json');
      process.env.MEMGATE_TEST_LIMITS = limits;
      try {
        const { report } = await runPipeline(
          pipelineOptions(['python/confirm_traceback_limit.py'], fixtures, overrides),
        );
        const w = report.workloads[0]!;
        assert.equal(w.leak?.verdict, 'leak', JSON.stringify(w.leak));
        assert.deepEqual(lengths(w), [128, 192], JSON.stringify(w.leak));
        const recorded = recordedLimits(limits); // the last trial's
        assert.equal(recorded.setup, 32);
        const passes = 2 * w.iterations;
        assert.deepEqual(new Set(recorded.calls.slice(0, passes)), new Set([32]));
        assert.ok(recorded.calls.length > passes, JSON.stringify(recorded.calls.length));
        assert.deepEqual(new Set(recorded.calls.slice(passes)), new Set([0]));
        assert.equal(recorded.teardown, 0);
        // The holders come from the first trial where it ran one, and there are none without the step.
        assert.equal(w.top[0]?.retainers?.[0]?.path[0]?.name, 'trials' in overrides ? '_kept' : undefined);
      } finally {
        delete process.env.MEMGATE_TEST_LIMITS;
      }
    });
  }

  it('Python: no snapshot is held through the confirmation, only its sums per traceback, and the diff is the same', async () => {
    const alive = join(tempDir('memgate-snapshots-'), 'alive.json');
    process.env.MEMGATE_TEST_SNAPSHOTS = alive;
    try {
      const w = await measure('python/confirm_snapshots_grouped.py');
      assert.equal(w.leak?.verdict, 'leak', JSON.stringify(w.leak));
      const counted = JSON.parse(readFileSync(alive, 'utf8')) as [number, number][];
      const during = (from: number, to: number): number[] => [
        ...new Set(counted.filter(([call]) => call > from && call <= to).map(([, snapshots]) => snapshots)),
      ];
      const n = w.iterations;
      assert.deepEqual(during(0, n), [0], 'the warm-up: none yet');
      assert.deepEqual(during(n, 2 * n), [1], "pass 2: the baseline's");
      assert.deepEqual(during(2 * n, Infinity), [0], 'the confirmation: none');
      // The diff, from the sums: the pass's 50 blocks of 2 KiB at the leaking line.
      const [top] = w.top;
      assert.equal(top?.line, 14, JSON.stringify(top));
      assert.equal(top?.countDiff, n, JSON.stringify(top));
    } finally {
      delete process.env.MEMGATE_TEST_SNAPSHOTS;
    }
  });

  it("Python: what a library allocated for the leaking line during the confirmation is found with the passes' objects", async () => {
    const w = await measure('python/confirm_library_leak.py');
    assert.equal(w.leak?.verdict, 'leak', JSON.stringify(w.leak));
    const [top] = w.top;
    assert.equal(top?.line, 11, JSON.stringify(top));
    const held = top?.retainers?.[0];
    assert.equal(held?.path[0]?.name, '_kept', JSON.stringify(held));
    // A dict and a list per call, over both passes and the confirmation: more than the passes' calls could hold
    // (when the confirmation's were left out, 181 objects for 420 calls; with them 821).
    const calls = 2 * w.iterations + (w.leak?.extraIterations ?? 0);
    assert.ok(calls > 4 * w.iterations, JSON.stringify(w.leak));
    assert.ok((held?.objects ?? 0) >= 1.5 * calls, `${held?.objects} objects for ${calls} calls`);
  });

  it('Python: a table the same library line built at import is not taken for the leak (its objects carry two frames)', async () => {
    const w = await measure('python/import_table_beside_leak.py');
    assert.equal(w.leak?.verdict, 'leak', JSON.stringify(w.leak));
    const [top] = w.top;
    assert.equal(top?.line, 12, JSON.stringify(top));
    const holders = (top?.retainers ?? []).map((r) => r.path[0]?.name);
    assert.equal(holders[0], '_kept', JSON.stringify(top?.retainers));
    assert.ok(!holders.includes('_ROUTES'), JSON.stringify(top?.retainers));
  });

  for (const workload of ['python/confirm_leak_after_tail.py', 'node/confirm-leak-after-tail.mjs']) {
    it(`${workload.startsWith('python') ? 'Python' : 'Node'}: a leak whose first segment reads 0.8 of pass 2's rate (a tail on top of it) holds on the second`, async () => {
      const w = await measure(workload);
      assert.equal(w.verdict.status, 'fail', w.verdict.reasons.join('; '));
      const segments = w.leak?.segments ?? [];
      assert.deepEqual(
        segments.map((s) => s.outcome),
        ['decays', 'holds'],
        JSON.stringify(w.leak),
      );
      const share = segments[0]!.rate / w.leak!.measuredRate!;
      assert.ok(share > 0.75 && share < 0.9, `the first segment at ${share.toFixed(2)} of pass 2's rate`);
    });
  }

  it('Node: the same leak decays once, then holds in a segment twice as long (ended early where decided)', async () => {
    const w = await measure('node/confirm-leak-1k.mjs');
    assert.equal(w.verdict.status, 'fail', w.verdict.reasons.join('; '));
    const [first, second] = lengths(w);
    assert.equal(first, 128, JSON.stringify(w.leak));
    assert.ok(second === 192 || second === 256, JSON.stringify(w.leak));
  });
});
