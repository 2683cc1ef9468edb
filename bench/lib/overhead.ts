/** The baseline for overhead ratios: the plain two-pass runner (no probe, no profiler) in the same runtime. */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from '../../src/analysis/defaults.ts';
import { runProcess } from './proc.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface PlainRun {
  wallMs: number;
  maxRss: number;
  pass1Ms: number;
  pass2Ms: number;
  /** In-process parts (the big-heap breakdown): ms from process start to the runner's first line, setup, forced GCs. */
  startupMs?: number;
  setupMs?: number;
  collectMs?: number;
  gcs?: number;
}

export async function runPlain(
  file: string,
  iterations: number,
  runtime: 'node' | 'python',
  opts: { nodePath: string; pythonPath: string; rawDir: string; cwd: string },
): Promise<PlainRun> {
  mkdirSync(opts.rawDir, { recursive: true });
  const out = join(opts.rawDir, `plain-${process.pid}.json`);
  rmSync(out, { force: true });
  const [command, args] =
    runtime === 'python'
      ? [opts.pythonPath, [join(here, 'plain_runner.py'), file, String(iterations), String(DEFAULTS.gcRounds), out]]
      : [
          opts.nodePath,
          ['--expose-gc', join(here, 'plain-runner.mjs'), file, String(iterations), String(DEFAULTS.gcRounds), out],
        ];
  const proc = await runProcess(command, args, { cwd: opts.cwd, timeoutMs: 600_000 });
  if (proc.code !== 0)
    throw new Error(`plain run of ${file} failed (${proc.code ?? proc.signal}): ${proc.output.slice(-1500)}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as Omit<PlainRun, 'wallMs'>;
  return { ...result, wallMs: proc.wallMs };
}

export const NOOP_WORKLOAD = join(here, 'noop-workload.mjs');
