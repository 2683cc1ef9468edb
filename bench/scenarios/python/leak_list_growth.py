"""Leak: a module-level list of float samples that every call appends 1,000 samples to."""

_samples = []
_base = 0.25


def record():
    global _base
    _base += 1.0
    for k in range(1000):
        _samples.append(_base + k * 0.5)


def run():
    record()


# Ground truth (bench/truth.mjs, tracemalloc, Python 3.11): one 50-iteration pass retains 31,133 B/iteration;
# over 1,000 iterations the average is 32,004 (the list's resizes land differently over a longer run). Iterations are pinned so the figure holds.
options = {"iterations": 50}
EXPECT = {"leaks": True, "bytesPerIteration": 31_133, "function": "record", "line": 11, "holder": "_samples"}
