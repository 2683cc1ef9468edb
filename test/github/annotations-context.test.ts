/** Which lines get annotated, and what the event tells us (pull request, fork, workflow_run). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotationsFor } from '../../src/github/annotations.ts';
import { comparisonBase, linkSha, readContext } from '../../src/github/context.ts';
import type { BaseComparison } from '../../src/analysis/base-compare.ts';
import { commitReport, grownSite, retainedWorkload } from '../report/fixtures.ts';
import { tempDir } from '../temp-dir.ts';

const paths = { workspace: '/repo', workingDirectory: '/repo/app' };

describe('annotations', () => {
  test('only failing workloads, only sites with a real share of the growth, at repository paths', () => {
    const failing = retainedWorkload('perf/leak.mjs', {
      status: 'fail',
      retained: 2_000_000,
      top: [
        grownSite('src/cache.js', 12, 1_500_000, 'remember'),
        grownSite('src/util.js', 3, 400_000),
        grownSite('src/noise.js', 7, 3_000),
      ],
    });
    const passing = retainedWorkload('perf/ok.mjs', { top: [grownSite('src/ok.js', 1, 900_000)] });
    const list = annotationsFor(commitReport([failing, passing]), undefined, paths);
    assert.deepEqual(
      list.map((a) => `${a.file}:${a.startLine}`),
      ['app/src/cache.js:12', 'app/src/util.js:3'],
      'the passing workload and the 3 KB site are not annotated',
    );
    assert.match(
      list[0]!.message,
      /^\+1\.4 MiB still live after 20 iterations \(\+23,438 objects\), allocated by remember\.$/,
    );
    assert.equal(list[0]!.title, 'memgate: memory retained by perf/leak.mjs');
  });

  test('a dependency or runtime site points at the nearest repository caller; outside code is skipped', () => {
    const dep = {
      ...grownSite('node_modules/lru/index.js', 40, 1_000_000, 'set'),
      traceback: [
        { file: 'node_modules/lru/index.js', line: 40, function: 'set' },
        { file: 'src/store.js', line: 8, function: 'save' },
      ],
    };
    const outside = grownSite('../../outside/x.js', 1, 900_000); // /outside: not in the repository
    const sibling = grownSite('../lib/y.js', 2, 850_000); // /repo/lib: in the repository, beside app/
    const runtime = grownSite('node:internal/streams', 5, 800_000);
    const w = retainedWorkload('perf/a.mjs', { status: 'fail', top: [dep, outside, sibling, runtime] });
    const list = annotationsFor(commitReport([w]), undefined, paths);
    assert.deepEqual(
      list.map((a) => `${a.file}:${a.startLine}`),
      ['app/src/store.js:8', 'lib/y.js:2'],
    );
    assert.match(list[0]!.message, /allocated by save \(via node_modules\/lru\/index\.js:40\)\./);
  });

  test('a workload that passes its gate but regressed against the base is annotated; at most 10 overall, biggest first', () => {
    const many = Array.from({ length: 15 }, (_, i) => grownSite(`src/f${i}.js`, i + 1, 100_000 + i * 1000));
    const w = retainedWorkload('perf/a.mjs', { top: many });
    const comparison: BaseComparison = {
      regressed: true,
      workloads: [
        {
          path: 'perf/a.mjs',
          status: 'compared',
          retained: null,
          heapAfter: null,
          peakRss: null,
          newSites: [],
          regressed: true,
          reasons: ['grew'],
        },
      ],
    };
    assert.equal(annotationsFor(commitReport([w]), undefined, paths).length, 0);
    const list = annotationsFor(commitReport([w]), comparison, paths);
    assert.equal(list.length, 10);
    assert.equal(list[0]!.file, 'app/src/f14.js');
  });

  test('file-level sites (group-by file) annotate the file without a line; hostile names stay on one line', () => {
    const site = { ...grownSite('src/big.js', 0, 1_000_000, 'evil\n::error::pwned'), traceback: [] };
    const list = annotationsFor(
      commitReport([retainedWorkload('perf/a.mjs', { status: 'fail', top: [site] })]),
      undefined,
      paths,
    );
    assert.equal(list[0]!.startLine, undefined);
    assert.ok(!list[0]!.message.includes('\n'));
    // Grouped by file, rows carry no function: the message names none.
    const byFile = commitReport([
      retainedWorkload('perf/a.mjs', {
        status: 'fail',
        top: [{ ...grownSite('src/big.js', 0, 1_000_000, ''), traceback: [] }],
      }),
    ]);
    byFile.settings.groupBy = 'file';
    assert.match(
      annotationsFor(byFile, undefined, paths)[0]!.message,
      /^\+976\.6 KiB still live after 20 iterations( \([^)]*\))?\.$/,
    );
  });
});

describe('context', () => {
  const dir = tempDir('memgate-context-');
  const withEvent = (name: string, payload: unknown, extra: Record<string, string> = {}) => {
    const path = join(dir, `${name}-${Math.random()}.json`);
    writeFileSync(path, JSON.stringify(payload));
    return readContext({
      GITHUB_EVENT_NAME: name,
      GITHUB_EVENT_PATH: path,
      GITHUB_REPOSITORY: 'acme/widgets',
      GITHUB_RUN_ID: '77',
      GITHUB_SERVER_URL: 'https://github.example/',
      ...extra,
    });
  };
  const pr = (headRepo: unknown) => ({
    number: 5,
    pull_request: {
      number: 5,
      head: { sha: 'h', ref: 'feat', repo: headRepo },
      base: { sha: 'b', ref: 'main', repo: { id: 1, full_name: 'acme/widgets' } },
    },
    repository: { id: 1, full_name: 'acme/widgets' },
  });

  test('a same-repository pull request', () => {
    const ctx = withEvent('pull_request', pr({ id: 1, full_name: 'Acme/Widgets' }));
    assert.equal(ctx.kind, 'pull_request');
    assert.deepEqual(ctx.pullRequest, {
      number: 5,
      baseRef: 'main',
      baseSha: 'b',
      headRef: 'feat',
      headSha: 'h',
      headRepo: 'Acme/Widgets',
      isFork: false,
    });
    assert.equal(ctx.repositoryId, 1);
    assert.equal(ctx.runUrl, 'https://github.example/acme/widgets/actions/runs/77');
  });

  test('forks, including a deleted fork, and pull_request_target', () => {
    assert.equal(withEvent('pull_request', pr({ id: 9, full_name: 'mallory/widgets' })).pullRequest?.isFork, true);
    assert.equal(withEvent('pull_request', pr(null)).pullRequest?.isFork, true);
    assert.equal(withEvent('pull_request_target', pr({ id: 9, full_name: 'mallory/widgets' })).kind, 'pull_request');
  });

  test('push, workflow_run and a missing event file', () => {
    assert.equal(withEvent('push', { ref: 'refs/heads/main' }).kind, 'push');
    const wr = withEvent('workflow_run', {
      workflow_run: {
        id: 3,
        event: 'pull_request',
        head_sha: 's',
        head_branch: 'main',
        head_repository: { full_name: 'mallory/widgets' },
        pull_requests: [{ number: 4 }],
      },
    });
    assert.equal(wr.kind, 'workflow_run');
    assert.deepEqual(wr.workflowRun, {
      id: 3,
      event: 'pull_request',
      headSha: 's',
      headBranch: 'main',
      headRepo: 'mallory/widgets',
      pullRequests: [4],
    });
    const none = readContext({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_EVENT_PATH: join(dir, 'missing.json') });
    assert.equal(none.kind, 'other');
    assert.equal(none.pullRequest, null);
  });

  test("merge_group compares with the queue's base branch (base_ref is a full ref)", () => {
    const ctx = withEvent('merge_group', {
      action: 'checks_requested',
      merge_group: {
        head_sha: 'm'.repeat(40),
        head_ref: 'refs/heads/gh-readonly-queue/main/pr-5-abc',
        base_sha: 'b'.repeat(40),
        base_ref: 'refs/heads/main',
        head_commit: null,
      },
      repository: { id: 1, full_name: 'acme/widgets' },
    });
    assert.equal(ctx.kind, 'merge_group');
    assert.deepEqual(comparisonBase(ctx), { baseRef: 'main', baseSha: 'b'.repeat(40) });
    assert.equal(ctx.pullRequest, null);
    assert.equal(comparisonBase(withEvent('push', { ref: 'refs/heads/main' })), null);
    assert.deepEqual(comparisonBase(withEvent('pull_request', pr({ id: 1, full_name: 'acme/widgets' }))), {
      baseRef: 'main',
      baseSha: 'b',
    });
  });

  test('links: the PR head when the merge commit was checked out on pull_request; the checked-out commit otherwise', () => {
    const head = 'a'.repeat(40);
    const payload = {
      number: 5,
      pull_request: {
        number: 5,
        head: { sha: head, ref: 'feat', repo: { full_name: 'acme/widgets' } },
        base: { sha: 'b', ref: 'main', repo: { full_name: 'acme/widgets' } },
      },
    };
    const merge = 'c'.repeat(40);
    const onPr = withEvent('pull_request', payload, { GITHUB_SHA: merge });
    assert.equal(linkSha(onPr, merge), head);
    assert.equal(linkSha(onPr, 'd'.repeat(40)), 'd'.repeat(40), 'the workflow checked out something else: link to it');
    // pull_request_target: GITHUB_SHA is the base branch's commit; what was checked out is what was measured.
    const target = withEvent('pull_request_target', payload, { GITHUB_SHA: 'e'.repeat(40) });
    assert.equal(linkSha(target, 'e'.repeat(40)), 'e'.repeat(40));
  });
});
