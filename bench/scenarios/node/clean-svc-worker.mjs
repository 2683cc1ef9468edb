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

export const expect = { leaks: false, bytesPerIteration: 0, service: true };
