"""Clean: a bounded history (collections.deque with maxlen) fed every call: full after warm-up."""
import collections

_recent = collections.deque(maxlen=256)
_n = 0


def run():
    global _n
    for _ in range(20):
        _n += 1
        _recent.append({"id": _n, "payload": bytes(256)})


EXPECT = {"leaks": False, "bytesPerIteration": 0}
