/**
 * A report row's retainer paths, from a probe's capture (no zod here: the CLI's run path loads this module,
 * and zod's bundle is most of the CLI's start-up; the schemas in retainers-schema.ts load only where a
 * report is read back).
 */
import type { RetainerPathJson } from './retainers-schema.ts';

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
