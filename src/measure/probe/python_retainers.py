"""Who holds the leak, for Python: retainer paths of the objects allocated at growing lines.

Called by python_probe.py after its `after` snapshot, while tracemalloc is still tracing (an object's
allocation traceback is only known then). Standard library only; Python 3.9+.

Method (the idea of objgraph's find_backref_chain, done for all objects at once): one breadth-first walk
forward from every module (their globals are the roots a person recognises) over gc.get_referents, which
also reaches untracked objects such as strings. Each object the walk reaches whose allocation traceback
(tracemalloc.get_object_traceback) contains a growing (file, line) belongs to that site (innermost match
wins). Its path is cut at its *frontier*, the first object on the path allocated at any growing site: the
path up to it is the holder the growth hangs from, identical for the thousandth entry and the first, so
objects aggregate by it. Steps are named from the containers: a module global, a class attribute, an
instance attribute, a dict entry, a list element, a closure cell.

Cost: every allocation the walk makes is traced too, and each object's traceback is built (about
30-90 us per reference on a loaded 2-core machine, 35 s for a full walk of a 50 MiB traced heap); the
time limit ends the walk (stats.truncated) with the paths found so far. Containers with more than
BIG_CONTAINER references are walked last, smallest first, so that one big list does not use up the time.

Limits: objects reachable only from a thread's or the probe's stack (not from any module) are not found;
paths through deferred containers may not be the shortest; an object whose memory block came from a free
list carries the traceback of that block's first allocation (tracemalloc's view), so a few objects land on
another line; bytes are sys.getsizeof (shallow), not tracemalloc's block sizes.
"""
from __future__ import annotations

import _thread
import collections
import gc
import heapq
import json
import os
import re
import sys
import time
import tracemalloc
import types

THIS_FILE = os.path.abspath(__file__)
ATOMIC = (int, float, complex, bool, type(None), str, bytes)
# Containers with more references wait until the rest is walked (see _Walk.run).
BIG_CONTAINER = 4096
# Stacks and code are not where data is kept (and the walk's own frame would hold everything).
SKIPPED = (types.FrameType, types.CodeType)


RETAINERS_SUFFIX = '.retainers.json'  # protocol.ts
DEPENDENCY_SEGMENTS = ('/site-packages/', '/dist-packages/')


