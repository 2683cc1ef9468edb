"""Clean (service-shaped): a request fans out to a ThreadPoolExecutor (2 workers, created at setup) with
4 submits and waits for the results; the futures die with the request."""
from concurrent.futures import ThreadPoolExecutor

_pool = None
_n = 0


def price(order, line):
    return {"order": order, "line": line, "amount": (order * 7 + line) % 113}


def setup():
    global _pool
    _pool = ThreadPoolExecutor(max_workers=2)


def run():
    global _n
    _n += 1
    futures = [_pool.submit(price, _n, line) for line in range(4)]
    return sum(f.result()["amount"] for f in futures)


def teardown():
    _pool.shutdown()


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): clean, 0 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs 0 0 0); one 50-iteration pass after 50 of warm-up: 4 B/iteration, the warm-up tail.
EXPECT = {"leaks": False, "bytesPerIteration": 0, "service": True}
