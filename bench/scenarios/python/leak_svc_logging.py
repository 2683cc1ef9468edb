"""Leak (service-shaped): clean_svc_logging plus a capture handler (a test helper left attached in
production) that keeps every LogRecord: ~2.2 KiB per request, allocated at the logging call."""
import logging
import logging.handlers
import os


class Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


_log = logging.getLogger("svc.orders")
_devnull = None
_n = 0


def setup():
    global _devnull
    _devnull = open(os.devnull, "w")
    sink = logging.StreamHandler(_devnull)
    sink.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s order=%(order)s"))
    _log.addHandler(logging.handlers.MemoryHandler(64, flushLevel=logging.ERROR, target=sink))
    _log.addHandler(Capture())
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


EXPECT = {"leaks": True, "bytesPerIteration": 1_500, "function": "handle_order", "line": 35, "service": True}
