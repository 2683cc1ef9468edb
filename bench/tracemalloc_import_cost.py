"""What tracing costs a workload's import (issue 15: why the probe imports the workload at one frame per trace).
The probe starts tracemalloc at the run's depth before the import, as the tracemalloc guide does, and lowers the
traceback limit to one frame for the import only (python_probe.TracebackLimit); this times loading the workload
module (its imports and module-level code) traced at the depth, traced with the limit lowered as the probe does, and
untraced, each in a fresh process, alternating.

Usage: python3 bench/tracemalloc_import_cost.py <workload.py> [rounds] [depth]
Prints ms per import and the ratios to untraced."""
import importlib.util
import os
import subprocess
import sys
import time
import tracemalloc

PROBE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'measure', 'probe')


def one(path: str, depth: int, lowered: bool) -> float:
    if depth:
        sys.path.insert(0, PROBE_DIR)
        import python_probe  # noqa: PLC0415 - only here: the untraced mode runs without it

        limit = python_probe.TracebackLimit.start(depth)
        if lowered and not limit.lower():
            raise SystemExit("tracemalloc's traceback limit could not be lowered on this Python")
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location('workload', path)
    module = importlib.util.module_from_spec(spec)
    started = time.perf_counter()
    spec.loader.exec_module(module)
    took = (time.perf_counter() - started) * 1000
    if depth:
        tracemalloc.stop()
    return took


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
        print(f'round {round_number}: traced at {depth} frames {traced:.0f} ms, at one frame {lowered:.0f} ms, untraced {untraced:.0f} ms '
              f'({traced / untraced:.1f}x, {lowered / untraced:.1f}x untraced)')


if __name__ == '__main__':
    main()
