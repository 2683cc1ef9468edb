"""Who holds the leak, for Python: retainer paths of the objects allocated at growing lines.

Called by python_probe.py in two halves: probe_tracebacks() after the confirmation, while tracemalloc is still
tracing (an object's allocation traceback is only known then; the probe stops it next); probe_step() after the
diff, which walks. Standard library only; Python 3.9+.

Method (the idea of objgraph's find_backref_chain, done for all objects at once): one breadth-first walk
forward from every module (their globals are the roots a person recognises) over gc.get_referents, which
also reaches untracked objects such as strings. Each object the walk reaches whose allocation traceback
contains a growing (file, line) belongs to that site (innermost match wins). Its path is cut at its *frontier*, the
first object on the path allocated at any growing site: the path up to it is the holder the growth hangs from,
identical for the thousandth entry and the first, so objects aggregate by it. Steps are named from the containers:
a module global, a class attribute, an instance attribute, a dict entry, a list element, a closure cell. The walk
goes in phases: from the workload's own modules (not the standard library's nor site-packages', _is_user_module),
stopping at the other modules, their namespaces and the classes they define (_Boundary); then from those modules, for
what the first did not reach; then from where it met the classes it stopped at that no module reached (a class whose
__module__ names another module). It ends once every object the reading found at a site is reached (each is counted
once, when first met, so the rest of the heap cannot change the result): a leak the workload's state holds is found
without walking the interpreter's (the walk on leak_list_growth.py 49 -> 1.3 ms, on leak_svc_logging.py 65 -> 10;
bench/results/python-walk-phases.md), and a path from the workload's state wins over a shorter one through a library's.

Cost: while tracemalloc traces, every allocation records the stack it was made on, the line of each frame found by
scanning that frame's code up to where it stands, and tracemalloc.get_object_traceback allocates its answer (a tuple
of 2 x frames objects). A walk made while tracing took 30-90 us per reference (2.4 s on the 2.3 MiB http.server
leak, 35 s on a 50 MiB heap). So the tracebacks are read first, for every object reachable from the modules, the
lookups by C iterators (map), each answer interned so that the objects allocated at one place share one tuple, and
its frames so that the tuples share them; then the probe stops tracing, and its diff and the walk run untraced.
The reading itself allocates untraced where the probe can have it so (python_probe.UntracedAllocations: the traces
stay readable, the reading's own objects get none; the whole capture on the Flask leak 1.79 s -> 0.93 s in npm run
bench's holder table); elsewhere it runs traced, on a thread whose only frame is a short one (shallow), and
keeps little, as tracemalloc keeps a record of each block: ids only where an object has more than one holder
(_reachable), each distinct frame once (_lookups). On the boto3 leak (155,000 objects, 21,000 distinct tracebacks)
the process's peak RSS with the step went from 503 to 374 MiB with those, the measurement's own being 345
(bench/results/python-verdicts.md). The leaves a list, deque or set holds alone (floats, strings: no references of
their own, and only that container reaches them), or that a dict holds alone where it is no namespace (_data_dict),
are counted by container and traceback where it holds more than TALLIED of them: neither listed nor looked up by id (on bench/scenarios/python/leak_list_growth.py, 196,000 floats in a
list: the capture 536-553 ms instead of 838-855, side by side on one CPU; the process's peak RSS with it 68.4 MiB
instead of 81.8, the measurement's own 62.3). Past SAMPLED_ABOVE such leaves a container's are counted from a sample
and its newest (_tallies), and where all its references are such leaves they are taken at once (_leaves_alone): the
capture on a list grown by 20,000 floats a call, 3.9 million of them at its end, 5.4-6.9 s -> 0.51-0.52 s
(bench/results/python-big-leaks.md); on leak_list_growth.py's 196,000, 375 -> 199 ms in the whole bench
(bench/results/latest.md, at fae03f4 before); on a dict cache given 4,000 strings a call, 2.0-3.2 s -> 0.25 s
(bench/results/python-big-leaks.md). The time limit ends either part (stats.truncated) with what it has. Containers with more than BIG_CONTAINER references are walked last, smallest
first, so that one big list does not use up the time.

Limits: objects reachable only from a thread's or the probe's stack (not from any module) are not found;
paths through deferred containers, or that a library's state also reaches, may not be the shortest; an object whose memory block came from a free
list carries the traceback of that block's first allocation (tracemalloc's view), so a few objects land on
another line; bytes are sys.getsizeof (shallow), not tracemalloc's block sizes; a container's leaves past
SAMPLED_ABOVE have their counts and bytes by traceback estimated (_tallies); an instance's namespace of more than
TALLIED leaves (any object's __dict__) is counted as a data dict's, its leaves named as its entries ('[]'), not each by
its attribute; the objects the confirmation allocated
carry their innermost frame only (python_probe.TracebackLimit), so those a library line allocated for a growing line
are found only where that library line allocates for growing lines alone (at_sites).
"""
from __future__ import annotations

