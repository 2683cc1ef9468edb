// The heap-snapshot-diff approach (Chrome DevTools' Comparison view, memlab): run the same two passes,
// write a full heap snapshot after each forced GC, then diff them in a separate process
// (snapshot-diff.mjs). Usage: node --expose-gc snapshot-runner.mjs <workload> <iterations> <gcRounds> <outDir>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import { peakRss } from './peak-rss.mjs';

const [workloadPath, iterationsArg, gcRoundsArg, outDir] = process.argv.slice(2);
const mod = await import(pathToFileURL(workloadPath).href);
const run = typeof mod.default === 'function' ? mod.default : mod.run;
const n = iterationsArg === 'default' ? (mod.options?.iterations ?? 50) : Number(iterationsArg);

async function collect() {
  for (let i = 0; i < Number(gcRoundsArg); i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
}

async function pass() {
  for (let i = 0; i < n; i++) {
    const value = run();
    if (value && typeof value.then === 'function') await value;
  }
}

if (typeof mod.setup === 'function') await mod.setup();
await pass();
await collect();
const before = writeHeapSnapshot(join(outDir, 'before.heapsnapshot'));
await pass();
await collect();
const after = writeHeapSnapshot(join(outDir, 'after.heapsnapshot'));
writeFileSync(join(outDir, 'runner.json'), JSON.stringify({ before, after, maxRss: peakRss() }));
process.exit(0);
