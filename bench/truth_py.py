"""Ground truth for a Python scenario (called by bench/truth.mjs): real retained bytes per iteration
(tracemalloc's traced current after gc.collect(), over a long measured pass read every `every` iterations:
the least-squares slope when there are more than two readings) or the lines that hold the measured pass's
growth (Snapshot.compare_to by line). Coroutine `run`s are awaited on one event loop, as memgate's probe does.
Usage: truth_py.py expect|bytes|sites <scenario.py> <warmup|default> <n> <every>. Prints one JSON object."""
import asyncio
import gc
import importlib.util
import json
import sys
import tracemalloc


def slope(xs, ys):
    mx = sum(xs) / len(xs)
    my = sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return 0.0 if den == 0 else sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den


def main(mode, path, warmup_arg, n, every):
    # Sites: deep stacks, so that what the standard library allocates for a line of the scenario (a LogRecord,
    # a Future, fetched rows) is charged to that line, as memgate charges it to the first frame in user code.
    tracemalloc.start(25 if mode == "sites" else 1)
    spec = importlib.util.spec_from_file_location("scenario", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    iterations = getattr(mod, "options", {}).get("iterations", 50)
    if mode == "expect":
        sys.stdout.write(json.dumps({"iterations": iterations, "measured": 0, "expect": mod.EXPECT}))
        return
    loop = asyncio.new_event_loop() if asyncio.iscoroutinefunction(mod.run) else None

    def run():
        return loop.run_until_complete(mod.run()) if loop else mod.run()

    warmup = iterations if warmup_arg == "default" else int(warmup_arg)
    every = min(every, n)
    if hasattr(mod, "setup"):
        mod.setup()
    for _ in range(warmup):
        run()
    gc.collect()
    xs, ys = [0], [tracemalloc.get_traced_memory()[0]]
    before = tracemalloc.take_snapshot() if mode == "sites" else None
    for i in range(1, n + 1):
        run()
        if mode == "bytes" and (i % every == 0 or i == n):
            gc.collect()
            xs.append(i)
            ys.append(tracemalloc.get_traced_memory()[0])
    gc.collect()
    out = {"iterations": iterations, "measured": n, "expect": mod.EXPECT}
    if mode == "bytes":
        out["bytesPerIteration"] = slope(xs, ys) if len(xs) > 2 else (ys[-1] - ys[0]) / n
        out["endToEnd"] = (ys[-1] - ys[0]) / n
    else:
        after = tracemalloc.take_snapshot()
        by_line = {}
        for stat in after.compare_to(before, "traceback"):
            # Traceback is oldest frame first: the scenario's innermost frame is the last one in its file.
            own = [f for f in stat.traceback if f.filename == path]
            if own:
                by_line[own[-1].lineno] = by_line.get(own[-1].lineno, 0) + stat.size_diff
        top = sorted(by_line.items(), key=lambda kv: -kv[1])[:3]
        out["top"] = [{"site": str(line), "bytesPerIteration": round(size / n)} for line, size in top]
    if hasattr(mod, "teardown"):
        mod.teardown()
    if loop:
        loop.close()
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
