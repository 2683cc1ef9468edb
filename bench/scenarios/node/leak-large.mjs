// Leak: a large one, ~1 MB per call (128 rows of 1,024 numbers) archived forever: ~53 MB per pass.
const archive = [];

function loadReport(seed) {
  const rows = [];
  for (let r = 0; r < 128; r++) rows.push(new Array(1024).fill(seed + r));
  archive.push(rows);
}

let seed = 0;
export default function run() {
  loadReport(seed++);
}

// Ground truth: bench/truth.mjs measured 1,056,260 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 1_056_260, function: 'loadReport', line: 4, holder: 'archive' };
