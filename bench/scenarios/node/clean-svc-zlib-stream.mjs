// Clean (service-shaped): a JSON response built per request and gzipped through a stream pipeline
// (Readable → zlib.createGzip → a collecting sink), as a compression middleware does.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

let n = 0;

function renderPage(id) {
  const items = [];
  for (let i = 0; i < 200; i++) items.push({ id: id * 200 + i, name: `item ${i}`, price: (id + i) % 100 });
  return JSON.stringify({ page: id, items });
}

async function gzipBody(body) {
  const chunks = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await pipeline(Readable.from([body]), createGzip(), sink);
  return Buffer.concat(chunks);
}

export default async function run() {
  const compressed = await gzipBody(renderPage(n++));
  return compressed.length;
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): clean, 13 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs 8 13 19); one 50-iteration pass after 50 of warm-up: 4,595 B/iteration, the warm-up tail.
export const expect = { leaks: false, bytesPerIteration: 0, service: true };
