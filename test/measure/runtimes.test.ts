// The runtime descriptors: the lookup by file ending, and that what a descriptor says its probe reports is
// what the probe does report (the descriptor speaks for a workload whose probe failed before it could).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ProbeResult } from '../../src/analysis/model.ts';
import { commandUsage } from '../../src/cli/usage.ts';
import { measureWorkload } from '../../src/measure/measure.ts';
import {
  describeExtensions,
  describeProfiler,
  runtimeFor,
  runtimeNamed,
  RUNTIMES,
  WORKLOAD_EXTENSIONS,
} from '../../src/measure/runtimes/index.ts';
import { SETTINGS } from '../../src/settings.ts';
import { options as nodeOptions } from '../fixtures/node/harness.ts';
import { expectError, expectOk, measurePython } from '../fixtures/python/harness.ts';
import { tempDir } from '../temp-dir.ts';

const choice = { profiler: 'inspector', samplingInterval: 4096, stackDepth: 32 } as const;

describe('runtimeFor', () => {
  it('picks the runtime by the file ending', () => {
    for (const ext of ['.mjs', '.js', '.cjs', '.ts', '.mts', '.cts'])
      assert.equal(runtimeFor(`/w/bench${ext}`)?.name, 'node', ext);
    assert.equal(runtimeFor('/w/bench.py')?.name, 'python');
    assert.equal(runtimeFor('perf/types.d.ts')?.name, 'node');
  });

  it('finds no runtime for other files', () => {
    for (const path of ['/w/bench.txt', '/w/bench.json', '/w/bench', '/w/bench.pyc', '/w/bench.mjs.map'])
      assert.equal(runtimeFor(path), null, path);
  });

  it('lists every ending once, Node first, as usage text and messages show them', () => {
    assert.deepEqual(WORKLOAD_EXTENSIONS, ['.mjs', '.js', '.cjs', '.ts', '.mts', '.cts', '.py']);
    assert.equal(describeExtensions(), '.mjs, .js, .cjs, .ts, .mts, .cts or .py');
    for (const runtime of RUNTIMES) assert.equal(runtimeNamed(runtime.name), runtime);
  });

  it('agrees with the endings the help text names', () => {
    const listed = WORKLOAD_EXTENSIONS.join(' ');
    assert.ok(SETTINGS.workloads.help.includes(listed), SETTINGS.workloads.help);
    assert.ok(commandUsage('run').includes(listed), 'memgate run --help');
  });
});

describe('describeProfiler', () => {
  it('names tracemalloc for Python whatever the Node settings, with object counts and no sampling interval', () => {
    for (const profiler of ['inspector', 'v8-profiler-next'] as const) {
      assert.deepEqual(describeProfiler('perf/cache.py', { ...choice, profiler }), {
        runtime: { name: 'python', version: '' },
        profiler: {
          backend: 'tracemalloc',
          samplingInterval: null,
          stackDepth: 32,
          countsObjects: true,
          continuous: true,
        },
      });
    }
  });

  it('names the chosen Node sampler; only v8-profiler-next is not continuous', () => {
    assert.deepEqual(describeProfiler('perf/cache.mjs', choice), {
      runtime: { name: 'node', version: '' },
      profiler: {
        backend: 'inspector',
        samplingInterval: 4096,
        stackDepth: 32,
        countsObjects: false,
        continuous: true,
      },
    });
    assert.deepEqual(
      describeProfiler('perf/cache.ts', { ...choice, profiler: 'v8-profiler-next', samplingInterval: 1024 }).profiler,
      {
        backend: 'v8-profiler-next',
        samplingInterval: 1024,
        stackDepth: 32,
        countsObjects: false,
        continuous: false,
      },
    );
  });

  it('names Node for a file no runtime runs, as reports always have', () => {
    assert.equal(describeProfiler('perf/notes.txt', choice).runtime.name, 'node');
  });
});

/** The descriptor's word against the probe's, for one measured workload. */
function assertDescribed(path: string, result: ProbeResult, settings: Parameters<typeof describeProfiler>[1]): void {
  const described = describeProfiler(path, settings);
  assert.equal(result.runtime.name, described.runtime.name);
  assert.deepEqual(result.profiler, described.profiler);
}

/** v8-profiler-next is a devDependency built for Node 20 (as in node-leak.test.ts). */
const v8ProfilerNextLoads = ((): boolean => {
  if (!process.versions.node.startsWith('20.')) return false;
  try {
    createRequire(import.meta.url)('v8-profiler-next');
    return true;
  } catch {
    return false;
  }
})();

describe('each descriptor states what its probe reports', () => {
  it('node, inspector', async () => {
    const options = nodeOptions('clean.mjs', { iterations: 5 });
    const outcome = await measureWorkload(options);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    assertDescribed(options.workload, outcome.result, choice);
  });

  it(
    'node, v8-profiler-next',
    { skip: !v8ProfilerNextLoads && 'v8-profiler-next does not load on this Node' },
    async () => {
      const options = nodeOptions('clean.mjs', {
        iterations: 5,
        profiler: 'v8-profiler-next',
        nodePath: process.execPath,
      });
      const outcome = await measureWorkload(options);
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
      assertDescribed(options.workload, outcome.result, { ...choice, profiler: 'v8-profiler-next' });
    },
  );

  it('python, and it saves no DevTools profile', async () => {
    const profileOut = join(tempDir('memgate-runtimes-'), 'python.heapprofile');
    const outcome = await measurePython('lru_fixed.py', { iterations: 5, profiler: 'v8-profiler-next', profileOut });
    assertDescribed('lru_fixed.py', expectOk(outcome), { ...choice, profiler: 'v8-profiler-next' });
    assert.equal(outcome.ok && outcome.profilePath, undefined);
    assert.equal(existsSync(profileOut), false);
  });
});

it('a file no runtime runs is a load error listing what a workload can be', async () => {
  const dir = tempDir('memgate-runtimes-');
  writeFileSync(join(dir, 'notes.txt'), 'not a workload\n');
  const error = expectError(await measureWorkload({ ...nodeOptions('clean.mjs'), workload: 'notes.txt', cwd: dir }));
  assert.equal(error.kind, 'load');
  assert.equal(
    error.message,
    `cannot run ${join(dir, 'notes.txt')}: a workload is a .mjs, .js, .cjs, .ts, .mts, .cts or .py file`,
  );
});
