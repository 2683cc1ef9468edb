// A response cache that is never evicted: every iteration caches a new ~8 KiB entry under a fresh id.
// `npx memgate run examples/node/leaky-cache.mjs` names cacheResponse as the growing line and fails.
const cache = new Map();
let requestId = 0;

function cacheResponse(id) {
  const body = new Array(1024).fill(id); // ~8 KiB of packed numbers
  cache.set(`request-${id}`, body);
  return body;
}

export default function handleRequest() {
  requestId += 1;
  return cacheResponse(requestId).length;
}
