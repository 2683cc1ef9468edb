// The CLI's start-up loads only what `memgate run` needs: zod (report validation) is most of the bundle's
// load time (~70-100 ms on Node 20, which has no compile cache), so it is imported only where a report is read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** The files the CLI loads before main() runs: cli.js's imports at top level and, from there, static imports only. */
function startupFiles(): Map<string, string> {
  const loaded = new Map<string, string>();
  const visit = (file: string, dynamicToo: boolean): void => {
    if (loaded.has(file)) return;
    const text = readFileSync(file, 'utf8');
    loaded.set(file, text);
    const pattern = dynamicToo ? /(?:from|import\()\s*"(\.\/[^"]+)"/g : /from\s*"(\.\/[^"]+)"/g;
    for (const [, spec] of text.matchAll(pattern)) visit(join(dirname(file), spec!), false);
  };
  visit(join(dist, 'cli.js'), true);
  return loaded;
}

test('the CLI starts without loading zod; memgate compare loads it', () => {
  const files = startupFiles();
  assert.ok(
    [...files.keys()].some((f) => f.includes('main-')),
    'the walk reaches the CLI main chunk',
  );
  for (const [file, text] of files) assert.doesNotMatch(text, /node_modules\/zod\//, `${file} carries zod`);
  const main = [...files].find(([f]) => f.includes('main-'))![1];
  const lazy = [...main.matchAll(/import\("(\.\/schema-[^"]+)"\)/g)].map((m) => m[1]!);
  assert.equal(lazy.length, 1, 'compare imports the report schema on demand');
});
