"""How much a confirmation reading's figure moves from run to run (issue 15: whether freezing the probe's own objects,
python_probe.freeze_own_objects, makes the readings noisier now that each collection is shorter). Each run, in a fresh
process, alternating the variants: imports what the probe imports, freezes what the collector tracks (variants
starting with "freeze"), starts tracemalloc at 2 frames, imports the workload, setup(), 100 warm-up calls, then 10
intervals of 32 calls, each read as the probe reads (a 2 ms sleep where other threads run, two gc.collect(), then
get_traced_memory()). The rate of an interval is the same from run to run but for the noise (a dict's resize lands in
the same interval every run), so the noise is the spread across runs of each interval's rate, pooled over intervals.

Usage: python3 bench/python_reading_noise.py <workload.py> [runs] [variant ...]
Variants: base (as the probe before freeze_own_objects), freeze (as it is now), freeze-each (a 2 ms sleep before
each round), freeze-long (a 6 ms sleep before the first)."""
import asyncio  # noqa: F401 - the probe's imports, so that the same objects are frozen
import ast  # noqa: F401
import ctypes  # noqa: F401
import gc
import importlib.util
import inspect  # noqa: F401
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc

INTERVALS = 10
CALLS = 32


def collect(variant: str) -> None:
    threaded = threading.active_count() > 1
    if variant == 'freeze-each':
        for _ in range(2):
            if threaded:
                time.sleep(0.002)
            gc.collect()
        return
    if threaded:
        time.sleep(0.006 if variant == 'freeze-long' else 0.002)
    gc.collect()
    gc.collect()


def one_run(path: str, variant: str) -> list:
    if variant.startswith('freeze'):
        gc.collect()
        gc.freeze()
    tracemalloc.start(2)
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location('workload', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if hasattr(module, 'setup'):
        module.setup()
    for _ in range(100):
        module.run()
    collect(variant)
    readings = [tracemalloc.get_traced_memory()[0]]
    for _ in range(INTERVALS):
        for _ in range(CALLS):
            module.run()
        collect(variant)
        readings.append(tracemalloc.get_traced_memory()[0])
    return [(b - a) / CALLS for a, b in zip(readings, readings[1:])]


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == '--one':
        print(json.dumps(one_run(sys.argv[2], sys.argv[3])))
        sys.stdout.flush()
        os._exit(0)  # a workload's server thread must not hold the process
    path = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    variants = sys.argv[3:] or ['base', 'freeze']
    rates: dict = {variant: [] for variant in variants}
    for _ in range(runs):
        for variant in variants:
            out = subprocess.run([sys.executable, __file__, '--one', path, variant], capture_output=True, text=True, check=True)
            rates[variant].append(json.loads(out.stdout))
    print(f'{"variant":<12} runs  mean B/it  sd per interval across runs (pooled)  per interval')
    for variant, per_run in rates.items():
        spreads = [statistics.stdev(run[k] for run in per_run) for k in range(INTERVALS)]
        pooled = (sum(s * s for s in spreads) / len(spreads)) ** 0.5
        mean = statistics.mean(rate for run in per_run for rate in run)
        print(f'{variant:<12} {len(per_run):>4}  {mean:>9.0f}  {pooled:>9.1f}  {" ".join(f"{s:.0f}" for s in spreads)}')


if __name__ == '__main__':
    main()
