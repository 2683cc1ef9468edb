/**
 * The one place tests build a `Report`: renderers, annotations, comments and artifacts alike. Every report
 * is validated with parseReport, so a builder cannot drift from the schema.
 */
import { parseReport, type Report, type TopEntry, type WorkloadReport } from '../../src/report/schema.ts';

const MiB = 1024 * 1024;

export function topEntry(overrides: Partial<TopEntry> = {}): TopEntry {
  const file = overrides.file ?? 'src/cache.js';
  const line = overrides.line ?? 88;
  const fn = overrides.function ?? 'cacheResponse';
  return {
    key: `${file}:${line}`,
    file,
    line,
    function: fn,
    size: 13 * MiB,
    sizeDiff: 13_002_342,
    count: 91_000,
    countDiff: 90_342,
    traceback: [
      { file, line, function: fn },
      { file: 'src/server.js', line: 12, function: 'handle' },
      { file: 'node:internal/timers', line: 594, function: 'processTimers' },
    ],
    ...overrides,
  };
}

export function workload(overrides: Partial<WorkloadReport> = {}): WorkloadReport {
  return {
    path: 'examples/node/leaky-cache.mjs',
    runtime: { name: 'node', version: '20.20.2', engine: '11.3.244.8' },
    profiler: { backend: 'inspector', samplingInterval: 4096, stackDepth: 32, countsObjects: true, continuous: true },
    iterations: 50,
    trials: 1,
    memory: {
      baseline: { heapUsed: 8 * MiB, heapTotal: 16 * MiB, external: MiB, arrayBuffers: 0, rss: 60 * MiB },
      after: { heapUsed: 21 * MiB, heapTotal: 32 * MiB, external: MiB, arrayBuffers: 0, rss: 80 * MiB },
      peakRss: 84 * MiB,
    },
    retained: { heap: 13 * MiB, external: 0, total: 13 * MiB },
    spread: 0,
    leakRate: { bytesPerIteration: 266_000, r2: 0.99 },
    series: [
      { iteration: 0, heapUsed: 8 * MiB, external: MiB },
      { iteration: 10, heapUsed: 10.6 * MiB, external: MiB },
      { iteration: 20, heapUsed: 13.2 * MiB, external: MiB },
      { iteration: 30, heapUsed: 15.8 * MiB, external: MiB },
      { iteration: 40, heapUsed: 18.4 * MiB, external: MiB },
      { iteration: 50, heapUsed: 21 * MiB, external: MiB },
    ],
    verdict: {
      status: 'fail',
      reasons: ['Retained memory grew by 13 MiB over 50 iterations (leak rate 260 KiB per iteration).'],
    },
    top: [
      topEntry(),
      topEntry({
        key: 'src/util.js:7',
        file: 'src/util.js',
        line: 7,
        function: 'clone',
        sizeDiff: 40_000,
        countDiff: 300,
      }),
    ],
    totalSites: 234,
    ...overrides,
  };
}

/**
 * A workload that kept `retained` bytes over its `iterations` (heap used grows by exactly that), with the
 * verdict and sites given: for tests about what surrounds a report rather than how it reads.
 */
export function retainedWorkload(
  path: string,
  options: { retained?: number; status?: 'pass' | 'fail'; top?: TopEntry[]; iterations?: number } = {},
): WorkloadReport {
  const retained = options.retained ?? 0;
  const iterations = options.iterations ?? 20;
  const figures = (heapUsed: number) => ({
    heapUsed,
    heapTotal: heapUsed * 2,
    external: 1000,
    arrayBuffers: 0,
    rss: 50_000_000,
  });
  return workload({
    path,
    iterations,
    memory: { baseline: figures(5_000_000), after: figures(5_000_000 + retained), peakRss: 60_000_000 },
    retained: { heap: retained, external: 0, total: retained },
    leakRate: { bytesPerIteration: retained / iterations, r2: 0.1 },
    series: [
      { iteration: 0, heapUsed: 5_000_000, external: 1000 },
      { iteration: iterations, heapUsed: 5_000_000 + retained, external: 1000 },
    ],
    verdict: {
      status: options.status ?? 'pass',
      reasons: options.status === 'fail' ? [`retained ${retained} bytes`] : [],
    },
    top: options.top ?? [],
    totalSites: options.top?.length ?? 0,
  });
}

