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
