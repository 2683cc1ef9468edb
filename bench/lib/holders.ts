/**
 * Issue 14's targets: who holds the leak. Each leak scenario declares the holder a person recognises
 * (`expect.holder`: the module-scope variable, class attribute, emitter's `_events`, closure variable or the
 * timer list that keeps the growth alive); a run names it when a step of a retainer path of one of its top
 * rows has that name. Also what the capture costs (its wall time, the heap it walked, the process's peak RSS
 * with it), that clean scenarios get no analysis at all, and the capture at 50 and 200 MiB heaps.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runPipeline } from '../../src/pipeline.ts';
import type { WorkloadReport } from '../../src/report/schema.ts';
import type { Scenario } from './corpus.ts';
import { pipelineOptions, type Settings, type Trial } from './fidelity.ts';
import { fmtBytes, fmtMs, table } from './format.ts';
import { median } from './proc.ts';
import type { Target } from './summary.ts';

/** How many of a run's rows are searched for the holder ("the top rows"). */
export const HOLDER_ROWS = 3;
/** Issue 14: the holder named for at least this share of leak scenarios. */
export const HOLDER_GOAL = 0.9;

type Path = NonNullable<WorkloadReport['top'][number]['retainers']>[number];

export const pathText = (p: Path): string => p.path.map((s) => s.name).join(' → ');

/** The expected holder(s): one name, or names any of which counts (a scenario says why it has several). */
export function holdersOf(scenario: Scenario): string[] {
  const h = scenario.expect.holder;
  return h === undefined ? [] : Array.isArray(h) ? h : [h];
}

export interface HolderCheck {
  /** null: the scenario declares no holder, or the run ended in an error. */
  named: boolean | null;
  /** Index of the first of the top rows whose paths name the holder, -1 when none. */
  row: number;
  /** The path that names it, or else the top row's main path ('' when it has none). */
  path: string;
  /** The workload's retainers section. */
  status: string;
  reason: string;
  ms: number | null;
  heapUsed: number | null;
  /** The analysis ran (the probe's step, whatever its outcome): a `ms` or a captured/failed status. */
  ran: boolean;
}

export function checkHolder(scenario: Scenario, t: Trial): HolderCheck {
  const section = t.status === 'error' ? undefined : t.workload.retainers;
  const base = {
    status: section?.status ?? 'absent',
    reason: section?.reason ?? '',
    ms: section?.ms ?? null,
    heapUsed: section?.heapUsed ?? null,
    ran: section !== undefined && (section.ms !== undefined || section.status !== 'skipped'),
  };
  const holders = holdersOf(scenario);
  if (t.status === 'error' || holders.length === 0) return { named: null, row: -1, path: '', ...base };
  const rows = t.workload.top.slice(0, HOLDER_ROWS);
  for (let i = 0; i < rows.length; i++) {
    const hit = (rows[i]!.retainers ?? []).find((p) => p.path.some((step) => holders.includes(step.name)));
    if (hit) return { named: true, row: i, path: pathText(hit), ...base };
  }
  const main = rows[0]?.retainers?.[0];
  return { named: false, row: -1, path: main ? pathText(main) : '', ...base };
}

export interface HolderSummary {
  name: string;
  runtime: 'node' | 'python';
  leaks: boolean;
  holder: string;
  trials: number;
  /** Runs judged (not errors, a holder declared). */
  judged: number;
  named: number;
  /** First run's path (the naming one, else the top row's main path) and the capture's outcome. */
  path: string;
  row: number;
  status: string;
  reason: string;
  /** Runs where the retainer analysis ran at all (clean scenarios: should be 0). */
  ran: number;
  captureMs: number;
  heapUsed: number;
  /** The workload process's peak RSS including the capture (/proc VmHWM), and the measurement's own peak. */
  peakRss: number;
  measurePeakRss: number;
}

