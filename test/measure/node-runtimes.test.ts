/**
 * Module kinds and Node versions: TypeScript (through tsx on Node 20, and on 22 and 24 when those
 * binaries exist), CommonJS, and how the node command line is chosen. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureWorkload } from '../../src/measure/measure.ts';
import {
  buildNodeCommand,
  nodeInfo,
  NO_INLINING,
  resolveTsx,
  typeScriptMode,
  type NodeInfo,
} from '../../src/measure/node-command.ts';
import type { MeasureOutcome, ProbeResult } from '../../src/analysis/model.ts';
import { fixture, growth, NODE22, NODE24, options, siteOf } from '../fixtures/node/harness.ts';

function ok(outcome: MeasureOutcome): ProbeResult {
  assert.ok(outcome.ok, `measurement failed: ${outcome.ok ? '' : JSON.stringify(outcome.error)}`);
  return outcome.result;
}

/** The leak in ts-leak.ts is at keepEntries (line 10 of the .ts source, whatever ran it). */
async function checkTypeScript(nodePath: string | undefined): Promise<ProbeResult> {
  const result = ok(
    await measureWorkload(options('ts-leak.ts', { iterations: null, ...(nodePath ? { nodePath } : {}) })),
  );
  assert.equal(result.iterations, 40, 'options.iterations from the TypeScript module');
  assert.equal(growth(result)[0]?.site, siteOf('keepEntries', 'ts-leak.ts', 10));
  return result;
}

async function checkCommonJs(nodePath: string | undefined): Promise<void> {
  const opts = nodePath ? { nodePath } : {};
  const object = ok(await measureWorkload(options('cjs-leak.cjs', opts)));
  assert.equal(growth(object)[0]?.site, siteOf('keepRows', 'cjs-leak.cjs', 9));
  const fn = ok(await measureWorkload(options('cjs-function.cjs', { ...opts, iterations: 5 })));
  assert.equal(fn.iterations, 5);
}

describe('node probe: module kinds on this Node (TypeScript through tsx)', () => {
  it('runs a TypeScript workload and maps positions back to the .ts source', async () => {
    const result = await checkTypeScript(undefined);
    assert.match(result.runtime.version, /^\d+\./);
  });

  it('runs an .mts workload exporting `run`', async () => {
    const result = ok(await measureWorkload(options('ts-module.mts', { iterations: 20 })));
    assert.equal(growth(result)[0]?.site, siteOf('addRows', 'ts-module.mts', 7));
  });

  it('runs CommonJS workloads: module.exports = { run, setup, teardown } and = function', async () => {
    await checkCommonJs(undefined);
  });
});

for (const [label, nodePath] of [
  ['Node 22', NODE22],
  ['Node 24', NODE24],
] as const) {
  describe(
    `node probe on ${label} (TypeScript through tsx too)`,
    { skip: !existsSync(nodePath) && `${nodePath} not installed` },
    () => {
      it('runs TypeScript at the right lines', async () => {
        const result = await checkTypeScript(nodePath);
        assert.equal(result.runtime.version.split('.')[0], label.split(' ')[1]);
        assert.equal(result.runtime.executable, nodePath);
      });

      it('runs CommonJS workloads', async () => {
        await checkCommonJs(nodePath);
      });

      it('loads TypeScript through tsx, though this Node strips types itself', async () => {
        const command = await buildNodeCommand({ workload: fixture('ts-leak.ts'), nodePath, probePath: '/probe.mjs' });
        assert.ok(!('error' in command), "!('error' in command)");
        const tsx = resolveTsx(fixture('ts-leak.ts'));
        assert.ok(tsx, 'tsx is installed');
        assert.deepEqual(command.args, [
          '--expose-gc',
          ...NO_INLINING,
          '--enable-source-maps',
          '--import',
          pathToFileURL(tsx.entry).href,
          '/probe.mjs',
        ]);
        assert.equal(command.loader, `tsx ${tsx.version}`);
      });
    },
  );
}

