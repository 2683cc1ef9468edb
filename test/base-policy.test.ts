import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareWithBase } from '../src/analysis/base-compare.ts';
import { applyLeakPolicy } from '../src/base-policy.ts';
import type { WorkloadReport } from '../src/report/schema.ts';
import { renderText } from '../src/report/text.ts';
import { report, topEntry, workload } from './report/fixtures.ts';

const MiB = 1024 * 1024;
const leakAt = (rate: number): WorkloadReport['leak'] => ({
  threshold: 512,
  verdict: 'leak',
  measuredRate: rate * 1.5,
  rate,
  uncertainty: 40,
  extraIterations: 384,
  extraMs: 900,
  segments: [],
  stop: 'holds',
  sitesCover: 434,
});
const settled: WorkloadReport['leak'] = { ...leakAt(300)!, verdict: 'settles', stop: 'settles' };
const cleanVerdict = { status: 'pass' as const, reasons: [] };

describe('gating on what the pull request changed', () => {
  it('a leak the base already had, at the same rate and site, warns instead of failing (policy new)', () => {
    const base = report([workload({ leak: leakAt(1400) })]);
    const head = report([workload({ leak: leakAt(1500) })]);
    const comparison = compareWithBase(base.workloads, head.workloads, null);
    const gated = applyLeakPolicy(head, comparison, 'new', 'main');
    assert.equal(gated.verdict.status, 'pass');
    const w = gated.workloads[0]!;
    assert.equal(w.verdict.status, 'pass');
    assert.match(w.verdict.reasons[0]!, /^already on main, not changed here: /);
    assert.deepEqual(w.knownLeak, { base: 'main', baseRate: 1400, headRate: 1500 });
    assert.match(renderText(gated, { comparison }), /already on main, not changed here/);
    // Policy any: every leak fails, as without a base.
    assert.equal(applyLeakPolicy(head, comparison, 'any', 'main').verdict.status, 'fail');
  });

  it('a new leak, a faster one, a leak at another site and a ceiling still fail', () => {
    const head = report([workload({ leak: leakAt(1500) })]);
    const fromClean = compareWithBase(
      report([workload({ leak: settled, verdict: cleanVerdict })]).workloads,
      head.workloads,
      null,
    );
    assert.equal(applyLeakPolicy(head, fromClean, 'new', 'main').verdict.status, 'fail');

    const slower = report([workload({ leak: leakAt(400) })]);
    assert.equal(
      applyLeakPolicy(head, compareWithBase(slower.workloads, head.workloads, null), 'new', 'main').verdict.status,
      'fail',
    );

    const elsewhere = report([
      workload({ leak: leakAt(1400), top: [topEntry({ key: 'src/other.js:3', file: 'src/other.js', line: 3 })] }),
    ]);
    assert.equal(
      applyLeakPolicy(head, compareWithBase(elsewhere.workloads, head.workloads, null), 'new', 'main').verdict.status,
      'fail',
    );

    const capped = report([workload({ leak: leakAt(1500) })], {
      settings: {
        iterations: null,
        groupBy: 'line',
        top: 10,
        include: [],
        exclude: [],
        trials: 1,
        ceilings: { maxRetained: null, maxHeap: 16 * MiB, maxRss: null },
      },
    });
    const sameLeak = compareWithBase(report([workload({ leak: leakAt(1400) })]).workloads, capped.workloads, null);
    assert.equal(
      applyLeakPolicy(capped, sameLeak, 'new', 'main').verdict.status,
      'fail',
      'max-heap judges the head alone',
    );
  });
});
