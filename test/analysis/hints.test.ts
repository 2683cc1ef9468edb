import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { niceCeil, workloadHints, type HintInput } from '../../src/analysis/hints.ts';
import type { RetainerPathJson } from '../../src/report/retainers-schema.ts';
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

describe('workloadHints: fewer frames than asked for', () => {
  it('says so whatever grew, and nothing where the depth was kept', () => {
    const said = workloadHints(input({ stackDepth: { configured: 32, recorded: 1 } }));
    assert.equal(said.length, 1);
    assert.match(said[0]!, /^tracemalloc recorded 1 frame per allocation, not the 32 asked for: /);
    assert.deepEqual(workloadHints(input({ stackDepth: { configured: 32, recorded: 32 } })), []);
    assert.deepEqual(workloadHints(input({ stackDepth: { configured: 8, recorded: 16 } })), []);
  });

  it('comes first, beside what the growth says', () => {
    const hints = workloadHints(
      input({
        series: line([16 * KiB, 16 * KiB, 16 * KiB, 16 * KiB, 16 * KiB]),
        pendingPromises: { count: 20, iterations: 20 },
        stackDepth: { configured: 32, recorded: 4 },
      }),
    );
    assert.equal(hints.length, 2, hints.join(' | '));
    assert.match(hints[0]!, /^tracemalloc recorded 4 frames per allocation, not the 32 asked for/);
    assert.match(hints[1]!, /^20 promises were still pending/);
  });
});

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
      /With iterations 610 or more \(options\.iterations, --iterations\), the warm-up pass fills it/,
      '(50 + 434) × 1.25, rounded up',
    );
  });

  it('without a confirmation: a series that flattens in its second half', () => {
    const hints = workloadHints(input({ series: line([20 * KiB, 20 * KiB, 1 * KiB, 0, 0]) }));
    assert.equal(hints.length, 1);
    assert.match(hints[0]!, /then stopped growing \(by iteration 20 of the 50 measured\)/);
    assert.match(hints[0]!, /With iterations 88 or more/);
  });

  it('a settled confirmation whose measured pass already flattened: where the readings stopped, not the segment end', () => {
    // lru-cache max 300, 5 entries an iteration: 250 filled by the warm-up, the rest in the first 10 measured iterations.
    const series = line([9 * KiB, 1 * KiB, 0, 0, 0]);
    const leak = { verdict: 'settles', segments: [{ from: 50, to: 178, outcome: 'settles' as const }] };
    const hints = workloadHints(input({ series, leak }));
    assert.match(hints[0]!, /then stopped growing \(by iteration 10 of the 50 measured\)/);
    assert.match(hints[0]!, /With iterations 75 or more/);
  });

  it('a settled confirmation whose readings flatten in the extra iterations: about where', () => {
    // lru-cache max 800, 5 an iteration: full 110 iterations after the baseline; readings every 32 after the pass.
    const series = line([9 * KiB, 9 * KiB, 9 * KiB, 9 * KiB, 9 * KiB]);
    const end = series.at(-1)!.total;
    // memgate's end-of-pass snapshot lifts the level by ~40 KiB between the pass's last point and the next reading.
    const step = 40 * KiB;
    const confirmation = [
      { iteration: 50, total: end },
      { iteration: 82, total: end + step + 32 * 9 * KiB },
      { iteration: 114, total: end + step + 60 * 9 * KiB },
      { iteration: 146, total: end + step + 60 * 9 * KiB + 2 * KiB },
      { iteration: 178, total: end + step + 60 * 9 * KiB - 1 * KiB },
    ];
    const leak = {
      verdict: 'settles',
      segments: [
        { from: 50, to: 178, outcome: 'decays' as const },
        { from: 178, to: 434, outcome: 'settles' as const },
      ],
    };
    const hints = workloadHints(input({ series, leak, confirmation }));
    assert.match(
      hints[0]!,
      /then stopped growing \(by about 114 iterations after the baseline, in the extra iterations that confirm growth\)/,
    );
    assert.match(hints[0]!, /With iterations 210 or more/, '(50 + 114) × 1.25, rounded up');
    // Without the readings: the settling segment's end.
    assert.match(workloadHints(input({ series, leak }))[0]!, /within 434 iterations of the baseline/);
    // Readings flat from the first after the pass (the step alone): by then.
    const early = [confirmation[0]!, ...confirmation.slice(1).map((p) => ({ ...p, total: end + step }))];
    assert.match(workloadHints(input({ series, leak, confirmation: early }))[0]!, /by about 82 iterations after/);
    // As measured (lru-cache max 800, Node 20): a 29 KiB step of memgate's own at 178 among flat readings.
    const kib = (n: number) => series[0]!.total + n * KiB;
    const measured = [50, 82, 114, 146, 178, 242, 306, 370, 434].map((iteration, i) => ({
      iteration,
      total: kib([442, 776.4, 1018.4, 1024.4, 1053.8, 1060.6, 1063.2, 1063.4, 1063.5][i]!),
    }));
    const real = input({
      series: line([9 * KiB, 8.6 * KiB, 9.3 * KiB, 8.6 * KiB, 8.6 * KiB]),
      leak,
      confirmation: measured,
    });
    assert.match(workloadHints(real)[0]!, /by about 114 iterations after/);
    // Readings still rising at the end: not where it stopped, so the segment's end.
    const rising = confirmation.map((p, i) => ({ ...p, total: p.total + i * 30 * KiB }));
    assert.match(
      workloadHints(input({ series, leak, confirmation: rising }))[0]!,
      /within 434 iterations of the baseline/,
    );
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
    assert.deepEqual(
      workloadHints(
        input({
          series: line([2 * KiB, 1 * KiB, 0.5 * KiB, 0.3 * KiB, 0]),
          leak: { verdict: 'settles', segments: [{ from: 50, to: 178, outcome: 'settles' }] },
        }),
      ),
      [],
      '38 KiB that settled is drift (a full lru-cache measured with 130 iterations), not a cache filling',
    );
  });
});

