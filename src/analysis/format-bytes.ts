/** Byte sizes for people: IEC units (1 KiB = 1024 B), one decimal, trailing `.0` dropped. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

export interface FormatBytesOptions {
  /** Prefix positive values with '+' (growth and changes); negative values always carry '-'. */
  signed?: boolean;
}

/** `formatBytes(13002342)` → `12.4 MiB`; `formatBytes(524288, { signed: true })` → `+512 KiB`; `formatBytes(-10)` → `-10 B`. */
export function formatBytes(value: number, options: FormatBytesOptions = {}): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.round(value) === 0) return '0 B';
  const sign = value < 0 ? '-' : options.signed && value > 0 ? '+' : '';
  let magnitude = Math.abs(value);
  let unit = 0;
  // Whole bytes below 1 KiB, one decimal above; step up when rounding would show 1024 (1023.96 KiB → 1 MiB).
  while (unit < UNITS.length - 1 && Number(magnitude.toFixed(unit === 0 ? 0 : 1)) >= 1024) {
    magnitude /= 1024;
    unit += 1;
  }
  const text = unit === 0 ? magnitude.toFixed(0) : magnitude.toFixed(1).replace(/\.0$/, '');
  return `${sign}${text} ${UNITS[unit]}`;
}
