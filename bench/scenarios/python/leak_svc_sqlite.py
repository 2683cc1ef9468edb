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


def recent_orders_cached(customer, request):
    rows = _db.execute("SELECT id, customer, total, note FROM orders WHERE customer = ? ORDER BY id DESC LIMIT 6", (customer,)).fetchall()
    _cache[(customer, request)] = rows
    return rows


def run():
    global _n
    _n += 1
    customer = f"c{_n % 40}"
    _db.execute("INSERT INTO orders VALUES (?, ?, ?, ?)", (_n, customer, (_n % 500) / 10, f"order {_n} for {customer}: " + "gift wrap, " * (_n % 8)))
    rows = recent_orders_cached(customer, _n)
    _db.execute("DELETE FROM orders WHERE id <= ?", (_n - 1000,))
    _db.commit()
    return len(rows)


def teardown():
    _db.close()


EXPECT = {"leaks": True, "bytesPerIteration": 2_000, "function": "recent_orders_cached", "line": 18, "service": True}
