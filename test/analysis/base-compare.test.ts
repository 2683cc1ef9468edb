import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compareWithBase,
  settingsMismatch,
  type MeasuredAs,
  type WorkloadFigures,
} from '../../src/analysis/base-compare.ts';
import { KiB, MiB } from './helpers.ts';

function workload(
  path: string,
  extra: Partial<{
    retained: number;
    spread: number;
    heapAfter: number;
    peakRss: number;
    interval: number | null;
    status: 'pass' | 'fail' | 'error';
    top: { key: string; sizeDiff: number }[];
  }> = {},
): WorkloadFigures {
  return {
    path,
    profiler: { samplingInterval: extra.interval === undefined ? 4096 : extra.interval },
    retained: { total: extra.retained ?? 0 },
    spread: extra.spread ?? 0,
    memory: { after: { heapUsed: extra.heapAfter ?? 6 * MiB }, peakRss: extra.peakRss ?? 60 * MiB },
    verdict: { status: extra.status ?? 'pass' },
    top: extra.top ?? [],
  };
}

describe('compareWithBase', () => {
  it('never regresses identical reports (property over random sizes)', () => {
    const figures = fc.record({
      retained: fc.double({ min: -1 * MiB, max: 2048 * MiB, noNaN: true }),
      spread: fc.double({ min: 0, max: 10 * MiB, noNaN: true }),
      heapAfter: fc.double({ min: 0, max: 4096 * MiB, noNaN: true }),
      peakRss: fc.double({ min: 0, max: 8192 * MiB, noNaN: true }),
      interval: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 1 << 20 })),
    });
    const increase = fc.oneof(
      fc.constant(null),
      fc.record({ kind: fc.constant('percent' as const), value: fc.double({ min: 0, max: 500, noNaN: true }) }),
      fc.record({ kind: fc.constant('bytes' as const), value: fc.integer({ min: 0, max: 100 * MiB }) }),
    );
    fc.assert(
      fc.property(fc.array(figures, { minLength: 1, maxLength: 5 }), increase, (all, maxIncrease) => {
        const reports = all.map((f, i) => workload(`w${i}.mjs`, f));
        const result = compareWithBase(reports, reports, maxIncrease);
        assert.equal(result.regressed, false);
        assert.ok(result.workloads.every((w) => w.status === 'compared' && w.reasons.length === 0));
      }),
      { numRuns: 500 },
    );
  });

  it('never regresses the same code measured twice: run-to-run differences within the measured noise', () => {
    // Retained: one-off drift ≤ 12 KiB per run (measured); heap after: ±512 KiB; RSS: ±8 MiB.
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 512 * MiB, noNaN: true }),
        fc.double({ min: -12 * KiB, max: 12 * KiB, noNaN: true }),
        fc.double({ min: -12 * KiB, max: 12 * KiB, noNaN: true }),
        fc.double({ min: -512 * KiB, max: 512 * KiB, noNaN: true }),
        fc.double({ min: -8 * MiB, max: 8 * MiB, noNaN: true }),
        fc.oneof(
          fc.constant(null),
          fc.constant({ kind: 'percent' as const, value: 0 }),
          fc.constant({ kind: 'bytes' as const, value: 0 }),
        ),
        (retained, driftBase, driftHead, heapDelta, rssDelta, maxIncrease) => {
          const base = workload('w.mjs', { retained: retained + driftBase, heapAfter: 40 * MiB, peakRss: 90 * MiB });
          const head = workload('w.mjs', {
            retained: retained + driftHead,
            heapAfter: 40 * MiB + heapDelta,
            peakRss: 90 * MiB + rssDelta,
          });
          assert.equal(compareWithBase([base], [head], maxIncrease).regressed, false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('regresses +50% retained growth beyond the noise, with a sentence', () => {
    const result = compareWithBase(
      [workload('leak.mjs', { retained: 10 * MiB })],
      [workload('leak.mjs', { retained: 15 * MiB })],
      null,
    );
    assert.equal(result.regressed, true);
    const [w] = result.workloads;
    assert.ok(w?.retained);
    assert.equal(w.retained.change, 5 * MiB);
    assert.ok(w.retained.limit !== null && w.retained.limit > 10 * MiB && w.retained.limit < 15 * MiB);
    assert.match(
      w.reasons[0]!,
      /^retained growth rose from 10 MiB to 15 MiB \(\+5 MiB\), beyond the noise between runs \(±[\d.]+ (KiB|MiB)\)$/,
    );
    assert.equal(w.heapAfter?.limit, null, 'heap after is not gated without maxIncrease');
    assert.equal(w.peakRss?.limit, null);
  });

  it('does not regress a change within the noise of a large, sampled retained size', () => {
    // 3·√((100 MiB + 100.5 MiB)·4096) ≈ 2.6 MiB of sampling noise.
    const result = compareWithBase(
      [workload('big.mjs', { retained: 100 * MiB })],
      [workload('big.mjs', { retained: 100.5 * MiB })],
      null,
    );
    assert.equal(result.regressed, false);
  });

  it('counts both trial spreads as noise', () => {
    const base = workload('w.mjs', { retained: 1 * MiB, spread: 300 * KiB });
    const head = workload('w.mjs', { retained: 1.4 * MiB, spread: 200 * KiB });
    assert.equal(compareWithBase([base], [head], null).regressed, false);
    assert.equal(compareWithBase([{ ...base, spread: 0 }], [{ ...head, spread: 0 }], null).regressed, true);
  });

  it('allows what maxIncrease allows, as a percentage of base', () => {
    const base = [workload('w.mjs', { retained: 10 * MiB })];
    const head = [workload('w.mjs', { retained: 11.5 * MiB })];
    assert.equal(compareWithBase(base, head, { kind: 'percent', value: 20 }).regressed, false);
    const tight = compareWithBase(base, head, { kind: 'percent', value: 10 });
    assert.equal(tight.regressed, true);
    assert.match(tight.workloads[0]!.reasons[0]!, /beyond the allowed \+10% and the noise between runs/);
  });

  it('allows what maxIncrease allows, in bytes', () => {
    const base = [workload('w.mjs', { retained: 10 * MiB })];
    const head = [workload('w.mjs', { retained: 11.5 * MiB })];
    assert.equal(compareWithBase(base, head, { kind: 'bytes', value: 2 * MiB }).regressed, false);
    const result = compareWithBase(base, head, { kind: 'bytes', value: 1 * MiB });
    assert.equal(result.regressed, true);
    // The noise here (64 KiB + 3·√(21.5 MiB·4096) ≈ 954 KiB) is below the allowed 1 MiB, so the limit is base + 1 MiB.
    assert.equal(result.workloads[0]!.retained!.limit, 11 * MiB);
    assert.match(result.workloads[0]!.reasons[0]!, /beyond the allowed \+1 MiB and the noise/);
  });

  it('gates heap after and peak RSS only with maxIncrease, and only beyond their noise floors', () => {
    const base = [workload('w.mjs', { heapAfter: 50 * MiB, peakRss: 100 * MiB })];
    const grown = [workload('w.mjs', { heapAfter: 60 * MiB, peakRss: 140 * MiB })];
    const result = compareWithBase(base, grown, { kind: 'percent', value: 10 });
    const w = result.workloads[0]!;
    assert.equal(w.heapAfter?.regressed, true);
    assert.equal(w.peakRss?.regressed, true);
    assert.equal(w.retained?.regressed, false);
    assert.deepEqual(
      w.reasons.map((r) => r.split(' rose')[0]),
      ['heap in use after the measured pass', 'peak RSS'],
    );
    // RSS +12 MiB is over 10% of 100 MiB but inside the 16 MiB floor.
    const rss = compareWithBase(base, [workload('w.mjs', { heapAfter: 50 * MiB, peakRss: 112 * MiB })], {
      kind: 'percent',
      value: 0,
    });
    assert.equal(rss.regressed, false);
    assert.equal(compareWithBase(base, grown, null).regressed, false);
  });

  it('reports new and missing workloads without regressing', () => {
    const result = compareWithBase(
      [workload('a.mjs'), workload('gone.mjs')],
      [workload('a.mjs'), workload('fresh.mjs', { retained: 500 * MiB })],
      null,
    );
    assert.deepEqual(
      result.workloads.map((w) => [w.path, w.status, w.regressed]),
      [
        ['a.mjs', 'compared', false],
        ['fresh.mjs', 'new', false],
        ['gone.mjs', 'missing', false],
      ],
    );
    assert.equal(result.regressed, false);
    assert.match(result.workloads[1]!.reasons[0]!, /^new workload/);
    assert.match(result.workloads[2]!.reasons[0]!, /^missing workload/);
  });

  it('does not compare a workload that errored on either side', () => {
    const result = compareWithBase(
      [workload('w.mjs', { status: 'error' })],
      [workload('w.mjs', { retained: 900 * MiB })],
      null,
    );
    assert.deepEqual(
      { status: result.workloads[0]!.status, regressed: result.regressed, retained: result.workloads[0]!.retained },
      { status: 'error', regressed: false, retained: null },
    );
    assert.match(result.workloads[0]!.reasons[0]!, /failed to run on base/);
  });

  it('lists head sites that grew beyond sampling noise and that base did not have', () => {
    const base = workload('w.mjs', {
      top: [
        { key: 'src/a.ts:1 (a)', sizeDiff: 500 * KiB },
        { key: 'src/b.ts:2 (b)', sizeDiff: -3 * KiB },
      ],
    });
    const head = workload('w.mjs', {
      top: [
        { key: 'src/new.ts:9 (leak)', sizeDiff: 300 * KiB },
        { key: 'src/a.ts:1 (a)', sizeDiff: 520 * KiB },
        { key: 'src/b.ts:2 (b)', sizeDiff: 80 * KiB },
        { key: 'src/noise.ts:4 (x)', sizeDiff: 8 * KiB },
        { key: 'src/freed.ts:5 (y)', sizeDiff: -200 * KiB },
      ],
    });
    assert.deepEqual(compareWithBase([base], [head], null).workloads[0]!.newSites, ['src/new.ts:9 (leak)']);
    // Exact (tracemalloc): the site floor alone applies.
    const exact = (w: WorkloadFigures) => ({ ...w, profiler: { samplingInterval: null } });
    assert.deepEqual(compareWithBase([exact(base)], [exact(head)], null).workloads[0]!.newSites, [
      'src/new.ts:9 (leak)',
      'src/noise.ts:4 (x)',
    ]);
  });
});

