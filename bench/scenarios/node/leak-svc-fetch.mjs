// Leak (service-shaped): clean-svc-fetch's server with a response cache keyed by the full URL, which is
// unique per request, so every entry stays (~1.6 KiB per request).
import { sendJson, startServer } from './lib/svc-http.mjs';

const responseCache = new Map();
let service;
let n = 0;

function cacheResponse(url, value) {
  const entry = { url, value, etag: `"${url.length}-${n}"`, vary: new Array(160).fill(0) };
  responseCache.set(url, entry);
}

function handle(req, res) {
  const value = { ok: true, path: req.url, served: n };
  cacheResponse(req.url, value);
  sendJson(res, value);
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

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): 1,550 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 1550 1610 1537); one 50-iteration pass after 50 of warm-up: 2,836 B/iteration.
export const expect = { leaks: true, bytesPerIteration: 1_550, function: 'cacheResponse', line: 9, service: true, holder: 'responseCache' };
