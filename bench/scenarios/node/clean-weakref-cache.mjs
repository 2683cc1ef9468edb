// Clean: a cache of weakly held values (WeakRef) whose entries a FinalizationRegistry removes once the value is
// collected. Nothing is retained across iterations, but only after a collection, the registry's cleanup
// callbacks (which run on a later turn of the event loop), and a second collection of the entries they dropped.
const cache = new Map();
const registry = new FinalizationRegistry((key) => {
  if (cache.get(key)?.deref() === undefined) cache.delete(key);
});

let next = 0;
function remember(i) {
  const key = `session-${next++}`;
  const value = { key, attributes: new Array(64).fill(i) };
  cache.set(key, new WeakRef(value));
  registry.register(value, key);
  return value.attributes.length;
}

export default function run() {
  let total = 0;
  for (let i = 0; i < 100; i++) total += remember(i);
  return total;
}

export const expect = { leaks: false, bytesPerIteration: 0 };
