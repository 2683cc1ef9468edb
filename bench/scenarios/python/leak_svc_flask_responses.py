"""Leak (service-shaped, real PyPI libraries): clean_svc_flask's server and client, but the client keeps every
requests.Response "for the audit log": each holds its headers, body, request and history, most of it allocated
deep inside requests, urllib3 and http.client, a dozen or more frames below the line that keeps it.
Skipped where Flask or requests is not installed (bench/lib/corpus.ts)."""
import threading

import requests
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

app = Flask(__name__)
_server = None
_session = None
_audit = []
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
    response = _session.get(f"http://127.0.0.1:{_server.server_port}/items/{_n}")
    _audit.append(response)
    return response.json()["ok"]


def teardown():
    _session.close()
    _server.shutdown()


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): 8,652 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up; runs 8652 8102 8652); one 50-iteration pass after 50 of warm-up: 8,806 B/iteration.
EXPECT = {"leaks": True, "bytesPerIteration": 8_652, "function": "run", "line": 33, "service": True, "holder": "_audit", "requires": ["flask", "requests"]}
