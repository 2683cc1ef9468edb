// ~50 MB live heap with a 16 KB-per-call leak (bench: memgate's sampling vs a heap-snapshot diff).
import { bigHeapWorkload } from './lib/big-heap.mjs';

const workload = bigHeapWorkload(50);
export const setup = workload.setup;
export default workload.run;
export const expect = { leaks: true, bytesPerIteration: 16_400, function: 'handleRequest', line: 17, file: 'lib/big-heap.mjs' };
