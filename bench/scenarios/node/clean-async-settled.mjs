// Clean: concurrent async requests that all settle; their locals are freed once each resolves.
const tick = () => new Promise((resolve) => setImmediate(resolve));

async function fetchItem(id) {
  const draft = new Array(1024).fill(id);
  await tick();
  return draft.length + id;
}

let next = 0;
export default async function run() {
  const ids = Array.from({ length: 16 }, () => next++);
  const results = await Promise.all(ids.map(fetchItem));
  return results.length;
}

export const expect = { leaks: false, bytesPerIteration: 0 };
