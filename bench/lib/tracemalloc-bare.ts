/**
 * Issue 15: memgate's Python probe against the bare tracemalloc two-pass script (tracemalloc_two_pass.py, what the
 * tracemalloc guide does) at the same stack depth and iterations, run alternately with memgate's trials, and
 * where memgate's own work goes (the probe's timings by phase, the Node side, the CLI's start-up).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from '../../src/analysis/defaults.ts';
import type { Trial } from './fidelity.ts';
import { fmtBytes, fmtMs, fmtRatio, table } from './format.ts';
import { median, runProcess } from './proc.ts';
import type { Target } from './summary.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Issue 15's bar: scenarios whose bare run spends at least this long in the workload's two passes. */
export const BARE_WORK_MIN_MS = 500;
export const BARE_WALL_MAX = 1.3;
export const BARE_RSS_MAX = 1.2;

export interface BareRun {
  wallMs: number;
  maxRss: number;
  depth: number;
  loadMs: number;
  pass1Ms: number;
  pass2Ms: number;
  gcMs: number;
  snapshotMs: number;
  compareMs: number;
}

export async function runBare(
  file: string,
  iterations: number,
  depth: number,
  opts: { pythonPath: string; rawDir: string; cwd: string },
): Promise<BareRun> {
  mkdirSync(opts.rawDir, { recursive: true });
  const out = join(opts.rawDir, `bare-tracemalloc-${process.pid}.json`);
  rmSync(out, { force: true });
  const args = [
    join(here, 'tracemalloc_two_pass.py'),
    file,
    String(iterations),
    String(depth),
    String(DEFAULTS.gcRounds),
    out,
  ];
  const proc = await runProcess(opts.pythonPath, args, { cwd: opts.cwd, timeoutMs: 600_000 });
  if (proc.code !== 0)
    throw new Error(
      `bare tracemalloc run of ${file} failed (${proc.code ?? proc.signal}): ${proc.output.slice(-1500)}`,
    );
  const r = JSON.parse(readFileSync(out, 'utf8')) as Omit<BareRun, 'wallMs'>;
  return { ...r, wallMs: proc.wallMs };
}

/**
 * `memgate run <workload>` as a user types it (dist/cli.js in a process of its own, the same interpreter, depth and
 * iterations as the bare script): its wall time, the figure issue 15's target reads. The trials' runPipeline runs
 * inside the bench's own process, beside its timers (on leak trials a /proc scan every 100 ms for the peak RSS) and
 * tsx, and asks the interpreter for its version once per bench; the CLI's start-up, timed apart, came on top.
 */
export async function runMemgateCli(
  file: string,
  iterations: number,
  depth: number,
  opts: { nodePath: string; pythonPath: string; repoDir: string; rawDir: string; cwd: string },
): Promise<number> {
  const outDir = join(opts.rawDir, `cli-run-${process.pid}`);
  const args = [
    join(opts.repoDir, 'dist', 'cli.js'),
    'run',
    file,
    '--python',
    opts.pythonPath,
    '--iterations',
    String(iterations),
    '--stack-depth',
    String(depth),
    '--format',
    'json',
    '--out-dir',
    outDir,
  ];
  const proc = await runProcess(opts.nodePath, args, { cwd: opts.cwd, timeoutMs: 600_000 });
  // 0 pass, 1 a gate failed (a leak scenario): both ran the whole pipeline; 2 is an error.
  if (proc.code !== 0 && proc.code !== 1)
    throw new Error(`memgate run of ${file} failed (${proc.code ?? proc.signal}): ${proc.output.slice(-1500)}`);
  return proc.wallMs;
}

/** `node dist/cli.js --version`: the Node start-up and bundle load that `memgate run` adds to runPipeline's wall time. */
export async function cliStartupMs(repoDir: string, nodePath: string, runs: number): Promise<number> {
  const walls: number[] = [];
  for (let i = 0; i < runs; i++)
    walls.push((await runProcess(nodePath, [join(repoDir, 'dist', 'cli.js'), '--version'], { cwd: repoDir })).wallMs);
  return median(walls);
}

/** The probe's timings (python_probe.py; optional fields absent from older probes read as 0). */
interface PyTimings {
  startupMs?: number;
  loadMs?: number;
  setupMs?: number;
  pass1Ms?: number;
  pass2Ms?: number;
  collectMs?: number;
  snapshotMs?: number;
  compareMs?: number;
  foldMs?: number;
  profileMs?: number;
  writeMs?: number;
  confirmMs?: number;
  totalMs?: number;
}

