// The baseline for memgate's overhead: the same workload, same Node, same two passes and forced GCs,
// no profiler and no probe. Usage: node --expose-gc plain-runner.mjs <workload> <iterations> <gcRounds> <out.json>
// (iterations "default" = the workload's options.iterations, else 50, as memgate does).
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { peakRss } from './peak-rss.mjs';

const [workloadPath, iterationsArg, gcRoundsArg, outPath] = process.argv.slice(2);
const started = performance.now();
const mod = await import(pathToFileURL(workloadPath).href);
const run = typeof mod.default === 'function' ? mod.default : mod.run;
const n = iterationsArg === 'default' ? (mod.options?.iterations ?? 50) : Number(iterationsArg);
const gcRounds = Number(gcRoundsArg);

let collectMs = 0;
async function collect() {
  const t0 = performance.now();
  for (let i = 0; i < gcRounds; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
  collectMs += performance.now() - t0;
}

async function pass() {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const value = run();
    if (value && typeof value.then === 'function') await value;
  }
  return performance.now() - t0;
}

const s0 = performance.now();
if (typeof mod.setup === 'function') await mod.setup();
const setupMs = performance.now() - s0;
const pass1Ms = await pass();
await collect();
const pass2Ms = await pass();
await collect();
const heapUsed = process.memoryUsage().heapUsed;
if (typeof mod.teardown === 'function') await mod.teardown();
writeFileSync(
  outPath,
  JSON.stringify({
    iterations: n,
    setupMs,
    pass1Ms,
    pass2Ms,
    collectMs,
    gcs: 2 * gcRounds,
    startupMs: started,
    totalMs: performance.now() - started,
    heapUsed,
    maxRss: peakRss(),
  }),
);
// Like memgate's probe: whatever the workload left behind (timers, pending promises), the run is over.
process.exit(0);
