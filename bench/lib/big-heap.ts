/**
 * Issue 16's cost on big heaps: memgate (runPipeline, defaults) against the plain two-pass runner (setup,
 * pass 1, two rounds of an event-loop turn and gc(), pass 2, the same; no profiler) on workloads whose setup()
 * builds a resident heap of small objects and whose run() leaks ~6 KiB; the reference CLI alongside when
 * given. Also where memgate's time goes, from the report's per-phase timings when it has them.
 */
import { join } from 'node:path';
import type { Scenario } from './corpus.ts';
import { runTrial, type Settings, type Trial } from './fidelity.ts';
import { runPlain, type PlainRun } from './overhead.ts';
import { median } from './proc.ts';
import { runCli, type CliRun } from './reference.ts';

/** The leaking service at each size, and a healthy one beside the first two (the path without the confirmation). */
export const BIG_HEAP_SIZES = [
  'heap-150mb',
  'heap-150mb-clean',
  'heap-500mb',
  'heap-500mb-clean',
  'heap-1500mb',
] as const;

export interface BigHeapRun {
  workload: string;
  /** The scenario leaks (fail, its line on top) or is healthy (pass). */
  leaks: boolean;
  heapAfter: number;
  memgate: { wallMs: number; peakRss: number; status: string; top: string; topRight: boolean };
  plain: { wallMs: number; peakRss: number; setupMs: number; collectMs: number; gcs: number };
  reference: { wallMs: number; peakRss: number; status: string; timings: Record<string, number> | null } | null;
  wallRatio: number;
  rssRatio: number;
  /** Per-phase milliseconds of the median memgate trial (report workloads[].timings, when present). */
  timings: Record<string, number> | null;
  trials: number;
}

/** Numeric fields of a report's `timings`, flattened one level (e.g. gc.rounds → "gc.rounds"). */
export function timingsOf(workload: unknown): Record<string, number> | null {
  const t = (workload as { timings?: unknown }).timings;
  if (t === null || typeof t !== 'object') return null;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(t as Record<string, unknown>)) {
    if (typeof v === 'number') out[k] = v;
    else if (v !== null && typeof v === 'object')
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>))
        if (typeof v2 === 'number') out[`${k}.${k2}`] = v2;
  }
  return Object.keys(out).length ? out : null;
}

/** Where one run's time went: disjoint parts that add up to its wall time, ms (NaN when the report lacks the figure). */
export interface Phases {
  startup: number;
  setup: number;
  /** Pass 1 and pass 2, iterations alone. */
  passes: number;
  /** Forced full collections, memgate's own and the profile reads' (count, total ms). */
  fullGcs: number;
  fullGcMs: number;
  /** Building the profiles after their own GC (count, ms). */
  profileReads: number;
  profileMs: number;
  /** The confirmation's iterations alone. */
  confirmation: number;
  /** The rest of the probe: event-loop turns before collections, file writes, teardown. */
  otherInProbe: number;
  /** The workload process's spawn and exit, the analysis and the report. */
  outside: number;
}

/** Phases from a report's flattened timings (timingsOf); null before the probe reported its collections (gc.*). */
export function phasesOf(t: Record<string, number> | null, wallMs: number): Phases | null {
  if (!t || t['gc.full'] === undefined) return null;
  const v = (k: string): number => t[k] ?? 0;
  const passes = v('pass1Ms') + v('pass2Ms');
  const profileMs = v('profileMs') - v('gc.readGcMs');
  const inProbe = v('setupMs') + passes + v('gc.fullMs') + profileMs + v('confirmPassMs');
  return {
    startup: v('startupMs'),
    setup: v('setupMs'),
    passes,
    fullGcs: v('gc.full'),
    fullGcMs: v('gc.fullMs'),
    profileReads: v('gc.profileReads'),
    profileMs,
    confirmation: v('confirmPassMs'),
    otherInProbe: v('totalMs') - inProbe,
    outside: wallMs - v('startupMs') - v('totalMs'),
  };
}

const medianBy = <T>(xs: T[], key: (x: T) => number): T =>
  [...xs].sort((a, b) => key(a) - key(b))[Math.floor((xs.length - 1) / 2)]!;

export async function runBigHeap(
  benchDir: string,
  size: string,
  trials: number,
  settings: Settings,
  reference: { cli: string; outDir: string } | null,
): Promise<BigHeapRun> {
  const file = join(benchDir, 'scenarios', 'heap', `${size}.mjs`);
  const mod = (await import(file)) as {
    expect: { leaks: boolean; function?: string; line?: number; bytesPerIteration: number };
  };
  const scenario: Scenario = { name: `heap/${size}.mjs`, file, runtime: 'node', expect: mod.expect };
  const m: Trial[] = [];
  const p: PlainRun[] = [];
  const r: CliRun[] = [];
  for (let i = 1; i <= trials; i++) {
    // Interleaved: drift in the machine's load falls on every side alike.
    m.push(await runTrial(scenario, i, settings));
    p.push(await runPlain(file, m[m.length - 1]!.iterations, 'node', { ...settings, cwd: settings.repoDir }));
    if (reference)
      r.push(
        await runCli(reference.cli, file, {
          repoDir: settings.repoDir,
          nodePath: settings.nodePath,
          pythonPath: settings.pythonPath,
          outDir: reference.outDir,
        }),
      );
  }
  const mid = medianBy(m, (t) => t.wallMs);
  const top = mid.top[0];
  // A healthy heap has no top row to get right.
  const topRight = mod.expect.leaks
    ? top !== undefined &&
      top.line === mod.expect.line &&
      top.function === mod.expect.function &&
      top.file.endsWith('lib/big-heap.mjs')
    : true;
  const wallMs = median(m.map((t) => t.wallMs));
  const peakRss = median(m.map((t) => t.peakRss));
  const plainWall = median(p.map((x) => x.wallMs));
  const plainRss = median(p.map((x) => x.maxRss));
  return {
    workload: size,
    leaks: mod.expect.leaks,
    heapAfter: mid.workload.memory.after.heapUsed,
    memgate: {
      wallMs,
      peakRss,
      status: mid.status,
      top: top ? `${top.file.split('/').pop()}:${top.line} ${top.function}` : '(none)',
      topRight,
    },
    plain: {
      wallMs: plainWall,
      peakRss: plainRss,
      setupMs: median(p.map((x) => x.setupMs ?? NaN)),
      collectMs: median(p.map((x) => x.collectMs ?? NaN)),
      gcs: p[0]?.gcs ?? NaN,
    },
    reference: r.length
      ? (() => {
          const mid = medianBy(r, (x) => x.wallMs);
          return {
            wallMs: median(r.map((x) => x.wallMs)),
            peakRss: median(r.map((x) => x.peakRss)),
            status: mid.status,
            timings: timingsOf(mid.workload),
          };
        })()
      : null,
    wallRatio: wallMs / plainWall,
    rssRatio: peakRss / plainRss,
    timings: timingsOf(mid.workload),
    trials,
  };
}
