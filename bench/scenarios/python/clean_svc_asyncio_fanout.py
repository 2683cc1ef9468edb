"""Clean (service-shaped): an async handler fans out to 8 coroutines with asyncio.gather and fires 4
background audit tasks, keeping them in a set until done, as asyncio's documentation says to
(add_done_callback(discard))."""
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
        task.add_done_callback(_background.discard)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return sum(p["score"] for p in parts)


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): clean, 1 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs 1 1 3); one 50-iteration pass after 50 of warm-up: 59 B/iteration, the warm-up tail.
EXPECT = {"leaks": False, "bytesPerIteration": 0, "service": True}
