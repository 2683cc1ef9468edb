import { createRequire as __memgateCreateRequire } from 'node:module';
const require = __memgateCreateRequire(import.meta.url);
import {
  CLI_COMMANDS,
  TOOL_VERSION,
  UsageError,
  applyLeakPolicy,
  ceilingsShown,
  compareWithBase,
  countLine,
  defaultHelpOf,
  describeCeiling,
  describeFailure,
  describeLastMemory,
  describeLeakRate,
  describeRuntime,
  elideInside,
  filterNote,
  findComparison,
  flagsOf,
  formatBytes,
  formatChange,
  formatCount,
  formatPercent,
  headlineText,
  overallStatus,
  pipelineSettings,
  readSettings,
  renderMarkdown,
  retainedByPath,
  retainerStepParts,
  retainersNote,
  runPipeline,
  settingsMismatch,
  showsFunction,
  siteNoun,
  sitesWindow,
  splitCallPath,
  terminalSafe,
  truncate,
  truncateStart,
  workloadStatus,
  writeReport
} from "./chunk-DVDIQYEP.js";
import "./chunk-GBWSL4VK.js";
import "./chunk-ULTV3Q2T.js";

// src/cli/compare.ts
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

// src/report/text.ts
var TEXT_WIDTH = 100;
var STACK_LINES = 50;
var FRAMES_SHOWN = 3;
var TRACEBACK_FRAMES_SHOWN = 10;
var PATH_INDENT = " ".repeat(20);
var RETAINER_PATHS_SHOWN = 3;
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
  out.push(
    ...wrap(`${WORD[status]}: ${headlineText(report, comparison)} (${countLine(report, comparison)})`, "", "  ")
  );
  const ownReasons = new Set(report.workloads.flatMap((w) => w.verdict.reasons));
  for (const r of report.verdict.reasons.filter((r2) => !ownReasons.has(r2))) out.push(...wrap(terminalSafe(r), "  "));
  return out.join("\n") + "\n";
}
function renderWorkload(report, w, cmp) {
  const out = [];
  const status = workloadStatus(w, cmp);
  out.push(fit(`${WORD[status].padEnd(5)}  ${terminalSafe(w.path)}`, "start"));
  const p = w.profiler;
  const runtime = describeRuntime(w.runtime);
  const trials = `${w.iterations > 0 ? `${w.iterations} iterations, ` : ""}${w.trials} trial${w.trials === 1 ? "" : "s"}`;
  const sampling = p.samplingInterval === null ? "exact" : `${formatBytes(p.samplingInterval)} sampling`;
  const setup = terminalSafe(`${runtime} \xB7 ${p.backend}, ${sampling}, depth ${p.stackDepth}`);
  if (len(`       ${setup} \xB7 ${trials}`) <= TEXT_WIDTH) out.push(`       ${setup} \xB7 ${trials}`);
  else out.push(...wrap(setup, "       "), `       ${trials}`);
  const reasons = [...w.verdict.reasons, ...cmp?.reasons ?? []];
  if (w.error) {
    const e = w.error;
    out.push(...wrap(terminalSafe(`the workload ${describeFailure(e)}`), "       "));
    for (const line of terminalSafe(e.message, true).split("\n")) out.push(...wrap(line, "       "));
    if (e.stack) {
      const lines = terminalSafe(e.stack, true).split("\n");
      for (const line of lines.slice(0, STACK_LINES)) out.push(fit(`         ${line}`));
      if (lines.length > STACK_LINES) out.push(`         \u2026 ${lines.length - STACK_LINES} more lines`);
    }
    if (e.lastMemory) out.push(`       last memory seen: ${describeLastMemory(w, e.lastMemory)}`);
    out.push("       memory not judged for this workload");
    return out;
  }
  for (const r of reasons) out.push(...wrap(`- ${terminalSafe(r)}`, "       ", "         "));
  for (const h of w.hints ?? []) out.push(...wrap(`hint: ${terminalSafe(h)}`, "       ", "             "));
  if (status === "error") {
    out.push("       memory not judged for this workload");
    return out;
  }
  out.push("");
  const figure = (label, value, note2 = "") => fit(`       ${label.padEnd(18)}${value.padStart(11)}${note2 ? `  ${note2}` : ""}`);
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
  const rate = describeLeakRate(w);
  if (rate)
    out.push(...wrap(terminalSafe(rate.phrase), `${figure("leak rate", formatChange(rate.rate))}  `, " ".repeat(38)));
  else
    out.push(
      figure(
        "leak rate",
        `${formatChange(w.leakRate.bytesPerIteration)}`,
        `per iteration (r\xB2 ${w.leakRate.r2.toFixed(2)})`
      )
    );
  if (w.memory.traced) {
    if (!python) out.push(figure("traced current", formatBytes(w.memory.traced.current)));
    out.push(figure("traced peak", formatBytes(w.memory.traced.peak)));
  }
  for (const c of ceilingsShown(report, w))
    out.push(...wrap(describeCeiling(c), `       ${"ceiling".padEnd(18)}`, " ".repeat(25)));
  if (cmp) out.push(...renderComparison(cmp));
  out.push("");
  out.push(...renderTop(report, w, cmp));
  const note = retainersNote(w, status);
  if (note) out.push(...wrap(terminalSafe(note), "       ", "         "));
  return out;
}
function renderComparison(cmp) {
  if (cmp.status !== "compared")
    return cmp.reasons.length ? [] : ["", `       vs base: not compared (${cmp.status} workload)`];
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
  const filtered = filterNote(report.settings, w);
  const note = filtered ? wrap(terminalSafe(filtered), "       ", "         ") : [];
  if (w.top.length === 0) return filtered ? note : [`       no ${noun} grew (${formatCount(w.totalSites)} sites)`];
  const window = sitesWindow(w);
  const out = [
    ...note,
    fit(`       top ${w.top.length} of ${formatCount(w.totalSites)} ${noun} by growth${window ? ` (${window})` : ""}:`)
  ];
  const newSites = new Set(cmp?.status === "compared" ? cmp.newSites : []);
  const shown = groupBy === "traceback" ? TRACEBACK_FRAMES_SHOWN : FRAMES_SHOWN;
  for (const t of w.top) {
    out.push(topLine(t, showsFunction(groupBy), w.profiler.countsObjects, newSites.has(t.key)));
    out.push(...pathLines(splitCallPath(t, groupBy), shown));
    out.push(...retainerLines(t));
  }
  return out;
}
function retainerLines(t) {
  const paths = t.retainers ?? [];
  const out = [];
  for (const [i, p] of paths.slice(0, RETAINER_PATHS_SHOWN).entries()) {
    const label = i === 0 ? "held by " : "also by ";
    const steps = p.path.map((step) => {
      const { name, kind, file, line } = retainerStepParts(step);
      return terminalSafe(`${name} (${kind}${file !== void 0 ? `, ${where(file, line ?? 0)}` : ""})`);
    });
    const items = [...steps.map((step, k) => k === 0 ? `${label}${step}` : `\u2192 ${step}`), `\xB7 ${retainedByPath(p)}`];
    out.push(...packLine(items, PATH_INDENT + " ".repeat(label.length)));
  }
  if (paths.length > RETAINER_PATHS_SHOWN)
    out.push(fit(`${PATH_INDENT}\u2026 ${paths.length - RETAINER_PATHS_SHOWN} more paths in the JSON report`));
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
    out.push(
      ...packLine(
        items.map((item, i) => i === 0 ? `${label}${item}` : `\u2190 ${item}`),
        indent
      )
    );
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
  for (const word of text.split(/(?<!\d) +| +(?!(?:[KMGT]i)?B\b)/)) {
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

// src/cli/args.ts
import { parseArgs } from "node:util";

// src/cli/suggest.ts
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
function closest(word, candidates) {
  const typed = word.toLowerCase();
  let best;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (best && best.distance <= Math.min(2, Math.ceil(typed.length / 3))) return best.candidate;
  const prefixed = candidates.filter((c) => typed.length >= 3 && c.startsWith(typed));
  return prefixed.length === 1 ? prefixed[0] : void 0;
}

// src/cli/args.ts
var HELP = "help";
var NEGATIVE_NUMBER = /^-\d/;
function parseCommandArgs(command, args) {
  const flags = new Map(flagsOf(command).map(([, setting]) => [setting.flag, setting]));
  const options = Object.fromEntries([
    ...[...flags].map(([flag, setting]) => [flag, { type: "string", multiple: setting.list === true }]),
    [HELP, { type: "boolean", short: "h" }]
  ]);
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const positionals = tokens.flatMap((token) => token.kind === "positional" ? [token.value] : []);
  const help2 = tokens.some((token) => token.kind === "option" && token.name === HELP);
  if (help2)
    return {
      values: readSettings(
        () => void 0,
        () => ""
      ),
      positionals,
      help: help2
    };
  const given = /* @__PURE__ */ new Map();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const setting = flags.get(token.name);
    if (!setting) throw new UsageError(unknownOption(command, token.rawName, [...flags.keys()]));
    const value = token.value;
    if (value === void 0 || !token.inlineValue && value.startsWith("-") && !NEGATIVE_NUMBER.test(value)) {
      throw new UsageError(
        `${token.rawName} needs a value, e.g. ${token.rawName} ${setting.example}` + (value === void 0 || value.startsWith("--") ? "" : ` (for a value that starts with a dash, write ${token.rawName}=${value})`)
      );
    }
    given.set(setting, [...given.get(setting) ?? [], value]);
  }
  const values = readSettings(
    (setting) => given.get(setting),
    (setting) => `--${setting.flag ?? ""}`
  );
  return { values, positionals, help: false };
}
function unknownOption(command, rawName, flags) {
  const name = rawName.replace(/^-+/, "");
  const start = `unknown option ${rawName}`;
  const elsewhere = CLI_COMMANDS.find((other) => other !== command && flagsOf(other).some(([, s]) => s.flag === name));
  if (elsewhere) return `${start}: it is an option of memgate ${elsewhere}, not of memgate ${command}`;
  const suggestion = closest(name, [...flags, HELP]);
  const hint = suggestion ? `; did you mean --${suggestion}?` : "";
  return `${start}${hint} (memgate ${command} --help lists the options)`;
}

// src/cli/usage.ts
var WIDTH = 100;
var FLAG_COLUMN = 30;
var COMMANDS = {
  run: {
    synopsis: "memgate run <workload...> [options]",
    what: "measure workloads (.mjs .js .cjs .ts .mts .cts .py, or globs)"
  },
  compare: {
    synopsis: "memgate compare <base.json> <head.json> [options]",
    what: "compare two reports: did the head regress against the base?"
  }
};
var EXIT_CODES = "Exit codes: 0 pass, 1 a gate failed (compare: the head regressed), 2 usage, configuration or workload error.";
function wrap2(text, indent) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`
${" ".repeat(indent)}`);
}
function optionLine(setting) {
  const flag = `  --${setting.flag} ${setting.arg}${setting.list ? " ..." : ""}`;
  const byDefault = defaultHelpOf(setting);
  const help2 = `${setting.help}${byDefault ? ` (default: ${byDefault})` : ""}`;
  const pad = flag.length + 2 > FLAG_COLUMN ? `
${" ".repeat(FLAG_COLUMN)}` : " ".repeat(FLAG_COLUMN - flag.length);
  return `${flag}${pad}${wrap2(help2, FLAG_COLUMN)}`;
}
var optionsOf = (command) => flagsOf(command).map(([, s]) => optionLine(s)).join("\n");
function usage() {
  const commands = Object.values(COMMANDS).map(({ synopsis, what }) => `  ${synopsis}
      ${what}`);
  return [
    `memgate ${TOOL_VERSION}: name the lines whose retained memory grows, and gate on it.`,
    `Usage:
${commands.join("\n")}
  memgate help [run|compare]
      this help, or one command's`,
    `Options for run:
${optionsOf("run")}`,
    `Options for compare:
${optionsOf("compare")}`,
    `Sizes: bytes, or a number with B, KB, MB, GB (1024-based) or KiB, MiB, GiB.`,
    EXIT_CODES
  ].join("\n\n");
}
function commandUsage(command) {
  const { synopsis, what } = COMMANDS[command];
  return [`Usage: ${synopsis}`, `  ${what}`, `Options:
${optionsOf(command)}`, EXIT_CODES].join("\n\n");
}

