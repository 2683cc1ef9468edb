"""Clean (service-shaped): structured logging per request through a MemoryHandler (capacity 64) that flushes
to a StreamHandler on os.devnull: the buffer is bounded and every record is dropped after
formatting."""
import logging
import logging.handlers
import os


_log = logging.getLogger("svc.orders")
_devnull = None
_n = 0


def setup():
    global _devnull
    _devnull = open(os.devnull, "w")
    sink = logging.StreamHandler(_devnull)
    sink.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s order=%(order)s"))
    _log.addHandler(logging.handlers.MemoryHandler(64, flushLevel=logging.ERROR, target=sink))
    _log.setLevel(logging.INFO)
    _log.propagate = False


def handle_order(n):
    total = (n % 500) / 10
    _log.info("order %s placed by %s for %.2f", n, f"c{n % 40}", total, extra={"order": n})
    return total


def run():
    global _n
    _n += 1
    return handle_order(_n)


def teardown():
    for handler in list(_log.handlers):
        _log.removeHandler(handler)
        handler.close()  # MemoryHandler flushes to the stream handler here, before the stream closes
    _devnull.close()


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): clean, -2 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs -2 -2 -2); one 50-iteration pass after 50 of warm-up: -208 B/iteration, the warm-up tail.
EXPECT = {"leaks": False, "bytesPerIteration": 0, "service": True}