import _thread
import array
import collections
import contextlib
import gc
import heapq
import itertools
import json
import operator
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
# The reading's steps: objects whose references are listed between two checks of _reachable's deadline and object
# limit, and objects whose tracebacks are looked up on one thread (_lookups checks its deadline between them).
REFERENTS_STEP = 256
LOOKUP_STEP = 65536
# Past this many objects the step stops (truncated) with what it found.
MAX_OBJECTS = 5_000_000
# The shares of the step's time limit by which the reading, then the walk, stop (the runner kills a little after it).
STEP_SHARES = (0.5, 0.8)
# Stacks and code are not where data is kept (and the walk's own frame would hold everything).
SKIPPED = (types.FrameType, types.CodeType)
# Containers whose every element is named the same step ('[]'): the leaves they alone hold are counted by container,
# not each listed (_reachable), and the walk skips the elements of one that holds nothing else.
PLAIN = (list, collections.deque, set, frozenset)
PLAIN_TYPES = frozenset(map(id, PLAIN))  # exactly these: a subclass's instance may reference more than its elements
# Keys that only namespaces hold (a module's, a class's: their steps are the keys' names): a dict with more than TALLIED
# entries and neither is a data dict, a cache, whose leaves are counted as a PLAIN container's (_data_dict). PLAIN
# containers and data dicts are the *counting* containers below.
NAMESPACE_KEYS = ('__name__', '__module__')
# A counting container holding more leaves than this alone has them counted, not listed (_reachable); fewer are listed
# as any object, as counting them costs a few lookups' time each.
TALLIED = 1024
# A container holding more such leaves than SAMPLED_ABOVE has them counted from the tracebacks of SAMPLE of them, one
# from each of SAMPLE equal stretches, and of its last TAIL each (_tallies): a list's and a deque's newest, where a
# growing line's leaves are. A lookup costs ~1.3 us a leaf, so every one of the 3.9 million floats a list grown by
# 20,000 a call held took the capture 5.4-6.9 s (bench/results/python-big-leaks.md).
SAMPLED_ABOVE = 65536
SAMPLE = 16384
TAIL = 8192
# What a group of such leaves is named from (_Walk.run): one leaf stands for all.
LEAF = object()


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


class Tracebacks:
    """The allocation traceback of every object reachable from the modules, read while tracemalloc traces, for a walk
    made after tracing stops: objects[i] was allocated at tracebacks[i] (raw frames, innermost first; None: before
    tracing started), but for the leaves of counting containers held by them alone, counted by container in `runs`
    (_reachable's Run). One tuple per distinct traceback."""

    def __init__(self, objects: list, tracebacks: list, truncated: bool, started: float, failure: str | None = None, runs: list | None = None) -> None:
        self.objects = objects
        self.tracebacks = tracebacks
        self.runs = runs or []
        self.truncated = truncated
        self.ms = (time.perf_counter() - started) * 1000
        self.failure = failure  # why they could not be read

    def at_sites(self, sites) -> tuple:
        """({id(object): index of the growing site it was allocated at}, [those objects], {id(container): Leaves}) for
        the objects of any of the (file, line) sites, innermost matching frame first; line 0 (a site grouped by file)
        takes any line of it. The list holds the objects and the containers, so that an id stays theirs while the walk
        allocates; the rest are let go."""
        site_count = len(sites)
        index: dict = {}
        for position, (file, line) in enumerate(sites):
            index.setdefault((os.path.normpath(file), int(line)), position)
        resolve = _Paths().resolve
        # Keyed by identity: _lookups interned the answers (one tuple per distinct traceback) and their frames (one
        # tuple per distinct frame), and a tuple's hash is not cached but computed over its items at each lookup. Each
        # distinct frame is resolved once: the Flask leak's 102,000 objects have 13,650 tracebacks of up to 32 frames
        # but 9,450 distinct frames (a timer put around this call: 76 ms, against 180 ms resolving each traceback's
        # frames and 227 ms keyed by value).
        distinct = dict(zip(map(id, self.tracebacks), self.tracebacks))
        distinct.update((id(frames), frames) for run in self.runs for frames, _, _ in run.tallies)
        every_frame = {id(frame): frame for frames in distinct.values() if frames for frame in frames}
        frame_site: dict = {}
        for key, (filename, line) in every_frame.items():
            path = resolve(filename)
            found = index.get((path, line), index.get((path, 0), -1))
            if found >= 0:
                frame_site[key] = found

        def site(frames) -> int:
            if not frames or frame_site.keys().isdisjoint(map(id, frames)):
                return -1
            for frame in frames:  # innermost first
                found = frame_site.get(id(frame))
                if found is not None:
                    return found
            return -1

        site_of = {key: site(frames) for key, frames in distinct.items()}
        # The objects the confirmation allocated carry their innermost frame only (python_probe.TracebackLimit; the
        # import's carry two, IMPORT_FRAMES, so as not to be taken for them): one whose frame is the innermost of
        # whole tracebacks that all lead to one site belongs to it too (a library's
        # line allocating for the growing line of yours, as json.loads for `_kept.append(json.loads(text))`).
        through: dict = {}
        for key, found in site_of.items():
            frames = distinct[key]
            if frames and len(frames) > 1:
                through[frames[0]] = found if through.get(frames[0], found) == found else -1
        for key, found in site_of.items():
            frames = distinct[key]
            if found < 0 and frames and len(frames) == 1:
                site_of[key] = through.get(frames[0], -1)
        by_container: dict = {}
        held: list = []
        for run in self.runs:
            counts, sizes = [0] * site_count, [0] * site_count
            for frames, count, size in run.tallies:
                found = site_of[id(frames)]
                if found >= 0:
                    counts[found] += count
                    sizes[found] += size
            if run.others == 0 or any(counts):
                by_container[id(run.container)] = Leaves(counts if any(counts) else None, sizes, run.references, run.others, run.length)
                held.append(run.container)
        # The other objects at a site, each by its id: a site per object, then two passes by C iterators (on a leak of
        # many small objects, an (object, site) pair each would weigh).
        sites = array.array('h' if site_count < 2 ** 15 else 'q', map(site_of.__getitem__, map(id, self.tracebacks)))
        self.tracebacks = []
        positions = list(itertools.compress(range(len(sites)), map((-1).__lt__, sites)))
        others = list(map(self.objects.__getitem__, positions))
        found = dict(zip(map(id, others), map(sites.__getitem__, positions)))
        held += others
        self.objects, self.runs = [], []  # Asked once: the walk needs only the objects found.
        return found, held, by_container


