/**
 * The terminal report, in the spirit of tracemalloc's top statistics: per workload a header, the
 * verdict, the memory figures, then one line per site (`+12.4 MiB  cache.js:88  cacheResponse`).
 * Plain text that fits 100 columns; hostile strings have their control characters made visible so
 * a workload cannot rewrite the terminal with escape sequences.
 */
import type { BaseComparison, MetricChange, WorkloadComparison } from '../analysis/base-compare.ts';
import { terminalSafe, truncate, truncateStart } from './escape.ts';
import {
  ceilingsShown,
  countLine,
  describeCeiling,
  describeLeakRate,
  filterNote,
  elideInside,
  findComparison,
  formatBytes,
  formatChange,
  formatCount,
  formatPercent,
  headlineText,
  overallStatus,
  retainedByPath,
  retainerStepParts,
  retainersNote,
  showsFunction,
  siteNoun,
  sitesWindow,
  splitCallPath,
  workloadStatus,
  describeFailure,
  describeLastMemory,
  describeRuntime,
  type CallPath,
  type Status,
} from './format.ts';
import type { Report, TopEntry, WorkloadReport } from './schema.ts';

export const TEXT_WIDTH = 100;
const STACK_LINES = 50;
/** Frames shown on each side of a site; a traceback row is its whole call path, so it shows more. */
const FRAMES_SHOWN = 3;
const TRACEBACK_FRAMES_SHOWN = 10;
const PATH_INDENT = ' '.repeat(20);
/** Retainer paths shown per row; the JSON report has up to five. */
const RETAINER_PATHS_SHOWN = 3;

const WORD: Record<Status, string> = { pass: 'PASS', fail: 'FAIL', error: 'ERROR' };

export function renderText(report: Report, options: { comparison?: BaseComparison } = {}): string {
  const comparison = options.comparison;
  const out: string[] = [];
  const n = report.workloads.length;
  out.push(
    `memgate ${terminalSafe(report.tool.version)} · ${n} workload${n === 1 ? '' : 's'} · ` +
      `grouped by ${report.settings.groupBy}${comparison ? ' · compared with base' : ''}`,
  );
  for (const w of report.workloads) {
    out.push('');
    out.push(...renderWorkload(report, w, findComparison(comparison, w.path)));
  }
  const missing = comparison?.workloads.filter((c) => c.status === 'missing') ?? [];
  if (missing.length) {
    out.push('');
    out.push('In base but not measured in this run:');
    for (const c of missing) out.push(fit(`  ${terminalSafe(c.path)}`));
  }

  out.push('');
  const status = overallStatus(report, comparison);
  out.push(
    ...wrap(`${WORD[status]}: ${headlineText(report, comparison)} (${countLine(report, comparison)})`, '', '  '),
  );
  const ownReasons = new Set(report.workloads.flatMap((w) => w.verdict.reasons));
  for (const r of report.verdict.reasons.filter((r) => !ownReasons.has(r))) out.push(...wrap(terminalSafe(r), '  '));
  return out.join('\n') + '\n';
}

