// Worker for the worker_threads scenarios: answers each job with a small summary of its values.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (job) => {
  let sum = 0;
  for (const v of job.values) sum += v;
  parentPort.postMessage({ id: job.id, sum, count: job.values.length });
});
