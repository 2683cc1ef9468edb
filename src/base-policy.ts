/**
 * Gate the pull request on what it changed. A leak the base branch already had (the same workload leaking at
 * the same rate, within the noise, at the same leading site) is reported as "already on <base>" and warns
 * instead of failing; a new leak, a faster one, and every ceiling (the user's absolute limits) fail as before.
 * Policy `any` keeps failing on every leak, as when there is no base.
 */
import type { BaseComparison, WorkloadComparison } from './analysis/base-compare.ts';
import type { Ceilings } from './analysis/gate.ts';
import type { LeakPolicy } from './choices.ts';
import { overallVerdict } from './pipeline.ts';
import type { Report, WorkloadReport } from './report/schema.ts';

export { LEAK_POLICIES, type LeakPolicy } from './choices.ts';

/** Whether a workload's failure came from one of the user's ceilings (re-checked from its figures). */
export function exceedsCeilings(w: WorkloadReport, ceilings: Ceilings): boolean {
  return (
    (ceilings.maxRetained !== null && w.retained.total > ceilings.maxRetained) ||
    (ceilings.maxHeap !== null && w.memory.after.heapUsed > ceilings.maxHeap) ||
    (ceilings.maxRss !== null && w.memory.peakRss > ceilings.maxRss)
  );
}

/** The head fails only on the leak rule, and the base leaked alike where the head's growth leads. */
function alreadyOnBase(w: WorkloadReport, cmp: WorkloadComparison | undefined, ceilings: Ceilings): boolean {
  if (w.verdict.status !== 'fail' || !cmp || cmp.status !== 'compared' || cmp.regressed) return false;
  if (cmp.leak?.status !== 'same' || exceedsCeilings(w, ceilings)) return false;
  const leading = w.top[0]?.key;
  return leading !== undefined && !cmp.newSites.includes(leading);
}

/** The report with leaks already on the base turned into warnings (policy `new`); the same report for `any`. */
export function applyLeakPolicy(
  report: Report,
  comparison: BaseComparison,
  policy: LeakPolicy,
  baseLabel: string,
): Report {
  if (policy === 'any') return report;
  const workloads = report.workloads.map((w): WorkloadReport => {
    const cmp = comparison.workloads.find((c) => c.path === w.path);
    if (!alreadyOnBase(w, cmp, w.ceilings ?? report.settings.ceilings)) return w;
    return {
      ...w,
      verdict: {
        status: 'pass',
        reasons: w.verdict.reasons.map((r) => `already on ${baseLabel}, not changed here: ${r}`),
      },
      knownLeak: { base: baseLabel, baseRate: cmp!.leak!.base, headRate: cmp!.leak!.head },
    };
  });
  return { ...report, workloads, verdict: overallVerdict(workloads) };
}
