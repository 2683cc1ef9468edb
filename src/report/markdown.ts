/**
 * The PR comment / job summary (one body serves both). Verdict first, then per workload the totals
 * against base, the lines that grew, their call paths, a heap chart and how it was measured.
 *
 * Every string that comes from the code under test goes through escape.ts. The body has a hard
 * length cap: when it does not fit, it is re-rendered with fewer rows and fewer sections (never
 * sliced), so a table row or code fence is never cut in half.
 */
import type { BaseComparison, MetricChange, WorkloadComparison } from '../analysis/base-compare.ts';
import {
  codeBlock,
  encodePath,
  encodeSegment,
  escapeMarkdown,
  isRepoFile,
  safeUrl,
  truncate,
  truncateStart,
} from './escape.ts';
import {
  ceilingsShown,
  countLine,
  describeLeakRate,
  filterNote,
  elideInside,
  findComparison,
  formatAge,
  formatBytes,
  formatChange,
  formatCount,
  formatPercent,
  formatSampling,
  headlineText,
  overallStatus,
  RETAINER_ARROW,
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

export interface MarkdownOptions {
  /** Hidden marker placed first in the body, e.g. '<!-- memgate:comment key=default -->' (the sticky comment's identity). */
  marker?: string;
  /** Link `file:line` to `${repoUrl}/blob/${sha}/${pathPrefix}${file}#L${line}` (pathPrefix = working dir inside the repo, '' or 'pkg/'). */
  links?: { repoUrl: string; sha: string; pathPrefix: string };
  /** The base-branch result: its comparison, commit and age — or why there is none. */
  base?: { comparison: BaseComparison; sha: string; createdAt: string; runUrl?: string } | { missing: string };
  /** Hard cap on the body length (default 65,536, GitHub's comment limit); rows are trimmed to fit. */
  maxLength?: number;
  /** The workflow run's URL: a trimmed comment links it, since the run page holds the full job summary. */
  detailsUrl?: string;
  /** This body is the job summary: when trimmed, it points to the JSON report artifact instead of itself. */
  summary?: boolean;
  /** Title line, default 'memgate'. With a matrix `key` the Action passes e.g. 'memgate (linux-node20)'. */
  title?: string;
  /** For "how old" the base is. */
  now?: Date;
}

export const GITHUB_COMMENT_LIMIT = 65_536;

/** How much of the report a rendering includes; lowered step by step until the body fits. */
interface Detail {
  /** Top rows per workload. */
  rows: number;
  /** Frames per call path; 0 drops the call-path sections. */
  frames: number;
  /** Stack lines per error; 0 drops stacks. */
  stackLines: number;
  /** Code points kept of any one hostile string (names, paths). */
  textCap: number;
  /** Code points kept of an error message or a reason. */
  messageCap: number;
  chart: boolean;
  measured: boolean;
  /** Verdict reasons per workload. */
  reasons: number;
  /** Workloads rendered in full; the rest are listed in one line each. */
  workloads: number;
  /** Whether anything was left out (adds the "trimmed" note). */
  trimmed: boolean;
  /**
   * The length cap. Row loops stop once their own output passes it: such a rendering is rejected
   * anyway, and 5,000 rows of call paths would otherwise build hundreds of megabytes first.
   */
  limit: number;
}

const FULL: Omit<Detail, 'rows' | 'workloads' | 'limit'> = {
  frames: 64,
  stackLines: 200,
  textCap: 300,
  messageCap: 4000,
  chart: true,
  measured: true,
  reasons: 50,
  trimmed: false,
};

/** Progressively smaller renderings, tried in order (each with as many rows as fit). */
const STAGES: Omit<Detail, 'rows' | 'workloads' | 'trimmed' | 'limit'>[] = [
  { ...FULL },
  { ...FULL, frames: 8, stackLines: 40, textCap: 160, messageCap: 1000 },
  { ...FULL, frames: 0, chart: false, stackLines: 20, textCap: 120, messageCap: 600, reasons: 10 },
  { ...FULL, frames: 0, chart: false, measured: false, stackLines: 8, textCap: 80, messageCap: 300, reasons: 5 },
];
/** Rows kept before sections start being dropped ("trim rows, then sections"). */
const MIN_ROWS_BEFORE_SECTIONS = 5;

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const max = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const maxRows = Math.max(0, ...report.workloads.map((w) => w.top.length));
  const allWorkloads = report.workloads.length;
  const render = (d: Omit<Detail, 'limit'>): string => renderBody(report, options, { ...d, limit: max });

  const full = render({ ...FULL, rows: maxRows, workloads: allWorkloads });
  if (full.length <= max) return full;

  // Each stage: keep as many rows as fit; go to the next stage if even the floor does not fit.
  for (const [i, stage] of STAGES.entries()) {
    const last = i === STAGES.length - 1;
    const floor = last ? 0 : Math.min(MIN_ROWS_BEFORE_SECTIONS, maxRows);
    const at = (rows: number): Omit<Detail, 'limit'> => ({ ...stage, rows, workloads: allWorkloads, trimmed: true });
    const rows = largestFitting(floor, maxRows, (r) => render(at(r)).length <= max);
    if (rows !== null) return render(at(rows));
  }
  // Then fewer workloads in full (the rest get one line each), with a few rows each.
  const smallest = STAGES[STAGES.length - 1]!;
  for (const rows of [Math.min(3, maxRows), 0]) {
    const at = (workloads: number): Omit<Detail, 'limit'> => ({ ...smallest, rows, workloads, trimmed: true });
    const n = largestFitting(0, allWorkloads, (w) => render(at(w)).length <= max);
    if (n !== null) return render(at(n));
  }
  return minimalBody(report, options, max);
}