// src/cli/compare.ts
async function readReport(path, cwd) {
  let text;
  try {
    text = readFileSync(resolve(cwd, path), "utf8");
  } catch (err) {
    const reason = err.code ?? err.message;
    throw new UsageError(`cannot read report ${path}: ${reason}`, { cause: err });
  }
  const { parseReportText } = await import("./schema-XYMFOEWE.js");
  try {
    return parseReportText(text, path);
  } catch (err) {
    throw new UsageError(err.message, { cause: err });
  }
}
async function compareCommand(args, io) {
  const { values, positionals, help: help2 } = parseCommandArgs("compare", args);
  if (help2) {
    io.stdout(`${commandUsage("compare")}
`);
    return 0;
  }
  const [basePath, headPath, ...extra] = positionals;
  if (basePath === void 0 || headPath === void 0 || extra.length > 0) {
    throw new UsageError("expected two reports, e.g. memgate compare base.json head.json");
  }
  const [base, head] = [await readReport(basePath, io.cwd), await readReport(headPath, io.cwd)];
  const mismatch = settingsMismatch(base, head);
  if (mismatch) {
    throw new UsageError(`the reports were not measured alike (${mismatch}); measure both with the same settings`);
  }
  const comparison = compareWithBase(base.workloads, head.workloads, values.maxIncrease);
  if (values.format === "json") io.stdout(`${JSON.stringify(comparison, null, 2)}
`);
  else if (values.format === "markdown") {
    const against = { comparison, sha: base.git?.sha ?? basePath, createdAt: base.createdAt };
    io.stdout(`${renderMarkdown(head, { base: against })}
`);
  } else io.stdout(`${renderText(head, { comparison })}
`);
  return comparison.regressed ? 1 : 0;
}

