/** Where the Action writes, what it checked out, and how the working directory appears in repository links. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

export const SHA = /^[0-9a-f]{40}$/;

const toPosix = (path: string): string => path.split(sep).join('/');

/** The working directory as a repository path prefix for links: '' or 'packages/api/'. */
export function pathPrefixOf(workingDirectory: string, workspace: string): string {
  const rel = toPosix(relative(workspace, workingDirectory));
  return rel === '' || rel.startsWith('..') ? '' : `${rel}/`;
}

/** The commit actually checked out (a workflow may check out the PR head instead of GITHUB_SHA). */
export function checkedOutSha(cwd: string, fallback: string): string {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 })
      .toString()
      .trim();
    return SHA.test(sha) ? sha : fallback;
  } catch {
    return fallback;
  }
}

/** A fresh directory per key under RUNNER_TEMP: matrix legs and several steps in one job never share one. */
export function outDirFor(key: string): string {
  const dir = join(process.env['RUNNER_TEMP'] || tmpdir(), 'memgate', key || 'default');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
