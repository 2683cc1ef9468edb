// The noise model (src/analysis/noise.ts): each bar and shape test on worked figures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assessLeak,
  COMPARE_FLOOR,
  GROWTH_FLOOR,
  grownStructures,
  growthThreshold,
  heapAfterCompareNoise,
  retainedCompareNoise,
  rssCompareNoise,
  samplingSigma,
  seriesShape,
  SITE_FLOOR,
  siteNoise,
} from '../../src/analysis/noise.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
/** Six checkpoints over a pass of 50 iterations, totals in KiB. */
const series = (kib: number[]) => [0, 10, 20, 30, 40, 50].map((iteration, i) => ({ iteration, total: kib[i]! * KiB }));

describe('noise bars', () => {
  it('σ = √(|B|·I); exact profilers have none', () => {
    assert.equal(samplingSigma(1 * MiB, 4096), 65536);
    assert.equal(samplingSigma(-1 * MiB, 4096), 65536);
    assert.equal(samplingSigma(1 * MiB, null), 0);
    assert.equal(samplingSigma(1 * MiB, 0), 0);
  });

  it('the growth bar is the floor until 3σ overtakes it at 9·I', () => {
    assert.equal(growthThreshold(0, 4096), GROWTH_FLOOR);
    assert.equal(growthThreshold(-5 * MiB, 4096), GROWTH_FLOOR);
    assert.equal(growthThreshold(36 * KiB, 4096), 36 * KiB);
    assert.equal(growthThreshold(64 * KiB, 4096), 48 * KiB);
    assert.equal(growthThreshold(10 * MiB, null), GROWTH_FLOOR);
  });

  it('base vs head: the floor, both sampling errors combined, and both spreads', () => {
    // 3·√((1 MiB + 3 MiB)·4096) = 3·2^17.
    assert.equal(retainedCompareNoise(1 * MiB, 3 * MiB, 4096, 1000, -2000), COMPARE_FLOOR + 3 * 131072 + 3000);
    assert.equal(retainedCompareNoise(1 * MiB, -3 * MiB, 4096, 0, 0), COMPARE_FLOOR + 3 * 131072);
    assert.equal(retainedCompareNoise(1 * MiB, 3 * MiB, null, 1000, 2000), COMPARE_FLOOR + 3000);
  });

  it('heap after and peak RSS: a floor, then a share of the base', () => {
    assert.equal(heapAfterCompareNoise(10 * MiB), 1 * MiB);
    assert.equal(heapAfterCompareNoise(100 * MiB), 5 * MiB);
    assert.equal(rssCompareNoise(100 * MiB), 16 * MiB);
    assert.equal(rssCompareNoise(400 * MiB), 40 * MiB);
  });

  it('a site needs nine samples at the default interval, one floor when exact', () => {
    assert.equal(siteNoise(100, 4096), SITE_FLOOR); // 3·√(100·4096) = 1920
    assert.equal(siteNoise(36 * KiB, 4096), 36 * KiB);
    assert.equal(siteNoise(10 * MiB, null), SITE_FLOOR);
  });
});

describe('grown structures', () => {
  it('counts sites that held memory at the baseline and grew by a quarter of it, beyond the noise', () => {
    const grew = { size: 400 * KiB, sizeDiff: 300 * KiB }; // held 100 KiB, noise 3·√(400 KiB·4096) = 120 KiB
    const allNew = { size: 500 * KiB, sizeDiff: 500 * KiB }; // nothing at the baseline: a one-off's shape
    const slight = { size: 1 * MiB, sizeDiff: 100 * KiB }; // grew by 11% of what it held
    const small = { size: 20 * KiB, sizeDiff: 10 * KiB }; // within 3σ of a 20 KiB site (27 KiB)
    assert.equal(grownStructures([grew, allNew, slight, small], 4096), 300 * KiB);
    // tracemalloc is exact: the small site clears the floor alone.
    assert.equal(grownStructures([grew, allNew, slight, small], null), 310 * KiB);
    assert.equal(grownStructures([], 4096), 0);
  });
});

