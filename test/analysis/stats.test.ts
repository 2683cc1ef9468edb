import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { leastSquares, majorityValue, median, spread } from '../../src/analysis/stats.ts';

describe('stats', () => {
  it('median, spread and the value a majority reaches', () => {
    assert.equal(median([]), 0);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(spread([5]), 0);
    assert.equal(spread([5, 1, 3]), 4);
    assert.equal(majorityValue([7]), 7);
    assert.equal(majorityValue([9, 1]), 1);
    assert.equal(majorityValue([9, 1, 5]), 5);
    assert.equal(majorityValue([9, 1, 5, 7]), 5);
  });

  it('least squares: exact line, noisy line, degenerate cases', () => {
    const exact = leastSquares([0, 1, 2, 3], [1, 3, 5, 7]);
    assert.deepEqual(exact, { slope: 2, intercept: 1, r2: 1 });
    const noisy = leastSquares([0, 1, 2, 3, 4], [0, 1.2, 1.8, 3.1, 4]);
    assert.ok(noisy.r2 > 0.98 && noisy.r2 < 1);
    assert.equal(leastSquares([0, 1], [0, 5]).r2, 0);
    assert.equal(leastSquares([2, 2, 2], [1, 2, 3]).r2, 0);
    assert.equal(leastSquares([0, 1, 2], [4, 4, 4]).r2, 0);
    // Heap-sized numbers keep their precision.
    const big = leastSquares([0, 10, 20], [4e9, 4e9 + 1e4, 4e9 + 2e4]);
    assert.ok(Math.abs(big.slope - 1000) < 1e-6);
  });
});
