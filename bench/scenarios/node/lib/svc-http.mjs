// Loopback plumbing shared by the service-shaped scenarios: a server on 127.0.0.1, port 0, and the two
// clients users write (a keep-alive http.Agent, fetch). Nothing here keeps anything per request.
import http from 'node:http';

/** Starts `handler` (or an express app) on 127.0.0.1 with an OS-chosen port. */
export async function startServer(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** GET through a keep-alive agent, the whole body read and parsed. */
export function agentGetJson(agent, port, path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Replies with a small JSON body, as a typical API route does. */
export function sendJson(res, value) {
  const body = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The axios scenarios' service: a server that reads each request's body and answers JSON, and an axios instance on
 * it over a keep-alive agent, as axios's README sets one up (`axios.create` with a baseURL).
 */
export async function startAxiosService(answer) {
  const { default: axios } = await import('axios');
  const service = await startServer((req, res) => {
    req.resume();
    req.on('end', () => sendJson(res, answer(req)));
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const api = axios.create({ baseURL: service.origin, httpAgent: agent });
  return {
    api,
    close: async () => {
      agent.destroy();
      await service.close();
    },
  };
}
