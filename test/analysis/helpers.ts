/** Small builders for synthetic snapshots, series and report figures used by the analysis tests. */
import type { Allocation, Frame, SeriesPoint, Snapshot } from '../../src/analysis/model.ts';

export const CWD = '/repo';
export const KiB = 1024;
export const MiB = 1024 * 1024;

/** A frame; `file` relative paths are placed under CWD, ids like `node:internal/x` and '' stay as they are. */
export function frame(file: string, line: number, functionName = ''): Frame {
  const isPath = file !== '' && !file.startsWith('/') && !file.startsWith('node:') && !file.startsWith('<');
  return { functionName, file: isPath ? `${CWD}/${file}` : file, line, column: 1 };
}

/** A frame with `file` exactly as given (runtime ids, relative names). */
export function rawFrame(file: string, line: number, functionName = ''): Frame {
  return { functionName, file, line, column: 1 };
}

/** An allocation; `stack` innermost first. */
export function alloc(size: number, stack: Frame[], count = 1): Allocation {
  return { size, count, stack };
}

export function snapshot(...allocations: Allocation[]): Snapshot {
  return { allocations };
}

/** The probe's outermost frames: the Node probe calling the workload. */
export const PROBE: Frame[] = [
  { functionName: 'runPass', file: '/opt/memgate/dist/probe/node-probe.mjs', line: 210, column: 5 },
  { functionName: '(root)', file: '', line: 0, column: 0 },
];

/** A pass-2 series from KiB offsets over a base heap; `external` offsets optional. */
export function series(iterations: number[], heapKiB: number[], externalKiB: number[] = []): SeriesPoint[] {
  return iterations.map((iteration, i) => ({
    iteration,
    heapUsed: 5 * MiB + Math.round((heapKiB[i] ?? 0) * KiB),
    external: 1 * MiB + Math.round((externalKiB[i] ?? 0) * KiB),
  }));
}

/** Checkpoints of a 50-iteration pass: baseline, four inside, and the end. */
export const CHECKPOINTS = [0, 10, 20, 30, 40, 50];
