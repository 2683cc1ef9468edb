// Leak: requests await a reply that never comes. Each suspended async call keeps its local data,
// held by the pending promise, whose resolver sits in a Map that nothing ever drains.
const waiting = new Map();
let nextId = 0;

function waitForReply(id) {
  return new Promise((resolve) => waiting.set(id, resolve));
}

async function handleRequest(id) {
  const draft = new Array(2048).fill(id);
  const reply = await waitForReply(id);
  draft.push(reply);
}

export default function run() {
  // Fire and forget, as request handlers do: awaiting would wait forever.
  void handleRequest(nextId++);
}

// Ground truth: bench/truth.mjs measured 16,950 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 16_950, function: 'handleRequest', line: 10, holder: 'waiting' };
