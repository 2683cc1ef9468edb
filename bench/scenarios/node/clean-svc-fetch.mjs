// Clean (service-shaped): the node:http server of clean-svc-http-agent called with fetch (undici, which
// loads on the first call and keeps warming its pools and caches for thousands of requests).
import { sendJson, startServer } from './lib/svc-http.mjs';

let service;
let n = 0;

function handle(req, res) {
  sendJson(res, { ok: true, path: req.url, served: n });
}

export async function setup() {
  service = await startServer(handle);
}

export default async function run() {
  const res = await fetch(`${service.origin}/items/${n++}`);
  await res.json();
}

export async function teardown() {
  await service.close();
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): clean, 30 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs -5 62 30); one 50-iteration pass after 50 of warm-up: 1,865 B/iteration, the warm-up tail.
export const expect = { leaks: false, bytesPerIteration: 0, service: true };
