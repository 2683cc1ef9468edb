// Leak (service-shaped, issue 10's "Express shape"): clean-svc-express's app, where each order also adds a
// `once` listener for a cancellation that never comes; the listener's closure keeps an audit copy of the
// order (~1.2 KiB per request).
import { EventEmitter } from 'node:events';
import { browseAndOrder, createOrdersApp } from './lib/orders-app.mjs';
import { startServer } from './lib/svc-http.mjs';

const orderEvents = new EventEmitter();
orderEvents.setMaxListeners(0);
let placed = 0;
orderEvents.on('placed', () => placed++);

function announceOrder(order) {
  orderEvents.emit('placed', order);
  const audit = new Array(112).fill(order.id);
  orderEvents.once('cancelled', () => audit.fill(0));
}

let service;
let n = 0;

export async function setup() {
  service = await startServer(createOrdersApp(announceOrder));
}

export default async function run() {
  await browseAndOrder(service.origin, n++);
}

export async function teardown() {
  await service.close();
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): 1,234 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 1225 1234 1257); one 50-iteration pass after 50 of warm-up: 6,587 B/iteration.
export const expect = { leaks: true, bytesPerIteration: 1_234, function: 'announceOrder', line: 13, service: true, holder: '_events' };