/** Largest n in [lo, hi] with fits(n) (fits is monotone: true up to some n), or null when fits(lo) is false. */
function largestFitting(lo: number, hi: number, fits: (n: number) => boolean): number | null {
  if (!fits(lo)) return null;
  if (fits(hi)) return hi;
  let good = lo;
  let bad = hi;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (fits(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

// ---------------------------------------------------------------------------------------------
// Body

const ICON: Record<Status, string> = { pass: '✅', fail: '❌', error: '⚠️' };

function comparisonOf(options: MarkdownOptions): BaseComparison | undefined {
  return options.base && 'comparison' in options.base ? options.base.comparison : undefined;
}

function headline(report: Report, options: MarkdownOptions): string {
  const status = overallStatus(report, comparisonOf(options));
  const title = escapeMarkdown(options.title ?? 'memgate', 200);
  return `### ${ICON[status]} ${title}: ${escapeMarkdown(headlineText(report, comparisonOf(options)))}`;
}

function renderBody(report: Report, options: MarkdownOptions, d: Detail): string {
  const comparison = comparisonOf(options);
  const blocks: string[] = [];
  const top: string[] = [];
  if (options.marker) top.push(options.marker);
  top.push(headline(report, options));
  blocks.push(top.join('\n'));
  blocks.push(escapeMarkdown(countLine(report, comparison)) + '.');
  const baseLine = renderBaseLine(options);
  if (baseLine) blocks.push(baseLine);
  if (d.trimmed) blocks.push(trimNote(options));

  const ownReasons = new Set(report.workloads.flatMap((w) => w.verdict.reasons));
  const extra = report.verdict.reasons.filter((r) => !ownReasons.has(r)).slice(0, d.reasons);
  if (extra.length) blocks.push(extra.map((r) => `- ${escapeMarkdown(r, d.messageCap)}`).join('\n'));

  report.workloads.forEach((w, i) => {
    const cmp = findComparison(comparison, w.path);
    blocks.push(i < d.workloads ? renderWorkload(report, w, cmp, options, d) : renderWorkloadLine(w, cmp, d));
  });

  const missing = comparison?.workloads.filter((c) => c.status === 'missing') ?? [];
  if (missing.length) {
    const items = missing.slice(0, d.reasons).map((c) => `- ${escapeMarkdown(c.path, d.textCap)}`);
    if (missing.length > items.length) items.push(`- …and ${missing.length - items.length} more`);
    blocks.push(`**In base but not measured in this run:**\n\n${items.join('\n')}`);
  }
  return blocks.join('\n\n') + '\n';
}

/** Shown when the body was cut down: the comment's full report is in the job summary (on the run's page). */
function trimNote(options: MarkdownOptions): string {
  const url = options.detailsUrl ? safeUrl(options.detailsUrl) : null;
  const run = url ? ` of [this workflow run](${url})` : '';
  const where = options.summary
    ? `the JSON report artifact${run}`
    : `the job summary${run} and in the JSON report artifact`;
  return `> ✂️ This report was trimmed to fit GitHub's size limit — the full report is in ${where}.`;
}

function renderBaseLine(options: MarkdownOptions): string | null {
  const base = options.base;
  if (!base) return null;
  if ('missing' in base) {
    return `No baseline yet: judged on this run alone, not against the base (${escapeMarkdown(base.missing, 500)}).`;
  }
  const sha = /^[0-9a-f]{4,64}$/i.test(base.sha)
    ? `\`${base.sha.slice(0, 7)}\``
    : base.sha.trim() === ''
      ? 'an unknown commit'
      : escapeMarkdown(base.sha, 40);
  const age = formatAge(base.createdAt, options.now ?? new Date());
  const run = base.runUrl ? safeUrl(base.runUrl) : null;
  return (
    `Compared with the base branch at ${sha}` +
    (age ? ` (measured ${age})` : '') +
    (run ? ` · [base run](${run})` : '') +
    '.'
  );
}

/** One line for a workload that did not fit in full; external growth keeps its own figure, as in the totals table. */
function renderWorkloadLine(w: WorkloadReport, cmp: WorkloadComparison | undefined, d: Detail): string {
  const status = workloadStatus(w, cmp);
  const figure =
    status === 'error'
      ? 'could not be measured'
      : `retained ${formatChange(w.retained.total)} (heap + external), external growth ${formatChange(w.retained.external)}`;
  return `- ${ICON[status]} ${escapeMarkdown(w.path, d.textCap)}: ${figure} (details trimmed)`;
}

function renderWorkload(
  report: Report,
  w: WorkloadReport,
  cmp: WorkloadComparison | undefined,
  options: MarkdownOptions,
  d: Detail,
): string {
  const status = workloadStatus(w, cmp);
  const parts: string[] = [`#### ${ICON[status]} ${linkedText(w.path, 0, escapeMarkdown(w.path, d.textCap), options)}`];

  const reasons = status === 'error' && w.error ? [] : [...w.verdict.reasons, ...(cmp?.reasons ?? [])];
  if (reasons.length) {
    const shown = reasons.slice(0, d.reasons).map((r) => `- ${escapeMarkdown(r, d.messageCap)}`);
    if (reasons.length > shown.length) shown.push(`- …and ${reasons.length - shown.length} more`);
    parts.push(shown.join('\n'));
  }
  const hints = (w.hints ?? []).slice(0, d.reasons);
  if (hints.length) parts.push(hints.map((h) => `> 💡 ${escapeMarkdown(h, d.messageCap)}`).join('\n>\n'));
  if (status === 'error') {
    // No memory figures: a run that did not finish says nothing about leaks either way.
    parts.push(w.error ? renderError(w, d) : NOT_JUDGED);
    return parts.join('\n\n');
  }
  // The comparison explains 'new' and 'error' in its reasons; say it ourselves only when it did not.
  if (cmp?.status === 'new' && cmp.reasons.length === 0)
    parts.push('New workload: not in base, so judged on this run alone.');
  if (cmp?.status === 'error' && cmp.reasons.length === 0)
    parts.push('Not compared with base: it could not be measured there.');

  parts.push(renderTotals(report, w, cmp));
  parts.push(renderFootnotes(w));
  parts.push(renderTop(report, w, cmp, options, d));
  const holders = renderRetainers(w, status, options, d);
  if (holders) parts.push(holders);
  if (d.frames > 0) {
    const paths = renderCallPaths(report, w, options, d);
    if (paths) parts.push(paths);
  }
  if (d.chart) {
    const chart = renderChart(w, status === 'fail');
    if (chart) parts.push(chart);
  }
  if (d.measured) parts.push(renderMeasured(report, w));
  return parts.join('\n\n');
}

const NOT_JUDGED = 'Its memory was not judged: no pass or fail on memory for this workload.';

function renderError(w: WorkloadReport, d: Detail): string {
  const e = w.error!;
  const lines = [
    `**The workload ${escapeMarkdown(describeFailure(e), 200)}:** ${escapeMarkdown(e.message, d.messageCap)}`,
    NOT_JUDGED,
  ];
  const out = [lines.join('\n\n')];
  if (e.lastMemory) {
    out.push(`Last memory seen before the failure: ${describeLastMemory(w, e.lastMemory)}.`);
  }
  if (e.stack && d.stackLines > 0) {
    const all = e.stack.split(/\r\n|\r|\n/);
    const kept = all.slice(0, d.stackLines).map((l) => truncate(l, d.textCap * 2));
    if (all.length > kept.length) kept.push(`… ${all.length - kept.length} more lines`);
    out.push(codeBlock(kept.join('\n')));
  }
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Totals

interface Limit {
  /** null: a ceiling of the run that the workload's options turned off. */
  value: number | null;
  label: string;
  /** A ceiling (passed or not, it is marked), not the comparison's allowance. */
  ceiling?: boolean;
}

function limitCell(head: number, limits: Limit[]): string {
  if (limits.length === 0) return '—';
  return limits
    .map((l) =>
      l.value === null
        ? `none (${l.label})`
        : `${formatBytes(l.value)} (${l.label})${head > l.value ? ' ❌' : l.ceiling ? ' ✓' : ''}`,
    )
    .join(' · ');
}

function changeCell(m: MetricChange, percent: boolean): string {
  const pct = percent && m.base > 0 ? ` (${formatPercent(m.change / m.base, { sign: true })})` : '';
  return `${m.regressed ? '❌ ' : ''}${formatChange(m.change)}${pct}`;
}

function renderTotals(report: Report, w: WorkloadReport, cmp: WorkloadComparison | undefined): string {
  const shown = ceilingsShown(report, w);
  const withBase = cmp?.status === 'compared';
  const limits = (m: MetricChange | null | undefined, flag: string): Limit[] => {
    const out: Limit[] = [];
    if (withBase && m && m.limit !== null) out.push({ value: m.limit, label: 'vs base' });
    const ceiling = shown.find((c) => c.flag === flag);
    if (ceiling)
      out.push({ value: ceiling.limit, label: ceiling.fromWorkload ? "workload's ceiling" : 'ceiling', ceiling: true });
    return out;
  };
  interface Row {
    label: string;
    head: string;
    headValue: number;
    metric: MetricChange | null | undefined;
    percent: boolean;
    limits: Limit[];
  }
  const rows: Row[] = [
    {
      label: 'Retained growth (heap + external)',
      head: formatChange(w.retained.total),
      headValue: w.retained.total,
      metric: cmp?.retained,
      percent: false,
      limits: limits(cmp?.retained, 'max-retained'),
    },
    {
      label: 'External growth',
      head: formatChange(w.retained.external),
      headValue: w.retained.external,
      metric: undefined,
      percent: false,
      limits: [],
    },
    {
      label: w.runtime.name === 'python' ? 'Traced memory after' : 'Heap after',
      head: formatBytes(w.memory.after.heapUsed),
      headValue: w.memory.after.heapUsed,
      metric: cmp?.heapAfter,
      percent: true,
      limits: limits(cmp?.heapAfter, 'max-heap'),
    },
    {
      label: 'Peak RSS',
      head: formatBytes(w.memory.peakRss),
      headValue: w.memory.peakRss,
      metric: cmp?.peakRss,
      percent: true,
      limits: limits(cmp?.peakRss, 'max-rss'),
    },
  ];
  if (w.memory.traced) {
    rows.push({
      label: 'Traced peak (tracemalloc)',
      head: formatBytes(w.memory.traced.peak),
      headValue: w.memory.traced.peak,
      metric: undefined,
      percent: false,
      limits: [],
    });
  }
  if (withBase) {
    const lines = ['| Metric | Base | Head | Change | Limit |', '| :-- | --: | --: | --: | --: |'];
    for (const r of rows) {
      const base = r.metric ? (r.percent ? formatBytes(r.metric.base) : formatChange(r.metric.base)) : '—';
      const change = r.metric ? changeCell(r.metric, r.percent) : '—';
      lines.push(`| ${r.label} | ${base} | ${r.head} | ${change} | ${limitCell(r.headValue, r.limits)} |`);
    }
    return lines.join('\n');
  }
  const lines = ['| Metric | Measured | Limit |', '| :-- | --: | --: |'];
  for (const r of rows) lines.push(`| ${r.label} | ${r.head} | ${limitCell(r.headValue, r.limits)} |`);
  return lines.join('\n');
}

function renderFootnotes(w: WorkloadReport): string {
  const rate = describeLeakRate(w);
  const notes = [
    rate
      ? `Leak rate ${formatChange(rate.rate)} ${escapeMarkdown(rate.phrase)}.`
      : `Leak rate ${formatChange(w.leakRate.bytesPerIteration)} per iteration (fit r² ${w.leakRate.r2.toFixed(2)}).`,
  ];
  if (w.trials > 1)
    notes.push(`Median of ${w.trials} trials; retained growth varied by ${formatBytes(w.spread)} across them.`);
  return notes.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Top sites

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function siteUrl(file: string, line: number, options: MarkdownOptions): string | null {
  const links = options.links;
  if (!links || links.sha.trim() === '' || !isRepoFile(file)) return null;
  const repo = safeUrl(links.repoUrl.replace(/\/+$/, ''));
  if (!repo) return null;
  const segments = [...links.pathPrefix.split('/'), ...file.split('/')].filter((s) => s !== '' && s !== '.');
  const path = encodePath(segments.join('/'));
  return `${repo}/blob/${encodeSegment(links.sha)}/${path}${line > 0 ? `#L${line}` : ''}`;
}

/** Escaped `text`, linked to the code at head when `file` is a repository file and links are on. */
function linkedText(file: string, line: number, text: string, options: MarkdownOptions): string {
  const url = siteUrl(file, line, options);
  return url ? `[${text}](${url})` : text;
}

function siteText(file: string, line: number, cap: number): string {
  if (file === '') return '*(unknown)*';
  const where = line > 0 ? `${truncateStart(file, cap)}:${line}` : truncateStart(file, cap);
  return escapeMarkdown(where);
}

function functionText(name: string, cap: number): string {
  return name === '' ? '*(anonymous)*' : escapeMarkdown(name, cap);
}

function renderTop(
  report: Report,
  w: WorkloadReport,
  cmp: WorkloadComparison | undefined,
  options: MarkdownOptions,
  d: Detail,
): string {
  const noun = siteNoun(report.settings.groupBy);
  const filtered = filterNote(report.settings, w);
  if (w.top.length === 0)
    return filtered ? `${capitalize(escapeMarkdown(filtered, d.messageCap))}.` : `No ${noun} grew.`;
  const rows = w.top.slice(0, d.rows);
  const newSites = new Set(cmp?.status === 'compared' ? cmp.newSites : []);
  const objects = w.profiler.countsObjects;
  const shown =
    rows.length < w.top.length
      ? `${rows.length} of the top ${formatCount(w.top.length)} shown; ${formatCount(w.totalSites)} sites in all`
      : `top ${rows.length} of ${formatCount(w.totalSites)} sites`;
  const window = sitesWindow(w);
  const title = `**${capitalize(noun)} by growth** (${shown}${window ? `; ${window}` : ''})`;
  if (rows.length === 0) return `${title}: rows trimmed.`;
  // File rows have no function column: the file is the site.
  const withFunction = showsFunction(report.settings.groupBy);
  const columns = [
    ['#', '--:'],
    ['Growth', '--:'],
  ];
  if (objects) columns.push(['Objects', '--:']);
  if (withFunction) columns.push(['Function', ':--'], ['Where', ':--']);
  else columns.push(['File', ':--']);
  const header = [`| ${columns.map((c) => c[0]).join(' | ')} |`, `| ${columns.map((c) => c[1]).join(' | ')} |`];
  const lines: string[] = [];
  let length = 0;
  for (const [i, t] of rows.entries()) {
    if (length > d.limit) break; // already too long to be used: stop building
    const rank = `${i + 1}${newSites.has(t.key) ? ' 🆕 new' : ''}`;
    const where = linkedText(t.file, t.line, siteText(t.file, t.line, d.textCap), options);
    const cells = [rank, formatChange(t.sizeDiff)];
    if (objects) cells.push(formatCount(t.countDiff, { sign: true }));
    if (withFunction) cells.push(functionText(t.function, d.textCap));
    cells.push(where);
    const line = `| ${cells.join(' | ')} |`;
    lines.push(line);
    length += line.length + 1;
  }
  return [
    title,
    ...(filtered ? ['', `${capitalize(escapeMarkdown(filtered, d.messageCap))}.`] : []),
    '',
    ...header,
    ...lines,
  ].join('\n');
}

/**
 * Right under the table: who holds each row's growth, its main path per row; the other paths collapsed
 * (dropped with the call paths when the body must shrink). For a failing workload without paths, why.
 */
function renderRetainers(w: WorkloadReport, status: Status, options: MarkdownOptions, d: Detail): string | null {
  const note = retainersNote(w, status);
  const rows = w.top
    .slice(0, d.rows)
    .map((t, i) => ({ paths: t.retainers ?? [], i }))
    .filter(({ paths }) => paths.length > 0);
  if (rows.length === 0) return note ? `*${escapeMarkdown(capitalize(note), d.messageCap)}*` : null;
  const path = (p: NonNullable<TopEntry['retainers']>[number]): string =>
    p.path
      .map((step) => {
        const { name, kind, file, line } = retainerStepParts(step);
        const at =
          file !== undefined ? `, ${linkedText(file, line ?? 0, siteText(file, line ?? 0, d.textCap), options)}` : '';
        return `${escapeMarkdown(name, d.textCap)} (${kind}${at})`;
      })
      .join(RETAINER_ARROW) + ` · ${retainedByPath(p)}`;
  const main: string[] = [];
  const others: string[] = [];
  let length = 0;
  for (const { paths, i } of rows) {
    if (length > d.limit) break; // already too long to be used: stop building
    const line = `- **${i + 1}.** held by ${path(paths[0]!)}`;
    main.push(line);
    length += line.length + 1;
    if (d.frames > 0) for (const p of paths.slice(1)) others.push(`- **${i + 1}.** also by ${path(p)}`);
  }
  const parts = ['**Who holds it** (retainer paths from a root, root first)', '', ...main];
  if (note) parts.push('', `*${escapeMarkdown(capitalize(note), d.messageCap)}*`);
  if (others.length)
    parts.push('', '<details><summary>Other retainer paths</summary>', '', ...others, '', '</details>');
  return parts.join('\n');
}

function renderCallPaths(report: Report, w: WorkloadReport, options: MarkdownOptions, d: Detail): string | null {
  const rows = w.top
    .slice(0, d.rows)
    .map((t, i) => ({ t, i, path: splitCallPath(t, report.settings.groupBy) }))
    .filter(({ path }) => path.inside.length + path.callers.length > 0); // something besides the site
  if (rows.length === 0) return null;
  const items: string[] = [];
  let length = 0;
  for (const { t, i, path } of rows) {
    if (length > d.limit) break; // already too long to be used: stop building
    const item = callPath(t, i, path, options, d);
    items.push(item);
    length += item.length + 1;
  }
  return ['<details><summary>Call paths behind these sites</summary>', '', items.join('\n'), '', '</details>'].join(
    '\n',
  );
}

/**
 * Innermost first: the frames inside dependencies or the runtime, the site (marked; always kept,
 * however deep inside it sits), then its callers, `d.frames` in all.
 */
function callPath(t: TopEntry, i: number, path: CallPath, options: MarkdownOptions, d: Detail): string {
  const lines = [`- **${i + 1}.** ${formatChange(t.sizeDiff)}`]; // not `#1`: GitHub would link issue 1
  const frame = (f: CallPath['callers'][number], mark = ''): void => {
    const where = linkedText(f.file, f.line, siteText(f.file, f.line, d.textCap), options);
    lines.push(`  - ${lines.length === 1 ? '' : '← '}${functionText(f.function, d.textCap)} · ${where}${mark}`);
  };
  const site = path.site ? 1 : 0;
  const callersWanted = Math.min(path.callers.length, Math.floor((d.frames - site) / 2));
  const inside = elideInside(path.inside, Math.max(1, d.frames - site - callersWanted));
  const insideShown = inside.first.length + inside.last.length;
  inside.first.forEach((f) => frame(f));
  if (inside.skipped) lines.push(`  - ← … ${inside.skipped} more frames`);
  inside.last.forEach((f) => frame(f));
  if (path.site) frame(path.site, ' · *site*');
  const callers = path.callers.slice(0, Math.max(0, d.frames - site - insideShown));
  callers.forEach((f) => frame(f));
  if (path.callers.length > callers.length) lines.push(`  - ← … ${path.callers.length - callers.length} more frames`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Chart and method

const CHART_MIN_GROWTH = 256 * 1024;

/** A Mermaid line chart of memory after GC per iteration, when there is a trend worth seeing. */
function renderChart(w: WorkloadReport, failed: boolean): string | null {
  if (w.series.length < 3) return null;
  const withExternal = Math.abs(w.retained.external) > Math.max(CHART_MIN_GROWTH, 0.25 * Math.abs(w.retained.total));
  const values = w.series.map((p) => p.heapUsed + (withExternal ? p.external : 0));
  if (!values.every(Number.isFinite)) return null;
  const first = values[0]!;
  const growth = values[values.length - 1]! - first;
  // A passing workload's chart is drawn only for real growth: auto-scaled axes make noise look like a trend.
  if (!failed && growth < Math.max(CHART_MIN_GROWTH, 0.05 * Math.abs(first))) return null;
  const peak = Math.max(...values.map(Math.abs));
  const [unit, scale] = peak >= 1024 ** 3 ? ['GiB', 1024 ** 3] : peak >= 1024 ** 2 ? ['MiB', 1024 ** 2] : ['KiB', 1024];
  const what = withExternal ? 'Heap + external' : w.runtime.name === 'python' ? 'Traced memory' : 'Heap';
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${what} after GC, per iteration"`,
    `  x-axis "iteration" [${w.series.map((p) => p.iteration).join(', ')}]`,
    `  y-axis "${unit}"`,
    `  line [${values.map((v) => String(Number((v / scale).toFixed(2)))).join(', ')}]`,
    '```',
  ].join('\n');
}

function renderMeasured(report: Report, w: WorkloadReport): string {
  const p = w.profiler;
  const runtime = describeRuntime(w.runtime);
  const items = [
    `Runtime: ${runtime}`,
    `Profiler: ${p.backend}, ${formatSampling(p.samplingInterval)}, stack depth ${p.stackDepth}` +
      (p.countsObjects ? '' : ', no object counts') +
      (p.continuous ? '' : ', pass-2 allocations only (no frees seen)'),
    `Iterations: ${w.iterations} per pass: warm-up pass, forced GC, baseline, measured pass, forced GC, after`,
    `Trials: ${w.trials} fresh process${w.trials === 1 ? '' : 'es'}${w.trials > 1 ? ' (median)' : ''}`,
    `Grouped by ${report.settings.groupBy}; ${formatCount(w.totalSites)} sites changed, top ${report.settings.top} kept`,
    `memgate ${report.tool.version}`,
  ];
  return [
    '<details><summary>How it was measured</summary>',
    '',
    items.map((i) => `- ${escapeMarkdown(i, 400)}`).join('\n'),
    '',
    '</details>',
  ].join('\n');
}

/** Last resort when even one line per workload does not fit: the verdict and where to look. */
function minimalBody(report: Report, options: MarkdownOptions, max: number): string {
  const lines = [options.marker, headline(report, options), '', trimNote(options), ''].filter((l) => l !== undefined);
  const body = lines.join('\n');
  if (body.length <= max) return body;
  // A cap this small cannot hold a sentence; keep the marker and as much of the headline as fits.
  const headOnly = [options.marker, headline(report, options)].filter(Boolean).join('\n');
  return headOnly.length <= max ? headOnly : (options.marker ?? '').slice(0, max);
}
