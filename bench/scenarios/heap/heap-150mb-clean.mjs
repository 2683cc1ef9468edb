// ~150 MB resident heap of small objects, and no leak: per-call garbage only (bench: what a healthy service on a
// big heap costs against a plain two-pass run, issue 16).
import { bigHeapWorkload } from './lib/big-heap.mjs';

const workload = bigHeapWorkload(150, 0);
export const setup = workload.setup;
export default workload.run;
export const expect = { leaks: false, bytesPerIteration: 0 };
