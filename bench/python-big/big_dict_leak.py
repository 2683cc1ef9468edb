"""A cache that is never evicted, filled fast: every call adds 4,000 entries of a short string key and value (~320 KiB a
call). bench/python-big/compare.sh runs it with memgate and with the bare tracemalloc script."""
_cache = {}
_n = 0


def run():
    global _n
    for _ in range(4000):
        _n += 1
        _cache[f"user:{_n}"] = f"payload-{_n:08d}"