// src/cli/run.ts
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, resolve as resolve2 } from "node:path";

// src/cli/print.ts
function formatReport(report, format, against) {
  if (format === "json") return `${JSON.stringify(report, null, 2)}
`;
  if (format === "markdown") {
    const base = against ? { comparison: against.comparison, sha: against.label, createdAt: against.createdAt } : void 0;
    return `${renderMarkdown(report, base ? { base } : {})}
`;
  }
  return `${renderText(report, against ? { comparison: against.comparison } : {})}
`;
}

// src/cli/run.ts
async function runCommand(args, io) {
  const { values, positionals, help: help2 } = parseCommandArgs("run", args);
  if (help2) {
    io.stdout(`${commandUsage("run")}
`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("no workload given, e.g. memgate run bench/leak.mjs");
  if (values.maxIncrease !== null && values.base === void 0) {
    throw new UsageError("--max-increase compares with a base report: give --base FILE too (or use memgate compare)");
  }
  const base = values.base === void 0 ? void 0 : await readReport(values.base, io.cwd);
  const settings = pipelineSettings(values);
  const outDir = resolve2(io.cwd, values.outDir);
  const measured = await runPipeline({
    ...settings,
    // Without --node, the Node that runs memgate (the Action instead uses the node on PATH).
    nodePath: settings.nodePath ?? process.execPath,
    patterns: positionals,
    cwd: io.cwd,
    // A CLI runs what it is pointed at (../other/perf.mjs, absolute paths); the Action keeps to its workspace.
    workloadsOutsideCwd: true,
    outDir,
    onProgress: (message) => io.stderr(`memgate: ${message}
`)
  });
  let { report } = measured;
  let against;
  if (base && values.base !== void 0) {
    const mismatch = settingsMismatch(base, report);
    if (mismatch)
      throw new UsageError(
        `--base ${values.base} was not measured like this run (${mismatch}); measure both with the same settings`
      );
    const comparison = compareWithBase(base.workloads, report.workloads, values.maxIncrease);
    const label = base.git?.ref ? base.git.ref.replace(/^refs\/heads\//, "") : values.base;
    report = applyLeakPolicy(report, comparison, values.leakPolicy, label);
    writeReport(report, outDir);
    against = { comparison, label, createdAt: base.createdAt };
  }
  if (values.json) {
    const target = resolve2(io.cwd, values.json);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(measured.reportPath, target);
  }
  io.stdout(formatReport(report, values.format, against));
  const failed = report.verdict.status === "fail" || against?.comparison.regressed === true;
  const unmeasured = report.workloads.filter((w) => w.verdict.status === "error").length;
  if (unmeasured > 0) {
    if (failed) {
      io.stderr(
        `memgate: exit 2: ${unmeasured} workload${unmeasured === 1 ? "" : "s"} could not run; the gate failed on the others too (exit 1 once every workload runs)
`
      );
    }
    return 2;
  }
  return failed ? 1 : 0;
}

// src/cli/main.ts
var COMMANDS2 = {
  run: runCommand,
  compare: compareCommand
};
var isCommand = (word) => CLI_COMMANDS.some((c) => c === word);
function help(topic, io) {
  if (topic === void 0) io.stdout(`${usage()}
`);
  else if (isCommand(topic)) io.stdout(`${commandUsage(topic)}
`);
  else throw new UsageError(unknownCommand(topic, "no help on"));
  return 0;
}
function unknownCommand(word, start = "unknown command") {
  const suggestion = closest(word, [...CLI_COMMANDS, "help"]);
  const expected = `expected ${CLI_COMMANDS.map((c) => `"${c}"`).join(" or ")}`;
  return `${start} "${word}": ${suggestion ? `did you mean "${suggestion}"? ` : ""}${expected} (memgate --help lists them)`;
}
async function main(argv, io) {
  const [command, ...rest] = argv;
  try {
    if (isCommand(command)) return await COMMANDS2[command](rest, io);
    if (command === "--version" || command === "-v" || command === "version") {
      io.stdout(`${TOOL_VERSION}
`);
      return 0;
    }
    if (command === "--help" || command === "-h" || command === "help") return help(rest[0], io);
    if (command === void 0) {
      io.stderr(`${usage()}
`);
      return 2;
    }
    throw new UsageError(unknownCommand(command));
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`memgate: ${err.message}
`);
      return 2;
    }
    io.stderr(`memgate: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}
`);
    return 2;
  }
}
export {
  main
};
