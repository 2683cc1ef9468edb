"""Leak: a callback registry that every subscriber adds to and nobody removes from; each callback's
closure keeps the subscriber's context (a 256-slot history list) alive."""

_callbacks = []


def subscribe(user_id):
    context = {"user": user_id, "history": [0] * 256}
    _callbacks.append(lambda event: context["history"].append(event))


_user = 0


def run():
    global _user
    _user += 1
    subscribe(_user)


# Ground truth (bench/truth.mjs, tracemalloc, Python 3.11): one 50-iteration pass retains 2,538 B/iteration;
# over 1,000 iterations the average is 2,562. Iterations are pinned so the figure holds.
options = {"iterations": 50}
EXPECT = {"leaks": True, "bytesPerIteration": 2_538, "function": "subscribe", "line": 8, "holder": "_callbacks"}