export function summarizeHolders(scenario: Scenario, trials: Trial[], peaks: number[]): HolderSummary {
  const checks = trials.map((t) => checkHolder(scenario, t));
  const judged = checks.filter((c) => c.named !== null);
  const first = judged.find((c) => c.named) ?? judged[0] ?? checks[0];
  const ok = trials.filter((t) => t.status !== 'error');
  return {
    name: scenario.name,
    runtime: scenario.runtime,
    leaks: scenario.expect.leaks,
    holder: holdersOf(scenario).join(' | '),
    trials: trials.length,
    judged: judged.length,
    named: judged.filter((c) => c.named).length,
    path: first?.path ?? '',
    row: first?.row ?? -1,
    status: first?.status ?? 'absent',
    reason: first?.reason ?? '',
    ran: checks.filter((c) => c.ran).length,
    captureMs: median(checks.flatMap((c) => (c.ms === null ? [] : [c.ms]))),
    heapUsed: median(checks.flatMap((c) => (c.heapUsed === null ? [] : [c.heapUsed]))),
    peakRss: median(peaks.filter((p) => p > 0)),
    measurePeakRss: median(ok.map((t) => t.peakRss)),
  };
}

export function holderLine(s: HolderSummary): string {
  if (!s.leaks)
    return s.ran
      ? `  retainers: analysis RAN on a clean scenario in ${s.ran}/${s.trials} runs (${s.status}: ${s.reason})`
      : '';
  const cost = `capture ${Number.isFinite(s.captureMs) ? fmtMs(s.captureMs) : '—'} over ${Number.isFinite(s.heapUsed) ? fmtBytes(s.heapUsed) : '—'}, peak RSS ${Number.isFinite(s.peakRss) ? fmtBytes(s.peakRss) : '—'} (measurement ${fmtBytes(s.measurePeakRss)})`;
  return `  holder ${s.holder || '(none declared)'}: named in ${s.named}/${s.judged} runs${s.named ? ` (row ${s.row + 1}: ${s.path})` : ` ✗ — ${s.status}${s.reason ? ` (${s.reason})` : ''}; top path ${s.path || '(none)'}`}; ${cost}`;
}

