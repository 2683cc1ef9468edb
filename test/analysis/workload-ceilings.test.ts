import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gateWorkload, workloadCeilings, type GateInput } from '../../src/analysis/gate.ts';
import { readWorkloadCeilings } from '../../src/analysis/workload-options.ts';
import { KiB, MiB } from './helpers.ts';

describe('readWorkloadCeilings: options.maxRetained, maxHeap, maxRss', () => {
  it('takes sizes as the CLI does, whole numbers of bytes, and null', () => {
    assert.deepEqual(readWorkloadCeilings({ maxRetained: '256KB', maxHeap: 1_000_000, maxRss: null, iterations: 5 }), {
      ceilings: { maxRetained: 256 * KiB, maxHeap: 1_000_000, maxRss: null },
    });
    assert.deepEqual(readWorkloadCeilings({ maxRss: '1.5 MiB' }), { ceilings: { maxRss: 1.5 * MiB } });
    assert.deepEqual(readWorkloadCeilings(undefined), { ceilings: {} });
    assert.deepEqual(readWorkloadCeilings({ iterations: 5, maxHeap: undefined }), { ceilings: {} });
  });

  it('names the option and shows accepted values on bad input', () => {
    assert.deepEqual(readWorkloadCeilings({ maxRetained: '10XB' }), {
      error:
        'options.maxRetained: "10XB" is not a size: unknown unit "XB"; expected a number and a unit (B, KB, MB, GB; KiB, MiB, GiB), e.g. 512KB, 1.5MB or 2MiB',
    });
    assert.deepEqual(readWorkloadCeilings({ maxHeap: -1 }), {
      error: "options.maxHeap must be a size such as '256KB' or a whole number of bytes, got -1",
    });
    assert.deepEqual(readWorkloadCeilings({ maxHeap: 1.5 }), {
      error: "options.maxHeap must be a size such as '256KB' or a whole number of bytes, got 1.5",
    });
    assert.deepEqual(readWorkloadCeilings({ maxRss: true }), {
      error: "options.maxRss must be a size such as '256KB' or a whole number of bytes, got a boolean",
    });
  });
});

describe('workloadCeilings: the workload over the run', () => {
  const run = { maxRetained: 10 * MiB, maxHeap: null, maxRss: 512 * MiB };
  it('keeps the run value for the rest and lists what the workload set', () => {
    assert.deepEqual(workloadCeilings(run, { maxRetained: 64 * KiB, maxHeap: 32 * MiB }), {
      ceilings: { maxRetained: 64 * KiB, maxHeap: 32 * MiB, maxRss: 512 * MiB },
      fromWorkload: ['maxRetained', 'maxHeap'],
    });
    assert.deepEqual(workloadCeilings(run, { maxRss: null }), {
      ceilings: { ...run, maxRss: null },
      fromWorkload: ['maxRss'],
    });
    assert.deepEqual(workloadCeilings(run, undefined), { ceilings: run, fromWorkload: [] });
  });
});

describe('gateWorkload with a workload’s own ceilings', () => {
  const growth = 800 * KiB;
  const input: GateInput = {
    retained: { heap: growth, external: 0, total: growth },
    heapAfter: 20 * MiB,
    peakRss: 80 * MiB,
    series: [0, 10, 20, 30, 40, 50].map((i) => ({ iteration: i, heapUsed: 19 * MiB + (growth * i) / 50, external: 0 })),
    iterations: 50,
    samplingInterval: 4096,
    sites: [],
    trialTotals: [growth],
  };
  it('names the workload’s option in the reason, and the run’s flag for the run’s ceiling', () => {
    const verdict = gateWorkload(input, { maxRetained: 64 * KiB, maxHeap: null, maxRss: 64 * MiB }, ['maxRetained']);
    assert.deepEqual(verdict, {
      status: 'fail',
      reasons: [
        "retained growth 800 KiB exceeds the workload's options.maxRetained 64 KiB",
        'peak RSS 80 MiB exceeds max-rss 64 MiB',
      ],
    });
  });
  it('a generous own max-retained replaces the leak rule for this workload', () => {
    assert.equal(
      gateWorkload(input, { maxRetained: null, maxHeap: null, maxRss: null }).status,
      'fail',
      'the leak rule fails it',
    );
    assert.deepEqual(gateWorkload(input, { maxRetained: 100 * MiB, maxHeap: null, maxRss: null }, ['maxRetained']), {
      status: 'pass',
      reasons: [],
    });
  });
});