export interface Breakdown {
  /** Interpreter start and the probe's imports. */
  startup: number;
  /** The workload's import and setup() (the bare script's loadMs is the same two). */
  load: number;
  /** Pass 1 and pass 2. */
  workload: number;
  confirmation: number;
  checkpoints: number;
  snapshots: number;
  compare: number;
  fold: number;
  write: number;
  /** Who holds the leak (issue 14): the retainer capture of a suspect workload, after the result is written. */
  retainers: number;
  /** runPipeline's wall time outside the Python process (and the retainer capture): spawn, reading the result, analysis, the report. */
  node: number;
}

export function breakdownOf(t: Trial): Breakdown | null {
  const { timings, retainers } = t.workload as unknown as { timings?: PyTimings; retainers?: { ms?: number } };
  if (!timings || timings.startupMs === undefined) return null;
  const v = (x: number | undefined): number => x ?? 0;
  const inPython = v(timings.startupMs) + v(timings.totalMs) + v(timings.writeMs) + v(retainers?.ms);
  return {
    startup: v(timings.startupMs),
    load: v(timings.loadMs) + v(timings.setupMs),
    workload: v(timings.pass1Ms) + v(timings.pass2Ms),
    confirmation: v(timings.confirmMs),
    checkpoints: v(timings.collectMs),
    snapshots: v(timings.snapshotMs),
    compare: v(timings.compareMs),
    fold: v(timings.foldMs),
    write: v(timings.writeMs),
    retainers: v(retainers?.ms),
    node: t.wallMs - inPython,
  };
}

export interface BareSummary {
  scenario: string;
  depth: number;
  runs: number;
  bareWallMs: number;
  bareWorkMs: number;
  bareRss: number;
  bareStartupMs: number;
  /** The bare script's import and setup. */
  bareLoadMs: number;
  bareSnapshotMs: number;
  bareCompareMs: number;
  /** runPipeline, median over the trials run alongside the bare ones. */
  memgateMs: number;
  /** `memgate run` (runMemgateCli), median over the pairs: what the target reads. */
  cliMs: number;
  /** runPipeline's median + the CLI's start-up (`--version`): the estimate before `memgate run` was timed itself. */
  estimatedCliMs: number;
  /** The workload process's peak RSS over the whole run, the retainer capture included (polled VmHWM on leak trials). */
  memgateRss: number;
  /** The measurement's own peak (memory.peakRss: before the retainer capture). */
  measureRss: number;
  wallRatio: number;
  /** The median over the pairs of `memgate run`'s wall over the bare script's. */
  cliRatio: number;
  /** Each pair's ratio, in the order run: how far the median may move on this machine (empty without timed runs). */
  cliRatios: number[];
  /** Wall ratio without the confirmation's extra iterations and the retainer capture (work the bare script does not do). */
  netRatio: number;
  rssRatio: number;
  measureRssRatio: number;
  breakdown: Breakdown | null;
  inTarget: boolean;
}

const medianOf = (xs: (Breakdown | null)[], key: keyof Breakdown): number =>
  median(xs.filter((x): x is Breakdown => x !== null).map((x) => x[key]));

