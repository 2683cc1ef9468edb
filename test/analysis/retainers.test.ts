import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHeapSnapshot } from '../../src/analysis/heap-graph.ts';
import { analyseRetainers, allocationStack, type RetainerStep } from '../../src/analysis/retainers.ts';
import { retainersSchema } from '../../src/report/retainers-schema.ts';
import { SnapshotBuilder } from '../fixtures/retainers/build-snapshot.ts';

/**
 * An ES module's scope as V8 lays it out: (GC roots) → the module function → its Context (whose outer
 * context is the native context) → its variables; `cacheResponse` allocated the entries (trace 1).
 */
function moduleWithMap(entries: number): { b: SnapshotBuilder; context: number; closure: number } {
  const b = new SnapshotBuilder();
  const gcRoots = b.node('synthetic', '(GC roots)');
  const handles = b.node('synthetic', '(Global handles)');
  const native = b.node('hidden', 'system / NativeContext');
  const closure = b.node('closure', 'cacheResponse');
  const shared = b.node('code', 'cacheResponse');
  const script = b.node('code', 'file:///app/cache.mjs');
  const context = b.node('object', 'system / Context');
  const map = b.node('object', 'Map');
  const table = b.node('array', '');
  b.edge(0, 'element', 1, gcRoots).edge(gcRoots, 'element', 1, handles).edge(handles, 'element', 1, closure);
  b.edge(closure, 'internal', 'shared', shared)
    .edge(shared, 'internal', 'script_or_debug_info', script)
    .edge(closure, 'internal', 'context', context);
  b.location(closure, 3, 3, 0);
  b.edge(context, 'internal', 'previous', native)
    .edge(context, 'context', 'responses', map)
    .edge(map, 'internal', 'table', table);
  b.trace(1, b.traceFunction('cacheResponse', 'file:///app/cache.mjs', 4, 1));
  for (let i = 0; i < entries; i++) {
    const key = b.node('string', `key-${i}`, 20, 1);
    const value = b.node('object', 'Object', 100, 1);
    const body = b.node('string', 'x'.repeat(10), 300, 1);
    b.edge(table, 'internal', String(3 + 3 * i), key)
      .edge(table, 'internal', String(4 + 3 * i), value)
      .edge(value, 'property', 'body', body);
  }
  return { b, context, closure };
}

const siteOf = (stack: readonly { name: string; scriptName: string; line: number }[]): number =>
  stack.some((fn) => fn.name === 'cacheResponse' && fn.scriptName === 'file:///app/cache.mjs' && fn.line === 4)
    ? 0
    : -1;
const locate = (scriptName: string, line: number): { file: string; line: number } => ({
  file: scriptName.replace('file://', ''),
  line,
});

test('a module-scope Map: one path for all its entries, root first, with the declaration line', () => {
  const { b } = moduleWithMap(50);
  const analysis = analyseRetainers(parseHeapSnapshot(b.toJSON()), {
    siteCount: 1,
    siteOf,
    locate,
    declarationLine: (file, name) => (file === '/app/cache.mjs' && name === 'responses' ? 2 : undefined),
  });
  assert.deepEqual(analysis.sites[0], [
    {
      bytes: 50 * (20 + 100 + 300),
      objects: 150,
      path: [
        { name: 'responses', kind: 'module-scope variable', file: '/app/cache.mjs', line: 2 },
        { name: '[]', kind: 'map entry' },
      ],
    },
  ]);
  assert.deepEqual(analysis.unattributed, []);
  assert.equal(analysis.stats.newObjects, 150);
  assert.equal(analysis.stats.newBytes, 50 * 420);
  assert.equal(retainersSchema.safeParse(analysis.sites[0]).success, true, 'matches the report contract');
});

test('objects no site claims are unattributed; objects the caller disowns are left out', () => {
  const { b } = moduleWithMap(3);
  const g = parseHeapSnapshot(b.toJSON());
  const none = analyseRetainers(g, { siteCount: 1, siteOf: () => -1 });
  assert.deepEqual(none.sites[0], []);
  assert.equal(none.unattributed[0]?.objects, 9);
  const disowned = analyseRetainers(g, { siteCount: 1, siteOf: () => null });
  assert.deepEqual(disowned.unattributed, []);
  assert.equal(disowned.stats.newObjects, 0);
});

