"""What summing a snapshot's traces per traceback costs, traced and untraced: python_probe._by_traceback (a list of
traces per frames, then sum()) against the way before it (running sums per id(frames), which allocate an int at most
steps). The confirmation groups its snapshots while tracemalloc traces (python_probe.grouped).
Usage (from the repository's top): python3 bench/python_group_cost.py [depth]   (600,000 traces, ~28 frames deep)"""
import os
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'measure', 'probe'))
from python_probe import _by_traceback  # noqa: E402


def by_id(traces: list) -> dict:
    """The grouping before 2026-12-07: per id(frames), then per frames."""
    sums: dict = {}
    known = sums.get
    for trace in traces:
        frames = trace[2]
        entry = known(id(frames))
        if entry is None:
            sums[id(frames)] = [frames, trace[1], 1]
        else:
            entry[1] += trace[1]
            entry[2] += 1
    out: dict = {}
    for frames, size, count in sums.values():
        entry = out.get(frames)
        if entry is None:
            out[frames] = [size, count]
        else:
            entry[0] += size
            entry[1] += count
    return out


def fill(depth: int, out: dict, n: int) -> None:
    if depth:
        return fill(depth - 1, out, n)
    for _ in range(n):
        out[f'k{len(out)}'] = f'v{len(out):08d}'


def main() -> None:
    tracemalloc.start(int(sys.argv[1]) if len(sys.argv) > 1 else 32)
    cache: dict = {}
    fill(25, cache, 300_000)
    traces = tracemalloc.take_snapshot().traces._traces
    print(f'{len(traces)} traces')
    for label in ('traced', 'untraced'):
        for name, group in (('per id(frames)', by_id), ('_by_traceback', _by_traceback)):
            started = time.perf_counter()
            group(traces)
            print(f'{label} {name}: {(time.perf_counter() - started) * 1000:.0f} ms')
        tracemalloc.stop()
    assert by_id(traces) == _by_traceback(traces)


main()
