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
interface GcStat {
  gcType: string;
  cost: number;
  afterGC: { heapStatistics: { usedHeapSize: number; totalHeapSize: number } };
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
    // The first: the read's own, before its allocations could start another.
    const own = stats.find((s) => s.gcType === 'MarkSweepCompact');
    if (!own) return { value, heap: null };
    this.full++;
    this.fullMs += own.cost / 1000;
    this.readGcMs += own.cost / 1000;
    return {
      value,
      heap: { used: own.afterGC.heapStatistics.usedHeapSize, total: own.afterGC.heapStatistics.totalHeapSize },
    };
  }

  timings(): { full: number; fullMs: number; profileReads: number; readGcMs: number } {
    return { full: this.full, fullMs: this.fullMs, profileReads: this.profileReads, readGcMs: this.readGcMs };
  }
}
