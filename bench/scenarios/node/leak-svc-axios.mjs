// Leak (service-shaped): clean-svc-axios's client with a cache of responses keyed by the request's params, unique
// per request, so every entry stays (~1.5 KiB per request) beside the same warm-up of axios's compiled code.
import { startAxiosService } from './lib/svc-http.mjs';

const responses = new Map();
let service;
let api;
let n = 0;

function remember(page, data) {
  responses.set(page, { page, data, at: Date.now(), trail: new Array(160).fill(0) });
}

export async function setup() {
  service = await startAxiosService((req) => ({ ok: true, path: req.url, served: n }));
  ({ api } = service);
}

export default async function run() {
  const page = n++;
  const { data } = await api.get('/items', { params: { page } });
  remember(page, data);
  await api.post('/items', { name: `item-${n}`, tags: ['a', 'b'] });
}

export async function teardown() {
  await service.close();
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): 1,549 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 1546 1550 1549); one 50-iteration pass after 50 of warm-up: 2,686 B/iteration.
export const expect = { leaks: true, bytesPerIteration: 1_500, function: 'remember', line: 10, service: true, holder: 'responses' };
