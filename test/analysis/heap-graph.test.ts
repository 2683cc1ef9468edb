import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  edgeName,
  edgeType,
  HeapSnapshotFormatError,
  HeapSnapshotLoader,
  nodeId,
  nodeName,
  nodeType,
  parseHeapSnapshot,
  pathTo,
  selfSize,
  shortestPaths,
  type HeapGraph,
} from '../../src/analysis/heap-graph.ts';
import { SnapshotBuilder } from '../fixtures/retainers/build-snapshot.ts';
import { tempDir } from '../temp-dir.ts';

/** root → (GC roots) → holder object → two strings; plus a closure with a location and a trace. */
function small(): { json: string; b: SnapshotBuilder; holder: number; a: number; z: number } {
  const b = new SnapshotBuilder();
  const gcRoots = b.node('synthetic', '(GC roots)');
  const holder = b.node('object', 'Holder', 32);
  const a = b.node('string', 'a "quoted" \\ string [with] {brackets}', 40, 1);
  const z = b.node('closure', 'fn', 64);
  b.edge(0, 'element', 1, gcRoots)
    .edge(gcRoots, 'element', 1, holder)
    .edge(holder, 'property', 'first', a)
    .edge(holder, 'property', 'run', z);
  b.location(z, 7, 3, 9);
  b.trace(1, b.traceFunction('alloc', 'file:///w.mjs', 4, 10));
  return { json: b.toJSON(), b, holder, a, z };
}

const names = (g: HeapGraph, path: number[]): (string | number)[] => path.map((e) => edgeName(g, e));

test('parses the fields, strings, locations and allocation traces of a snapshot', () => {
  const { json, holder, a, z } = small();
  const g = parseHeapSnapshot(json);
  assert.equal(g.nodeCount, 5);
  assert.equal(g.edgeCount, 4);
  assert.equal(nodeName(g, holder), 'Holder');
  assert.equal(nodeType(g, z), 'closure');
  assert.equal(nodeName(g, a), 'a "quoted" \\ string [with] {brackets}', 'escapes and brackets inside strings');
  assert.equal(selfSize(g, holder), 32);
  assert.equal(nodeId(g, holder), 5);
  assert.deepEqual(g.locations.get(z), { scriptId: 7, line: 3, column: 9 });
  assert.deepEqual(g.traceFunctions, [
    { name: 'alloc', scriptName: 'file:///w.mjs', scriptId: 1, line: 4, column: 10 },
  ]);
  assert.deepEqual(g.traceNodes.get(1), { functionIndex: 0, parent: 0 });
});

test('the loader gives the same graph whatever the chunk boundaries', () => {
  const { json } = small();
  const whole = parseHeapSnapshot(json);
  for (const size of [1, 2, 3, 7, 64]) {
    const loader = new HeapSnapshotLoader();
    for (let at = 0; at < json.length; at += size) loader.write(json.slice(at, at + size));
    const g = loader.finish();
    assert.deepEqual([...g.nodes], [...whole.nodes], `chunks of ${size}`);
    assert.deepEqual([...g.edges], [...whole.edges], `chunks of ${size}`);
    assert.deepEqual(g.strings, whole.strings, `chunks of ${size}`);
    assert.deepEqual([...g.locations], [...whole.locations], `chunks of ${size}`);
  }
});

test('a truncated or foreign text is a HeapSnapshotFormatError, not a crash', () => {
  const { json } = small();
  assert.throws(() => parseHeapSnapshot(json.slice(0, json.indexOf('"strings"'))), HeapSnapshotFormatError);
  assert.throws(() => parseHeapSnapshot('{"hello": 1}'), HeapSnapshotFormatError);
  // The header promises more nodes than the section holds.
  assert.throws(() => parseHeapSnapshot(json.replace('"node_count":5', '"node_count":6')), HeapSnapshotFormatError);
});

