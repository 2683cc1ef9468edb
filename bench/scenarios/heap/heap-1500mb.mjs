// ~1500 MB resident heap of small objects with a ~6 KB-per-call leak (bench: cost against a plain two-pass
// run on big heaps, issue 16).
import { bigHeapWorkload } from './lib/big-heap.mjs';

const workload = bigHeapWorkload(1500, 768);
export const setup = workload.setup;
export default workload.run;
export const expect = { leaks: true, bytesPerIteration: 6_200, function: 'handleRequest', line: 17, file: 'lib/big-heap.mjs' };
