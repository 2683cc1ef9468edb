"""Leak (service-shaped): clean_svc_futures plus a history of each request's last future "for the status page"
that is never trimmed: the future, its condition variable and its result stay (~1.8 KiB per request)."""
from concurrent.futures import ThreadPoolExecutor

_pool = None
_history = []
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
    _history.append(futures[-1])
    return sum(f.result()["amount"] for f in futures)


def teardown():
    _pool.shutdown()


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): 1,817 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 1817 1817 1817); one 50-iteration pass after 50 of warm-up: 1,789 B/iteration.
EXPECT = {"leaks": True, "bytesPerIteration": 1_817, "function": "run", "line": 22, "service": True, "holder": "_history"}
