"""What tracing costs a workload's import and its iterations (issue 15: why memgate's probe records few frames per
allocation for the import and the confirmation, python_probe.TracebackLimit). Each mode runs in a fresh process,
alternating: traced at the run's depth throughout (the tracemalloc guide's way); traced as memgate's probe does (the
import with the limit lowered to IMPORT_FRAMES and raised back after it, the warm-up at the depth, the timed
iterations at one frame, as the confirmation's are); and untraced.

Usage: python3 bench/tracemalloc_cost.py <workload.py> [rounds] [depth]
Each process: imports the workload (timed), setup(), 100 warm-up calls, then 200 timed calls of run(); prints the
import's ms and ms per iteration, and the ratios to untraced."""
import gc
import importlib.util
import json
import os
import subprocess
import sys
import time
import tracemalloc

PROBE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'measure', 'probe')


def one(path: str, depth: int, as_memgate: bool) -> dict:
    limit = None
    if depth:
        sys.path.insert(0, PROBE_DIR)
        import python_probe  # noqa: PLC0415 - only here: the untraced mode runs without it

        limit = python_probe.TracebackLimit.start(depth)
        if as_memgate and not limit.lower(python_probe.IMPORT_FRAMES):
            raise SystemExit("tracemalloc's traceback limit could not be lowered on this Python")
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location('workload', path)
    module = importlib.util.module_from_spec(spec)
    started = time.perf_counter()
    spec.loader.exec_module(module)
    import_ms = (time.perf_counter() - started) * 1000
    if as_memgate and not limit.restore():
        raise SystemExit("tracemalloc's traceback limit could not be raised back on this Python")
    if hasattr(module, 'setup'):
        module.setup()
    for _ in range(100):
        module.run()
    gc.collect()
    if as_memgate:
        limit.lower()
    started = time.perf_counter()
    for _ in range(200):
        module.run()
    per_iteration = (time.perf_counter() - started) / 200 * 1000
    if hasattr(module, 'teardown'):
        module.teardown()
    return {'import': import_ms, 'iteration': per_iteration}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == '--one':
        print(json.dumps(one(sys.argv[2], int(sys.argv[3]), sys.argv[4] == 'memgate')))
        return
    path = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    depth = int(sys.argv[3]) if len(sys.argv) > 3 else 32

    def run(d: int, mode: str = 'guide') -> dict:
        out = subprocess.run([sys.executable, __file__, '--one', path, str(d), mode], capture_output=True, text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    for round_number in range(1, rounds + 1):
        guide, memgate, untraced = run(depth), run(depth, 'memgate'), run(0)
        for key, unit in (('import', 'ms'), ('iteration', 'ms/iteration')):
            print(f'round {round_number} {key}: traced at {depth} frames {guide[key]:.2f} {unit} ({guide[key] / untraced[key]:.1f}x untraced), '
                  f'as memgate traces it {memgate[key]:.2f} ({memgate[key] / untraced[key]:.1f}x), untraced {untraced[key]:.2f}')


if __name__ == '__main__':
    main()
