/**
 * Every way a Node workload can fail comes back as a classified WorkloadError (never a throw), with
 * the phase, the 1-based iteration and the workload's own stack where there is one.
 * Needs `npm run build` (the probe runs from dist/).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { measureWorkload } from '../../src/measure/measure.ts';
import type { MeasureOutcome, WorkloadError } from '../../src/analysis/model.ts';
import { NODE24, options } from '../fixtures/node/harness.ts';

function failed(outcome: MeasureOutcome): WorkloadError {
  assert.ok(!outcome.ok, 'expected the measurement to fail');
  return outcome.error;
}

describe('node probe: failures', () => {
  it('a throw in an iteration: threw, pass 1, iteration 3, with the stack', async () => {
    const error = failed(await measureWorkload(options('throws.mjs')));
    assert.equal(error.kind, 'threw');
    assert.equal(error.phase, 'pass1');
    assert.equal(error.iteration, 3);
    assert.equal(error.message, 'bad record #3');
    assert.match(error.stack ?? '', /at validate \(file:\/\/.*throws\.mjs:5:\d+\)/);
    assert.doesNotMatch(error.stack ?? '', /dist\/probe/, 'no probe frames in the stack');
  });

  it('a throw in setup or teardown names that phase', async () => {
    const setup = failed(await measureWorkload(options('setup-throws.mjs')));
    assert.deepEqual(
      [setup.kind, setup.phase, setup.iteration, setup.message],
      ['threw', 'setup', undefined, 'no database'],
    );
    assert.match(setup.stack ?? '', /^RangeError: no database/);
    const teardown = failed(await measureWorkload(options('teardown-throws.mjs', { iterations: 3 })));
    assert.deepEqual([teardown.kind, teardown.phase, teardown.message], ['threw', 'teardown', 'teardown failed']);
  });

  it('an unhandled rejection during a pass is a throw at that iteration', async () => {
    // options.iterations = 5: call 6 is pass 2, iteration 1.
    const error = failed(await measureWorkload(options('unhandled.mjs', { iterations: null })));
    assert.deepEqual(
      [error.kind, error.phase, error.iteration, error.message],
      ['threw', 'pass2', 1, 'forgotten rejection'],
    );
  });

  it('a promise that never settles (nothing pending) is a hang, reported at once rather than at the timeout', async () => {
    const error = failed(await measureWorkload(options('never-settles.mjs', { timeoutSeconds: 30 })));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.phase, 'pass1');
    assert.equal(error.iteration, 1);
    assert.match(error.message, /pass 1, iteration 1 never finished: it returned a promise that never settles/);
  });

  it('never finishing: timeout, with the iteration it was stuck in and the last memory figures', async () => {
    const error = failed(await measureWorkload(options('hangs.mjs', { timeoutSeconds: 3 })));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.phase, 'pass1');
    assert.equal(error.iteration, 2);
    assert.match(error.message, /timed out after 3 s during pass 1, iteration 2 of 50/);
    assert.ok(error.lastMemory && error.lastMemory.heapUsed > 0, 'error.lastMemory && error.lastMemory.heapUsed > 0');
  });

  it('a missing file: not-found, before anything is spawned', async () => {
    const error = failed(await measureWorkload(options('does-not-exist.mjs')));
    assert.equal(error.kind, 'not-found');
    assert.match(error.message, /does-not-exist\.mjs/);
  });

  it('no runnable export: no-export, naming what was exported', async () => {
    const error = failed(await measureWorkload(options('no-export.mjs')));
    assert.equal(error.kind, 'no-export');
    assert.equal(error.message, 'exports: options, setup; expected a default export or `run` function (one iteration)');
    assert.equal(error.stack, undefined);
  });

  it('options.iterations that is not a positive whole number: no-export, quoting it (even when --iterations overrides it)', async () => {
    for (const iterations of [null, 20]) {
      const error = failed(await measureWorkload(options('bad-iterations.mjs', { iterations })));
      assert.equal(error.kind, 'no-export');
      assert.equal(error.message, 'options.iterations must be a positive whole number, got "100"');
    }
  });

  it('a syntax error: load, with the file and line', async () => {
    const error = failed(await measureWorkload(options('syntax-error.mjs')));
    assert.equal(error.kind, 'load');
    assert.equal(error.phase, 'load');
    assert.match(error.message, /Unexpected token.*syntax-error\.mjs:3/);
    assert.match(error.stack ?? '', /const x = ;/);
  });

  it('a missing dependency: load, naming the package', async () => {
    const error = failed(await measureWorkload(options('missing-import.mjs')));
    assert.equal(error.kind, 'load');
    assert.match(error.message, /memgate-no-such-package/);
  });

  it('process.exit in an iteration: exit, with the code and iteration', async () => {
    const error = failed(await measureWorkload(options('exits.mjs')));
    assert.deepEqual([error.kind, error.phase, error.iteration], ['exit', 'pass1', 2]);
    assert.match(error.message, /exit code 3/);
  });

  it('heap exhausted (small --max-old-space-size): oom, with the last memory figures', async () => {
    const error = failed(await measureWorkload(options('oom.mjs', { nodeArgs: ['--max-old-space-size=64'] })));
    assert.equal(error.kind, 'oom');
    assert.equal(error.phase, 'pass1');
    // About 8 MB per iteration against a 64 MB heap.
    assert.ok(error.iteration && error.iteration >= 3 && error.iteration <= 9, `iteration ${error.iteration}`);
    assert.match(error.message, /out of memory/);
    assert.ok(error.lastMemory && error.lastMemory.heapUsed > 16 * 1024 * 1024, JSON.stringify(error.lastMemory));
  });

  it('a file memgate cannot run: load, listing what it runs', async () => {
    const wrongKind = failed(await measureWorkload(options('leaky-helper/package.json')));
    assert.equal(wrongKind.kind, 'load');
    assert.match(wrongKind.message, /\.mjs, \.js, \.cjs, \.ts, \.mts, \.cts or \.py/);
  });

  it(
    'v8-profiler-next where it is not built for that Node: runtime, saying how to install it',
    { skip: !existsSync(NODE24) && `${NODE24} not installed` },
    async () => {
      const error = failed(
        await measureWorkload(options('array-leak.mjs', { nodePath: NODE24, profiler: 'v8-profiler-next' })),
      );
      assert.equal(error.kind, 'runtime');
      assert.match(error.message, /npm install --save-dev v8-profiler-next/);
      assert.match(error.message, /could not load on Node 24/);
    },
  );
});
