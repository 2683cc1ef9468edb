// Clean (service-shaped): a DataLoader created per request (its documented use), batching the request's
// user lookups into one call of an async batch function; the loader and its cache die with the request.
import DataLoader from 'dataloader';

let n = 0;

async function batchLoadUsers(ids) {
  await Promise.resolve();
  const users = [];
  for (const id of ids) users.push({ id, name: `user-${id}`, roles: ['reader', 'writer'], prefs: new Array(64).fill(0) });
  return users;
}

export default async function run() {
  const id = n++;
  const loader = new DataLoader(batchLoadUsers);
  const users = await Promise.all([loader.load(`u${id}`), loader.load(`u${id + 1}`), loader.load('admin'), loader.load(`u${id % 7}`)]);
  return users.length;
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): clean, -2 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs 13 -2 -5); one 50-iteration pass after 50 of warm-up: -12 B/iteration, the warm-up tail.
export const expect = { leaks: false, bytesPerIteration: 0, service: true };