test('closure variables, listener lists and globals are named as such, with the closure position', () => {
  const b = new SnapshotBuilder();
  const gcRoots = b.node('synthetic', '(GC roots)');
  const global = b.node('object', 'global / ');
  const emitter = b.node('object', 'EventEmitter');
  const events = b.node('object', 'Object');
  const list = b.node('array', 'Array');
  const listener = b.node('closure', '', 32, 1);
  const shared = b.node('code', '');
  const script = b.node('code', 'file:///app/bus.mjs');
  const outer = b.node('object', 'system / Context');
  const context = b.node('object', 'system / Context', 24, 1);
  const payload = b.node('object', 'Object', 80, 1);
  b.edge(0, 'element', 1, gcRoots).edge(0, 'shortcut', 2, global);
  b.edge(global, 'property', 'bus', emitter)
    .edge(emitter, 'property', '_events', events)
    .edge(events, 'property', 'data', list);
  b.edge(list, 'element', 0, listener)
    .edge(listener, 'internal', 'shared', shared)
    .edge(shared, 'internal', 'script_or_debug_info', script);
  b.edge(listener, 'internal', 'context', context)
    .edge(context, 'internal', 'previous', outer)
    .edge(context, 'context', 'payload', payload);
  b.location(listener, 9, 11, 2);
  b.trace(1, b.traceFunction('subscribe', 'file:///app/bus.mjs', 10));
  const g = parseHeapSnapshot(b.toJSON());
  // The listener is the frontier: the path stops at it; its captured variable is named when it is the frontier.
  const analysis = analyseRetainers(g, {
    siteCount: 1,
    siteOf: (stack) => (stack[0]?.name === 'subscribe' ? 0 : -1),
    locate,
  });
  assert.deepEqual(analysis.sites[0]?.[0]?.path, [
    { name: 'bus', kind: 'global' },
    { name: '_events', kind: 'listener list' },
    { name: 'data', kind: 'property' },
    { name: '[]', kind: 'element' },
  ]);
  assert.equal(analysis.sites[0]?.[0]?.objects, 3);
  // With only the payload new, the path runs through the closure to its variable.
  const onlyPayload = analyseRetainers(g, { siteCount: 1, isNew: (_, n) => n === payload, siteOf: () => 0, locate });
  assert.deepEqual(onlyPayload.sites[0]?.[0]?.path.at(-1), {
    name: 'payload',
    kind: 'closure variable',
    file: '/app/bus.mjs',
    line: 12,
  });
});

test('a timer held by the timer list is named by the list, however long the chain before it', () => {
  const b = new SnapshotBuilder();
  const gcRoots = b.node('synthetic', '(GC roots)');
  const context = b.node('object', 'system / Context');
  const native = b.node('hidden', 'system / NativeContext');
  const lists = b.node('object', 'Object');
  const timers = b.node('object', 'TimersList');
  b.edge(0, 'element', 1, gcRoots).edge(gcRoots, 'element', 1, context).edge(context, 'internal', 'previous', native);
  b.edge(context, 'context', 'timerListMap', lists).edge(lists, 'element', 1000, timers);
  let previous = timers;
  for (let i = 0; i < 5; i++) {
    const timeout = b.node('object', 'Timeout', 120, i < 3 ? 0 : 1);
    b.edge(previous, 'property', '_idlePrev', timeout);
    previous = timeout;
  }
  const analysis = analyseRetainers(parseHeapSnapshot(b.toJSON()), { siteCount: 0 });
  assert.deepEqual(analysis.unattributed, [{ bytes: 240, objects: 2, path: [{ name: 'timers', kind: 'timer list' }] }]);
});

test("a pending promise's reactions are one step", () => {
  const b = new SnapshotBuilder();
  const gcRoots = b.node('synthetic', '(GC roots)');
  const holder = b.node('object', 'Object');
  const promise = b.node('object', 'Promise');
  const reaction = b.node('object', 'system / PromiseReaction');
  const next = b.node('object', 'system / PromiseReaction');
  const handler = b.node('closure', 'onDone', 40, 1);
  b.edge(0, 'element', 1, gcRoots).edge(gcRoots, 'element', 1, holder).edge(holder, 'property', 'pending', promise);
  b.edge(promise, 'internal', 'reactions_or_result', reaction)
    .edge(reaction, 'internal', 'next', next)
    .edge(next, 'internal', 'fulfill_handler', handler);
  const analysis = analyseRetainers(parseHeapSnapshot(b.toJSON()), { siteCount: 0 });
  assert.deepEqual(analysis.unattributed[0]?.path, [
    { name: 'pending', kind: 'property' },
    { name: 'then', kind: 'promise reactions' },
  ]);
});

