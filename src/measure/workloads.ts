/**
 * Turns the user's workload paths and globs into files. The Action refuses anything outside the working
 * directory (a workload there is not the pull request's to run); the CLI runs what the user points it at.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../errors.ts';
import { runtimeFor, WORKLOAD_EXTENSIONS } from './runtimes/index.ts';

const isInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Resolves each pattern against `cwd`. A plain path is kept even when missing (the measurement reports
 * it as not found, per workload); a glob that matches no workload file is an error naming the pattern.
 */
export async function resolveWorkloads(
  patterns: string[],
  cwd: string,
  options: { outside?: boolean } = {},
): Promise<string[]> {
  const root = resolve(cwd);
  if (patterns.length === 0)
    throw new UsageError(
      'no workloads given: expected at least one path or glob, e.g. bench/leak.mjs or "perf/**/*.mjs"',
    );
  const found = new Set<string>();
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (pattern === '') continue;
    if (!isDynamicPattern(pattern)) {
      const path = resolve(root, pattern);
      if (!options.outside && !isInside(root, path))
        throw new UsageError(`workload "${pattern}" is outside the working directory ${root}`);
      if (existsSync(path) && statSync(path).isDirectory())
        throw new UsageError(
          `workload "${pattern}" is a directory: expected a module file or a glob such as "${pattern.replace(/\/$/, '')}/*.mjs"`,
        );
      found.add(path);
      continue;
    }
    if (!options.outside && (isAbsolute(pattern) || pattern.split(/[\\/]/).includes('..'))) {
      throw new UsageError(
        `workload pattern "${pattern}" reaches outside the working directory ${root}: use a pattern relative to it`,
      );
    }
    const matches = (
      await glob(pattern, { cwd: root, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] })
    )
      .filter((file) => runtimeFor(file) !== null)
      .sort();
    if (matches.length === 0)
      throw new UsageError(
        `workload pattern "${pattern}" matched no workload files (${WORKLOAD_EXTENSIONS.join(' ')}) under ${root}`,
      );
    for (const match of matches) found.add(match);
  }
  if (found.size === 0) throw new UsageError('no workloads given: expected at least one path or glob');
  return [...found];
}
