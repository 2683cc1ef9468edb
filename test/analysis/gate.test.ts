import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gateWorkload, leakRate, type Ceilings, type GateInput } from '../../src/analysis/gate.ts';
import type { SeriesPoint } from '../../src/analysis/model.ts';
import { CHECKPOINTS, KiB, MiB, series } from './helpers.ts';

const NO_CEILINGS: Ceilings = { maxRetained: null, maxHeap: null, maxRss: null };

/** Gate input from a pass-2 series: retained growth is read off the series' end. */
function input(points: SeriesPoint[], extra: Partial<GateInput> = {}): GateInput {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const heap = last.heapUsed - first.heapUsed;
  const external = last.external - first.external;
  return {
    retained: { heap, external, total: heap + external },
    heapAfter: last.heapUsed,
    peakRss: 80 * MiB,
    series: points,
    iterations: last.iteration,
    samplingInterval: 4096,
    sites: [],
    trialTotals: [heap + external],
    ...extra,
  };
}

describe('leakRate', () => {
  it('fits heap + external per iteration', () => {
    const rate = leakRate(series(CHECKPOINTS, [0, 10, 20, 30, 40, 50], [0, 5, 10, 15, 20, 25]));
    assert.ok(Math.abs(rate.bytesPerIteration - 1.5 * KiB) < 1);
    assert.ok(rate.r2 > 0.9999);
  });

  it('reports r² = 0 for a flat or degenerate series', () => {
    assert.deepEqual(leakRate(series(CHECKPOINTS, [0, 0, 0, 0, 0, 0])), { bytesPerIteration: 0, r2: 0 });
    assert.equal(leakRate(series([0, 50], [0, 100])).r2, 0, 'two points always fit a line');
    assert.deepEqual(leakRate([]), { bytesPerIteration: 0, r2: 0 });
  });
});

describe('gateWorkload: ceilings', () => {
  const flat = input(series(CHECKPOINTS, [0, 0.1, 0.1, 0.1, 0.1, 0.1]), {
    retained: { heap: 12.4 * MiB, external: 0, total: 12.4 * MiB },
    heapAfter: 300 * MiB,
    peakRss: 1.1 * 1024 * MiB,
  });

  it('fails each ceiling with a sentence naming it, the value and the limit', () => {
    assert.deepEqual(gateWorkload(flat, { maxRetained: 10 * MiB, maxHeap: null, maxRss: null }), {
      status: 'fail',
      reasons: ['retained growth 12.4 MiB exceeds max-retained 10 MiB'],
    });
    assert.deepEqual(gateWorkload(flat, { maxRetained: null, maxHeap: 256 * MiB, maxRss: null }).reasons, [
      'heap in use after the measured pass 300 MiB exceeds max-heap 256 MiB',
    ]);
    assert.deepEqual(gateWorkload(flat, { maxRetained: null, maxHeap: null, maxRss: 1024 * MiB }).reasons, [
      'peak RSS 1.1 GiB exceeds max-rss 1 GiB',
    ]);
    assert.equal(gateWorkload(flat, { maxRetained: 20 * MiB, maxHeap: 512 * MiB, maxRss: 2048 * MiB }).status, 'pass');
  });

  it('shows exact bytes when value and limit would read the same', () => {
    const close = { ...flat, retained: { heap: 10 * MiB + 40, external: 0, total: 10 * MiB + 40 } };
    assert.deepEqual(gateWorkload(close, { maxRetained: 10 * MiB, maxHeap: null, maxRss: null }).reasons, [
      `retained growth 10 MiB (${10 * MiB + 40} bytes) exceeds max-retained 10 MiB (${10 * MiB} bytes)`,
    ]);
  });
});

