// Clean: a bounded LRU cache (256 entries) fed unique keys. It is full after the warm-up pass;
// every insert then evicts the oldest entry, so its size stays flat while its contents churn.
class Lru {
  constructor(limit) {
    this.limit = limit;
    this.map = new Map();
  }

  get(key) {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key, value) {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value);
  }
}

const cache = new Lru(256);
let key = 0;

export default function run() {
  for (let i = 0; i < 10; i++) {
    const k = `user:${key++}`;
    if (cache.get(k) === undefined) cache.set(k, { k, profile: new Array(256).fill(i) });
  }
}

export const expect = { leaks: false, bytesPerIteration: 0 };