function renderWorkload(report: Report, w: WorkloadReport, cmp: WorkloadComparison | undefined): string[] {
  const out: string[] = [];
  const status = workloadStatus(w, cmp);
  out.push(fit(`${WORD[status].padEnd(5)}  ${terminalSafe(w.path)}`, 'start'));
  const p = w.profiler;
  const runtime = describeRuntime(w.runtime);
  // A workload that failed before reporting has no iteration count of its own: none is shown rather than 0.
  const trials = `${w.iterations > 0 ? `${w.iterations} iterations, ` : ''}${w.trials} trial${w.trials === 1 ? '' : 's'}`;
  const sampling = p.samplingInterval === null ? 'exact' : `${formatBytes(p.samplingInterval)} sampling`;
  const setup = terminalSafe(`${runtime} · ${p.backend}, ${sampling}, depth ${p.stackDepth}`);
  // One line when it fits, else the iterations go on their own line rather than wrapping mid-phrase.
  if (len(`       ${setup} · ${trials}`) <= TEXT_WIDTH) out.push(`       ${setup} · ${trials}`);
  else out.push(...wrap(setup, '       '), `       ${trials}`);

  const reasons = [...w.verdict.reasons, ...(cmp?.reasons ?? [])];
  if (w.error) {
    const e = w.error;
    out.push(...wrap(terminalSafe(`the workload ${describeFailure(e)}`), '       '));
    for (const line of terminalSafe(e.message, true).split('\n')) out.push(...wrap(line, '       '));
    if (e.stack) {
      const lines = terminalSafe(e.stack, true).split('\n');
      for (const line of lines.slice(0, STACK_LINES)) out.push(fit(`         ${line}`));
      if (lines.length > STACK_LINES) out.push(`         … ${lines.length - STACK_LINES} more lines`);
    }
    if (e.lastMemory) out.push(`       last memory seen: ${describeLastMemory(w, e.lastMemory)}`);
    out.push('       memory not judged for this workload');
    return out;
  }
  for (const r of reasons) out.push(...wrap(`- ${terminalSafe(r)}`, '       ', '         '));
  for (const h of w.hints ?? []) out.push(...wrap(`hint: ${terminalSafe(h)}`, '       ', '             '));
  if (status === 'error') {
    out.push('       memory not judged for this workload');
    return out;
  }

  out.push('');
  const figure = (label: string, value: string, note = ''): string =>
    fit(`       ${label.padEnd(18)}${value.padStart(11)}${note ? `  ${note}` : ''}`);
  const python = w.runtime.name === 'python';
  out.push(figure(python ? 'traced after' : 'heap after', formatBytes(w.memory.after.heapUsed)));
  out.push(figure('retained heap', formatChange(w.retained.heap)));
  out.push(figure('external growth', formatChange(w.retained.external)));
  out.push(
    figure(
      'retained total',
      formatChange(w.retained.total),
      w.trials > 1 ? `(median of ${w.trials} trials, spread ${formatBytes(w.spread)})` : '',
    ),
  );
  out.push(figure('peak RSS', formatBytes(w.memory.peakRss)));
  const rate = describeLeakRate(w);
  if (rate)
    out.push(...wrap(terminalSafe(rate.phrase), `${figure('leak rate', formatChange(rate.rate))}  `, ' '.repeat(38)));
  else
    out.push(
      figure(
        'leak rate',
        `${formatChange(w.leakRate.bytesPerIteration)}`,
        `per iteration (r² ${w.leakRate.r2.toFixed(2)})`,
      ),
    );
  if (w.memory.traced) {
    if (!python) out.push(figure('traced current', formatBytes(w.memory.traced.current)));
    out.push(figure('traced peak', formatBytes(w.memory.traced.peak)));
  }
  for (const c of ceilingsShown(report, w))
    out.push(...wrap(describeCeiling(c), `       ${'ceiling'.padEnd(18)}`, ' '.repeat(25)));

  if (cmp) out.push(...renderComparison(cmp));

  out.push('');
  out.push(...renderTop(report, w, cmp));
  const note = retainersNote(w, status);
  if (note) out.push(...wrap(terminalSafe(note), '       ', '         '));
  return out;
}