describe('series shape', () => {
  it('tells a staircase of one step from a line', () => {
    assert.equal(seriesShape(series([0, 1, 2, 3, 4, 5])).scaling, 'fit');
    assert.equal(seriesShape(series([0, 0, 0, 9, 9, 9])).scaling, 'one-off');
    assert.equal(seriesShape(series([0, 0, 0, 0, 0, 0])).scaling, 'one-off');
    assert.equal(seriesShape(series([0, 5, 4, 3, 2, 1])).scaling, 'one-off');
    assert.equal(
      seriesShape([
        { iteration: 0, total: 0 },
        { iteration: 1, total: 9 },
      ]).scaling,
      'unknown',
    );
  });

  it('takes a one-off jump out of a leak and names it', () => {
    const shape = seriesShape(series([0, 10, 20, 130, 140, 150]));
    assert.deepEqual(
      { scaling: shape.scaling, oneOff: shape.oneOff, steadyGrowth: shape.steadyGrowth, corrected: shape.corrected },
      { scaling: 'fit', oneOff: 100 * KiB, steadyGrowth: 50 * KiB, corrected: true },
    );
    assert.equal(shape.slope, 1 * KiB);
  });

  it('leaves a transient spike out', () => {
    const shape = seriesShape(series([0, 10, 20, 60, 40, 50]));
    assert.equal(shape.scaling, 'fit');
    assert.equal(shape.oneOff, 0);
    assert.equal(shape.r2, 1);
  });

  it('a leak too bumpy for a line still grows steadily when every interval rises', () => {
    const shape = seriesShape(series([0, 20, 23, 26, 29, 50]));
    assert.equal(shape.scaling, 'steady-rise');
    assert.ok(shape.r2 < 0.9, `r² ${shape.r2}`);
  });

  it('a steady part that is not substantial is a one-off', () => {
    assert.equal(seriesShape(series([0, 1, 2, 3, 4, 5]), () => false).scaling, 'one-off');
  });

  it('sorts the points and keeps the later of two readings at one iteration', () => {
    const shape = seriesShape([
      { iteration: 20, total: 20 },
      { iteration: 0, total: 0 },
      { iteration: 10, total: 99 },
      { iteration: 10, total: 10 },
    ]);
    assert.deepEqual(
      { scaling: shape.scaling, slope: shape.slope, growth: shape.growth },
      { scaling: 'fit', slope: 1, growth: 20 },
    );
  });
});

describe('the leak rule', () => {
  const assess = (kib: number[], interval: number | null = 4096) => {
    const growth = (kib.at(-1)! - kib[0]!) * KiB;
    return assessLeak({ growth, heapGrowth: growth, interval, points: series(kib) });
  };

  it('a steady 64 KiB per pass is a leak', () => {
    const result = assess([0, 12.8, 25.6, 38.4, 51.2, 64]);
    assert.deepEqual(
      { leak: result.leak, threshold: result.threshold, scaling: result.scaling },
      { leak: true, threshold: 48 * KiB, scaling: 'fit' },
    );
  });

  it('a steady growth below the bar is not', () => {
    const result = assess([0, 6, 12, 18, 24, 30]);
    assert.equal(result.aboveNoise, false);
    assert.equal(result.leak, false);
  });

  it('one step of 1 MiB is not; the same step on top of a leak is', () => {
    const step = assess([0, 0, 0, 1024, 1024, 1024]);
    assert.deepEqual(
      { aboveNoise: step.aboveNoise, scaling: step.scaling, leak: step.leak },
      { aboveNoise: true, scaling: 'one-off', leak: false },
    );
    const stepOnLeak = assess([0, 10, 20, 1054, 1064, 1074]);
    assert.deepEqual(
      { scaling: stepOnLeak.scaling, corrected: stepOnLeak.corrected, leak: stepOnLeak.leak },
      { scaling: 'fit', corrected: true, leak: true },
    );
  });

  it('growth outside the sampled heap is judged against the floor alone', () => {
    const points = series([0, 8, 16, 24, 32, 40]);
    const external = assessLeak({ growth: 40 * KiB, heapGrowth: 0, interval: 4096, points });
    assert.deepEqual(
      { threshold: external.threshold, steadyThreshold: external.steadyThreshold, leak: external.leak },
      { threshold: GROWTH_FLOOR, steadyThreshold: GROWTH_FLOOR, leak: true },
    );
  });
});
