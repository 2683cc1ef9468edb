/**
 * Parsers for user-supplied settings, shared by the CLI's flags and the Action's inputs (through the table in
 * settings.ts), so both accept and reject exactly the same values. Each error names the setting as the user
 * wrote it (`--max-heap` on the CLI, `Input "max-heap"` in the Action) and shows an accepted example.
 */
import { parseIncrease, parseSize, type Increase } from './analysis/sizes.ts';
import { UsageError } from './errors.ts';

/** How a setting is called where the user wrote it: `--max-heap` on the CLI, `Input "max-heap"` in the Action. */
export type SettingName = string;

export interface WholeNumberRule {
  /** 0 or 1. */
  min: number;
  max?: number;
  example: string;
}

export function parseWholeNumber(name: SettingName, text: string, { min, max, example }: WholeNumberRule): number {
  const trimmed = text.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    const what = min === 1 ? 'a positive whole number' : `a whole number (${min} or more)`;
    throw new UsageError(`${name}: "${text}" is not ${what} (e.g. ${example})`);
  }
  if (max !== undefined && value > max) throw new UsageError(`${name}: "${text}" is more than ${max}; e.g. ${example}`);
  return value;
}

export function parsePositiveInt(name: SettingName, text: string, example: string): number {
  return parseWholeNumber(name, text, { min: 1, example });
}

export function parseChoice<T extends string>(name: SettingName, text: string, choices: readonly T[]): T {
  const value = text.trim();
  const choice = choices.find((c) => c === value);
  if (choice === undefined) {
    throw new UsageError(`${name}: "${text}" is not one of ${choices.map((c) => `"${c}"`).join(', ')}`);
  }
  return choice;
}

/** The YAML 1.2 core schema's booleans, as @actions/core's getBooleanInput reads them. */
export function parseBoolean(name: SettingName, text: string): boolean {
  const value = text.trim();
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`${name}: "${text}" is not a boolean: use true or false`);
}

/** An optional size: '' means "no ceiling". */
export function parseSizeSetting(name: SettingName, text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  try {
    return parseSize(text);
  } catch (err) {
    throw new UsageError(`${name}: ${(err as Error).message}`, { cause: err });
  }
}

/** A size that must be given and more than zero bytes, such as a rate per iteration. */
export function parsePositiveSize(name: SettingName, text: string, example: string): number {
  const value = parseSizeSetting(name, text);
  if (value === null || value <= 0) {
    throw new UsageError(`${name}: "${text}" must be more than 0 bytes (e.g. ${example})`);
  }
  return value;
}

export function parseIncreaseSetting(name: SettingName, text: string | undefined): Increase | null {
  if (text === undefined || text.trim() === '') return null;
  try {
    return parseIncrease(text);
  } catch (err) {
    throw new UsageError(`${name}: ${(err as Error).message}`, { cause: err });
  }
}
