/**
 * The runner on its own: stand-in "probes" (small node -e scripts speaking the protocol, or not)
 * exercise the failure classification, progress lines and output handling without a workload.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import type { MeasureOutcome, WorkloadError } from '../../src/analysis/model.ts';
import type { ProbeConfig } from '../../src/measure/protocol.ts';
import { locateProbe, runProbe } from '../../src/measure/runner.ts';

const config: ProbeConfig = {
  workload: '/nowhere/workload.mjs',
  iterations: 10,
  defaultIterations: 50,
  profiler: 'inspector',
  samplingInterval: 4096,
  stackDepth: 32,
  seriesPoints: 4,
  gcRounds: 2,
  include: [],
  exclude: [],
  compareKey: 'lineno',
};

const memory = { heapUsed: 1e6, heapTotal: 2e6, external: 1e5, arrayBuffers: 1e4, rss: 3e7 };

/** A stand-in probe: `body` runs with `emit(event)` and the protocol's paths at hand. */
function fake(
  body: string,
  timeoutSeconds = 20,
  extra: Partial<Parameters<typeof runProbe>[0]> = {},
): Promise<MeasureOutcome> {
  const prelude = `const fs = require('node:fs'); const emit = (e) => fs.appendFileSync(process.env.MEMGATE_EVENTS, JSON.stringify(e) + '\\n'); const memory = ${JSON.stringify(memory)};`;
  return runProbe({
    command: process.execPath,
    args: ['-e', `${prelude}\n${body}`],
    cwd: process.cwd(),
    config,
    timeoutSeconds,
    runtimeLabel: 'node',
    ...extra,
  });
}

function failed(outcome: MeasureOutcome): WorkloadError {
  assert.ok(!outcome.ok, 'expected a failure');
  return outcome.error;
}

