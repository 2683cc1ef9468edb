"""Clean (service-shaped): http.server's ThreadingHTTPServer on 127.0.0.1 (port 0) in a thread, called with
urllib.request, one GET per iteration, nothing kept between requests. Thread and socket churn leaves a
warm-up tail that a short pass mistakes for growth (issue 10)."""
import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_server = None
_n = 0


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
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


# Ground truth (bench/truth.mjs, Python 3.11.7, tracemalloc): clean, 1 B/iteration (slope over 6,000 iterations after 3,000 of warm-up; runs 0 2 1); one 50-iteration pass after 50 of warm-up: 748 B/iteration, the warm-up tail.
EXPECT = {"leaks": False, "bytesPerIteration": 0, "service": True}
