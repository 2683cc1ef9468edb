/**
 * TypeScript as projects write it (test/fixtures/ts-project: `.js` specifiers for .ts files, extensionless
 * imports, tsconfig `paths`, an enum and a namespace) runs on Node 20, 22 and 24, and compiled JavaScript
 * with .js.map files beside it is reported at the .ts lines. Needs `npm run build` (the probe).
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { measureWorkload } from '../../src/measure/measure.ts';
import { buildNodeCommand } from '../../src/measure/node-command.ts';
import type { ProbeResult, Snapshot } from '../../src/analysis/model.ts';
import { options } from '../fixtures/node/harness.ts';
import { NODE22, NODE24 } from '../runtimes.ts';
import { tempDir } from '../temp-dir.ts';

const PROJECT = fileURLToPath(new URL('../fixtures/ts-project/', import.meta.url));
/** `export function enqueue(` in src/app.ts: below an enum, a namespace and an interface, so a position left in tsx's or tsc's output would be another line. */
const ENQUEUE_LINE = 22;
const TSX_VERSION = (createRequire(import.meta.url)('tsx/package.json') as { version: string }).version;

/** The fixture project copied to a temp dir with the workloads tsc would reject under NodeNext (the repo's tsconfig checks test/). */
function projectCopy(): string {
  const dir = tempDir('memgate-ts-project-');
  cpSync(PROJECT, dir, { recursive: true });
  writeFileSync(
    join(dir, 'perf/bundler.memgate.ts'),
    "// Bundler style: no extension.\nimport { enqueue, Priority } from '../src/app';\n\nexport default function run(): void {\n  enqueue(Priority.Low);\n}\n",
  );
  writeFileSync(
    join(dir, 'perf/paths.memgate.ts'),
    "// tsconfig paths: @app/* is ./src/*.\nimport { enqueue, Priority } from '@app/app';\n\nexport default function run(): void {\n  enqueue(Priority.High);\n}\n",
  );
  return dir;
}

let compiled: string | undefined;

/** The fixture project compiled by tsc (outDir dist, source maps beside the .js files), as a build would leave it; once per file (tsc takes seconds). */
function compiledCopy(): string {
  if (compiled) return compiled;
  const dir = tempDir('memgate-tsc-');
  cpSync(PROJECT, dir, { recursive: true });
  const program = ts.createProgram(
    ['src/app.ts', 'src/ids.ts', 'perf/nodenext.memgate.ts'].map((file) => join(dir, file)),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      rootDir: dir,
      outDir: join(dir, 'dist'),
      sourceMap: true,
    },
  );
  const emitted = program.emit();
  assert.equal(emitted.emitSkipped, false, 'tsc emitted the project');
  assert.deepEqual(
    ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    [],
  );
  assert.match(readFileSync(join(dir, 'dist/src/app.js'), 'utf8'), /sourceMappingURL=app\.js\.map/);
  compiled = dir;
  return dir;
}

