/**
 * V8 heap snapshots (`.heapsnapshot`, the format `HeapProfiler.takeHeapSnapshot` streams) as typed
 * arrays, and shortest retainer paths from the GC roots over them.
 *
 * Pure: no I/O. The loader takes the text in chunks as the inspector sends them, so a snapshot is
 * never held as one string (a 200 MiB heap makes a snapshot close to V8's maximum string length):
 * `nodes` and `edges` go straight into typed arrays sized from the header's counts.
 */

export interface HeapLocation {
  scriptId: number;
  /** 0-based, as V8 reports them. */
  line: number;
  column: number;
}

/** A function of an allocation stack (allocation tracking only). `line` and `column` are 1-based, 0 when unknown. */
export interface TraceFunction {
  name: string;
  scriptName: string;
  scriptId: number;
  line: number;
  column: number;
}

export interface HeapGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** `nodeFieldCount` numbers per node, in the snapshot's field order. */
  readonly nodes: Uint32Array;
  /** Three numbers per edge: type, name (string index or element index), target node ordinal. */
  readonly edges: Uint32Array;
  /** Index (in edges, not numbers) of each node's first edge; `firstEdge[nodeCount]` is edgeCount. */
  readonly firstEdge: Uint32Array;
  readonly nodeFieldCount: number;
  readonly fields: { type: number; name: number; id: number; selfSize: number; edgeCount: number; traceNodeId: number };
  readonly nodeTypes: readonly string[];
  readonly edgeTypes: readonly string[];
  readonly strings: readonly string[];
  /** Script positions V8 recorded for closures (and objects, from their constructor), by node ordinal. */
  readonly locations: ReadonlyMap<number, HeapLocation>;
  readonly traceFunctions: readonly TraceFunction[];
  /** Allocation-trace tree (allocation tracking only): trace node id → function index and parent trace node id (0: none). */
  readonly traceNodes: ReadonlyMap<number, { functionIndex: number; parent: number }>;
}

export const EDGE_FIELDS = 3;

export class HeapSnapshotFormatError extends Error {
  override name = 'HeapSnapshotFormatError';
}

interface Meta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
  trace_function_info_fields?: string[];
  trace_node_fields?: string[];
  location_fields?: string[];
}

interface Header {
  meta: Meta;
  node_count: number;
  edge_count: number;
}

const SPACE = new Set([0x20, 0x0a, 0x0d, 0x09, 0x2c]); // whitespace and the commas between sections

/**
 * Streaming parser for the snapshot's JSON. Sections are recognised by name, in any order: numeric
 * ones (`nodes`, `edges`, `locations`, ...) are read number by number; `strings` and `trace_tree`
 * are collected (bracket-balanced) and parsed with JSON.parse.
 */
