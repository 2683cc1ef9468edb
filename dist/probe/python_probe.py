"""memgate's Python probe: runs one workload module inside this process under tracemalloc.

Started by memgate's runner as `python -X utf8 -c <bootstrap> python_loader.py` (python-command.ts: the loader
runs this file from its cached bytecode, and the bootstrap its main()) with three environment variables
(see src/measure/protocol.ts): MEMGATE_CONFIG (the ProbeConfig as JSON), MEMGATE_EVENTS (a file
that gets one JSON event per line, flushed each time, so a crash still leaves the last phase) and
MEMGATE_RESULT (where the ProbeResult goes, written to a .tmp file first and renamed).
Nothing is ever written to stdout or stderr: those belong to the workload.

The workload is a module exposing run() (one iteration), optional setup(), teardown() and an
`options` dict such as {"iterations": 100}. Standard library only; Python 3.9+.
"""
from __future__ import annotations

if __name__ == '__main__':
    # Run as a script (`python python_probe.py`), it runs itself as a module from here, its first statement: at every
    # allocation tracemalloc computes the line of each frame on the stack, scanning each code object's line table up
    # to where that frame is, and a frame parked deep in this long module would cost more than most workloads' own
    # frames. memgate itself starts it through a `python -c` bootstrap instead (python-command.ts): the interpreter
    # keeps a script's syntax tree until the script ends, megabytes of RSS for a file this long.
    import sys
    import types

    _probe = types.ModuleType('memgate_python_probe')
    _probe.__file__ = __file__
    exec(sys._getframe().f_code, _probe.__dict__)  # noqa: S102 - this file's own code, as a module
    _probe.leave(_probe.main())

import sys

if sys.path and not sys.path[0]:
    # `python -c` (memgate's bootstrap) puts the working directory first: a project's json.py must not shadow the
    # probe's imports. The probe puts the workload's directory on the path itself.
    del sys.path[0]

import ast
# Only an async workload needs asyncio, but the modules it brings (socket, selectors, enum, ...) are then imported
# untraced where a service's own import would trace them: without it and inspect, the http.server leak's start fell by
# ~105 ms and its import rose by ~150 ms (2026-12-07, side by side on one CPU). Again with the import at IMPORT_FRAMES,
# asyncio imported by load_workload only for an async def run (4 alternating pairs each, unpinned, 2026-12-07): the
# http.server leak's start -40..-60 ms, its import +40..+90, its wall unchanged (2.54-3.20 s against 2.57-3.28); a small
# sync workload 0.45-0.59 -> 0.39-0.45 s; an asyncio one 0.69-0.87 -> 0.99-1.27 s (asyncio's import traced, 190-300 ms).
import asyncio
import fnmatch
import gc
import importlib.util
import inspect
import json
import linecache
import math
import operator
import os
import re
import site
import sysconfig
import threading
import time
import traceback

try:  # Imported up front so that none of the probe's own imports land in the measured snapshots.
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

try:
    import tracemalloc
except ImportError:  # e.g. PyPy
    tracemalloc = None  # type: ignore[assignment]

PROBE_FILE = os.path.abspath(__file__)
# The loader's frames are the probe's too (python_loader.py: only in load_retainers, once the snapshots are taken).
PROBE_NAMES = {PROBE_FILE, __file__, os.path.join(os.path.dirname(PROBE_FILE), 'python_loader.py')}
START = time.perf_counter()
CWD = os.getcwd()
# Frames that belong to the import machinery, tracemalloc or this probe are never the workload's.
IMPORTLIB_FILES = ('<frozen importlib._bootstrap>', '<frozen importlib._bootstrap_external>')
# The code of `python -c` (python-command.ts's bootstrap), the main thread's outermost frame under the probe's.
BOOTSTRAP_FILE = '<string>'


class Channel:
    """The append-only events file; each line is flushed at once so that it survives a kill."""

    def __init__(self, path: str | None) -> None:
        self.file = open(path, 'a', encoding='utf-8') if path else None

    def send(self, event: dict) -> None:
        if self.file is None:
            return
        self.file.write(json.dumps(event) + '\n')
        self.file.flush()


