/** Number formatting for the bench's console output and Markdown. */
export function fmtBytes(n: number, signed = false): string {
  if (!Number.isFinite(n)) return '—';
  const sign = n < 0 ? '−' : signed && n > 0 ? '+' : '';
  const a = Math.abs(n);
  const body =
    a >= 1024 ** 3
      ? `${(a / 1024 ** 3).toFixed(2)} GiB`
      : a >= 1024 ** 2
        ? `${(a / 1024 ** 2).toFixed(1)} MiB`
        : a >= 1024
          ? `${(a / 1024).toFixed(1)} KiB`
          : `${Math.round(a)} B`;
  return sign + body;
}

export const fmtPct = (fraction: number, signed = true): string =>
  Number.isFinite(fraction)
    ? `${signed && fraction > 0 ? '+' : fraction < 0 ? '−' : ''}${Math.abs(fraction * 100).toFixed(1)}%`
    : '—';

export const fmtRatio = (r: number): string => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');

export const fmtMs = (ms: number): string =>
  !Number.isFinite(ms)
    ? '—'
    : ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : ms >= 1000
        ? `${(ms / 1000).toFixed(2)} s`
        : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

export function table(header: string[], rows: string[][]): string {
  const esc = (cell: string): string => cell.replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
