import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffSnapshots } from '../../src/analysis/diff.ts';
import type { Allocation, Frame } from '../../src/analysis/model.ts';
import { CWD, PROBE } from './helpers.ts';

/**
 * 10,000 distinct sites, each reached by three call paths 12 frames deep, in both snapshots (~60,000
 * allocations): the diff must stay linear. Timing belongs to the benchmarks; this checks it completes
 * and is right.
 */
describe('diffSnapshots at scale', () => {
  const SITES = 10_000;
  const callers: Frame[][] = Array.from({ length: 3 }, (_, c) =>
    Array.from({ length: 10 }, (_, d) => ({
      functionName: `caller${c}_${d}`,
      file: `${CWD}/src/layer${d}.ts`,
      line: 10 + c,
      column: 1,
    })),
  );
  const build = (sizeOf: (site: number, path: number) => number): Allocation[] => {
    const allocations: Allocation[] = [];
    for (let site = 0; site < SITES; site++) {
      const leaf: Frame = {
        functionName: `fn${site}`,
        file: `${CWD}/src/mod${site % 500}.ts`,
        line: 1 + Math.floor(site / 500),
        column: 3,
      };
      for (let path = 0; path < 3; path++) {
        allocations.push({
          size: sizeOf(site, path),
          count: 1,
          stack: [{ functionName: 'push', file: '', line: 0, column: 0 }, leaf, ...callers[path]!, ...PROBE],
        });
      }
    }
    return allocations;
  };

  it('groups 10,000 sites correctly', () => {
    const baseline = { allocations: build((site) => 1000 + site) };
    // Site s grows by s bytes on call path s % 3.
    const after = { allocations: build((site, path) => 1000 + site + (path === site % 3 ? site : 0)) };
    const sites = diffSnapshots(after, baseline, { groupBy: 'line', cwd: CWD, include: [], exclude: [] });
    assert.equal(sites.length, SITES);
    const top = sites[0]!;
    assert.equal(top.key, 'src/mod499.ts:20 (fn9999)');
    assert.equal(top.sizeDiff, 9999);
    assert.equal(top.size, 3 * (1000 + 9999) + 9999);
    assert.equal(top.traceback[1]!.function, `caller${9999 % 3}_0`, 'the call path that grew');
    assert.equal(top.traceback.length, 11);
    for (let i = 1; i < sites.length; i++) assert.ok(sites[i - 1]!.sizeDiff >= sites[i]!.sizeDiff);
    assert.equal(sites[sites.length - 1]!.sizeDiff, 0);
    const total = sites.reduce((sum, s) => sum + s.sizeDiff, 0);
    assert.equal(total, (SITES * (SITES - 1)) / 2);
  });

  it('groups the same allocations by traceback', () => {
    const allocations = build(() => 100);
    const sites = diffSnapshots(
      { allocations },
      { allocations: [] },
      { groupBy: 'traceback', cwd: CWD, include: [], exclude: [] },
    );
    assert.equal(sites.length, 3 * SITES);
    assert.ok(sites.every((s) => s.sizeDiff === 100 && s.traceback.length === 11));
  });
});
