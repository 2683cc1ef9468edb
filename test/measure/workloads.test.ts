import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { resolveWorkloads } from '../../src/measure/workloads.ts';

const cwd = resolve('test/fixtures/cli');

test('plain paths resolve against the working directory, missing ones are kept for the measurement to report', async () => {
  assert.deepEqual(await resolveWorkloads(['leak.mjs', 'missing.mjs'], cwd), [
    resolve(cwd, 'leak.mjs'),
    resolve(cwd, 'missing.mjs'),
  ]);
});

test('globs expand to workload files, sorted, without duplicates', async () => {
  const files = await resolveWorkloads(['**/*.mjs', 'leak.mjs'], cwd);
  assert.deepEqual(files, [resolve(cwd, 'clean.mjs'), resolve(cwd, 'leak.mjs'), resolve(cwd, 'nested/also-clean.mjs')]);
});

test('a glob that matches nothing is an error naming the pattern', async () => {
  await assert.rejects(
    resolveWorkloads(['perf/**/*.mjs'], cwd),
    (err: Error) => err instanceof UsageError && err.message.includes('"perf/**/*.mjs" matched no workload files'),
  );
});

test('paths and globs outside the working directory are refused', async () => {
  await assert.rejects(
    resolveWorkloads(['../outside.mjs'], cwd),
    (err: Error) => err instanceof UsageError && /outside the working directory/.test(err.message),
  );
  await assert.rejects(
    resolveWorkloads(['../**/*.mjs'], cwd),
    (err: Error) => err instanceof UsageError && /outside the working directory/.test(err.message),
  );
  await assert.rejects(resolveWorkloads(['/etc/*.js'], cwd), UsageError);
});

test('a directory is refused with a hint to use a glob', async () => {
  await assert.rejects(
    resolveWorkloads(['nested'], cwd),
    (err: Error) => /is a directory/.test(err.message) && err.message.includes('nested/*.mjs'),
  );
});
