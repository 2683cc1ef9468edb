// Clean (service-shaped, issue 10's "Express shape", fixed): an Express 5 app called with fetch per
// request: /health, a product route behind a 100-entry LRU, POST /orders. Each order is announced on a
// bus whose one listener counts it; nothing is kept per order.
import { EventEmitter } from 'node:events';
import { browseAndOrder, createOrdersApp } from './lib/orders-app.mjs';
import { startServer } from './lib/svc-http.mjs';

const orderEvents = new EventEmitter();
let placed = 0;
orderEvents.on('placed', () => placed++);

function announceOrder(order) {
  orderEvents.emit('placed', order);
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

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): clean, 44 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs 44 30 47); one 50-iteration pass after 50 of warm-up: 6,828 B/iteration, the warm-up tail.
export const expect = { leaks: false, bytesPerIteration: 0, service: true };
