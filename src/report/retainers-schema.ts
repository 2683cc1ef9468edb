/**
 * The retainer paths of a growing site, additive to `memgate.report/v1`:
 * `top[].retainers[] = { bytes, objects, path: [{ name, kind, file?, line? }] }`, root first.
 * schema.ts adds `retainers: retainersSchema.optional()` to `topEntrySchema`.
 */
import { z } from 'zod';
import { RETAINER_KINDS } from '../analysis/retainers.ts';

export const retainerStepSchema = z.object({
  /** The variable, property or element that holds the next step: `responses`, `_events`, `[]`. */
  name: z.string(),
  /** How it holds it: a module-scope variable, a closure variable, a map entry, the timer list, ... */
  kind: z.enum(RETAINER_KINDS),
  /** Where the holder is declared, when known ('/'-separated path as in `top[].file`). */
  file: z.string().optional(),
  /** 1-based. */
  line: z.number().int().positive().optional(),
});

export const retainerPathSchema = z.object({
  /** Self sizes of the site's grown objects held under this path. */
  bytes: z.number().finite().nonnegative(),
  objects: z.number().int().nonnegative(),
  /** Root first. */
  path: z.array(retainerStepSchema).min(1),
});

/** Largest first. */
export const retainersSchema = z.array(retainerPathSchema);

export type RetainerStepJson = z.infer<typeof retainerStepSchema>;
export type RetainerPathJson = z.infer<typeof retainerPathSchema>;

/**
 * What happened to a workload's retainer capture, for the report to say when there are no paths
 * (suggested as `workloads[].retainers`, additive): captured, skipped (heap over the limit, a clean
 * workload) or failed (snapshot error, out of memory, time limit), with the reason.
 */
export const retainerCaptureSchema = z.object({
  status: z.enum(['captured', 'skipped', 'failed']),
  reason: z.string().optional(),
  /** True when the time limit stopped the walk: the paths cover part of the heap. */
  truncated: z.boolean().optional(),
  /** Wall time of the capture, ms (snapshot and walk), when it ran. */
  ms: z.number().finite().nonnegative().optional(),
  /** The heap it walked, bytes (Node heapUsed, Python traced). */
  heapUsed: z.number().finite().nonnegative().optional(),
});
export type RetainerCaptureJson = z.infer<typeof retainerCaptureSchema>;

/** The probe's paths with their files as the report writes them (relative, '/'-separated, like `top[].file`). */
export function reportRetainers(
  paths: readonly RetainerPathJson[],
  toReportPath: (file: string) => string,
): RetainerPathJson[] {
  return paths.map((p) => ({
    bytes: p.bytes,
    objects: p.objects,
    path: p.path.map((step) => ({ ...step, ...(step.file !== undefined ? { file: toReportPath(step.file) } : {}) })),
  }));
}

/** A probe's capture (analysis/model.ts ProbeRetainers), as far as the rows need it. */
export interface CapturedSites {
  sites?: readonly { file: string; line: number; function: string; paths: readonly RetainerPathJson[] }[];
}

/** A report row as far as matching needs it. */
export interface RowSite {
  file: string;
  line: number;
  function: string;
}

/** Paths kept per row, like the probe's per site. */
export const PATHS_PER_ROW = 5;

/**
 * Each row's retainer paths: those of the probe's sites that are the row (same file, line and function as the
 * report writes them; under file grouping, every site of the file, paths merged), largest first.
 */
export function rowRetainers(
  rows: readonly RowSite[],
  capture: CapturedSites,
  byFile: boolean,
  toReportPath: (file: string) => string,
): RetainerPathJson[][] {
  const sites = (capture.sites ?? []).map((site) => ({ ...site, file: toReportPath(site.file) }));
  return rows.map((row) => {
    const merged = new Map<string, RetainerPathJson>();
    for (const site of sites) {
      if (site.file !== row.file || (!byFile && (site.line !== row.line || site.function !== row.function))) continue;
      for (const path of reportRetainers(site.paths, toReportPath)) {
        const key = JSON.stringify(path.path);
        const seen = merged.get(key);
        if (seen) merged.set(key, { ...seen, bytes: seen.bytes + path.bytes, objects: seen.objects + path.objects });
        else merged.set(key, path);
      }
    }
    return [...merged.values()].sort((a, b) => b.bytes - a.bytes || b.objects - a.objects).slice(0, PATHS_PER_ROW);
  });
}
