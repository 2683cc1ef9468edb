"""Leak: an unbounded dict cache keyed by request id, holding a bytes(64) value per entry."""

_cache = {}
_request = 0


def run():
    global _request
    _request += 1
    for i in range(100):
        _cache[f"req-{_request}-{i}"] = bytes(64)


# Ground truth (bench/truth.mjs, tracemalloc, Python 3.11): one 50-iteration pass retains 17,568 B/iteration;
# over 1,000 iterations the average is 19,330 (the dict's resizes land differently over a longer run). Iterations are pinned so the figure holds.
options = {"iterations": 50}
EXPECT = {"leaks": True, "bytesPerIteration": 17_568, "function": "run", "line": 11, "holder": "_cache"}
