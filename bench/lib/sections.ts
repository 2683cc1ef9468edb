/** Markdown sections for the side-by-side reference comparison and the big-heap runs. */
import { phasesOf, type BigHeapRun } from './big-heap.ts';
import { fmtBytes, fmtMs, fmtRatio, table } from './format.ts';
import type { CliRun } from './reference.ts';
import type { SideBySide } from './side-by-side.ts';
import type { ScenarioSummary } from './summary.ts';

/** "fail 3/3", "pass 2/3, fail 1/3". */
export function verdictCounts(runs: CliRun[]): string {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${status} ${n}/${runs.length}`).join(', ') || '—';
}

export function referenceSection(
  sides: SideBySide[],
  summaries: ScenarioSummary[],
  rev: string,
  pairs: number,
): string {
  const byName = new Map(summaries.map((s) => [s.name, s]));
  const wrong = (side: SideBySide, runs: CliRun[]): number => {
    const leaks = byName.get(side.scenario)?.leaks ?? false;
    return runs.filter((r) => r.status !== (leaks ? 'fail' : 'pass')).length;
  };
  const rows = sides.map((side) => {
    const s = byName.get(side.scenario);
    const refWrong = wrong(side, side.ref);
    return [
      side.scenario,
      s?.leaks ? 'leak' : 'clean',
      verdictCounts(side.head),
      `${verdictCounts(side.ref)}${refWrong ? (s?.leaks ? ' (missed)' : ' (false alarm)') : ''}`,
      fmtMs(side.headMs),
      fmtMs(side.refMs),
      fmtRatio(side.ratio),
    ];
  });
  const refAlarms = sides
    .filter((side) => byName.get(side.scenario)?.leaks === false && wrong(side, side.ref) > 0)
    .map((side) => side.scenario);
  const refMisses = sides
    .filter((side) => byName.get(side.scenario)?.leaks === true && wrong(side, side.ref) > 0)
    .map((side) => side.scenario);
  return [
    `## Against today's memgate (${rev}), side by side`,
    '',
    `Both CLIs (\`node dist/cli.js run <scenario> --format json\`), ${pairs} fresh-process run(s) each per scenario, alternating which goes first; wall time is the whole CLI process, medians. The reference is a git worktree of ${rev} built in a temp dir. Its verdicts show where today's rule false-alarms or misses.`,
    '',
    `Reference false alarms on: ${refAlarms.join(', ') || 'none'}. Reference misses on: ${refMisses.join(', ') || 'none'}.`,
    '',
    table(['scenario', 'truth', 'head verdicts', `${rev} verdicts`, 'head wall', `${rev} wall`, 'ratio'], rows),
    '',
  ].join('\n');
}

export function bigHeapSection(runs: BigHeapRun[]): string {
  const parts = [
    '## Big heaps: against a plain two-pass run (issue 16)',
    '',
    "setup() builds the resident heap (small objects), run() leaks ~6 KiB. Plain: setup, pass 1, two rounds of an event-loop turn and gc(), pass 2, the same, no profiler. memgate: runPipeline at defaults; the reference: today's CLI. Medians of the trials.",
    '',
    table(
      [
        'heap after',
        'trials',
        'memgate wall',
        'plain wall',
        'wall ×',
        'memgate peak RSS',
        'plain peak RSS',
        'RSS ×',
        'verdict, top row',
        'reference wall, RSS, verdict',
      ],
      runs.map((r) => [
        `${r.workload} (${fmtBytes(r.heapAfter)})`,
        String(r.trials),
        fmtMs(r.memgate.wallMs),
        fmtMs(r.plain.wallMs),
        fmtRatio(r.wallRatio),
        fmtBytes(r.memgate.peakRss),
        fmtBytes(r.plain.peakRss),
        fmtRatio(r.rssRatio),
        `${r.memgate.status}, ${r.memgate.top}${r.memgate.topRight ? ' ✓' : ' ✗'}`,
        r.reference ? `${fmtMs(r.reference.wallMs)}, ${fmtBytes(r.reference.peakRss)}, ${r.reference.status}` : '—',
      ]),
    ),
    '',
  ];
  parts.push(...phasesSection(runs));
  return parts.join('\n');
}

/** Where the time goes, by phase, at each heap size: memgate beside the plain run, and the reference's raw timings. */
function phasesSection(runs: BigHeapRun[]): string[] {
  const rows = runs.flatMap((r) => {
    const p = phasesOf(r.timings, r.memgate.wallMs);
    if (!p) return [];
    const each = p.fullGcs > 0 ? p.fullGcMs / p.fullGcs : NaN;
    return [
      [
        `${r.workload} (${fmtBytes(r.heapAfter)})`,
        fmtMs(r.memgate.wallMs),
        fmtMs(p.startup),
        fmtMs(p.setup),
        fmtMs(p.passes),
        `${p.fullGcs} × ${fmtMs(each)} = ${fmtMs(p.fullGcMs)}`,
        `${p.profileReads}: ${fmtMs(p.profileMs)}`,
        fmtMs(p.confirmation),
        fmtMs(p.otherInProbe),
        fmtMs(p.outside),
        `${fmtMs(r.plain.wallMs)}: setup ${fmtMs(r.plain.setupMs)}, ${r.plain.gcs} GCs ${fmtMs(r.plain.collectMs)}`,
      ],
    ];
  });
  const parts: string[] = [];
  if (rows.length) {
    parts.push(
      '### Where the time goes, by phase',
      '',
      "memgate's median-wall trial, from the report's `workloads[].timings`; the parts add up to the wall time. Full GCs: memgate's own forced collections and the inspector's profile reads' (each read collects fully first), count × mean. Profile reads: building the profiles, without their GC. Outside the probe: spawning and ending the workload process, the analysis, the report.",
      '',
      table(
        [
          'heap after',
          'wall',
          'start-up',
          'setup',
          'passes 1–2',
          'full GCs',
          'profile reads',
          'confirmation iterations',
          'other in the probe',
          'outside the probe',
          'plain: wall, setup, GCs',
        ],
        rows,
      ),
      '',
    );
  } else {
    parts.push('The report has no `workloads[].timings.gc` yet: no per-phase table.', '');
  }
  const ref = runs.filter((r) => r.reference?.timings);
  if (ref.length) {
    const keys = [...new Set(ref.flatMap((r) => Object.keys(r.reference!.timings!)))];
    parts.push(
      "The reference's own timings (ms, median-wall run; its collectMs includes the confirmation's collections, which its confirmMs also counts):",
      '',
      table(
        ['heap', 'wall', ...keys],
        ref.map((r) => [
          r.workload,
          fmtMs(r.reference!.wallMs),
          ...keys.map((k) => (r.reference!.timings![k] !== undefined ? fmtMs(r.reference!.timings![k]!) : '—')),
        ]),
      ),
      '',
    );
  }
  return parts;
}
