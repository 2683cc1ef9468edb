/** `memgate compare <base.json> <head.json>`: exit 1 when the head regressed against the base. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareWithBase, settingsMismatch } from '../analysis/base-compare.ts';
import { UsageError } from '../errors.ts';
import { renderMarkdown } from '../report/markdown.ts';
import type { Report } from '../report/schema.ts';
import { renderText } from '../report/text.ts';
import { parseCommandArgs } from './args.ts';
import type { CliIo } from './io.ts';
import { commandUsage } from './usage.ts';

/** A report file, validated; any problem is a usage error (exit 2) naming the file. */
export async function readReport(path: string, cwd: string): Promise<Report> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError(`cannot read report ${path}: ${reason}`, { cause: err });
  }
  // Loaded here, not at start-up: zod is most of the CLI's load time, and `memgate run` never needs it.
  const { parseReportText } = await import('../report/schema.ts');
  try {
    return parseReportText(text, path);
  } catch (err) {
    throw new UsageError((err as Error).message, { cause: err });
  }
}

export async function compareCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommandArgs('compare', args);
  if (help) {
    io.stdout(`${commandUsage('compare')}\n`);
    return 0;
  }
  const [basePath, headPath, ...extra] = positionals;
  if (basePath === undefined || headPath === undefined || extra.length > 0) {
    throw new UsageError('expected two reports, e.g. memgate compare base.json head.json');
  }
  const [base, head] = [await readReport(basePath, io.cwd), await readReport(headPath, io.cwd)];
  const mismatch = settingsMismatch(base, head);
  if (mismatch) {
    throw new UsageError(`the reports were not measured alike (${mismatch}); measure both with the same settings`);
  }
  const comparison = compareWithBase(base.workloads, head.workloads, values.maxIncrease);
  if (values.format === 'json') io.stdout(`${JSON.stringify(comparison, null, 2)}\n`);
  else if (values.format === 'markdown') {
    const against = { comparison, sha: base.git?.sha ?? basePath, createdAt: base.createdAt };
    io.stdout(`${renderMarkdown(head, { base: against })}\n`);
  } else io.stdout(`${renderText(head, { comparison })}\n`);
  return comparison.regressed ? 1 : 0;
}