describe('workloadHints: a bounded cache that had not filled', () => {
  const leak = { verdict: 'leak', segments: [{ from: 50, to: 178, outcome: 'holds' as const }] };
  const growing = line([8 * KiB, 8 * KiB, 8 * KiB, 8 * KiB, 8 * KiB]);
  const step = (name: string, kind: RetainerPathJson['path'][number]['kind'], file?: string, line?: number) => ({
    name,
    kind,
    ...(file ? { file } : {}),
    ...(line ? { line } : {}),
  });
  const held = (...path: RetainerPathJson['path']): HintInput['top'] => [
    { retainers: [{ bytes: 1_700_000, objects: 4996, path }] },
  ];

  it('Node: growth held by an lru-cache LRUCache is said to stop at its max', () => {
    const top = held(
      step('profiles', 'module-scope variable', 'perf/profiles.mjs', 4),
      step('#valList', 'property'),
      step('[]', 'element'),
    );
    const hints = workloadHints(input({ series: growing, leak, top }));
    assert.deepEqual(hints, [
      'the growth is held by an lru-cache LRUCache (profiles, perf/profiles.mjs:4), which stops growing at its max: ' +
        'a max above the entries the 50 warm-up and 178 later iterations added means it was still filling, not leaking. ' +
        'Set iterations to at least max ÷ entries added per iteration (options.iterations, --iterations) so the warm-up ' +
        'pass fills it; growth that goes on after that is a leak.',
    ]);
  });

  it('Python: growth held by a functools.lru_cache says what a maxsize and maxsize=None each mean', () => {
    const top = held(
      step('route', 'module-scope variable', 'perf/routes.py', 9),
      step('<_lru_cache_wrapper>', 'internal'),
    );
    const [hint] = workloadHints(input({ series: growing, leak, top }));
    assert.match(
      hint!,
      /^the growth is held by a functools\.lru_cache \(route, perf\/routes\.py:9\)\. With a maxsize it stops/,
    );
    assert.match(hint!, /With maxsize=None \(or functools\.cache\) it keeps every argument: a leak\.$/);
  });

  it('says nothing for growth held by a plain Map or list, or with no retainer paths', () => {
    const map = held(step('sessions', 'module-scope variable', 'perf/s.mjs', 2), step('[]', 'map entry'));
    assert.deepEqual(workloadHints(input({ series: growing, leak, top: map })), []);
    assert.deepEqual(workloadHints(input({ series: growing, leak, top: [{}] })), []);
    assert.deepEqual(workloadHints(input({ series: growing, leak })), []);
  });

  it('only the largest row with paths counts, and only its main path', () => {
    const lru = { bytes: 10_000, objects: 10, path: [step('c', 'module-scope variable'), step('#keyMap', 'property')] };
    const main = { bytes: 900_000, objects: 900, path: [step('kept', 'module-scope variable'), step('[]', 'element')] };
    assert.deepEqual(workloadHints(input({ series: growing, leak, top: [{ retainers: [main, lru] }] })), []);
  });
});

describe('niceCeil', () => {
  it('rounds up to two significant digits', () => {
    assert.deepEqual([7, 99, 100, 484, 562, 1234, 20_000].map(niceCeil), [7, 99, 100, 490, 570, 1300, 20_000]);
  });
});
