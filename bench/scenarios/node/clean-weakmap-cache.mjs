// Clean: per-request metadata kept in a WeakMap keyed by the request object. When the request is
// dropped, the entry goes with it; heap tools that count WeakMap tables at the wrong time flag it.
const metadata = new WeakMap();

function annotate(request) {
  metadata.set(request, { seenAt: request.id, trace: new Array(256).fill(request.id) });
  return metadata.get(request).trace.length;
}

let id = 0;
export default function run() {
  let total = 0;
  for (let i = 0; i < 20; i++) total += annotate({ id: id++, path: '/items' });
  return total;
}

export const expect = { leaks: false, bytesPerIteration: 0 };
