/**
 * "Who holds the leak": from a heap snapshot's shortest retainer paths, the holders of the objects a
 * workload kept, named the way a person reads them (`responses` → `[]`, a module-scope variable and
 * the Map entries under it), aggregated by path and tied to the growing sites.
 *
 * Pure: no I/O (declaration lines come from a callback the caller backs with the source files).
 *
 * Method: BFS from the roots over retaining edges (heap-graph.ts). For each new object, its path's
 * *frontier* is the first new object on it: everything before is the old holder the growth hangs from,
 * so the path up to the frontier is the same for the thousandth entry as for the first. New objects
 * are aggregated by that path (bytes: their self sizes), per site when an allocation stack ties them
 * to one.
 */
import {
  edgeName,
  edgeTarget,
  edgeType,
  findEdge,
  nodeName,
  nodeType,
  selfSize,
  shortestPaths,
  traceNodeId,
  type HeapGraph,
  type PathTree,
  type TraceFunction,
} from './heap-graph.ts';

/** How a step holds the next one (the `kind` of the report's `top[].retainers[].path[]`). */
export const RETAINER_KINDS = [
  'global',
  'module-scope variable',
  'closure variable',
  'class attribute',
  'property',
  'element',
  'map entry',
  'set entry',
  'listener list',
  'timer list',
  'promise reactions',
  'internal',
] as const;
export type RetainerKind = (typeof RETAINER_KINDS)[number];

export interface RetainerStep {
  name: string;
  kind: RetainerKind;
  file?: string;
  line?: number;
}

export interface RetainerPath {
  bytes: number;
  objects: number;
  /** Root first. */
  path: RetainerStep[];
}

export interface RetainerAnalysisOptions {
  /** Number of growing sites the caller matches objects to. */
  siteCount: number;
  /**
   * The site an allocation stack (innermost first) belongs to, -1 for none, or null to leave the object
   * out (memgate's own allocations). Snapshots taken with allocation tracking only.
   */
  siteOf?: (stack: readonly TraceFunction[]) => number | null;
  /**
   * The site whose code encloses a position (a closure's own code, an instance's constructor; line 0:
   * any site of that file, for a holder declared there), or -1. `file` is what `locate` returned.
   */
  siteAt?: (file: string, line: number) => number;
  /** The growth: by default, objects allocated while allocation tracking was on (a trace node id). */
  isNew?: (graph: HeapGraph, node: number) => boolean;
  /**
   * Where code is, as the report shows it: a script name (e.g. a file:// URL) and 1-based position in
   * the code V8 ran → a file and line (a path; the source's position when source-mapped).
   */
  locate?: (scriptName: string, line: number, column: number) => { file: string; line: number };
  /** 1-based line where a module-scope variable is declared, when the source says. */
  declarationLine?: (file: string, name: string) => number | undefined;
  /** Paths kept per site (largest first). Default 5. */
  maxPaths?: number;
  /** Date.now() value after which the BFS stops (paths then cover what it reached). */
  deadline?: number;
  now?: () => number;
}

export interface RetainerAnalysis {
  /** Per site index: its objects' paths, largest first. */
  sites: RetainerPath[][];
  /** New objects no site claims, largest first. */
  unattributed: RetainerPath[];
  stats: {
    nodes: number;
    edges: number;
    newObjects: number;
    newBytes: number;
    /** New objects no strong path reaches (garbage the last GC left, or only weakly held). */
    unreachableObjects: number;
    /** How the new objects' sites were decided, in objects. */
    attributed: { trace: number; holder: number; code: number; group: number; file: number; none: number };
    truncated: boolean;
  };
}

/** Engine internals, not data a workload keeps: never counted as grown objects. */
const INTERNAL_TYPES = new Set(['hidden', 'synthetic', 'code', 'object shape']);

const UNKNOWN = -2;
const LEFT_OUT = -3;

