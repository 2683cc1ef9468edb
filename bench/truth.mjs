// Ground truth for the corpus, independent of memgate: for each scenario, the real retained bytes per
// iteration (heapUsed + external deltas after forced GCs, over a long measured pass, and over one pass of the
// scenario's own iterations as memgate runs it) and, from V8's sampling heap profiler at a fine interval,
// which function/line the live pass-2 memory comes from (Python: tracemalloc's traced size and compare_to).
// A leak's `holder` (issue 14: what keeps the growth alive, as a retainer path names it) is declared from the
// scenario's source and recorded here with the rest of `expect`; bench/run.ts checks it against memgate's paths.
// Usage: node bench/truth.mjs [substr...]   → prints a table and updates bench/results/truth.json
// (Node scenarios run under /usr/bin/node or the node running this script; Python ones under python3.)
// Service-shaped scenarios (`service: true`) warm up for thousands of requests (their warm-up tails take that
// long to settle) and their figure is the least-squares slope of the heap over a long pass read at
// checkpoints, which a tail's dips cannot swing the way a two-point difference can.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SITES_FACTOR = 4; // the profiled pass runs 4× the scenario's iterations
const BYTES_FACTOR = 20; // the byte-counting pass up to 20×, for a steadier per-iteration figure
// Service-shaped scenarios: warm-up, measured pass and checkpoint spacing, in iterations.
const SERVICE = { warmup: 3000, measured: 6000, every: 500, sitesWarmup: 2000, sitesMeasured: 1000 };

/** Least-squares slope of ys over xs. */
function slope(xs, ys) {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** One measurement in a fresh process: `warmup` iterations, then `n` more, read every `every` (bytes mode). */
async function child(mode, file, warmupArg, nArg, everyArg) {
  const { Session } = await import('node:inspector/promises');
  const mod = await import(pathToFileURL(file).href);
  const run = typeof mod.default === 'function' ? mod.default : mod.run;
  const iterations = mod.options?.iterations ?? 50;
  const warmup = warmupArg === 'default' ? iterations : Number(warmupArg);
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
  if (mode === 'expect') {
    process.stdout.write(JSON.stringify({ iterations, measured: 0, expect: mod.expect }));
    process.exit(0);
  }
  if (mod.setup) await mod.setup();
  for (let i = 0; i < warmup; i++) await run();
  const n = nArg;
  const every = Math.min(everyArg, n);
  let profile = null;
  const xs = [];
  const ys = [];
  if (mode === 'bytes') {
    // No profiler in this process: its own allocations would blur the figure.
    await gc();
    xs.push(0);
    ys.push(mem());
    for (let i = 1; i <= n; i++) {
      await run();
      if (i % every === 0 || i === n) {
        await gc();
        xs.push(i);
        ys.push(mem());
      }
    }
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
    // Two checkpoints: the plain difference; more: the slope, steadier against a tail's dips.
    const perIteration = xs.length > 2 ? slope(xs, ys) : (ys[ys.length - 1] - ys[0]) / n;
    process.stdout.write(
      JSON.stringify({
        iterations,
        measured: n,
        bytesPerIteration: perIteration,
        endToEnd: (ys[ys.length - 1] - ys[0]) / n,
      }),
    );
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
  const top = [...sites]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([site, bytes]) => ({ site, bytesPerIteration: Math.round(bytes / n) }));
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

// As memgate runs workloads: with inlining, an inlined callee's allocations would be charged to its caller.
const NO_INLINING = ['--no-turbo-inlining', '--no-maglev-inlining'];
const REPEATS = 3; // fresh processes per scenario for the byte figure; the median is kept
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `warmup` 'default' = the scenario's own iterations; `n` measured iterations read every `every`. */
function runChild(file, mode, warmup, n, every = n) {
  const args = [mode, file, String(warmup), String(n), String(every)];
  const proc = file.endsWith('.py')
    ? spawnSync('python3', [join(here, 'truth_py.py'), ...args], { encoding: 'utf8', cwd: dirname(file) })
    : spawnSync(
        process.execPath,
        ['--expose-gc', ...(mode === 'sites' ? NO_INLINING : []), fileURLToPath(import.meta.url), '--child', ...args],
        { encoding: 'utf8', cwd: dirname(file) },
      );
  if (proc.status !== 0) throw new Error(proc.stderr.slice(-2000));
  return JSON.parse(proc.stdout.slice(proc.stdout.lastIndexOf('{"iterations"')));
}

async function main() {
  const results = [];
  for (const file of listScenarios(process.argv.slice(2))) {
    const name = relative(join(here, 'scenarios'), file);
    try {
      const { expect, iterations } = runChild(file, 'expect', 0, 0);
      const service = expect.service === true;
      const sites = service
        ? runChild(file, 'sites', SERVICE.sitesWarmup, SERVICE.sitesMeasured)
        : runChild(file, 'sites', 'default', iterations * SITES_FACTOR);
      // A long measured pass steadies the figure; cap it so big leaks stay near 250 MB in total.
      const leakPerPass = Math.max(1, expect.bytesPerIteration) * iterations;
      const factor = Math.max(1, Math.min(BYTES_FACTOR, Math.floor(250e6 / leakPerPass)));
      const long = () =>
        service
          ? runChild(file, 'bytes', SERVICE.warmup, SERVICE.measured, SERVICE.every)
          : runChild(file, 'bytes', 'default', iterations * factor);
      const runs = Array.from({ length: REPEATS }, () => long().bytesPerIteration);
      const real = Math.round(median(runs));
      // Exactly memgate's shape (one measured pass of the scenario's iterations): what a single run can see.
      const pass = Array.from({ length: 5 }, () => runChild(file, 'bytes', 'default', iterations).bytesPerIteration);
      const perPass = Math.round(median(pass));
      const expectedSite = !expect.leaks
        ? ''
        : file.endsWith('.py')
          ? String(expect.line)
          : `${expect.function}:${expect.line}`;
      const siteOk = !expect.leaks || sites.top[0]?.site === expectedSite;
      const ratio = expect.leaks
        ? `long ×${(real / expect.bytesPerIteration).toFixed(3)}, one pass ×${(perPass / expect.bytesPerIteration).toFixed(3)}`
        : null;
      results.push({
        scenario: name,
        expect,
        bytesPerIteration: real,
        runs: runs.map(Math.round),
        measuredIterations: service ? SERVICE.measured : iterations * factor,
        ...(service ? { warmup: SERVICE.warmup } : {}),
        onePass: { iterations, bytesPerIteration: perPass, runs: pass.map(Math.round) },
        top: sites.top,
        siteOk,
      });
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
  const kept = existsSync(path)
    ? JSON.parse(readFileSync(path, 'utf8')).results.filter((r) => !results.some((n) => n.scenario === r.scenario))
    : [];
  const all = [...kept, ...results].sort((a, b) => a.scenario.localeCompare(b.scenario));
  writeFileSync(path, JSON.stringify({ node: process.version, python: pyVersion(), results: all }, null, 2) + '\n');
}

const pyVersion = () =>
  spawnSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).stdout.trim();

if (process.argv[2] === '--child')
  await child(process.argv[3], process.argv[4], process.argv[5], Number(process.argv[6]), Number(process.argv[7]));
else await main();
