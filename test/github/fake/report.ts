/** Valid memgate.report/v1 reports for planting in the fake artifact store and for unit tests. */
import { REPORT_SCHEMA, type Report, type TopEntry, type WorkloadReport } from '../../../src/report/schema.ts';

const figures = (heapUsed: number) => ({
  heapUsed,
  heapTotal: heapUsed * 2,
  external: 1000,
  arrayBuffers: 0,
  rss: 50_000_000,
});

export function makeSite(file: string, line: number, sizeDiff: number, fn = 'run'): TopEntry {
  return {
    key: `${file}:${line}`,
    file,
    line,
    function: fn,
    size: sizeDiff,
    sizeDiff,
    count: Math.round(sizeDiff / 64),
    countDiff: Math.round(sizeDiff / 64),
    traceback: [{ file, line, function: fn }],
  };
}

export function makeWorkload(
  path: string,
  options: { retained?: number; status?: 'pass' | 'fail'; top?: TopEntry[]; iterations?: number } = {},
): WorkloadReport {
  const retained = options.retained ?? 0;
  return {
    path,
    runtime: { name: 'node', version: '20.20.2', engine: '11.3' },
    profiler: { backend: 'inspector', samplingInterval: 4096, stackDepth: 32, countsObjects: true, continuous: true },
    iterations: options.iterations ?? 20,
    trials: 1,
    memory: { baseline: figures(5_000_000), after: figures(5_000_000 + retained), peakRss: 60_000_000 },
    retained: { heap: retained, external: 0, total: retained },
    spread: 0,
    leakRate: { bytesPerIteration: retained / 20, r2: 0.1 },
    series: [
      { iteration: 0, heapUsed: 5_000_000, external: 1000 },
      { iteration: 20, heapUsed: 5_000_000 + retained, external: 1000 },
    ],
    verdict: {
      status: options.status ?? 'pass',
      reasons: options.status === 'fail' ? [`retained ${retained} bytes`] : [],
    },
    top: options.top ?? [],
    totalSites: options.top?.length ?? 0,
  };
}

export function makeReport(workloads: WorkloadReport[], sha = 'a'.repeat(40)): Report {
  const failing = workloads.some((w) => w.verdict.status === 'fail');
  return {
    schema: REPORT_SCHEMA,
    tool: { name: 'memgate', version: '0.1.0' },
    createdAt: new Date().toISOString(),
    git: { sha, ref: 'refs/heads/main' },
    settings: {
      iterations: 20,
      groupBy: 'line',
      top: 10,
      include: [],
      exclude: [],
      trials: 1,
      ceilings: { maxRetained: null, maxHeap: null, maxRss: null },
    },
    workloads,
    verdict: { status: failing ? 'fail' : 'pass', reasons: workloads.flatMap((w) => w.verdict.reasons) },
  };
}
