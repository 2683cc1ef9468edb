// Leak: sessions kept in a Map keyed by an ever-increasing id and never deleted.
const sessions = new Map();
let nextId = 1;

function openSession() {
  const id = nextId++;
  sessions.set(id, {
    id,
    createdAt: Date.now(),
    cart: new Array(512).fill(null),
    history: new Array(512).fill(0),
  });
  return id;
}

export default function handleLogin() {
  openSession();
}

// Ground truth: bench/truth.mjs measured 8,420 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 8_420, function: 'openSession', line: 5, holder: 'sessions' };