class Leaves(collections.namedtuple('Leaves', 'counts sizes references others length')):
    """A counting container's leaves held by it alone, as read: counts[site] of them allocated at each growing site
    (None: at none), their sizes[site] in bytes; the container had `references`, `others` of them not such leaves
    (none: the walk need not list its elements, while its length is still `length`)."""

    __slots__ = ()


def read_tracebacks(deadline: float, max_objects: int, skip_modules: set) -> Tracebacks:
    """The allocation tracebacks of the objects the walk will reach, read while tracemalloc traces (see the module's
    Cost); the deadline (time.perf_counter's) and max_objects cut the objects short."""
    started = time.perf_counter()
    interned = _Interned()
    with _collector_paused():
        objects, runs, truncated = shallow(_reachable, _roots(skip_modules), deadline, max_objects, interned)
        tracebacks = _lookups(objects, deadline, interned)
    if len(tracebacks) < len(objects):
        del objects[len(tracebacks):]
        truncated = True
    return Tracebacks(objects, tracebacks, truncated, started, runs=runs)


@contextlib.contextmanager
def _collector_paused():
    """The cyclic collector off meanwhile, should it be on: the reading allocates a tuple or more per object it reads,
    and every 700 of them a young collection traversed the reading's young lists again (bench/scenarios/python/
    leak_list_growth.py's heap, 196,000 floats in a list and 36,000 other objects, a timer put around this reading
    pinned to one CPU: 310 -> 218 ms; around the walk, no change). The reading frees nothing the collector would."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Run(collections.namedtuple('Run', 'container tallies references others length')):
    """A counting container with leaves held by it alone (not listed among the objects): tallies, [(traceback, how
    many, their bytes)] per distinct traceback of those leaves; it had `references`, `others` of them not such leaves,
    and len() `length`."""

    __slots__ = ()


def _reachable(roots: list, deadline: float, max_objects: int, interned) -> tuple:
    """Every object the walk can reach from the roots, level by level: modules, then what they reference, and so on,
    through every object that is not SKIPPED nor ATOMIC (a leaf). Returns (objects, runs, truncated): the leaves a
    counting container holds alone are not listed but counted by traceback, its Run (a list of 200,000 floats: a few
    entries, not 200,000 objects and tracebacks, nor an id each in the walk).

    An object held by one reference, the one it was met through, is not met again: it is taken without keeping its
    id. The ids kept to tell objects already met are ints and dict entries, traced while the reading runs, with
    tracemalloc's record of each (115 B per object at the reading's peak on 200,000 floats in a list, ~20 B so: the
    test of python-retainers.test.ts; bench/retainers/cost.sh python 19, a heap of small records: the process's peak
    RSS 167 -> 147 MiB). None, booleans and small ints, held everywhere, are looked up by id without asking (their
    reference counts are ints made at each call). Should a workload thread move an object into a container not yet
    reached meanwhile, it is listed twice: harmless (the walk keys objects by id), and bounded by the deadline."""
    single, untraversed = _single_owner_count(), _untraversed()
    alone = _single_owner_count(by_map=True)
    seen = {id(root): root for root in roots}
    objects = list(seen.values())
    runs: list = []
    level = objects[:]
    while level:
        deeper = []
        for start in range(0, len(level), REFERENTS_STEP):
            if time.perf_counter() > deadline or len(objects) >= max_objects:
                return objects, runs, True
            step = level[start:start + REFERENTS_STEP]
            # A counting container's references are listed alone, so that its leaves are known as its; the others' at
            # once, a few at a time (a level of big containers never makes one list of millions: the http.server
            # leak's 1,800 lists of 200 made 5.5 MiB at 4,096), which costs less while tracemalloc traces.
            tallied: list = []
            rest: list = []
            for obj in step:
                counting = isinstance(obj, PLAIN) or isinstance(obj, dict) and dict.__len__(obj) > TALLIED and _data_dict(obj)
                (tallied if counting else rest).append(obj)
            for obj in tallied:
                children = gc.get_referents(obj)
                mine: list = []
                if len(children) > SAMPLED_ABOVE and _leaves_alone(children, alone):
                    mine = children
                else:
                    _take(children, single, seen, objects, deeper, mine)
                if len(mine) > TALLIED:
                    tallies = _tallies(mine, interned, deadline)
                    if tallies is None:
                        return objects, runs, True
                    exact = id(type(obj)) in PLAIN_TYPES or type(obj) is dict  # a subclass's len() may run code
                    runs.append(Run(obj, tallies, len(children), len(children) - len(mine), len(obj) if exact else -1))
                else:
                    objects += mine  # a few: listed as any object
            _take(_referents(rest, untraversed), single, seen, objects, deeper, None)
        level = deeper
    return objects, runs, False


def _data_dict(mapping: dict) -> bool:
    """Whether _reachable takes this dict as a counting container (its references listed alone, the leaves it alone
    holds counted by it, a Run): more than TALLIED entries, and no NAMESPACE_KEYS (a cache of 784,000 string values: the
    capture listed and looked up each, 2.0-3.2 s, and 1.20-1.22x the bare script's RSS,
    bench/results/python-big-leaks.md). Any object's __dict__ that big (an instance's, a function's) is taken for one:
    its leaves are named as its entries ('[]'), not each by its attribute. Asked by dict's own methods: a subclass's may
    run code."""
    return dict.__len__(mapping) > TALLIED and not any(map(dict.__contains__, itertools.repeat(mapping), NAMESPACE_KEYS))


def _take(children: list, single: int, seen: dict, objects: list, deeper: list, leaves: list | None) -> None:
    """_reachable's step over some objects' references: each not met yet goes to the objects (and those not ATOMIC to
    the next level), but for the leaves held alone, which go to `leaves` when it is given (a counting container's)."""
    for child in children:
        kind = type(child)  # Compared by identity: a metaclass may make a class unhashable.
        if child is None or kind is bool or (kind is int and -5 <= child <= 256) or sys.getrefcount(child) != single:
            key = id(child)
            if key in seen:
                continue
            seen[key] = child
        elif leaves is not None and isinstance(child, ATOMIC):
            leaves.append(child)
            continue
        if not isinstance(child, SKIPPED):
            objects.append(child)
            if not isinstance(child, ATOMIC):
                deeper.append(child)


def _tallies(leaves: list, interned, deadline: float) -> list | None:
    """[(traceback, how many, their bytes)] of these leaves by traceback (interned: one tuple each); None past the
    deadline. Past SAMPLED_ABOVE leaves, all but the last TAIL are estimated from SAMPLE of them, one at a scattered
    place in each of SAMPLE equal stretches (not at one offset in each, which a list filled in a repeating pattern
    would alias): each traceback's count and bytes scaled by the stretches' length, rounded so that the counts add up
    to the leaves, and one traceback's leaves of one size come out exact. A traceback that few of those before the
    tail carry (under ~1 in 5,000) may go unseen: its leaves are then counted with the tracebacks sampled."""
    if len(leaves) <= SAMPLED_ABOVE:
        return _counted(leaves, interned, deadline)
    head = len(leaves) - TAIL
    stretch = head / SAMPLE
    # A scattered offset in each stretch: the fraction of its number times the golden ratio (Knuth's multiplicative
    # hash), whose successive values spread evenly over [0, 1).
    picked = [leaves[int((k + (k * 2654435761 & 0xFFFFFFFF) / 2 ** 32) * stretch)] for k in range(SAMPLE)]
    sampled, tail = _counted(picked, interned, deadline), _counted(leaves[head:], interned, deadline)
    if sampled is None or tail is None:
        return None
    # Each count scaled and floored, and what that leaves of the head handed out by the largest remainders (the most
    # frequent traceback taking it all could go negative where many were sampled once).
    shares = [(frames, count * stretch, round(size * stretch)) for frames, count, size in sampled]
    scaled = {id(frames): [frames, int(share), size] for frames, share, size in shares}
    left = head - sum(tally[1] for tally in scaled.values())
    for frames, share, _ in sorted(shares, key=lambda s: int(s[1]) - s[1])[:left]:
        scaled[id(frames)][1] += 1
    for frames, count, size in tail:
        tally = scaled.setdefault(id(frames), [frames, 0, 0])
        tally[1] += count
        tally[2] += size
    return [tuple(tally) for tally in scaled.values()]


def _counted(leaves: list, interned, deadline: float) -> list | None:
    """_tallies of every one of these leaves. By C iterators, a step at a time: a line appending to its list gives
    most of them one traceback, and a few another (a block from a free list carries its first one's)."""
    tallies: dict = {}  # id(traceback) -> [traceback, how many, bytes]

    def add(frames, count: int, size: int) -> None:
        tally = tallies.setdefault(id(frames), [frames, 0, 0])
        tally[1] += count
        tally[2] += size

    for start in range(0, len(leaves), LOOKUP_STEP):
        if time.perf_counter() > deadline:
            return None
        step = leaves[start:start + LOOKUP_STEP]
        answers = _lookups(step, deadline, interned)
        if len(answers) < len(step):
            return None
        if answers.count(answers[0]) == len(answers):  # equal is identical here (interned): compared as such first
            add(answers[0], len(answers), sum(map(sys.getsizeof, step, itertools.repeat(0))))
            continue
        counted = collections.Counter(map(id, answers)).most_common()
        if len(counted) > 8:
            for frames, leaf in zip(answers, step):
                add(frames, 1, sys.getsizeof(leaf, 0))
            continue
        rest = sum(map(sys.getsizeof, step, itertools.repeat(0)))
        for key, count in counted[1:]:
            frames = interned.by_id[key]
            size = sum(map(sys.getsizeof, itertools.compress(step, map(operator.is_, answers, itertools.repeat(frames))), itertools.repeat(0)))
            add(frames, count, size)
            rest -= size
        add(interned.by_id[counted[0][0]], counted[0][1], rest)
    return [tuple(tally) for tally in tallies.values()]


def _untraversed():
    """The module whose references are read from its namespace only, never by gc.get_referents: _asyncio. On 3.12
    releases made before the fix of CPython gh-122695 (August 2024; Ubuntu 24.04's 3.12.3 among them) its traversal
    visits its free list of future iterators, whose refcounts are 0, and the list that holds them, once freed, puts
    them back into it twice: the free list turns into a cycle, and the next traversal, the walk's or any
    gc.collect(), never ends (found on 3.12.1: the capture on bench/scenarios/python/leak_svc_asyncio_fanout.py grew
    to gigabytes until killed). Its state holds nothing of the workload's that the asyncio module does not reach."""
    return sys.modules.get('_asyncio')


def _referents(objects: list, untraversed) -> list:
    """gc.get_referents(*objects), the untraversed module (_untraversed) giving its namespace instead. Compared by
    identity: `in` would call the objects' own __eq__."""
    if untraversed is not None and any(obj is untraversed for obj in objects):
        return gc.get_referents(*(obj for obj in objects if obj is not untraversed)) + [vars(untraversed)]
    return gc.get_referents(*objects)


def _single_owner_count(by_map: bool = False) -> int:
    """sys.getrefcount of an object held by one container, as _take's loop sees it, or by_map, as map() over its
    container's referents does (_leaves_alone): the references each holds itself vary across versions."""
    owner = [object()]
    if by_map:
        return next(map(sys.getrefcount, gc.get_referents(owner)), -1)
    for child in gc.get_referents(owner):
        return sys.getrefcount(child)
    return -1


def _leaves_alone(children: list, alone: int) -> bool:
    """Whether each of a container's references is a leaf (ATOMIC) that it alone holds, so that _take would give every
    one to its leaves: asked by C iterators, ~35 ns a reference against _take's ~110 (3.9 million floats in a list:
    434 ms), the first reference's kind first: a container of other objects is told at once. The counts are gathered
    into a set, not compared one by one (alone.__eq__ through map makes an argument tuple a call: 744 ms against ~130
    in the probe, on those 3.9 million). None, booleans and small ints are held elsewhere too: their counts differ."""
    return (bool(children) and isinstance(children[0], ATOMIC) and set(map(sys.getrefcount, children)) == {alone}
            and all(issubclass(kind, ATOMIC) for kind in set(map(type, children))))


class _Interned:
    """tracemalloc's answers (lookup: _lookup()), each distinct one kept once. Each answer is interned as it comes, and
    the first of its kind is kept as a tuple of interned frames: an answer is a fresh tuple of 1 + depth tuples, and
    kept whole, the distinct ones held ~1 KiB each at depth 16 and as much again in tracemalloc's records of them (the
    test of python-retainers.test.ts: 1,083 B per traceback against ~400)."""

    def __init__(self) -> None:
        self.lookup = _lookup()
        interned: dict = {}
        known, frame = interned.get, {}.setdefault
        self.by_id = by_id = {id(None): None}  # the interned answers by identity

        def intern(answer):
            found = known(answer)
            if found is None:
                # Equal to the answer (same frames in order), so later answers find it; only its outer tuple is new.
                found = tuple(map(frame, answer, answer)) if answer else answer
                interned[found] = found
                by_id[id(found)] = found
            return found

        self.intern = intern  # a closure: called per object, by map


def _lookups(objects: list, deadline: float, interned: _Interned) -> list:
    """The objects' tracebacks, in order, as far as the deadline allows. Each step's lookups run in C (map) on a
    thread of their own, whose only frame is shallow's short one (every allocation a lookup makes records the stack,
    and a frame parked further into its function costs more)."""
    out: list = []
    for start in range(0, len(objects), LOOKUP_STEP):
        if time.perf_counter() > deadline:
            break
        out += shallow(list, map(interned.intern, map(interned.lookup, objects[start:start + LOOKUP_STEP])))
    return out


def _lookup():
    """tracemalloc's private lookup, which answers plain (filename, line) tuples innermost first (3.9-3.13), else the
    public one's frames turned into those."""
    raw = getattr(tracemalloc, '_get_object_traceback', None)
    probe = raw(_lookup) if raw is not None else None
    if raw is not None and (probe is None or (probe and isinstance(probe[0], tuple) and len(probe[0]) == 2)):
        return raw

    def public(obj):
        traceback = tracemalloc.get_object_traceback(obj)
        return None if traceback is None else tuple((frame.filename, frame.lineno) for frame in reversed(traceback))

    return public


def probe_tracebacks(config: dict, result_path: str, provisional: dict, write_result, enter, untraced=None) -> Tracebacks:
    """python_probe.py's retainer step, first half, before its diff, with tracemalloc still tracing (the probe stops
    it next, and the diff and the walk run untraced): writes the provisional result (the verdict's figures, without
    rows; should the process end during the step, that stands), then reads every reachable object's traceback, in
    half the step's time limit (the walk has until 80% of it, STEP_SHARES; the runner kills a little after the
    whole). Nothing is read for a heap over retainers-max-heap (_capture says it skipped it). untraced: called first,
    so that new objects go untraced until tracing stops (python_probe.UntracedAllocations.start): the reading's own."""
    settings = config['retainers']
    started = time.perf_counter()
    write_result(result_path, provisional)
    enter('retainers')
    if _over_max_heap(settings, provisional['after']['memory']['heapUsed']):
        return Tracebacks([], [], False, started)
    try:
        if untraced is not None:
            untraced()
        return read_tracebacks(started + settings['timeoutSeconds'] * STEP_SHARES[0], MAX_OBJECTS, set(PROBE_SKIPPED_MODULES))
    except MemoryError:
        return Tracebacks([], [], False, started, 'ran out of memory while reading the allocation tracebacks')
    except Exception as error:  # noqa: BLE001 - memgate's own failure must not cost the workload its measurement
        return Tracebacks([], [], False, started, f'reading the allocation tracebacks failed: {type(error).__name__}: {error}')


def probe_step(config: dict, result: dict, result_path: str, write_result, tracebacks: Tracebacks, step_started: float) -> None:
    """The step's second half, tracing stopped: the result is written again, now with its rows, then the walk, until
    STEP_SHARES[1] of the time limit from step_started (the first half's perf_counter start). `ms` is both halves'
    time: the reading and this."""
    started = time.perf_counter()
    write_result(result_path, result)
    try:
        deadline = step_started + config['retainers']['timeoutSeconds'] * STEP_SHARES[1]
        out = _capture(config['retainers'], result, tracebacks, deadline)
    except Exception as error:  # noqa: BLE001 - memgate's own failure must not cost the workload its measurement
        out = {'status': 'failed', 'reason': f'the retainer step failed: {type(error).__name__}: {error}'}
    out['ms'] = round((time.perf_counter() - started) * 1000 + tracebacks.ms)
    temporary = result_path + RETAINERS_SUFFIX + '.tmp'
    with open(temporary, 'w', encoding='utf-8') as file:
        json.dump(out, file, separators=(',', ':'))
    os.replace(temporary, result_path + RETAINERS_SUFFIX)


# The probe's bootstrap runs as __main__ (python -c): nothing of the workload's is kept there.
PROBE_SKIPPED_MODULES = ('__main__',)


def shallow(fn, *args):
    """fn(*args), run on a new thread while this one waits: tracemalloc records the whole stack at every allocation
    made while it traces, and there the stack is fn's frame and one short one, against a dozen on the probe's main
    thread. The workload's threads run as they would during the step anyway."""
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


def _over_max_heap(settings: dict, heap: int) -> str | None:
    """Why the step skips this heap (retainers-max-heap), or None."""
    if heap <= settings['maxHeap']:
        return None
    mib = 1024 * 1024
    return f'the traced heap holds {heap / mib:.0f} MiB, over the {settings["maxHeap"] / mib:.0f} MiB limit for the retainer walk (retainers-max-heap)'


def _capture(settings: dict, result: dict, tracebacks: Tracebacks, deadline: float) -> dict:
    heap = result['after']['memory']['heapUsed']
    sites = growing_sites(result, int(settings.get('sites') or 10))
    over = _over_max_heap(settings, heap)
    if over:
        out = {'status': 'skipped', 'reason': over}
    elif not sites:
        out = {'status': 'skipped', 'reason': "no growing site in the workload's code to look for"}
    elif tracebacks.failure:
        out = {'status': 'failed', 'reason': tracebacks.failure}
    else:
        found = find_retainers([(file, line) for file, line, _ in sites], time_limit=deadline - time.perf_counter(), skip_modules=PROBE_SKIPPED_MODULES, tracebacks=tracebacks)
        if found['status'] == 'captured':
            out = {'status': 'captured', 'heapUsed': heap, 'sites': [
                {'file': file, 'line': line, 'function': function, 'paths': paths} for (file, line, function), paths in zip(sites, found['sites'])
            ]}
            if found['stats'].get('truncated'):
                out['truncated'] = True
        else:
            out = {'status': found['status'], 'reason': found['reason']}
    return out


def find_retainers(sites, max_paths: int = 5, time_limit: float = 10.0, max_objects: int = MAX_OBJECTS, skip_modules=(), tracebacks: Tracebacks | None = None) -> dict:
    """Retainer paths per site, within time_limit seconds.

    sites: (file, line) pairs, absolute paths as the probe reports them.
    tracebacks: read_tracebacks()'s, with the same skip_modules (tracing may have stopped since: the walk then runs
    untraced, as in the probe); None reads them now, which needs tracemalloc tracing.
    Returns {'status': 'captured', 'sites': [[{bytes, objects, path: [{name, kind, file?, line?}]}]], 'stats': {...}}
    (one list per site, largest first; path root first), or {'status': 'skipped' | 'failed', 'reason': ...}.
    """
    if tracebacks is None and not tracemalloc.is_tracing():
        return {'status': 'skipped', 'reason': 'tracemalloc is not tracing: allocation tracebacks are unknown'}
    deadline = time.perf_counter() + time_limit
    try:
        if tracebacks is None:
            tracebacks = read_tracebacks(deadline, max_objects, set(skip_modules))
        truncated = tracebacks.truncated
        at_sites, held, leaves = tracebacks.at_sites(sites)
        found = shallow(_Walk(len(sites), at_sites, held, leaves, max_paths, deadline, max_objects, set(skip_modules)).run)
        found['stats']['truncated'] = found['stats']['truncated'] or truncated
        return found
    except MemoryError:
        return {'status': 'failed', 'reason': 'ran out of memory while walking the objects'}
    except Exception as error:  # noqa: BLE001 - the measurement must stand whatever happens here
        return {'status': 'failed', 'reason': f'retainer walk failed: {type(error).__name__}: {error}'}


def _roots(skip_modules: set) -> list:
    """The modules the walk starts from, the workload's own first (its first phase starts from those alone)."""
    modules = []
    for name, module in list(sys.modules.items()):
        if not isinstance(module, types.ModuleType) or name in skip_modules:
            continue
        file = getattr(module, '__file__', None)
        if file and os.path.abspath(file) == THIS_FILE:
            continue
        modules.append(module)
    modules.sort(key=lambda m: 0 if _is_user_module(m) else 1)
    return modules


class _Paths:
    """tracemalloc's file names as absolute paths, once per name."""

    def __init__(self) -> None:
        self.cwd = os.getcwd()
        self.paths: dict = {}

    def resolve(self, filename: str) -> str:
        found = self.paths.get(filename)
        if found is None:
            found = self.paths[filename] = filename if filename.startswith('<') else os.path.normpath(os.path.join(self.cwd, filename))
        return found


class _Walk:
    def __init__(self, site_count: int, at_sites: dict, held: list, leaves: dict, max_paths: int, deadline: float, max_objects: int, skip_modules: set) -> None:
        self.site_count = site_count
        self.at_sites = at_sites
        self.held = held  # The objects at_sites names, kept alive (and not walked: they are memgate's).
        self.leaves = leaves  # id(container) -> Leaves (Tracebacks.at_sites)
        self.max_paths = max_paths
        self.deadline = deadline
        self.max_objects = max_objects
        self.skip_modules = skip_modules
        self.resolve = _Paths().resolve
        self.sources: dict = {}
        self.plain: dict = {}

    def run(self) -> dict:
        started = time.perf_counter()
        # parent[id] = (object, parent id or None, site index, frontier id or None)
        seen: dict = {}
        queue = collections.deque()
        roots = _roots(self.skip_modules)
        users = [module for module in roots if _is_user_module(module)]  # _roots puts them first
        # Phases (see the module's Method): the state the workload's own modules reach, then, unless every object at a
        # site was found there, the rest from the other modules, then the classes the first stopped at that no module
        # reaches (a class whose __module__ names another module), from where they were met.
        boundary = _Boundary(roots[len(users):]) if users and len(users) < len(roots) else None
        later = roots[len(users):] if boundary is not None else []
        postponed: dict = {}
        revisits: set = set()  # objects walked again for the classes they alone reach: their leaves are counted already

        def start(modules: list) -> None:
            for module in modules:
                key = id(module)
                if key not in seen:
                    seen[key] = (module, None, -1, None)
                    queue.append((module, key))

        start(users if boundary is not None else roots)
        phases = 1
        truncated = False
        groups: dict = {}
        found = 0
        visited = 0
        checked = 0
        deferred: list = []
        pushed = 0
        at_sites, by_container = self.at_sites, self.leaves
        # Each object at a site is counted once, when first reached: once all are, the rest of the walk cannot change
        # the result.
        expected = len(at_sites) + sum(sum(leaves.counts) for leaves in by_container.values() if leaves.counts is not None)
        one_holder = _single_owner_count() + 1  # self.held holds each object at a site once more.
        untraversed = _untraversed()
        mine = self.held
        while queue or deferred or later or postponed:
            if truncated or len(seen) >= self.max_objects:
                truncated = True
                break
            if found >= expected:
                break
            if not queue and not deferred:
                if later:
                    start(later)
                    later, postponed, boundary, phases = [], boundary.postponed, None, 2
                else:
                    revisits.update(holder for kind, holder in postponed.items() if kind not in seen)
                    queue.extend((seen[holder][0], holder) for holder in revisits)
                    postponed, phases = {}, 3 if revisits else phases
                continue
            if queue:
                obj, parent = queue.popleft()
                leaves = by_container.get(parent) if parent not in revisits else None
                if leaves is not None and leaves.others == 0 and _as_read(obj, leaves.length):
                    referents = None  # leaves alone, as read: nothing to list
                else:
                    referents = gc.get_referents(obj) if obj is not untraversed else [vars(obj)]
                    # A huge container (a big list, a big cache) would eat the time limit before the walk gets
                    # anywhere else: big ones wait until the rest is walked, smallest first.
                    if len(referents) > BIG_CONTAINER:
                        pushed += 1
                        heapq.heappush(deferred, (len(referents), pushed, parent, obj))
                        continue
            else:
                _, _, parent, obj = heapq.heappop(deferred)
                referents = gc.get_referents(obj) if obj is not untraversed else [vars(obj)]
                leaves = by_container.get(parent) if parent not in revisits else None
            visited += 1
            held = seen[parent][3]
            plain = None
            if leaves is not None:
                # Its leaves, counted by the reading: into the group of the object it hangs from, else its own.
                if leaves.counts is not None:
                    found += sum(leaves.counts)
                    group_key = held if held is not None else ('leaves', parent)
                    group = groups.get(group_key)
                    if group is None:
                        if held is None:  # named as one leaf of it: the step from a counting container is its kind's
                            seen[group_key] = (LEAF, parent, -1, group_key)
                        group = groups[group_key] = [[0] * self.site_count, [0] * self.site_count, group_key if held is None else held]
                    for site in range(self.site_count):
                        group[0][site] += leaves.sizes[site]
                        group[1][site] += leaves.counts[site]
                if referents is None:
                    checked += leaves.references
                    continue
            for child in referents:
                checked += 1
                if (checked & 0x3FF) == 0 and time.perf_counter() > self.deadline:
                    truncated = True
                    break
                key = id(child)
                atomic = isinstance(child, ATOMIC)
                if atomic:
                    # Leaves are not walked further: only the ones a site allocated need an entry.
                    site = at_sites.get(key, -1)
                    if site < 0 or key in seen:
                        continue
                else:
                    if key in seen or isinstance(child, SKIPPED) or child is seen or child is mine:
                        continue
                    if boundary is not None and boundary.beyond(child, key, parent):
                        continue  # the other modules' state: reached from them, in the second phase
                    site = -1 if isinstance(child, types.ModuleType) else at_sites.get(key, -1)
                frontier = held if held is not None else (key if site >= 0 else None)
                record = True
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
                    elif atomic and sys.getrefcount(child) == one_holder:
                        # A leaf its container alone holds (and self.held) is not met again, and its group's path
                        # is named from another: no entry (300,000 floats in a list: ~160 B each).
                        record = False
                    group[0][site] += sys.getsizeof(child, 0)
                    group[1][site] += 1
                if record:
                    seen[key] = (child, parent, site, frontier)
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
        stats = {'objects': visited, 'references': checked, 'found': found, 'allFound': found >= expected, 'phases': phases, 'truncated': truncated, 'ms': round((time.perf_counter() - started) * 1000, 3)}
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


class _Boundary:
    """Where the walk's first phase stops: the modules other than the workload's, their namespaces, and the classes
    they define (an instance's type, a class's bases lead there), reached from those modules in the second phase. A
    class no module reaches is walked in the third from the object it was first met from (`postponed`)."""

    def __init__(self, modules: list) -> None:
        self.ids = set(map(id, modules))
        # Read as the module type's own attribute: a lazy module's __getattribute__ would load it.
        self.ids.update(id(object.__getattribute__(module, '__dict__')) for module in modules)
        self.users: set = set()  # ids of classes the workload's modules define
        self.by_name: dict = {}  # module name -> whether it is the workload's
        self.postponed: dict = {}  # id of a class stopped at -> id of the object it was first met from

    def beyond(self, child, key: int, parent: int) -> bool:
        if key in self.ids:
            return True
        if not isinstance(child, type) or key in self.users:
            return False
        try:
            name = type.__dict__['__module__'].__get__(child)  # not a metaclass's own __module__
        except Exception:  # noqa: BLE001 - a class without one: not the workload's
            name = None
        if not isinstance(name, str):
            name = None
        user = self.by_name.get(name)
        if user is None:
            user = self.by_name[name] = name is not None and _is_user_module(sys.modules.get(name))
        if user:
            self.users.add(key)
            return False
        self.ids.add(key)
        self.postponed[key] = parent
        return True


def _as_read(container, length: int) -> bool:
    """Whether a counting container of exactly a PLAIN type or dict (a subclass's instance may reference more than its
    elements) still has the length it was read with: the walk then need not list its references."""
    kind = id(type(container))
    return (kind in PLAIN_TYPES or kind == id(dict)) and len(container) == length


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
    if child is LEAF:
        return '[]'  # a dict's leaves counted by it (_data_dict): no key is theirs alone
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
