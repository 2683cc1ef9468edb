// Bundles the two front doors and the Node probe with esbuild, and ships the stdlib-only Python probe as-is.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
rmSync(dist, { recursive: true, force: true });
mkdirSync(new URL('probe/', dist), { recursive: true });

// ESM output still meets CommonJS dependencies that call require() for builtins.
const banner = { js: "import { createRequire as __memgateCreateRequire } from 'node:module';\nconst require = __memgateCreateRequire(import.meta.url);" };
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const define = { __MEMGATE_VERSION__: JSON.stringify(version) };
const common = { bundle: true, define, platform: 'node', format: 'esm', target: 'node20', banner, legalComments: 'none', logLevel: 'warning' };

await build({ ...common, entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' });
// The probe runs inside the workload's process: a single file with no imports beyond node:*.
await build({ ...common, entryPoints: { 'node-probe': 'src/measure/probe/node-probe.ts' }, outdir: 'dist/probe', outExtension: { '.js': '.mjs' }, banner: {} });
cpSync(new URL('src/measure/probe/python_probe.py', root), new URL('probe/python_probe.py', dist));
