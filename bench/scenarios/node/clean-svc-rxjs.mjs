// Clean (service-shaped): each request subscribes an RxJS pipeline (filter → map → take(1)) to a
// long-lived price stream, gets its one value, and is unsubscribed when take(1) completes.
import { Subject, filter, map, take } from 'rxjs';

const prices = new Subject();
let n = 0;

function quote(symbol, qty) {
  return new Promise((resolve) => {
    prices
      .pipe(
        filter((p) => p.symbol === symbol),
        map((p) => ({ symbol, total: p.price * qty })),
        take(1),
      )
      .subscribe(resolve);
  });
}

export default async function run() {
  const id = n++;
  const symbol = `S${id % 10}`;
  const pending = quote(symbol, 1 + (id % 5));
  prices.next({ symbol, price: 10 + (id % 13) });
  const q = await pending;
  return q.total;
}

// Ground truth (bench/truth.mjs, Node 20.20.2, heapUsed + external): clean, -26 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs -27 30 -26); one 50-iteration pass after 50 of warm-up: -4,018 B/iteration, the warm-up tail.
export const expect = { leaks: false, bytesPerIteration: 0, service: true };