describe('settingsMismatch', () => {
  const measured = (groupBy: string, iterations: number, interval: number | null, error?: unknown): MeasuredAs => ({
    settings: { groupBy },
    workloads: [
      {
        path: 'a.mjs',
        iterations,
        profiler: { backend: 'inspector', samplingInterval: interval },
        ...(error ? { error } : {}),
      },
    ],
  });

  it('accepts reports measured alike, and ignores workloads that errored on either side', () => {
    assert.equal(settingsMismatch(measured('line', 50, 4096), measured('line', 50, 4096)), null);
    assert.equal(settingsMismatch(measured('line', 50, 4096, { kind: 'threw' }), measured('line', 20, 4096)), null);
  });

  it('a base that shares no workload with the head is refused; some in common is compared', () => {
    const other: MeasuredAs = {
      settings: { groupBy: 'line' },
      workloads: [{ path: 'b.mjs', iterations: 50, profiler: { backend: 'inspector', samplingInterval: 4096 } }],
    };
    assert.equal(
      settingsMismatch(other, measured('line', 50, 4096)),
      "the base report measured other workloads (b.mjs), none of this run's",
    );
    const both: MeasuredAs = {
      settings: { groupBy: 'line' },
      workloads: [...other.workloads, ...measured('line', 50, 4096).workloads],
    };
    assert.equal(settingsMismatch(both, measured('line', 50, 4096)), null);
  });

  it('names what differs: grouping, iterations, profiler', () => {
    assert.equal(
      settingsMismatch(measured('file', 50, 4096), measured('line', 50, 4096)),
      'the base was grouped by file, this run by line',
    );
    assert.equal(
      settingsMismatch(measured('line', 50, 4096), measured('line', 100, 4096)),
      'a.mjs ran 50 iterations on the base, 100 here',
    );
    assert.match(
      settingsMismatch(measured('line', 50, 16384), measured('line', 50, 4096)) ?? '',
      /^a\.mjs was profiled differently on the base \(inspector, sampling 16384\)$/,
    );
  });
});

