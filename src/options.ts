/**
 * Validation of user-supplied settings, shared by the CLI's flags and the Action's inputs so both
 * accept and reject exactly the same values. Each error names the setting and shows an accepted example.
 */
import { parseIncrease, parseSize, type Increase } from './analysis/sizes.ts';
import { UsageError } from './errors.ts';

/** How a setting is called where the user wrote it: `--max-heap` on the CLI, `Input "max-heap"` in the Action. */
export type SettingName = string;

export function parsePositiveInt(name: SettingName, text: string, example: string): number {
  const trimmed = text.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`${name}: "${text}" is not a positive whole number (e.g. ${example})`);
  }
  return value;
}

export function parseChoice<T extends string>(name: SettingName, text: string, choices: readonly T[]): T {
  const value = text.trim() as T;
  if (!choices.includes(value)) {
    throw new UsageError(`${name}: "${text}" is not one of ${choices.map((c) => `"${c}"`).join(', ')}`);
  }
  return value;
}

/** An optional size: '' means "no ceiling". */
export function parseSizeSetting(name: SettingName, text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  try {
    return parseSize(text);
  } catch (err) {
    throw new UsageError(`${name}: ${(err as Error).message}`);
  }
}

export function parseIncreaseSetting(name: SettingName, text: string | undefined): Increase | null {
  if (text === undefined || text.trim() === '') return null;
  try {
    return parseIncrease(text);
  } catch (err) {
    throw new UsageError(`${name}: ${(err as Error).message}`);
  }
}

export const GROUP_BY_CHOICES = ['line', 'file', 'traceback'] as const;
export const PROFILER_CHOICES = ['inspector', 'v8-profiler-next'] as const;
