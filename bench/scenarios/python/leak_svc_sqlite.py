"""Leak (service-shaped): clean_svc_sqlite with a query-result cache keyed by (customer, request id): the
key never repeats, so every request's result rows stay (~2 KiB per request)."""
import sqlite3

_db = None
_cache = {}
_n = 0


def setup():
    global _db
    _db = sqlite3.connect(":memory:")
    _db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, total REAL, note TEXT)")
    _db.execute("CREATE INDEX orders_customer ON orders (customer, id)")
    # Ten orders per customer before the first request, so every request reads a full page of rows.
    global _n
    while _n < 400:
        _n += 1
        place_order(_n)


def place_order(n):
    customer = f"c{n % 40}"
    _db.execute("INSERT INTO orders VALUES (?, ?, ?, ?)", (n, customer, (n % 500) / 10, f"order {n} for {customer}: " + "gift wrap, " * (n % 8)))
    return customer


def recent_orders_cached(customer, request):
    rows = _db.execute("SELECT id, customer, total, note FROM orders WHERE customer = ? ORDER BY id DESC LIMIT 6", (customer,)).fetchall()
    _cache[(customer, request)] = rows
    return rows


def run():
    global _n
    _n += 1
    customer = place_order(_n)
    rows = recent_orders_cached(customer, _n)
    _db.execute("DELETE FROM orders WHERE id <= ?", (_n - 1000,))
    _db.commit()
    return len(rows)


def teardown():
    _db.close()


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): 2,015 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 2015 2015 2015); one 50-iteration pass after 50 of warm-up: 1,933 B/iteration.
EXPECT = {"leaks": True, "bytesPerIteration": 2_015, "function": "recent_orders_cached", "line": 29, "service": True, "holder": "_cache"}