describe('gateWorkload: the default leak rule', () => {
  it('fails a linear leak with a sentence giving total, rate and fit', () => {
    const leak = input(
      series(
        CHECKPOINTS,
        CHECKPOINTS.map((i) => i * 24.6),
      ),
    );
    const verdict = gateWorkload(leak, NO_CEILINGS);
    assert.equal(verdict.status, 'fail');
    assert.deepEqual(verdict.reasons, [
      'retained 1.2 MiB over 50 iterations (~24.6 KiB/iteration, r²=1.00) — grows with every iteration',
    ]);
  });

  it('passes a one-off step (measured: lazy initialisation in the middle of pass 2), with a short note', () => {
    const verdict = gateWorkload(input(series(CHECKPOINTS, [0, -2.9, -2.8, 193.2, 204.0, 193.3])), NO_CEILINGS);
    assert.equal(verdict.status, 'pass');
    assert.equal(verdict.reasons.length, 1);
    assert.match(
      verdict.reasons[0]!,
      /^retained 193\.3 KiB over 50 iterations, but in one step .* treated as a one-off/,
    );
  });

  it('passes a step at the first or last checkpoint', () => {
    assert.equal(gateWorkload(input(series(CHECKPOINTS, [0, 300, 300, 301, 300, 300])), NO_CEILINGS).status, 'pass');
    assert.equal(gateWorkload(input(series(CHECKPOINTS, [0, 0, 1, 0, 1, 300])), NO_CEILINGS).status, 'pass');
  });

  it('passes flat noise (measured shapes on Node 20, 22, 24) with no reasons', () => {
    for (const kib of [
      [0, -2.7, -2.5, -2.5, -2.5, -2.5],
      [0, -11.6, -11.5, -11.5, -11.5, -11.5],
      [0, 6.4, 5.5, 5.5, 5.5, 5.5],
      [0, 2.8, 5.0, 2.2, 2.2, 2.2],
    ]) {
      assert.deepEqual(gateWorkload(input(series(CHECKPOINTS, kib)), NO_CEILINGS), { status: 'pass', reasons: [] });
    }
  });

  it('passes clean workloads measured through the real probe (its first checkpoint adds ~52 KiB once)', () => {
    for (const kib of [
      [0, 52.5, 53.0, 53.4, 61.5, 58.6],
      [0, 55.4, 56.0, 56.4, 66.7, 62.9],
      [0, 52.7, 53.2, 53.7, 90.6, 59.1],
      [0, 44.4, 44.9, 51.3, 59.3, 50.4],
      [0, 62.9, 70.9, 71.1, 84.6, 70.1],
    ]) {
      // No note either: a note on every clean workload would be noise.
      assert.deepEqual(gateWorkload(input(series(CHECKPOINTS, kib)), NO_CEILINGS), { status: 'pass', reasons: [] });
    }
  });

  it('still fails a 64 KB/pass leak behind that one-off jump, and says so', () => {
    const kib = CHECKPOINTS.map((i, k) => (k === 0 ? 0 : 52.5 + (64 * i) / 50));
    const verdict = gateWorkload(input(series(CHECKPOINTS, kib)), NO_CEILINGS);
    assert.equal(verdict.status, 'fail');
    assert.match(
      verdict.reasons[0]!,
      /^retained 116\.5 KiB over 50 iterations \(~1\.3 KiB\/iteration, r²=1\.00\) — grows with every iteration, besides a one-off jump of 52\.5 KiB$/,
    );
  });

  it('fails a 64 KB/pass leak behind both the probe jump and the probe spike', () => {
    const clean = [0, 52.7, 53.2, 53.7, 90.6, 59.1];
    const kib = CHECKPOINTS.map((i, k) => clean[k]! + (64 * i) / 50);
    const verdict = gateWorkload(input(series(CHECKPOINTS, kib)), NO_CEILINGS);
    assert.equal(verdict.status, 'fail');
    assert.match(verdict.reasons[0]!, /besides a one-off jump of/);
  });

  it('passes a small linear drift below the floor (measured: a Python regex cache filling, 19 KiB)', () => {
    const verdict = gateWorkload(
      input(series(CHECKPOINTS, [0, 3.4, 6.8, 12.4, 15.7, 19.0]), { samplingInterval: null }),
      NO_CEILINGS,
    );
    assert.deepEqual(verdict, { status: 'pass', reasons: [] });
  });

  it('fails a 64 KB/pass linear leak (measured on Node 20), also with the first-checkpoint drift', () => {
    assert.equal(
      gateWorkload(input(series(CHECKPOINTS, [0, 12.7, 25.8, 38.8, 52.2, 65.1])), NO_CEILINGS).status,
      'fail',
    );
    const drifted = [0, 12.7, 25.8, 38.8, 52.2, 65.1].map((v, i) => (i === 0 ? 0 : v - 11.6));
    assert.equal(gateWorkload(input(series(CHECKPOINTS, drifted)), NO_CEILINGS).status, 'fail');
  });

  it('fails a 64 KB/pass leak under tracemalloc (exact, no sampling interval)', () => {
    const verdict = gateWorkload(
      input(series(CHECKPOINTS, [0, 13.6, 27.1, 40.6, 54.0, 67.6]), { samplingInterval: null }),
      NO_CEILINGS,
    );
    assert.equal(verdict.status, 'fail');
  });

  it('fails a Buffer leak that only shows in external memory', () => {
    const points = series(CHECKPOINTS, [0, 0.3, 0.9, 1.3, 2.1, 2.5], [0, 14.5, 29.3, 43.9, 59.0, 73.6]);
    const verdict = gateWorkload(input(points, { sites: [{ size: 2.5 * KiB, sizeDiff: 2.5 * KiB }] }), NO_CEILINGS);
    assert.equal(verdict.status, 'fail');
    assert.match(
      verdict.reasons[0]!,
      /^retained 76\.1 KiB over 50 iterations \(~1\.5 KiB\/iteration, r²=1\.00\) — grows with every iteration$/,
    );
  });

  it('adds the end point when the series stops before the last iteration', () => {
    const points = series([0, 10, 20, 30, 40], [0, 26, 52, 78, 104]);
    const verdict = gateWorkload(
      input(points, { iterations: 50, retained: { heap: 130 * KiB, external: 0, total: 130 * KiB } }),
      NO_CEILINGS,
    );
    assert.equal(verdict.status, 'fail');
  });

  it('accepts a bumpy leak that rises at every checkpoint even when a line fits it poorly', () => {
    const verdict = gateWorkload(input(series(CHECKPOINTS, [0, 40, 45, 50, 55, 100])), NO_CEILINGS);
    assert.equal(verdict.status, 'fail');
    assert.match(verdict.reasons[0]!, /rises at every checkpoint$/);
  });

  it('decides on growth alone when there are too few checkpoints, and says so', () => {
    const verdict = gateWorkload(input(series([0, 1], [0, 200])), NO_CEILINGS);
    assert.equal(verdict.status, 'fail');
    assert.match(
      verdict.reasons[0]!,
      /^retained 200 KiB over 1 iteration \(~200 KiB\/iteration\) — above the noise \(84\.9 KiB\); too few checkpoints/,
    );
    assert.equal(gateWorkload(input(series([0, 1], [0, 20])), NO_CEILINGS).status, 'pass');
  });

  it('raises the bar with a coarse sampling interval (the sites could not pin a small leak)', () => {
    const leak64 = series(CHECKPOINTS, [0, 12.7, 25.8, 38.8, 52.2, 65.1]);
    assert.equal(gateWorkload(input(leak64, { samplingInterval: 64 * KiB }), NO_CEILINGS).status, 'pass');
    const leak1m = series(
      CHECKPOINTS,
      CHECKPOINTS.map((i) => i * 20.5),
    );
    assert.equal(gateWorkload(input(leak1m, { samplingInterval: 64 * KiB }), NO_CEILINGS).status, 'fail');
  });

  it('applies beside max-heap and max-rss, but max-retained replaces it', () => {
    const leak = input(
      series(
        CHECKPOINTS,
        CHECKPOINTS.map((i) => i * 24.6),
      ),
    );
    const withHeap = gateWorkload(leak, { maxRetained: null, maxHeap: 1 * MiB, maxRss: null });
    assert.equal(withHeap.reasons.length, 2);
    assert.match(withHeap.reasons[1]!, /grows with every iteration$/);
    const tooMuch = gateWorkload(leak, { maxRetained: 1 * MiB, maxHeap: null, maxRss: null });
    assert.deepEqual(tooMuch.reasons, ['retained growth 1.2 MiB exceeds max-retained 1 MiB']);
    // Growth the user allowed (a cache that grows by design) passes.
    assert.deepEqual(gateWorkload(leak, { maxRetained: 2 * MiB, maxHeap: null, maxRss: null }), {
      status: 'pass',
      reasons: [],
    });
  });

  it('a growing array whose backing store stepped once in the pass fails; a lazily built table does not', () => {
    // Measured: a module-level array of doubles over 50 iterations, one reallocation from 596 to 894 KiB.
    const step = series(CHECKPOINTS, [0, 3, 3, 302, 308, 306]);
    const array = gateWorkload(input(step, { sites: [{ size: 894 * KiB, sizeDiff: 298 * KiB }] }), NO_CEILINGS);
    assert.equal(array.status, 'fail');
    assert.match(
      array.reasons[0]!,
      /^retained 306 KiB over 50 iterations, in one step, 298 KiB of it where memory was already live at the baseline — a structure that keeps growing/,
    );
    // The same step where nothing was live before (a table built on first use): a one-off.
    const lazy = gateWorkload(input(step, { sites: [{ size: 298 * KiB, sizeDiff: 298 * KiB }] }), NO_CEILINGS);
    assert.equal(lazy.status, 'pass');
    assert.match(lazy.reasons[0] ?? '', /treated as a one-off/);
    // A big structure that grew by a sliver (within the sampler's noise on what it holds) is no growing structure.
    const sliver = gateWorkload(input(step, { sites: [{ size: 4 * MiB, sizeDiff: 120 * KiB }] }), NO_CEILINGS);
    assert.equal(sliver.status, 'pass');
  });
});

