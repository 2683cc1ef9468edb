/** A leaking line's annotation names who holds what it allocated (issue 14), when the report has it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotationsFor } from '../../src/github/annotations.ts';
import { commitReport, grownSite, retainedWorkload } from '../report/fixtures.ts';

test('the annotation says allocated by … and held by …, the main path root first', () => {
  const site = {
    ...grownSite('src/cache.js', 12, 1_500_000, 'remember'),
    retainers: [
      {
        bytes: 80_000,
        objects: 40,
        path: [
          { name: 'responses', kind: 'module-scope variable' as const, file: 'src/cache.js', line: 2 },
          { name: '[]', kind: 'map entry' as const },
        ],
      },
      { bytes: 100, objects: 1, path: [{ name: 'seen', kind: 'global' as const }] },
    ],
  };
  const w = retainedWorkload('perf/leak.mjs', { status: 'fail', retained: 2_000_000, top: [site] });
  const [annotation] = annotationsFor(commitReport([w]), undefined, { workspace: '/repo', workingDirectory: '/repo' });
  assert.match(
    annotation!.message,
    /, allocated by remember, held by responses \(module scope, src\/cache\.js:2\) → \[\] \(Map entry\)\.$/,
  );
});
