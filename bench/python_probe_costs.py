"""What the Python probe's own loading and naming cost, measured apart (issue 15): compiling python_probe.py and
python_retainers.py from source against loading their cached bytecode (python_loader.compiled), and the naming's parse
of a long module whole against in chunks (python_probe.scopes_by_chunk). Time, and tracemalloc's traced peak for each.

Usage: python3 bench/python_probe_costs.py [rounds]"""
import ast
import importlib.util
import marshal
import os
import sys
import time
import tracemalloc
import urllib.request

PROBE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'measure', 'probe')
sys.path.insert(0, PROBE_DIR)
import python_probe  # noqa: E402


def measure(work) -> tuple:
    """(ms, traced peak KiB) of work(), traced."""
    tracemalloc.start()
    started = time.perf_counter()
    work()
    ms = (time.perf_counter() - started) * 1000
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return ms, peak // 1024


def main(rounds: int) -> None:
    for name in ('python_probe.py', 'python_retainers.py'):
        path = os.path.join(PROBE_DIR, name)
        source = open(path, 'rb').read()
        data = marshal.dumps(compile(source, path, 'exec', dont_inherit=True))
        for _ in range(rounds):
            compiled = measure(lambda: compile(source, path, 'exec', dont_inherit=True))
            cached = measure(lambda: marshal.loads(data))
            print(f'{name}: compiled {compiled[0]:.1f} ms, peak {compiled[1]} KiB; from its cache {cached[0]:.1f} ms, peak {cached[1]} KiB')
    path = urllib.request.__file__
    lines = python_probe.source_lines(path)
    for _ in range(rounds):
        whole = measure(lambda: python_probe.scopes_in(ast.parse(''.join(lines), path), 0))
        chunks = measure(lambda: python_probe.scopes_by_chunk(lines, path))
        print(f'naming {os.path.basename(path)} ({len(lines)} lines): whole {whole[0]:.1f} ms, peak {whole[1]} KiB; in chunks {chunks[0]:.1f} ms, peak {chunks[1]} KiB')
    print(f'Python {sys.version.split()[0]}; cache tag {sys.implementation.cache_tag}; magic {importlib.util.MAGIC_NUMBER.hex()}')


if __name__ == '__main__':
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