test('shortest paths skip weak edges, shortcuts below the root and WeakMap table edges', () => {
  const b = new SnapshotBuilder();
  const gcRoots = b.node('synthetic', '(GC roots)');
  const global = b.node('object', 'global / ');
  const cache = b.node('object', 'Cache');
  const weakOnly = b.node('object', 'WeakOnly');
  const shortcutOnly = b.node('object', 'ShortcutOnly');
  const table = b.node('array', 'system / EphemeronHashTable');
  const key = b.node('object', 'Key');
  const value = b.node('object', 'Value');
  b.edge(0, 'element', 1, gcRoots).edge(0, 'shortcut', 2, global);
  b.edge(global, 'property', 'cache', cache)
    .edge(global, 'weak', 'w', weakOnly)
    .edge(cache, 'shortcut', 's', shortcutOnly);
  b.edge(gcRoots, 'element', 1, table);
  const pair = `part of key (Key @${b.id(key)}) -> value (Value @${b.id(value)}) pair in WeakMap (table @${b.id(table)})`;
  b.edge(table, 'internal', pair, key).edge(table, 'internal', pair, value);
  const g = parseHeapSnapshot(b.toJSON());
  const tree = shortestPaths(g);
  assert.deepEqual(names(g, pathTo(tree, cache)), ['2', 'cache'], 'through the global object (the root shortcut)');
  for (const unreached of [weakOnly, shortcutOnly, key, value])
    assert.equal(tree.parentEdge[unreached], -1, nodeName(g, unreached));
  // With the key held strongly, V8's key → value edge is what holds the value.
  const b2 = new SnapshotBuilder();
  const roots2 = b2.node('synthetic', '(GC roots)');
  const key2 = b2.node('object', 'Key');
  const value2 = b2.node('object', 'Value');
  b2.edge(0, 'element', 1, roots2)
    .edge(roots2, 'element', 1, key2)
    .edge(key2, 'internal', 'part of key (Key @3) -> value (Value @5) pair in WeakMap (table @7)', value2);
  const g2 = parseHeapSnapshot(b2.toJSON());
  assert.deepEqual(pathTo(shortestPaths(g2), value2).length, 3);
});

test('cycles are visited once, and a million-node chain needs no recursion', () => {
  const b = new SnapshotBuilder();
  const first = b.node('object', 'A');
  const second = b.node('object', 'B');
  b.edge(0, 'element', 1, first)
    .edge(first, 'property', 'next', second)
    .edge(second, 'property', 'back', first)
    .edge(second, 'property', 'self', second);
  const tree = shortestPaths(parseHeapSnapshot(b.toJSON()));
  assert.equal(tree.reached, 3);
  assert.equal(tree.parentNode[first], 0);

  // A million objects in one chain (written directly: the builder is for small graphs).
  const count = 1_000_000;
  const header = new SnapshotBuilder().toJSON();
  const meta = JSON.parse(header.slice(header.indexOf(':') + 1, header.indexOf('\n"nodes"') - 1)) as { meta: unknown };
  const nodes: string[] = [];
  const edges: string[] = [];
  for (let i = 0; i <= count; i++) {
    nodes.push(`3,1,${2 * i + 1},16,${i < count ? 1 : 0},0,0`);
    if (i < count) edges.push(`2,2,${(i + 1) * 7}`);
  }
  const json = `{"snapshot":${JSON.stringify({ ...meta, node_count: count + 1, edge_count: count })},\n"nodes":[${nodes.join(',')}],\n"edges":[${edges.join(',')}],\n"strings":["","Link","next"]}`;
  const g = parseHeapSnapshot(json);
  const chain = shortestPaths(g);
  assert.equal(chain.reached, count + 1);
  assert.equal(pathTo(chain, count).length, count);
});

test('a deadline stops the walk and says so', () => {
  const b = new SnapshotBuilder();
  for (let i = 0; i < 70_000; i++) {
    const child = b.node('object', 'X');
    b.edge(0, 'element', i, child).edge(child, 'property', 'next', b.node('object', 'Y'));
  }
  const g = parseHeapSnapshot(b.toJSON());
  let clock = 0;
  const tree = shortestPaths(g, { deadline: 0, now: () => clock++ });
  assert.equal(tree.truncated, true);
  assert.ok(tree.reached < g.nodeCount);
});

test("a real snapshot of a tiny script: every node parses, and the script's global is reached", () => {
  {
    const file = join(tempDir('memgate-heap-graph-'), 'tiny.heapsnapshot');
    const script = `globalThis.memgateMarker = { list: [1, 2, 3] }; require('node:v8').writeHeapSnapshot(${JSON.stringify(file)});`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const text = readFileSync(file, 'utf8');
    const loader = new HeapSnapshotLoader();
    for (let at = 0; at < text.length; at += 65_536) loader.write(text.slice(at, at + 65_536));
    const g = loader.finish();
    assert.ok(g.nodeCount > 1000);
    const tree = shortestPaths(g);
    assert.ok(tree.reached > g.nodeCount * 0.5, `${tree.reached} of ${g.nodeCount}`);
    let marker = -1;
    for (let n = 0; n < g.nodeCount && marker < 0; n++) {
      if (tree.parentEdge[n]! >= 0 && edgeName(g, tree.parentEdge[n]!) === 'memgateMarker') marker = n;
    }
    assert.ok(marker > 0, 'the global property memgateMarker is on a shortest path');
    const path = pathTo(tree, marker);
    assert.match(nodeName(g, tree.parentNode[marker]!), /^global|Object/);
    assert.equal(edgeType(g, path[0]!), 'shortcut', 'reached through the root shortcut to the global object');
  }
});