export function cleanWorkload(overrides: Partial<WorkloadReport> = {}): WorkloadReport {
  return workload({
    path: 'examples/node/clean-lru.mjs',
    retained: { heap: 12_000, external: 0, total: 12_000 },
    leakRate: { bytesPerIteration: 10, r2: 0.02 },
    series: [
      { iteration: 0, heapUsed: 8 * MiB, external: MiB },
      { iteration: 25, heapUsed: 8 * MiB + 9000, external: MiB },
      { iteration: 50, heapUsed: 8 * MiB + 12_000, external: MiB },
    ],
    verdict: { status: 'pass', reasons: [] },
    top: [
      topEntry({
        key: 'src/lru.js:20',
        file: 'src/lru.js',
        line: 20,
        function: 'set',
        sizeDiff: 8192,
        countDiff: 12,
        traceback: [],
      }),
    ],
    totalSites: 17,
    ...overrides,
  });
}

export function errorWorkload(overrides: Partial<WorkloadReport> = {}): WorkloadReport {
  return workload({
    path: 'examples/node/broken.mjs',
    verdict: { status: 'error', reasons: ['The workload threw during pass2.'] },
    error: {
      kind: 'threw',
      phase: 'pass2',
      iteration: 12,
      message: 'Cannot read properties of undefined (reading "x")',
      stack: 'TypeError: Cannot read properties of undefined\n    at run (examples/node/broken.mjs:4:11)',
    },
    top: [],
    totalSites: 0,
    series: [],
    ...overrides,
  });
}

export function report(workloads: WorkloadReport[], overrides: Partial<Report> = {}): Report {
  const status = workloads.some((w) => w.verdict.status === 'error')
    ? 'error'
    : workloads.some((w) => w.verdict.status === 'fail')
      ? 'fail'
      : 'pass';
  return parseReport({
    schema: 'memgate.report/v1',
    tool: { name: 'memgate', version: '0.1.0' },
    createdAt: '2025-01-01T12:00:00.000Z',
    settings: {
      iterations: null,
      groupBy: 'line',
      top: 10,
      include: [],
      exclude: [],
      trials: 1,
      ceilings: { maxRetained: null, maxHeap: null, maxRss: null },
    },
    workloads,
    verdict: { status, reasons: workloads.flatMap((w) => w.verdict.reasons) },
    ...overrides,
  });
}

/** A report of a commit on main, as a run's artifact holds it. */
export const commitReport = (workloads: WorkloadReport[], sha = 'a'.repeat(40)): Report =>
  report(workloads, { git: { sha, ref: 'refs/heads/main' } });

/** A site at `file:line` in `fn` that grew by `sizeDiff` bytes (64-byte objects), its traceback the site alone. */
export function grownSite(file: string, line: number, sizeDiff: number, fn = 'run'): TopEntry {
  const count = Math.round(sizeDiff / 64);
  return topEntry({
    key: `${file}:${line}`,
    file,
    line,
    function: fn,
    size: sizeDiff,
    sizeDiff,
    count,
    countDiff: count,
    traceback: [{ file, line, function: fn }],
  });
}

/** A leak made inside a node_modules helper: the site is the user's caller, two frames up. */
export function dependencyEntry(overrides: Partial<TopEntry> = {}): TopEntry {
  return topEntry({
    key: 'helper-leak.mjs:5 (recordRequests)',
    file: 'helper-leak.mjs',
    line: 5,
    function: 'recordRequests',
    traceback: [
      { file: 'node_modules/lru/index.js', line: 42, function: 'push' },
      { file: 'node_modules/lru/index.js', line: 80, function: 'set' },
      { file: 'helper-leak.mjs', line: 5, function: 'recordRequests' },
      { file: 'app.mjs', line: 9, function: 'main' },
    ],
    ...overrides,
  });
}

/** A row of `group-by: file`: the file is the site (no function, line 0); its traceback is one contributor's. */
export function fileEntry(overrides: Partial<TopEntry> = {}): TopEntry {
  return topEntry({
    key: 'src/cache.js',
    file: 'src/cache.js',
    line: 0,
    function: '',
    traceback: [
      { file: 'src/cache.js', line: 88, function: 'cacheResponse' },
      { file: 'src/server.js', line: 12, function: 'handle' },
    ],
    ...overrides,
  });
}

export function withGroupBy(r: Report, groupBy: Report['settings']['groupBy']): Report {
  r.settings.groupBy = groupBy;
  return r;
}
