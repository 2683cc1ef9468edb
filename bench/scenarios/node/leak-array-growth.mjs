// Leak by array growth: one module-level array of doubles that every call appends 1,024 samples to.
// Its backing store is reallocated as it grows (capacity × 1.5 + 16), so only the newest store is live.
const history = [];

function recordSamples(base) {
  for (let k = 0; k < 1024; k++) history.push(base + k * 0.5);
}

let base = 0.25;
export default function run() {
  recordSamples(base++);
}

// Ground truth: the backing store has room for 76,300 doubles after 50 iterations and 114,467 after 100, so one
// 50-iteration pass retains (114,467 − 76,300) × 8 B / 50 = 6,107 B/iteration (bench/truth.mjs measured
// 6,090 for one pass; over 1,000 iterations the capacity steps average 9,834). Hence iterations are pinned.
export const options = { iterations: 50 };
export const expect = { leaks: true, bytesPerIteration: 6_107, function: 'recordSamples', line: 5, holder: 'history' };
