// Leak (service-shaped): clean-svc-rxjs without take(1) and without unsubscribe: every request's
// subscriber chain (and the position context it closes over) stays on the long-lived subject
// (~3.5 KiB per request).
import { Subject, filter, map } from 'rxjs';

const prices = new Subject();
let n = 0;

function watchQuote(symbol, qty, onQuote) {
  const position = { symbol, qty, history: new Array(160).fill(0) };
  prices
    .pipe(
      filter((p) => p.symbol === position.symbol),
      map((p) => ({ symbol, total: p.price * position.qty })),
    )
    .subscribe(onQuote);
}

export default async function run() {
  const id = n++;
  const symbol = `S${id % 10}`;
  let resolve;
  const pending = new Promise((r) => (resolve = r));
  watchQuote(symbol, 1 + (id % 5), (q) => resolve(q));
  prices.next({ symbol, price: 10 + (id % 13) });
  const q = await pending;
  return q.total;
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): 3,553 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 3555 3545 3553); one 50-iteration pass after 50 of warm-up: 5,852 B/iteration.
export const expect = { leaks: true, bytesPerIteration: 3_553, function: 'watchQuote', line: 9, service: true, holder: ['observers', 'currentObservers'] };
