// Leak (service-shaped): clean-svc-worker with a job journal for retries that is never pruned: each
// request's values are copied into it and stay (~1.7 KiB per request).
import { Worker } from 'node:worker_threads';

const pending = new Map();
const journal = [];
let worker;
let n = 0;

export async function setup() {
  worker = new Worker(new URL('./lib/echo-worker.mjs', import.meta.url));
  worker.on('message', (reply) => {
    pending.get(reply.id)(reply);
    pending.delete(reply.id);
  });
  await new Promise((resolve) => worker.once('online', resolve));
}

function recordJob(job) {
  journal.push({ id: job.id, sentAt: performance.now(), values: job.values.slice() });
}

function dispatch(job) {
  return new Promise((resolve) => {
    pending.set(job.id, resolve);
    worker.postMessage(job);
  });
}

export default async function run() {
  const id = n++;
  const values = new Array(200).fill(id);
  recordJob({ id, values });
  const reply = await dispatch({ id, values });
  return reply.sum;
}

export async function teardown() {
  await worker.terminate();
}

export const expect = { leaks: true, bytesPerIteration: 1_700, function: 'recordJob', line: 19, service: true };
