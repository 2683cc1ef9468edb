"""Leak (service-shaped): clean_svc_asyncio_fanout without the done callback: the background-task set keeps
every finished audit task (and its coroutine's result) forever (4 tasks, ~3 KiB per request)."""
import asyncio

_background = set()
_n = 0


async def fetch_part(request, part):
    await asyncio.sleep(0)
    return {"request": request, "part": part, "score": (request * 31 + part) % 97}


async def audit(request, step):
    await asyncio.sleep(0)
    return step


async def run():
    global _n
    _n += 1
    parts = await asyncio.gather(*(fetch_part(_n, i) for i in range(8)))
    for step in range(4):
        task = asyncio.create_task(audit(_n, step))
        _background.add(task)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return sum(p["score"] for p in parts)


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): 3,036 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 3037 3036 3036); one 50-iteration pass after 50 of warm-up: 3,445 B/iteration.
EXPECT = {"leaks": True, "bytesPerIteration": 3_036, "function": "run", "line": 24, "service": True, "holder": "_background"}