def wanted(config: dict, iterations: int, baseline_memory: dict, after_memory: dict, peak_rss: int, confirmation) -> bool:
    """Whether python_probe.py runs the retainer step: suspect to the leak rule (and not settled by the
    confirmation), or over a ceiling. A clean workload gets no analysis at all. Mirrors retainers-step.ts."""
    settings = config.get('retainers')
    if not settings:
        return False
    growth = after_memory['heapUsed'] - baseline_memory['heapUsed']
    ceilings = settings.get('ceilings') or {}
    if ceilings.get('maxRetained') is not None and growth > ceilings['maxRetained']:
        return True
    if ceilings.get('maxHeap') is not None and after_memory['heapUsed'] > ceilings['maxHeap']:
        return True
    if ceilings.get('maxRss') is not None and peak_rss > ceilings['maxRss']:
        return True
    confirm = config.get('confirm')
    if not confirm or growth <= min(confirm['growthFloor'], confirm['leakRate'] * iterations):
        return False
    if confirmation is None:
        return True
    # analysis/leak-rate.ts judgeConfirmation: a leak unless the last segment settled (its rate under R).
    ends = confirmation['segmentEnds']
    if not ends:
        return False
    readings = [(r['iteration'], r['heapUsed']) for r in confirmation['readings']]
    start = ends[-2] if len(ends) >= 2 else readings[0][0]
    points = [p for p in readings if start <= p[0] <= ends[-1]]
    rates = sorted((b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(points, points[1:]) if b[0] > a[0])
    if not rates:
        return False
    mid = len(rates) // 2
    rate = rates[mid] if len(rates) % 2 else (rates[mid - 1] + rates[mid]) / 2
    return rate >= confirm['leakRate']


def growing_sites(result: dict, count: int) -> list:
    """The top growing (file, line, function) of the result, each charged to its first frame outside the
    runtime and dependencies, as analysis/diff.ts charges the report's rows."""
    libraries = tuple(os.path.join(path, '') for path in result['runtime'].get('libraryPaths') or [])

    def user(frame) -> bool:
        file = frame['file']
        return bool(file) and not file.startswith('<') and not file.startswith(libraries) and not any(s in file.replace(os.sep, '/') for s in DEPENDENCY_SEGMENTS)

    growth: dict = {}
    for snapshot, sign in ((result['after']['snapshot'], 1), (result['baseline']['snapshot'], -1)):
        for allocation in snapshot['allocations']:
            frame = next((f for f in allocation['stack'] if user(f)), None)
            if frame is not None:
                key = (frame['file'], frame['line'], frame['functionName'])
                growth[key] = growth.get(key, 0) + sign * allocation['size']
    ranked = sorted((key for key, size in growth.items() if size > 0), key=lambda key: -growth[key])
    return ranked[:count]


def probe_step(config: dict, result: dict, result_path: str, write_result, enter) -> None:
    """python_probe.py's retainer step, before teardown with tracemalloc still tracing: the result is
    written first, so that a crash or the runner's kill during the walk loses nothing of it (on a shallow thread:
    serialising it traced on the probe's thread took 0.6 s on the http.server leak, 0.25 s there). `ms` is the
    step's whole time, that write included."""
    started = time.perf_counter()
    shallow(write_result, result_path, result)
    enter('retainers')
    try:
        out = _capture(config['retainers'], result)
    except Exception as error:  # noqa: BLE001 - memgate's own failure must not cost the workload its measurement
        out = {'status': 'failed', 'reason': f'the retainer step failed: {type(error).__name__}: {error}'}
    out['ms'] = round((time.perf_counter() - started) * 1000)
    temporary = result_path + RETAINERS_SUFFIX + '.tmp'
    with open(temporary, 'w', encoding='utf-8') as file:
        json.dump(out, file, separators=(',', ':'))
    os.replace(temporary, result_path + RETAINERS_SUFFIX)


def shallow(fn, *args):
    """fn(*args), run on a new thread while this one waits: tracemalloc records the whole stack at every allocation
    made while it traces, and there the stack is two frames deep, against a dozen on the probe's main thread (half
    the walk's time). The workload's threads run as they would during the walk anyway."""
    outcome: list = []
    done = _thread.allocate_lock()
    done.acquire()

    def body() -> None:
        try:
            outcome.append((True, fn(*args)))
        except BaseException as error:  # noqa: BLE001 - re-raised on the caller's thread
            outcome.append((False, error))
        finally:
            done.release()

    try:
        _thread.start_new_thread(body, ())
    except RuntimeError:  # no thread to be had: here, then
        return fn(*args)
    done.acquire()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def _capture(settings: dict, result: dict) -> dict:
    heap = result['after']['memory']['heapUsed']
    sites = growing_sites(result, int(settings.get('sites') or 10))
    if heap > settings['maxHeap']:
        mib = 1024 * 1024
        out = {'status': 'skipped', 'reason': f'the traced heap holds {heap / mib:.0f} MiB, over the {settings["maxHeap"] / mib:.0f} MiB limit for the retainer walk (retainers-max-heap)'}
    elif not sites:
        out = {'status': 'skipped', 'reason': "no growing site in the workload's code to look for"}
    else:
        # The walk stops itself at 80% of the limit; the runner kills the process a little after the whole of it.
        found = find_retainers([(file, line) for file, line, _ in sites], time_limit=settings['timeoutSeconds'] * 0.8, skip_modules=('__main__',))
        if found['status'] == 'captured':
            out = {'status': 'captured', 'heapUsed': heap, 'sites': [
                {'file': file, 'line': line, 'function': function, 'paths': paths} for (file, line, function), paths in zip(sites, found['sites'])
            ]}
            if found['stats'].get('truncated'):
                out['truncated'] = True
        else:
            out = {'status': found['status'], 'reason': found['reason']}
    return out


def find_retainers(sites, max_paths: int = 5, time_limit: float = 10.0, max_objects: int = 5_000_000, skip_modules=()) -> dict:
    """Retainer paths per site.

    sites: (file, line) pairs, absolute paths as the probe reports them.
    Returns {'status': 'captured', 'sites': [[{bytes, objects, path: [{name, kind, file?, line?}]}]], 'stats': {...}}
    (one list per site, largest first; path root first), or {'status': 'skipped' | 'failed', 'reason': ...}.
    """
    if not tracemalloc.is_tracing():
        return {'status': 'skipped', 'reason': 'tracemalloc is not tracing: allocation tracebacks are unknown'}
    try:
        return shallow(_Walk(sites, max_paths, time_limit, max_objects, set(skip_modules)).run)
    except MemoryError:
        return {'status': 'failed', 'reason': 'ran out of memory while walking the objects'}
    except Exception as error:  # noqa: BLE001 - the measurement must stand whatever happens here
        return {'status': 'failed', 'reason': f'retainer walk failed: {type(error).__name__}: {error}'}


class _Walk:
    def __init__(self, sites, max_paths: int, time_limit: float, max_objects: int, skip_modules: set) -> None:
        self.site_index = {}
        for index, (file, line) in enumerate(sites):
            self.site_index.setdefault((os.path.normpath(file), int(line)), index)
        self.site_count = len(sites)
        self.max_paths = max_paths
        self.deadline = time.perf_counter() + time_limit
        self.max_objects = max_objects
        self.skip_modules = skip_modules
        self.cwd = os.getcwd()
        self.paths: dict = {}
        self.sources: dict = {}
        self.frame_sites: dict = {}
        self.traceback_sites: dict = {}
        self.plain: dict = {}

    def site_of(self, obj) -> int:
        """The growing site the object was allocated at (innermost matching frame), or -1."""
        frames = _RAW_TRACEBACK(obj) if _RAW_TRACEBACK is not None else _raw_traceback(obj)
        if not frames:
            return -1
        # Objects allocated at one place share a traceback: hashing it (in C) is cheaper than looking at its frames,
        # up to the stack depth of them (an import's allocations have twenty).
        site = self.traceback_sites.get(frames)
        if site is None:
            shaped = _RAW_TRACEBACK is None or (isinstance(frames[0], tuple) and len(frames[0]) == 2)
            site = self.traceback_sites[frames] = self.site_of_frames(frames if shaped else _raw_traceback(obj))
        return site

    def site_of_frames(self, frames) -> int:
        if not frames:
            return -1
        for frame in frames:  # innermost first
            site = self.frame_sites.get(frame)
            if site is None:
                path = self.resolve(frame[0])
                # Line 0: a site grouped by file (compare key 'filename') takes any line of it.
                site = self.frame_sites[frame] = self.site_index.get((path, frame[1]), self.site_index.get((path, 0), -1))
            if site >= 0:
                return site
        return -1

    def resolve(self, filename: str) -> str:
        found = self.paths.get(filename)
        if found is None:
            found = self.paths[filename] = filename if filename.startswith('<') else os.path.normpath(os.path.join(self.cwd, filename))
        return found

    def roots(self) -> list:
        modules = []
        for name, module in list(sys.modules.items()):
            if not isinstance(module, types.ModuleType) or name in self.skip_modules:
                continue
            file = getattr(module, '__file__', None)
            if file and os.path.abspath(file) == THIS_FILE:
                continue
            modules.append(module)
        # The workload's own modules first: on equal length, a path from user code wins.
        modules.sort(key=lambda m: 0 if _is_user_module(m) else 1)
        return modules

    def run(self) -> dict:
        started = time.perf_counter()
        # parent[id] = (object, parent id or None, site index, frontier id or None)
        seen: dict = {}
        # Every allocation made here is traced too (at a cost per allocation): the loop allocates little.
        queue = collections.deque()
        for module in self.roots():
            key = id(module)
            if key not in seen:
                seen[key] = (module, None, -1, None)
                queue.append((module, key))
        truncated = False
        groups: dict = {}
        found = 0
        visited = 0
        checked = 0
        deferred: list = []
        pushed = 0
        site_of = self.site_of
        elsewhere: set = set()  # ids of leaves allocated at no growing site
        while queue or deferred:
            if truncated or len(seen) >= self.max_objects:
                truncated = True
                break
            if queue:
                obj, parent = queue.popleft()
                referents = gc.get_referents(obj)
                # A huge container (a big list, a big cache) would eat the time limit before the walk gets
                # anywhere else: big ones wait until the rest is walked, smallest first.
                if len(referents) > BIG_CONTAINER:
                    pushed += 1
                    heapq.heappush(deferred, (len(referents), pushed, parent, obj))
                    continue
            else:
                _, _, parent, obj = heapq.heappop(deferred)
                referents = gc.get_referents(obj)
            visited += 1
            held = seen[parent][3]
            plain = None
            for child in referents:
                checked += 1
                if (checked & 0x3FF) == 0 and time.perf_counter() > self.deadline:
                    truncated = True
                    break
                key = id(child)
                atomic = isinstance(child, ATOMIC)
                if atomic:
                    # Leaves are not walked further: only the ones a site allocated need an entry. The others are
                    # remembered by id (held by their container, which `seen` holds): names and small values are
                    # referenced from thousands of places, and each look-up of a traceback costs.
                    if key in seen or key in elsewhere:
                        continue
                    site = site_of(child)
                    if site < 0:
                        elsewhere.add(key)
                        continue
                else:
                    if key in seen or isinstance(child, SKIPPED) or child is seen:
                        continue
                    site = -1 if isinstance(child, types.ModuleType) else site_of(child)
                frontier = held if held is not None else (key if site >= 0 else None)
                seen[key] = (child, parent, site, frontier)
                if site >= 0:
                    found += 1
                    # Leaves a site allocated straight into an old container (floats appended to a module's list)
                    # are each their own frontier, with the same path: one group per container, not per leaf.
                    group_key = frontier
                    if held is None and atomic:
                        if plain is None:
                            plain = self.plain_container(seen, parent)
                        if plain:
                            group_key = ('leaves', parent)
                    group = groups.get(group_key)
                    if group is None:
                        group = groups[group_key] = [[0] * self.site_count, [0] * self.site_count, frontier]
                    group[0][site] += sys.getsizeof(child, 0)
                    group[1][site] += 1
                if not atomic:
                    queue.append((child, key))
        namer = _Namer(seen, self)
        per_site: list = [dict() for _ in range(self.site_count)]
        for sizes, counts, frontier in groups.values():
            path = namer.steps_to(frontier)
            key = repr(path)
            for site in range(self.site_count):
                if counts[site]:
                    slot = per_site[site].setdefault(key, {'bytes': 0, 'objects': 0, 'path': path})
                    slot['bytes'] += sizes[site]
                    slot['objects'] += counts[site]
        result = [sorted(paths.values(), key=lambda p: (-p['bytes'], -p['objects']))[: self.max_paths] for paths in per_site]
        stats = {'objects': visited, 'references': checked, 'found': found, 'truncated': truncated, 'ms': round((time.perf_counter() - started) * 1000, 3)}
        seen.clear()
        return {'status': 'captured', 'sites': result, 'stats': stats}

    def plain_container(self, seen: dict, key) -> bool:
        """Whether the step from this container to any element is named the same ('[]'): a list, deque or set,
        or a dict that is no module's, class's or instance's namespace (whose steps are the keys' names)."""
        plain = self.plain.get(key)
        if plain is None:
            container, parent = seen[key][0], seen[key][1]
            if isinstance(container, (list, collections.deque, set, frozenset)):
                plain = True
            elif type(container) is dict:
                grand = seen[parent][0] if parent is not None else None
                plain = grand is not None and not isinstance(grand, (types.ModuleType, type)) and getattr(grand, '__dict__', None) is not container
            else:
                plain = False
            self.plain[key] = plain
        return plain

    def declaration_line(self, file: str, name: str):
        lines = self.sources.get(file)
        if lines is None:
            try:
                with open(file, encoding='utf-8') as source:
                    lines = source.read().split('\n')
            except (OSError, UnicodeDecodeError):
                lines = []
            self.sources[file] = lines
        pattern = re.compile(rf'^(?:{re.escape(name)}\s*(?::[^=]+)?=(?!=)|(?:async\s+)?def\s+{re.escape(name)}\b|class\s+{re.escape(name)}\b|(?:from\s+\S+\s+)?import\s.*\b{re.escape(name)}\b)')
        for number, text in enumerate(lines, 1):
            if pattern.match(text):
                return number
        return None


_RAW_TRACEBACK = getattr(tracemalloc, '_get_object_traceback', None)


def _raw_traceback(obj):
    """(filename, lineno) pairs, innermost first, or None.

    The private function returns the frames as plain tuples; the public one wraps each in a Frame, and
    every allocation made while tracing costs (the walk makes one call per object).
    """
    if _RAW_TRACEBACK is not None:
        frames = _RAW_TRACEBACK(obj)
        if frames is None or (frames and isinstance(frames[0], tuple) and len(frames[0]) == 2):
            return frames
    traceback = tracemalloc.get_object_traceback(obj)
    return None if traceback is None else [(frame.filename, frame.lineno) for frame in reversed(traceback)]


def _is_user_module(module) -> bool:
    file = getattr(module, '__file__', None) or ''
    return bool(file) and 'site-packages' not in file and not file.startswith(sys.base_prefix) and not file.startswith(sys.prefix)


class _Namer:
    """Names the steps of a path from the parents the walk recorded, root first."""

    def __init__(self, seen: dict, walk: _Walk) -> None:
        self.seen = seen
        self.walk = walk
        # key -> the named steps from the root to it (before the root cut), for the holders frontiers hang from:
        # a list of 200,000 floats, each its own frontier, is named once, not 200,000 times.
        self.memo: dict = {}

    def raw_steps(self, key) -> list:
        pending = []
        at = key
        while at is not None and at not in self.memo:
            pending.append(at)
            at = self.seen[at][1]
        steps = list(self.memo[at]) if at is not None else []
        # A step is named from its object and up to three before it: those above the memoised ancestor.
        objects = []
        above = at
        while above is not None and len(objects) < 3:
            objects.append(self.seen[above][0])
            above = self.seen[above][1]
        objects.reverse()
        for index, item in enumerate(reversed(pending)):
            objects.append(self.seen[item][0])
            if len(objects) >= 2:
                step = self.step(objects, len(objects) - 1)
                if step is not None and (not steps or steps[-1] != step):
                    steps.append(step)
            if index < len(pending) - 1:  # the frontier itself is asked for once: only its holders are kept
                self.memo[item] = steps
                steps = list(steps)
        return steps

    def steps_to(self, key) -> list:
        steps = self.raw_steps(key)
        # A module's global is a root a person recognises: how the walk reached that module is noise.
        roots = [i for i, step in enumerate(steps) if step['kind'] == 'module-scope variable']
        return steps[roots[-1]:] if roots else (steps or [{'name': '(module)', 'kind': 'internal'}])

    def step(self, objects: list, index: int):
        parent, child = objects[index - 1], objects[index]
        grand = objects[index - 2] if index >= 2 else None
        if isinstance(parent, types.ModuleType) or isinstance(parent, type) and isinstance(child, dict):
            return None  # the module's or class's namespace: named at the next step
        if isinstance(parent, dict):
            name = _key_of(parent, child)
            if isinstance(grand, types.ModuleType) and parent is grand.__dict__:
                file = getattr(grand, '__file__', None)
                step = {'name': str(name), 'kind': 'module-scope variable'}
                if file:
                    step['file'] = os.path.abspath(file)
                    line = self.walk.declaration_line(step['file'], str(name))
                    if line:
                        step['line'] = line
                return step
            if isinstance(grand, type):
                return {'name': f'{grand.__name__}.{name}', 'kind': 'class attribute'}
            if grand is not None and getattr(grand, '__dict__', None) is parent:
                return {'name': str(name), 'kind': 'property'}
            return {'name': '[]', 'kind': 'map entry'}
        if isinstance(parent, (list, tuple, collections.deque)):
            if isinstance(grand, types.FunctionType) and parent is grand.__closure__:
                return None  # the closure's cells: named at the cell
            return {'name': '[]', 'kind': 'element'}
        if isinstance(parent, (set, frozenset)):
            return {'name': '[]', 'kind': 'set entry'}
        if isinstance(parent, types.CellType):
            function = objects[index - 3] if index >= 3 else None
            if isinstance(function, types.FunctionType) and function.__closure__ is grand:
                code = function.__code__
                position = next((i for i, cell in enumerate(grand) if cell is parent), -1)
                name = code.co_freevars[position] if 0 <= position < len(code.co_freevars) else '?'
                return {'name': name, 'kind': 'closure variable', 'file': self.walk.resolve(code.co_filename), 'line': code.co_firstlineno}
            return {'name': '?', 'kind': 'closure variable'}
        if isinstance(parent, types.FunctionType):
            return None  # its closure tuple, defaults or globals: named further on
        if isinstance(parent, types.MethodType):
            return {'name': '__self__', 'kind': 'property'}
        slots = _slot_name(parent, child)
        if slots is not None:
            return {'name': slots, 'kind': 'property'}
        attributes = getattr(parent, '__dict__', None)
        if attributes is child:
            return None  # an instance's attributes: named at the next step
        if isinstance(attributes, dict):  # 3.11+: inline attribute values are the instance's own referents
            name = _key_of(attributes, child)
            if name != '[]':
                return {'name': name, 'kind': 'property'}
        return {'name': f'<{type(parent).__name__}>', 'kind': 'internal'}


def _key_of(mapping: dict, child):
    for key, value in mapping.items():
        if value is child:
            return key if isinstance(key, str) else '[]'
    return '[]'  # the child is a key, not a value


def _slot_name(parent, child):
    for cls in type(parent).__mro__:
        for slot in getattr(cls, '__slots__', ()) if isinstance(getattr(cls, '__slots__', ()), (tuple, list)) else ():
            if getattr(parent, slot, None) is child:
                return slot
    return None
