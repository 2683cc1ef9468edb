/** Head's CLI against the reference's on one scenario: alternating fresh-process runs, medians, ratio. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from './corpus.ts';
import { median } from './proc.ts';
import { runCli, type CliRun } from './reference.ts';

export interface SideBySide {
  scenario: string;
  head: CliRun[];
  ref: CliRun[];
  headMs: number;
  refMs: number;
  /** head / reference, median wall times. */
  ratio: number;
}

export interface SideOptions {
  repoDir: string;
  rawDir: string;
  nodePath: string;
  pythonPath: string;
  headCli: string;
  refCli: string;
}

/** A concurrent `npm run build` empties dist/ for a moment (shared checkouts only): wait for it. */
async function waitForCli(cli: string): Promise<void> {
  for (let i = 0; i < 30 && !existsSync(cli); i++) await new Promise((resolve) => setTimeout(resolve, 2000));
}

export async function sideBySide(scenario: Scenario, pairs: number, opts: SideOptions): Promise<SideBySide> {
  const head: CliRun[] = [];
  const ref: CliRun[] = [];
  const outDir = join(opts.rawDir, 'side-by-side');
  const one = async (cli: string): Promise<CliRun> => {
    await waitForCli(cli);
    return runCli(cli, scenario.file, {
      repoDir: opts.repoDir,
      nodePath: opts.nodePath,
      pythonPath: opts.pythonPath,
      outDir,
    });
  };
  for (let i = 0; i < pairs; i++) {
    // Alternate which goes first, so that a slow start or a warm cache favours neither side.
    if (i % 2 === 0) {
      ref.push(await one(opts.refCli));
      head.push(await one(opts.headCli));
    } else {
      head.push(await one(opts.headCli));
      ref.push(await one(opts.refCli));
    }
  }
  const headMs = median(head.filter((r) => r.status !== 'error').map((r) => r.wallMs));
  const refMs = median(ref.filter((r) => r.status !== 'error').map((r) => r.wallMs));
  return { scenario: scenario.name, head, ref, headMs, refMs, ratio: headMs / refMs };
}
