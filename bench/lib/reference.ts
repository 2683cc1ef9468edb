/**
 * Today's memgate, side by side: a git worktree of a reference revision (default b0991d4, before issue 10),
 * built once into a temp dir outside the repo, and both CLIs timed on the same scenario alternately, each
 * run a fresh `node dist/cli.js run … --format json` process.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Row } from './fidelity.ts';
import { runProcess } from './proc.ts';

export const DEFAULT_REFERENCE = 'b0991d4';

export interface Reference {
  rev: string;
  commit: string;
  dir: string;
  cli: string;
}

const git = (repoDir: string, args: string[]): string =>
  execFileSync('git', ['-C', repoDir, ...args], { encoding: 'utf8' }).trim();

/** Creates (or reuses) /tmp/memgate-ref-<rev>: a detached worktree, the repo's node_modules linked in, dist/ built. */
export function prepareReference(repoDir: string, rev: string, log: (line: string) => void): Reference {
  const commit = git(repoDir, ['rev-parse', '--verify', `${rev}^{commit}`]);
  const dir = join(tmpdir(), `memgate-ref-${commit.slice(0, 12)}`);
  const cli = join(dir, 'dist', 'cli.js');
  const stamp = join(dir, 'dist', '.bench-built');
  if (existsSync(stamp) && git(dir, ['rev-parse', 'HEAD']) === commit) return { rev, commit, dir, cli };
  if (existsSync(dir)) {
    // A half-made worktree from an interrupted run: drop it and its registration.
    rmSync(dir, { recursive: true, force: true });
    git(repoDir, ['worktree', 'prune']);
  }
  log(`reference ${rev} (${commit.slice(0, 12)}): worktree in ${dir}, building…`);
  git(repoDir, ['worktree', 'add', '--detach', dir, commit]);
  symlinkSync(join(repoDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'inherit' });
  execFileSync('touch', [stamp]);
  return { rev, commit, dir, cli };
}

export interface CliRun {
  wallMs: number;
  status: 'pass' | 'fail' | 'error';
  reasons: string[];
  top: Row[];
  peakRss: number;
  /** workloads[0] of the report, untyped: its fields differ between revisions. */
  workload: Record<string, unknown> | null;
}

interface ReportShape {
  workloads: {
    verdict: { status: 'pass' | 'fail' | 'error'; reasons: string[] };
    top: Row[];
    memory: { peakRss: number };
  }[];
}

/** One `memgate run` of one workload through a built CLI, in a fresh process; the report read back. */
export async function runCli(
  cli: string,
  file: string,
  opts: { repoDir: string; nodePath: string; pythonPath: string; outDir: string; timeoutMs?: number },
): Promise<CliRun> {
  rmSync(opts.outDir, { recursive: true, force: true });
  mkdirSync(opts.outDir, { recursive: true });
  // --node: the measured runtime is the bench's, whichever node runs the CLI.
  const args = [
    cli,
    'run',
    relative(opts.repoDir, file),
    '--format',
    'json',
    '--out-dir',
    opts.outDir,
    '--node',
    opts.nodePath,
    '--python',
    opts.pythonPath,
  ];
  const proc = await runProcess(opts.nodePath, args, { cwd: opts.repoDir, timeoutMs: opts.timeoutMs ?? 900_000 });
  const reportPath = join(opts.outDir, 'report.json');
  if (!existsSync(reportPath)) {
    return {
      wallMs: proc.wallMs,
      status: 'error',
      reasons: [`exit ${proc.code ?? proc.signal}: ${proc.output.slice(-500)}`],
      top: [],
      peakRss: 0,
      workload: null,
    };
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ReportShape;
  const w = report.workloads[0];
  if (!w)
    return { wallMs: proc.wallMs, status: 'error', reasons: ['empty report'], top: [], peakRss: 0, workload: null };
  return {
    wallMs: proc.wallMs,
    status: w.verdict.status,
    reasons: w.verdict.reasons,
    top: w.top.map((r) => ({ file: r.file, line: r.line, function: r.function, sizeDiff: r.sizeDiff })),
    peakRss: w.memory.peakRss,
    workload: w as unknown as Record<string, unknown>,
  };
}
