// Diffs two .heapsnapshot files the way DevTools' Comparison view does: objects present after but not
// before (by node id) minus objects gone, summed per constructor. Node-level only (no edges, no
// retainer paths), so it is a lower bound on what memlab-style tools spend.
// Usage: node snapshot-diff.mjs <before> <after> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { peakRss } from './peak-rss.mjs';

function parseSnapshot(path) {
  const buf = readFileSync(path);
  const headEnd = buf.indexOf('"nodes":[');
  const head = JSON.parse(`${buf.subarray(0, headEnd).toString('utf8').replace(/,\s*$/, '')}}`);
  const meta = head.snapshot.meta;
  const fields = meta.node_fields.length;
  const nodeCount = head.snapshot.node_count;
  const typeAt = meta.node_fields.indexOf('type');
  const nameAt = meta.node_fields.indexOf('name');
  const idAt = meta.node_fields.indexOf('id');
  const sizeAt = meta.node_fields.indexOf('self_size');
  const ids = new Float64Array(nodeCount);
  const names = new Uint32Array(nodeCount);
  const types = new Uint8Array(nodeCount);
  const sizes = new Float64Array(nodeCount);
  // Scan the integers of "nodes" without building a string of the whole file.
  let pos = headEnd + '"nodes":['.length;
  for (let node = 0; node < nodeCount; node++) {
    for (let f = 0; f < fields; f++) {
      let value = 0;
      let c = buf[pos];
      while (c < 48 || c > 57) c = buf[++pos];
      while (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        c = buf[++pos];
      }
      if (f === idAt) ids[node] = value;
      else if (f === nameAt) names[node] = value;
      else if (f === typeAt) types[node] = value;
      else if (f === sizeAt) sizes[node] = value;
    }
  }
  const stringsAt = buf.lastIndexOf('"strings":[');
  const tail = buf.subarray(stringsAt + '"strings":'.length).toString('utf8');
  const strings = JSON.parse(tail.slice(0, tail.lastIndexOf(']') + 1));
  return { ids, names, types, sizes, strings, typeNames: meta.node_types[0], bytes: buf.length };
}

function classOf(snap, i) {
  const type = snap.typeNames[snap.types[i]];
  return type === 'object' || type === 'native' || type === 'closure' ? snap.strings[snap.names[i]] : `(${type})`;
}

const order = (ids) => Uint32Array.from(ids.keys()).sort((a, b) => ids[a] - ids[b]);

const t0 = performance.now();
const [beforePath, afterPath, outPath] = process.argv.slice(2);
const before = parseSnapshot(beforePath);
const after = parseSnapshot(afterPath);
const byClass = new Map();
const add = (name, size, count) => {
  const row = byClass.get(name) ?? { name, sizeDelta: 0, countDelta: 0 };
  row.sizeDelta += size;
  row.countDelta += count;
  byClass.set(name, row);
};
const a = order(before.ids);
const b = order(after.ids);
let i = 0;
let j = 0;
while (i < a.length || j < b.length) {
  const idA = i < a.length ? before.ids[a[i]] : Infinity;
  const idB = j < b.length ? after.ids[b[j]] : Infinity;
  if (idA === idB) {
    i++;
    j++;
  } else if (idA < idB) {
    add(classOf(before, a[i]), -before.sizes[a[i]], -1);
    i++;
  } else {
    add(classOf(after, b[j]), after.sizes[b[j]], 1);
    j++;
  }
}
const top = [...byClass.values()].sort((x, y) => y.sizeDelta - x.sizeDelta).slice(0, 5);
writeFileSync(
  outPath,
  JSON.stringify({
    nodesBefore: before.ids.length,
    nodesAfter: after.ids.length,
    snapshotBytes: before.bytes + after.bytes,
    top,
    analysisMs: performance.now() - t0,
    maxRss: peakRss(),
  }),
);
