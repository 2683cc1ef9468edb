"""What tracing costs a workload's iteration (issue 15: why the confirmation's extra iterations cost what they do).
The confirmation runs traced, with the traceback limit lowered to one frame (python_probe.TracebackLimit); this
times the same iterations traced at the run's depth, traced with the limit lowered as the confirmation does, and
untraced, each in a fresh process, alternating.

Usage: python3 bench/tracemalloc_iteration_cost.py <workload.py> [rounds] [depth]
Each round: setup(), 100 warm-up calls (traced at depth), then 200 timed calls of run(); prints ms per iteration
and the ratios to untraced."""
import gc
import importlib.util
import os
import subprocess
import sys
import time
import tracemalloc


PROBE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'measure', 'probe')


def one(path: str, depth: int, lowered: bool) -> float:
    limit = None
    if depth:
        sys.path.insert(0, PROBE_DIR)
        import python_probe  # noqa: PLC0415 - only here: the other modes run without it
        limit = python_probe.TracebackLimit.start(depth)
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location('workload', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if hasattr(module, 'setup'):
        module.setup()
    for _ in range(100):
        module.run()
    gc.collect()
    if lowered and not limit.lower():
        raise SystemExit("tracemalloc's traceback limit could not be lowered on this Python")
    started = time.perf_counter()
    for _ in range(200):
        module.run()
    per_iteration = (time.perf_counter() - started) / 200 * 1000
    if hasattr(module, 'teardown'):
        module.teardown()
    return per_iteration


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == '--one':
        print(one(sys.argv[2], int(sys.argv[3]), sys.argv[4] == 'lowered'))
        return
    path = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    depth = int(sys.argv[3]) if len(sys.argv) > 3 else 32

    def run(d: int, mode: str = 'full') -> float:
        out = subprocess.run([sys.executable, __file__, '--one', path, str(d), mode], capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])

    for round_number in range(1, rounds + 1):
        traced, lowered, untraced = run(depth), run(depth, 'lowered'), run(0)
        print(f'round {round_number}: traced at depth {depth} {traced:.2f} ms/iteration ({traced / untraced:.1f}x untraced), '
              f'lowered to 1 frame {lowered:.2f} ({lowered / untraced:.1f}x), untraced {untraced:.2f}')


if __name__ == '__main__':
    main()
