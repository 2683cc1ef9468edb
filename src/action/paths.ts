/** Where the Action writes. Repository paths and the checked-out commit come from github/paths.ts. */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHA = /^[0-9a-f]{40}$/;

/** A fresh directory per key under RUNNER_TEMP: matrix legs and several steps in one job never share one. */
export function outDirFor(key: string): string {
  const dir = join(process.env['RUNNER_TEMP'] || tmpdir(), 'memgate', key || 'default');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
