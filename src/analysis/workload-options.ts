/**
 * Ceilings a workload sets for itself in its `options` (issue 13, item 8): `options.maxRetained`, `maxHeap`,
 * `maxRss`, written as the CLI takes them (`'256KB'`, `'1.5MB'`) or as a whole number of bytes; null turns the
 * run's ceiling off for this workload. The Node probe reads them here (bundled); the Python probe carries a copy
 * of the rule (python_probe.py, workload_ceilings). Pure: no I/O.
 */
import { CEILING_NAMES } from './gate.ts';
import type { CeilingName } from './model.ts';
import { parseSize } from './sizes.ts';

export type OwnCeilings = Partial<Record<CeilingName, number | null>>;

/** The ceilings `options` sets, or why one of them is not a size (naming the option). */
export function readWorkloadCeilings(
  options: Record<string, unknown> | undefined,
): { ceilings: OwnCeilings } | { error: string } {
  const ceilings: OwnCeilings = {};
  if (!options) return { ceilings };
  for (const name of CEILING_NAMES) {
    if (!(name in options) || options[name] === undefined) continue;
    const value = options[name];
    if (value === null) {
      ceilings[name] = null;
    } else if (typeof value === 'number') {
      if (!Number.isSafeInteger(value) || value < 0) {
        return {
          error: `options.${name} must be a size such as '256KB' or a whole number of bytes, got ${String(value)}`,
        };
      }
      ceilings[name] = value;
    } else if (typeof value === 'string') {
      try {
        ceilings[name] = parseSize(value);
      } catch (error) {
        return { error: `options.${name}: ${(error as Error).message}` };
      }
    } else {
      return {
        error: `options.${name} must be a size such as '256KB' or a whole number of bytes, got a ${typeof value}`,
      };
    }
  }
  return { ceilings };
}
