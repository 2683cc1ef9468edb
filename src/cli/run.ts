/** `memgate run <workload...>`: measure, print the report, exit 0 (pass), 1 (a gate failed) or 2 (a workload could not run). */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { compareWithBase, settingsMismatch } from '../analysis/base-compare.ts';
import { applyLeakPolicy } from '../base-policy.ts';
import { runPipeline, writeReport } from '../pipeline.ts';
import { pipelineSettings } from '../settings.ts';
import { parseCommandArgs } from './args.ts';
import type { CliIo } from './io.ts';
import { readReport } from './compare.ts';
import { formatReport, type Against } from './print.ts';
import { commandUsage } from './usage.ts';

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommandArgs('run', args);
  if (help) {
    io.stdout(`${commandUsage('run')}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no workload given, e.g. memgate run bench/leak.mjs');
  if (values.maxIncrease !== null && values.base === undefined) {
    throw new UsageError('--max-increase compares with a base report: give --base FILE too (or use memgate compare)');
  }
  // A bad base report is known before anything is measured.
  const base = values.base === undefined ? undefined : await readReport(values.base, io.cwd);
  const settings = pipelineSettings(values);
  const outDir = resolve(io.cwd, values.outDir);
  const measured = await runPipeline({
    ...settings,
    // Without --node, the Node that runs memgate (the Action instead uses the node on PATH).
    nodePath: settings.nodePath ?? process.execPath,
    patterns: positionals,
    cwd: io.cwd,
    // A CLI runs what it is pointed at (../other/perf.mjs, absolute paths); the Action keeps to its workspace.
    workloadsOutsideCwd: true,
    outDir,
    onProgress: (message) => io.stderr(`memgate: ${message}\n`),
  });
  let { report } = measured;
  let against: Against | undefined;
  if (base && values.base !== undefined) {
    const mismatch = settingsMismatch(base, report);
    if (mismatch)
      throw new UsageError(
        `--base ${values.base} was not measured like this run (${mismatch}); measure both with the same settings`,
      );
    const comparison = compareWithBase(base.workloads, report.workloads, values.maxIncrease);
    const label = base.git?.ref ? base.git.ref.replace(/^refs\/heads\//, '') : values.base;
    report = applyLeakPolicy(report, comparison, values.leakPolicy, label);
    writeReport(report, outDir);
    against = { comparison, label, createdAt: base.createdAt };
  }
  if (values.json) {
    const target = resolve(io.cwd, values.json);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(measured.reportPath, target);
  }
  io.stdout(formatReport(report, values.format, against));
  const failed = report.verdict.status === 'fail' || against?.comparison.regressed === true;
  // A workload that could not be measured was not judged: that is exit 2 even when another one failed, and the
  // report's FAIL headline then needs saying why the exit code is not 1.
  const unmeasured = report.workloads.filter((w) => w.verdict.status === 'error').length;
  if (unmeasured > 0) {
    if (failed) {
      io.stderr(
        `memgate: exit 2: ${unmeasured} workload${unmeasured === 1 ? '' : 's'} could not run; the gate failed on the others too (exit 1 once every workload runs)\n`,
      );
    }
    return 2;
  }
  return failed ? 1 : 0;
}