/** after − baseline per first frame inside `project` (node_modules excluded), as `function@file:line`, largest first. */
function growth(result: ProbeResult, project: string): { site: string; bytes: number }[] {
  const bySite = (snapshot: Snapshot): Map<string, number> => {
    const sites = new Map<string, number>();
    for (const allocation of snapshot.allocations) {
      const frame = allocation.stack.find((f) => f.file.startsWith(project) && !f.file.includes('/node_modules/'));
      if (!frame) continue;
      const key = `${frame.functionName}@${frame.file}:${frame.line}`;
      sites.set(key, (sites.get(key) ?? 0) + allocation.size);
    }
    return sites;
  };
  const before = bySite(result.baseline.snapshot);
  const after = bySite(result.after.snapshot);
  return [...new Set([...before.keys(), ...after.keys()])]
    .map((site) => ({ site, bytes: (after.get(site) ?? 0) - (before.get(site) ?? 0) }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** Measures `workload` (relative to `project`, which is also the working directory) and checks the leak is at enqueue's .ts line. */
async function leaksAtEnqueue(project: string, workload: string, nodePath: string | undefined): Promise<ProbeResult> {
  const outcome = await measureWorkload(
    options(workload, {
      workload: join(project, workload),
      cwd: project,
      iterations: 200,
      ...(nodePath ? { nodePath } : {}),
    }),
  );
  assert.ok(outcome.ok, `measurement failed: ${outcome.ok ? '' : JSON.stringify(outcome.error)}`);
  const top = growth(outcome.result, project)[0];
  assert.equal(top?.site, `enqueue@${join(project, 'src/app.ts')}:${ENQUEUE_LINE}`);
  assert.ok(top.bytes > 20_000, `enqueue grew ${top.bytes} bytes`);
  return outcome.result;
}

for (const [label, nodePath] of [
  ['this Node', undefined],
  ['Node 22', NODE22],
  ['Node 24', NODE24],
] as const) {
  const missing = nodePath !== undefined && !existsSync(nodePath);
  describe(`TypeScript as projects write it, on ${label}`, { skip: missing && `${nodePath} not installed` }, () => {
    it(`loads .ts workloads through tsx ${TSX_VERSION} and says so`, async () => {
      const command = await buildNodeCommand({
        workload: join(PROJECT, 'perf/nodenext.memgate.ts'),
        probePath: '/probe.mjs',
        ...(nodePath ? { nodePath } : {}),
      });
      assert.ok(!('error' in command), JSON.stringify(command));
      assert.equal(command.loader, `tsx ${TSX_VERSION}`);
      assert.ok(command.args.includes('--enable-source-maps'), command.args.join(' '));
    });

    it('runs a NodeNext-style import (../src/app.js for app.ts) with an enum and a namespace, at the .ts line', async () => {
      const result = await leaksAtEnqueue(PROJECT, 'perf/nodenext.memgate.ts', nodePath);
      assert.equal(result.iterations, 200, 'options.iterations read from the TypeScript module');
      assert.equal(result.runtime.loader, `tsx ${TSX_VERSION}`, 'the result says which loader ran');
      if (nodePath) assert.equal(result.runtime.executable, nodePath);
    });

    it('runs extensionless (bundler-style) imports and tsconfig paths, at the .ts line', async () => {
      const copy = projectCopy();
      await leaksAtEnqueue(copy, 'perf/bundler.memgate.ts', nodePath);
      await leaksAtEnqueue(copy, 'perf/paths.memgate.ts', nodePath);
    });

    it('reports tsc-compiled JavaScript with .js.map files at the .ts lines', async () => {
      const project = compiledCopy();
      const command = await buildNodeCommand({
        workload: join(project, 'dist/perf/nodenext.memgate.js'),
        probePath: '/probe.mjs',
        ...(nodePath ? { nodePath } : {}),
      });
      assert.ok(!('error' in command), JSON.stringify(command));
      assert.equal(command.loader, 'none', 'JavaScript runs without a loader');
      await leaksAtEnqueue(project, 'dist/perf/nodenext.memgate.js', nodePath);
    });
  });
}

/** A dependency built by its author with a source map whose sources are webpack:// URLs, as many published packages are. */
function dependencyWithWebpackMap(): string {
  const dir = tempDir('memgate-dep-map-');
  mkdirSync(join(dir, 'node_modules/dep'), { recursive: true });
  mkdirSync(join(dir, 'perf'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'node_modules/dep/package.json'),
    '{ "name": "dep", "type": "module", "main": "index.js" }\n',
  );
  const source =
    'const kept: number[][] = [];\n\nexport function remember(n: number): void {\n  kept.push(new Array<number>(64).fill(n));\n}\n';
  const out = ts.transpileModule(source, {
    fileName: 'index.ts',
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, sourceMap: true },
  });
  const map = JSON.parse(out.sourceMapText!) as { sources: string[] };
  map.sources = ['webpack://dep/./src/index.ts'];
  writeFileSync(join(dir, 'node_modules/dep/index.js'), out.outputText);
  writeFileSync(join(dir, 'node_modules/dep/index.js.map'), JSON.stringify(map));
  writeFileSync(
    join(dir, 'perf/uses-dep.mjs'),
    "import { remember } from 'dep';\n\nlet i = 0;\nexport default function run() {\n  remember(i++);\n}\n",
  );
  return dir;
}

describe('source maps of dependencies', () => {
  // JavaScript runs with source maps on, so a dependency's own map is read too; its frames must stay in
  // node_modules, where analysis charges them to the first caller in user code.
  it("do not move a dependency's frames out of node_modules", async () => {
    const dir = dependencyWithWebpackMap();
    const outcome = await measureWorkload(
      options('uses-dep.mjs', { workload: join(dir, 'perf/uses-dep.mjs'), cwd: dir, iterations: 200 }),
    );
    assert.ok(outcome.ok, `measurement failed: ${outcome.ok ? '' : JSON.stringify(outcome.error)}`);
    const frames = outcome.result.after.snapshot.allocations
      .flatMap((allocation) => allocation.stack)
      .filter((frame) => frame.functionName === 'remember');
    assert.ok(frames.length > 0, 'remember allocated');
    for (const frame of frames) assert.equal(frame.file, join(dir, 'node_modules/dep/index.js'));
  });
});