class WorkloadFailure(Exception):
    """Ends the run with an 'error' event; `kind` is a WorkloadErrorKind."""

    def __init__(self, kind: str, message: str, stack: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.stack = stack


class Position:
    """Where the workload is, for error and exit events."""

    phase = 'load'
    iteration: int | None = None


# ---------------------------------------------------------------- memory figures

def _page_size() -> int:
    try:
        return os.sysconf('SC_PAGE_SIZE')
    except (AttributeError, ValueError, OSError):
        return 4096


PAGE_SIZE = _page_size()


def max_rss() -> int:
    """This process's peak RSS in bytes: Linux's VmHWM, else ru_maxrss (KiB on Linux, bytes on macOS). Not ru_maxrss
    where VmHWM is to be had: Linux carries into it what the parent's forked copy held before exec, so a process
    spawned by a large one reads high (bench/rss-inheritance.mjs: spawned by a Node process of 0.9-1.4 GiB,
    python3 -c "" read 67-135 MiB of ru_maxrss, 13 MiB of VmHWM)."""
    try:
        with open('/proc/self/status', 'rb') as status:
            for line in status:
                if line.startswith(b'VmHWM:'):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    if resource is None:
        return 0
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value if sys.platform == 'darwin' else value * 1024


def current_rss() -> int:
    try:
        with open('/proc/self/statm', 'rb') as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return max_rss()  # No /proc (macOS): the high-water mark is the best cheap figure.


class Memory:
    peak_rss = 0
    traced_at_stop = 0  # After tracing stops, events still say what it last traced.

    @classmethod
    def figures(cls) -> dict:
        traced = tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else cls.traced_at_stop
        rss = current_rss()
        cls.peak_rss = max(cls.peak_rss, rss)
        return {'heapUsed': traced, 'heapTotal': 0, 'external': 0, 'arrayBuffers': 0, 'rss': rss}


class Clock:
    """memgate's own work by phase (the result's timings): forced collections, and snapshots and their diff."""

    collect_ms = 0.0
    snapshot_ms = 0.0
    compare_ms = 0.0
    fold_ms = 0.0


def take_snapshot():
    started = time.perf_counter()
    snapshot = tracemalloc.take_snapshot()
    Clock.snapshot_ms += (time.perf_counter() - started) * 1000
    return snapshot


def stop_tracing() -> None:
    if tracemalloc.is_tracing():
        Memory.traced_at_stop = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()


# Frames per trace while the workload is imported: two, not one, since the retainer step takes an object traced with one
# frame for one the confirmation allocated (python_retainers.Tracebacks.at_sites), and a module-level table a library
# built at import (CONFIG = json.loads(...)) was then named as the holder of a leak through the same library line.
IMPORT_FRAMES = 2


class TracebackLimit:
    """tracemalloc's traceback limit, lowered to IMPORT_FRAMES for the workload's import and to one frame for the
    confirmation, or to none where no retainer step follows it.

    The import: tracemalloc records every frame of each new trace, and finds each frame's line by scanning its code up
    to where it stands; an import's stacks are deep (importlib's frames for each nested import), so importing Flask and
    requests took 5.4-5.8 s traced at 32 frames against 0.95-0.97 s at two, 0.19-0.21 s untraced (boto3: 6.6 s,
    1.10-1.15 s, 0.26-0.29 s; http.server and urllib: 0.43-0.45 s, 0.11 s, 0.04 s; bench/tracemalloc_cost.py). What
    the import allocates and keeps is in both snapshots, and cancels out of the diff whatever its stack. The setup
    and the passes run at the configured depth again (restore()): what they allocate and pass 2 frees is charged
    through its whole stack, as pass 2's own blocks are (a bounded buffer turned over in pass 2 nets to zero at the
    line that fills it). An import-time block that pass 2 frees is charged to its innermost frames, where a full-depth
    import charged it to the module-level line that made it; the line in run() that replaced it grows as much either
    way, so the growing rows are those of a full-depth import. Modules imported later (in setup() or run()) are traced at the configured depth.

    The confirmation reads only tracemalloc's traced total, the sum of the live blocks' sizes: how many frames each
    new trace records does not change it, and recording 32 makes a service's request cost 3-4.5x what recording 1
    does (bench/tracemalloc_cost.py: the http.server leak 5.0-6.5 ms a request against 1.5-1.6 ms, 0.7-0.8
    untraced; the Flask leak 21-25 against 5.4-5.7, 2.1-2.3 untraced). At none, every block is still traced at its
    size, with tracemalloc's empty traceback: no line to find, no traceback to hash and keep (the http.server leak's
    confirmation with retainers-max-heap 0, 6 alternating pairs: 425-531 ms against 537-687 at one frame,
    bench/results/python-http-pairs.md). Only the retainer step reads the confirmation's frames, so none is recorded
    where it cannot run. 3.9+ checks the limit before it records a frame (3.8 recorded the first one whatever the
    limit).

    tracemalloc has no API for it: start() returns early while tracing, and stop() drops every trace (the frees of
    the blocks traced before would then go unseen, and a bounded cache's turnover would read as growth). So the limit
    is written in place, where tracemalloc keeps it: found by reading the interpreter's memory before and after
    tracemalloc.start(), as the one place whose (initialized, tracing, max_nframe) ints went from (any, 0, the old
    limit) to (1, 1, depth) (3.9-3.11 export that struct as _Py_tracemalloc_config; 3.12+ keep it in _PyRuntime, read
    only where /proc/self/maps bounds it). Nothing is written unless exactly one place matched, and each write is
    checked by get_traceback_limit(); otherwise everything runs at full depth.

    Lowering is always safe: tracemalloc stops recording at the limit, into a frame buffer sized for the limit it
    started with, or for a larger one should a workload thread restart tracing meanwhile. Raising it back is safe only
    in the session whose buffer was sized for it (a workload that restarted tracemalloc at a smaller limit crashed when
    the probe raised it, found by a review): restore() writes only while the witness, an object allocated as tracing
    started, is still traced (stop() forgets every trace), once, right after the import (threads the workload's module
    started may be running). The confirmation's limit is never raised back: nothing traced after it is
    measured (the snapshots were taken before it; the retainer step's reading and the teardown follow, and tracing
    stops)."""

    SPAN = 65536  # How far into _PyRuntime the struct is looked for (3.12: at 2,768 bytes; 3.13: 10,080).

    def __init__(self, address: int | None, depth: int) -> None:
        self.address = address
        self.depth = depth
        self.witness = object()  # Allocated while tracing (start()): traced for as long as this session lasts.

    @classmethod
    def start(cls, depth: int) -> 'TracebackLimit':
        """tracemalloc.start(depth), finding the limit's place on the way (address None where it cannot)."""
        region = _tracemalloc_region()
        before = _read(region)
        old_limit = tracemalloc.get_traceback_limit()
        tracemalloc.start(depth)
        after = _read(region)
        address = None
        if before is not None and after is not None and len(before) == len(after):
            import struct  # Loaded before tracing started (_tracemalloc_region), with ctypes.
            found = [offset for offset in range(0, len(after) - 11, 4)
                     if struct.unpack_from('iii', after, offset) == (1, 1, depth)
                     and struct.unpack_from('ii', before, offset + 4) == (0, old_limit)]
            if len(found) == 1:
                address = region[0] + found[0] + 8
        return cls(address, depth)

    def lower(self, frames: int = 1) -> bool:
        """Sets the limit to `frames` (fewer than the depth); whether it did."""
        return self.depth > frames and self._set(frames)

    def restore(self) -> bool:
        """Sets the limit back to the depth tracing started with, after lower(); whether it did.

        Nothing may restart tracing between the witness check and the write: so it is done only under the GIL of the
        one interpreter (serialised()), with the collector off (a finalizer could run any code), the switch interval
        stretched (a thread that starts waiting for the GIL asks for it after 50 ms instead of 5; one already waiting
        may still ask within 5 ms) and nothing but the check between reading the place and writing it. A thread that
        asked, or a signal handler, could still run there; either would have to restart tracemalloc in those few
        instructions."""
        if self.depth <= 1 or not serialised():
            return False
        interval, collecting = sys.getswitchinterval(), gc.isenabled()
        sys.setswitchinterval(max(interval, 0.05))
        gc.disable()
        try:
            return self._set(self.depth)
        finally:
            if collecting:
                gc.enable()
            sys.setswitchinterval(interval)

    def _set(self, frames: int) -> bool:
        if self.address is None:
            return False
        import ctypes
        place = ctypes.c_int.from_address(self.address)  # Before the check: nothing but it runs before the write.
        if not tracemalloc.is_tracing() or tracemalloc.get_object_traceback(self.witness) is None:
            return False  # Not tracing, or tracing anew since start(): not the session whose limit was found.
        previous = place.value
        place.value = frames
        if tracemalloc.get_traceback_limit() == frames:
            return True
        place.value = previous
        self.address = None
        return False


class UntracedAllocations:
    """From a point until tracing stops, new objects go untraced while every trace already made stays readable: for
    the retainer step's reading (python_retainers.read_tracebacks), after which the probe stops tracing. The reading
    asks tracemalloc for the traceback of each reachable object, and each answer is a fresh tuple of 1 + depth tuples:
    traced, each of those allocations and frees costs a record in tracemalloc's tables (the whole capture, in npm run
    bench's holder table: the Flask leak 1.79 s -> 0.93 s, the http.server leak 0.53 s -> 0.27 s).

    tracemalloc traces by wrapping the interpreter's allocators: start() installs its hooks over the ones it found,
    stop() puts those back and drops every trace. start() here puts back those of the object and "mem" domains, as
    read before tracemalloc.start(): the traces stay (get_object_traceback still answers), new blocks of those domains
    are not traced, and stop() later writes the same allocators again. Nothing is ever put back the other way: a
    workload thread may stop tracing at any moment between a check and a write, and tracemalloc's hooks reinstalled
    once tracing stopped crash at the next allocation before CPython 3.12.9/3.13.2 (gh-128679; found by a review with
    a thread calling stop(), 3.9-3.13). Writing the allocators already in place, should stop() come first, is
    harmless. The raw domain keeps its hook, as its callers may not hold the GIL (it serves few of the reading's
    allocations: blocks over 512 bytes); the other two are used under the GIL, which the write holds, unless another
    interpreter runs with a GIL of its own (3.12+), so nothing is written while one exists. A block allocated traced
    and freed untraced keeps its trace until tracing stops (a new object at its address gets its own). Nothing is
    written unless tracing is still the session this found (TracebackLimit's witness) and the current allocators are
    exactly the hooks found then: otherwise the reading runs traced, as before. Builds without the GIL (free-threaded)
    are left alone; the ctypes functions are the probe's own, not ctypes.pythonapi's shared attributes (whose argtypes
    a workload may set or use)."""

    DOMAINS = (1, 2)  # PYMEM_DOMAIN_MEM, PYMEM_DOMAIN_OBJ

    def __init__(self, wrapped: list | None, witness) -> None:
        """wrapped: read() before tracemalloc.start(); witness: an object allocated right after it (TracebackLimit's)."""
        api = _allocator_api()
        hooks = _allocators(api) if api and wrapped else None
        if hooks is None or any(_fields(a) == _fields(b) for a, b in zip(wrapped, hooks)):
            wrapped = hooks = None  # tracemalloc did not hook both domains: not what this knows how to undo
        self.wrapped = wrapped
        self.hooks = hooks
        self.witness = witness

    @staticmethod
    def read() -> list | None:
        """The allocators of the two domains now (before tracemalloc.start(): the ones its hooks will wrap)."""
        api = _allocator_api()
        return _allocators(api) if api else None

    def start(self) -> bool:
        """New objects of the two domains go untraced from now until tracing stops; whether they do."""
        if self.hooks is None or not tracemalloc.is_tracing() or tracemalloc.get_object_traceback(self.witness) is None:
            return False
        api = _allocator_api()
        if api is None or not _one_interpreter() or [_fields(a) for a in _allocators(api)] != [_fields(a) for a in self.hooks]:
            return False
        for domain, allocator in zip(self.DOMAINS, self.wrapped):
            api[1](domain, allocator)
        return True


def serialised() -> bool:
    """Whether one thread at a time runs Python code in this process: a GIL (not a free-threaded build that runs
    without one), and no subinterpreter (3.12+ may give one a GIL of its own)."""
    gil = getattr(sys, '_is_gil_enabled', None)
    return (gil is None or gil()) and _one_interpreter()


def _one_interpreter() -> bool:
    """Whether no subinterpreter exists (as far as the modules that make them can tell)."""
    for name in ('_interpreters', '_xxsubinterpreters'):
        module = sys.modules.get(name)
        if module is not None:
            try:
                if len(module.list_all()) > 1:
                    return False
            except Exception:  # noqa: BLE001 - unknown: assume there are
                return False
    return True


def _allocator_api():
    """(PyMem_GetAllocator, PyMem_SetAllocator, PyMemAllocatorEx) through ctypes, made once; None without ctypes or
    on a build without the GIL."""
    if not _ALLOCATOR_API:
        _ALLOCATOR_API.append(_make_allocator_api())
    return _ALLOCATOR_API[0]


_ALLOCATOR_API: list = []


def _make_allocator_api():
    if sysconfig.get_config_var('Py_GIL_DISABLED'):
        return None
    try:
        import ctypes
    except ImportError:
        return None

    class Allocator(ctypes.Structure):  # PyMemAllocatorEx
        _fields_ = [(name, ctypes.c_void_p) for name in ('ctx', 'malloc', 'calloc', 'realloc', 'free')]

    try:
        # Indexing makes new function objects (attribute access would share, and configure, the workload's).
        get, put = ctypes.pythonapi['PyMem_GetAllocator'], ctypes.pythonapi['PyMem_SetAllocator']
    except AttributeError:
        return None
    for function in (get, put):
        function.argtypes, function.restype = [ctypes.c_int, ctypes.POINTER(Allocator)], None
    return get, put, Allocator


def _allocators(api) -> list:
    get, _, kind = api
    found = []
    for domain in UntracedAllocations.DOMAINS:
        allocator = kind()
        get(domain, allocator)
        found.append(allocator)
    return found


def _fields(allocator) -> tuple:
    return (allocator.ctx, allocator.malloc, allocator.calloc, allocator.realloc, allocator.free)


def _tracemalloc_region() -> tuple | None:
    """(address, size) of the interpreter memory holding tracemalloc's config struct, read before tracing starts."""
    try:
        import ctypes
        import struct  # noqa: F401 - loaded now, untraced, for TracebackLimit.start
    except ImportError:
        return None
    try:
        return ctypes.addressof(ctypes.c_char.in_dll(ctypes.pythonapi, '_Py_tracemalloc_config')), 12
    except (ValueError, AttributeError):
        pass
    try:
        address = ctypes.addressof(ctypes.c_char.in_dll(ctypes.pythonapi, '_PyRuntime'))
    except (ValueError, AttributeError):
        return None
    # Read no further than the mapping it lies in (never past readable memory).
    try:
        with open('/proc/self/maps', encoding='ascii') as maps:
            for line in maps:
                start, end = (int(bound, 16) for bound in line.split(None, 1)[0].split('-'))
                if start <= address < end:
                    return address, min(TracebackLimit.SPAN, end - address)
    except (OSError, ValueError):
        pass
    return None


def _read(region: tuple | None) -> bytes | None:
    if region is None:
        return None
    import ctypes
    return ctypes.string_at(*region)


# How long a reading first yields to the workload's other threads (collect()).
SETTLE_SECONDS = 0.002


def collect(rounds: int) -> None:
    """`rounds` full collections, each walking the workload's objects (the probe's and the interpreter's are frozen:
    freeze_own_objects; before, on the http.server leak, 6-9 ms a first round and 3-8 ms a second), after a 2 ms
    sleep where the workload runs threads of its own, so that those just finishing their work (a server's request
    thread closing its connection after the client has the response) end before the reading rather than sometimes
    during it. On the http.server leak, unpinned, the second confirmation segment's rate over
    the first, whose 0.9 (HOLD) decides between two segments and four, spread half as much with the sleep (sd 0.006
    and 0.009 against 0.014 and 0.016 without) and fell under 0.9 in 1 of 48 runs against 5 of 48, in two sets of
    alternating runs (bench/results/python-http-settle.md, 2026-12-07). A single-threaded workload has nothing to
    wait for: no sleep.

    The second round mostly finds nothing, yet stopping after a round that found nothing (2026-12-07) let the
    http.server leak's second confirmation segment fall under HOLD of its first in 3 of 22 runs against 0 of 44 (its
    request threads, probably, still ending when the reading came sooner). So the rounds stay fixed."""
    started = time.perf_counter()
    if threading.active_count() > 1:
        time.sleep(SETTLE_SECONDS)
    for _ in range(max(1, rounds)):
        gc.collect()
    Clock.collect_ms += (time.perf_counter() - started) * 1000


def freeze_own_objects() -> None:
    """Moves every object the collector tracks now, before the workload is imported and before tracing starts, out of
    the collections to come (gc.freeze): the interpreter's, the probe's and those of the modules it imported (asyncio
    and what it brings: ~14,000-18,000 objects on 3.9-3.13, bench/results/python-freeze.md). Each forced collection
    (the checkpoints', each confirmation reading's two rounds) then walks the workload's objects only. On the http.server leak, 5 alternating
    pairs on 3.11 (2026-12-07): the collections outside the confirmation 75-128 ms -> 24-31 ms, the confirmation
    683-837 ms -> 599-701 ms, the wall 2.42-2.89 s -> 2.27-2.74 s.

    None of these objects is traced, so no reading counts them; all stay reachable, and the retainer step walks them
    (gc.get_referents, not gc.get_objects, which leaves frozen objects out). What freezing changes is that one of them
    that became cyclic garbage would never be collected: these are modules, their functions and classes, and the probe's
    own objects, alive until the process ends. A collection first, so that no garbage is kept for good (11 objects
    here, 3-5 ms)."""
    gc.collect()
    gc.freeze()


# ---------------------------------------------------------------- errors

def _keep_frame(filename: str) -> bool:
    return filename not in PROBE_NAMES and filename not in IMPORTLIB_FILES


def _strip(te: traceback.TracebackException, seen: set) -> None:
    """Drops the probe's and importlib's frames so that the traceback starts at the user's code."""
    if id(te) in seen:
        return
    seen.add(id(te))
    te.stack = traceback.StackSummary.from_list([f for f in te.stack if _keep_frame(f.filename)])
    for chained in (te.__cause__, te.__context__):
        if chained is not None:
            _strip(chained, seen)


def format_exception(error: BaseException) -> str:
    te = traceback.TracebackException(type(error), error, error.__traceback__)
    _strip(te, set())
    return ''.join(te.format()).rstrip('\n')


def describe(error: BaseException) -> str:
    text = str(error)
    return f'{type(error).__name__}: {text}' if text else type(error).__name__


def exit_code(error: SystemExit) -> int:
    code = error.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # What the interpreter itself does with sys.exit('message').
    return 1


# ---------------------------------------------------------------- the workload

class Workload:
    def __init__(self, module) -> None:
        self.module = module
        self.run = getattr(module, 'run', None)
        self.setup = getattr(module, 'setup', None)
        self.teardown = getattr(module, 'teardown', None)
        self.options = getattr(module, 'options', None)
        self.loop: asyncio.AbstractEventLoop | None = None

    def call(self, fn) -> None:
        """Calls setup() or teardown(), like one iteration."""
        try:
            self.await_result(fn())
        except (SystemExit, MemoryError):
            raise
        except BaseException as error:  # noqa: BLE001 - whatever the workload raised, KeyboardInterrupt included
            raise threw(error) from error

    def await_result(self, result) -> None:
        """An awaitable result (async def) runs to completion on one event loop, reused across calls."""
        if inspect.isawaitable(result):
            if self.loop is None:
                self.loop = asyncio.new_event_loop()
            self.loop.run_until_complete(result)

    def close(self) -> None:
        if self.loop is not None:
            self.loop.close()


def threw(error: BaseException) -> WorkloadFailure:
    # Where it happened travels in the event (phase, iteration) and the report says it in words.
    return WorkloadFailure('threw', describe(error), format_exception(error))


def _module_name(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    # A workload called json.py must not replace the json module the probe itself uses.
    return stem if stem.isidentifier() and stem not in sys.modules else '__memgate_workload__'


def load_workload(path: str) -> Workload:
    if not os.path.isfile(path):
        raise WorkloadFailure('not-found', f'workload not found: {path}')
    if not os.access(path, os.R_OK):
        raise WorkloadFailure('not-found', f'workload is not readable: {path}')
    directory = os.path.dirname(path)
    probe_dir = os.path.dirname(PROBE_FILE)
    # The workload's directory replaces the probe's own at the front of sys.path, as if run as a script; the
    # working directory (the project root) follows it, as `python -m` and pytest's rootdir do, so that a workload
    # in perf/ can `from app.ingest import ...`.
    rest = [p for p in sys.path if os.path.abspath(p or '.') not in (probe_dir, directory, CWD)]
    sys.path[:] = [directory] + ([CWD] if CWD != directory else []) + rest
    sys.argv[:] = [path]
    sys.dont_write_bytecode = True  # Like a script run: no __pycache__ left in the user's tree.
    name = _module_name(path)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise WorkloadFailure('load', f'cannot import {path}: not a Python module')
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except (SystemExit, MemoryError):
        raise
    except BaseException as error:  # noqa: BLE001 - any import failure is the workload's
        raise WorkloadFailure('load', f'importing {path} failed: {describe(error)}', format_exception(error)) from error
    workload = Workload(module)
    expected = 'expected a module-level def run(): (one iteration), with optional setup(), teardown() and options = {"iterations": N}'
    if not callable(workload.run):
        found = 'has no run()' if workload.run is None else f'has run = a {type(workload.run).__name__}, not a function'
        raise WorkloadFailure('no-export', f'{path} {found}: {expected}')
    for name in ('setup', 'teardown'):
        value = getattr(workload, name)
        if value is not None and not callable(value):
            raise WorkloadFailure('no-export', f'{path}: {name} is a {type(value).__name__}, not a function: {expected}')
    if workload.options is not None and not isinstance(workload.options, dict):
        raise WorkloadFailure('no-export', f'{path}: options is a {type(workload.options).__name__}, not a dict: {expected}')
    return workload


def iterations_for(config: dict, workload: Workload) -> int:
    value = (workload.options or {}).get('iterations')
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise WorkloadFailure('no-export', f'options["iterations"] must be a positive integer, got {value!r}')
    if config.get('iterations') is not None:
        return int(config['iterations'])
    return int(config['defaultIterations']) if value is None else value


# The ceilings a workload may set for itself (analysis/workload-options.ts): a size as the CLI takes it or a whole
# number of bytes; None turns the run's off for this workload. The sizes mirror analysis/sizes.ts parseSize.
CEILING_OPTIONS = ('maxRetained', 'maxHeap', 'maxRss')
SIZE_UNITS = {'': 1, 'b': 1, 'kb': 1024, 'kib': 1024, 'mb': 1024**2, 'mib': 1024**2, 'gb': 1024**3, 'gib': 1024**3}
SIZE_PATTERN = re.compile(r'^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$', re.IGNORECASE)
SIZE_EXPECTED = "a size such as '256KB' or a whole number of bytes (units B, KB, MB, GB; KiB, MiB, GiB)"


def workload_ceilings(path: str, workload: Workload) -> dict:
    options = workload.options or {}
    ceilings = {}
    for name in CEILING_OPTIONS:
        if name not in options:
            continue
        value = options[name]
        if value is None:
            ceilings[name] = None
            continue
        parsed = None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            parsed = value
        elif isinstance(value, str):
            match = SIZE_PATTERN.match(value.strip())
            factor = SIZE_UNITS.get(match.group(2).lower()) if match else None
            if factor is not None:
                parsed = int(float(match.group(1)) * factor)
        if parsed is None:
            raise WorkloadFailure('no-export', f'{path}: options["{name}"] must be {SIZE_EXPECTED}, got {value!r}')
        ceilings[name] = parsed
    return ceilings


# ---------------------------------------------------------------- sites and frames

class Paths:
    """Turns tracemalloc's file names into absolute paths, once per name."""

    def __init__(self) -> None:
        self.cache: dict = {}

    def resolve(self, filename: str) -> str:
        cached = self.cache.get(filename)
        if cached is None:
            cached = self.cache[filename] = self._resolve(filename)
        return cached

    @staticmethod
    def _resolve(filename: str) -> str:
        if filename.startswith('<'):
            # Frozen stdlib modules (3.11+: os, posixpath, ...) show as <frozen os>; map them to their source.
            if filename.startswith('<frozen ') and filename.endswith('>'):
                module = sys.modules.get(filename[len('<frozen '):-1])
                source = getattr(module, '__file__', None)
                if source and os.path.isfile(source):
                    return os.path.abspath(source)
            return filename
        return os.path.normpath(os.path.join(CWD, filename))


# The fields of statements (and of a try's handlers and a match's cases) that hold statements.
STATEMENT_LISTS = frozenset(('body', 'orelse', 'finalbody', 'handlers', 'cases'))


class FunctionNames:
    """tracemalloc records (file, line) only: the enclosing def or class is recovered from the source with ast."""

    def __init__(self) -> None:
        self.scopes: dict = {}
        self.names: dict = {}

    def name(self, file: str, line: int) -> str:
        key = (file, line)
        found = self.names.get(key)
        if found is None:
            found = self.names[key] = self._lookup(file, line)
        return found

    def _lookup(self, file: str, line: int) -> str:
        if line <= 0 or file.startswith('<'):
            return ''
        if file not in self.scopes:
            self.scopes[file] = self._parse(file)  # None, once, for a file with no names to be had
        scopes = self.scopes[file]
        if scopes is None:
            return ''
        best = None
        for start, end, qualname in scopes:
            if start <= line <= end and (best is None or start >= best[0]):
                best = (start, end, qualname)
        return best[2] if best else '<module>'

    @staticmethod
    def _parse(file: str):
        try:
            lines = source_lines(file)
        except Exception:  # noqa: BLE001 - unreadable (an unknown coding declared: a SyntaxError on 3.9): no names
            return None
        if not lines:
            return None
        try:
            return scopes_by_chunk(lines, file)
        except Exception:  # noqa: BLE001 - not parseable by this interpreter: no names
            return None


def scopes_by_chunk(lines: list, file: str) -> list:
    """The scopes of the file's defs and classes, parsed a chunk at a time (top_level_chunks). A chunk that does not
    parse alone (a decorator whose arguments span lines cut from its def, a def inside a string) is parsed again with
    the next: each parse starts where a chunk that parsed ended, between two top-level statements, so whatever parses
    is the whole file's; a SyntaxError is raised only where the rest of the file, from such a place, does not parse."""
    scopes: list = []
    first, pending, failed = 0, [], 0
    for start, chunk in top_level_chunks(lines):
        if not pending:
            first = start
        pending += chunk
        try:
            tree = ast.parse(''.join(pending), file)
        except SyntaxError:
            failed += 1
            if failed < MERGES:
                continue
            break  # a file this interpreter cannot parse, most likely: the rest at once, as it would fail
        scopes += scopes_in(tree, first)
        pending, failed = [], 0
    if pending:
        scopes += scopes_in(ast.parse(''.join(lines[first:]), file), first)
    return scopes


def source_lines(file: str) -> list:
    """The file's source lines, as linecache reads them, without leaving them in its cache: each file named would
    otherwise stay there for the rest of the run (~900 KiB for eight of the stdlib modules the http.server leak
    names). An entry it had is left as it was, a lazy one (a traceback's, not read yet) too."""
    before = linecache.cache.get(file)
    lines = linecache.getlines(file)
    if before is None:
        linecache.cache.pop(file, None)
    elif linecache.cache.get(file) is not before:
        linecache.cache[file] = before
    return lines


# A line that may start a top-level def or class, or a decorator of one: inside a string or brackets it does not, and
# scopes_by_chunk finds that out.
TOP_LEVEL_DEF = re.compile(r'(?:def|class|async[ \t]+def)[ \t(:]|@')
CHUNK_LINES = 200
# Chunks parsed again with the next before the rest of the file is parsed at once.
MERGES = 3


def top_level_chunks(lines: list):
    """(lines before it, its lines) for runs of the module's top-level statements of about CHUNK_LINES lines, cut
    before a top-level def or class (its first decorator): ast.parse holds a whole syntax tree at once, and the
    naming's peak memory is that of the largest (urllib/request.py's 2,800 lines: 8 MiB of traced peak at once, 1.9 MiB
    in chunks, and no slower: bench/python_probe_costs.py). A line that looks like one but sits inside a string or brackets that a previous line
    opened leaves that previous chunk unclosed, a SyntaxError, and scopes_by_chunk parses it again with the next."""
    start = 0
    for index in range(1, len(lines)):
        if index - start >= CHUNK_LINES and TOP_LEVEL_DEF.match(lines[index]) and not lines[index - 1].startswith('@'):
            yield start, lines[start:index]
            start = index
    yield start, lines[start:]


def scopes_in(tree, first: int) -> list:
    """(first line, last line, qualified name) of each def and class in the tree, its lines moved down by first."""
    scopes = []

    def visit(node, prefix: str) -> None:
        # A def or class is a statement, and statements only sit in these lists (a try's handlers and a match's
        # cases hold bodies of their own): expressions, most of a module's nodes, are never walked.
        lists = [getattr(node, field, None) for field in node._fields if field in STATEMENT_LISTS]
        children = [child for value in lists if isinstance(value, list) for child in value]
        for child in children:
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qualname = prefix + child.name
                # The def line itself (and decorators, defaults) runs in the enclosing scope, unless the body shares it.
                start = child.body[0].lineno if child.body else child.lineno
                scopes.append((first + start, first + (getattr(child, 'end_lineno', None) or start), qualname))
                visit(child, qualname + '.')
            else:
                visit(child, prefix)

    visit(tree, '')
    return scopes


def glob_regex(pattern: str):
    """A path glob: * and ? stay within one directory, ** spans directories (and `**/` may match none)."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith('**/', i):
            out.append('(?:.*/)?')
            i += 3
        elif pattern.startswith('**', i):
            out.append('.*')
            i += 2
        elif c == '*':
            out.append('[^/]*')
            i += 1
        elif c == '?':
            out.append('[^/]')
            i += 1
        elif c == '[':
            end = pattern.find(']', i + 2)
            if end == -1:
                out.append(re.escape(c))
                i += 1
            else:
                body = pattern[i + 1:end]
                if body.startswith('!'):
                    body = '^' + body[1:]
                out.append('[' + body.replace('\\', '\\\\') + ']')
                i = end + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile(''.join(out) + r'\Z')


def _normalize_globs(patterns: list) -> list:
    """`./src/**` and `src/**` mean the same (as in analysis)."""
    out = []
    for pattern in patterns:
        pattern = pattern.strip().replace('\\', '/')
        while pattern.startswith('./'):
            pattern = pattern[2:]
        if pattern:
            out.append(pattern)
    return out


class PathFilter:
    """The user's include/exclude globs, tried on the cwd-relative and the absolute path of a file.

    Analysis filters again with the same globs (picomatch), so the probe must never drop more than it
    would: exclude uses path-glob semantics only, while include also accepts plain fnmatch matches
    (whose * crosses directories), which can only keep more.
    """

    def __init__(self, include: list, exclude: list) -> None:
        self.include = [(p, glob_regex(p)) for p in _normalize_globs(include)]
        self.exclude = [glob_regex(p) for p in _normalize_globs(exclude)]
        self.cache: dict = {}
        # Growth per folded stack the globs dropped, so that a filter that kept nothing can say what it left out.
        self.dropped: dict = {}

    def keeps(self, path: str) -> bool:
        kept = self.cache.get(path)
        if kept is None:
            forms = [path.replace(os.sep, '/')]
            if os.path.isabs(path):
                try:
                    forms.append(os.path.relpath(path, CWD).replace(os.sep, '/'))
                except ValueError:  # another drive (Windows)
                    pass
            included = not self.include or any(
                regex.match(form) or fnmatch.fnmatchcase(form, pattern) for pattern, regex in self.include for form in forms
            )
            # Exclude as analysis matches: a file in the working directory by its relative path only (`*/**` must
            # not drop a top-level file through its absolute form), any other by its absolute path.
            inside = len(forms) == 2 and forms[1] != '..' and not forms[1].startswith('../')
            excluded_form = forms[1] if inside else forms[0]
            kept = included and not any(regex.match(excluded_form) for regex in self.exclude)
            self.cache[path] = kept
        return kept


def tool_files() -> frozenset:
    """Memory allocated in these files (innermost frame) is the machinery's, never the workload's."""
    return frozenset(IMPORTLIB_FILES + ('<unknown>', tracemalloc.__file__) + tuple(PROBE_NAMES))


def library_paths() -> list:
    paths = sysconfig.get_paths()
    found = [paths.get(name) for name in ('stdlib', 'platstdlib', 'purelib', 'platlib')]
    try:
        found += site.getsitepackages()
    except AttributeError:  # Old virtualenv's site module.
        pass
    try:
        found.append(site.getusersitepackages())
    except AttributeError:
        pass
    out = []
    for path in found:
        if not path:
            continue
        for form in (os.path.abspath(path), os.path.realpath(path)):
            if form not in out:
                out.append(form)
    return out


DEPENDENCY_SEGMENTS = ('/site-packages/', '/dist-packages/')


class Sites:
    """Folds tracemalloc's per-traceback statistics into the model's stacks, merging equal stacks.

    Frames are 'user' (the project), 'dependency' (site-packages) or 'runtime' (the stdlib, <frozen ...>,
    <string>), as analysis classifies them. 'traceback' keeps every frame. 'lineno' keeps the allocating
    frame and, when that one is not the user's, the first dependency frame and the first user frame
    further out: memory a library allocates on the workload's behalf can then be charged to the
    workload's line (analysis walks outwards to it) without shipping every intermediate frame. When the
    allocating frame is the workload's own, the usual case, the stack is that one frame: exactly
    tracemalloc's lineno grouping. 'filename' does the same with lines dropped.
    """

    def __init__(self, key: str, libraries: list, path_filter: PathFilter) -> None:
        self.key = key
        self.prefixes = tuple(os.path.join(path, '') for path in libraries)
        self.path_filter = path_filter
        self.paths = Paths()
        self.names = FunctionNames()
        self.kinds: dict = {}
        self.tool_files = tool_files()
        self.after: dict = {}
        self.baseline: dict = {}

    def kind(self, file: str) -> str:
        found = self.kinds.get(file)
        if found is None:
            path = file.replace(os.sep, '/')
            if file.startswith('<'):
                found = 'runtime'
            elif any(segment in path for segment in DEPENDENCY_SEGMENTS):
                found = 'dependency'
            elif file.startswith(self.prefixes):
                found = 'runtime'
            else:
                found = 'user'
            self.kinds[file] = found
        return found

    def stack(self, raw: tuple, size_diff: int = 0) -> tuple | None:
        """The model's stack for a tracemalloc traceback given as (filename, line) pairs, innermost first, folded as
        the class says (None: not the workload's memory). Folding, the walk outwards stops at the first user frame."""
        if not raw or raw[0][0] in self.tool_files:
            return None
        # The oldest frame of the main thread's stacks is memgate's `python -c` bootstrap, calling main().
        if len(raw) > 1 and raw[-1][0] == BOOTSTRAP_FILE and raw[-2][0] in PROBE_NAMES:
            raw = raw[:-1]
        whole, kind, resolve = self.key == 'traceback', self.kind, self.paths.resolve
        frames: list = []
        dependency = False
        for filename, line in raw:
            if filename in PROBE_NAMES:
                if all(kind(file) != 'user' for file, _ in frames):
                    return None  # The probe's own memory, allocated through the stdlib (paths, json, ...).
                continue  # The probe calling the workload.
            if filename in IMPORTLIB_FILES:
                continue  # The import machinery loading the workload's modules.
            file = resolve(filename)
            if whole:
                frames.append((file, line))
                continue
            found = kind(file)
            if not frames or found == 'user' or (found == 'dependency' and not dependency):
                frames.append((file, line))
                if found == 'user':
                    break
                dependency = dependency or found == 'dependency'
        if not frames:
            return None
        # Analysis applies include/exclude again to the one frame it charges, which is one of these:
        # dropping only what no frame could pass keeps every site analysis might report.
        if not any(self.path_filter.keeps(file) for file, _ in frames):
            if size_diff != 0 and any(kind(file) != 'runtime' for file, _ in frames):
                dropped = self.path_filter.dropped
                dropped[tuple(frames)] = dropped.get(tuple(frames), 0) + size_diff
            return None
        if self.key == 'filename':
            return tuple((file, 0) for file, _ in frames)
        return tuple(frames)  # Named in snapshots(): a name is a function of the file and line.

    def name(self, file: str, line: int) -> str:
        return self.names.name(file, line) if line else ''

    def user_name(self, file: str, line: int) -> str:
        """Names the user's frames only (the retainer step's sites): parsing the stdlib's sources while tracemalloc
        traces costs seconds, so the other frames are named once it has stopped."""
        return self.name(file, line) if self.kind(file) == 'user' else ''

    def snapshots(self, name_of) -> tuple:
        """The model's `after` and `baseline` snapshots, frames named by name_of(file, line).

        The user's frames are all named; the others only in stacks that changed: analysis reports growth, and a
        stack the same in both snapshots adds nothing to any site. A name stays a function of the file and line (a
        frame is named in every stack or in none), so grouping by line is unchanged. Naming parses each file's
        source: on a service, about five times fewer files (47 to 10, bench/scenarios/python/clean_svc_http_server.py).
        """
        started = time.perf_counter()
        after, baseline = self.after, self.baseline
        changed = {frame for stack in after.keys() | baseline.keys() if after.get(stack) != baseline.get(stack) for frame in stack}

        def name_changed(file: str, line: int) -> str:
            return name_of(file, line) if (file, line) in changed or self.kind(file) == 'user' else ''
        out = to_snapshot(after, name_changed), to_snapshot(baseline, name_changed)
        Clock.fold_ms += (time.perf_counter() - started) * 1000
        return out

    def add(self, frames: tuple, size: int, size_diff: int, count: int, count_diff: int) -> None:
        stack = self.stack(frames, size_diff)
        if stack is None:
            return
        for sites, size, count in (
            (self.after, size, count),
            (self.baseline, size - size_diff, count - count_diff),
        ):
            if size == 0 and count == 0:
                continue
            entry = sites.setdefault(stack, [0, 0])
            entry[0] += size
            entry[1] += count


def diff_snapshots(after, baseline, key: str, libraries: list, path_filter: PathFilter) -> Sites:
    """after.compare_to(baseline, 'traceback') (traceback_diff), folded into the model's stacks (Sites.snapshots names
    them).

    The exclusions tracemalloc.Filter would make (importlib, <unknown>, tracemalloc, this probe, the
    user's globs; all on the innermost frame) are made per grouped traceback instead, with the same
    result: filter_traces runs fnmatch on every trace, which dominates on snapshots of many traces.
    """
    sites = Sites(key, libraries, path_filter)
    started = time.perf_counter()
    stats = traceback_diff(after, baseline)
    del after, baseline  # The caller's were its last references: the traces go before the folding.
    folding = time.perf_counter()
    Clock.compare_ms += (folding - started) * 1000
    for stat in stats:
        sites.add(*stat)
    Clock.fold_ms += (time.perf_counter() - folding) * 1000
    return sites


def traceback_diff(after, baseline) -> list:
    """after.compare_to(baseline, 'traceback')'s figures, in its order, as (frames innermost first, size, size_diff,
    count, count_diff), frames being (filename, line) pairs. From the snapshots' raw traces where they can be read
    (3.9-3.13), without compare_to's Traceback and Statistic objects per traceback (what that saves: README, What it
    measures); the same figures in the same order (test/measure/python-probe.test.ts). Either may come grouped
    already (grouped()); the baseline's sums are used up."""
    grown, old = grouped(after), grouped(baseline)
    if not isinstance(grown, dict) or not isinstance(old, dict):
        return [(tuple((frame.filename, frame.lineno) for frame in reversed(stat.traceback)), stat.size, stat.size_diff, stat.count, stat.count_diff)
                for stat in after.compare_to(baseline, 'traceback')]
    stats = []
    for frames, (size, count) in grown.items():
        before = old.pop(frames, None)
        stats.append((frames, size, size, count, count) if before is None else (frames, size, size - before[0], count, count - before[1]))
    stats.extend((frames, 0, -size, 0, -count) for frames, (size, count) in old.items())
    # compare_to's order: its Traceback objects compare their frames oldest first.
    stats.sort(key=lambda stat: (abs(stat[2]), stat[1], abs(stat[4]), stat[3], stat[0][::-1]), reverse=True)
    return stats


def grouped(snapshot):
    """A snapshot's traces summed by traceback ({frames: [size, count]}, _by_traceback) where its raw traces can be
    read (3.9-3.13), else the snapshot itself: what traceback_diff takes. The confirmation groups both before it
    starts: its extra iterations grow a leak's heap while a snapshot holds a tuple of ~80 B per trace, and the diff
    needs only the sums per distinct traceback (a dict cache given 4,000 entries a call: the measurement's peak RSS 417
    -> 348-350 MiB, the bare tracemalloc script's 350; bench/results/python-big-leaks.md)."""
    if isinstance(snapshot, dict):
        return snapshot
    traces = getattr(snapshot.traces, '_traces', None)
    if traces is None:
        return snapshot
    started = time.perf_counter()
    out = _by_traceback(traces)
    Clock.compare_ms += (time.perf_counter() - started) * 1000
    return out


def _by_traceback(traces: list) -> dict:
    """{frames: [size, count]} over raw traces (domain, size, frames, total frames), with no allocation per trace but
    its lists' growth: the confirmation groups its snapshots while tracemalloc traces (grouped()), and there each int a
    running sum or an id() makes is a traced allocation and free. The traces of one traceback are listed, then summed
    by sum(), whose running total is a C integer. On 600,000 traces ~28 frames deep (bench/python_group_cost.py,
    2026-12-07): traced, 2.45 s summed per id(frames) as before, 0.19 s so; untraced, where the diff of a run without
    confirmation is made (beside the workload's teardown), 57-63 ms as before, 193 ms so. Keyed by the frames, hashed anew at each trace: _tracemalloc
    shares one tuple among a snapshot's equal tracebacks, but not quite (equal frames cut at the depth limit from
    stacks of different heights come as tuples of their own)."""
    groups: dict = {}
    members_of = groups.get
    for trace in traces:
        frames = trace[2]
        members = members_of(frames)
        if members is None:
            groups[frames] = members = []
        members.append(trace)
    size = operator.itemgetter(1)
    return {frames: [sum(map(size, members)), len(members)] for frames, members in groups.items()}


def to_snapshot(sites: dict, name_of) -> dict:
    allocations = [
        {
            'stack': [{'functionName': name_of(file, line), 'file': file, 'line': line, 'column': 0} for file, line in stack],
            'size': size,
            'count': count,
        }
        for stack, (size, count) in sites.items()
    ]
    allocations.sort(key=lambda a: -a['size'])
    return {'allocations': allocations}


# ---------------------------------------------------------------- the run
# tracemalloc computes the line of every frame on the stack at each allocation, which costs time in
# proportion to how far into its function the frame is: the probe's frames above the workload stay short.

def ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 3)


def startup_ms() -> float:
    """The interpreter's start and the probe's imports, from the process's start time (Linux; 0 elsewhere)."""
    try:
        with open('/proc/self/stat', 'rb') as stat:
            fields = stat.read().rsplit(b')', 1)[1].split()
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - int(fields[19]) / os.sysconf('SC_CLK_TCK')  # field 22, starttime
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0
    return round(max(0.0, age - (time.perf_counter() - START)) * 1000, 3)


class Session:
    def __init__(self, config: dict, channel: Channel) -> None:
        self.config = config
        self.channel = channel
        self.depth = min(65535, max(1, int(config.get('stackDepth') or 1)))  # tracemalloc's accepted range.
        self.passes_depth = self.depth  # What pass 2 ran at, the report's (restore() may fail).
        self.gc_rounds = int(config.get('gcRounds') or 1)
        self.key = config.get('compareKey') or 'lineno'
        if self.key not in ('lineno', 'filename', 'traceback'):
            raise WorkloadFailure('probe', f'unknown compareKey {self.key!r}')
        self.path_filter = PathFilter(list(config.get('include') or []), list(config.get('exclude') or []))
        # As the Node probe's (analysis/model.ts Timings), plus the profile's parts: snapshotMs (take_snapshot),
        # compareMs (the snapshots' diff, traceback_diff), foldMs (grouping the tracebacks) and writeMs (serialising the result).
        self.timings = {'startupMs': startup_ms(), 'loadMs': 0.0, 'setupMs': 0.0, 'pass1Ms': 0.0, 'pass2Ms': 0.0, 'totalMs': 0.0}
        self.workload: Workload | None = None
        self.iterations = 0
        self.ceilings: dict = {}
        self.marks: set = set()
        self.checkpoints: set = set()
        self.series_at: list = []
        self.series_heap: list = []
        self.filled = 0
        self.baseline = None
        self.baseline_memory: dict = {}
        self.after = None
        self.after_memory: dict = {}
        self.traced = (0, 0)
        self.series: list = []
        self.confirmation: dict | None = None
        # Whether the confirmation ended with a segment that settled: then the retainer step is not wanted either.
        self.settled = False

    def enter(self, phase: str) -> None:
        Position.phase = phase
        Position.iteration = None
        self.channel.send({'event': 'phase', 'phase': phase, 'memory': Memory.figures()})

    def load(self) -> None:
        if tracemalloc is None:
            raise WorkloadFailure('runtime', f'{sys.executable}: this Python has no tracemalloc module (CPython 3.9+ is required)')
        if tracemalloc.is_tracing():  # PYTHONTRACEMALLOC may have started it with another depth.
            tracemalloc.stop()
        freeze_own_objects()
        # Before the import, so that import-time allocations are attributed.
        wrapped = UntracedAllocations.read()
        self.traceback_limit = TracebackLimit.start(self.depth)
        self.untraced = UntracedAllocations(wrapped, self.traceback_limit.witness)
        if not tracemalloc.is_tracing():
            raise WorkloadFailure('runtime', 'tracemalloc did not start')
        self.enter('load')
        # IMPORT_FRAMES per trace for the import, the configured depth from the setup on (TracebackLimit). Lowered only
        # where restore() can write it back, which it checks again as it does.
        lowered = serialised() and self.traceback_limit.lower(IMPORT_FRAMES)
        started = time.perf_counter()
        self.workload = load_workload(os.path.abspath(self.config['workload']))
        self.timings['loadMs'] = ms(started)
        if lowered:
            self.traceback_limit.restore()
        self.iterations = iterations_for(self.config, self.workload)
        self.ceilings = workload_ceilings(os.path.abspath(self.config['workload']), self.workload)
        # The workload's own maxRetained replaces the leak rule for it, as the run's does; over any of its
        # ceilings, the retainer step runs.
        if self.ceilings.get('maxRetained') is not None:
            self.config['confirm'] = None
        if self.config.get('retainers'):
            self.config['retainers']['ceilings'] = {**(self.config['retainers'].get('ceilings') or {}), **self.ceilings}
        n = self.iterations
        self.marks = {max(1, round(n * k / 4)) for k in range(1, 5)}
        points = int(self.config.get('seriesPoints') or 0)
        self.checkpoints = {round(n * k / (points + 1)) for k in range(1, points + 1)} - {0, n}
        # Allocated before the baseline, so that the probe's own bookkeeping barely grows in pass 2.
        self.series_at = [0] * (len(self.checkpoints) + 2)
        self.series_heap = [0] * (len(self.checkpoints) + 2)

    def setup(self) -> None:
        self.enter('setup')
        started = time.perf_counter()
        if self.workload.setup is not None:
            self.workload.call(self.workload.setup)
        self.timings['setupMs'] = ms(started)

    def run_pass(self, number: int):
        """Pass `number`: yields its loop for main() to call (see there), then records its time."""
        self.enter(f'pass{number}')
        stops, after_iteration = self.marks | (self.checkpoints if number == 2 else set()), self.after_iteration
        loop = self.calls(self.iterations, lambda i: i in stops and after_iteration(number, i))
        collected = Clock.collect_ms
        started = time.perf_counter()
        yield loop
        self.timings[f'pass{number}Ms'] = round(ms(started) - (Clock.collect_ms - collected), 3)  # The checkpoints' GCs apart.

    def calls(self, n: int, after):
        """n calls of the workload's run(), as a loop for main() to call: run() comes first in it (see main()), and
        after(i), called after each, ends it where it returns true. The iteration is recorded where the workload
        ends the loop (an exception, an exit), for the error event."""
        run, workload = self.workload.run, self.workload

        def loop() -> None:
            for i in range(1, n + 1):
                try:
                    result = run()
                    if result is not None:
                        workload.await_result(result)
                except (SystemExit, MemoryError):
                    Position.iteration = i
                    raise
                except BaseException as error:  # noqa: BLE001 - whatever the workload raised, KeyboardInterrupt included
                    Position.iteration = i
                    raise threw(error) from error
                if after(i):
                    break

        return loop

    def after_iteration(self, number: int, i: int) -> None:
        if number == 2 and i in self.checkpoints:
            self.record(i)
        if i in self.marks:
            progress = {'event': 'progress', 'pass': number, 'iteration': i, 'of': self.iterations, 'memory': Memory.figures()}
            self.channel.send(progress)

    def record(self, i: int) -> None:
        collect(self.gc_rounds)
        self.series_at[self.filled] = i
        self.series_heap[self.filled] = tracemalloc.get_traced_memory()[0]
        self.filled += 1

    def take_baseline(self) -> None:
        self.enter('baseline')
        collect(self.gc_rounds)
        self.passes_depth = tracemalloc.get_traceback_limit()
        tracemalloc.reset_peak()
        self.baseline = take_snapshot()
        # Read after the snapshot so that `after` carries the same small Snapshot wrapper (its traces are untraced).
        self.baseline_memory = Memory.figures()
        self.series_heap[0] = self.baseline_memory['heapUsed']
        self.filled = 1

    def take_after(self) -> None:
        self.enter('after')
        collect(self.gc_rounds)
        self.after_memory = Memory.figures()  # Before the snapshot, whose small wrapper object is traced.
        self.traced = tracemalloc.get_traced_memory()
        self.after = take_snapshot()
        self.series_at[self.filled] = self.iterations
        self.series_heap[self.filled] = self.after_memory['heapUsed']
        self.filled += 1
        self.series = list(zip(self.series_at[:self.filled], self.series_heap[:self.filled]))
        self.timings['collectMs'] = round(Clock.collect_ms, 3)  # The confirmation's own are in confirmMs.
        self.timings['confirmMs'] = 0.0

    def suspect(self) -> bool:
        """Whether the confirmation runs: the growth over the measured pass is over the leak rule's floor."""
        settings = self.config.get('confirm')
        return bool(settings) and self.after_memory['heapUsed'] - self.baseline_memory['heapUsed'] > suspect_above(settings, self.iterations)

    def may_retain(self) -> bool:
        """python_retainers.wanted's first tests, before loading it (compiling it costs ~40 ms): a ceiling is set, or
        the workload is suspect and its confirmation did not settle."""
        settings = self.config.get('retainers')
        if not settings:
            return False
        ceilings = settings.get('ceilings') or {}
        return any(ceilings.get(name) is not None for name in CEILING_OPTIONS) or (self.suspect() and not self.settled)

    def finish(self) -> dict:
        after_memory, series, confirmation = self.after_memory, self.series, self.confirmation
        traced_current, traced_peak = self.traced
        # Held only here until compared: each snapshot holds every trace, megabytes the naming must not sit on
        # (clean_svc_http_server's peak RSS: +3.4 MiB when they lived on through it).
        snapshots = [self.after, self.baseline]
        self.after = self.baseline = None

        # Who holds the leak (issue 14) needs each object's allocation traceback, known only while tracing, and the
        # workload set up: then teardown waits for it.
        # Loaded only for a workload it may concern: compiling it costs time and, on a small process, a share of its peak RSS.
        retainers = load_retainers() if self.may_retain() else None
        retain = retainers is not None and retainers.wanted(self.config, self.iterations, self.baseline_memory, after_memory, max(Memory.peak_rss, max_rss()), confirmation)
        libraries = library_paths()

        def diff(user_only: bool) -> tuple:
            sites = diff_snapshots(snapshots.pop(0), snapshots.pop(0), self.key, libraries, self.path_filter)
            return sites, sites.snapshots(sites.user_name if user_only else sites.name)

        def result_of(after_snapshot: dict, baseline_snapshot: dict, peak_rss: int, step_ms: float = 0.0) -> dict:
            self.profile_timings()
            self.timings['totalMs'] = round(ms(START) - step_ms, 3)  # The retainer step's time is its own file's `ms`.
            result = {
                'runtime': {
                    'name': 'python',
                    'version': '.'.join(str(part) for part in sys.version_info[:3]),
                    'executable': sys.executable,
                    'libraryPaths': libraries,
                },
                'profiler': {'backend': 'tracemalloc', 'samplingInterval': None, 'stackDepth': self.passes_depth, 'countsObjects': True, 'continuous': True},
                'iterations': self.iterations,
                'baseline': {'memory': self.baseline_memory, 'snapshot': baseline_snapshot},
                'after': {'memory': after_memory, 'snapshot': after_snapshot},
                'peakRss': peak_rss,
                'traced': {'current': traced_current, 'peak': traced_peak},
                'series': [{'iteration': i, 'heapUsed': used, 'external': 0} for i, used in series],
                'timings': self.timings,
            }
            if confirmation is not None:
                result['confirmation'] = confirmation
            if self.ceilings:
                result['workloadCeilings'] = self.ceilings
            if self.path_filter.include or self.path_filter.exclude:
                result['filtered'] = {'sites': sum(1 for size in self.path_filter.dropped.values() if size > 0),
                                      'bytes': sum(size for size in self.path_filter.dropped.values() if size > 0)}
            return result

        if not retain:
            snapshots_named = self.teardown(lambda: diff(False))[1]
            return result_of(*snapshots_named, max(Memory.peak_rss, max_rss()))
        # The tracebacks are read before the diff, which then runs untraced (on the http.server leak: the diff and the
        # folding 0.5 s traced, 0.13 s not, measured with compare_to). Until the diff is written, a result without its rows (the verdict's
        # figures) stands in for it should the step be killed; the measurement's peak RSS is the one before the step.
        peak_rss = max(Memory.peak_rss, max_rss())
        empty = to_snapshot({}, None)
        provisional = dict(result_of(empty, empty, peak_rss), rowsPending=True)
        step_started = time.perf_counter()
        tracebacks = retainers.probe_tracebacks(self.config, os.environ['MEMGATE_RESULT'], provisional, write_result, self.enter, self.untraced.start)
        stop_tracing()
        sites, snapshots_named = diff(True)
        result = result_of(*snapshots_named, peak_rss, step_ms=tracebacks.ms)
        # Written before the walk with the user's frames named (a crash there leaves that), and again below.
        retainers.probe_step(self.config, result, os.environ['MEMGATE_RESULT'], write_result, tracebacks, step_started)
        tracebacks = None
        started = time.perf_counter()
        result['after']['snapshot'], result['baseline']['snapshot'] = self.teardown(lambda: sites.snapshots(sites.name))
        self.profile_timings()
        self.timings['totalMs'] = round(self.timings['totalMs'] + ms(started), 3)  # Teardown and naming, after the step.
        return result

    def profile_timings(self) -> None:
        profile = {'snapshotMs': Clock.snapshot_ms, 'compareMs': Clock.compare_ms, 'foldMs': Clock.fold_ms}
        self.timings.update({name: round(value, 3) for name, value in profile.items()})
        self.timings['profileMs'] = round(sum(profile.values()), 3)

    def teardown(self, meanwhile):
        """The workload's teardown, untraced, on this thread (the workload's: its sqlite connections and event
        loop belong to it), while meanwhile() (the diff, the naming: memgate's, untraced too) runs on a thread of its
        own; returns what meanwhile returned. A server's shutdown mostly waits (socketserver polls every 0.5 s), and
        the diff fills the wait."""
        self.enter('teardown')
        stop_tracing()
        done = in_background(meanwhile)
        if self.workload.teardown is not None:
            self.workload.call(self.workload.teardown)
        self.workload.close()
        Position.phase = 'after'
        return done()

    def confirm(self):
        """The confirmation loop of analysis/leak-rate.ts (which re-judges what this returns): segments of
        doubling length, each read at a few collected checkpoints, until one settles or holds, or the budget
        or the segment count runs out. A generator: it yields each segment's loop for main() to call, as the passes
        do."""
        settings, measured = self.config['confirm'], self.series
        # One frame per new trace from here on (TracebackLimit): the readings are the same; the objects the
        # confirmation allocates carry their innermost frame only, for the retainer step (python_retainers.Tracebacks.
        # at_sites). None where no retainer step can follow (retainers-max-heap 0, or a later trial of a workload whose
        # holders an earlier one found: pipeline.ts): nothing would read that frame.
        self.traceback_limit.lower(1 if self.config.get('retainers') else 0)
        # The snapshots summed by traceback (grouped; its time is compareMs's) before the first reading: what that keeps
        # is in every reading.
        self.after, self.baseline = grouped(self.after), grouped(self.baseline)
        started = time.perf_counter()
        n = self.iterations
        collect(self.gc_rounds)
        readings = [(n, tracemalloc.get_traced_memory()[0])]
        segment_ends = []
        previous, previous_agreed = rate_of(measured), False
        length = first_length(settings, n)
        at = n
        stopped_by = 'segments'
        per_iteration = self.timings['pass2Ms'] / max(1, n)
        for segment in range(int(settings['maxSegments'])):
            elapsed = (time.perf_counter() - started) * 1000
            if segment > 0 and elapsed + length * per_iteration > settings['budgetMs']:
                stopped_by = 'budget'
                break
            start = at
            stops = {round((k + 1) * length / settings['readings']) for k in range(int(settings['readings']))}
            segment_started = time.perf_counter()
            yield self.confirm_segment(length, stops, start, readings, (previous, previous_agreed))
            at = readings[-1][0]  # The segment's end, or where its decision was reached (decided_early).
            per_iteration = (time.perf_counter() - segment_started) * 1000 / (at - start)
            segment_ends.append(at)
            rate = rate_of([p for p in readings if p[0] >= start])
            outcome = judge_segment(settings, rate, previous, previous_agreed)
            if outcome != 'decays':
                stopped_by = None
                self.settled = outcome == 'settles'
                break
            previous_agreed = agreed_for_next(settings, rate, previous, segment == 0)
            previous = rate
            length *= 2
        Position.iteration = None
        self.confirmation = {
            'readings': [{'iteration': i, 'heapUsed': used, 'external': 0} for i, used in readings],
            'segmentEnds': segment_ends,
            'stoppedBy': stopped_by,
            'memory': Memory.figures(),
        }
        self.timings['confirmMs'] = ms(started)

    def confirm_segment(self, length: int, stops: set, start: int, readings: list, judged_against: tuple):
        """A confirmation segment's loop, for main() to call (see there): its readings, and where its decision is
        reached before its end (decided_early), it stops there."""
        self.enter('confirm')
        settings, channel, rounds = self.config['confirm'], self.channel, self.gc_rounds
        first = len(readings) - 1  # The segment's rates start from the reading before it.
        marks = {max(1, round(length * k / 4)) for k in range(1, 5)}

        def after(i: int) -> bool:
            if i in stops:
                collect(rounds)
                readings.append((start + i, tracemalloc.get_traced_memory()[0]))
                if decided_early(settings, interval_rates(readings[first:]), settings['readings'], *judged_against) is not None:
                    return True
            if i in marks:
                channel.send({'event': 'progress', 'pass': 3, 'iteration': i, 'of': length, 'memory': Memory.figures()})
            return False

        return self.calls(length, after)


# ---------------------------------------------------------------- the leak-rate rule
# A copy of analysis/leak-rate.ts's confirmationPlan, rateOf, judgeSegment and decidedEarly; the constants come in the
# config (test/analysis/python-parity.test.ts holds them to the same answers).

def suspect_above(settings: dict, n: int) -> float:
    return min(settings['growthFloor'], settings['leakRate'] * n)


def first_length(settings: dict, n: int) -> int:
    return max(n, math.ceil(settings['floors'] * settings['growthFloor'] / settings['leakRate']))


def interval_rates(points: list) -> list:
    """The rate between each pair of consecutive (iteration, bytes) readings."""
    return [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(points, points[1:]) if b[0] > a[0]]


def median(values: list) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def rate_of(points: list) -> float:
    """The median of the rates between consecutive (iteration, bytes) readings."""
    return median(interval_rates(points))


def judge_segment(settings: dict, rate: float, previous: float, previous_agreed: bool) -> str:
    if rate < settings['leakRate']:
        return 'settles'
    agrees = rate >= settings['hold'] * previous
    return 'holds' if agrees and (rate >= settings['strong'] * settings['leakRate'] or previous_agreed) else 'decays'


def agreed_for_next(settings: dict, rate: float, previous: float, first: bool) -> bool:
    """analysis/leak-rate.ts agreedForNext: whether a segment agreed with the one before, for the next one's sake (the
    first with pass 2 at firstHold of its rate)."""
    return rate >= (settings['firstHold'] if first else settings['hold']) * previous


def decided_early(settings: dict, known: list, intervals: int, previous: float, previous_agreed: bool) -> str | None:
    """analysis/leak-rate.ts decidedEarly: the decision (settles, holds) a segment has reached whatever its
    remaining intervals read, judged at both bounds of its median."""
    unknown = intervals - len(known)
    if unknown <= 0 or not known:
        return None
    low = judge_segment(settings, median(known + [-math.inf] * unknown), previous, previous_agreed)
    high = judge_segment(settings, median(known + [math.inf] * unknown), previous, previous_agreed)
    return low if low != 'decays' and low == high else None


def in_background(fn):
    """Starts fn() on a thread of its own; the function returned waits for it and returns its value (or raises)."""
    outcome: list = []
    finished = threading.Event()

    def body() -> None:
        try:
            outcome.append((True, fn()))
        except BaseException as error:  # noqa: BLE001 - re-raised on the caller's thread
            outcome.append((False, error))
        finally:
            finished.set()

    try:
        threading.Thread(target=body, name='memgate-diff', daemon=True).start()
    except RuntimeError:  # no thread to be had: here, then
        body()

    def result():
        finished.wait()
        ok, value = outcome[0]
        if not ok:
            raise value
        return value

    return result


def load_retainers():
    """python_retainers.py from beside this file, only when a workload may need it (None if it cannot load). From its
    cached bytecode when this module was run by python_loader.py, which gave it `compiled`: compiled here instead,
    at the process's busiest, it cost 2-3 MiB of the whole run's peak RSS."""
    try:
        path = os.path.join(os.path.dirname(PROBE_FILE), 'python_retainers.py')
        spec = importlib.util.spec_from_file_location('memgate_python_retainers', path)
        module = importlib.util.module_from_spec(spec)
        load = globals().get('compiled')
        exec(load(path) if load is not None else spec.loader.get_code(spec.name), module.__dict__)  # noqa: S102 - memgate's own module
        return module
    except Exception:  # noqa: BLE001 - the measurement stands without it; the report says no capture ran
        return None


def write_result(path: str, result: dict) -> None:
    started = time.perf_counter()
    text = json.dumps({name: value for name, value in result.items() if name != 'timings'}, separators=(',', ':'))
    if 'timings' in result:  # Last, so that they can say what serialising the rest cost.
        timings = dict(result['timings'], writeMs=ms(started))
        text = text[:-1] + (',' if len(text) > 2 else '') + '"timings":' + json.dumps(timings, separators=(',', ':')) + '}'
    temporary = path + '.tmp'
    with open(temporary, 'w', encoding='utf-8') as out:
        out.write(text)
    os.replace(temporary, path)


def fail(channel: Channel, kind: str, message: str, stack: str | None, memory: dict | None = None) -> int:
    event = {'event': 'error', 'kind': kind, 'phase': Position.phase, 'message': message}
    if Position.iteration is not None:
        event['iteration'] = Position.iteration
    if stack:
        event['stack'] = stack
    if memory:
        event['memory'] = memory
    channel.send(event)
    return 1


def leave(code: int) -> None:
    """Exits now: once the result is written, a thread the workload left running must not hold the process."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    main_thread = threading.main_thread()
    if any(t.is_alive() and not t.daemon and t is not main_thread for t in threading.enumerate()):
        os._exit(code)  # Skips joining those threads (and atexit handlers, which would run after the join).
    sys.exit(code)


def main() -> int:
    """Calls the workload steps session() yields, and returns the exit code it returns. A suspended generator is
    off the stack, so under each of the workload's allocations lie only this frame and a step's, each a few
    instructions in: at every allocation tracemalloc computes the line of each frame, scanning its code's location
    table up to where the frame is (about 1 us per allocation for a frame 130 instructions in, Python 3.11:
    bench/tracemalloc_frame_cost.py). An exception out of a step is raised in session() where it yielded the step,
    for its handlers."""
    steps = session()
    try:
        step = next(steps)
        while True:
            try:
                step()
            except BaseException as error:  # noqa: BLE001 - session()'s handlers decide, as if raised there
                step = steps.throw(error)
            else:
                step = next(steps)
    except StopIteration as finished:
        return finished.value


def session():
    """The probe's run, phase by phase; the workload's passes and confirmation segments are yielded to main()."""
    raw = os.environ.get('MEMGATE_CONFIG')
    result_path = os.environ.get('MEMGATE_RESULT')
    if not raw or not result_path:
        print('python_probe.py is started by memgate (MEMGATE_CONFIG and MEMGATE_RESULT are not set)', file=sys.stderr)
        return 2
    channel = Channel(os.environ.get('MEMGATE_EVENTS'))
    try:
        config = json.loads(raw)
        probe = Session(config, channel)
        probe.load()
        probe.setup()
        yield from probe.run_pass(1)
        probe.take_baseline()
        yield from probe.run_pass(2)
        probe.take_after()
        if probe.suspect():
            yield from probe.confirm()
        result = probe.finish()
        write_result(result_path, result)
        channel.send({'event': 'done'})
        return 0
    except WorkloadFailure as failure:
        return fail(channel, failure.kind, failure.message, failure.stack)
    except SystemExit as error:
        code = exit_code(error)
        event = {'event': 'exit', 'code': code, 'phase': Position.phase}
        if Position.iteration is not None:
            event['iteration'] = Position.iteration
        channel.send(event)
        return code
    except MemoryError as error:
        # The allocation that failed was never made: there is room to read the figures at the moment of failure.
        try:
            memory = Memory.figures()
        except MemoryError:
            memory = None
        return fail(channel, 'oom', 'MemoryError', format_exception(error), memory)
    except BaseException as error:  # noqa: BLE001 - the workload's failures arrive as WorkloadFailure: this is memgate's bug
        return fail(channel, 'probe', f'memgate probe failed: {describe(error)}', traceback.format_exc())
