/**
 * The Node running memgate answers for itself (no `node -p` at each run's start): the answer must be what the
 * query would have said, on every Node memgate supports, and the query must still run for another binary.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { NODE22, NODE24 } from '../runtimes.ts';

const module = pathToFileURL(new URL('../../src/measure/node-command.ts', import.meta.url).pathname).href;
const QUERY =
  'JSON.stringify({ version: process.versions.node, typescript: (process.features && process.features.typescript) || null })';

/** ownInfo(process.execPath) inside `node` (what nodeInfo answers without a query), and what `node -p` says. */
function both(node: string): { own: unknown; queried: unknown } {
  const script = `const { ownInfo } = await import(${JSON.stringify(module)}); console.log(JSON.stringify(ownInfo(process.execPath)));`;
  const own = JSON.parse(
    execFileSync(node, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }),
  ) as unknown;
  const answer = JSON.parse(execFileSync(node, ['-p', QUERY], { encoding: 'utf8' })) as {
    version: string;
    typescript: string | null;
  };
  const [major = 0, minor = 0] = answer.version.split('.').map(Number);
  return { own, queried: { ...answer, major, minor } };
}

describe('nodeInfo for the Node running memgate', () => {
  for (const [name, node] of [
    ['this Node', process.execPath],
    ['Node 22', NODE22],
    ['Node 24', NODE24],
  ] as const) {
    it(`${name}: the same answer as node -p`, () => {
      const { own, queried } = both(node);
      assert.notEqual(own, null, 'answered without a query');
      assert.deepEqual(own, queried);
    });
  }

  it('another binary, or a flag of this process about type stripping: asked with node -p', async () => {
    const { ownInfo } = await import('../../src/measure/node-command.ts');
    // Another binary than this process's (the suite may itself run on Node 24).
    assert.equal(ownInfo(process.execPath === NODE24 ? NODE22 : NODE24), null);
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--no-experimental-strip-types';
    try {
      assert.equal(ownInfo(process.execPath), null);
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
  });
});
