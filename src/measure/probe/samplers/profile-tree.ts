/**
 * Turns a V8 sampling heap profile (the tree both backends return) into memgate's `Snapshot`.
 *
 * Runs inside the workload process, so it imports nothing but types.
 */
import { fileURLToPath } from 'node:url';
import type { Allocation, Frame, Snapshot } from '../../../analysis/model.ts';

/** The shape shared by `HeapProfiler.SamplingHeapProfileNode` and v8-profiler-next's nodes. */
export interface ProfileNode {
  id?: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
    scriptId?: string | number;
  };
  selfSize: number;
  children: ProfileNode[];
}

/** One live sample of the inspector's profile: its size as V8 reports it, unscaled. */
export interface ProfileSample {
  nodeId: number;
  size: number;
  ordinal: number;
}

export interface ConvertOptions {
  /** The inspector reports 0-based positions, v8-profiler-next 1-based. */
  lineBase: 0 | 1;
  /** Frames kept per stack once the probe's own frames are stripped (outermost frames are dropped). */
  stackDepth: number;
  /** URL prefixes of memgate's own code (the probe's directory, a backend's): not the workload's. */
  probeUrlPrefixes: readonly string[];
  /** Bytes attributed to a node; defaults to its `selfSize`. */
  sizeOf?: (node: ProfileNode) => number;
  /** Maps a frame of generated code back to its source (source maps), when there is one. */
  remap?: (frame: Frame) => Frame;
}

/** The sampling profile as Chrome DevTools' Memory tab loads it (`.heapprofile`). */
export interface DevToolsHeapProfile {
  head: Required<ProfileNode> & { callFrame: ProfileNode['callFrame'] & { scriptId: string } };
  samples: ProfileSample[];
}

/**
 * A profile tree in the inspector's own form: every node with an id, 0-based positions and a string
 * scriptId. The inspector's profile already is one; v8-profiler-next's nodes have no ids and 1-based lines,
 * which DevTools would show one line too low. Without samples, DevTools shows the tree's selfSize figures.
 */
export function toDevToolsProfile(
  head: ProfileNode,
  lineBase: 0 | 1,
  samples: ProfileSample[] = [],
): DevToolsHeapProfile {
  let nextId = 1;
  const convert = (node: ProfileNode): DevToolsHeapProfile['head'] => {
    const { functionName, url, lineNumber, columnNumber, scriptId } = node.callFrame;
    return {
      id: node.id ?? nextId++,
      callFrame: {
        functionName,
        url,
        scriptId: String(scriptId ?? 0),
        lineNumber: lineNumber - lineBase,
        columnNumber: columnNumber - lineBase,
      },
      selfSize: node.selfSize,
      children: node.children.map(convert),
    };
  };
  return { head: convert(head), samples };
}

export const toPath = (url: string): string => {
  if (!url.startsWith('file://')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
};

/** Runtime code: node internals (`node:...`) and native or builtin frames (no script). */
const isRuntime = (url: string): boolean => url === '' || url.startsWith('node:');

const toFrame = (node: ProfileNode, lineBase: 0 | 1): Frame => {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  // Unknown positions come as -1 (inspector) or 0 (v8-profiler-next): both become 0, "unknown".
  const line = lineNumber < 0 || (lineBase === 1 && lineNumber === 0) ? 0 : lineNumber + (1 - lineBase);
  const column = columnNumber < 0 || (lineBase === 1 && columnNumber === 0) ? 0 : columnNumber + (1 - lineBase);
  return { functionName, file: toPath(url), line, column };
};

/**
 * Decides what a stack (innermost first) is: the probe's own allocation (the first frame outside the
 * runtime is the probe's: serialising profiles, reading memory figures, the inspector session) → null;
 * otherwise the stack without the probe's frames (which sit outermost, around the workload's calls).
 */
export function userStack(nodes: readonly ProfileNode[], options: ConvertOptions): Frame[] | null {
  const isProbe = (node: ProfileNode): boolean =>
    options.probeUrlPrefixes.some((prefix) => node.callFrame.url.startsWith(prefix));
  const firstOwner = nodes.find((node) => !isRuntime(node.callFrame.url));
  if (firstOwner && isProbe(firstOwner)) return null;
  const remap = options.remap ?? ((frame: Frame) => frame);
  return (
    nodes
      // Besides the probe's frames, the nameless, scriptless frame V8 puts at the root of resumed async code.
      .filter((node) => !isProbe(node) && !(node.callFrame.url === '' && node.callFrame.functionName === ''))
      .slice(0, options.stackDepth)
      .map((node) => remap(toFrame(node, options.lineBase)))
  );
}

const stackKey = (stack: readonly Frame[]): string =>
  stack.map((f) => `${f.functionName}\u0000${f.file}\u0000${f.line}\u0000${f.column}`).join('\u0001');

/**
 * Walks the tree; every node with live bytes becomes an allocation keyed by its call path. Node ids
 * are not used across profiles (V8 prunes and renumbers them), and paths that become equal once the
 * probe's frames are stripped are merged.
 */
export function profileToSnapshot(
  head: ProfileNode,
  options: ConvertOptions,
  countOf: (node: ProfileNode) => number = () => 0,
): Snapshot {
  const merged = new Map<string, Allocation>();
  const sizeOf = options.sizeOf ?? ((node: ProfileNode) => node.selfSize);
  // Iterative walk: deep recursion in the workload makes deep trees.
  const pending: { node: ProfileNode; path: ProfileNode[] }[] = [{ node: head, path: [] }];
  while (pending.length > 0) {
    const { node, path } = pending.pop()!;
    // The "(root)" node is not a frame (its own bytes, if any, have no stack); everything below it is.
    const stackOuterFirst = node === head ? path : [...path, node];
    const size = sizeOf(node);
    if (size > 0) {
      const stack = userStack([...stackOuterFirst].reverse(), options);
      if (stack) {
        const key = stackKey(stack);
        const existing = merged.get(key);
        if (existing) {
          existing.size += size;
          existing.count += countOf(node);
        } else {
          merged.set(key, { stack, size, count: countOf(node) });
        }
      }
    }
    for (const child of node.children) pending.push({ node: child, path: stackOuterFirst });
  }
  return { allocations: [...merged.values()] };
}
