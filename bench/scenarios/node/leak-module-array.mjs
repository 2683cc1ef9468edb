// Leak: a module-level array keeps every batch it is handed (the most common leak shape).
// Eight packed arrays of 1,024 small integers per call: 8 × (1,024 × 8 B + 32 B header) ≈ 65.8 KB.
const batches = [];

export function keepBatch() {
  for (let i = 0; i < 8; i++) batches.push(new Array(1024).fill(i));
}

export default keepBatch;

// Ground truth: bench/truth.mjs measured 65,970 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 65_970, function: 'keepBatch', line: 5, holder: 'batches' };
