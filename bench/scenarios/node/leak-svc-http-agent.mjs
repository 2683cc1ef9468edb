// Leak (service-shaped): clean-svc-http-agent's server, whose handler opens a session per request and never
// expires it (~2 KiB per request, kept in a module-level Map).
import http from 'node:http';
import { agentGetJson, sendJson, startServer } from './lib/svc-http.mjs';

const sessions = new Map();
let service;
let agent;
let n = 0;

function createSession(req) {
  const session = { id: `s${sessions.size}`, path: req.url, createdAt: Date.now(), recent: new Array(224).fill(0) };
  sessions.set(session.id, session);
  return session;
}

function handle(req, res) {
  const session = createSession(req);
  sendJson(res, { ok: true, path: req.url, served: n, session: session.id });
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

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): 2,033 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 2033 2041 2016); one 50-iteration pass after 50 of warm-up: 940 B/iteration.
export const expect = { leaks: true, bytesPerIteration: 2_033, function: 'createSession', line: 11, service: true, holder: 'sessions' };
