// What `npm install memgate` costs a user: packs this checkout (dist/ as built), installs the tarball into an
// empty project with each Node (20 = the node running this script; 22 and 24 from runtimes/ when installed),
// and prints the size of node_modules, its top-level packages, any EBADENGINE warning, every installed
// package's `engines.node` against each Node, and whether the installed CLI runs a .mjs and a .ts workload.
// Needs the npm registry (for tsx and esbuild) and a built dist/ (npm run build). Exit 1 when a goal is missed.
//
//   node scripts/install-size.mjs [--keep]     (--keep leaves the temp directory for a look)
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOAL_BYTES = 20 * 1024 * 1024;
const root = fileURLToPath(new URL('../', import.meta.url));
const keep = process.argv.includes('--keep');

if (!existsSync(join(root, 'dist/cli.js')) || !existsSync(join(root, 'dist/probe/node-probe.mjs'))) {
  console.error('dist/ is not built: run npm run build first');
  process.exit(2);
}

// npm itself is JavaScript: run its CLI with each node, so that the engine checks are that node's.
const npmCli = (() => {
  if (process.env.npm_execpath?.endsWith('.js')) return process.env.npm_execpath;
  const which = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['npm'], { encoding: 'utf8' }).stdout.split(
    /\r?\n/,
  )[0];
  const cli = which ? join(dirname(realpathSync(which)), 'npm-cli.js') : '';
  if (!existsSync(cli)) {
    console.error('cannot find npm-cli.js (is npm on PATH?)');
    process.exit(2);
  }
  return cli;
})();
// npm bundles semver: the same range logic npm's own engine check uses.
const semver = createRequire(npmCli)('semver');

const runtime = (name) =>
  join(root, 'runtimes/node_modules', name, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
const nodes = [
  { label: `Node ${process.versions.node}`, path: process.execPath },
  ...['node22', 'node24']
    .filter((name) => existsSync(runtime(name)))
    .map((name) => ({ label: '', path: runtime(name) })),
];
for (const node of nodes) {
  node.version = execFileSync(node.path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  node.label = `Node ${node.version}`;
}
if (nodes.length < 3)
  console.warn('runtimes/ has no Node 22/24 (node scripts/install-runtimes.mjs): checking fewer versions');

const work = mkdtempSync(join(tmpdir(), 'memgate-install-'));
const pack = JSON.parse(
  execFileSync(process.execPath, [npmCli, 'pack', '--json', '--pack-destination', work], {
    cwd: root,
    encoding: 'utf8',
  }),
);
const tarball = join(work, pack[0].filename);
console.log(
  `packed ${pack[0].filename}: ${kib(pack[0].size)} packed, ${kib(pack[0].unpackedSize)} unpacked, ${pack[0].entryCount} files`,
);
console.log(`bare imports in dist/ (must be node builtins or dependencies): ${bareImports().join(', ') || 'none'}`);

let failed = false;
const problem = (message) => {
  failed = true;
  console.log(`  PROBLEM: ${message}`);
};

for (const node of nodes) {
  console.log(`\n== ${node.label} (${node.path})`);
  const project = join(work, `project-${node.version}`);
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'memgate-install-size', version: '1.0.0', private: true, type: 'module' }, null, 2),
  );
  // This node first on PATH: install scripts (esbuild's) and `node` in .bin shims are this node too.
  const env = { ...process.env, PATH: `${dirname(node.path)}${delimiter}${process.env.PATH}` };
  const install = spawnSync(node.path, [npmCli, 'install', '--no-audit', '--no-fund', '--save-dev', tarball], {
    cwd: project,
    env,
    encoding: 'utf8',
  });
  if (install.status !== 0) {
    problem(`npm install failed (exit ${install.status}):\n${install.stderr}`);
    continue;
  }
  const modules = join(project, 'node_modules');
  const size = treeBytes(modules);
  const packages = installedPackages(modules);
  const topLevel = packages.filter((p) => !p.dir.slice(modules.length + 1).includes('node_modules'));
  const du = spawnSync('du', ['-sk', modules], { encoding: 'utf8' });
  console.log(
    `  node_modules: ${mib(size)} (files' sizes)${du.status === 0 ? `, du -sk: ${mib(Number(du.stdout.split(/\s/)[0]) * 1024)}` : ''}`,
  );
  console.log(
    `  packages: ${packages.length} installed, ${topLevel.length} top-level: ${topLevel.map((p) => `${p.name}@${p.version}`).join(', ')}`,
  );
  if (size > GOAL_BYTES) problem(`node_modules is over ${mib(GOAL_BYTES)}`);

  const warnings = `${install.stdout}\n${install.stderr}`.split('\n').filter((line) => /EBADENGINE/.test(line));
  console.log(`  EBADENGINE warnings: ${warnings.length === 0 ? 'none' : ''}`);
  for (const line of warnings) console.log(`    ${line}`);
  if (warnings.length > 0) failed = true;

  // npm only warns about packages it installs for this platform; read every engines.node anyway.
  const ranges = packages.filter((p) => p.engines);
  const refused = ranges.filter((p) => !semver.satisfies(node.version, p.engines, { includePrerelease: true }));
  console.log(`  engines.node: ${ranges.map((p) => `${p.name} ${p.engines}`).join('; ') || 'none declared'}`);
  if (refused.length > 0)
    problem(`engines.node refuses ${node.version}: ${refused.map((p) => `${p.name} ${p.engines}`).join(', ')}`);

  smoke(node, project, env);
}

