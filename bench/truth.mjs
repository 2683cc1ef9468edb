// Ground truth for the corpus, independent of memgate: for each scenario, the real retained bytes per
// iteration (heapUsed + external deltas after forced GCs, over a long measured pass, and over one pass of the
// scenario's own iterations as memgate runs it) and, from V8's sampling heap profiler at a fine interval,
// which function/line the live pass-2 memory comes from (Python: tracemalloc's traced size and compare_to).
// Usage: node bench/truth.mjs [substr...]   → prints a table and updates bench/results/truth.json
// (Node scenarios run under /usr/bin/node or the node running this script; Python ones under python3.)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SITES_FACTOR = 4; // the profiled pass runs 4× the scenario's iterations
const BYTES_FACTOR = 20; // the byte-counting pass up to 20×, for a steadier per-iteration figure

async function child(mode, file, factor) {
  const { Session } = await import('node:inspector/promises');
  const mod = await import(pathToFileURL(file).href);
  const run = typeof mod.default === 'function' ? mod.default : mod.run;
  const iterations = mod.options?.iterations ?? 50;
  const gc = async () => {
    for (let i = 0; i < 3; i++) {
      globalThis.gc();
      await new Promise((r) => setImmediate(r));
    }
  };
  const mem = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  if (mod.setup) await mod.setup();
  for (let i = 0; i < iterations; i++) await run();
  const n = iterations * factor;
  let profile = null;
  let before = 0;
  let after = 0;
  if (mode === 'bytes') {
    // No profiler in this process: its own allocations would blur the figure.
    await gc();
    before = mem();
    for (let i = 0; i < n; i++) await run();
    await gc();
    after = mem();
  } else {
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.enable');
    await gc();
    await session.post('HeapProfiler.startSampling', { samplingInterval: 256 });
    for (let i = 0; i < n; i++) await run();
    await gc();
    ({ profile } = await session.post('HeapProfiler.getSamplingProfile'));
    await session.post('HeapProfiler.stopSampling');
  }
  if (mod.teardown) await mod.teardown();
  if (mode === 'bytes') {
    process.stdout.write(JSON.stringify({ iterations, measured: n, bytesPerIteration: (after - before) / n }));
    process.exit(0);
  }
  // Live pass-2 bytes per first user frame (outside node_modules and runtime code).
  const sites = new Map();
  const walk = (node, stack) => {
    const frames = [node.callFrame, ...stack];
    if (node.selfSize > 0) {
      const user = frames.find((f) => f.url.startsWith('file://') && !f.url.includes('/node_modules/'));
      const key = user ? `${user.functionName}:${user.lineNumber + 1}` : '(runtime)';
      sites.set(key, (sites.get(key) ?? 0) + node.selfSize);
    }
    for (const c of node.children) walk(c, frames);
  };
  walk(profile.head, []);
  const top = [...sites].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([site, bytes]) => ({ site, bytesPerIteration: Math.round(bytes / n) }));
  process.stdout.write(JSON.stringify({ iterations, measured: n, top }));
  process.exit(0);
}

function listScenarios(filters) {
  const pick = (dir, ext) =>
    readdirSync(join(here, 'scenarios', dir))
      .filter((f) => f.endsWith(ext))
      .map((f) => join(here, 'scenarios', dir, f));
  const all = [...pick('node', '.mjs'), ...pick('python', '.py')];
  return filters.length ? all.filter((f) => filters.some((s) => f.includes(s))) : all;
}

const REPEATS = 3; // fresh processes per scenario for the byte figure; the median is kept
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function runChild(file, mode, factor) {
  const proc = file.endsWith('.py')
    ? spawnSync('python3', [join(here, 'truth_py.py'), mode, file, String(factor)], { encoding: 'utf8', cwd: dirname(file) })
    : spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', mode, file, String(factor)], { encoding: 'utf8', cwd: dirname(file) });
  if (proc.status !== 0) throw new Error(proc.stderr.slice(-2000));
  return JSON.parse(proc.stdout.slice(proc.stdout.lastIndexOf('{"iterations"')));
}

async function main() {
  const results = [];
  for (const file of listScenarios(process.argv.slice(2))) {
    const name = relative(join(here, 'scenarios'), file);
    try {
      const sites = runChild(file, 'sites', SITES_FACTOR);
      const expect = sites.expect ?? (await import(pathToFileURL(file).href)).expect;
      // A long measured pass steadies the figure; cap it so big leaks stay near 250 MB in total.
      const leakPerPass = Math.max(1, expect.bytesPerIteration) * sites.iterations;
      const factor = Math.max(1, Math.min(BYTES_FACTOR, Math.floor(250e6 / leakPerPass)));
      const runs = Array.from({ length: REPEATS }, () => runChild(file, 'bytes', factor).bytesPerIteration);
      const real = Math.round(median(runs));
      // Exactly memgate's shape (one measured pass of the scenario's iterations): what a single run can see.
      const pass = Array.from({ length: 5 }, () => runChild(file, 'bytes', 1).bytesPerIteration);
      const perPass = Math.round(median(pass));
      const expectedSite = !expect.leaks ? '' : file.endsWith('.py') ? String(expect.line) : `${expect.function}:${expect.line}`;
      const siteOk = !expect.leaks || sites.top[0]?.site === expectedSite;
      const ratio = expect.leaks ? `long ×${(real / expect.bytesPerIteration).toFixed(3)}, one pass ×${(perPass / expect.bytesPerIteration).toFixed(3)}` : null;
      results.push({ scenario: name, expect, bytesPerIteration: real, runs: runs.map(Math.round), measuredIterations: sites.iterations * factor, onePass: { iterations: sites.iterations, bytesPerIteration: perPass, runs: pass.map(Math.round) }, top: sites.top, siteOk });
      console.log(
        `${name.padEnd(38)} real ${String(real).padStart(8)} B/it [${runs.map((r) => Math.round(r)).join(' ')}] one pass ${String(perPass).padStart(8)} declared ${String(expect.bytesPerIteration).padStart(8)}` +
          `${ratio === null ? '' : ` (${ratio})`}  top ${sites.top.map((t) => `${t.site}=${t.bytesPerIteration}`).join(' ')}` +
          `${siteOk ? '' : `  ✗ expected ${expectedSite}`}`,
      );
    } catch (err) {
      console.log(`${name}: FAILED\n${err.message}`);
      results.push({ scenario: name, error: err.message });
    }
  }
  mkdirSync(join(here, 'results'), { recursive: true });
  // A filtered run updates its scenarios and keeps the others.
  const path = join(here, 'results', 'truth.json');
  const kept = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).results.filter((r) => !results.some((n) => n.scenario === r.scenario)) : [];
  const all = [...kept, ...results].sort((a, b) => a.scenario.localeCompare(b.scenario));
  writeFileSync(path, JSON.stringify({ node: process.version, python: pyVersion(), results: all }, null, 2) + '\n');
}

const pyVersion = () => spawnSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).stdout.trim();

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], Number(process.argv[5]));
else await main();
