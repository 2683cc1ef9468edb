/**
 * Byte sizes and increases as users write them in inputs and flags.
 *
 * Units are binary whichever way they are spelled: KB = KiB = 1024 bytes, MB = MiB = 1024², GB = GiB = 1024³
 * (memory is counted in binary units everywhere else in memgate, and `bytes` reads KB that way too).
 */
import bytes from 'bytes';

/** Accepted units, lower case: the spelling `bytes.parse` understands ('' = plain bytes) and the multiplier. */
const UNITS: Record<string, { unit: string; factor: number }> = {
  '': { unit: '', factor: 1 },
  b: { unit: '', factor: 1 },
  kb: { unit: 'kb', factor: 1024 },
  kib: { unit: 'kb', factor: 1024 },
  mb: { unit: 'mb', factor: 1024 ** 2 },
  mib: { unit: 'mb', factor: 1024 ** 2 },
  gb: { unit: 'gb', factor: 1024 ** 3 },
  gib: { unit: 'gb', factor: 1024 ** 3 },
};

const EXPECTED = 'expected a number and a unit (B, KB, MB, GB; KiB, MiB, GiB), e.g. 512KB, 1.5MB or 2MiB';

/** `<plain decimal number><optional space><letters>`: no sign, exponent, or repeated dots. */
const SIZE_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i;

function sizeError(text: string, detail: string | null): Error {
  return new Error(`${JSON.stringify(text)} is not a size: ${detail ? `${detail}; ` : ''}${EXPECTED}`);
}

/** Why `text` (already trimmed) is not a size, in a few words, or null when nothing more specific fits. */
function diagnose(trimmed: string): string | null {
  if (trimmed === '') return 'it is empty';
  if (/^-/.test(trimmed)) return 'sizes cannot be negative';
  if (/^[+-]?(infinity|nan)/i.test(trimmed)) return 'it must be a finite number';
  if (/^[+-]?[\d.]+e[+-]?\d/i.test(trimmed)) return 'write the number in plain digits (no exponent)';
  const unit = /^[\d.]+\s*([a-z]+)$/i.exec(trimmed)?.[1];
  if (unit !== undefined && /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed.slice(0, trimmed.length - unit.length).trim())) {
    return `unknown unit ${JSON.stringify(unit)}`;
  }
  if (/\d/.test(trimmed)) return 'the number is malformed';
  return null;
}

/**
 * Parses a size such as `512KB`, `1.5MB`, `2MiB`, `1024` (bytes). KB/KiB = 1024 bytes, MB/MiB = 1024², GB/GiB = 1024³.
 * Case-insensitive, optional space before the unit; fractions of a byte are rounded down.
 * Throws an Error whose message quotes the text and shows accepted examples; callers prefix the input name.
 */
export function parseSize(text: string): number {
  const trimmed = text.trim();
  const match = SIZE_PATTERN.exec(trimmed);
  const unit = match ? UNITS[(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || unit === undefined) throw sizeError(text, diagnose(trimmed));
  const number = Number(match[1]);
  // `bytes` reads anything past 2^53 (or written as 1e+30) wrongly, so the range is checked first.
  if (!Number.isSafeInteger(Math.floor(number * unit.factor))) throw sizeError(text, 'it is too large');
  const value = bytes.parse(`${number}${unit.unit}`);
  if (value === null) throw sizeError(text, null);
  return value;
}

export type Increase = { kind: 'percent'; value: number } | { kind: 'bytes'; value: number };

const PERCENT_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/;

/** Parses an allowed increase: `10%` or a size (`256KB`). Throws like parseSize. */
export function parseIncrease(text: string): Increase {
  const trimmed = text.trim();
  if (trimmed.endsWith('%')) {
    const match = PERCENT_PATTERN.exec(trimmed);
    const value = match ? Number(match[1]) : Number.NaN;
    if (!Number.isFinite(value)) {
      const detail = trimmed.startsWith('-')
        ? 'an increase cannot be negative'
        : /infinity|nan/i.test(trimmed)
          ? 'it must be a finite number'
          : 'the percentage is malformed';
      throw new Error(
        `${JSON.stringify(text)} is not an increase: ${detail}; expected a percentage such as 10% or a size such as 256KB`,
      );
    }
    return { kind: 'percent', value };
  }
  try {
    return { kind: 'bytes', value: parseSize(trimmed) };
  } catch (err) {
    const message = (err as Error).message.replace(`${JSON.stringify(trimmed)} is not a size: `, '');
    const expected = 'expected a percentage such as 10% or a size such as 256KB, 1.5MB or 2MiB';
    throw new Error(`${JSON.stringify(text)} is not an increase: ${message.replace(EXPECTED, expected)}`, {
      cause: err,
    });
  }
}
