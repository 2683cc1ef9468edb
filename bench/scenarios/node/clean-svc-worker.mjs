// Clean (service-shaped): a request handed to a worker thread and its answer awaited (postMessage round
// trip); the pending entry is deleted when the answer arrives.
import { Worker } from 'node:worker_threads';

const pending = new Map();
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

function dispatch(job) {
  return new Promise((resolve) => {
    pending.set(job.id, resolve);
    worker.postMessage(job);
  });
}

export default async function run() {
  const id = n++;
  const values = new Array(200).fill(id);
  const reply = await dispatch({ id, values });
  return reply.sum;
}

export async function teardown() {
  await worker.terminate();
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): clean, -3 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs -2 -3 -10); one 50-iteration pass after 50 of warm-up: 4,105 B/iteration, the warm-up tail.
export const expect = { leaks: false, bytesPerIteration: 0, service: true };
