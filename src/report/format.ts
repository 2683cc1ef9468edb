/**
 * Number formatting shared by the renderers. Deterministic (no locale lookups), so reports read the
 * same on every machine and tests can pin exact strings. Also the small status rules both
 * renderers share, so the terminal and the PR comment never disagree.
 */
import type { BaseComparison, WorkloadComparison } from '../analysis/base-compare.ts';
import type { GroupBy, Report, TopEntry, WorkloadReport } from './schema.ts';
import { formatBytes as formatBytesIec } from '../analysis/format-bytes.ts';

export interface SignOption {
  /** Prefix positive values with '+' (zero stays unsigned). */
  sign?: boolean;
}

/**
 * IEC sizes with one decimal, trailing `.0` dropped: `12.4 MiB`, `512 B`; with `sign`, `+512 KiB`.
 * The rounding rules live in analysis/format-bytes.ts (gate reasons use the same); here only
 * non-finite values read as `n/a`.
 */
export function formatBytes(n: number, opts: SignOption = {}): string {
  return Number.isFinite(n) ? formatBytesIec(n, { signed: opts.sign === true }) : 'n/a';
}

/** `90342` → `90,342`; with `sign`, `+90,342`. Rounds to an integer. */
export function formatCount(n: number, opts: SignOption = {}): string {
  if (!Number.isFinite(n)) return 'n/a';
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (rounded < 0) return `-${digits}`;
  return opts.sign && rounded > 0 ? `+${digits}` : digits;
}

/**
 * A fraction as a percentage with one decimal: `0.125` → `12.5%`; with `sign`, `+12.5%`.
 * Trailing `.0` is dropped (`50%`), and tiny non-zero values keep a hint of their size (`<0.1%`).
 */
export function formatPercent(fraction: number, opts: SignOption = {}): string {
  if (!Number.isFinite(fraction)) return 'n/a';
  const pct = fraction * 100;
  const abs = Math.abs(pct);
  const sign = pct < 0 ? '-' : opts.sign && pct > 0 ? '+' : '';
  if (abs > 0 && abs < 0.05) return `${sign}<0.1%`;
  return `${sign}${trimZero(abs.toFixed(1))}%`;
}

/** `12.0` → `12`, `12.5` → `12.5`. */
export function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** A signed size change, or '—' when unknown. */
export function formatChange(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : formatBytes(n, { sign: true });
}

