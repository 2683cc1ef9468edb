/**
 * memgate's sampling against the heap-snapshot diff (DevTools Comparison / memlab): the same workload, the
 * same two passes and GCs, two full `v8.writeHeapSnapshot()`s and a node-level diff in a second process.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from '../../src/analysis/defaults.ts';
import { runProcess } from './proc.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface SnapshotDiffRun {
  wallMs: number;
  writeMs: number;
  diffMs: number;
  peakRss: number;
  writerRss: number;
  diffRss: number;
  snapshotBytes: number;
  nodes: number;
  topClass: { name: string; sizeDelta: number; countDelta: number } | null;
}

export async function runSnapshotDiff(
  file: string,
  opts: { nodePath: string; rawDir: string; cwd: string },
): Promise<SnapshotDiffRun> {
  const dir = join(opts.rawDir, 'snapshots');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const writer = await runProcess(
      opts.nodePath,
      ['--expose-gc', join(here, 'snapshot-runner.mjs'), file, 'default', String(DEFAULTS.gcRounds), dir],
      {
        cwd: opts.cwd,
        timeoutMs: 1_800_000,
      },
    );
    if (writer.code !== 0) throw new Error(`snapshot runner failed: ${writer.output.slice(-1500)}`);
    const written = JSON.parse(readFileSync(join(dir, 'runner.json'), 'utf8')) as {
      before: string;
      after: string;
      maxRss: number;
    };
    const diffOut = join(dir, 'diff.json');
    // Big snapshots need more than the default old space to diff.
    const diff = await runProcess(
      opts.nodePath,
      ['--max-old-space-size=8192', join(here, 'snapshot-diff.mjs'), written.before, written.after, diffOut],
      {
        cwd: opts.cwd,
        timeoutMs: 1_800_000,
      },
    );
    if (diff.code !== 0) throw new Error(`snapshot diff failed: ${diff.output.slice(-1500)}`);
    const d = JSON.parse(readFileSync(diffOut, 'utf8')) as {
      nodesAfter: number;
      snapshotBytes: number;
      maxRss: number;
      top: { name: string; sizeDelta: number; countDelta: number }[];
    };
    return {
      wallMs: writer.wallMs + diff.wallMs,
      writeMs: writer.wallMs,
      diffMs: diff.wallMs,
      peakRss: Math.max(written.maxRss, d.maxRss),
      writerRss: written.maxRss,
      diffRss: d.maxRss,
      snapshotBytes: d.snapshotBytes,
      nodes: d.nodesAfter,
      topClass: d.top[0] ?? null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
