// Clean: listeners added per call and removed when done (the fixed version of leak-event-listener).
import { EventEmitter } from 'node:events';

const bus = new EventEmitter();

function withSubscription(userId) {
  const userCache = new Array(2048).fill(userId);
  const onReload = () => userCache.fill(0);
  bus.on('reload', onReload);
  bus.emit('reload');
  bus.off('reload', onReload);
  bus.once('done', () => userCache.length);
  bus.emit('done');
}

let user = 0;
export default function run() {
  withSubscription(user++);
}

export const expect = { leaks: false, bytesPerIteration: 0 };
