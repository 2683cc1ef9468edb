// The Python probe's loader (python_loader.py): the probe's modules run from bytecode cached beside them, as Python
// caches a module's, checked against a hash of the source; the query of the interpreter fills the cache first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pythonInfo } from '../../src/measure/python-command.ts';
import { expectOk, fixture, growthBySite, measurePython } from '../fixtures/python/harness.ts';
import { tempDir } from '../temp-dir.ts';

const probeDir = resolve('src/measure/probe');
// This machine's environment, or a user's, may say not to write bytecode: each test says what it wants.
const writing = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.PYTHONDONTWRITEBYTECODE;
  return env;
};

interface CacheRun {
  writes: boolean;
  first: number;
  cached: boolean;
  magic?: boolean;
  flags?: number;
  hash?: boolean;
  from_cache?: number;
  imported?: number;
  changed?: number;
  rewritten?: boolean;
  cut_short?: number;
  blocked: number;
  leftovers: string[];
  warmed: string[];
}

function runFixture(flags: string[]): CacheRun {
  const run = spawnSync('python3', [...flags, fixture('bytecode_cache.py'), probeDir, tempDir('memgate-pyc-')], {
    encoding: 'utf8',
    timeout: 60_000,
    env: writing(),
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as CacheRun;
}

test('a module compiled once runs from its cache while the source is unchanged, and is compiled again once it changes', () => {
  const run = runFixture([]);
  assert.equal(run.writes, true);
  assert.equal(run.first, 1);
  assert.equal(run.cached, true, 'written to __pycache__ beside the source');
  assert.equal(run.magic, true, "this interpreter's magic number");
  assert.equal(run.flags, 3, 'a hash-based pyc, checked against its source (PEP 552)');
  assert.equal(run.hash, true, 'the hash of the source it was compiled from');
  assert.equal(run.from_cache, 2, 'the code in the cache is what runs: it is read, not compiled again');
  assert.equal(run.imported, 2, "Python's own import takes the cache as valid");
  assert.equal(run.changed, 3, 'a changed source is compiled again, never run from the stale cache');
  assert.equal(run.rewritten, true, 'and the cache rewritten for it');
  assert.equal(run.cut_short, 3, 'a cache cut short is compiled again');
  assert.equal(run.blocked, 4, 'where no cache can be written, the module still runs');
  assert.deepEqual(run.leftovers, [], 'no temporary file is left behind');
  assert.deepEqual(run.warmed, ['python_probe.py', 'python_retainers.py'], "warm() caches the probe's two modules");
});

test('under -B (or PYTHONDONTWRITEBYTECODE) nothing is written, and everything still runs', () => {
  const run = runFixture(['-B']);
  assert.equal(run.writes, false);
  assert.equal(run.first, 1);
  assert.equal(run.cached, false);
  assert.equal(run.blocked, 4);
  assert.deepEqual(run.warmed, []);
});

test("the query of the interpreter caches the probe's modules, and a leak is measured and held from them", async () => {
  const saved = process.env.PYTHONDONTWRITEBYTECODE;
  delete process.env.PYTHONDONTWRITEBYTECODE;
  try {
    const info = await pythonInfo('python3', process.cwd());
    assert.ok(!('kind' in info), JSON.stringify(info));
    const tag = spawnSync('python3', ['-c', 'import sys; print(sys.implementation.cache_tag)'], {
      encoding: 'utf8',
    }).stdout.trim();
    const cacheDir = resolve('dist/probe/__pycache__');
    for (const name of ['python_probe', 'python_retainers']) {
      const path = join(cacheDir, `${name}.${tag}.pyc`);
      assert.ok(existsSync(path), `${path} written`);
      assert.equal(readFileSync(path).readUInt32LE(4), 3, `${name}: a checked hash-based pyc`);
    }
    const retainers = {
      maxHeap: 128 * 1024 * 1024,
      timeoutSeconds: 60,
      sites: 10,
      ceilings: { maxRetained: 1, maxHeap: null, maxRss: null },
    };
    const result = expectOk(await measurePython('leaky_cache.py', { retainers }));
    assert.equal(growthBySite(result)[0]?.file, 'leaky_cache.py');
    assert.equal(result.retainers?.status, 'captured', result.retainers?.reason);
    assert.ok(JSON.stringify(result.retainers?.sites).includes('"cache'), JSON.stringify(result.retainers?.sites));
  } finally {
    if (saved !== undefined) process.env.PYTHONDONTWRITEBYTECODE = saved;
  }
});