export function holderTargets(summaries: HolderSummary[], timeoutSeconds: number): Target[] {
  const leaks = summaries.filter((s) => s.leaks);
  const judged = leaks.filter((s) => s.judged > 0);
  // A scenario counts when the holder is named in most of its runs.
  const named = judged.filter((s) => s.named * 2 > s.judged);
  const share = judged.length ? named.length / judged.length : Number.NaN;
  const undeclared = leaks.filter((s) => !s.holder).map((s) => s.name);
  const missed = judged.filter((s) => !named.includes(s));
  const byRuntime = (r: string): string =>
    `${named.filter((s) => s.runtime === r).length}/${judged.filter((s) => s.runtime === r).length} ${r}`;
  const runs = judged.reduce((n, s) => n + s.judged, 0);
  const runsNamed = judged.reduce((n, s) => n + s.named, 0);
  const clean = summaries.filter((s) => !s.leaks);
  const cleanRuns = clean.reduce((n, s) => n + s.trials, 0);
  const cleanRan = clean.filter((s) => s.ran > 0);
  const withMs = leaks.filter((s) => Number.isFinite(s.captureMs));
  const slowest = withMs.reduce<HolderSummary | null>(
    (w, s) => (w === null || s.captureMs > w.captureMs ? s : w),
    null,
  );
  // A capture the runner ended (its time limit, out of memory) has no time of its own: it counts as over.
  const failed = leaks.filter((s) => s.status === 'failed');
  const over = [...withMs.filter((s) => s.captureMs > timeoutSeconds * 1000), ...failed];
  // Where the capture ran: a skipped one's peak is the measurement's own.
  const withRss = leaks.filter((s) => Number.isFinite(s.peakRss) && (s.status === 'captured' || s.status === 'failed'));
  const biggest = withRss.reduce<HolderSummary | null>((w, s) => (w === null || s.peakRss > w.peakRss ? s : w), null);
  const targets: Target[] = [];
  if (leaks.length) {
    targets.push({
      name: `the holder named on a retainer path of the top ${HOLDER_ROWS} rows (leak scenarios)`,
      value: judged.length
        ? `${named.length}/${judged.length} scenarios (${(share * 100).toFixed(1)}%; ${byRuntime('node')}, ${byRuntime('python')}); ${runsNamed}/${runs} runs`
        : '—',
      goal: `≥ ${HOLDER_GOAL * 100}% of leak scenarios`,
      pass: judged.length === 0 ? null : share >= HOLDER_GOAL,
      miss: [
        missed.length
          ? `missed: ${missed.map((s) => `${s.name} (${s.status}${s.path ? `, top path ${s.path}` : ''})`).join(', ')}`
          : '',
        undeclared.length ? `no holder declared: ${undeclared.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
    targets.push({
      name: 'retainer analysis time per leak scenario (slowest; median per scenario)',
      value: slowest
        ? `${fmtMs(slowest.captureMs)} (${slowest.name}, ${fmtBytes(slowest.heapUsed)} heap); median ${fmtMs(median(withMs.map((s) => s.captureMs)))}${failed.length ? `; ${failed.length} failed` : ''}`
        : '—',
      goal: `within the capture's ${timeoutSeconds} s limit, none failed`,
      pass: slowest === null && failed.length === 0 ? null : over.length === 0,
      miss: over.length
        ? `${over.map((s) => `${s.name} ${s.status === 'failed' ? `failed: ${s.reason}` : fmtMs(s.captureMs)}`).join(', ')}`
        : '',
    });
    targets.push({
      name: 'peak RSS of the workload process with the capture (largest leak scenario)',
      value: biggest
        ? `${fmtBytes(biggest.peakRss)} (${biggest.name}; measurement alone ${fmtBytes(biggest.measurePeakRss)}); median ${fmtBytes(median(withRss.map((s) => s.peakRss)))}`
        : '—',
      goal: 'reported (see the table)',
      pass: null,
      miss: '',
    });
  }
  if (clean.length) {
    targets.push({
      name: 'retainer analysis on clean scenarios',
      value: `${cleanRan.reduce((n, s) => n + s.ran, 0)} of ${cleanRuns} runs (${clean.length} scenarios)`,
      goal: 'none (retainers section absent or "skipped: not needed")',
      pass: cleanRuns === 0 ? null : cleanRan.length === 0,
      miss: cleanRan.map((s) => `${s.name} ${s.ran}/${s.trials} (${s.status}: ${s.reason})`).join(', '),
    });
  }
  return targets;
}

export function holderSection(summaries: HolderSummary[], costs: RetainerCostRun[]): string {
  const leaks = summaries.filter((s) => s.leaks);
  const parts = ['## Who holds the leak (retainer paths)', ''];
  if (leaks.length) {
    parts.push(
      `Holder: the scenario's declared \`expect.holder\`; named when a step of a retainer path of one of the report's top ${HOLDER_ROWS} rows has that name. Path: the naming path (else the top row's main path), root first. Capture: the report's \`workloads[].retainers.ms\` and the heap it walked (Node heapUsed, Python traced). Peak RSS: the workload process's high-water mark (/proc VmHWM, polled) including the capture, beside the measurement's own peak (\`memory.peakRss\`).`,
      '',
      table(
        [
          'scenario',
          'holder',
          'named',
          'row',
          'path',
          'capture',
          'capture time',
          'heap walked',
          'peak RSS with capture',
          'measurement peak RSS',
        ],
        leaks.map((s) => [
          s.name,
          s.holder ? `\`${s.holder}\`` : '—',
          `${s.named}/${s.judged}`,
          s.row >= 0 ? String(s.row + 1) : '—',
          s.path ? `\`${s.path}\`` : '—',
          s.status + (s.status !== 'captured' || s.named === 0 ? (s.reason ? `: ${s.reason}` : '') : ''),
          Number.isFinite(s.captureMs) ? fmtMs(s.captureMs) : '—',
          Number.isFinite(s.heapUsed) ? fmtBytes(s.heapUsed) : '—',
          Number.isFinite(s.peakRss) ? fmtBytes(s.peakRss) : '—',
          fmtBytes(s.measurePeakRss),
        ]),
      ),
      '',
    );
  }
  const clean = summaries.filter((s) => !s.leaks);
  if (clean.length) {
    const ran = clean.filter((s) => s.ran > 0);
    parts.push(
      `Clean scenarios: the retainer analysis ran in ${ran.reduce((n, s) => n + s.ran, 0)} of ${clean.reduce((n, s) => n + s.trials, 0)} runs${ran.length ? ` (${ran.map((s) => s.name).join(', ')})` : ''}.`,
      '',
    );
  }
  if (costs.length) {
    parts.push(
      'The capture on bigger heaps (bench/retainers/cost-heap.mjs / cost_heap.py: a service-like heap of small records plus a ~4 KiB leak per call; retainers-max-heap raised to 1 GiB, time limit as the default):',
      '',
      table(
        [
          'workload',
          'heap walked',
          'capture',
          'capture time',
          'peak RSS with capture',
          'measurement peak RSS',
          'holder `leaked` named',
        ],
        costs.map((c) => [
          c.label,
          fmtBytes(c.heapUsed),
          `${c.status}${c.reason ? `: ${c.reason}` : ''}`,
          fmtMs(c.ms),
          fmtBytes(c.peakRss),
          fmtBytes(c.measurePeakRss),
          c.named ? 'yes' : 'no',
        ]),
      ),
      '',
    );
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The workload process's peak RSS, capture included: memory.peakRss is written before the capture.

/** Descendants of this process, by /proc (Linux); empty elsewhere. */
function descendants(): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const queue = [process.pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

const hwm = (pid: number): number => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

/** Polls the high-water RSS of this process's descendants while `fn` runs; the largest single process's. */
export async function withPeakRss<T>(fn: () => Promise<T>, everyMs = 100): Promise<{ value: T; peakRss: number }> {
  const peaks = new Map<number, number>();
  const poll = (): void => {
    for (const pid of descendants()) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, hwm(pid)));
  };
  const timer = setInterval(poll, everyMs);
  try {
    const value = await fn();
    return { value, peakRss: Math.max(0, ...peaks.values()) };
  } finally {
    clearInterval(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// The capture at 50 and 200 MiB heaps (what bench/retainers/cost.sh measures by hand).

export const COST_SIZES: { runtime: 'node' | 'python'; mib: number }[] = [
  { runtime: 'node', mib: 50 },
  { runtime: 'node', mib: 200 },
  { runtime: 'python', mib: 50 },
];

export interface RetainerCostRun {
  label: string;
  runtime: 'node' | 'python';
  mib: number;
  heapUsed: number;
  status: string;
  reason: string;
  ms: number;
  peakRss: number;
  measurePeakRss: number;
  named: boolean;
  wallMs: number;
}

export async function runRetainerCost(
  benchDir: string,
  runtime: 'node' | 'python',
  mib: number,
  settings: Settings,
): Promise<RetainerCostRun> {
  const file = join(benchDir, 'retainers', runtime === 'node' ? 'cost-heap.mjs' : 'cost_heap.py');
  const outDir = join(settings.rawDir, 'retainer-cost', `${runtime}-${mib}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const before = process.env.MEMGATE_COST_MIB;
  process.env.MEMGATE_COST_MIB = String(mib);
  const t0 = performance.now();
  try {
    const { value, peakRss } = await withPeakRss(() =>
      runPipeline({
        ...pipelineOptions({ ...settings, timeoutSeconds: 900 }, [relative(settings.repoDir, file)], outDir),
        retainersMaxHeap: 1024 * 1024 * 1024,
      }),
    );
    const w = value.report.workloads[0]!;
    const r = w.retainers;
    return {
      label: `${runtime}, ${mib} MiB`,
      runtime,
      mib,
      heapUsed: r?.heapUsed ?? w.memory.after.heapUsed,
      status: r?.status ?? 'absent',
      reason: r?.reason ?? '',
      ms: r?.ms ?? Number.NaN,
      peakRss,
      measurePeakRss: w.memory.peakRss,
      named: w.top
        .slice(0, HOLDER_ROWS)
        .some((row) => (row.retainers ?? []).some((p) => p.path.some((s) => s.name === 'leaked'))),
      wallMs: performance.now() - t0,
    };
  } finally {
    if (before === undefined) delete process.env.MEMGATE_COST_MIB;
    else process.env.MEMGATE_COST_MIB = before;
  }
}
