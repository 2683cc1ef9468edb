/** Warning slots go to findings first (item 5 of issue 12); repository paths come from git, not GITHUB_WORKSPACE (item 6). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotationsFor, emitAnnotations, type Annotation } from '../../src/github/annotations.ts';
import { notice, resetWarningCount, warning, WARNING_ANNOTATIONS_PER_STEP } from '../../src/github/messages.ts';
import { checkedOutSha, pathPrefixOf, repositoryPaths } from '../../src/github/paths.ts';
import { commitReport, grownSite, retainedWorkload } from '../report/fixtures.ts';
import { tempDir } from '../temp-dir.ts';

/** The workflow commands fn prints (kept off the test runner's stdout). */
function commandsOf(fn: () => void): string[] {
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return out
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('::'));
}

const finding = (i: number): Annotation => ({
  message: `grew ${i}`,
  title: 'memgate',
  file: `src/f${i}.js`,
  startLine: i + 1,
  sizeDiff: 1000 - i,
});

describe('warning slots', () => {
  test('line annotations take the warning slots; a warning after they are used up becomes a notice', () => {
    resetWarningCount();
    const lines = commandsOf(() => {
      assert.equal(emitAnnotations(Array.from({ length: WARNING_ANNOTATIONS_PER_STEP }, (_, i) => finding(i))), 10);
      warning('memgate: retained memory keeps growing (not failing: fail-on-regression is false)');
      notice('memgate did not compare with the base report: other settings');
    });
    assert.equal(lines.filter((l) => l.startsWith('::warning ') && l.includes('file=src/f')).length, 10);
    assert.deepEqual(lines.slice(10), [
      '::notice::memgate: retained memory keeps growing (not failing: fail-on-regression is false)',
      '::notice::memgate did not compare with the base report: other settings',
    ]);
  });

  test('warnings already spent leave fewer slots for annotations, and the count is reported', () => {
    resetWarningCount();
    const lines = commandsOf(() => {
      for (let i = 0; i < 7; i++) warning(`other ${i}`);
      assert.equal(emitAnnotations([finding(1), finding(2), finding(3), finding(4)]), 3);
    });
    assert.equal(lines.filter((l) => l.startsWith('::warning')).length, 10, 'never more than GitHub shows');
  });
});

describe('repository paths', () => {
  const ws = tempDir('memgate-paths-');
  // actions/checkout with `path: sub`: the repository is a subdirectory of GITHUB_WORKSPACE.
  const repo = join(ws, 'sub');
  mkdirSync(join(repo, 'app', 'src'), { recursive: true });
  writeFileSync(join(repo, 'app', 'src', 'cache.js'), '');
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  git('init', '-q');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'x');

  test('with checkout path: sub, annotations and link prefixes are relative to the repository, not the workspace', () => {
    const paths = repositoryPaths(join(repo, 'app'), ws);
    assert.equal(paths.root, repositoryPaths(repo, '/nowhere').root);
    assert.ok(paths.root.endsWith(`${join('', 'sub')}`), paths.root);
    assert.equal(pathPrefixOf(paths), 'app/');
    const w = retainedWorkload('perf/a.mjs', { status: 'fail', top: [grownSite('src/cache.js', 3, 1_000_000)] });
    const list = annotationsFor(commitReport([w]), undefined, {
      workingDirectory: paths.workingDirectory,
      workspace: paths.root,
    });
    assert.deepEqual(
      list.map((a) => `${a.file}:${a.startLine}`),
      ['app/src/cache.js:3'],
      'not sub/app/src/cache.js',
    );
  });

  test('through a symlink the paths still agree; outside a repository the fallback is used', () => {
    symlinkSync(repo, join(ws, 'link'));
    assert.equal(pathPrefixOf(repositoryPaths(join(ws, 'link', 'app'), ws)), 'app/');
    const plain = tempDir('memgate-nogit-');
    mkdirSync(join(plain, 'pkg'));
    const paths = repositoryPaths(join(plain, 'pkg'), plain);
    assert.equal(pathPrefixOf(paths), 'pkg/');
  });

  test('the checked-out commit comes from git, else the fallback', () => {
    assert.match(checkedOutSha(repo, 'x'), /^[0-9a-f]{40}$/);
    assert.equal(checkedOutSha(tempDir('memgate-nogit2-'), 'fallback'), 'fallback');
  });
});
