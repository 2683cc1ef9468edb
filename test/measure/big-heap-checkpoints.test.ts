/**
 * Big heaps (issue 16): above `checkpointHeapLimit` of heap in use after setup(), the measured passes take no
 * checkpoints and the confirmation reads twice per segment (a third time, half a segment later, where the two
 * intervals disagree on the outcome), the middle reading one full collection and a scavenge, the last a settled
 * one ending in the profile read. Each
 * checkpoint is a full collection of the whole heap, so the count of full collections is the cost that matters;
 * the verdict and the line must not change. Counted, not timed: the report's timings.gc.full.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runPipeline } from '../../src/pipeline.ts';
import type { WorkloadReport } from '../../src/report/schema.ts';
import { pipelineOptions } from '../pipeline-options.ts';
import { NODE24 } from '../runtimes.ts';

const repo = resolve(import.meta.dirname, '../..');
const MiB = 1024 * 1024;

async function measure(workload: string, checkpointHeapLimit: number, nodePath?: string): Promise<WorkloadReport> {
  // No retainer capture: it runs after the measurement and is not what is counted here.
  const { report } = await runPipeline(
    pipelineOptions([workload], repo, { checkpointHeapLimit, retainersMaxHeap: 0, ...(nodePath ? { nodePath } : {}) }),
  );
  return report.workloads[0]!;
}

/** Full collections of a big heap's run: baseline 2, after 2, and per confirmation segment 1 for its middle reading
 * and 2 for its settled end (2 more where it was extended by half: a planned segment is 128 × 2^k iterations). */
function bigHeapCollections(w: WorkloadReport): number {
  const perSegment = (w.leak?.segments ?? []).map((s) => (Number.isInteger(Math.log2((s.to - s.from) / 128)) ? 3 : 5));
  return 4 + perSegment.reduce((a, b) => a + b, 0);
}

describe('checkpoints on a big heap', () => {
  it('over the limit: a leak fails at its line with 7 to 9 full collections instead of 18', async () => {
    const big = await measure('test/fixtures/node/resident-heap.mjs', 16 * MiB);
    const small = await measure('test/fixtures/node/resident-heap.mjs', 64 * MiB);
    for (const w of [big, small]) {
      assert.equal(w.verdict.status, 'fail', w.verdict.reasons.join('; '));
      assert.equal(w.leak?.verdict, 'leak', JSON.stringify(w.leak));
      assert.equal(w.top[0]?.function, 'keepRequest');
    }
    // Baseline and after only, against baseline, four checkpoints and after.
    assert.equal(big.series.length, 2);
    assert.equal(small.series.length, 6);
    // Baseline 2 + after 2 + the middle reading 1 + the end 2 (its last round the profile read): 7 for one segment. Below the
    // limit: a rehearsal 1 + baseline 2 + 4 checkpoints + after 2 + 4 readings × 2 + the end read 1: 18, or 16 where the
    // segment held at its third reading (decidedEarly: 96 of its 128 iterations).
    assert.equal(big.leak?.segments?.length, 1, JSON.stringify(big.leak));
    assert.equal(big.timings?.gc?.full, bigHeapCollections(big), JSON.stringify(big.timings));
    assert.ok(big.timings!.gc!.full <= 9);
    const smallSegment = small.leak!.segments![0]!;
    const early = smallSegment.to - smallSegment.from === 96;
    assert.equal(small.timings?.gc?.full, early ? 16 : 18, JSON.stringify([small.timings, small.leak]));
    // The profile still covers the confirmation: the rows are read at its end in both.
    assert.equal(big.timings?.gc?.profileReads, 3);
    assert.ok(
      big.top[0]!.sizeDiff >= small.top[0]!.sizeDiff * 0.5,
      `${big.top[0]!.sizeDiff} vs ${small.top[0]!.sizeDiff}`,
    );
  });

  it('over the limit: one step in one interval is outvoted by a third reading, not averaged into a leak', async () => {
    const w = await measure('test/fixtures/node/one-off-step.mjs', 0);
    assert.equal(w.verdict.status, 'pass', w.verdict.reasons.join('; '));
    assert.equal(w.leak?.verdict, 'settles', JSON.stringify(w.leak));
    // The first segment was extended by half for its third reading: 128 → 192 iterations, or from 256 or 512 where
    // it was stretched (bigHeapFirstLength: it depends on how an iteration's time compares with a collection's).
    const first = w.leak?.segments?.[0];
    assert.ok(first, JSON.stringify(w.leak));
    assert.ok([192, 384, 768].includes(first.to - first.from), JSON.stringify(w.leak));
    assert.equal(w.timings?.gc?.full, bigHeapCollections(w), JSON.stringify(w.timings));
  });

  it('over the limit: healthy code passes with the plain run’s 4 full collections', async () => {
    const w = await measure('test/fixtures/node/clean.mjs', 0);
    assert.equal(w.verdict.status, 'pass', w.verdict.reasons.join('; '));
    assert.equal(w.series.length, 2);
    assert.equal(w.timings?.gc?.full, 4, JSON.stringify(w.timings));
  });

  it('over the limit: a warm-up tail that settles still passes (a keep-alive client and server)', async () => {
    const w = await measure('bench/scenarios/node/clean-svc-http-agent.mjs', 0);
    assert.equal(w.verdict.status, 'pass', w.verdict.reasons.join('; '));
    assert.notEqual(w.leak?.verdict, 'leak');
  });

  it('on Node 24 too: a leak fails at its line, with the big heap’s collections', async () => {
    const w = await measure('test/fixtures/node/resident-heap.mjs', 16 * MiB, NODE24);
    assert.match(w.runtime.version, /^24\./);
    assert.equal(w.verdict.status, 'fail', w.verdict.reasons.join('; '));
    assert.equal(w.top[0]?.function, 'keepRequest');
    assert.equal(w.timings?.gc?.full, bigHeapCollections(w), JSON.stringify(w.timings));
  });
});
