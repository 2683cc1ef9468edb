"""Loads memgate's Python probe. The `python -c` bootstrap (measure/python-command.ts) runs this file, its path in
sys.argv[1], in __main__'s namespace: it leaves there `g`, the globals python_probe.py (beside this file) ran in, and
the bootstrap calls g['main'](). This file's frames are gone by then: nothing of it lies under the workload's
allocations.

The probe's modules run from bytecode cached as Python caches a module's: __pycache__/<name>.<cache tag>.pyc beside the
source (PEP 3147, PYTHONPYCACHEPREFIX honoured), not written under -B or PYTHONDONTWRITEBYTECODE, checked against a hash
of the source (PEP 552) rather than its mtime, since npm gives every file of every version one mtime. Compiling them
at each run cost time and memory: python_probe.py 25-40 ms and 4.5 MiB of peak RSS in a fresh interpreter;
python_retainers.py, which the retainer step loads at the process's busiest, 13-19 ms and 2-3 MiB of the whole run's
peak RSS (the http.server leak: 51-53 -> 47-50 MiB; bench/results/quick.md)."""
import importlib.util
import marshal
import os
import sys

# The user's say (-B, PYTHONDONTWRITEBYTECODE), read before the probe sets sys.dont_write_bytecode for the workload's
# import (python_probe.load_workload).
WRITE_BYTECODE = not sys.dont_write_bytecode
# This file's directory: the bootstrap runs it from a string, its path in sys.argv[1]; the query gives __file__.
HERE = os.path.dirname(os.path.abspath(globals().get('__file__') or sys.argv[1]))
MODULES = ('python_probe.py', 'python_retainers.py')
# PEP 552's flags: a hash-based pyc (bit 0), checked against its source whenever loaded (bit 1).
CHECKED_HASH = (0b11).to_bytes(4, 'little')


def compiled(path: str):
    """The code of the module at path: from its cached bytecode when that was compiled from this very source, else
    compiled now, and cached unless bytecode is not to be written."""
    source, cache, header = _identify(path)
    if cache is not None:
        try:
            with open(cache, 'rb') as file:
                data = file.read()
            if data[:len(header)] == header:
                return marshal.loads(memoryview(data)[len(header):])
        except (OSError, EOFError, ValueError, TypeError):  # none yet, unreadable, or cut short: compiled again
            pass
    return _compile(path, source, cache, header)


def warm() -> None:
    """Compiles the probe's modules into the cache now, those not cached yet: python-command.ts's query of the
    interpreter runs this in a process of its own, before the probe's, which then loads them without compiling (that
    cost the measured process's peak RSS 2-3 MiB when python_retainers.py was compiled there)."""
    if not WRITE_BYTECODE:
        return
    for name in MODULES:
        path = os.path.join(HERE, name)
        source, cache, header = _identify(path)
        if cache is None:
            continue
        try:
            with open(cache, 'rb') as file:
                if file.read(len(header)) == header:
                    continue
        except OSError:
            pass
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


def _compile(path: str, source: bytes, cache, header: bytes):
    code = compile(source, path, 'exec', dont_inherit=True)
    if cache is not None and WRITE_BYTECODE:
        _write(cache, header + marshal.dumps(code))
    return code


def _write(cache: str, data: bytes) -> None:
    """Written whole or not at all (two probes may write it at once); a directory that cannot be written to only
    means compiling again next time."""
    temporary = f'{cache}.{os.getpid()}.tmp'
    try:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        with open(temporary, 'wb') as file:
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
