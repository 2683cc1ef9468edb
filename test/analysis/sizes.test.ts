import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseIncrease, parseSize } from '../../src/analysis/sizes.ts';
import { formatBytes } from '../../src/analysis/format-bytes.ts';

const EXPECTED = 'expected a number and a unit (B, KB, MB, GB; KiB, MiB, GiB), e.g. 512KB, 1.5MB or 2MiB';

describe('parseSize', () => {
  it('reads binary units however they are spelled', () => {
    assert.equal(parseSize('512KB'), 512 * 1024);
    assert.equal(parseSize('1.5MB'), 1.5 * 1024 * 1024);
    assert.equal(parseSize('2MiB'), 2 * 1024 * 1024);
    assert.equal(parseSize('1GB'), 1024 ** 3);
    assert.equal(parseSize('1gib'), 1024 ** 3);
    assert.equal(parseSize('1024'), 1024);
    assert.equal(parseSize('100B'), 100);
    assert.equal(parseSize('2 mib'), 2 * 1024 * 1024);
    assert.equal(parseSize('  3 kb '), 3072);
    assert.equal(parseSize('.5KB'), 512);
    assert.equal(parseSize('0'), 0);
  });

  it('treats KB and KiB alike', () => {
    assert.equal(parseSize('10KB'), parseSize('10KiB'));
    assert.equal(parseSize('10MB'), parseSize('10MiB'));
  });

  const rejects: [string, string][] = [
    ['10XB', '"10XB" is not a size: unknown unit "XB"; '],
    ['-5MB', '"-5MB" is not a size: sizes cannot be negative; '],
    ['1e999', '"1e999" is not a size: write the number in plain digits (no exponent); '],
    ['Infinity', '"Infinity" is not a size: it must be a finite number; '],
    ['NaN', '"NaN" is not a size: it must be a finite number; '],
    ['', '"" is not a size: it is empty; '],
    ['12..5MB', '"12..5MB" is not a size: the number is malformed; '],
    ['99999999999999999999999GB', '"99999999999999999999999GB" is not a size: it is too large; '],
    ['MB', '"MB" is not a size: '],
  ];
  for (const [text, start] of rejects) {
    it(`rejects ${JSON.stringify(text)} with a specific message`, () => {
      assert.throws(() => parseSize(text), { message: `${start}${EXPECTED}` });
    });
  }
});

describe('parseIncrease', () => {
  it('reads percentages and sizes', () => {
    assert.deepEqual(parseIncrease('10%'), { kind: 'percent', value: 10 });
    assert.deepEqual(parseIncrease('0%'), { kind: 'percent', value: 0 });
    assert.deepEqual(parseIncrease('12.5 %'), { kind: 'percent', value: 12.5 });
    assert.deepEqual(parseIncrease('250%'), { kind: 'percent', value: 250 });
    assert.deepEqual(parseIncrease('256KB'), { kind: 'bytes', value: 256 * 1024 });
  });

  it('rejects negative, non-finite and malformed increases', () => {
    assert.throws(() => parseIncrease('-5%'), /"-5%" is not an increase: an increase cannot be negative/);
    assert.throws(() => parseIncrease('Infinity%'), /"Infinity%" is not an increase: it must be a finite number/);
    assert.throws(() => parseIncrease('ten%'), /"ten%" is not an increase: the percentage is malformed/);
    assert.throws(
      () => parseIncrease('10XB'),
      /"10XB" is not an increase: unknown unit "XB"; expected a percentage such as 10% or a size/,
    );
    assert.throws(() => parseIncrease('-1MB'), /"-1MB" is not an increase: sizes cannot be negative/);
  });
});

describe('formatBytes', () => {
  it('uses IEC units with one decimal and drops .0', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1024), '1 KiB');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(25190.4), '24.6 KiB');
    assert.equal(formatBytes(13002342), '12.4 MiB');
    assert.equal(formatBytes(10 * 1024 * 1024), '10 MiB');
    assert.equal(formatBytes(1.1 * 1024 ** 3), '1.1 GiB');
  });

  it('steps up a unit when rounding reaches 1024', () => {
    assert.equal(formatBytes(1023.6), '1 KiB');
    assert.equal(formatBytes(1024 * 1024 - 1), '1 MiB');
  });

  it('signs growth on request and always signs decreases', () => {
    assert.equal(formatBytes(512 * 1024, { signed: true }), '+512 KiB');
    assert.equal(formatBytes(-5000), '-4.9 KiB');
    assert.equal(formatBytes(-5000, { signed: true }), '-4.9 KiB');
    assert.equal(formatBytes(0.3, { signed: true }), '0 B');
  });
});
