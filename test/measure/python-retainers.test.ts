// python_retainers.find_retainers in a real interpreter: a module leaks into a global dict, a class
// attribute, closure cells and an instance attribute (test/fixtures/retainers/python_leaks.py).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { retainersSchema, type RetainerPathJson } from '../../src/report/retainers-schema.ts';

const probeDir = fileURLToPath(new URL('../../src/measure/probe/', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/retainers/', import.meta.url));
const leaks = `${fixtures}python_leaks.py`;
const lineOf = (text: string): number =>
  readFileSync(leaks, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text)) + 1;

type Result =
  | {
      status: 'captured';
      sites: RetainerPathJson[][];
      stats: { objects: number; found: number; allFound: boolean; phases: number; truncated: boolean; ms: number };
      tracingAfter: boolean;
    }
  | { status: 'skipped' | 'failed'; reason: string };

function python(script: string, ...args: string[]): Result {
  const run = spawnSync('python3', [script, probeDir, ...args], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Result;
}

/** Runs `lines` in python3 -c after tracing starts (depth 4) and python_retainers is imported as `r`; its printed JSON. */
function readingScript(lines: string[]): unknown {
  const script = [
    'import sys, json, time, tracemalloc',
    `sys.path.insert(0, ${JSON.stringify(probeDir)})`,
    'tracemalloc.start(4)',
    'import python_retainers as r',
    ...lines,
  ];
  const run = spawnSync('python3', ['-c', script.join('\n')], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

const shown = (paths: RetainerPathJson[] | undefined): string =>
  (paths?.[0]?.path ?? []).map((s) => `${s.name} (${s.kind})`).join(' > ');

test('each growing line gets the chain that holds its objects, root first', () => {
  const result = python(`${fixtures}python_main.py`);
  assert.equal(result.status, 'captured', 'reason' in result ? result.reason : '');
  if (result.status !== 'captured') return;
  const [dict, classAttribute, closure, attribute] = result.sites;
  assert.equal(shown(dict), 'responses (module-scope variable) > [] (map entry)');
  assert.deepEqual(dict![0]!.path[0], {
    name: 'responses',
    kind: 'module-scope variable',
    file: leaks,
    line: lineOf('responses = {}'),
  });
  // 200 entries: each a dict and its string.
  assert.ok(dict![0]!.objects >= 200, `${dict![0]!.objects}`);
  assert.ok(dict![0]!.bytes > 200 * 200, `${dict![0]!.bytes}`);
  assert.equal(
    shown(classAttribute),
    'Registry (module-scope variable) > Registry.callbacks (class attribute) > [] (element)',
  );
  assert.equal(shown(closure), 'handlers (module-scope variable) > [] (element) > captured (closure variable)');
  assert.deepEqual(closure![0]!.path.at(-1), {
    name: 'captured',
    kind: 'closure variable',
    file: leaks,
    line: lineOf('return lambda: captured'),
  });
  assert.equal(shown(attribute), 'session (module-scope variable) > history (property) > [] (element)');
  for (const paths of result.sites) assert.equal(retainersSchema.safeParse(paths).success, true, JSON.stringify(paths));
});

test("the walk stops once every object at a site is found: the workload's modules' state first, the others' only for what that lacks", () => {
  const own = python(`${fixtures}python_main.py`);
  const more = python(`${fixtures}python_main.py`, '--more-sites');
  assert.equal(own.status, 'captured');
  assert.equal(more.status, 'captured');
  if (own.status !== 'captured' || more.status !== 'captured') return;
  // Every growing line's objects hang from the fixture's modules: found there, the walk ends without the rest.
  assert.equal(own.stats.allFound, true);
  assert.equal(own.stats.phases, 1);
  // A logger per call, which only logging's manager holds, and a class the first phase stops at (its __module__ names
  // json, whose state does not hold it): the walk goes on from the other modules, then from where it met that class.
  assert.equal(more.stats.allFound, true);
  assert.equal(more.stats.phases, 3);
  assert.ok(
    own.stats.objects * 2 < more.stats.objects,
    `objects walked: ${own.stats.objects} and ${more.stats.objects}`,
  );
  const [loggers, elsewhere] = more.sites.slice(4);
  assert.ok(
    loggers!.some(
      (paths) =>
        paths.objects >= 190 &&
        shown([paths]).startsWith(
          'Logger (module-scope variable) > Logger.manager (class attribute) > loggerDict (property)',
        ),
    ),
    JSON.stringify(loggers!.map((paths) => [paths.objects, shown([paths])])),
  );
  assert.match(loggers![0]!.path[0]!.file ?? '', /logging[/\\]__init__\.py$/);
  assert.equal(
    shown(elsewhere),
    'Elsewhere (module-scope variable) > Elsewhere.entries (class attribute) > [] (element)',
  );
  assert.ok(elsewhere![0]!.objects >= 195, `${elsewhere![0]!.objects}`);
  // The fixture's own four lines keep their chains.
  assert.deepEqual(more.sites.slice(0, 4).map(shown), own.sites.map(shown));
});

test("the probe's way, tracing stopped once the tracebacks are read (the walk untraced), finds the same chains", () => {
  const traced = python(`${fixtures}python_main.py`);
  const stopped = python(`${fixtures}python_main.py`, '--stop-tracing');
  assert.equal(traced.status, 'captured');
  assert.equal(stopped.status, 'captured');
  if (traced.status !== 'captured' || stopped.status !== 'captured') return;
  assert.equal(traced.tracingAfter, true);
  assert.equal(stopped.tracingAfter, false);
  assert.deepEqual(stopped.sites, traced.sites);
  assert.equal(stopped.stats.found, traced.stats.found);
});

test('without tracemalloc tracing it says why instead of guessing', () => {
  const run = spawnSync(
    'python3',
    [
      '-c',
      `import sys; sys.path.insert(0, ${JSON.stringify(probeDir)}); import json, python_retainers; print(json.dumps(python_retainers.find_retainers([('x.py', 1)])))`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    status: 'skipped',
    reason: 'tracemalloc is not tracing: allocation tracebacks are unknown',
  });
});

test('reading the tracebacks stops at its deadline and at its object limit, and says so', () => {
  const out = readingScript([
    'roots = len({id(m) for m in r._roots(set())})',
    'late = r.read_tracebacks(time.perf_counter() - 1, 10**9, set())',
    'few = r.read_tracebacks(time.perf_counter() + 60, 1, set())',
    'full = r.read_tracebacks(time.perf_counter() + 60, 10**9, set())',
    'leaves = [i + 0.5 for i in range(3000)]',
    'counted = [r._tallies(leaves, r._Interned(), time.perf_counter() + d) for d in (-1, 60)]',
    'print(json.dumps([roots, [len(late.objects), late.truncated], [len(few.objects), few.truncated], [len(full.objects) > 10 * roots, full.truncated, len(full.tracebacks) == len(full.objects)], [counted[0], sum(c for _, c, _ in counted[1])]]))',
  ]);
  const [roots, late, few, full, counted] = out as [
    number,
    [number, boolean],
    [number, boolean],
    boolean[],
    [null, number],
  ];
  assert.deepEqual(late, [0, true], 'past its deadline: nothing read');
  assert.deepEqual(few, [roots, true], 'over its object limit: the roots only');
  assert.deepEqual(full, [true, false, true]);
  // A big container's leaves are counted within the deadline too: past it, nothing (the reading then says truncated).
  assert.deepEqual(counted, [null, 3000]);
});

test('the tracebacks read keep each distinct frame once (what the read holds grows with the tracebacks, not their depth)', () => {
  const run = spawnSync('python3', [`${fixtures}python_read_frames.py`, probeDir], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const read = JSON.parse(run.stdout) as {
    generated: number;
    asTracemallocSays: boolean;
    tracebacks: number;
    frames: number;
    heldPerTraceback: number;
  };
  // A few of the 2,000 lists reuse a freed block and carry that block's first traceback (tracemalloc's view).
  assert.ok(read.generated > 1900, `${read.generated} of the generated lists found`);
  assert.equal(read.asTracemallocSays, true, "each traceback equal to tracemalloc's own answer for its object");
  // Kept whole, each answer's 13 frames were tuples of their own: 26,413 frames for 2,055 tracebacks.
  assert.ok(read.frames < 2 * read.tracebacks, `${read.frames} frame tuples for ${read.tracebacks} tracebacks`);
  assert.ok(
    read.heldPerTraceback < 700,
    `${Math.round(read.heldPerTraceback)} B held per traceback (1,083 kept whole)`,
  );
});

test('objects held by one reference are read without keeping their ids (the reading peaks at ~20 B per such object, not ~115)', () => {
  const out = readingScript([
    'samples = tuple(i * 0.5 + 0.25 for i in range(200_000))  # each float held by the tuple alone',
    'sys.modules["__main__"].samples = samples',
    'before = tracemalloc.get_traced_memory()[0]',
    'tracemalloc.reset_peak()',
    'read = r.read_tracebacks(time.perf_counter() + 60, 10**9, set())',
    'peak = (tracemalloc.get_traced_memory()[1] - before) / len(samples)',
    'found = sum(1 for obj in read.objects if type(obj) is float)',
    'distinct = len({id(obj) for obj in read.objects}) == len(read.objects)',
    'print(json.dumps([found, peak, distinct]))',
  ]);
  const [found, peakPerObject, distinct] = out as [number, number, boolean];
  assert.ok(found >= 200_000, `${found} floats read`);
  assert.equal(distinct, true, 'each object listed once');
  // Keeping an id for each (an int, a dict entry, the dict's growth) peaked at 115 B per object.
  assert.ok(peakPerObject < 40, `the reading's traced peak: ${peakPerObject.toFixed(1)} B per object`);
});

test('the leaves a big list holds alone are counted by traceback, not listed (the reading peaks at ~28 B per leaf, not ~37)', () => {
  const out = readingScript([
    'samples = [i * 0.5 + 0.25 for i in range(200_000)]',
    'sys.modules["__main__"].samples = samples',
    'before = tracemalloc.get_traced_memory()[0]',
    'tracemalloc.reset_peak()',
    'read = r.read_tracebacks(time.perf_counter() + 60, 10**9, set())',
    'peak = (tracemalloc.get_traced_memory()[1] - before) / len(samples)',
    'listed = sum(1 for obj in read.objects if type(obj) is float)',
    'runs = [run for run in read.runs if run.container is samples]',
    'counted = sum(count for run in runs for _, count, _ in run.tallies)',
    'size = sum(size for run in runs for _, _, size in run.tallies)',
    'print(json.dumps([listed, counted, size == sum(map(sys.getsizeof, samples)), peak]))',
  ]);
  const [listed, counted, sized, peakPerLeaf] = out as [number, number, boolean, number];
  assert.ok(listed < 1000, `${listed} floats listed`);
  assert.equal(counted, 200_000);
  assert.equal(sized, true, 'their bytes summed');
  // Listed, each had an entry in the objects and one in the tracebacks, and the step holds them all at once.
  assert.ok(peakPerLeaf < 34, `the reading's traced peak: ${peakPerLeaf.toFixed(1)} B per leaf`);
});

test('past SAMPLED_ABOVE leaves, a sample and the newest are looked up: the counts add up, the newest line is exact, the others close', () => {
  const out = readingScript([
    'def old(n): return [i * 0.5 + 0.25 for i in range(n)]',
    'def word(i): return "w%07d" % i',
    'def new(n): return [i * 0.5 + 0.75 for i in range(n)]',
    // A repeating pattern (a string after every 9 floats), then the newest 5,000 from another line.
    'mixed = []',
    'for i in range(29_500): mixed += old(9); mixed.append(word(i))',
    'mixed += new(5000)',
    'interned, asked = r._Interned(), [0]',
    'lookup = interned.lookup',
    'def counting(obj):',
    '    asked[0] += 1',
    '    return lookup(obj)',
    'interned.lookup = counting',
    'def by_frame(tallies):',
    '    out = {}',
    '    for frames, count, size in tallies:',
    '        tally = out.setdefault(repr(frames[0] if frames else None), [0, 0])',
    '        tally[0] += count',
    '        tally[1] += size',
    '    return out',
    'sampled = by_frame(r._tallies(mixed, interned, time.perf_counter() + 60))',
    'exact = by_frame(r._counted(mixed, r._Interned(), time.perf_counter() + 60))',
    'line = lambda fn: repr((fn.__code__.co_filename, fn.__code__.co_firstlineno))',
    'print(json.dumps([len(mixed), asked[0], [r.SAMPLE, r.TAIL], sampled, exact, line(old), line(word), line(new)]))',
  ]) as [
    number,
    number,
    [number, number],
    Record<string, [number, number]>,
    Record<string, [number, number]>,
    string,
    string,
    string,
  ];
  const [leaves, asked, [sample, tail], sampled, exact, oldLine, wordLine, newLine] = out;
  assert.equal(leaves, 300_000);
  assert.equal(asked, sample + tail, `${asked} lookups for ${leaves} leaves`);
  const total = (tallies: Record<string, [number, number]>, i: 0 | 1): number =>
    Object.values(tallies).reduce((sum, tally) => sum + tally[i], 0);
  assert.equal(total(sampled, 0), leaves, 'the counts add up to the leaves');
  assert.ok(
    Math.abs(total(sampled, 1) / total(exact, 1) - 1) < 0.01,
    `bytes ${total(sampled, 1)} vs ${total(exact, 1)}`,
  );
  // The newest, all in the tail, are each looked up.
  assert.deepEqual(sampled[newLine], exact[newLine]);
  for (const at of [oldLine, wordLine]) {
    const [count, size] = sampled[at] ?? [0, 0];
    const [truth, truthSize] = exact[at]!;
    assert.ok(Math.abs(count / truth - 1) < 0.1, `${at}: ${count} counted, ${truth} there`);
    assert.ok(Math.abs(size / truthSize - 1) < 0.1, `${at}: ${size} B counted, ${truthSize} there`);
  }
});

test('a big container whose references are all leaves held by it alone gives them all to its tally at once; any other reference sends it through the loop', () => {
  const out = readingScript([
    'import gc',
    'alone = r._single_owner_count(by_map=True)',
    'floats = [i * 0.5 + 0.25 for i in range(70_000)]',
    'strings = ["s%06d" % i for i in range(70_000)]',
    'held = [i * 0.5 + 0.25 for i in range(70_000)]',
    'also = held[123]',
    'with_none = [i * 0.5 + 0.25 for i in range(70_000)] + [None]',
    'with_dict = [i * 0.5 + 0.25 for i in range(70_000)] + [{}]',
    'asked = [r._leaves_alone(gc.get_referents(c), alone) for c in (floats, strings, held, with_none, with_dict)]',
    'sys.modules["__main__"].held = held',
    'sys.modules["__main__"].floats = floats',
    'read = r.read_tracebacks(time.perf_counter() + 60, 10**9, set())',
    'taken = [[run.others, sum(c for _, c, _ in run.tallies)] for run in read.runs if run.container is floats]',
    'counted = sum(count for run in read.runs if run.container is held for _, count, _ in run.tallies)',
    'listed = any(obj is also for obj in read.objects)',
    'print(json.dumps([asked, taken, counted, listed]))',
  ]) as [boolean[], [number, number][], number, boolean];
  // floats: all taken at once (none other, 70,000 counted); held: through the loop, its shared float listed.
  assert.deepEqual(out, [[true, true, false, false, false], [[0, 70_000]], 69_999, true]);
});

test('leaves counted by their container are found at their lines, in lists, deques, sets and frozensets, beside the objects listed one by one', () => {
  const lines = [
    'import collections',
    'floats = [i * 0.5 + 0.25 for i in range(3000)]',
    'mixed = []',
    "for i in range(3000): mixed.append(i * 1.5 + 0.25); mixed.append({'n': i})",
    'shared = [str(i) * 3 for i in range(2000)]',
    'again = list(shared)  # held twice: listed, found by id',
    'bag = {i * 2.5 for i in range(3000)}',
    'class Holder: pass',
    'holder = Holder()',
    'vars(holder)  # its dict made here (3.11+ keep a few attributes inline), not at the site',
    'holder.values = collections.deque(i * 3.5 for i in range(3000))',
    'small = [i * 4.5 for i in range(10)]  # too few to count: listed',
    'frozen = frozenset(i * 1000 for i in range(3000))',
  ];
  // Lines of the -c script (the readingScript preamble has 4).
  const at = (text: string): number => 4 + lines.findIndex((line) => line.startsWith(text)) + 1;
  const sites = [
    'floats =',
    'for i in range(3000): mixed',
    'shared =',
    'bag =',
    'holder.values',
    'small =',
    'frozen =',
  ];
  const out = readingScript([
    ...lines,
    `found = r.find_retainers(${JSON.stringify(sites.map((text) => ['<string>', at(text)]))}, time_limit=60)`,
    // Which containers were themselves traced at their lines (read after the walk, which is what it saw): the list
    // comes from the list free list on 3.12+, made earlier; the instance's dict is made by its first attribute
    // before 3.11 (later ones keep the attributes inline).
    'made = lambda obj, line: (lambda tb: tb is not None and tb[-1].lineno == line)(tracemalloc.get_object_traceback(obj))',
    `own = [made(floats, ${at('floats =')}), made(holder.__dict__, ${at('holder.values')})]`,
    'print(json.dumps([own, [[[p["objects"], [s["name"] for s in p["path"]]] for p in site[:1]] for site in found["sites"]]]))',
  ]) as [[boolean, boolean], [number, string[]][][]];
  type Top = [number, string[]];
  const [[listAtLine, dictAtLine], tops] = out;
  const [floats, mixed, shared, bag, deque, small, frozen] = tops.map((site) => site[0]!) as [
    Top,
    Top,
    Top,
    Top,
    Top,
    Top,
    Top,
  ];
  const near = (count: number, expected: number): boolean => count >= expected - 3 && count <= expected + 3;
  // A float or int whose block came from a free list carries that block's first traceback: a few land elsewhere.
  // Where the list itself was made at the line, the path ends at it (its frontier), and it counts; where its block
  // came from the list free list (3.12+), the floats hang from it as its elements.
  assert.ok(near(floats[0], listAtLine ? 3001 : 3000), `floats: ${floats[0]}`);
  assert.deepEqual(floats[1], listAtLine ? ['floats'] : ['floats', '[]']);
  // 3,000 floats counted, 3,000 dicts listed, and the dicts' ints over 256.
  assert.ok(near(mixed[0], 3000 + 3000 + 2743), `mixed: ${mixed[0]}`);
  assert.deepEqual(mixed[1], ['mixed', '[]']);
  assert.ok(near(shared[0], 2000), `shared: ${shared[0]}`);
  assert.ok(near(bag[0], 3000) && bag[1][0] === 'bag', `bag: ${JSON.stringify(bag)}`);
  assert.ok(near(deque[0], 3000), `deque: ${deque[0]}`);
  // Where the instance's dict was made at the line, the path ends at it (the holder): the deque is in it.
  assert.deepEqual(deque[1], dictAtLine ? ['holder'] : ['holder', 'values']);
  assert.ok(near(small[0], 10) && small[1][0] === 'small', `small: ${JSON.stringify(small)}`);
  assert.ok(near(frozen[0], 3000) && frozen[1][0] === 'frozen', `frozen: ${JSON.stringify(frozen)}`);
});

test("a big data dict's leaves are counted by it as a list's are; one with a namespace's key has them listed", () => {
  const lines = [
    'import collections',
    // Each dict made on a line of its own: one made at its site would be its values' holder itself (their frontier).
    'cache, by_float, space, klass, small = {}, {}, {"__name__": "a module?"}, {"__module__": "a class?"}, {}',
    'ordered = collections.OrderedDict()',
    'cache.update(("user:%d" % i, "payload-%08d" % i) for i in range(3000))',
    'by_float.update((i * 1.5 + 0.25, "p%07d" % i) for i in range(3000))',
    'space.update(("k%d" % i, "space-%07d" % i) for i in range(3000))',
    'klass.update(("c%d" % i, "klass-%07d" % i) for i in range(3000))',
    'small.update(("s%d" % i, "w%07d" % i) for i in range(100))',
    'ordered.update(("o%d" % i, i * 2.5 + 0.25) for i in range(3000))',
    'class Holder: pass',
    'holder = Holder()',
    'vars(holder)  # its dict made here (3.11+ keep a few attributes inline), not at the site',
    'for i in range(3000): setattr(holder, "a%d" % i, "attr-%07d" % i)',
  ];
  const at = (text: string): number => 4 + lines.findIndex((line) => line.startsWith(text)) + 1;
  const names = ['cache', 'by_float', 'space', 'klass', 'small', 'ordered'];
  const sites = [...names.map((name) => `${name}.`), 'for i in range(3000): setattr'].map((text) => [
    '<string>',
    at(text),
  ]);
  const out = readingScript([
    ...lines,
    // The containers by name, made at each call: a dict of them kept in a global would be another path to them.
    `named = lambda: {${names.map((name) => `"${name}": ${name}`).join(', ')}, "holder": vars(holder)}`,
    'read = r.read_tracebacks(time.perf_counter() + 60, 10**9, set())',
    'runs = {name: [run.references, run.others, sum(c for _, c, _ in run.tallies)] for name, d in named().items() for run in read.runs if run.container is d}',
    'listed = sum(1 for obj in read.objects if type(obj) is str and obj.startswith(("payload-", "space-", "klass-")))',
    // Which counting containers the walk took as read, without listing their references.
    'skipped, as_read = [], r._as_read',
    'def recording(container, length):',
    '    taken = as_read(container, length)',
    '    if taken: skipped.extend(name for name, d in named().items() if d is container)',
    '    return taken',
    'r._as_read = recording',
    `found = r.find_retainers(${JSON.stringify(sites)}, time_limit=60, tracebacks=read)`,
    'print(json.dumps([runs, listed, sorted(skipped), [[[p["objects"], [s["name"] + " " + s["kind"] for s in p["path"]]] for p in site[:1]] for site in found["sites"]]]))',
  ]) as [Record<string, [number, number, number]>, number, string[], [number, string[]][][]];
  const [runs, listed, skipped, tops] = out;
  // The cache's values (a str-keyed dict's traversal gives its values only), the float-keyed one's keys too, the
  // instance's attributes; the OrderedDict's keys are held by its nodes too: not leaves held alone.
  const [, orderedOthers, orderedCounted] = runs.ordered ?? [0, 0, 0];
  assert.ok(orderedOthers > 0 && orderedCounted === 3000, `the OrderedDict's Run: ${JSON.stringify(runs.ordered)}`);
  delete runs.ordered;
  assert.deepEqual(runs, { cache: [3000, 0, 3000], by_float: [6000, 0, 6000], holder: [3000, 0, 3000] });
  // The namespaces' 6,000 values are listed one by one; the cache's are not.
  assert.equal(listed, 6000);
  // Exact dicts whose references are all such leaves are not listed again by the walk; a subclass's are.
  assert.deepEqual(skipped, ['by_float', 'cache', 'holder']);
  const [cache, byFloat, space, klass, small, ordered, attributes] = tops.map((site) => site[0]!);
  // A float whose block came from a free list carries that block's first traceback: a few land elsewhere.
  const near = (count: number, expected: number): boolean => count >= expected - 3 && count <= expected;
  assert.ok(near(cache![0], 3000) && near(byFloat![0], 6000), `${cache![0]}, ${byFloat![0]}`);
  assert.deepEqual(cache![1], ['cache module-scope variable', '[] map entry']);
  assert.deepEqual(byFloat![1], ['by_float module-scope variable', '[] map entry']);
  // Its keys and values, each counted once, though the walk lists its references (its keys are those of its nodes).
  assert.ok(near(ordered![0], 6000), `ordered: ${ordered![0]}`);
  assert.deepEqual(ordered![1], ['ordered module-scope variable', '[] map entry']);
  // Their values listed one by one, the walk still groups them: a dict held by a module global is a container to it.
  assert.deepEqual(space, [3000, ['space module-scope variable', '[] map entry']]);
  assert.deepEqual(klass, [3000, ['klass module-scope variable', '[] map entry']]);
  // An instance's attributes that many are counted as a data dict's: named as its entries, not one by one.
  assert.deepEqual(attributes, [3000, ['holder module-scope variable', '[] property']]);
  assert.equal(small![0], 100);
});

test('leaves their container alone holds are counted without an entry each in the walk (its peak ~11 B per float, ~115 with an id each)', () => {
  const out = readingScript([
    'samples, site = [], sys._getframe().f_lineno + 1',
    'for i in range(100_000): samples.append(i * 0.5 + 0.25)',
    'sys.modules["__main__"].samples = samples',
    'read = r.read_tracebacks(time.perf_counter() + 60, 10**9, set())',
    'before = tracemalloc.get_traced_memory()[0]',
    'tracemalloc.reset_peak()  # the walk runs traced here, so its peak can be read',
    'found = r.find_retainers([("<string>", site)], time_limit=60, tracebacks=read)',
    'peak = (tracemalloc.get_traced_memory()[1] - before) / len(samples)',
    'top = found["sites"][0][0]',
    'print(json.dumps([top["objects"], [step["name"] for step in top["path"]], peak]))',
  ]);
  const [objects, path, peakPerObject] = out as [number, string[], number];
  // Counted once each (a float whose block came from a free list carries that block's first traceback).
  assert.ok(objects > 99_900 && objects <= 100_000, `${objects} floats counted`);
  assert.deepEqual(path, ['samples', '[]']);
  assert.ok(peakPerObject < 30, `the walk's traced peak: ${peakPerObject.toFixed(1)} B per float`);
});

test('a reachable class its metaclass makes unhashable does not stop the reading', () => {
  const out = readingScript([
    'class Meta(type):',
    '    def __eq__(cls, other): return cls is other',
    '    __hash__ = None',
    'class Model(metaclass=Meta): pass',
    'sys.modules["__main__"].kept = [Model() for _ in range(3)]',
    'read = r.read_tracebacks(time.perf_counter() + 60, 10**9, set())',
    'print(json.dumps([read.failure, sum(1 for obj in read.objects if type(obj) is Model)]))',
  ]);
  assert.deepEqual(out, [null, 3]);
});

test('the _asyncio module is never traversed (on 3.12 before CPython gh-122695 its free list loops forever), and an asyncio leak is still found', () => {
  const out = readingScript([
    'import asyncio, gc',
    'background = set()',
    'async def audit(n):',
    '    await asyncio.sleep(0)',
    'site = sys._getframe().f_lineno + 3',
    'async def work(n):',
    '    for _ in range(4):',
    '        background.add(asyncio.create_task(audit(n)))',
    '    await asyncio.sleep(0)',
    'sys.modules["__main__"].background = background',
    'loop = asyncio.new_event_loop()',
    'for n in range(100): loop.run_until_complete(work(n))',
    'unsafe, real, asked = sys.modules["_asyncio"], gc.get_referents, []',
    'def guarded(*objects):',
    '    asked.append(any(obj is unsafe for obj in objects))',
    '    return real(*objects)',
    'gc.get_referents = guarded',
    'found = r.find_retainers([("<string>", site)], time_limit=60)',
    'gc.get_referents = real',
    'path = [step["name"] for step in found["sites"][0][0]["path"]] if found["status"] == "captured" else found',
    'print(json.dumps([len(asked) > 100, any(asked), path, found["sites"][0][0]["objects"] >= 400]))',
  ]);
  assert.deepEqual(out, [true, false, ['background', '[]'], true]);
});

test('a time limit ends the walk early and says it was truncated', () => {
  const result = python(`${fixtures}python_main.py`, '--time-limit=0');
  assert.equal(result.status, 'captured');
  if (result.status === 'captured') assert.equal(result.stats.truncated, true);
});

test("each object belongs to the innermost growing line on its traceback; a site grouped by file (line 0) takes any of the file's lines", () => {
  const lines = [
    'class Item:',
    "    __slots__ = ('n',)",
    '    def __init__(self, n): self.n = n',
    'def inner(): return [Item(i) for i in range(30)]',
    'def outer(): return inner()',
    'kept = outer()',
    'other = [Item(i) for i in range(20)]',
  ];
  // Lines of the -c script (the readingScript preamble has 4): inner's comprehension, outer's call, other's.
  const at = (text: string): number => 4 + lines.findIndex((line) => line.startsWith(text)) + 1;
  const [innerLine, outerLine, otherLine] = [at('def inner'), at('def outer'), at('other =')];
  const count = (sites: [string, number][]): number[] =>
    readingScript([
      ...lines,
      'tracebacks = r.read_tracebacks(time.perf_counter() + 60, 10**7, set())',
      `found, held, _ = tracebacks.at_sites(${JSON.stringify(sites)})`,
      `counts = [0] * ${sites.length}`,
      'for obj in held:',
      '    if isinstance(obj, Item): counts[found[id(obj)]] += 1',
      'print(json.dumps(counts))',
    ]) as number[];
  // Both lines on the 30 items' tracebacks: the innermost, inner's, takes them.
  assert.deepEqual(
    count([
      ['<string>', outerLine],
      ['<string>', innerLine],
      ['<string>', otherLine],
    ]),
    [0, 30, 20],
  );
  // Without inner's line, the outer frame's.
  assert.deepEqual(count([['<string>', outerLine]]), [30]);
  // The file as a whole: all 50.
  assert.deepEqual(count([['<string>', 0]]), [50]);
});