interface Group {
  steps: RetainerStep[];
  /** Per site, then [siteCount]: no site, [siteCount + 1]: not decided per object. */
  bytes: number[];
  objects: number[];
}

/**
 * Ties each new object to a site, most direct evidence first:
 * 1. its allocation stack (allocation tracking), when it has one;
 * 2. the nearest new object holding it on its path that has a site (what a site's object holds was, in
 *    practice, allocated with it: a cache entry's strings and arrays);
 * 3. its code position: a closure's own code, an instance's constructor, inside a site's function;
 * 4. per path: the objects still undecided go to the site holding most of the path's decided bytes;
 * 5. per path with nothing decided: a site of the file that declares the path's holder.
 * Anything else is unattributed.
 */
export function analyseRetainers(graph: HeapGraph, options: RetainerAnalysisOptions): RetainerAnalysis {
  const tree = shortestPaths(graph, {
    ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const isNew = options.isNew ?? ((g: HeapGraph, n: number) => traceNodeId(g, n) !== 0);
  const traced = siteResolver(graph, options);
  const namer = new PathNamer(graph, tree, options);
  const width = options.siteCount + 2;
  const none = options.siteCount;
  const undecided = options.siteCount + 1;
  const attributed = { trace: 0, holder: 0, code: 0, group: 0, file: 0, none: 0 };

  // frontier[n]: the first new node on n's path (n itself if none before it), -1 when n is not new-held.
  const frontier = new Int32Array(graph.nodeCount).fill(-1);
  const site = new Int32Array(graph.nodeCount).fill(UNKNOWN);
  const groups = new Map<string, Group>();
  let newObjects = 0;
  let newBytes = 0;
  for (let i = 0; i < tree.reached; i++) {
    const n = tree.order[i]!;
    const parent = tree.parentNode[n]!;
    const inherited = parent >= 0 ? frontier[parent]! : -1;
    const fresh = isNew(graph, n) && !INTERNAL_TYPES.has(nodeType(graph, n));
    frontier[n] = inherited >= 0 ? inherited : fresh ? n : -1;
    if (!fresh) continue;
    let own = traced(n);
    if (own === null) {
      site[n] = LEFT_OUT;
      continue;
    }
    if (own >= 0) attributed.trace++;
    else if (parent >= 0 && site[parent]! >= 0 && frontier[parent]! >= 0) {
      own = site[parent]!;
      attributed.holder++;
    } else {
      own = namer.siteOfCode(n);
      if (own >= 0) attributed.code++;
    }
    site[n] = own >= 0 ? own : UNKNOWN;
    newObjects++;
    const size = selfSize(graph, n);
    newBytes += size;
    const steps = namer.stepsTo(frontier[n]!);
    const key = JSON.stringify(steps);
    let group = groups.get(key);
    if (!group) {
      group = { steps, bytes: new Array<number>(width).fill(0), objects: new Array<number>(width).fill(0) };
      groups.set(key, group);
    }
    const slot = own >= 0 ? own : undecided;
    group.bytes[slot]! += size;
    group.objects[slot]!++;
  }
  for (const group of groups.values()) {
    if (group.objects[undecided] === 0) continue;
    let best = -1;
    for (let s = 0; s < options.siteCount; s++)
      if (group.bytes[s]! > 0 && (best < 0 || group.bytes[s]! > group.bytes[best]!)) best = s;
    if (best >= 0) attributed.group += group.objects[undecided]!;
    else {
      best = holderSite(group.steps, options);
      if (best >= 0) attributed.file += group.objects[undecided]!;
      else attributed.none += group.objects[undecided]!;
    }
    const into = best >= 0 ? best : none;
    group.bytes[into]! += group.bytes[undecided]!;
    group.objects[into]! += group.objects[undecided]!;
    group.bytes[undecided] = 0;
    group.objects[undecided] = 0;
  }
  let unreachableObjects = 0;
  if (!tree.truncated) {
    for (let n = 1; n < graph.nodeCount; n++) {
      if (tree.parentEdge[n]! < 0 && isNew(graph, n) && !INTERNAL_TYPES.has(nodeType(graph, n))) unreachableObjects++;
    }
  }
  const maxPaths = options.maxPaths ?? 5;
  const pathsFor = (slot: number): RetainerPath[] =>
    [...groups.values()]
      .filter((group) => group.objects[slot]! > 0)
      .map((group) => ({ bytes: group.bytes[slot]!, objects: group.objects[slot]!, path: group.steps }))
      .sort((a, b) => b.bytes - a.bytes || b.objects - a.objects)
      .slice(0, maxPaths);
  return {
    sites: Array.from({ length: options.siteCount }, (_, s) => pathsFor(s)),
    unattributed: pathsFor(none),
    stats: {
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      newObjects,
      newBytes,
      unreachableObjects,
      attributed,
      truncated: tree.truncated,
    },
  };
}

/**
 * The site of the file that declares the path's holder: its last step with a file that has a site, or -1.
 * A leak inside a dependency hangs from the dependency's own variable (declared where no site is), itself
 * reached from the user's: the nearest holder declared in a site's file is the user's handle on it.
 */
function holderSite(steps: readonly RetainerStep[], options: RetainerAnalysisOptions): number {
  if (!options.siteAt) return -1;
  for (let i = steps.length - 1; i >= 0; i--) {
    const file = steps[i]!.file;
    if (!file) continue;
    const site = options.siteAt(file, 0);
    if (site >= 0) return site;
  }
  return -1;
}

/** Memoised per trace node: the site its allocation stack belongs to (-1: none or no stack). */
function siteResolver(graph: HeapGraph, options: RetainerAnalysisOptions): (node: number) => number | null {
  const memo = new Map<number, number | null>();
  const siteOf = options.siteOf;
  return (node) => {
    const trace = traceNodeId(graph, node);
    if (!siteOf || trace === 0) return -1;
    let site = memo.get(trace);
    if (site === undefined) {
      site = siteOf(allocationStack(graph, trace));
      memo.set(trace, site);
    }
    return site;
  };
}

/** The functions of an allocation trace, innermost first (the trace tree's root has no function). */
export function allocationStack(graph: HeapGraph, traceNode: number): TraceFunction[] {
  const stack: TraceFunction[] = [];
  for (let at = graph.traceNodes.get(traceNode); at; at = at.parent ? graph.traceNodes.get(at.parent) : undefined) {
    const fn = graph.traceFunctions[at.functionIndex];
    if (fn && !(fn.name === '(root)' && fn.scriptName === '')) stack.push(fn);
  }
  return stack;
}

// ---------------------------------------------------------------------------------------------
// Naming

const ROOT_KINDS = new Set<RetainerKind>(['module-scope variable', 'global', 'timer list']);
/** Node's timers (`setTimeout`/`setInterval`): a list per duration, linked through these. */
const TIMER_LINKS = new Set(['_idleNext', '_idlePrev']);
/** A pending promise's reaction chain. */
const REACTION_LINKS = new Set([
  'reactions_or_result',
  'next',
  'fulfill_handler',
  'reject_handler',
  'promise_or_capability',
]);

class PathNamer {
  private readonly memo = new Map<number, RetainerStep[]>();
  private contextOwners: Map<number, number> | undefined;

  constructor(
    private readonly g: HeapGraph,
    private readonly tree: PathTree,
    private readonly options: RetainerAnalysisOptions,
  ) {}

  /** The named steps of the path to `node`, root first (memoised: many objects share a frontier). */
  stepsTo(node: number): RetainerStep[] {
    let steps = this.memo.get(node);
    if (!steps) {
      steps = this.name(this.edgesTo(node));
      this.memo.set(node, steps);
    }
    return steps;
  }

  private edgesTo(node: number): number[] {
    const path: number[] = [];
    for (let at = node; this.tree.parentEdge[at]! >= 0; at = this.tree.parentNode[at]!)
      path.push(this.tree.parentEdge[at]!);
    return path.reverse();
  }

  private name(edges: readonly number[]): RetainerStep[] {
    const g = this.g;
    let steps: RetainerStep[] = [];
    let lastSynthetic = '';
    let previous = -1; // the node the current edge comes from's own parent
    let tableOwner = '';
    for (const e of edges) {
      const from = this.fromOf(e);
      const to = edgeTarget(g, e);
      const type = edgeType(g, e);
      const name = edgeName(g, e);
      const fromName = nodeName(g, from);
      let step: RetainerStep | undefined;
      if (nodeType(g, from) === 'synthetic') {
        lastSynthetic =
          nodeName(g, to) && nodeType(g, to) === 'synthetic' ? nodeName(g, to) : lastSynthetic || fromName;
      } else if (type === 'context') {
        step = this.contextVariable(from, previous, String(name));
      } else if (type === 'property') {
        const key = String(name);
        if (TIMER_LINKS.has(key) && steps.at(-1)?.kind === 'timer list') step = undefined;
        else if (key === '_events') step = { name: key, kind: 'listener list' };
        else if (isGlobalObject(g, from)) step = { name: key, kind: 'global' };
        else step = { name: key, kind: 'property' };
      } else if (type === 'element') {
        step = { name: '[]', kind: 'element' };
      } else if (type === 'internal') {
        const key = String(name);
        // A Map's or Set's backing table and an array's backing store are reallocated as they grow: the
        // step is the same entry/element step as for the objects in them, so both aggregate together.
        if (key === 'table' && (fromName === 'Map' || fromName === 'Set')) {
          tableOwner = fromName;
          step = { name: '[]', kind: fromName === 'Map' ? 'map entry' : 'set entry' };
        } else if (key === 'elements' && nodeType(g, from) === 'object' && fromName === 'Array')
          step = { name: '[]', kind: 'element' };
        else if (/^\d+$/.test(key) && nodeType(g, from) === 'array' && (tableOwner === 'Map' || tableOwner === 'Set')) {
          step = { name: '[]', kind: tableOwner === 'Map' ? 'map entry' : 'set entry' };
        } else if (REACTION_LINKS.has(key) && (fromName === 'Promise' || steps.at(-1)?.kind === 'promise reactions')) {
          if (steps.at(-1)?.kind !== 'promise reactions') step = { name: 'then', kind: 'promise reactions' };
        }
      }
      // Node keeps a linked list of timers per duration: whatever reached it, the holder is the timer list.
      if (nodeName(g, to) === 'TimersList' && (type === 'element' || type === 'property')) {
        steps = [];
        step = { name: 'timers', kind: 'timer list' };
      }
      if (step) {
        const last = steps.at(-1);
        if (!last || JSON.stringify(last) !== JSON.stringify(step)) steps.push(step);
      }
      previous = from;
    }
    if (steps.length === 0) return [{ name: lastSynthetic || '(GC roots)', kind: 'internal' }];
    // A module's scope, a global and the timer list are roots a person recognises: how the walk
    // reached them (the stack, a handle, another module's function) is noise.
    let root = 0;
    steps.forEach((step, index) => {
      if (ROOT_KINDS.has(step.kind)) root = index;
    });
    return steps.slice(root);
  }

  private fromOf(e: number): number {
    // Edges are stored by owner: the owner is the node whose edge range holds e (the tree knows it).
    const to = edgeTarget(this.g, e);
    const parent = this.tree.parentNode[to]!;
    if (parent >= 0 && this.tree.parentEdge[to] === e) return parent;
    return ownerOfEdge(this.g, e);
  }

  /** A variable of a Context: the module's scope when the context's outer one is the native context. */
  private contextVariable(context: number, before: number, name: string): RetainerStep {
    const g = this.g;
    const outer = findEdge(g, context, 'previous');
    const isModule = outer < 0 || nodeName(g, edgeTarget(g, outer)) === 'system / NativeContext';
    const closure = before >= 0 && nodeType(g, before) === 'closure' ? before : this.ownerClosure(context);
    const where = closure >= 0 ? this.closureLocation(closure) : undefined;
    if (isModule) {
      const line = where?.file ? this.options.declarationLine?.(where.file, name) : undefined;
      return {
        name,
        kind: 'module-scope variable',
        ...(where?.file ? { file: where.file } : {}),
        ...(line ? { line } : {}),
      };
    }
    return {
      name,
      kind: 'closure variable',
      ...(where?.file ? { file: where.file, ...(where.line ? { line: where.line } : {}) } : {}),
    };
  }

  /** A closure whose context is `context` (found once for all contexts: one pass over the closures). */
  private ownerClosure(context: number): number {
    if (!this.contextOwners) {
      const owners = new Map<number, number>();
      for (let n = 0; n < this.g.nodeCount; n++) {
        if (nodeType(this.g, n) !== 'closure' || !this.g.locations.has(n)) continue;
        const edge = findEdge(this.g, n, 'context');
        if (edge >= 0 && !owners.has(edgeTarget(this.g, edge))) owners.set(edgeTarget(this.g, edge), n);
      }
      this.contextOwners = owners;
    }
    return this.contextOwners.get(context) ?? -1;
  }

  private scriptNames: Map<number, string> | undefined;

  /** The site whose code encloses the node's code position (closures; instances, by constructor), or -1. */
  siteOfCode(node: number): number {
    const siteAt = this.options.siteAt;
    const location = this.g.locations.get(node);
    if (!siteAt || !location) return -1;
    if (!this.scriptNames) {
      const names = new Map<number, string>();
      for (const [n, at] of this.g.locations) {
        if (names.has(at.scriptId) || nodeType(this.g, n) !== 'closure') continue;
        const name = this.scriptOf(n);
        if (name) names.set(at.scriptId, name);
      }
      this.scriptNames = names;
    }
    const scriptName = this.scriptNames.get(location.scriptId);
    if (!scriptName) return -1;
    const line = location.line + 1;
    const column = location.column + 1;
    const where = this.options.locate ? this.options.locate(scriptName, line, column) : { file: scriptName, line };
    return where.line > 0 ? siteAt(where.file, where.line) : -1;
  }

  private scriptOf(closure: number): string {
    const g = this.g;
    const shared = findEdge(g, closure, 'shared');
    if (shared < 0) return '';
    const info = edgeTarget(g, shared);
    let script = findEdge(g, info, 'script_or_debug_info');
    if (script < 0) script = findEdge(g, info, 'script');
    const name = script >= 0 ? nodeName(g, edgeTarget(g, script)) : '';
    return name.startsWith('system /') ? '' : name;
  }

  /** The closure's script (through its SharedFunctionInfo) and 1-based line (the snapshot's location). */
  private closureLocation(closure: number): { file: string; line: number } | undefined {
    const scriptName = this.scriptOf(closure);
    if (!scriptName) return undefined;
    const location = this.g.locations.get(closure);
    const line = location ? location.line + 1 : 0;
    const column = location ? location.column + 1 : 0;
    return this.options.locate ? this.options.locate(scriptName, line, column) : { file: scriptName, line };
  }
}

const isGlobalObject = (g: HeapGraph, node: number): boolean => {
  const name = nodeName(g, node);
  return name === 'global' || name.startsWith('global /') || name.startsWith('Window');
};

/** Binary search over firstEdge: the node whose edge range holds edge e. */
function ownerOfEdge(g: HeapGraph, e: number): number {
  let lo = 0;
  let hi = g.nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (g.firstEdge[mid]! <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
