"""The baseline for memgate's overhead on Python: same two passes and forced GCs, no tracemalloc (a coroutine
`run` is awaited on one event loop, as memgate's probe does).
Usage: python3 plain_runner.py <workload.py> <iterations|default> <gcRounds> <out.json>"""
import asyncio
import gc
import importlib.util
import json
from peak_rss import peak_rss  # beside this file, on sys.path as the script's directory
import sys
import time


def main(path, iterations, gc_rounds, out):
    started = time.perf_counter()
    spec = importlib.util.spec_from_file_location("workload", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    n = getattr(mod, "options", {}).get("iterations", 50) if iterations == "default" else int(iterations)
    loop = asyncio.new_event_loop() if asyncio.iscoroutinefunction(mod.run) else None
    if hasattr(mod, "setup"):
        mod.setup()
    timings = []
    for _ in range(2):
        t0 = time.perf_counter()
        for _ in range(n):
            if loop:
                loop.run_until_complete(mod.run())
            else:
                mod.run()
        timings.append((time.perf_counter() - t0) * 1000)
        for _ in range(gc_rounds):
            gc.collect()
    if hasattr(mod, "teardown"):
        mod.teardown()
    max_rss = peak_rss()
    with open(out, "w") as f:
        json.dump({"iterations": n, "pass1Ms": timings[0], "pass2Ms": timings[1], "totalMs": (time.perf_counter() - started) * 1000, "heapUsed": 0, "maxRss": max_rss}, f)



if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