/** peaks[i]: trials[i]'s process peak with the capture (0 or absent where not polled: clean trials, whose probe reads it last). */
export function summarizeBare(
  scenario: string,
  trials: Trial[],
  bare: BareRun[],
  cliMs: number,
  peaks: readonly number[] = [],
  cliRuns: readonly number[] = [],
): BareSummary {
  const whole = new Map(trials.map((t, i) => [t, Math.max(t.peakRss, peaks[i] ?? 0)]));
  const paired = trials.filter((t) => t.status !== 'error').slice(0, bare.length);
  const breakdowns = paired.map(breakdownOf);
  const bareRss = median(bare.map((b) => b.maxRss));
  const memgateRss = median(paired.map((t) => whole.get(t)!));
  const measureRss = median(paired.map((t) => t.peakRss));
  const keys: (keyof Breakdown)[] = [
    'startup',
    'load',
    'workload',
    'confirmation',
    'checkpoints',
    'snapshots',
    'compare',
    'fold',
    'write',
    'retainers',
    'node',
  ];
  const breakdown = breakdowns.some((b) => b !== null)
    ? (Object.fromEntries(keys.map((k) => [k, medianOf(breakdowns, k)])) as unknown as Breakdown)
    : null;
  const bareWallMs = median(bare.map((b) => b.wallMs));
  const memgateMs = median(paired.map((t) => t.wallMs));
  const confirmation = (breakdown?.confirmation ?? 0) + (breakdown?.retainers ?? 0);
  const bareWorkMs = median(bare.map((b) => b.pass1Ms + b.pass2Ms));
  // Without timed `memgate run`s (older callers), the estimate stands in.
  const timed = cliRuns.length > 0;
  const memgateRunMs = timed ? median(cliRuns) : memgateMs + cliMs;
  // cliRuns[i] ran right after bare[i] (run.ts pushes them together).
  const cliRatios = timed ? cliRuns.map((wall, i) => wall / bare[i]!.wallMs) : [];
  const cliRatio = timed ? median(cliRatios) : (memgateMs + cliMs) / bareWallMs;
  return {
    scenario,
    depth: bare[0]?.depth ?? 0,
    runs: bare.length,
    bareWallMs,
    bareWorkMs,
    bareRss,
    bareStartupMs: median(
      bare.map((b) => b.wallMs - (b.loadMs + b.pass1Ms + b.pass2Ms + b.gcMs + b.snapshotMs + b.compareMs)),
    ),
    bareLoadMs: median(bare.map((b) => b.loadMs)),
    bareSnapshotMs: median(bare.map((b) => b.snapshotMs)),
    bareCompareMs: median(bare.map((b) => b.compareMs)),
    memgateMs,
    cliMs: memgateRunMs,
    estimatedCliMs: memgateMs + cliMs,
    memgateRss,
    measureRss,
    wallRatio: memgateMs / bareWallMs,
    cliRatio,
    cliRatios,
    netRatio: (memgateRunMs - confirmation) / bareWallMs,
    rssRatio: memgateRss / bareRss,
    measureRssRatio: measureRss / bareRss,
    breakdown,
    inTarget: bareWorkMs >= BARE_WORK_MIN_MS,
  };
}

/** The pairs' lowest and highest ratios, where there are more than one. */
const ratioRange = (s: BareSummary): string =>
  s.cliRatios.length > 1 ? ` (${fmtRatio(Math.min(...s.cliRatios))}–${fmtRatio(Math.max(...s.cliRatios))})` : '';

export function bareLine(s: BareSummary, cliMs: number): string {
  const b = s.breakdown;
  return (
    `  bare tracemalloc (depth ${s.depth}): ${fmtMs(s.bareWallMs)} (passes ${fmtMs(s.bareWorkMs)}) ${fmtBytes(s.bareRss)}` +
    ` → memgate run ${fmtMs(s.cliMs)}, ${fmtRatio(s.cliRatio)}${ratioRange(s)} (runPipeline ${fmtRatio(s.wallRatio)}; its estimate with the CLI's start-up ${fmtRatio(s.estimatedCliMs / s.bareWallMs)}), ${fmtRatio(s.netRatio)} net of the confirmation and retainer capture; RSS ${fmtRatio(s.rssRatio)} (measurement alone ${fmtRatio(s.measureRssRatio)})` +
    (b
      ? `\n  memgate's own: start-up ${fmtMs(b.startup)} (bare ${fmtMs(s.bareStartupMs)}), import and setup ${fmtMs(b.load)} (bare ${fmtMs(s.bareLoadMs)}), checkpoints ${fmtMs(b.checkpoints)}, snapshots ${fmtMs(b.snapshots)} (bare ${fmtMs(s.bareSnapshotMs)}),` +
        ` diff ${fmtMs(b.compare)} (bare compare_to ${fmtMs(s.bareCompareMs)}), folding ${fmtMs(b.fold)}, serialising ${fmtMs(b.write)}, retainer capture ${fmtMs(b.retainers)}, Node side ${fmtMs(b.node)}, CLI start-up ${fmtMs(cliMs)};` +
        ` passes ${fmtMs(b.workload)}, confirmation ${fmtMs(b.confirmation)}`
      : '')
  );
}

