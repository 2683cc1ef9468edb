/**
 * The Node probe's forced collections, and what they cost (issue 16). On a big heap a full GC is the bulk of
 * memgate's cost (measured: ~0.25 s at 150 MiB, ~1 s at 500 MiB on a loaded 2-core machine, whatever the
 * iterations), so the probe counts them, and lets a profile read's own full GC be a round of a settled reading.
 */
import { performance } from 'node:perf_hooks';
import { GCProfiler, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options?: { type: 'major' | 'minor' }) => void;

const gc: Gc = (() => {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as Gc;
  // Started without --expose-gc (e.g. a custom runner): expose it for a fresh context.
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Gc;
})();

export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A scavenge of the young generation only: cheap on any heap, not counted as a full collection. */
export const minorGc = (): void => gc({ type: 'minor' });

/** What GCProfiler reports per collection (its typings in @types/node name the fields wrongly). */
export interface GcStat {
  gcType: string;
  cost: number;
  beforeGC: { heapStatistics: { usedHeapSize: number; totalHeapSize: number } };
  afterGC: { heapStatistics: { usedHeapSize: number; totalHeapSize: number } };
}

/** The read's own full GC among those GCProfiler saw: the first, before the read's allocations could start another. */
export const readGc = (stats: readonly GcStat[]): GcStat | undefined =>
  stats.find((s) => s.gcType === 'MarkSweepCompact');

/**
 * The heap after a full GC, as a reading. A full GC frees; yet on Node 24 in 1-3% of runs the profile read's GC
 * reports the heap after it 150-300 KiB above the heap before it (clean-svc-rxjs: 7,792 -> 8,019 KiB, where a gc()
 * right after read 7,841), which read as growth over the measured pass: false regressions against identical code, and
 * a leak judged settled (bench/results/node-jit-code.md). The heap before it is then the reading: over the true figure
 * by what the turn since the last forced GC allocated, a few KiB.
 */
export function heapAfter(gc: GcStat): { used: number; total: number } {
  const { usedHeapSize, totalHeapSize } = gc.afterGC.heapStatistics;
  return { used: Math.min(usedHeapSize, gc.beforeGC.heapStatistics.usedHeapSize), total: totalHeapSize };
}

export class Collector {
  /** Forced collections and the turns before them. */
  collectMs = 0;
  /** Profile reads, their own full GC included. */
  profileMs = 0;
  full = 0;
  fullMs = 0;
  profileReads = 0;
  /** The profile reads' own full GCs (in both fullMs and profileMs). */
  readGcMs = 0;

  /**
   * `rounds` full GCs, each after an event-loop turn: WeakRef targets stay alive until the current job ends, and
   * FinalizationRegistry callbacks (which may free more) run between collections.
   */
  async collect(rounds: number): Promise<void> {
    const t0 = performance.now();
    for (let round = 0; round < rounds; round++) {
      await nextTurn();
      const g0 = performance.now();
      gc();
      this.fullMs += performance.now() - g0;
      this.full++;
    }
    this.collectMs += performance.now() - t0;
  }

  /**
   * Reads the profile. When the read collects (the inspector's do, before building the profile), that full GC is
   * counted as one, and `heap` is the heap right after it, before the read's own allocations: the read is then
   * also a settled reading's last round. `heap` is null when no full GC ran in the read.
   */
  async read<T>(
    read: () => Promise<T>,
    collects: boolean,
  ): Promise<{ value: T; heap: { used: number; total: number } | null }> {
    const profiler = collects ? new GCProfiler() : undefined;
    profiler?.start();
    const t0 = performance.now();
    let value: T;
    try {
      value = await read();
    } finally {
      this.profileMs += performance.now() - t0;
      this.profileReads++;
    }
    const stats = (profiler?.stop().statistics ?? []) as unknown as GcStat[];
    const own = readGc(stats);
    if (!own) return { value, heap: null };
    this.full++;
    this.fullMs += own.cost / 1000;
    this.readGcMs += own.cost / 1000;
    return { value, heap: heapAfter(own) };
  }

  timings(): { full: number; fullMs: number; profileReads: number; readGcMs: number } {
    return { full: this.full, fullMs: this.fullMs, profileReads: this.profileReads, readGcMs: this.readGcMs };
  }
}
