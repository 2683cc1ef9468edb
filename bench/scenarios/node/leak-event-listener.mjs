// Leak: every subscriber adds a listener to a long-lived emitter and never removes it; the
// listener's closure keeps the subscriber's per-user cache alive.
import { EventEmitter } from 'node:events';

const configBus = new EventEmitter();
configBus.setMaxListeners(0);

function subscribe(userId) {
  const userCache = new Array(2048).fill(userId);
  configBus.on('reload', () => {
    userCache.fill(0);
  });
}

let user = 0;
export default function run() {
  subscribe(user++);
}

// Ground truth: bench/truth.mjs measured 16,550 B/iteration retained (Node 20.20.2, heapUsed + external after forced GCs, long pass).
export const expect = { leaks: true, bytesPerIteration: 16_550, function: 'subscribe', line: 8, holder: '_events' };
