import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAge, formatBytes, formatChange, formatCount, formatPercent } from '../../src/report/format.ts';

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
