// Leak in external memory: 64 KB Buffers kept in a module-level list. The bytes live outside the
// JS heap (process.memoryUsage().external / arrayBuffers); the heap only holds the small wrappers.
const chunks = [];

function bufferChunk(fill) {
  chunks.push(Buffer.alloc(64 * 1024, fill));
}

let n = 0;
export default function run() {
  bufferChunk(n++ & 0xff);
}

// Ground truth: bench/truth.mjs measured 65,950 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 65_950, function: 'bufferChunk', line: 5, external: true, holder: 'chunks' };