export function bareSection(rows: BareSummary[], cliMs: number): string {
  const b = (s: BareSummary, k: keyof Breakdown): string => (s.breakdown ? fmtMs(s.breakdown[k]) : '—');
  return [
    '## Python: memgate vs bare tracemalloc',
    '',
    `The bare script (bench/lib/tracemalloc_two_pass.py) does what the tracemalloc guide does at memgate's depth and iterations: \`tracemalloc.start(depth)\` before the import, setup, N calls, gc, \`take_snapshot()\`, N calls, gc, \`take_snapshot()\`, \`compare_to(..., 'traceback')\`. Run alternately with memgate's first trials, each bare run followed by a \`memgate run <scenario> --python <the same interpreter> --iterations N --stack-depth D\` (dist/cli.js, a process of its own, as a user runs it; both on the bench's CPU with --pin-cpu, else where the scheduler puts them, as users' runs are); "memgate run" is the median of those, "ratio" the median of the pairs' ratios, their range beside it. "runPipeline ratio" is the trials' runPipeline, inside the bench's process, over the bare script; "estimate" adds the CLI's start-up (\`node dist/cli.js --version\`, ${fmtMs(cliMs)}) to it, the figure this table gave before \`memgate run\` was timed itself. The bare script's "start-up" is its wall less its timed phases: the interpreter's start, the workload's teardown (a server's shutdown waits for its poll, up to 0.5 s) and the exit. "net" leaves out the confirmation (issue 10's extra iterations on a suspect workload) and the retainer capture (issue 14), which the bare script does not do. memgate's RSS is the workload process's peak over the whole run (on leak trials polled from /proc VmHWM, so the retainer capture is in it), the measurement's own peak beside it. Targets (issue 15): ≤ ${BARE_WALL_MAX}× wall and ≤ ${BARE_RSS_MAX}× RSS where the bare passes take ≥ ${fmtMs(BARE_WORK_MIN_MS)}; ¹ below that.`,
    '',
    table(
      [
        'scenario',
        'depth',
        'bare wall (passes)',
        'memgate run',
        'ratio',
        'net of confirmation and retainers',
        'runPipeline ratio (estimate)',
        'bare RSS',
        'memgate RSS (measurement alone)',
        'RSS ratio (measurement alone)',
        'start-up (bare)',
        'import and setup (bare)',
        'checkpoints',
        'snapshots (bare)',
        'diff (bare compare_to)',
        'folding',
        'serialising',
        'Node side',
        'confirmation',
        'retainer capture',
      ],
      rows.map((s) => [
        s.scenario + (s.inTarget ? '' : ' ¹'),
        String(s.depth),
        `${fmtMs(s.bareWallMs)} (${fmtMs(s.bareWorkMs)})`,
        fmtMs(s.cliMs),
        fmtRatio(s.cliRatio) + ratioRange(s),
        fmtRatio(s.netRatio),
        `${fmtRatio(s.wallRatio)} (${fmtRatio(s.estimatedCliMs / s.bareWallMs)})`,
        fmtBytes(s.bareRss),
        `${fmtBytes(s.memgateRss)} (${fmtBytes(s.measureRss)})`,
        `${fmtRatio(s.rssRatio)} (${fmtRatio(s.measureRssRatio)})`,
        `${b(s, 'startup')} (${fmtMs(s.bareStartupMs)})`,
        `${b(s, 'load')} (${fmtMs(s.bareLoadMs)})`,
        b(s, 'checkpoints'),
        `${b(s, 'snapshots')} (${fmtMs(s.bareSnapshotMs)})`,
        `${b(s, 'compare')} (${fmtMs(s.bareCompareMs)})`,
        b(s, 'fold'),
        b(s, 'write'),
        b(s, 'node'),
        b(s, 'confirmation'),
        b(s, 'retainers'),
      ]),
    ),
    '',
  ].join('\n');
}

export function bareTargets(rows: BareSummary[]): Target[] {
  const eligible = rows.filter((s) => s.inTarget);
  const worst = (pick: (s: BareSummary) => number): BareSummary | null =>
    eligible.reduce<BareSummary | null>((w, s) => (w === null || pick(s) > pick(w) ? s : w), null);
  const over = (pick: (s: BareSummary) => number, max: number): string =>
    eligible
      .filter((s) => pick(s) > max)
      .map((s) => `${s.scenario} ${fmtRatio(pick(s))}`)
      .join(', ');
  const target = (name: string, pick: (s: BareSummary) => number, max: number): Target => {
    const w = worst(pick);
    const miss = over(pick, max);
    return {
      name,
      value: w
        ? `worst ${fmtRatio(pick(w))} (${w.scenario}; ${eligible.length} scenarios with ≥ ${fmtMs(BARE_WORK_MIN_MS)} of bare passes)`
        : '—',
      goal: `≤ ${max.toFixed(2)}×`,
      pass: w === null ? null : miss === '',
      miss,
    };
  };
  return [
    target('Python wall vs bare tracemalloc (memgate run)', (s) => s.cliRatio, BARE_WALL_MAX),
    target(
      'Python wall vs bare tracemalloc, net of the confirmation and retainer capture',
      (s) => s.netRatio,
      BARE_WALL_MAX,
    ),
    target(
      'Python peak RSS vs bare tracemalloc (the whole run, retainer capture included)',
      (s) => s.rssRatio,
      BARE_RSS_MAX,
    ),
    target('Python peak RSS vs bare tracemalloc, the measurement alone', (s) => s.measureRssRatio, BARE_RSS_MAX),
  ];
}
