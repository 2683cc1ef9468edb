"""What a frame under the workload costs tracemalloc, by where the frame stands in its code (README, What it
measures: Python). At every allocation tracemalloc computes the line of each frame on the stack by scanning that
frame's location table up to where it stands: a frame parked deep in a long function costs more than a short one.

Usage: python3 bench/tracemalloc_frame_cost.py [rounds]
Prints, per round, the time of 50 calls that allocate 2,000 blocks each (100,000 allocations) under a caller parked
at its first instruction and under one parked about 130 instructions in, tracing at depth 32, and the difference
per allocation."""
import sys
import time
import tracemalloc

ALLOCATIONS = 50 * 2000


def allocate():
    return [bytes(1024) for _ in range(2000)]


def early(n):
    for _ in range(n):
        allocate()


def late(n):
    a = 1; b = 2; c = a + b; d = [a, b, c]; e = {'a': a, 'b': b}; f = str(d) + str(e); g = len(f) * 2; h = (a, b, c, g)  # noqa: E702
    a = 1; b = 2; c = a + b; d = [a, b, c]; e = {'a': a, 'b': b}; f = str(d) + str(e); g = len(f) * 2; h = (a, b, c, g)  # noqa: E702
    a = 1; b = 2; c = a + b; d = [a, b, c]; e = {'a': a, 'b': b}; f = str(d) + str(e); g = len(f) * 2; h = (a, b, c, g)  # noqa: E702
    for _ in range(n):
        allocate()


def timed(fn) -> float:
    started = time.perf_counter()
    fn(50)
    return (time.perf_counter() - started) * 1000


def main(rounds: int) -> None:
    tracemalloc.start(32)
    for _ in range(rounds):
        e, l = timed(early), timed(late)
        print(f'parked early {e:.0f} ms, parked late {l:.0f} ms: {(l - e) * 1000 / ALLOCATIONS:.2f} us per allocation')


if __name__ == '__main__':
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