describe('leak rates against the base', () => {
  const figures = (leak: WorkloadFigures['leak'], retained = 160 * 1024): WorkloadFigures => ({
    path: 'perf/orders.memgate.ts',
    profiler: { samplingInterval: 4096 },
    retained: { total: retained },
    spread: 0,
    memory: { after: { heapUsed: 8 << 20 }, peakRss: 90 << 20 },
    verdict: { status: 'pass' },
    top: [],
    ...(leak ? { leak } : {}),
  });
  const settled = { threshold: 512, verdict: 'settles' as const, measuredRate: 2600, rate: 380, uncertainty: 60 };
  const leaking = (rate: number) => ({
    threshold: 512,
    verdict: 'leak' as const,
    measuredRate: 3300,
    rate,
    uncertainty: 40,
  });

  it('a fixed base against a leaky head is a new leak, though retained growth over the pass is within the noise', () => {
    const cmp = compareWithBase([figures(settled, 120 * 1024)], [figures(leaking(1650), 170 * 1024)], null);
    const w = cmp.workloads[0]!;
    assert.equal(w.retained?.regressed, false);
    assert.equal(w.leak?.status, 'new');
    assert.equal(cmp.regressed, true);
    assert.match(
      w.reasons.join(' '),
      /new leak: keeps growing by 1\.6 KiB\/iteration; the base did not leak \(380 B\/iteration, settles\)/,
    );
  });

  it('the same leak on both sides is not a regression; a leak beyond the base rate and its noise is', () => {
    const same = compareWithBase([figures(leaking(1400))], [figures(leaking(1650))], null);
    assert.equal(same.workloads[0]!.leak?.status, 'same');
    assert.equal(same.regressed, false);
    const faster = compareWithBase([figures(leaking(1400))], [figures(leaking(3 * 1024))], null);
    assert.equal(faster.workloads[0]!.leak?.status, 'faster');
    assert.equal(faster.regressed, true);
    // A head that does not leak, and reports without the rule's figures, compare as before.
    assert.equal(
      compareWithBase([figures(leaking(1400))], [figures(settled)], null).workloads[0]!.leak?.status,
      'none',
    );
    assert.equal(compareWithBase([figures(undefined)], [figures(leaking(1400))], null).workloads[0]!.leak, null);
  });

  it('rates decided after different numbers of segments are compared over the same iterations', () => {
    // Identical code (the bench's leaky Express app): one run held after one segment, another after four.
    const windows = [
      [50, 178],
      [178, 434],
      [434, 946],
      [946, 1970],
    ] as const;
    const segs = (...rates: number[]) => rates.map((rate, k) => ({ from: windows[k]![0], to: windows[k]![1], rate }));
    const early = { ...leaking(2816), segments: segs(2816) };
    const late = { ...leaking(1387), verdict: 'still-growing' as const, segments: segs(2582, 1932, 1901, 1387) };
    const cmp = compareWithBase([figures(late)], [figures(early)], null);
    assert.equal(cmp.workloads[0]!.leak?.status, 'same', cmp.workloads[0]!.reasons.join('; '));
    assert.equal(cmp.regressed, false);
    // Twice the leak over the same first window is faster, and the reason says over what.
    const doubled = compareWithBase([figures(late)], [figures({ ...leaking(5400), segments: segs(5400) })], null);
    assert.equal(doubled.workloads[0]!.leak?.status, 'faster');
    assert.match(
      doubled.workloads[0]!.reasons.join(' '),
      /faster leak: 5\.3 KiB\/iteration, against 2\.5 KiB\/iteration on the base over the same iterations/,
    );
  });
});
