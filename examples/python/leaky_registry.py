# Callbacks registered on every call and never removed: the classic listener leak.
_listeners = []


def on_event(payload):
    _listeners.append(lambda: payload)  # each closure keeps its 4 KiB payload alive


def run():
    on_event(bytes(4096))


options = {"iterations": 50}
