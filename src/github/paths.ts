/**
 * Where the repository is. Annotations and links need repository paths, and the repository's top level is
 * not GITHUB_WORKSPACE when actions/checkout was given `path:` (the workspace then holds the checkout in a
 * subdirectory): the top level comes from git itself, from the working directory.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

const SHA = /^[0-9a-f]{40}$/;

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

/** Symlinks resolved, so that git's answer and our own paths compare (git prints real paths). */
function real(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

export interface RepositoryPaths {
  /** The repository's top level (`git rev-parse --show-toplevel`), else the fallback (GITHUB_WORKSPACE). */
  root: string;
  /** The working directory, resolved the same way as root. */
  workingDirectory: string;
}

export function repositoryPaths(workingDirectory: string, fallback: string): RepositoryPaths {
  const top = git(workingDirectory, ['rev-parse', '--show-toplevel']);
  // Not a repository, git missing, or "dubious ownership" in a container job: the workspace is the best guess.
  const root = top && isAbsolute(resolve(top)) ? real(top) : real(fallback);
  return { root, workingDirectory: real(workingDirectory) };
}

/** The working directory as a repository path prefix for links: '' or 'packages/api/'. */
export function pathPrefixOf(paths: RepositoryPaths): string {
  const rel = relative(paths.root, paths.workingDirectory).split(sep).join('/');
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? '' : `${rel}/`;
}

/** The commit checked out in `cwd` (a workflow may check out another commit than GITHUB_SHA), else fallback. */
export function checkedOutSha(cwd: string, fallback: string): string {
  const sha = git(cwd, ['rev-parse', 'HEAD']);
  return sha && SHA.test(sha) ? sha : fallback;
}
