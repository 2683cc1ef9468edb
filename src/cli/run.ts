/** `memgate run <workload...>`: measure, print the report, exit 0 (pass), 1 (a gate failed) or 2 (a workload could not run). */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { runPipeline } from '../pipeline.ts';
import { pipelineSettings } from '../settings.ts';
import { parseCommandArgs } from './args.ts';
import type { CliIo } from './io.ts';
import { formatReport } from './print.ts';
import { commandUsage } from './usage.ts';

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommandArgs('run', args);
  if (help) {
    io.stdout(`${commandUsage('run')}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no workload given, e.g. memgate run bench/leak.mjs');
  const settings = pipelineSettings(values);
  const { report, reportPath } = await runPipeline({
    ...settings,
    // Without --node, the Node that runs memgate (the Action instead uses the node on PATH).
    nodePath: settings.nodePath ?? process.execPath,
    patterns: positionals,
    cwd: io.cwd,
    outDir: resolve(io.cwd, values.outDir),
    onProgress: (message) => io.stderr(`memgate: ${message}\n`),
  });
  if (values.json) {
    const target = resolve(io.cwd, values.json);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(reportPath, target);
  }
  io.stdout(formatReport(report, values.format));
  // A workload that could not be measured was not judged: that is exit 2 even when another one failed.
  if (report.workloads.some((w) => w.verdict.status === 'error')) return 2;
  return report.verdict.status === 'fail' ? 1 : 0;
}
