"""The bare tracemalloc two-pass run, as the tracemalloc guide writes it: what memgate's Python probe costs is
measured against this (issue 15). tracemalloc.start(depth) before the import, setup, N calls, gc.collect(),
take_snapshot(), N calls, gc.collect(), take_snapshot(), compare_to(..., 'traceback'); a coroutine `run` is
awaited on one event loop, as memgate's probe does. Nothing else: no checkpoints, no folding, no report. Tracing
stops before compare_to (the guide's examples keep it on, which traces compare_to's own objects and made it up to
10x slower on snapshots of many traces): the sharper baseline.
Usage: python3 tracemalloc_two_pass.py <workload.py> <iterations|default> <depth> <gcRounds> <out.json>"""
import tracemalloc  # noqa: I001 - first, so that it is loaded before anything is traced
import asyncio
import gc
import importlib.util
import inspect
import json
import os
from peak_rss import peak_rss  # beside this file, on sys.path as the script's directory
import sys
import time


def main(path, iterations, depth, gc_rounds, out):
    started = time.perf_counter()
    tracemalloc.start(depth)
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location("workload", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    n = getattr(mod, "options", {}).get("iterations", 50) if iterations == "default" else int(iterations)
    loop = None

    def call(fn):
        nonlocal loop
        result = fn()
        if inspect.isawaitable(result):
            loop = loop or asyncio.new_event_loop()
            loop.run_until_complete(result)

    if hasattr(mod, "setup"):
        call(mod.setup)
    loaded = time.perf_counter()
    timings = []
    snapshots = []
    for _ in range(2):
        t0 = time.perf_counter()
        for _ in range(n):
            call(mod.run)
        t1 = time.perf_counter()
        for _ in range(gc_rounds):
            gc.collect()
        t2 = time.perf_counter()
        snapshots.append(tracemalloc.take_snapshot())
        timings.append(((t1 - t0) * 1000, (t2 - t1) * 1000, (time.perf_counter() - t2) * 1000))
    tracemalloc.stop()
    t0 = time.perf_counter()
    stats = snapshots[1].compare_to(snapshots[0], "traceback")
    compare_ms = (time.perf_counter() - t0) * 1000
    if hasattr(mod, "teardown"):
        call(mod.teardown)
    top = stats[0].traceback[-1] if stats else None  # tracemalloc lists the oldest frame first: the allocating frame is last
    max_rss = peak_rss()
    with open(out, "w") as f:
        json.dump(
            {
                "iterations": n,
                "depth": depth,
                "loadMs": (loaded - started) * 1000,
                "pass1Ms": timings[0][0],
                "pass2Ms": timings[1][0],
                "gcMs": timings[0][1] + timings[1][1],
                "snapshotMs": timings[0][2] + timings[1][2],
                "compareMs": compare_ms,
                "totalMs": (time.perf_counter() - started) * 1000,
                "top": f"{top.filename}:{top.lineno}" if top else None,
                "maxRss": max_rss,
            },
            f,
        )
    # Like memgate's probe: a thread the workload left running must not hold the process.
    sys.stdout.flush()
    os._exit(0)



if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
