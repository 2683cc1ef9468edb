#!/usr/bin/env node
import { createRequire as __memgateCreateRequire } from 'node:module';
const require = __memgateCreateRequire(import.meta.url);
import {
  DEFAULTS,
  GROUP_BY_CHOICES,
  HEADLINE,
  PROFILER_CHOICES,
  TOOL_VERSION,
  UsageError,
  compareWithBase,
  countLine,
  elideInside,
  findComparison,
  formatBytes,
  formatChange,
  formatCount,
  formatPercent,
  overallStatus,
  parseChoice,
  parseIncreaseSetting,
  parsePositiveInt,
  parseReportText,
  parseSizeSetting,
  renderMarkdown,
  runPipeline,
  settingsMismatch,
  showsFunction,
  siteNoun,
  splitCallPath,
  terminalSafe,
  truncate,
  truncateStart,
  workloadStatus
} from "./chunks/chunk-WPTZJW4O.js";

// src/cli.ts
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/report/text.ts
var TEXT_WIDTH = 100;
var STACK_LINES = 50;
var FRAMES_SHOWN = 3;
var TRACEBACK_FRAMES_SHOWN = 10;
var PATH_INDENT = " ".repeat(20);
var WORD = { pass: "PASS", fail: "FAIL", error: "ERROR" };
function renderText(report, options = {}) {
  const comparison = options.comparison;
  const out = [];
  const n = report.workloads.length;
  out.push(
    `memgate ${terminalSafe(report.tool.version)} \xB7 ${n} workload${n === 1 ? "" : "s"} \xB7 grouped by ${report.settings.groupBy}${comparison ? " \xB7 compared with base" : ""}`
  );
  for (const w of report.workloads) {
    out.push("");
    out.push(...renderWorkload(report, w, findComparison(comparison, w.path)));
  }
  const missing = comparison?.workloads.filter((c) => c.status === "missing") ?? [];
  if (missing.length) {
    out.push("");
    out.push("In base but not measured in this run:");
    for (const c of missing) out.push(fit(`  ${terminalSafe(c.path)}`));
  }
  out.push("");
  const status = overallStatus(report, comparison);
  out.push(...wrap(`${WORD[status]}: ${HEADLINE[status]} (${countLine(report, comparison)})`, "", "  "));
  const ownReasons = new Set(report.workloads.flatMap((w) => w.verdict.reasons));
  for (const r of report.verdict.reasons.filter((r2) => !ownReasons.has(r2))) out.push(...wrap(terminalSafe(r), "  "));
  return out.join("\n") + "\n";
}
function renderWorkload(report, w, cmp) {
  const out = [];
  const status = workloadStatus(w, cmp);
  out.push(fit(`${WORD[status].padEnd(5)}  ${terminalSafe(w.path)}`, "start"));
  const p = w.profiler;
  const runtime = `${w.runtime.name} ${w.runtime.version}${w.runtime.engine ? ` (V8 ${w.runtime.engine})` : ""}`;
  const trials = `${w.iterations} iterations, ${w.trials} trial${w.trials === 1 ? "" : "s"}`;
  const sampling = p.samplingInterval === null ? "exact" : `${formatBytes(p.samplingInterval)} sampling`;
  const setup = terminalSafe(`${runtime} \xB7 ${p.backend}, ${sampling}, depth ${p.stackDepth}`);
  if (len(`       ${setup} \xB7 ${trials}`) <= TEXT_WIDTH) out.push(`       ${setup} \xB7 ${trials}`);
  else out.push(...wrap(setup, "       "), `       ${trials}`);
  const reasons = [...w.verdict.reasons, ...cmp?.reasons ?? []];
  if (w.error) {
    const e = w.error;
    const where2 = [e.phase ? `during ${e.phase}` : "", e.iteration !== void 0 ? `at iteration ${e.iteration}` : ""].filter(Boolean).join(" ");
    out.push(...wrap(terminalSafe(`workload failed: ${e.kind}${where2 ? ` ${where2}` : ""}`), "       "));
    for (const line of terminalSafe(e.message, true).split("\n")) out.push(...wrap(line, "       "));
    if (e.stack) {
      const lines = terminalSafe(e.stack, true).split("\n");
      for (const line of lines.slice(0, STACK_LINES)) out.push(fit(`         ${line}`));
      if (lines.length > STACK_LINES) out.push(`         \u2026 ${lines.length - STACK_LINES} more lines`);
    }
    if (e.lastMemory) {
      const m = e.lastMemory;
      out.push(`       last memory seen: heap ${formatBytes(m.heapUsed)}, external ${formatBytes(m.external)}, RSS ${formatBytes(m.rss)}`);
    }
    out.push("       memory not judged for this workload");
    return out;
  }
  for (const r of reasons) out.push(...wrap(`- ${terminalSafe(r)}`, "       ", "         "));
  if (status === "error") {
    out.push("       memory not judged for this workload");
    return out;
  }
  out.push("");
  const figure = (label, value, note = "") => fit(`       ${label.padEnd(18)}${value.padStart(11)}${note ? `  ${note}` : ""}`);
  const python = w.runtime.name === "python";
  out.push(figure(python ? "traced after" : "heap after", formatBytes(w.memory.after.heapUsed)));
  out.push(figure("retained heap", formatChange(w.retained.heap)));
  out.push(figure("external growth", formatChange(w.retained.external)));
  out.push(
    figure(
      "retained total",
      formatChange(w.retained.total),
      w.trials > 1 ? `(median of ${w.trials} trials, spread ${formatBytes(w.spread)})` : ""
    )
  );
  out.push(figure("peak RSS", formatBytes(w.memory.peakRss)));
  out.push(figure("leak rate", `${formatChange(w.leakRate.bytesPerIteration)}`, `per iteration (r\xB2 ${w.leakRate.r2.toFixed(2)})`));
  if (w.memory.traced) {
    if (!python) out.push(figure("traced current", formatBytes(w.memory.traced.current)));
    out.push(figure("traced peak", formatBytes(w.memory.traced.peak)));
  }
  if (cmp) out.push(...renderComparison(cmp));
  out.push("");
  out.push(...renderTop(report, w, cmp));
  return out;
}
function renderComparison(cmp) {
  if (cmp.status !== "compared") return cmp.reasons.length ? [] : ["", `       vs base: not compared (${cmp.status} workload)`];
  const row = (label, m, signed) => {
    if (!m) return null;
    const show = (n) => signed ? formatChange(n) : formatBytes(n);
    const pct = !signed && m.base > 0 ? ` (${formatPercent(m.change / m.base, { sign: true })})` : "";
    const limit = m.limit === null ? "\u2014" : `\u2264 ${formatBytes(m.limit)}`;
    return fit(
      `       ${label.padEnd(18)}${show(m.base).padStart(11)}${show(m.head).padStart(11)}${(formatChange(m.change) + pct).padStart(22)}${limit.padStart(13)}${m.regressed ? "  REGRESSED" : ""}`
    );
  };
  const lines = [
    row("retained total", cmp.retained, true),
    row("heap after", cmp.heapAfter, false),
    row("peak RSS", cmp.peakRss, false)
  ].filter((l) => l !== null);
  const header = `       ${"vs base".padEnd(18)}${"base".padStart(11)}${"head".padStart(11)}${"change".padStart(22)}${"limit".padStart(13)}`;
  return ["", header, ...lines];
}
function renderTop(report, w, cmp) {
  const groupBy = report.settings.groupBy;
  const noun = siteNoun(groupBy);
  if (w.top.length === 0) return [`       no ${noun} grew (${formatCount(w.totalSites)} sites)`];
  const out = [`       top ${w.top.length} of ${formatCount(w.totalSites)} ${noun} by growth:`];
  const newSites = new Set(cmp?.status === "compared" ? cmp.newSites : []);
  const shown = groupBy === "traceback" ? TRACEBACK_FRAMES_SHOWN : FRAMES_SHOWN;
  for (const t of w.top) {
    out.push(topLine(t, showsFunction(groupBy), w.profiler.countsObjects, newSites.has(t.key)));
    out.push(...pathLines(splitCallPath(t, groupBy), shown));
  }
  return out;
}
function frameText(f) {
  return terminalSafe(`${f.function || "(anonymous)"} ${where(f.file, f.line)}`);
}
function pathLines(path, shown) {
  const out = [];
  if (path.inside.length) {
    const { first, skipped, last } = elideInside(path.inside, shown);
    const items = [...first.map(frameText), ...skipped ? ["\u2026"] : [], ...last.map(frameText)];
    const label = "allocated in ";
    const indent = PATH_INDENT + " ".repeat(label.length);
    out.push(...packLine(items.map((item, i) => i === 0 ? `${label}${item}` : `\u2190 ${item}`), indent));
  }
  const callers = path.callers.slice(0, shown).map((f) => `\u2190 ${frameText(f)}`);
  if (path.callers.length > shown) callers.push("\u2190 \u2026");
  out.push(...packLine(callers));
  return out;
}
function packLine(items, rest = PATH_INDENT) {
  const lines = [];
  let current = PATH_INDENT;
  let empty = true;
  for (const item of items) {
    if (!empty && len(`${current}  ${item}`) > TEXT_WIDTH) {
      lines.push(fit(current));
      current = rest;
      empty = true;
    }
    current += empty ? item : `  ${item}`;
    empty = false;
  }
  if (!empty) lines.push(fit(current));
  return lines;
}
function where(file, line) {
  if (file === "") return "(unknown)";
  return line > 0 ? `${file}:${line}` : file;
}
function topLine(t, withFunction, countsObjects, isNew) {
  const size = `       ${formatChange(t.sizeDiff).padStart(11)}  `;
  const suffix = (countsObjects ? `  (${formatCount(t.countDiff, { sign: true })} objects)` : "") + (isNew ? "  [new]" : "");
  let loc = terminalSafe(where(t.file, t.line));
  const room = TEXT_WIDTH - size.length - suffix.length - 2;
  if (!withFunction) return fit(`${size}${truncateStart(loc, Math.max(8, room + 2))}${suffix}`);
  let fn = terminalSafe(t.function || "(anonymous)");
  if (len(loc) + len(fn) > room) {
    const locWant = Math.min(len(loc), Math.max(24, room - len(fn)));
    fn = truncate(fn, Math.max(16, room - locWant));
    loc = truncateStart(loc, Math.max(8, room - len(fn)));
  }
  return fit(`${size}${loc}  ${fn}${suffix}`);
}
function len(text) {
  return Array.from(text).length;
}
function fit(line, keep = "end") {
  if (len(line) <= TEXT_WIDTH) return line;
  if (keep === "end") return truncate(line, TEXT_WIDTH);
  const match = /^(\S+\s+)(.*)$/.exec(line);
  if (!match) return truncate(line, TEXT_WIDTH);
  return match[1] + truncateStart(match[2], TEXT_WIDTH - len(match[1]));
}
function wrap(text, first, rest = first) {
  const lines = [];
  let current = first;
  let empty = true;
  for (const word of text.split(/ +/)) {
    if (word === "") continue;
    const sep = empty ? "" : " ";
    if (!empty && len(current) + 1 + len(word) > TEXT_WIDTH) {
      lines.push(current);
      current = rest;
      empty = true;
    }
    let piece = (empty ? "" : sep) + word;
    while (len(current) + len(piece) > TEXT_WIDTH) {
      const points = Array.from(piece);
      const take = Math.max(1, TEXT_WIDTH - len(current));
      lines.push(current + points.slice(0, take).join(""));
      current = rest;
      piece = points.slice(take).join("");
    }
    current += piece;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(current);
  return lines;
}

// src/cli.ts
var USAGE = `memgate ${TOOL_VERSION}: name the lines whose retained memory grows, and gate on it.

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
var FORMATS = ["text", "markdown", "json"];
function print(report, format) {
  if (format === "json") process.stdout.write(`${JSON.stringify(report, null, 2)}
`);
  else if (format === "markdown") process.stdout.write(`${renderMarkdown(report)}
`);
  else process.stdout.write(`${renderText(report)}
`);
}
async function run(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      iterations: { type: "string" },
      json: { type: "string" },
      "out-dir": { type: "string" },
      format: { type: "string", default: "text" },
      top: { type: "string" },
      "group-by": { type: "string", default: DEFAULTS.groupBy },
      include: { type: "string", multiple: true, default: [] },
      exclude: { type: "string", multiple: true, default: [] },
      "max-retained": { type: "string" },
      "max-heap": { type: "string" },
      "max-rss": { type: "string" },
      profiler: { type: "string", default: "inspector" },
      "sampling-interval": { type: "string" },
      "stack-depth": { type: "string" },
      trials: { type: "string" },
      timeout: { type: "string" },
      node: { type: "string" },
      python: { type: "string" }
    }
  });
  if (positionals.length === 0) throw new UsageError("memgate run: no workload given (e.g. memgate run bench/leak.mjs)");
  const format = parseChoice("--format", values.format, FORMATS);
  const cwd = process.cwd();
  const outDir = resolve(values["out-dir"] ?? ".memgate");
  const { report, reportPath } = await runPipeline({
    patterns: positionals,
    cwd,
    iterations: values.iterations === void 0 ? null : parsePositiveInt("--iterations", values.iterations, "50"),
    groupBy: parseChoice("--group-by", values["group-by"], GROUP_BY_CHOICES),
    top: values.top === void 0 ? DEFAULTS.top : parsePositiveInt("--top", values.top, "10"),
    include: values.include,
    exclude: values.exclude,
    ceilings: {
      maxRetained: parseSizeSetting("--max-retained", values["max-retained"]),
      maxHeap: parseSizeSetting("--max-heap", values["max-heap"]),
      maxRss: parseSizeSetting("--max-rss", values["max-rss"])
    },
    profiler: parseChoice("--profiler", values.profiler, PROFILER_CHOICES),
    samplingInterval: values["sampling-interval"] === void 0 ? DEFAULTS.samplingInterval : parsePositiveInt("--sampling-interval", values["sampling-interval"], "4096"),
    stackDepth: values["stack-depth"] === void 0 ? DEFAULTS.stackDepth : parsePositiveInt("--stack-depth", values["stack-depth"], "32"),
    trials: values.trials === void 0 ? DEFAULTS.trials : parsePositiveInt("--trials", values.trials, "3"),
    timeoutSeconds: values.timeout === void 0 ? DEFAULTS.timeoutSeconds : parsePositiveInt("--timeout", values.timeout, "300"),
    nodePath: values.node ?? process.execPath,
    ...values.python ? { pythonPath: values.python } : {},
    outDir,
    onProgress: (message) => process.stderr.write(`memgate: ${message}
`)
  });
  if (values.json) {
    mkdirSync(dirname(resolve(values.json)), { recursive: true });
    copyFileSync(reportPath, resolve(values.json));
  }
  print(report, format);
  if (report.workloads.some((w) => w.verdict.status === "error")) return 2;
  return report.verdict.status === "fail" ? 1 : 0;
}
function readReport(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read report ${path}: ${err.code ?? err.message}`);
  }
  try {
    return parseReportText(text, path);
  } catch (err) {
    throw new UsageError(err.message);
  }
}
async function compare(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "max-increase": { type: "string" }, format: { type: "string", default: "text" } }
  });
  if (positionals.length !== 2) throw new UsageError("memgate compare: expected two reports, e.g. memgate compare base.json head.json");
  const format = parseChoice("--format", values.format, FORMATS);
  const [base, head] = [readReport(positionals[0]), readReport(positionals[1])];
  const mismatch = settingsMismatch(base, head);
  if (mismatch) throw new UsageError(`memgate compare: the reports were not measured alike (${mismatch}); measure both with the same settings`);
  const comparison = compareWithBase(base.workloads, head.workloads, parseIncreaseSetting("--max-increase", values["max-increase"]));
  if (format === "json") process.stdout.write(`${JSON.stringify(comparison, null, 2)}
`);
  else if (format === "markdown") {
    const base$ = { comparison, sha: base.git?.sha ?? positionals[0], createdAt: base.createdAt };
    process.stdout.write(`${renderMarkdown(head, { base: base$ })}
`);
  } else process.stdout.write(`${renderText(head, { comparison })}
`);
  return comparison.regressed ? 1 : 0;
}
async function main(argv) {
  const [command, ...rest] = argv;
  try {
    if (command === "run") return await run(rest);
    if (command === "compare") return await compare(rest);
    if (command === "--version" || command === "-v") {
      process.stdout.write(`${TOOL_VERSION}
`);
      return 0;
    }
    if (command === void 0 || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(`${USAGE}
`);
      return command === void 0 ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}": expected "run" or "compare"`);
  } catch (err) {
    const code = err.code;
    if (err instanceof UsageError || code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`memgate: ${err.message}
`);
      return 2;
    }
    process.stderr.write(`memgate: internal error: ${err.stack ?? String(err)}
`);
    return 2;
  }
}
process.exitCode = await main(process.argv.slice(2));
export {
  main
};