test('paths are largest first and cut to maxPaths; unreachable new objects are counted apart', () => {
  const b = new SnapshotBuilder();
  const gcRoots = b.node('synthetic', '(GC roots)');
  const holder = b.node('object', 'Holder');
  b.edge(0, 'element', 1, gcRoots).edge(gcRoots, 'element', 1, holder);
  for (let i = 0; i < 4; i++) {
    const list = b.node('array', 'Array', 10 * (i + 1), 1);
    b.edge(holder, 'property', `list${i}`, list);
  }
  b.node('object', 'Garbage', 64, 1);
  const analysis = analyseRetainers(parseHeapSnapshot(b.toJSON()), { siteCount: 0, maxPaths: 2 });
  assert.deepEqual(
    analysis.unattributed.map((p) => [p.bytes, (p.path as RetainerStep[]).map((s) => s.name)]),
    [
      [40, ['list3']],
      [30, ['list2']],
    ],
  );
  assert.equal(analysis.stats.unreachableObjects, 1);
});

test('allocation stacks come innermost first from the trace tree', () => {
  const b = new SnapshotBuilder();
  const outer = b.traceFunction('handle', 'file:///app/a.mjs', 10);
  const inner = b.traceFunction('cacheResponse', 'file:///app/a.mjs', 4);
  b.trace(1, outer).trace(2, inner, 1);
  const g = parseHeapSnapshot(b.toJSON());
  assert.deepEqual(
    allocationStack(g, 2).map((fn) => fn.name),
    ['cacheResponse', 'handle'],
  );
});

test('the schema rejects an empty path and an unknown kind', () => {
  assert.equal(retainersSchema.safeParse([{ bytes: 1, objects: 1, path: [] }]).success, false);
  assert.equal(
    retainersSchema.safeParse([{ bytes: 1, objects: 1, path: [{ name: 'x', kind: 'weird' }] }]).success,
    false,
  );
  assert.equal(
    retainersSchema.safeParse([{ bytes: 1, objects: 1, path: [{ name: 'x', kind: 'global', file: 'a.mjs', line: 3 }] }])
      .success,
    true,
  );
});

test('without allocation stacks, sites come from the holder, the code position, the path and the file', () => {
  // Two sites in /app/cache.mjs: cacheResponse (line 4) and makeHandler (line 10).
  const b = new SnapshotBuilder();
  const gcRoots = b.node('synthetic', '(GC roots)');
  const native = b.node('hidden', 'system / NativeContext');
  const fn = b.node('closure', 'cacheResponse');
  const shared = b.node('code', 'cacheResponse');
  const script = b.node('code', 'file:///app/cache.mjs');
  const context = b.node('object', 'system / Context');
  const map = b.node('object', 'Map');
  const table = b.node('array', '');
  const handlers = b.node('object', 'Array');
  b.edge(0, 'element', 1, gcRoots)
    .edge(gcRoots, 'element', 1, fn)
    .edge(fn, 'internal', 'shared', shared)
    .edge(shared, 'internal', 'script_or_debug_info', script);
  b.edge(fn, 'internal', 'context', context).edge(context, 'internal', 'previous', native);
  b.edge(context, 'context', 'responses', map)
    .edge(map, 'internal', 'table', table)
    .edge(context, 'context', 'handlers', handlers);
  b.location(fn, 5, 3, 0);
  // Map entries: plain objects with no code position, but for the first: an instance whose constructor is at line 5.
  for (let i = 0; i < 3; i++) {
    const value = b.node('object', 'Object', 100);
    b.edge(table, 'internal', String(4 + 3 * i), value).edge(value, 'property', 'body', b.node('string', 'x', 50));
    if (i === 0) b.location(value, 5, 4, 0);
  }
  // Closures made by makeHandler (their code at line 11), each holding its captured object.
  for (let i = 0; i < 2; i++) {
    const handler = b.node('closure', '', 32);
    const captured = b.node('object', 'Object', 64);
    b.edge(handlers, 'element', i, handler)
      .edge(handler, 'internal', 'shared', shared)
      .edge(handler, 'property', 'captured', captured);
    b.location(handler, 5, 10, 2);
  }
  const g = parseHeapSnapshot(b.toJSON());
  const firstNew = 10; // every node from the first map entry on is growth
  const analysis = analyseRetainers(g, {
    siteCount: 2,
    isNew: (_, n) => n >= firstNew,
    locate,
    siteAt: (file, line) => (file !== '/app/cache.mjs' ? -1 : line === 0 || line < 10 ? 0 : 1),
  });
  assert.deepEqual(
    analysis.sites.map((paths) => paths.map((p) => [p.objects, p.bytes, p.path.map((s) => s.name).join(' > ')])),
    [[[6, 450, 'responses > []']], [[4, 192, 'handlers > []']]],
  );
  assert.deepEqual(analysis.stats.attributed, { trace: 0, holder: 3, code: 3, group: 4, file: 0, none: 0 });
  // Without the instance, nothing on the Map's path decides: the file declaring `responses` does.
  const plain = analyseRetainers(g, {
    siteCount: 2,
    isNew: (_, n) => n >= firstNew && n !== 10,
    locate,
    siteAt: (file, line) => (line === 0 || line < 10 ? 0 : 1),
  });
  assert.equal(
    plain.sites[0]!.reduce((sum, p) => sum + p.objects, 0),
    5,
  );
  assert.equal(plain.stats.attributed.file, 5);
});