describe('gateWorkload: trials', () => {
  const leak = series(
    CHECKPOINTS,
    CHECKPOINTS.map((i) => i * 4),
  );

  it('fails when a majority of trials show the leak and says how many', () => {
    const verdict = gateWorkload(input(leak, { trialTotals: [200 * KiB, 195 * KiB, 5 * KiB] }), NO_CEILINGS);
    assert.equal(verdict.status, 'fail');
    assert.match(verdict.reasons[0]!, /\(in 2 of 3 trials\)$/);
  });

  it('passes, with a note, when the trials disagree (one of two)', () => {
    const verdict = gateWorkload(input(leak, { trialTotals: [200 * KiB, 3 * KiB] }), NO_CEILINGS);
    assert.deepEqual(verdict, {
      status: 'pass',
      reasons: ['retained growth exceeded the noise in only 1 of 2 trials — not reproducible, treated as noise'],
    });
  });
});

describe('gateWorkload: properties', () => {
  /**
   * A 50-iteration series in KiB: linear growth, a one-off jump at the first checkpoint (like the probe's),
   * a one-off drift of the measured size at any checkpoint, a transient spike at one interior checkpoint
   * (like the probe's), and ±1 KiB jitter.
   */
  interface Shape {
    perPass: number;
    firstJump: number;
    drift: number;
    driftAt: number;
    spike: number;
    spikeAt: number;
    jitter: number[];
  }
  const shaped = (s: Shape) =>
    series(
      CHECKPOINTS,
      CHECKPOINTS.map((i, k) =>
        k === 0
          ? 0
          : (s.perPass * i) / 50 +
            s.firstJump +
            (k >= s.driftAt ? s.drift : 0) +
            (k === s.spikeAt ? s.spike : 0) +
            (s.jitter[k] ?? 0),
      ),
    );
  const artefacts = {
    firstJump: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
    drift: fc.double({ min: -12, max: 12, noNaN: true }),
    driftAt: fc.integer({ min: 1, max: 5 }),
    spike: fc.oneof(fc.constant(0), fc.double({ min: -40, max: 40, noNaN: true })),
    spikeAt: fc.integer({ min: 1, max: 4 }),
    jitter: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
  };

  it('never fails clean shapes: flat, one-off jumps, measured drift, a spike, jitter', () => {
    fc.assert(
      fc.property(fc.record({ perPass: fc.constant(0), ...artefacts }), (shape) => {
        assert.equal(gateWorkload(input(shaped(shape)), NO_CEILINGS).status, 'pass');
      }),
      { numRuns: 1000 },
    );
  });

  it('never fails a single one-off step of any size, anywhere', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        artefacts.driftAt,
        artefacts.jitter,
        (step, at, jitter) => {
          const shape = { perPass: 0, firstJump: 0, drift: step, driftAt: at, spike: 0, spikeAt: 1, jitter };
          assert.equal(gateWorkload(input(shaped(shape)), NO_CEILINGS).status, 'pass');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('always fails a leak of at least 64 KiB per pass despite one-off jumps, drift, a spike and jitter', () => {
    fc.assert(
      fc.property(
        fc.record({ perPass: fc.double({ min: 64, max: 64 * 1024, noNaN: true }), ...artefacts }),
        (shape) => {
          assert.equal(gateWorkload(input(shaped(shape)), NO_CEILINGS).status, 'fail');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
