"""Clean (service-shaped, real PyPI libraries): a Flask app served by werkzeug's threaded server on 127.0.0.1
(port 0) in a thread, called over loopback with one requests.Session (as requests' README suggests, for its
connection pool), one GET per iteration that reads and returns JSON; nothing kept between requests.
Skipped where Flask or requests is not installed (bench/lib/corpus.ts)."""
import threading

import requests
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

app = Flask(__name__)
_server = None
_session = None
_n = 0


@app.get("/items/<int:item>")
def item(item):
    return jsonify(ok=True, item=item, agent=request.headers.get("user-agent", ""))


def setup():
    global _server, _session
    _server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=_server.serve_forever, daemon=True).start()
    _session = requests.Session()


def run():
    global _n
    _n += 1
    return _session.get(f"http://127.0.0.1:{_server.server_port}/items/{_n}").json()["ok"]


def teardown():
    _session.close()
    _server.shutdown()


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): clean, 1 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs 440 1 -549); one 50-iteration pass after 50 of warm-up: 257 B/iteration.
EXPECT = {"leaks": False, "bytesPerIteration": 0, "service": True, "requires": ["flask", "requests"]}