describe('node command line', () => {
  const info = (version: string, typescript: string | null = null): NodeInfo => {
    const [major = 0, minor = 0] = version.split('.').map(Number);
    return { version, major, minor, typescript };
  };
  const ts = fixture('ts-leak.ts');

  it("uses tsx (with source maps) on every Node, native stripping included: memgate's own copy", () => {
    for (const node of [info('20.20.2'), info('22.6.0'), info('22.18.0', 'strip'), info('24.1.0', 'strip')]) {
      const mode = typeScriptMode(node, ts);
      assert.ok('mode' in mode && mode.mode === 'tsx', node.version);
      assert.deepEqual(mode.flags.slice(0, 2), ['--enable-source-maps', '--import']);
      assert.match(mode.flags[2]!, /^file:\/\/.*\/tsx\/dist\/loader\.mjs$/);
      assert.match(mode.loader, /^tsx \d+\.\d+\.\d+$/);
    }
  });

  it('without tsx, strips types natively where Node can (behind the flag where it needs one), else says what to do', () => {
    const noTsx = (): null => null;
    assert.deepEqual(typeScriptMode(info('22.18.0', 'strip'), ts, noTsx), {
      mode: 'native',
      loader: 'native',
      flags: [],
    });
    assert.deepEqual(typeScriptMode(info('24.1.0', 'strip'), ts, noTsx), {
      mode: 'native',
      loader: 'native',
      flags: [],
    });
    for (const version of ['22.6.0', '22.17.1', '23.0.0', '23.5.0']) {
      assert.deepEqual(
        typeScriptMode(info(version), ts, noTsx),
        {
          mode: 'native',
          loader: 'native',
          flags: ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'],
        },
        version,
      );
    }
    const missing = typeScriptMode(info('22.5.1'), ts, noTsx);
    assert.ok('error' in missing, "'error' in missing");
    assert.equal(missing.error.kind, 'runtime');
    assert.match(missing.error.message, /npm install --save-dev tsx/);
    assert.match(missing.error.message, /22\.18/);
  });

  it("finds memgate's own tsx before the project's", () => {
    const tsx = resolveTsx(fixture('ts-leak.ts'));
    assert.ok(tsx, 'tsx is installed');
    assert.equal(tsx.entry, fileURLToPath(import.meta.resolve('tsx')));
  });

  it('puts GC, inlining, source maps and the user flags before the probe', async () => {
    const js = await buildNodeCommand({
      workload: fixture('array-leak.mjs'),
      probePath: '/p.mjs',
      nodeArgs: ['--max-old-space-size=64'],
    });
    assert.deepEqual(js, {
      command: 'node',
      args: ['--expose-gc', ...NO_INLINING, '--enable-source-maps', '--max-old-space-size=64', '/p.mjs'],
      loader: 'none',
    });
    const keepInlining = await buildNodeCommand({
      workload: fixture('array-leak.mjs'),
      probePath: '/p.mjs',
      inlining: true,
    });
    assert.deepEqual(keepInlining, {
      command: 'node',
      args: ['--expose-gc', '--enable-source-maps', '/p.mjs'],
      loader: 'none',
    });
  });

  it('asks each node binary about itself once', async () => {
    const first = nodeInfo(process.execPath);
    assert.equal(nodeInfo(process.execPath), first);
    const answer = await first;
    assert.ok(!('kind' in answer), "!('kind' in answer)");
    assert.equal(answer.version, process.versions.node);
  });

  it('reports a missing node as a runtime error', async () => {
    const outcome = await measureWorkload(options('array-leak.mjs', { nodePath: '/nonexistent/bin/node' }));
    assert.ok(!outcome.ok, '!outcome.ok');
    assert.equal(outcome.error.kind, 'runtime');
    assert.match(outcome.error.message, /node not found.*\/nonexistent\/bin\/node/);
  });
});
