"""Leak: instances register themselves in a class-level registry and are never unregistered."""


class Session:
    registry = []

    def __init__(self, session_id):
        self.session_id = session_id
        self.buffer = bytearray(4096)
        Session.registry.append(self)

    def close(self):
        Session.registry.remove(self)


_next = 0


def run():
    global _next
    _next += 1
    Session(_next)  # the caller forgets close()


# Ground truth (bench/truth.mjs, tracemalloc, Python 3.11): one 50-iteration pass retains 4,251 B/iteration;
# over 1,000 iterations the average is 4,275. Iterations are pinned so the figure holds.
options = {"iterations": 50}
EXPECT = {"leaks": True, "bytesPerIteration": 4_251, "function": "Session.__init__", "line": 9, "holder": "Session.registry"}