describe('runner', () => {
  it('returns the result a probe wrote, and passes the config through the environment', async () => {
    const outcome = await fake(`
      const config = JSON.parse(process.env.MEMGATE_CONFIG);
      const result = { runtime: { name: 'node', version: config.workload, executable: 'x' }, profiler: {}, iterations: config.iterations,
        baseline: { memory, snapshot: { allocations: [] } }, after: { memory, snapshot: { allocations: [] } }, peakRss: 1, series: [], timings: {} };
      fs.writeFileSync(process.env.MEMGATE_RESULT + '.tmp', JSON.stringify(result));
      fs.renameSync(process.env.MEMGATE_RESULT + '.tmp', process.env.MEMGATE_RESULT);
      console.log('stdout noise'); console.error('stderr noise');
      emit({ event: 'done' });`);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.result.runtime.version, '/nowhere/workload.mjs');
    assert.equal(outcome.result.iterations, 10);
  });

  it('turns events into throttled progress lines for people', async () => {
    const lines: string[] = [];
    await fake(
      `
      emit({ event: 'phase', phase: 'pass1', memory });
      for (let i = 1; i <= 10; i++) emit({ event: 'progress', pass: 1, iteration: i, of: 10, memory });
      emit({ event: 'phase', phase: 'baseline', memory });`,
      20,
      { onProgress: (line) => lines.push(line) },
    );
    assert.equal(lines[0], 'pass 1 (warm-up)');
    assert.ok(lines.includes('pass 1: iteration 10/10'), lines.join('\n'));
    assert.ok(lines.length < 12, 'throttled');
    assert.equal(lines.at(-1), 'baseline: forced GC, snapshot');
  });

  it('classifies a kill it did not send as the OS running out of memory', async () => {
    const error = failed(
      await fake(
        `emit({ event: 'phase', phase: 'pass2', memory }); emit({ event: 'progress', pass: 2, iteration: 4, of: 10, memory }); process.kill(process.pid, 'SIGKILL');`,
      ),
    );
    assert.equal(error.kind, 'oom');
    assert.match(error.message, /SIGKILL, not sent by memgate/);
    assert.deepEqual([error.phase, error.iteration], ['pass2', 5]);
    assert.deepEqual(error.lastMemory, memory);
  });

  it('classifies SIGABRT (how V8 ends on a fatal OOM) as oom, and other signals as exit', async () => {
    assert.equal(failed(await fake(`emit({ event: 'phase', phase: 'pass1', memory }); process.abort();`)).kind, 'oom');
    const term = failed(
      await fake(`emit({ event: 'phase', phase: 'setup', memory }); process.kill(process.pid, 'SIGTERM');`),
    );
    assert.equal(term.kind, 'exit');
    assert.match(term.message, /terminated by SIGTERM during setup/);
  });

  it('recognises V8 heap exhaustion in stderr', async () => {
    const error = failed(
      await fake(
        `emit({ event: 'phase', phase: 'pass1', memory }); console.error('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'); process.exit(1);`,
      ),
    );
    assert.equal(error.kind, 'oom');
    assert.match(error.message, /FATAL ERROR: Reached heap limit/);
  });

  it('an error event wins over the exit status', async () => {
    const error = failed(
      await fake(
        `emit({ event: 'phase', phase: 'pass1', memory }); emit({ event: 'error', kind: 'threw', phase: 'pass1', iteration: 2, message: 'boom', stack: 'Error: boom' }); process.exit(1);`,
      ),
    );
    assert.deepEqual(error, { kind: 'threw', message: 'boom', stack: 'Error: boom', phase: 'pass1', iteration: 2 });
  });

  it('no events at all: the runtime could not start the probe (with its output)', async () => {
    const error = failed(await fake(`console.error('node: bad option: --nope'); process.exit(9);`));
    assert.equal(error.kind, 'runtime');
    assert.match(error.message, /before memgate's probe could start:\nnode: bad option: --nope/);
  });

  it('events but no result: a probe bug, with the output tail', async () => {
    const error = failed(
      await fake(
        `emit({ event: 'phase', phase: 'after', memory }); console.error('TypeError: oops in probe'); process.exit(1);`,
      ),
    );
    assert.equal(error.kind, 'probe');
    assert.match(error.message, /TypeError: oops in probe/);
    assert.equal(error.phase, 'after');
  });

  it('kills at the timeout, even a probe that ignores SIGTERM', async () => {
    const error = failed(
      await fake(
        `process.on('SIGTERM', () => {}); emit({ event: 'phase', phase: 'setup', memory }); setInterval(() => {}, 1000);`,
        1,
      ),
    );
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /timed out after 1 s during setup/);
  });

  it('a missing interpreter is a runtime error', async () => {
    const error = failed(
      await runProbe({
        command: '/nonexistent/python3',
        args: [],
        cwd: process.cwd(),
        config,
        timeoutSeconds: 5,
        runtimeLabel: 'python',
      }),
    );
    assert.equal(error.kind, 'runtime');
    assert.match(error.message, /python not found/);
  });

  it('leaves no temp dir behind', async () => {
    // The stand-in reports its own temp dir as the error message.
    const outcome = await fake(
      `emit({ event: 'error', kind: 'threw', phase: 'pass1', message: require('node:path').dirname(process.env.MEMGATE_EVENTS) }); process.exit(1);`,
    );
    const dir = failed(outcome).message;
    assert.ok(dir.startsWith(tmpdir()) && dir.includes('memgate-'), dir);
    assert.equal(existsSync(dir), false);
  });

  it("keeps the Action's own credentials and step files from the workload", async () => {
    const planted = {
      'INPUT_GITHUB-TOKEN': 'ghs_input',
      ACTIONS_RUNTIME_TOKEN: 'runtime-jwt',
      ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
      GITHUB_OUTPUT: '/tmp/out',
      GITHUB_STEP_SUMMARY: '/tmp/summary',
      GITHUB_ENV: '/tmp/env',
      MEMGATE_TEST_KEPT: 'kept',
    };
    Object.assign(process.env, planted);
    try {
      // The stand-in reports, as its error message, every planted variable it can see.
      const names = JSON.stringify(Object.keys(planted));
      const error = failed(
        await fake(
          `emit({ event: 'error', kind: 'threw', phase: 'pass1', message: ${names}.filter((n) => n in process.env).join(',') }); process.exit(1);`,
        ),
      );
      assert.equal(error.message, 'MEMGATE_TEST_KEPT');
    } finally {
      for (const name of Object.keys(planted)) delete process.env[name];
    }
  });

  it('finds the built probe from the sources', () => {
    const probe = locateProbe('node-probe.mjs');
    assert.ok(probe && probe.endsWith('/dist/probe/node-probe.mjs'), 'run `npm run build` first');
    assert.equal(locateProbe('no-such-probe.mjs'), null);
  });
});
