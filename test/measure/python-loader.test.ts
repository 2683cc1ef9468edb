// The Python probe's loader (python_loader.py): the probe's modules run from bytecode cached beside them, as Python
// caches a module's, checked against a hash of the source; the query of the interpreter fills the cache first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { QUERY } from '../../src/measure/python-command.ts';
import { expectOk, fixture, growthBySite, measurePython } from '../fixtures/python/harness.ts';
import { tempDir } from '../temp-dir.ts';

const probeDir = resolve('src/measure/probe');
// This machine's environment, or a user's, may say not to write bytecode: each test says what it wants.
const writing = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.PYTHONDONTWRITEBYTECODE;
  delete env.PYTHONPYCACHEPREFIX; // the cache beside the source, where these tests look
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
  occupied: number;
  leftovers: string[];
  moved_cache_names_first?: boolean;
  moved_file?: boolean;
  moved_rewritten?: boolean;
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
  assert.equal(run.occupied, 5, 'nor where the cache cannot be replaced');
  assert.deepEqual(run.leftovers, [], 'and no temporary file is left behind');
  assert.equal(run.moved_cache_names_first, true, 'a cache copied from elsewhere names the first place');
  assert.equal(run.moved_file, true, 'so it is compiled again, its frames naming their own file');
  assert.equal(run.moved_rewritten, true, 'and the cache rewritten for it');
  assert.deepEqual(run.warmed, ['python_probe.py', 'python_retainers.py'], "warm() caches the probe's two modules");
});

test('under -B (or PYTHONDONTWRITEBYTECODE) nothing is written, and everything still runs', () => {
  const run = runFixture(['-B']);
  assert.equal(run.writes, false);
  assert.equal(run.first, 1);
  assert.equal(run.cached, false);
  assert.equal(run.blocked, 4);
  assert.equal(run.occupied, 5);
  assert.deepEqual(run.warmed, []);
});

test("the query of the interpreter caches the probe's modules beside them, and still answers with a loader that fails", () => {
  const dir = tempDir('memgate-query-');
  for (const name of ['python_loader.py', 'python_probe.py', 'python_retainers.py'])
    copyFileSync(join(probeDir, name), join(dir, name));
  const query = (loader: string, env: NodeJS.ProcessEnv) =>
    spawnSync('python3', ['-S', '-c', QUERY, loader], { encoding: 'utf8', timeout: 60_000, env });
  const tag = spawnSync('python3', ['-c', 'import sys; print(sys.implementation.cache_tag)'], {
    encoding: 'utf8',
  }).stdout.trim();
  const cached = (name: string): string => join(dir, '__pycache__', `${name}.${tag}.pyc`);

  const quiet = query(join(dir, 'python_loader.py'), { ...writing(), PYTHONDONTWRITEBYTECODE: '1' });
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.match(quiet.stdout, /^Python 3\.\d+\.\d+\n/);
  assert.ok(!existsSync(join(dir, '__pycache__')), 'nothing written under PYTHONDONTWRITEBYTECODE');

  const run = query(join(dir, 'python_loader.py'), writing());
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Python 3\.\d+\.\d+\n.+\n$/);
  for (const name of ['python_probe', 'python_retainers']) {
    assert.ok(existsSync(cached(name)), `${cached(name)} written`);
    assert.equal(readFileSync(cached(name)).readUInt32LE(4), 3, `${name}: a checked hash-based pyc`);
  }

  const broken = join(dir, 'broken_loader.py');
  writeFileSync(broken, 'def warm(:\n');
  const answered = query(broken, writing());
  assert.equal(answered.status, 0, answered.stderr);
  assert.match(answered.stdout, /^Python 3\.\d+\.\d+\n/, 'the version, whatever the loader does');
  assert.equal(answered.stderr, '');
});

test('a leak is measured and its holder found with bytecode written, as on GitHub runners', async () => {
  const saved = process.env.PYTHONDONTWRITEBYTECODE;
  delete process.env.PYTHONDONTWRITEBYTECODE;
  try {
    const retainers = {
      maxHeap: 128 * 1024 * 1024,
      timeoutSeconds: 60,
      sites: 10,
      ceilings: { maxRetained: 1, maxHeap: null, maxRss: null },
    };
    for (let run = 0; run < 2; run++) {
      // The first run may compile and write the cache; the second runs from it.
      const result = expectOk(await measurePython('leaky_cache.py', { retainers }));
      assert.equal(growthBySite(result)[0]?.file, 'leaky_cache.py');
      assert.equal(result.retainers?.status, 'captured', result.retainers?.reason);
      assert.ok(JSON.stringify(result.retainers?.sites).includes('"cache'), JSON.stringify(result.retainers?.sites));
    }
  } finally {
    if (saved !== undefined) process.env.PYTHONDONTWRITEBYTECODE = saved;
  }
});
