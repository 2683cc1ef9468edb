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

export const expect = { leaks: false, bytesPerIteration: 0, service: true };
