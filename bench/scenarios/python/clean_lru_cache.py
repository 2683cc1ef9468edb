"""Clean: functools.lru_cache over a fixed key set (32 keys): filled during the warm-up pass, flat after."""
import functools


@functools.lru_cache(maxsize=None)
def rate_table(currency):
    return [len(currency)] * 4096


_call = 0


def run():
    global _call
    _call += 1
    return rate_table(f"C{_call % 32}")[0]


EXPECT = {"leaks": False, "bytesPerIteration": 0}
