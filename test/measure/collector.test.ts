/**
 * The Node probe's reading of the heap after a profile read's own full GC (src/measure/probe/collector.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heapAfter, readGc, type GcStat } from '../../src/measure/probe/collector.ts';

const gc = (gcType: string, before: number, after: number): GcStat => ({
  gcType,
  cost: 8_000,
  beforeGC: { heapStatistics: { usedHeapSize: before, totalHeapSize: 18_000_000 } },
  afterGC: { heapStatistics: { usedHeapSize: after, totalHeapSize: 18_000_000 } },
});

test("the read's own full GC is the first mark-sweep the profiler saw", () => {
  const own = gc('MarkSweepCompact', 7_990_000, 7_980_000);
  assert.equal(readGc([gc('Scavenge', 8_100_000, 7_990_000), own, gc('MarkSweepCompact', 8_300_000, 8_000_000)]), own);
  assert.equal(readGc([gc('Scavenge', 8_100_000, 7_990_000)]), undefined);
});

test('the heap after a full GC is the reading, unless it reads above the heap before it (Node 24, 1-3% of runs)', () => {
  assert.deepEqual(heapAfter(gc('MarkSweepCompact', 7_984_888, 7_975_648)), { used: 7_975_648, total: 18_000_000 });
  // Measured on clean-svc-rxjs under Node 24: 7,979,592 before, 8,211,888 after; a gc() right after read 8,029,184.
  assert.deepEqual(heapAfter(gc('MarkSweepCompact', 7_979_592, 8_211_888)), { used: 7_979_592, total: 18_000_000 });
});
