// Leak: a small one, 16 KB per call (one packed array of 2,048 numbers) kept in a module-level list.
// 50 iterations leak ~800 KB per pass: small next to a real heap, but it grows without bound.
const remembered = [];

function remember(seed) {
  remembered.push(new Array(2048).fill(seed));
}

let calls = 0;
export default function run() {
  remember(calls++);
}

// Ground truth: bench/truth.mjs measured 16,270 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 16_270, function: 'remember', line: 5, holder: 'remembered' };