export class HeapSnapshotLoader {
  private pending = '';
  private header: Header | undefined;
  private section: string | undefined;
  private mode: 'header' | 'name' | 'numbers' | 'raw' | 'done' = 'header';
  // Numeric section state.
  private target: Uint32Array | number[] = [];
  private written = 0;
  private value = 0;
  private inNumber = false;
  private negative = false;
  // Raw section state.
  private rawParts: string[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  private nodes: Uint32Array | undefined;
  private edges: Uint32Array | undefined;
  private readonly numeric = new Map<string, number[]>();
  private readonly raw = new Map<string, unknown>();

  write(chunk: string): void {
    let text = this.pending + chunk;
    this.pending = '';
    let i = 0;
    while (i < text.length && this.mode !== 'done') {
      if (this.mode === 'header') {
        const end = headerEnd(text);
        if (end < 0) {
          this.pending = text;
          return;
        }
        this.readHeader(text.slice(0, end));
        text = text.slice(end);
        i = 0;
        this.mode = 'name';
      } else if (this.mode === 'name') {
        while (i < text.length && SPACE.has(text.charCodeAt(i))) i++;
        if (i >= text.length) return;
        if (text[i] === '}') {
          this.mode = 'done';
          return;
        }
        const open = text.indexOf('[', i);
        if (open < 0) {
          this.pending = text.slice(i);
          return;
        }
        const match = /^"([a-z_]+)"\s*:\s*$/.exec(text.slice(i, open));
        if (!match)
          throw new HeapSnapshotFormatError(
            `unexpected text in the snapshot: ${JSON.stringify(text.slice(i, i + 40))}`,
          );
        this.startSection(match[1]!);
        i = open + 1;
      } else if (this.mode === 'numbers') {
        i = this.readNumbers(text, i);
      } else {
        i = this.readRaw(text, i);
      }
    }
  }

  private readHeader(text: string): void {
    const start = text.indexOf('{', text.indexOf('"snapshot"'));
    try {
      this.header = JSON.parse(text.slice(start)) as Header;
    } catch (error) {
      throw new HeapSnapshotFormatError(`unreadable snapshot header: ${(error as Error).message}`, { cause: error });
    }
    const { meta } = this.header;
    if (!meta?.node_fields || !meta.edge_fields || meta.edge_fields.length !== EDGE_FIELDS) {
      throw new HeapSnapshotFormatError('the snapshot header has no node/edge field list');
    }
  }

  private startSection(name: string): void {
    this.section = name;
    const header = this.header!;
    if (name === 'nodes' || name === 'edges') {
      const size =
        name === 'nodes' ? header.node_count * header.meta.node_fields.length : header.edge_count * EDGE_FIELDS;
      this.target = new Uint32Array(size);
      if (name === 'nodes') this.nodes = this.target;
      else this.edges = this.target;
      this.written = 0;
      this.mode = 'numbers';
    } else if (name === 'strings' || name === 'trace_tree') {
      this.rawParts = ['['];
      this.depth = 1;
      this.inString = false;
      this.escaped = false;
      this.mode = 'raw';
    } else {
      const list: number[] = [];
      this.numeric.set(name, list);
      this.target = list;
      this.written = 0;
      this.mode = 'numbers';
    }
    this.inNumber = false;
    this.value = 0;
    this.negative = false;
  }

  private readNumbers(text: string, from: number): number {
    const target = this.target;
    const typed = target instanceof Uint32Array;
    let value = this.value;
    let inNumber = this.inNumber;
    let negative = this.negative;
    let written = this.written;
    let i = from;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x30 && c <= 0x39) {
        value = value * 10 + (c - 0x30);
        inNumber = true;
      } else if (c === 0x2d) {
        negative = true;
      } else {
        if (inNumber) {
          const number = negative ? -value : value;
          if (typed) {
            if (written >= target.length)
              throw new HeapSnapshotFormatError(`the ${this.section} section is longer than its header says`);
            target[written] = number;
          } else {
            (target as number[]).push(number);
          }
          written++;
          value = 0;
          inNumber = false;
          negative = false;
        }
        if (c === 0x5d) {
          i++;
          this.mode = 'name';
          break;
        }
      }
    }
    this.value = value;
    this.inNumber = inNumber;
    this.negative = negative;
    this.written = written;
    if (this.mode === 'name' && typed && written !== target.length) {
      throw new HeapSnapshotFormatError(
        `the ${this.section} section has ${written} numbers, its header says ${target.length}`,
      );
    }
    return i;
  }

  private readRaw(text: string, from: number): number {
    let i = from;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x5b) depth++;
      else if (c === 0x5d && --depth === 0) {
        i++;
        break;
      }
    }
    this.rawParts.push(text.slice(from, i));
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    if (depth === 0) {
      const body = this.rawParts.join('');
      this.rawParts = [];
      try {
        this.raw.set(this.section!, JSON.parse(body) as unknown);
      } catch (error) {
        throw new HeapSnapshotFormatError(`unreadable ${this.section} section: ${(error as Error).message}`, {
          cause: error,
        });
      }
      this.mode = 'name';
    }
    return i;
  }

  /** The graph; throws HeapSnapshotFormatError when the text was incomplete or not a snapshot. */
  finish(): HeapGraph {
    const header = this.header;
    if (!header || !this.nodes || !this.edges || !this.raw.has('strings')) {
      throw new HeapSnapshotFormatError('the snapshot is incomplete (no header, nodes, edges or strings)');
    }
    return buildGraph(
      header,
      this.nodes,
      this.edges,
      this.raw.get('strings') as string[],
      this.numeric,
      this.raw.get('trace_tree'),
    );
  }
}

/** Index just past the `"snapshot": {...}` object, or -1 when the text does not reach its end yet. */
function headerEnd(text: string): number {
  const key = text.indexOf('"snapshot"');
  if (key < 0) return -1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = text.indexOf('{', key); i >= 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) return i + 1;
  }
  return -1;
}

/** Parses a whole snapshot held as one string (tests, small snapshots). */
export function parseHeapSnapshot(text: string): HeapGraph {
  const loader = new HeapSnapshotLoader();
  loader.write(text);
  return loader.finish();
}