test('reportRetainers rewrites only the files, the capture status schema accepts what the probe says', async () => {
  const { retainerCaptureSchema } = await import('../../src/report/retainers-schema.ts');
  const { reportRetainers } = await import('../../src/report/retainer-rows.ts');
  const paths = [
    {
      bytes: 10,
      objects: 1,
      path: [
        { name: 'responses', kind: 'module-scope variable' as const, file: '/repo/src/cache.mjs', line: 2 },
        { name: '[]', kind: 'map entry' as const },
      ],
    },
  ];
  assert.deepEqual(
    reportRetainers(paths, (file) => file.replace('/repo/', '')),
    [
      {
        bytes: 10,
        objects: 1,
        path: [
          { name: 'responses', kind: 'module-scope variable', file: 'src/cache.mjs', line: 2 },
          { name: '[]', kind: 'map entry' },
        ],
      },
    ],
  );
  assert.equal(retainerCaptureSchema.safeParse({ status: 'skipped', reason: 'heap over the limit' }).success, true);
  assert.equal(retainerCaptureSchema.safeParse({ status: 'maybe' }).success, false);
});

test("a leak inside a dependency goes to the site of the user's file that holds the dependency's object", () => {
  // /app/metrics.mjs: `const latency = createHistogram()`; the dependency's closure keeps `series`, a Map.
  const b = new SnapshotBuilder();
  const gcRoots = b.node('synthetic', '(GC roots)');
  const native = b.node('hidden', 'system / NativeContext');
  const moduleFn = b.node('closure', 'recordRequest');
  const appShared = b.node('code', 'recordRequest');
  const appScript = b.node('code', 'file:///app/metrics.mjs');
  const appContext = b.node('object', 'system / Context');
  const histogram = b.node('object', 'Object');
  const observe = b.node('closure', 'observe');
  const depShared = b.node('code', 'observe');
  const depScript = b.node('code', 'file:///dep/index.js');
  const depOuter = b.node('object', 'system / Context');
  const depContext = b.node('object', 'system / Context');
  const map = b.node('object', 'Map');
  const table = b.node('array', '');
  b.edge(0, 'element', 1, gcRoots).edge(gcRoots, 'element', 1, moduleFn);
  b.edge(moduleFn, 'internal', 'shared', appShared)
    .edge(appShared, 'internal', 'script_or_debug_info', appScript)
    .edge(moduleFn, 'internal', 'context', appContext);
  b.location(moduleFn, 3, 7, 0);
  b.edge(appContext, 'internal', 'previous', native)
    .edge(appContext, 'context', 'latency', histogram)
    .edge(histogram, 'property', 'observe', observe);
  b.edge(observe, 'internal', 'shared', depShared)
    .edge(depShared, 'internal', 'script_or_debug_info', depScript)
    .edge(observe, 'internal', 'context', depContext);
  b.location(observe, 6, 20, 4);
  b.edge(depContext, 'internal', 'previous', depOuter)
    .edge(depContext, 'context', 'series', map)
    .edge(map, 'internal', 'table', table);
  const firstNew = b.node('object', 'Object', 100);
  b.edge(table, 'internal', '3', firstNew).edge(firstNew, 'property', 'reservoir', b.node('array', 'Array', 8000));
  const g = parseHeapSnapshot(b.toJSON());
  // No allocation stacks and no code position in the user's file: only the path's holders can tie the entries.
  const analysis = analyseRetainers(g, {
    siteCount: 1,
    isNew: (_, n) => n >= firstNew,
    locate,
    siteAt: (file) => (file === '/app/metrics.mjs' ? 0 : -1),
  });
  assert.deepEqual(
    analysis.sites[0]?.map((p) => [p.objects, p.bytes, p.path.map((s) => s.name).join(' > ')]),
    [[2, 8100, 'latency > observe > series > []']],
  );
  assert.equal(analysis.stats.attributed.file, 2);
  assert.deepEqual(analysis.unattributed, []);
});