/** Relative age of `then` at `now`: `just now`, `5 minutes ago`, `3 hours ago`, `2 days ago`; null if unparsable. */
export function formatAge(then: string, now: Date): string | null {
  const t = Date.parse(then);
  if (!Number.isFinite(t) || !Number.isFinite(now.getTime())) return null;
  const seconds = Math.round((now.getTime() - t) / 1000);
  if (seconds < 0) return 'in the future (clock skew)';
  if (seconds < 60) return 'just now';
  const units: [number, string][] = [
    [60 * 60 * 24 * 365, 'year'],
    [60 * 60 * 24 * 30, 'month'],
    [60 * 60 * 24, 'day'],
    [60 * 60, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

/** The sampling interval as people read it: `every 4 KiB (sampled)` / `every allocation (exact)`. */
export function formatSampling(interval: number | null): string {
  return interval === null ? 'every allocation (exact)' : `one sample per ${formatBytes(interval)} allocated`;
}

type Frame = TopEntry['traceback'][number];

/**
 * A row's traceback split at its site. The site is the first frame in the user's code, not
 * necessarily the innermost: when the allocation happened inside a dependency (or runtime code the
 * diff kept), those frames come first. All parts innermost first; `site` is null when the traceback
 * does not hold the site's frame (then every frame is listed as a caller).
 */
export interface CallPath {
  /** Frames the site called into, down to the allocation. */
  inside: Frame[];
  site: Frame | null;
  callers: Frame[];
}

export function splitCallPath(t: TopEntry, groupBy: GroupBy): CallPath {
  // A file row's site is the file: its frame is the first one in that file.
  const at = t.traceback.findIndex(
    (f) => f.file === t.file && (groupBy === 'file' || (f.line === t.line && f.function === t.function)),
  );
  if (at < 0) return { inside: [], site: null, callers: t.traceback };
  return { inside: t.traceback.slice(0, at), site: t.traceback[at]!, callers: t.traceback.slice(at + 1) };
}

/**
 * At most `max` (≥ 1) of the frames inside: the innermost ones (where the memory was allocated) and
 * the outermost (the call the site made), with how many were skipped between them.
 */
export function elideInside(frames: Frame[], max: number): { first: Frame[]; skipped: number; last: Frame[] } {
  if (frames.length <= max) return { first: frames, skipped: 0, last: [] };
  if (max <= 1) return { first: frames.slice(0, 1), skipped: frames.length - 1, last: [] };
  return { first: frames.slice(0, max - 1), skipped: frames.length - max, last: frames.slice(-1) };
}

/** Whether the top table names a function: not for file rows, whose site is the file. */
export function showsFunction(groupBy: GroupBy): boolean {
  return groupBy !== 'file';
}

/** What the rows of the top table are, per grouping. */
export function siteNoun(groupBy: 'line' | 'file' | 'traceback', plural = true): string {
  const noun = groupBy === 'file' ? 'file' : groupBy === 'traceback' ? 'call path' : 'line';
  return plural ? `${noun}s` : noun;
}

export type Status = 'pass' | 'fail' | 'error';

type WorkloadError = NonNullable<WorkloadReport['error']>;

/** What went wrong, in words: the report's `kind` codes are for programs. */
const FAILURE: Record<WorkloadError['kind'], string> = {
  'not-found': 'was not found',
  load: 'could not be loaded',
  'no-export': 'has nothing memgate can run',
  threw: 'threw',
  timeout: 'timed out',
  oom: 'ran out of memory',
  exit: 'ended its own process',
  runtime: 'could not start: its runtime or profiler is unavailable',
  probe: "stopped because memgate's probe failed",
};

/** Where, in words; loading is implied by the load failures. */
const PHASE: Record<string, string> = {
  load: 'while loading',
  setup: 'in setup()',
  pass1: 'in the warm-up pass',
  baseline: 'while memgate took the baseline',
  pass2: 'in the measured pass',
  after: 'while memgate read the end of the measured pass',
  confirm: 'in the extra iterations that confirm growth',
  retainers: 'while memgate looked for what holds the growth',
  teardown: 'in teardown()',
};

/**
 * A workload whose options are wrong reports the kind a module with nothing to run does (`no-export`): its message
 * names the option (`options.iterations must be …`, `…: options.maxRetained: "10XB" is not a size`,
 * Python's `options["maxHeap"] must be …`). It has something to run; its options are what failed.
 */
const BAD_OPTION = /(?:^|: )options(?:\.\w+|\[["']\w+["']\])(?::| must)/;

/** `threw in the measured pass, at iteration 30`: one phrase for the text, Markdown and the verdict's reason. */
export function describeFailure(
  e: Pick<WorkloadError, 'kind' | 'phase' | 'iteration'> & { message?: string | undefined },
): string {
  const implied = e.phase === 'load' && (e.kind === 'load' || e.kind === 'no-export' || e.kind === 'not-found');
  const phase = e.phase && !implied ? (PHASE[e.phase] ?? `during ${e.phase}`) : '';
  const at = e.iteration !== undefined ? `at iteration ${e.iteration}` : '';
  const what =
    e.kind === 'no-export' && e.message !== undefined && BAD_OPTION.test(e.message)
      ? 'has an invalid option'
      : (FAILURE[e.kind] ?? `failed (${e.kind})`);
  return [what, [phase, at].filter(Boolean).join(', ')].filter(Boolean).join(' ');
}

/**
 * `heap 4.1 MiB, external 2 MiB, RSS 45.7 MiB`: the last memory a failed workload reported. Python's figures are
 * tracemalloc's (traced, no external memory), named as its report names them.
 */
export function describeLastMemory(
  w: Pick<WorkloadReport, 'runtime'>,
  m: NonNullable<WorkloadError['lastMemory']>,
): string {
  if (w.runtime.name === 'python') return `traced ${formatBytes(m.heapUsed)}, RSS ${formatBytes(m.rss)}`;
  return `heap ${formatBytes(m.heapUsed)}, external ${formatBytes(m.external)}, RSS ${formatBytes(m.rss)}`;
}

/** `node 20.20.2 (V8 …) · tsx 4.x`, without the gaps a workload that failed before reporting leaves. */
export function describeRuntime(r: WorkloadReport['runtime']): string {
  return (
    [r.name, r.version, r.engine ? `(V8 ${r.engine})` : ''].filter(Boolean).join(' ') +
    (r.loader ? ` · ${r.loader}` : '')
  );
}

/**
 * What failed or passed, in plain words, for the headline of the text report, the PR comment and the job summary,
 * and the Action's failure message: `FAIL: retained memory keeps growing`, `FAIL: peak RSS over max-rss`,
 * `FAIL: memory regression against the base`, `PASS: memory does not keep growing`, `ERROR: 1 workload could not be
 * measured`. "Regression" only where a base comparison exists and regressed: a local run has nothing to regress from.
 */
export function headlineText(report: Report, comparison: BaseComparison | undefined): string {
  const status = overallStatus(report, comparison);
  if (status === 'error') {
    const n = report.workloads.filter((w) => workloadStatus(w, findComparison(comparison, w.path)) === 'error').length;
    return n === 1 ? 'a workload could not be measured' : `${n || 'some'} workloads could not be measured`;
  }
  if (status === 'fail') return joinPhrases(failurePhrases(report, comparison)) || 'the memory gate failed';
  if (comparison) return 'no memory regression against the base';
  return passPhrase(report) || 'nothing grew';
}

/** What each failing workload failed on, once per kind, in a fixed order: the base first, then growth, then ceilings. */
function failurePhrases(report: Report, comparison: BaseComparison | undefined): string[] {
  let regressed = comparison?.regressed === true;
  let grows = false;
  const over = new Set<string>();
  for (const w of report.workloads) {
    if (findComparison(comparison, w.path)?.regressed) regressed = true;
    if (w.error || w.verdict.status !== 'fail') continue;
    const exceeded = ceilingsShown(report, w).filter((c) => !c.passed);
    for (const c of exceeded) over.add(c.flag);
    // The gate gives one reason per exceeded ceiling and at most one for the leak rule.
    if (w.verdict.reasons.length > exceeded.length || exceeded.length === 0) grows = true;
  }
  return [
    ...(regressed ? ['memory regression against the base'] : []),
    ...(grows ? ['retained memory keeps growing'] : []),
    ...CEILING_PHRASES.filter(([flag]) => over.has(flag)).map(([, phrase]) => phrase),
  ];
}

/** What the passing workloads were judged on: the leak rule (no max-retained), and any ceilings. */
function passPhrase(report: Report): string {
  let rule = false;
  const within = new Set<string>();
  for (const w of report.workloads) {
    if (w.error || w.verdict.status === 'error') continue;
    const ceilings = ceilingsShown(report, w).filter((c) => c.limit !== null);
    if (!ceilings.some((c) => c.flag === 'max-retained')) rule = true;
    for (const c of ceilings) within.add(c.flag);
  }
  const flags = joinPhrases(
    CEILING_PHRASES.map(([flag]) => flag).filter((flag) => within.has(flag)),
    ' and ',
  );
  if (rule) return flags ? `memory does not keep growing and stays within ${flags}` : 'memory does not keep growing';
  return flags ? `memory stays within ${flags}` : '';
}

const CEILING_PHRASES = [
  ['max-retained', 'retained memory over max-retained'],
  ['max-heap', 'heap over max-heap'],
  ['max-rss', 'peak RSS over max-rss'],
] as const;

function joinPhrases(parts: readonly string[], last = ', and '): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')}${last}${parts.at(-1)!}`;
}

/** A workload's status for display: its own verdict, made a failure by a regression against base. */
export function workloadStatus(w: WorkloadReport, cmp: WorkloadComparison | undefined): Status {
  if (w.error || w.verdict.status === 'error') return 'error';
  if (w.verdict.status === 'fail' || cmp?.regressed) return 'fail';
  return 'pass';
}

/**
 * The headline status: any regression → fail (the finding that matters most), else any workload
 * that could not be measured → error, else pass. The report's own verdict is ranked the same way
 * (the pipeline's verdict uses this order too), so the rendering never disagrees with the gate.
 */
export function overallStatus(report: Report, comparison: BaseComparison | undefined): Status {
  const statuses = report.workloads.map((w) => workloadStatus(w, findComparison(comparison, w.path)));
  statuses.push(report.verdict.status);
  if (statuses.includes('fail') || comparison?.regressed) return 'fail';
  if (statuses.includes('error')) return 'error';
  return 'pass';
}

export function findComparison(comparison: BaseComparison | undefined, path: string): WorkloadComparison | undefined {
  return comparison?.workloads.find((c) => c.path === path);
}

/** `2 workloads: 1 regressed, 1 passed`; `3 workloads: 1 failed, 1 could not be measured, 1 passed`. */
export function countLine(report: Report, comparison: BaseComparison | undefined): string {
  const counts = { regressed: 0, fail: 0, error: 0, pass: 0 };
  for (const w of report.workloads) {
    const cmp = findComparison(comparison, w.path);
    const status = workloadStatus(w, cmp);
    counts[status === 'fail' && cmp?.regressed ? 'regressed' : status] += 1;
  }
  const n = report.workloads.length;
  const parts: string[] = [];
  if (counts.regressed) parts.push(`${counts.regressed} regressed`);
  if (counts.fail) parts.push(`${counts.fail} failed`);
  if (counts.error) parts.push(`${counts.error} could not be measured`);
  if (counts.pass) parts.push(`${counts.pass} passed`);
  return `${n} workload${n === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * The leak-rate rule's figures: the rate that decided and a phrase saying over what and what it means
 * ("per iteration (±31 B) over 896 extra iterations: a leak (threshold 512 B/iteration; measured pass
 * 3.4 KiB/iteration)"). Null when the rule was off.
 */
export function describeLeakRate(w: WorkloadReport): { rate: number; phrase: string } | null {
  const leak = w.leak;
  if (!leak) return null;
  const per = (n: number): string => `${formatBytes(n)}/iteration`;
  const threshold = `threshold ${per(leak.threshold)}`;
  if (leak.verdict === 'not-suspect' || leak.rate === null) {
    return {
      rate: leak.measuredRate,
      phrase: `per iteration over the measured pass: too little growth to be suspect (${threshold})`,
    };
  }
  const word = { settles: 'settles', leak: 'a leak', 'still-growing': 'still growing, though slowing' }[leak.verdict];
  const uncertainty = leak.uncertainty === null ? '' : ` (±${formatBytes(leak.uncertainty)})`;
  return {
    rate: leak.rate,
    phrase: `per iteration${uncertainty} over ${formatCount(leak.extraIterations)} extra iterations: ${word} (${threshold}; measured pass ${per(leak.measuredRate)})`,
  };
}

/** "incl. 896 confirmation iterations" when the rows cover more than the measured pass. */
export function sitesWindow(w: WorkloadReport): string | null {
  const extra = w.leak ? w.leak.sitesCover - w.iterations : 0;
  return extra > 0 ? `since the baseline, incl. ${formatCount(extra)} confirmation iterations` : null;
}

// ---------------------------------------------------------------------------------------------
// Who holds the leak (retainer paths)

type RetainerPath = NonNullable<TopEntry['retainers']>[number];
type RetainerStep = RetainerPath['path'][number];

/** How a step holds the next, in few words: `cache (module scope, cache.mjs:3)`, `[] (Map entry)`. */
const KIND_WORDS: Record<RetainerStep['kind'], string> = {
  global: 'global',
  'module-scope variable': 'module scope',
  'closure variable': 'closure',
  'class attribute': 'class attribute',
  property: 'property',
  element: 'element',
  'map entry': 'Map entry',
  'set entry': 'Set entry',
  'listener list': 'listeners',
  'timer list': 'timers',
  'promise reactions': 'promise reactions',
  internal: 'internal',
};

/** A step's parts for a renderer to escape its own way: its name, and `kind[, file:line]`. */
export function retainerStepParts(step: RetainerStep): { name: string; kind: string; file?: string; line?: number } {
  return {
    name: step.name,
    kind: KIND_WORDS[step.kind],
    ...(step.file !== undefined ? { file: step.file } : {}),
    ...(step.line !== undefined ? { line: step.line } : {}),
  };
}

/** A path on one line, root first: `responses (module scope, src/cache.js:2) → [] (Map entry)` (not escaped). */
export function retainerPathText(path: RetainerPath): string {
  return path.path
    .map((step) => {
      const { name, kind, file, line } = retainerStepParts(step);
      return `${name} (${kind}${file !== undefined ? `, ${file}${line ? `:${line}` : ''}` : ''})`;
    })
    .join(RETAINER_ARROW);
}

/** `80.8 KiB in 30 objects`: what a path holds of the objects the capture looked at. */
export function retainedByPath(path: RetainerPath): string {
  return `${formatBytes(path.bytes)} in ${formatCount(path.objects)} object${path.objects === 1 ? '' : 's'}`;
}

/** Joins a path's steps, root first. */
export const RETAINER_ARROW = ' → ';

/**
 * What to say about a workload's retainer capture besides its paths (null: nothing): why it was skipped or
 * failed (only for a workload that failed: for a clean one there is nothing to hold), or that the walk was cut.
 */
export function retainersNote(w: WorkloadReport, status: Status): string | null {
  const r = w.retainers;
  if (!r || status !== 'fail') return null;
  if (r.status === 'skipped') return `who holds the growth: not looked for — ${r.reason ?? 'skipped'}`;
  if (r.status === 'failed') return `who holds the growth: the capture failed — ${r.reason ?? 'no reason given'}`;
  if (r.reason) return `who holds the growth: ${r.reason}`;
  if (r.truncated) return 'who holds the growth: the walk reached its time limit; the paths cover part of the heap';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Filters and ceilings

const quoted = (patterns: readonly string[]): string => patterns.map((p) => `'${p}'`).join(', ');

/**
 * What include/exclude left out of the rows, when it left out growing sites: "include 'nothing/**' matched none
 * of 37 growing lines (571 KiB); the verdict counts all of them". Null without a filter, or when it dropped nothing
 * that grew. Not escaped.
 */
export function filterNote(settings: Report['settings'], w: WorkloadReport): string | null {
  const f = w.filter;
  if (!f || f.growingSites === 0 || f.keptSites >= f.growingSites) return null;
  const { include, exclude } = settings;
  const what =
    include.length > 0 && exclude.length > 0
      ? `include ${quoted(include)} with exclude ${quoted(exclude)}`
      : include.length > 0
        ? `include ${quoted(include)}`
        : `exclude ${quoted(exclude)}`;
  const verb = exclude.length === 0 ? 'matched' : 'left';
  const all = `${formatCount(f.growingSites)} growing ${siteNoun(settings.groupBy, f.growingSites !== 1)}`;
  const counted = f.growingSites === 1 ? 'the verdict counts it' : 'the verdict counts all of them';
  if (f.keptSites === 0) return `${what} ${verb} none of ${all} (${formatBytes(f.growingBytes)}); ${counted}`;
  return `${what} ${verb} ${formatCount(f.keptSites)} of ${all} (${formatBytes(f.keptBytes)} of ${formatBytes(f.growingBytes)}); ${counted}`;
}

export interface CeilingShown {
  /** As the run sets it: max-retained, max-heap, max-rss. */
  flag: string;
  /** null: the workload's options turned the run's ceiling off. */
  limit: number | null;
  measured: number;
  passed: boolean;
  fromWorkload: boolean;
}

const CEILINGS_SHOWN = [
  ['maxRetained', 'max-retained', (w: WorkloadReport) => w.retained.total],
  ['maxHeap', 'max-heap', (w: WorkloadReport) => w.memory.after.heapUsed],
  ['maxRss', 'max-rss', (w: WorkloadReport) => w.memory.peakRss],
] as const;

/** Every ceiling a workload was gated on (the run's, or its own options'), passed or not, and those its options turned off. */
export function ceilingsShown(report: Report, w: WorkloadReport): CeilingShown[] {
  const own = w.ceilings;
  const out: CeilingShown[] = [];
  for (const [name, flag, measure] of CEILINGS_SHOWN) {
    const fromWorkload = own?.fromWorkload.includes(name) ?? false;
    const limit = own ? own[name] : report.settings.ceilings[name];
    if (limit === null && !fromWorkload) continue;
    const measured = measure(w);
    out.push({ flag, limit, measured, passed: limit === null || measured <= limit, fromWorkload });
  }
  return out;
}

/** `max-retained 256 KiB (the workload's options): +120 KiB, passed`. */
export function describeCeiling(c: CeilingShown): string {
  const source = c.fromWorkload ? " (the workload's options)" : '';
  if (c.limit === null) return `${c.flag} off${source}`;
  const measured = c.flag === 'max-retained' ? formatChange(c.measured) : formatBytes(c.measured);
  return `${c.flag} ${formatBytes(c.limit)}${source}: ${measured}, ${c.passed ? 'passed' : 'exceeded'}`;
}
