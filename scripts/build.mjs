// Bundles the two front doors and the Node probe with esbuild, and ships the stdlib-only Python probe as-is.
// The bundles carry third-party code, so they carry its licences too: dist/licenses.txt lists every bundled
// package with its licence text, and each bundle's own legal comments go to a linked <bundle>.LEGAL.txt.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
rmSync(dist, { recursive: true, force: true });
mkdirSync(new URL('probe/', dist), { recursive: true });

// ESM output still meets CommonJS dependencies that call require() for builtins.
const banner = {
  js: "import { createRequire as __memgateCreateRequire } from 'node:module';\nconst require = __memgateCreateRequire(import.meta.url);",
};
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const define = { __MEMGATE_VERSION__: JSON.stringify(version) };
const common = {
  bundle: true,
  define,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
};

const frontDoors = await build({
  ...common,
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
// The probe runs inside the workload's process: a single file with no imports beyond node:*.
const probe = await build({
  ...common,
  entryPoints: { 'node-probe': 'src/measure/probe/node-probe.ts' },
  outdir: 'dist/probe',
  outExtension: { '.js': '.mjs' },
  banner: {},
});
// python_loader.py runs python_probe.py, which loads python_retainers.py (retainer paths, issue 14), from beside itself.
for (const file of ['python_loader.py', 'python_probe.py', 'python_retainers.py'])
  cpSync(new URL(`src/measure/probe/${file}`, root), new URL(`probe/${file}`, dist));

writeFileSync(new URL('licenses.txt', dist), licenseInventory([frontDoors.metafile, probe.metafile]));

/** The package directory of a bundled input (`node_modules/@scope/name/lib/x.js` → `node_modules/@scope/name`). */
function packageDir(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

/** Every bundled package, sorted, with its licence file (or its package.json licence field when it ships none). */
function licenseInventory(metafiles) {
  const dirs = new Set(
    metafiles
      .flatMap((m) => Object.keys(m.inputs))
      .map(packageDir)
      .filter(Boolean),
  );
  const rootPath = fileURLToPath(root);
  const entries = [...dirs].map((dir) => {
    const pkg = JSON.parse(readFileSync(join(rootPath, dir, 'package.json'), 'utf8'));
    const file = readdirSync(join(rootPath, dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text =
      file && existsSync(join(rootPath, dir, file)) ? readFileSync(join(rootPath, dir, file), 'utf8').trim() : '';
    return { id: `${pkg.name}@${pkg.version}`, license: pkg.license ?? 'UNKNOWN', text };
  });
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const header = `Third-party packages bundled into memgate's dist/ (${entries.length}), with their licences.\n`;
  const body = entries.map(
    (e) =>
      `${'='.repeat(80)}\n${e.id} (${e.license})\n\n${e.text || `(no licence file; package.json says ${e.license})`}\n`,
  );
  return [header, ...body].join('\n');
}
