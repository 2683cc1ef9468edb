import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatAge,
  formatBytes,
  formatChange,
  formatCount,
  formatPercent,
  overallStatus,
  splitCallPath,
} from '../../src/report/format.ts';
import { cleanWorkload, dependencyEntry, errorWorkload, fileEntry, report, topEntry, workload } from './fixtures.ts';

test('formatBytes: IEC units, one decimal, trailing .0 dropped, optional sign', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1024), '1 KiB');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(12.4 * 1024 * 1024), '12.4 MiB');
  assert.equal(formatBytes(3 * 1024 ** 3), '3 GiB');
  assert.equal(formatBytes(512 * 1024, { sign: true }), '+512 KiB');
  assert.equal(formatBytes(-2048, { sign: true }), '-2 KiB');
  assert.equal(formatBytes(-2048), '-2 KiB');
  assert.equal(formatBytes(0, { sign: true }), '0 B');
  assert.equal(formatBytes(Number.NaN), 'n/a');
});

test('formatBytes: values that round up to 1024 move to the next unit', () => {
  assert.equal(formatBytes(1023.6), '1 KiB');
  assert.equal(formatBytes(1024 * 1024 - 1), '1 MiB');
  assert.equal(formatBytes(1024 * 1023.96), '1 MiB');
});

test('formatCount: thousands separators and sign', () => {
  assert.equal(formatCount(90342, { sign: true }), '+90,342');
  assert.equal(formatCount(-1234567), '-1,234,567');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(0, { sign: true }), '0');
  assert.equal(formatCount(12.6), '13');
});

test('formatPercent: fraction to percent, one decimal', () => {
  assert.equal(formatPercent(0.125, { sign: true }), '+12.5%');
  assert.equal(formatPercent(0.5), '50%');
  assert.equal(formatPercent(-0.2), '-20%');
  assert.equal(formatPercent(0.0001), '<0.1%');
  assert.equal(formatPercent(Infinity), 'n/a');
});

test('formatChange: signed, dash when unknown', () => {
  assert.equal(formatChange(1024), '+1 KiB');
  assert.equal(formatChange(null), '—');
});

test('formatAge: coarse relative age', () => {
  const now = new Date('2025-01-02T12:00:00Z');
  assert.equal(formatAge('2025-01-02T11:59:30Z', now), 'just now');
  assert.equal(formatAge('2025-01-02T11:55:00Z', now), '5 minutes ago');
  assert.equal(formatAge('2025-01-02T11:00:00Z', now), '1 hour ago');
  assert.equal(formatAge('2024-12-30T12:00:00Z', now), '3 days ago');
  assert.equal(formatAge('not a date', now), null);
});

test('splitCallPath: the site is the first frame in user code, not the innermost', () => {
  const path = splitCallPath(dependencyEntry(), 'line');
  assert.deepEqual(
    path.inside.map((f) => f.function),
    ['push', 'set'],
  );
  assert.deepEqual(path.site, { file: 'helper-leak.mjs', line: 5, function: 'recordRequests' });
  assert.deepEqual(
    path.callers.map((f) => f.function),
    ['main'],
  );
  // A file row's site is its file: the first frame in it.
  const file = splitCallPath(fileEntry(), 'file');
  assert.deepEqual([file.inside.length, file.site?.line, file.callers.length], [0, 88, 1]);
  // A traceback without the site's frame lists every frame as a caller.
  const none = splitCallPath(topEntry({ traceback: topEntry({ file: 'elsewhere.js' }).traceback }), 'line');
  assert.deepEqual([none.inside.length, none.site, none.callers.length], [0, null, 3]);
});

test('overallStatus: a regression outranks a workload that could not run, whichever said so', () => {
  assert.equal(overallStatus(report([errorWorkload(), workload()]), undefined), 'fail');
  assert.equal(overallStatus(report([errorWorkload(), cleanWorkload()]), undefined), 'error');
  const failing = report([errorWorkload(), cleanWorkload()], { verdict: { status: 'fail', reasons: ['x'] } });
  assert.equal(overallStatus(failing, undefined), 'fail');
  const erroring = report([cleanWorkload()], { verdict: { status: 'error', reasons: ['x'] } });
  assert.equal(overallStatus(erroring, undefined), 'error');
});
