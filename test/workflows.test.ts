/** This repository's workflows: every third-party action is pinned by commit, since a tag can be moved. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const dir = new URL('../.github/workflows/', import.meta.url);

test('every action a workflow uses is a local one or pinned to a full commit SHA, with the release in a comment', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  assert.ok(files.length >= 3, files.join());
  for (const file of files) {
    for (const [, ref] of readFileSync(new URL(file, dir), 'utf8').matchAll(/^\s*-?\s*uses:\s*(.+)$/gm)) {
      if (ref!.startsWith('./')) continue;
      assert.match(ref!, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/, `${file}: ${ref}`);
    }
  }
});
