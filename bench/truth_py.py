"""Ground truth for a Python scenario (called by bench/truth.mjs): real retained bytes per iteration
(tracemalloc's traced current after gc.collect(), over a long measured pass) or the lines that hold
the pass-2 growth (Snapshot.compare_to by line). Prints one JSON object on stdout."""
import gc
import importlib.util
import json
import sys
import tracemalloc


def main(mode, path, factor):
    tracemalloc.start(1)
    spec = importlib.util.spec_from_file_location("scenario", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    iterations = getattr(mod, "options", {}).get("iterations", 50)
    if hasattr(mod, "setup"):
        mod.setup()
    for _ in range(iterations):
        mod.run()
    n = iterations * factor
    gc.collect()
    before_size = tracemalloc.get_traced_memory()[0]
    before = tracemalloc.take_snapshot() if mode == "sites" else None
    for _ in range(n):
        mod.run()
    gc.collect()
    after_size = tracemalloc.get_traced_memory()[0]
    out = {"iterations": iterations, "measured": n, "expect": mod.EXPECT}
    if mode == "bytes":
        out["bytesPerIteration"] = (after_size - before_size) / n
    else:
        after = tracemalloc.take_snapshot()
        keep = [tracemalloc.Filter(True, path)]
        stats = after.filter_traces(keep).compare_to(before.filter_traces(keep), "lineno")
        out["top"] = [
            {"site": f"{s.traceback[0].lineno}", "bytesPerIteration": round(s.size_diff / n)} for s in stats[:3]
        ]
    if hasattr(mod, "teardown"):
        mod.teardown()
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