if (keep) console.log(`\nkept ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(
  failed
    ? '\ninstall-size: goals missed (see PROBLEM lines)'
    : `\ninstall-size: under ${mib(GOAL_BYTES)}, no engine warnings, the installed CLI runs .mjs and .ts workloads`,
);
process.exit(failed ? 1 : 0);

/** Runs the installed CLI (through its .bin link, with this node first on PATH) on a tiny .mjs and a NodeNext-style .ts workload. */
function smoke(node, project, env) {
  mkdirSync(join(project, 'src'));
  mkdirSync(join(project, 'perf'));
  writeFileSync(
    join(project, 'perf/tiny.mjs'),
    'const kept = [];\nexport default function run() {\n  kept.push(new Array(64).fill(0));\n}\n',
  );
  writeFileSync(
    join(project, 'src/app.ts'),
    'export enum Kind { A, B }\nconst kept: number[][] = [];\nexport function handle(kind: Kind): void {\n  kept.push(new Array<number>(64).fill(kind));\n}\n',
  );
  writeFileSync(
    join(project, 'perf/app.memgate.ts'),
    "import { handle, Kind } from '../src/app.js';\n\nexport default function run(): void {\n  handle(Kind.B);\n}\n",
  );
  const bin = join(project, 'node_modules/.bin', process.platform === 'win32' ? 'memgate.cmd' : 'memgate');
  // Sites are functions, at the line where each is declared (of the .ts source for TypeScript).
  for (const [workload, site] of [
    ['perf/tiny.mjs', 'perf/tiny.mjs:2'],
    ['perf/app.memgate.ts', 'src/app.ts:3'],
  ]) {
    const run = spawnSync(bin, ['run', workload, '--iterations', '200', '--format', 'json', '--out-dir', '.memgate'], {
      cwd: project,
      env,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    let report;
    try {
      report = JSON.parse(run.stdout);
    } catch {
      problem(`memgate run ${workload} printed no JSON report (exit ${run.status}):\n${run.stderr || run.stdout}`);
      continue;
    }
    const result = report.workloads?.[0];
    const ranOn = result?.runtime?.version;
    const named = (result?.top ?? []).some((row) => `${row.file}:${row.line}` === site);
    const ok = run.status === 0 || run.status === 1;
    const loader = result?.runtime?.loader ?? result?.loader;
    console.log(
      `  memgate run ${workload}: exit ${run.status}, ran on Node ${ranOn ?? '?'}${loader ? ` (loader: ${loader})` : ''}, leak at ${site}: ${named ? 'reported' : 'NOT reported'}`,
    );
    if (!ok) problem(`memgate run ${workload} exited ${run.status}:\n${run.stderr.split('\n').slice(-12).join('\n')}`);
    else if (!named) problem(`the report of ${workload} does not name ${site}`);
    if (ranOn && ranOn !== node.version) problem(`the workload ran on Node ${ranOn}, not ${node.version}`);
  }
}

/** Every package.json under node_modules (nested ones too), with its engines.node. */
function installedPackages(modules) {
  const found = [];
  const visit = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.name.startsWith('@')) {
        visit(path);
        continue;
      }
      const manifest = join(path, 'package.json');
      if (existsSync(manifest)) {
        const json = JSON.parse(readFileSync(manifest, 'utf8'));
        found.push({ name: json.name, version: json.version, engines: json.engines?.node, dir: path });
      }
      visit(join(path, 'node_modules'));
    }
  };
  visit(modules);
  return found;
}

/**
 * Sum of file sizes, each inode once (esbuild's install hard-links its binary into a second place) and
 * symlinks not followed: comparable across platforms, unlike du's blocks.
 */
function treeBytes(dir, seen = new Set()) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(path, seen);
    else {
      const stat = lstatSync(path);
      const inode = `${stat.dev}:${stat.ino}`;
      if (!seen.has(inode)) total += stat.size;
      seen.add(inode);
    }
  }
  return total;
}

/** Bare specifiers that dist/ imports or requires in code (comments skipped): all must resolve at run time. */
function bareImports() {
  const specifiers = new Set();
  const patterns = [
    /^\s*(?:import|export)\b[^;'"]*?from\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g,
  ];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(m?js|cjs)$/.test(entry.name)) {
        const code = readFileSync(path, 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
          .join('\n');
        for (const pattern of patterns) for (const match of code.matchAll(pattern)) specifiers.add(match[1]);
      }
    }
  };
  visit(join(root, 'dist'));
  const builtins = new Set(builtinModules);
  return [...specifiers]
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtins.has(s) && !builtins.has(s.split('/')[0]))
    .sort();
}

function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}
