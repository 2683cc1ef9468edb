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

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): 1,727 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 1727 1732 1723); one 50-iteration pass after 50 of warm-up: 2,858 B/iteration.
export const expect = { leaks: true, bytesPerIteration: 1_727, function: 'recordJob', line: 19, service: true, holder: 'journal' };
