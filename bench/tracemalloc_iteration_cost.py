"""What tracing costs a workload's iteration (issue 15: why the confirmation's extra iterations cost what they do).
The confirmation runs traced, at the run's depth; this times the same iterations traced and untraced, each in a
fresh process, alternating.

Usage: python3 bench/tracemalloc_iteration_cost.py <workload.py> [rounds] [depth]
Each round: setup(), 100 warm-up calls, then 200 timed calls of run(), traced at depth (default 32) and untraced;
prints ms per iteration and their ratio."""
import gc
import importlib.util
import os
import subprocess
import sys
import time
import tracemalloc


def one(path: str, depth: int) -> float:
    if depth:
        tracemalloc.start(depth)
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location('workload', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if hasattr(module, 'setup'):
        module.setup()
    for _ in range(100):
        module.run()
    gc.collect()
    started = time.perf_counter()
    for _ in range(200):
        module.run()
    per_iteration = (time.perf_counter() - started) / 200 * 1000
    if hasattr(module, 'teardown'):
        module.teardown()
    return per_iteration


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == '--one':
        print(one(sys.argv[2], int(sys.argv[3])))
        return
    path = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    depth = int(sys.argv[3]) if len(sys.argv) > 3 else 32

    def run(d: int) -> float:
        out = subprocess.run([sys.executable, __file__, '--one', path, str(d)], capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])

    for round_number in range(1, rounds + 1):
        traced, untraced = run(depth), run(0)
        print(f'round {round_number}: traced at depth {depth} {traced:.2f} ms/iteration, untraced {untraced:.2f}: {traced / untraced:.1f}x')


if __name__ == '__main__':
    main()
