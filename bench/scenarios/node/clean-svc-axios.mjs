// Clean (service-shaped): an API called with axios, as its README shows (an instance with a baseURL, GET with
// params, POST of JSON), over a keep-alive agent to the node:http server of clean-svc-http-agent. V8 keeps
// optimizing axios's code for ~1,500 requests: its compiled code grows by 150–750 B/iteration over that stretch, where
// the objects kept grow by under 100 (the leak-rate rule leaves compiled code out: analysis/leak-rate.ts ratePoint).
import { startAxiosService } from './lib/svc-http.mjs';

let service;
let api;
let n = 0;

export async function setup() {
  service = await startAxiosService((req) => ({ ok: true, path: req.url, served: n }));
  ({ api } = service);
}

export default async function run() {
  await api.get('/items', { params: { page: n++ } });
  await api.post('/items', { name: `item-${n}`, tags: ['a', 'b'] });
}

export async function teardown() {
  await service.close();
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): clean, 39 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs 60 39 34); one 50-iteration pass after 50 of warm-up: -3,275 B/iteration.
export const expect = { leaks: false, bytesPerIteration: 0, service: true };
