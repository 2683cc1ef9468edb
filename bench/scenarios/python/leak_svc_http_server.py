"""Leak (service-shaped): clean_svc_http_server's server, whose handler opens a session per request and
never expires it (a dict per session with a 200-slot history list, ~2 KiB per request)."""
import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_server = None
_sessions = {}
_n = 0


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        _sessions[self.path] = {"path": self.path, "client": self.client_address[1], "history": [0] * 200}
        body = json.dumps({"ok": True, "path": self.path}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def setup():
    global _server
    _server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=_server.serve_forever, daemon=True).start()


def run():
    global _n
    _n += 1
    with urllib.request.urlopen(f"http://127.0.0.1:{_server.server_port}/items/{_n}") as res:
        return json.loads(res.read())["ok"]


def teardown():
    _server.shutdown()
    _server.server_close()


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): 1,957 B/iteration retained (slope over 6,000 iterations after 3,000 of warm-up, read every 500; runs 1957 1955 1957); one 50-iteration pass after 50 of warm-up: 2,790 B/iteration.
EXPECT = {"leaks": True, "bytesPerIteration": 1_957, "function": "Handler.do_GET", "line": 15, "service": True, "holder": "_sessions"}