function buildGraph(
  header: Header,
  nodes: Uint32Array,
  edges: Uint32Array,
  strings: string[],
  numeric: ReadonlyMap<string, number[]>,
  traceTree: unknown,
): HeapGraph {
  const { meta } = header;
  const nodeFieldCount = meta.node_fields.length;
  const field = (name: string, required = true): number => {
    const index = meta.node_fields.indexOf(name);
    if (index < 0 && required) throw new HeapSnapshotFormatError(`the snapshot's nodes have no ${name} field`);
    return index;
  };
  const fields = {
    type: field('type'),
    name: field('name'),
    id: field('id'),
    selfSize: field('self_size'),
    edgeCount: field('edge_count'),
    traceNodeId: field('trace_node_id', false),
  };
  const nodeCount = header.node_count;
  const edgeCount = header.edge_count;
  const edgeTarget = meta.edge_fields.indexOf('to_node');
  const firstEdge = new Uint32Array(nodeCount + 1);
  let total = 0;
  for (let n = 0; n < nodeCount; n++) {
    firstEdge[n] = total;
    total += nodes[n * nodeFieldCount + fields.edgeCount]!;
  }
  firstEdge[nodeCount] = total;
  if (total !== edgeCount)
    throw new HeapSnapshotFormatError(`the nodes own ${total} edges, the header says ${edgeCount}`);
  // Targets are stored as offsets into `nodes`: ordinals are what everything else indexes by.
  for (let e = 0; e < edgeCount; e++) {
    const at = e * EDGE_FIELDS + edgeTarget;
    const offset = edges[at]!;
    if (offset % nodeFieldCount !== 0 || offset / nodeFieldCount >= nodeCount)
      throw new HeapSnapshotFormatError(`edge ${e} points outside the nodes`);
    edges[at] = offset / nodeFieldCount;
  }
  return {
    nodeCount,
    edgeCount,
    nodes,
    edges,
    firstEdge,
    nodeFieldCount,
    fields,
    nodeTypes: meta.node_types[0],
    edgeTypes: meta.edge_types[0],
    strings,
    locations: readLocations(meta, numeric.get('locations') ?? [], nodeFieldCount),
    traceFunctions: readTraceFunctions(meta, numeric.get('trace_function_infos') ?? [], strings),
    traceNodes: readTraceTree(meta, traceTree),
  };
}

function readLocations(meta: Meta, numbers: readonly number[], nodeFieldCount: number): Map<number, HeapLocation> {
  const names = meta.location_fields ?? ['object_index', 'script_id', 'line', 'column'];
  const width = names.length;
  const [object, script, line, column] = ['object_index', 'script_id', 'line', 'column'].map((name) =>
    names.indexOf(name),
  ) as [number, number, number, number];
  const locations = new Map<number, HeapLocation>();
  for (let at = 0; at + width <= numbers.length; at += width) {
    locations.set(numbers[at + object]! / nodeFieldCount, {
      scriptId: numbers[at + script]!,
      line: numbers[at + line]!,
      column: numbers[at + column]!,
    });
  }
  return locations;
}

function readTraceFunctions(meta: Meta, numbers: readonly number[], strings: readonly string[]): TraceFunction[] {
  const names = meta.trace_function_info_fields ?? [];
  const width = names.length;
  if (width === 0) return [];
  const at = (name: string): number => names.indexOf(name);
  const [name, scriptName, scriptId, line, column] = [
    at('name'),
    at('script_name'),
    at('script_id'),
    at('line'),
    at('column'),
  ];
  const functions: TraceFunction[] = [];
  for (let base = 0; base + width <= numbers.length; base += width) {
    functions.push({
      name: strings[numbers[base + name]!] ?? '',
      scriptName: strings[numbers[base + scriptName]!] ?? '',
      scriptId: numbers[base + scriptId]!,
      // Already 1-based in the snapshot (V8 adds one when it serialises them); 0 stays "unknown".
      line: Math.max(0, numbers[base + line]!),
      column: Math.max(0, numbers[base + column]!),
    });
  }
  return functions;
}

