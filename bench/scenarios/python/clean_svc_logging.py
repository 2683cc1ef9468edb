"""Clean (service-shaped): structured logging per request through a MemoryHandler (capacity 64) that flushes
to a formatting handler which writes nowhere: the buffer is bounded and every record is dropped after
formatting."""
import logging
import logging.handlers


class Sink(logging.Handler):
    def emit(self, record):
        self.format(record)


_log = logging.getLogger("svc.orders")
_n = 0


def setup():
    sink = Sink()
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


EXPECT = {"leaks": False, "bytesPerIteration": 0, "service": True}
