// Leak inside a dependency: the metrics client (bench/scenarios/node/node_modules/leaky-dep) keeps
// one series per label set, and the user code labels by user id, so series grow without bound.
// The allocation happens inside node_modules; the report should point at the user's call site.
import { createHistogram } from 'leaky-dep';

const latency = createHistogram('http_request_ms');

function recordRequest(userId, ms) {
  latency.observe({ route: '/api/items', userId: `user-${userId}` }, ms);
}

let user = 0;
export default function run() {
  recordRequest(user++, 12);
}

// Ground truth: bench/truth.mjs measured 8,450 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 8_450, function: 'recordRequest', line: 8, holder: 'series' };
