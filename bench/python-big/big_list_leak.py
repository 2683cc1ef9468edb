"""A leak that grows fast: every call appends 20,000 floats to a module-level list (~470 KiB a call; 3.9 million floats
by the end of memgate's confirmation). bench/python-big/compare.sh runs it with memgate and with the bare tracemalloc
script."""
_samples = []
_base = 0.25


def run():
    global _base
    _base += 1.0
    _samples.extend([_base + k * 0.5 for k in range(20000)])
