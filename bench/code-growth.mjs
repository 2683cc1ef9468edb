// How much of a workload's heap growth is V8's compiled code (issue 8's leak-rate rule leaves it out:
// analysis/leak-rate.ts ratePoint), without memgate: run() in a loop, and every `every` iterations two forced GCs,
// then per iteration since the last reading: heapUsed + external; that less v8.getHeapCodeStatistics()'s
// code_and_metadata_size (what the probe reads on Node 20); that less the code and trusted spaces' used size (what it
// reads on Node 22+ and on big heaps); and the code itself. `cost N` instead times one getHeapCodeStatistics() and
// one full GC on a heap holding N × 4,096 small objects (100: ~45 MiB).
// Usage: node --expose-gc --no-turbo-inlining --no-maglev-inlining bench/code-growth.mjs <workload.mjs> [total] [every]
//        node --expose-gc --max-old-space-size=4096 bench/code-growth.mjs cost 400
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import v8 from 'node:v8';

const [target, a = '2000', b = '125'] = process.argv.slice(2);
const ms = (f) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

if (target === 'cost') {
  const keep = [];
  while (keep.length < Number(a) * 1024 * 4) keep.push({ a: `x${keep.length}`, c: { d: keep.length } });
  globalThis.gc();
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  const stats = ms(() => v8.getHeapCodeStatistics());
  const gc = ms(() => globalThis.gc());
  console.log(
    `heap ${heap.toFixed(0)} MiB (${keep.length} objects): getHeapCodeStatistics ${stats.toFixed(1)} ms, full GC ${gc.toFixed(1)} ms`,
  );
} else {
  const mod = await import(pathToFileURL(resolve(target)).href);
  const run = mod.default ?? mod.run;
  await mod.setup?.();
  const read = async () => {
    for (let i = 0; i < 2; i++) {
      globalThis.gc();
      await new Promise((r) => setImmediate(r));
    }
    const { heapUsed, external } = process.memoryUsage();
    const code = v8.getHeapCodeStatistics().code_and_metadata_size;
    const spaces = v8
      .getHeapSpaceStatistics()
      .filter((s) => s.space_name.includes('code') || s.space_name.includes('trusted'))
      .reduce((sum, s) => sum + s.space_used_size, 0);
    return [heapUsed + external, heapUsed + external - code, heapUsed + external - spaces, code];
  };
  const every = Number(b);
  let previous = await read();
  console.log(`${process.version} ${target}: B/iteration since the last reading`);
  console.log('iteration\theap+external\tless code (stats)\tless code (spaces)\tcode (stats)');
  for (let i = 1; i <= Number(a); i++) {
    await run();
    if (i % every === 0) {
      const now = await read();
      console.log([i, ...now.map((v, k) => ((v - previous[k]) / every).toFixed(0))].join('\t'));
      previous = now;
    }
  }
  await mod.teardown?.();
}
