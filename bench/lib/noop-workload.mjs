// An empty workload: memgate's and the plain runner's fixed costs (process start, probe, GCs, profile I/O).
export default function run() {}
