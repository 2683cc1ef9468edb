"""Loads memgate's Python probe. The `python -c` bootstrap (measure/python-command.ts) runs this file, its path in
sys.argv[1], in __main__'s namespace: it leaves there `g`, the globals python_probe.py (beside this file) ran in, and
the bootstrap calls g['main'](). This file's frames are gone by then: nothing of it lies under the workload's
allocations.

The probe's modules run from bytecode cached as Python caches a module's: __pycache__/<name>.<cache tag>.pyc beside the
source (PEP 3147, PYTHONPYCACHEPREFIX honoured), not written under -B or PYTHONDONTWRITEBYTECODE, checked against a hash
of the source (PEP 552) rather than its mtime, since npm gives every file of every version one mtime. The query of the
interpreter (python-command.ts) fills the cache first, in a process of its own (warm()). Compiled in the measured
process, python_probe.py cost ~32 ms and 4.2 MiB of traced peak, and python_retainers.py, which the retainer step
loads at the process's busiest, ~13 ms and 2.2 MiB, against 1.5 ms and 0.3 MiB from the cache
(bench/python_probe_costs.py); 2-3 MiB of the whole run's peak RSS (VmHWM polled
during `memgate run bench/scenarios/python/leak_svc_http_server.py`, with PYTHONDONTWRITEBYTECODE=1 and without, the
naming in chunks either way: 49-52 MiB compiled, 47-51 MiB cached, by the length of its confirmation)."""
import sys

if sys.path and not sys.path[0]:
    # `python -c` puts the working directory first: a project's types.py or warnings.py (importlib.util imports them)
    # must not shadow the standard library's. The probe puts the workload's directory on the path itself.
    del sys.path[0]

import importlib.util  # noqa: E402
import marshal  # noqa: E402
import os  # noqa: E402

# The user's say (-B, PYTHONDONTWRITEBYTECODE), read before the probe sets sys.dont_write_bytecode for the workload's
# import (python_probe.load_workload).
WRITE_BYTECODE = not sys.dont_write_bytecode
# This file's directory: the bootstrap runs it from a string, its path in sys.argv[1]; the query gives __file__.
HERE = os.path.dirname(os.path.abspath(globals().get('__file__') or sys.argv[1]))
MODULES = ('python_probe.py', 'python_retainers.py')
# PEP 552's flags: a hash-based pyc (bit 0), checked against its source whenever loaded (bit 1).
CHECKED_HASH = (0b11).to_bytes(4, 'little')


def compiled(path: str):
    """The code of the module at path: from its cached bytecode when that was compiled from this very source at this
    very path, else compiled now, and cached unless bytecode is not to be written."""
    source, cache, header = _identify(path)
    code = _cached(path, cache, header)
    return code if code is not None else _compile(path, source, cache, header)


def warm() -> None:
    """Compiles the probe's modules into the cache now, those not cached yet: python-command.ts's query of the
    interpreter runs this in a process of its own, before the probe's, which then loads them without compiling."""
    if not WRITE_BYTECODE:
        return
    for name in MODULES:
        path = os.path.join(HERE, name)
        source, cache, header = _identify(path)
        if cache is not None and _writable(cache) and _cached(path, cache, header) is None:
            _compile(path, source, cache, header)


def _identify(path: str) -> tuple:
    """(source, its cache file or None, the header that cache must start with)."""
    with open(path, 'rb') as file:
        source = file.read()
    try:
        cache = importlib.util.cache_from_source(path)
    except (NotImplementedError, ValueError):  # an implementation without a cache tag
        cache = None
    return source, cache, importlib.util.MAGIC_NUMBER + CHECKED_HASH + importlib.util.source_hash(source)


def _cached(path: str, cache, header: bytes):
    """The cache's code if it was compiled from this source (the header) as this file (its co_filename: the same
    install reached by another path, a bind mount or a moved checkout, would name the other, and the probe tells its
    own frames by their file), else None."""
    if cache is None:
        return None
    try:
        with open(cache, 'rb') as file:
            data = file.read()
        if data[:len(header)] == header:
            code = marshal.loads(memoryview(data)[len(header):])
            if getattr(code, 'co_filename', None) == path:
                return code
    except (OSError, EOFError, ValueError, TypeError):  # none yet, unreadable, or cut short: compiled again
        pass
    return None


def _compile(path: str, source: bytes, cache, header: bytes):
    code = compile(source, path, 'exec', dont_inherit=True)
    if cache is not None and WRITE_BYTECODE:
        _write(cache, header + marshal.dumps(code))
    return code


def _writable(cache: str) -> bool:
    """Whether the cache's directory (or, not made yet, its parent) can be written to: a read-only install is not
    compiled for at every query."""
    directory = os.path.dirname(cache)
    return os.access(directory if os.path.isdir(directory) else os.path.dirname(directory), os.W_OK)


def _write(cache: str, data: bytes) -> None:
    """Written whole or not at all: to a file of its own (created exclusively, as importlib does), then renamed over the
    cache, so that two probes writing at once leave one whole file; a place that cannot be written to only means
    compiling again next time."""
    temporary = f'{cache}.{os.getpid()}.{os.urandom(4).hex()}.tmp'
    try:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, 'O_BINARY', 0), 0o666)
        with open(descriptor, 'wb') as file:
            file.write(data)
        os.replace(temporary, cache)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass


def _probe_globals() -> dict:
    probe = os.path.join(HERE, 'python_probe.py')
    namespace = {'__name__': 'memgate_python_probe', '__file__': probe, 'compiled': compiled}
    exec(compiled(probe), namespace)  # noqa: S102 - memgate's own module
    return namespace


if __name__ == '__main__':  # the bootstrap's
    g = _probe_globals()
