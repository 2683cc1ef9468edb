// Clean (service-shaped): an in-process node:http server and a keep-alive http.Agent client, one GET per
// iteration, nothing kept between requests. Without memgate the heap keeps a warm-up tail for thousands of
// requests (socket and parser pools, lazily grown tables): issue 10's first false alarm.
import http from 'node:http';
import { agentGetJson, sendJson, startServer } from './lib/svc-http.mjs';

let service;
let agent;
let n = 0;

function handle(req, res) {
  sendJson(res, { ok: true, path: req.url, served: n });
}

export async function setup() {
  service = await startServer(handle);
  agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
}

export default async function run() {
  await agentGetJson(agent, service.port, `/items/${n++}`);
}

export async function teardown() {
  agent.destroy();
  await service.close();
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): clean, 10 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs 11 10 -2); one 50-iteration pass after 50 of warm-up: -2,453 B/iteration, the warm-up tail.
export const expect = { leaks: false, bytesPerIteration: 0, service: true };
