// Clean: a heavy module imported on first call (dynamic import). It loads during the warm-up pass
// and stays loaded: a one-time cost, not growth.
let heavy;

async function describe(code) {
  heavy ??= await import('./lib/lazy-heavy.mjs');
  return heavy.lookup(code);
}

let code = 0;
export default async function run() {
  return describe(code++);
}

export const expect = { leaks: false, bytesPerIteration: 0 };
