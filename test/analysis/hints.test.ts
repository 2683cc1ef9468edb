import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { niceCeil, workloadHints, type HintInput } from '../../src/analysis/hints.ts';
import { KiB } from './helpers.ts';

const line = (rates: number[], every = 10): HintInput['series'] => {
  let total = 10_000 * KiB;
  return [
    { iteration: 0, total },
    ...rates.map((r, i) => ({ iteration: (i + 1) * every, total: (total += r * every) })),
  ];
};
const input = (extra: Partial<HintInput>): HintInput => {
  const series = extra.series ?? line([0, 0, 0, 0, 0]);
  return { iterations: 50, retained: series.at(-1)!.total - series[0]!.total, series, ...extra };
};

describe('workloadHints: promises still in flight', () => {
  it('says how many promises were left pending and asks whether run() awaits', () => {
    const hints = workloadHints(
      input({
        series: line([16 * KiB, 16 * KiB, 16 * KiB, 16 * KiB, 16 * KiB]),
        pendingPromises: { count: 20, iterations: 20 },
      }),
    );
    assert.deepEqual(hints, [
      '20 promises were still pending when 20 more iterations ended (1 per iteration): did run() await its work? ' +
        'What work still in flight holds counts as growth at every checkpoint.',
    ]);
  });

  it('says nothing when the work was awaited, or when nothing grew', () => {
    const leak = line([16 * KiB, 16 * KiB, 16 * KiB, 16 * KiB, 16 * KiB]);
    assert.deepEqual(workloadHints(input({ series: leak, pendingPromises: { count: 0, iterations: 20 } })), []);
    assert.deepEqual(
      workloadHints(input({ series: leak, pendingPromises: { count: 1, iterations: 1 } })),
      [],
      'one stray promise is no pattern',
    );
    assert.deepEqual(
      workloadHints(input({ series: line([10, 10, 10, 10, 10]), pendingPromises: { count: 40, iterations: 20 } })),
      [],
    );
  });
});

describe('workloadHints: a cache still filling', () => {
  it('after a confirmation that settled: suggests iterations that cover the filling', () => {
    const series = line([4 * KiB, 4 * KiB, 4 * KiB, 4 * KiB, 4 * KiB]);
    const hints = workloadHints(
      input({
        series,
        leak: {
          verdict: 'settles',
          segments: [
            { from: 50, to: 178, outcome: 'decays' },
            { from: 178, to: 434, outcome: 'settles' },
          ],
        },
      }),
    );
    assert.equal(hints.length, 1);
    assert.match(
      hints[0]!,
      /^memory grew 200 KiB in the measured pass, then stopped growing \(within 434 iterations of the baseline\): a cache or pool still filling/,
    );
    assert.match(
      hints[0]!,
      /With iterations 490 or more \(options\.iterations, --iterations\), the warm-up pass fills it/,
    );
  });

  it('without a confirmation: a series that flattens in its second half', () => {
    const hints = workloadHints(input({ series: line([20 * KiB, 20 * KiB, 1 * KiB, 0, 0]) }));
    assert.equal(hints.length, 1);
    assert.match(hints[0]!, /then stopped growing \(by iteration 20 of 50\)/);
    assert.match(hints[0]!, /With iterations 70 or more/);
  });

  it('says nothing for a leak, a growth that still rises at the end, or one too small to matter', () => {
    const leak = line([4 * KiB, 4 * KiB, 4 * KiB, 4 * KiB, 4 * KiB]);
    assert.deepEqual(
      workloadHints(
        input({ series: leak, leak: { verdict: 'leak', segments: [{ from: 50, to: 178, outcome: 'holds' }] } }),
      ),
      [],
    );
    assert.deepEqual(workloadHints(input({ series: leak })), []);
    assert.deepEqual(
      workloadHints(input({ series: line([3 * KiB, 0, 0, 0, 0]) })),
      [],
      '30 KiB is within the noise floor',
    );
  });
});

describe('niceCeil', () => {
  it('rounds up to two significant digits', () => {
    assert.deepEqual([7, 99, 100, 484, 562, 1234, 20_000].map(niceCeil), [7, 99, 100, 490, 570, 1300, 20_000]);
  });
});
