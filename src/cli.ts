#!/usr/bin/env node
/**
 * The local front door: `memgate run` and `memgate compare`. Same pipeline and renderers as the Action.
 * Exit codes: 0 every gate passed, 1 a gate failed or the head regressed, 2 usage, configuration or workload error.
 * Progress goes to stderr so that stdout stays clean for `--format json`.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareWithBase, settingsMismatch } from './analysis/base-compare.ts';
import { DEFAULTS } from './analysis/defaults.ts';
import { UsageError } from './errors.ts';
import { GROUP_BY_CHOICES, PROFILER_CHOICES, parseChoice, parseIncreaseSetting, parsePositiveInt, parseSizeSetting } from './options.ts';
import { runPipeline } from './pipeline.ts';
import { renderMarkdown } from './report/markdown.ts';
import { parseReportText, type Report } from './report/schema.ts';
import { renderText } from './report/text.ts';
import { TOOL_VERSION } from './version.ts';

const USAGE = `memgate ${TOOL_VERSION}: name the lines whose retained memory grows, and gate on it.

Usage:
  memgate run <workload...> [options]     measure workloads (.mjs .js .cjs .ts .mts .cts .py, or globs)
  memgate compare <base.json> <head.json> [--max-increase 10%] [--format text|markdown|json]

Options for run:
  --iterations N            calls per pass (default: the workload's options.iterations, else ${DEFAULTS.iterations})
  --format text|markdown|json   what to print on stdout (default text)
  --json FILE               also write the JSON report to FILE
  --out-dir DIR             where report.json and profiles/*.heapprofile go (default .memgate)
  --top N                   rows per workload (default ${DEFAULTS.top})
  --group-by line|file|traceback   (default ${DEFAULTS.groupBy})
  --include GLOB            only sites in matching files (repeatable)
  --exclude GLOB            drop sites in matching files (repeatable)
  --max-retained SIZE       fail when growth over pass 2 (heap + external) exceeds SIZE, e.g. 512KB
  --max-heap SIZE           fail when heap used after pass 2 exceeds SIZE
  --max-rss SIZE            fail when peak RSS exceeds SIZE
  --profiler inspector|v8-profiler-next   Node heap sampler (default inspector)
  --sampling-interval BYTES mean bytes between heap samples (default ${DEFAULTS.samplingInterval})
  --stack-depth N           frames kept per sample (default ${DEFAULTS.stackDepth})
  --trials N                fresh-process trials per workload, median reported (default ${DEFAULTS.trials})
  --timeout SECONDS         per workload process (default ${DEFAULTS.timeoutSeconds})
  --node PATH / --python PATH   interpreters (default: the node running memgate, python3 from PATH)

Exit codes: 0 pass, 1 a gate failed, 2 usage, configuration or workload error.`;

const FORMATS = ['text', 'markdown', 'json'] as const;

function print(report: Report, format: (typeof FORMATS)[number]): void {
  if (format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'markdown') process.stdout.write(`${renderMarkdown(report)}\n`);
  else process.stdout.write(`${renderText(report)}\n`);
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      iterations: { type: 'string' },
      json: { type: 'string' },
      'out-dir': { type: 'string' },
      format: { type: 'string', default: 'text' },
      top: { type: 'string' },
      'group-by': { type: 'string', default: DEFAULTS.groupBy },
      include: { type: 'string', multiple: true, default: [] },
      exclude: { type: 'string', multiple: true, default: [] },
      'max-retained': { type: 'string' },
      'max-heap': { type: 'string' },
      'max-rss': { type: 'string' },
      profiler: { type: 'string', default: 'inspector' },
      'sampling-interval': { type: 'string' },
      'stack-depth': { type: 'string' },
      trials: { type: 'string' },
      timeout: { type: 'string' },
      node: { type: 'string' },
      python: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('memgate run: no workload given (e.g. memgate run bench/leak.mjs)');
  const format = parseChoice('--format', values.format, FORMATS);
  const cwd = process.cwd();
  const outDir = resolve(values['out-dir'] ?? '.memgate');
  const { report, reportPath } = await runPipeline({
    patterns: positionals,
    cwd,
    iterations: values.iterations === undefined ? null : parsePositiveInt('--iterations', values.iterations, '50'),
    groupBy: parseChoice('--group-by', values['group-by'], GROUP_BY_CHOICES),
    top: values.top === undefined ? DEFAULTS.top : parsePositiveInt('--top', values.top, '10'),
    include: values.include,
    exclude: values.exclude,
    ceilings: {
      maxRetained: parseSizeSetting('--max-retained', values['max-retained']),
      maxHeap: parseSizeSetting('--max-heap', values['max-heap']),
      maxRss: parseSizeSetting('--max-rss', values['max-rss']),
    },
    profiler: parseChoice('--profiler', values.profiler, PROFILER_CHOICES),
    samplingInterval: values['sampling-interval'] === undefined ? DEFAULTS.samplingInterval : parsePositiveInt('--sampling-interval', values['sampling-interval'], '4096'),
    stackDepth: values['stack-depth'] === undefined ? DEFAULTS.stackDepth : parsePositiveInt('--stack-depth', values['stack-depth'], '32'),
    trials: values.trials === undefined ? DEFAULTS.trials : parsePositiveInt('--trials', values.trials, '3'),
    timeoutSeconds: values.timeout === undefined ? DEFAULTS.timeoutSeconds : parsePositiveInt('--timeout', values.timeout, '300'),
    nodePath: values.node ?? process.execPath,
    ...(values.python ? { pythonPath: values.python } : {}),
    outDir,
    onProgress: (message) => process.stderr.write(`memgate: ${message}\n`),
  });
  if (values.json) {
    mkdirSync(dirname(resolve(values.json)), { recursive: true });
    copyFileSync(reportPath, resolve(values.json));
  }
  print(report, format);
  // A workload that could not be measured was not judged: that is exit 2 even when another one failed.
  if (report.workloads.some((w) => w.verdict.status === 'error')) return 2;
  return report.verdict.status === 'fail' ? 1 : 0;
}

function readReport(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read report ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return parseReportText(text, path);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function compare(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'max-increase': { type: 'string' }, format: { type: 'string', default: 'text' } },
  });
  if (positionals.length !== 2) throw new UsageError('memgate compare: expected two reports, e.g. memgate compare base.json head.json');
  const format = parseChoice('--format', values.format, FORMATS);
  const [base, head] = [readReport(positionals[0]!), readReport(positionals[1]!)];
  const mismatch = settingsMismatch(base, head);
  if (mismatch) throw new UsageError(`memgate compare: the reports were not measured alike (${mismatch}); measure both with the same settings`);
  const comparison = compareWithBase(base.workloads, head.workloads, parseIncreaseSetting('--max-increase', values['max-increase']));
  if (format === 'json') process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
  else if (format === 'markdown') {
    const base$ = { comparison, sha: base.git?.sha ?? positionals[0]!, createdAt: base.createdAt };
    process.stdout.write(`${renderMarkdown(head, { base: base$ })}\n`);
  } else process.stdout.write(`${renderText(head, { comparison })}\n`);
  return comparison.regressed ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'run') return await run(rest);
    if (command === 'compare') return await compare(rest);
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${TOOL_VERSION}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}": expected "run" or "compare"`);
  } catch (err) {
    // parseArgs reports unknown flags and missing values with a `code` of ERR_PARSE_ARGS_*.
    const code = (err as NodeJS.ErrnoException).code;
    if (err instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`memgate: ${(err as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`memgate: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
