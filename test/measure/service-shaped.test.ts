/**
 * Service-shaped workloads through the whole pipeline at default settings: a server and a client over loopback
 * in one process, whose warm-up tail (connection pools, parsers, undici loading) grows through the measured pass
 * and fits a line. The leak-rate rule must pass the clean ones, saying why when they were suspect, and fail the
 * leaking ones on the rate that held, at the leaking line. The scenarios are the bench's (bench/scenarios).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ratePoint, rateOf } from '../../src/analysis/leak-rate.ts';
import { runPipeline } from '../../src/pipeline.ts';
import type { WorkloadReport } from '../../src/report/schema.ts';
import { NODE24 } from '../runtimes.ts';
import { pipelineOptions } from '../pipeline-options.ts';

const repo = resolve(import.meta.dirname, '../..');

async function measure(workload: string, nodePath?: string): Promise<WorkloadReport> {
  const { report } = await runPipeline(pipelineOptions([workload], repo, nodePath ? { nodePath } : {}));
  return report.workloads[0]!;
}

/** Clean: passes; when the measured pass grew enough to be suspect, the reason says it settled, with the rate. */
function assertClean(w: WorkloadReport): void {
  assert.equal(w.verdict.status, 'pass', w.verdict.reasons.join('; '));
  assert.ok(w.leak, 'the leak-rate rule ran');
  assert.notEqual(w.leak.verdict, 'leak');
  if (w.leak.verdict === 'settles') {
    assert.ok(w.leak.rate! < w.leak.threshold);
    assert.match(w.verdict.reasons[0]!, /then .*\/iteration .* over the next \d+ iterations: settles, not a leak/);
  }
}

/** Leaking: fails on a rate that held at the threshold or more, the leaking function on the top row. */
function assertLeak(w: WorkloadReport, fn: string): void {
  assert.equal(w.verdict.status, 'fail', w.verdict.reasons.join('; '));
  assert.ok(w.leak && (w.leak.verdict === 'leak' || w.leak.verdict === 'still-growing'), JSON.stringify(w.leak));
  assert.ok(w.leak.rate! >= w.leak.threshold);
  assert.ok(w.leak.extraIterations > 0);
  assert.equal(w.top[0]?.function, fn, JSON.stringify(w.top.slice(0, 3)));
}

describe('service-shaped workloads at default settings', () => {
  it('node:http server + keep-alive client: clean passes, a session kept per request fails at its line', async () => {
    assertClean(await measure('bench/scenarios/node/clean-svc-http-agent.mjs'));
    assertLeak(await measure('bench/scenarios/node/leak-svc-http-agent.mjs'), 'createSession');
  });

  it('fetch: the warm-up tail settles, and the row names the runtime frames that allocated it', async () => {
    const w = await measure('bench/scenarios/node/clean-svc-fetch.mjs');
    assertClean(w);
    const run = w.top.find((t) => t.function === 'run');
    if (run)
      assert.ok(
        run.traceback.some((f) => f.file.startsWith('node:internal/deps/undici')),
        JSON.stringify(run.traceback),
      );
  });

  it('a gzip stream per response: what zlib frees through finalizers does not read as a leak', async () => {
    // One GC round per confirmation reading left zlib's native buffers pending (+255 KiB at each), a false leak.
    const w = await measure('bench/scenarios/node/clean-svc-zlib-stream.mjs');
    assertClean(w);
    // Node 20 finds the pass suspect and settles it (the case this guards); on Node 22 and 24 (the suite run there)
    // the pass itself stays under the suspect line.
    const newer = Number(process.versions.node.split('.')[0]) > 20;
    assert.ok((newer && w.leak?.verdict === 'not-suspect') || w.leak?.verdict === 'settles', JSON.stringify(w.leak));
    assertLeak(await measure('bench/scenarios/node/leak-svc-zlib-stream.mjs'), 'cacheCompressed');
  });

  for (const [runtime, nodePath] of [
    ['this Node', undefined],
    ['Node 24', existsSync(NODE24) ? NODE24 : null],
  ] as const) {
    it(
      `axios over a keep-alive agent on ${runtime}: the rule leaves V8's compiled code out, and the tail settles`,
      { skip: nodePath === null && 'Node 24 is not installed (npm test installs it)' },
      async () => {
        // Counted, the code V8 compiled for axios held a leak at 614–657 B/iteration on Node 20 (3 runs of 3).
        const w = await measure('bench/scenarios/node/clean-svc-axios.mjs', nodePath ?? undefined);
        assertClean(w);
        for (const point of w.series) {
          assert.ok(point.code !== undefined && point.code > 0 && point.code < point.heapUsed, JSON.stringify(point));
        }
        const counted = w.series.map((p) => ({ iteration: p.iteration, total: p.heapUsed + p.external }));
        assert.equal(w.leak?.measuredRate, rateOf(w.series.map(ratePoint)).rate);
        assert.notEqual(w.leak?.measuredRate, rateOf(counted).rate);
        assertLeak(await measure('bench/scenarios/node/leak-svc-axios.mjs', nodePath ?? undefined), 'remember');
      },
    );
  }

  it('Python http.server in a thread + urllib: clean passes, a leak per request fails', async () => {
    assertClean(await measure('bench/scenarios/python/clean_svc_http_server.py'));
    const leak = await measure('bench/scenarios/python/leak_svc_http_server.py');
    assert.equal(leak.verdict.status, 'fail', leak.verdict.reasons.join('; '));
    assert.ok(leak.leak && leak.leak.rate! >= leak.leak.threshold);
  });

  it(
    'on Node 24 as on 20',
    { skip: !existsSync(NODE24) && 'Node 24 is not installed (npm test installs it)' },
    async () => {
      assertClean(await measure('bench/scenarios/node/clean-svc-http-agent.mjs', NODE24));
      assertLeak(await measure('bench/scenarios/node/leak-svc-http-agent.mjs', NODE24), 'createSession');
    },
  );

  it('confirm-budget 0 judges the measured pass alone: no leak section, no extra work', async () => {
    const { report } = await runPipeline(
      pipelineOptions(['bench/scenarios/node/leak-tiny-1k.mjs'], repo, { confirmBudgetSeconds: 0 }),
    );
    const w = report.workloads[0]!;
    assert.equal(w.leak, undefined);
    assert.equal(w.timings?.confirmMs ?? 0, 0);
  });
});