function renderComparison(cmp: WorkloadComparison): string[] {
  // 'new' and 'error' are explained by the comparison's reasons, listed under the verdict.
  if (cmp.status !== 'compared')
    return cmp.reasons.length ? [] : ['', `       vs base: not compared (${cmp.status} workload)`];
  const row = (label: string, m: MetricChange | null, signed: boolean): string | null => {
    if (!m) return null;
    const show = (n: number): string => (signed ? formatChange(n) : formatBytes(n));
    const pct = !signed && m.base > 0 ? ` (${formatPercent(m.change / m.base, { sign: true })})` : '';
    const limit = m.limit === null ? '—' : `≤ ${formatBytes(m.limit)}`;
    return fit(
      `       ${label.padEnd(18)}${show(m.base).padStart(11)}${show(m.head).padStart(11)}` +
        `${(formatChange(m.change) + pct).padStart(22)}${limit.padStart(13)}${m.regressed ? '  REGRESSED' : ''}`,
    );
  };
  const lines = [
    row('retained total', cmp.retained, true),
    row('heap after', cmp.heapAfter, false),
    row('peak RSS', cmp.peakRss, false),
  ].filter((l): l is string => l !== null);
  const header = `       ${'vs base'.padEnd(18)}${'base'.padStart(11)}${'head'.padStart(11)}${'change'.padStart(22)}${'limit'.padStart(13)}`;
  return ['', header, ...lines];
}

function renderTop(report: Report, w: WorkloadReport, cmp: WorkloadComparison | undefined): string[] {
  const groupBy = report.settings.groupBy;
  const noun = siteNoun(groupBy);
  const filtered = filterNote(report.settings, w);
  const note = filtered ? wrap(terminalSafe(filtered), '       ', '         ') : [];
  if (w.top.length === 0) return filtered ? note : [`       no ${noun} grew (${formatCount(w.totalSites)} sites)`];
  const window = sitesWindow(w);
  const out = [
    ...note,
    fit(`       top ${w.top.length} of ${formatCount(w.totalSites)} ${noun} by growth${window ? ` (${window})` : ''}:`),
  ];
  const newSites = new Set(cmp?.status === 'compared' ? cmp.newSites : []);
  const shown = groupBy === 'traceback' ? TRACEBACK_FRAMES_SHOWN : FRAMES_SHOWN;
  for (const t of w.top) {
    out.push(topLine(t, showsFunction(groupBy), w.profiler.countsObjects, newSites.has(t.key)));
    out.push(...pathLines(splitCallPath(t, groupBy), shown));
    out.push(...retainerLines(t));
  }
  return out;
}

/** Under a row: who holds what it allocated, one path per item (`held by cache (module scope, a.mjs:3) → [] (Map entry)`). */
function retainerLines(t: TopEntry): string[] {
  const paths = t.retainers ?? [];
  const out: string[] = [];
  for (const [i, p] of paths.slice(0, RETAINER_PATHS_SHOWN).entries()) {
    const label = i === 0 ? 'held by ' : 'also by ';
    const steps = p.path.map((step) => {
      const { name, kind, file, line } = retainerStepParts(step);
      return terminalSafe(`${name} (${kind}${file !== undefined ? `, ${where(file, line ?? 0)}` : ''})`);
    });
    const items = [...steps.map((step, k) => (k === 0 ? `${label}${step}` : `→ ${step}`)), `· ${retainedByPath(p)}`];
    out.push(...packLine(items, PATH_INDENT + ' '.repeat(label.length)));
  }
  if (paths.length > RETAINER_PATHS_SHOWN)
    out.push(fit(`${PATH_INDENT}… ${paths.length - RETAINER_PATHS_SHOWN} more paths in the JSON report`));
  return out;
}

type Frame = CallPath['callers'][number];

function frameText(f: Frame): string {
  return terminalSafe(`${f.function || '(anonymous)'} ${where(f.file, f.line)}`);
}

/**
 * Under the site's line: the frames it called into, down to the allocation (`allocated in …`), then
 * its callers (`← …`); both innermost first, as in the Markdown call paths. The site is not repeated.
 */