/** The trace tree is nested: [id, functionIndex, count, size, [children...], id, ...]. */
function readTraceTree(meta: Meta, tree: unknown): Map<number, { functionIndex: number; parent: number }> {
  const result = new Map<number, { functionIndex: number; parent: number }>();
  const names = meta.trace_node_fields ?? [];
  if (!Array.isArray(tree) || names.length === 0) return result;
  const width = names.length;
  const idAt = names.indexOf('id');
  const functionAt = names.indexOf('function_info_index');
  const childrenAt = names.indexOf('children');
  const pending: { list: unknown[]; parent: number }[] = [{ list: tree, parent: 0 }];
  while (pending.length > 0) {
    const { list, parent } = pending.pop()!;
    for (let base = 0; base + width <= list.length; base += width) {
      const id = list[base + idAt] as number;
      result.set(id, { functionIndex: list[base + functionAt] as number, parent });
      const children = list[base + childrenAt];
      if (Array.isArray(children) && children.length > 0) pending.push({ list: children, parent: id });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Accessors

export const nodeType = (g: HeapGraph, n: number): string =>
  g.nodeTypes[g.nodes[n * g.nodeFieldCount + g.fields.type]!] ?? '';
export const nodeName = (g: HeapGraph, n: number): string =>
  g.strings[g.nodes[n * g.nodeFieldCount + g.fields.name]!] ?? '';
export const nodeId = (g: HeapGraph, n: number): number => g.nodes[n * g.nodeFieldCount + g.fields.id]!;
export const selfSize = (g: HeapGraph, n: number): number => g.nodes[n * g.nodeFieldCount + g.fields.selfSize]!;
export const traceNodeId = (g: HeapGraph, n: number): number =>
  g.fields.traceNodeId < 0 ? 0 : g.nodes[n * g.nodeFieldCount + g.fields.traceNodeId]!;
export const edgeType = (g: HeapGraph, e: number): string => g.edgeTypes[g.edges[e * EDGE_FIELDS]!] ?? '';
export const edgeTarget = (g: HeapGraph, e: number): number => g.edges[e * EDGE_FIELDS + 2]!;

/** Element and hidden edges are named by an index; the others by a string. */
export function edgeName(g: HeapGraph, e: number): string | number {
  const raw = g.edges[e * EDGE_FIELDS + 1]!;
  const type = edgeType(g, e);
  return type === 'element' || type === 'hidden' ? raw : (g.strings[raw] ?? '');
}

/** The edge from `from` to `to` of the given name (first match), or -1. */
export function findEdge(g: HeapGraph, from: number, name: string): number {
  for (let e = g.firstEdge[from]!; e < g.firstEdge[from + 1]!; e++) if (edgeName(g, e) === name) return e;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Shortest paths from the roots

export interface PathTree {
  /** For each node ordinal, the edge that first reached it (BFS), or -1 (a root, or unreachable). */
  readonly parentEdge: Int32Array;
  /** For each node ordinal, the node that edge comes from, or -1. */
  readonly parentNode: Int32Array;
  /** Nodes in the order BFS reached them (parents before children). */
  readonly order: Uint32Array;
  readonly reached: number;
  /** True when the deadline stopped the walk before it reached every node. */
  readonly truncated: boolean;
}

/**
 * Whether an edge keeps its target alive the way DevTools' and memlab's retainer views count it:
 * not weak edges; not shortcut edges (bound-function and global-proxy shortcuts duplicate a real
 * path) except the root's, which name the global objects; not the edges from a WeakMap's backing
 * table to its keys or values (V8 adds the edge key → value that really holds the value).
 */
export function isRetainingEdge(g: HeapGraph, from: number, e: number): boolean {
  const type = edgeType(g, e);
  if (type === 'weak') return false;
  if (type === 'shortcut') return from === 0;
  if (type === 'internal') {
    const name = g.strings[g.edges[e * EDGE_FIELDS + 1]!] ?? '';
    if (name.startsWith('part of key') && name.endsWith(`(table @${nodeId(g, from)})`)) return false;
  }
  return true;
}

/**
 * Breadth-first from the synthetic root (ordinal 0), over retaining edges only. Typed arrays and an
 * explicit queue: cycles are visited once and millions of nodes need no recursion. The global objects
 * (the root's shortcut edges) go first, so a path through a global wins a tie with one through a handle.
 */
export function shortestPaths(g: HeapGraph, options: { deadline?: number; now?: () => number } = {}): PathTree {
  const parentEdge = new Int32Array(g.nodeCount).fill(-1);
  const parentNode = new Int32Array(g.nodeCount).fill(-1);
  const order = new Uint32Array(g.nodeCount);
  const seen = new Uint8Array(g.nodeCount);
  let head = 0;
  let tail = 0;
  if (g.nodeCount === 0) return { parentEdge, parentNode, order, reached: 0, truncated: false };
  seen[0] = 1;
  order[tail++] = 0;
  const now = options.now ?? Date.now;
  let truncated = false;
  while (head < tail) {
    if ((head & 0xffff) === 0 && options.deadline !== undefined && now() > options.deadline) {
      truncated = true;
      break;
    }
    const from = order[head++]!;
    const begin = g.firstEdge[from]!;
    const end = g.firstEdge[from + 1]!;
    // The root's shortcut edges (global objects) first, then everything else.
    for (let pass = from === 0 ? 0 : 1; pass < 2; pass++) {
      for (let e = begin; e < end; e++) {
        const to = g.edges[e * EDGE_FIELDS + 2]!;
        if (seen[to]) continue;
        if (from === 0 && (pass === 0) !== (edgeType(g, e) === 'shortcut')) continue;
        if (!isRetainingEdge(g, from, e)) continue;
        seen[to] = 1;
        parentEdge[to] = e;
        parentNode[to] = from;
        order[tail++] = to;
      }
    }
  }
  return { parentEdge, parentNode, order, reached: tail, truncated };
}

/** Edges from the root to `node`, root first (empty for the root or an unreachable node). */
export function pathTo(tree: PathTree, node: number): number[] {
  const path: number[] = [];
  for (let at = node; tree.parentEdge[at]! >= 0; at = tree.parentNode[at]!) path.push(tree.parentEdge[at]!);
  return path.reverse();
}