function pathLines(path: CallPath, shown: number): string[] {
  const out: string[] = [];
  if (path.inside.length) {
    const { first, skipped, last } = elideInside(path.inside, shown);
    const items = [...first.map(frameText), ...(skipped ? ['…'] : []), ...last.map(frameText)];
    const label = 'allocated in ';
    // Continuation lines sit under the first frame, so they read apart from the callers below.
    const indent = PATH_INDENT + ' '.repeat(label.length);
    out.push(
      ...packLine(
        items.map((item, i) => (i === 0 ? `${label}${item}` : `← ${item}`)),
        indent,
      ),
    );
  }
  const callers = path.callers.slice(0, shown).map((f) => `← ${frameText(f)}`);
  if (path.callers.length > shown) callers.push('← …');
  out.push(...packLine(callers));
  return out;
}

/** Items two spaces apart, on as many lines as they need (`rest` indents the later ones); an item too long for a line is cut. */
function packLine(items: string[], rest = PATH_INDENT): string[] {
  const lines: string[] = [];
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

function where(file: string, line: number): string {
  if (file === '') return '(unknown)';
  return line > 0 ? `${file}:${line}` : file;
}

/**
 * `  +12.4 MiB  cache.js:88  cacheResponse  (+90,342 objects)  [new]`, squeezed into the width.
 * File rows have no function: the file is the site.
 */
function topLine(t: TopEntry, withFunction: boolean, countsObjects: boolean, isNew: boolean): string {
  const size = `       ${formatChange(t.sizeDiff).padStart(11)}  `;
  const suffix =
    (countsObjects ? `  (${formatCount(t.countDiff, { sign: true })} objects)` : '') + (isNew ? '  [new]' : '');
  let loc = terminalSafe(where(t.file, t.line));
  const room = TEXT_WIDTH - size.length - suffix.length - 2;
  if (!withFunction) return fit(`${size}${truncateStart(loc, Math.max(8, room + 2))}${suffix}`);
  let fn = terminalSafe(t.function || '(anonymous)');
  if (len(loc) + len(fn) > room) {
    // Share the room: the path keeps at least its tail (file:line), the function at least its start.
    const locWant = Math.min(len(loc), Math.max(24, room - len(fn)));
    fn = truncate(fn, Math.max(16, room - locWant));
    loc = truncateStart(loc, Math.max(8, room - len(fn)));
  }
  return fit(`${size}${loc}  ${fn}${suffix}`);
}

function len(text: string): number {
  return Array.from(text).length;
}

/** Caps a line at the width (keeping its start, or its end for paths). */
function fit(line: string, keep: 'end' | 'start' = 'end'): string {
  if (len(line) <= TEXT_WIDTH) return line;
  if (keep === 'end') return truncate(line, TEXT_WIDTH);
  // Keep the first word (the status) and the tail of the path.
  const match = /^(\S+\s+)(.*)$/.exec(line);
  if (!match) return truncate(line, TEXT_WIDTH);
  return match[1]! + truncateStart(match[2]!, TEXT_WIDTH - len(match[1]!));
}

/**
 * Word-wraps one line of text at the width: `first` indents the first line, `rest` the others. A number and its
 * unit (`64 B`, `8.1 KiB/iteration`) stay on one line.
 */
function wrap(text: string, first: string, rest = first): string[] {
  const lines: string[] = [];
  let current = first;
  let empty = true;
  for (const word of text.split(/(?<!\d) +| +(?!(?:[KMGT]i)?B\b)/)) {
    if (word === '') continue;
    const sep = empty ? '' : ' ';
    if (!empty && len(current) + 1 + len(word) > TEXT_WIDTH) {
      lines.push(current);
      current = rest;
      empty = true;
    }
    let piece = (empty ? '' : sep) + word;
    // A word longer than a line is hard-broken.
    while (len(current) + len(piece) > TEXT_WIDTH) {
      const points = Array.from(piece);
      const take = Math.max(1, TEXT_WIDTH - len(current));
      lines.push(current + points.slice(0, take).join(''));
      current = rest;
      piece = points.slice(take).join('');
    }
    current += piece;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(current);
  return lines;
}
