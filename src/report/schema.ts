/**
 * The machine-readable report, `memgate.report/v1`. One zod schema gives both the TypeScript types
 * and the validation applied whenever a report is read back (a base branch's artifact, `memgate
 * compare`), so a corrupt or foreign file is rejected with the path of the first bad field.
 */
import { z } from 'zod';
import { CEILING_NAMES } from '../analysis/gate.ts';
import { GROUP_BY_CHOICES, PROFILER_BACKENDS } from '../choices.ts';
import { retainerCaptureSchema, retainersSchema } from './retainers-schema.ts';
import { REPORT_SCHEMA } from './schema-id.ts';

export { REPORT_SCHEMA };

const bytes = z.number().finite();
const count = z.number().finite();

export const memoryFiguresSchema = z.object({
  heapUsed: bytes,
  heapTotal: bytes,
  external: bytes,
  arrayBuffers: bytes,
  rss: bytes,
});

export const tracebackFrameSchema = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  function: z.string(),
});

/** One row of the diff: a site (line, file or call path) and how its live memory changed. */
export const topEntrySchema = z.object({
  /** Stable identity of the site for the chosen grouping (used to match base and head rows). */
  key: z.string(),
  /** Path relative to the working directory, '/'-separated ('' when unknown). */
  file: z.string(),
  /** 1-based line; 0 when grouping by file. */
  line: z.number().int().nonnegative(),
  function: z.string(),
  size: bytes,
  sizeDiff: bytes,
  count: count,
  countDiff: count,
  /** Innermost frame first. */
  traceback: z.array(tracebackFrameSchema),
  /** Who holds what this site allocated (a leaking workload's rows): paths from a root, root first, largest first. */
  retainers: retainersSchema.optional(),
});

export const verdictSchema = z.object({
  status: z.enum(['pass', 'fail', 'error']),
  reasons: z.array(z.string()),
});

export const workloadErrorSchema = z.object({
  kind: z.enum(['not-found', 'load', 'no-export', 'threw', 'timeout', 'oom', 'exit', 'runtime', 'probe']),
  message: z.string(),
  stack: z.string().optional(),
  phase: z.string().optional(),
  iteration: z.number().int().optional(),
  lastMemory: memoryFiguresSchema.optional(),
});

const segmentSchema = z.object({
  /** Iterations since the baseline where the segment starts and ends. */
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  /** Bytes per iteration: the median rate between its consecutive forced-GC readings. */
  rate: z.number().finite(),
  outcome: z.enum(['settles', 'holds', 'decays']),
});

export const LEAK_VERDICTS = ['not-suspect', 'settles', 'leak', 'still-growing'] as const;

export const leakSchema = z.object({
  /** The threshold: bytes per iteration. */
  threshold: bytes,
  /**
   * not-suspect: the measured pass grew less than the noise; settles: it grew, then the rate fell below the
   * threshold over more work; leak: the rate held; still-growing: above the threshold but slowing when the budget ran out.
   */
  verdict: z.enum(LEAK_VERDICTS),
  /** The measured pass's own rate, bytes per iteration. */
  measuredRate: z.number().finite(),
  /** The rate that decided (the last confirmation segment's), and its uncertainty; null when not suspect. */
  rate: z.number().finite().nullable(),
  uncertainty: z.number().finite().nullable(),
  /** Extra iterations memgate ran to confirm, and their time (ms, checkpoints included). */
  extraIterations: z.number().int().nonnegative(),
  extraMs: z.number().finite().nonnegative(),
  segments: z.array(segmentSchema),
  /** Why the confirmation stopped. */
  stop: z.enum(['settles', 'holds', 'budget', 'segments']).nullable(),
  /** Iterations since the baseline that the `top` rows cover (the measured pass, plus the confirmation when it ran). */
  sitesCover: z.number().int().nonnegative(),
});

export const timingsSchema = z.object({
  startupMs: z.number().finite().optional(),
  loadMs: z.number().finite().optional(),
  setupMs: z.number().finite(),
  pass1Ms: z.number().finite(),
  pass2Ms: z.number().finite(),
  collectMs: z.number().finite().optional(),
  profileMs: z.number().finite().optional(),
  confirmMs: z.number().finite().optional(),
  confirmPassMs: z.number().finite().optional(),
  gc: z
    .object({
      full: z.number().int().nonnegative(),
      fullMs: z.number().finite(),
      profileReads: z.number().int().nonnegative(),
      readGcMs: z.number().finite(),
    })
    .optional(),
  totalMs: z.number().finite(),
});

export const workloadReportSchema = z.object({
  /** Workload path relative to the working directory, '/'-separated. */
  path: z.string(),
  runtime: z.object({
    name: z.enum(['node', 'python']),
    version: z.string(),
    engine: z.string().optional(),
    /** What loaded a TypeScript workload: 'tsx <version>' or 'native' (Node's own type stripping). */
    loader: z.string().optional(),
  }),
  profiler: z.object({
    backend: z.enum(PROFILER_BACKENDS),
    samplingInterval: z.number().nullable(),
    stackDepth: z.number().int(),
    countsObjects: z.boolean(),
    continuous: z.boolean(),
  }),
  iterations: z.number().int().nonnegative(),
  /** How many fresh-process trials the figures combine (median). */
  trials: z.number().int().positive(),
  memory: z.object({
    baseline: memoryFiguresSchema,
    after: memoryFiguresSchema,
    peakRss: bytes,
    traced: z.object({ current: bytes, peak: bytes }).optional(),
  }),
  retained: z.object({ heap: bytes, external: bytes, total: bytes }),
  /** Spread of `retained.total` across trials (max - min); 0 for one trial. */
  spread: bytes,
  /** Least-squares leak rate over the pass-2 series and how well a line fits it (r² in [0, 1]). */
  leakRate: z.object({ bytesPerIteration: z.number().finite(), r2: z.number().finite() }),
  /** Pass 2's forced-GC readings; `code` (Node): V8's compiled code within heapUsed, which the leak-rate rule leaves out. */
  series: z.array(z.object({ iteration: z.number().int(), heapUsed: bytes, external: bytes, code: bytes.optional() })),
  verdict: verdictSchema,
  error: workloadErrorSchema.optional(),
  /** Sites sorted by sizeDiff descending, cut to the configured `top`. */
  top: z.array(topEntrySchema),
  /** How many distinct sites the diff had before cutting to `top`. */
  totalSites: z.number().int().nonnegative(),
  /** The raw sampling profile, relative to the report file, when one was saved. */
  profile: z.string().optional(),
  /** The leak-rate rule (absent when confirmation was off): how fast memory kept growing, and over how much work. */
  leak: leakSchema.optional(),
  /**
   * Set when a pull request's gate let this workload's leak stand because the base branch already had it
   * (same rate within the noise, same leading site): its verdict then passes with a warning.
   */
  knownLeak: z.object({ base: z.string(), baseRate: z.number().finite(), headRate: z.number().finite() }).optional(),
  /** Where the workload process's time went (the reported trial), ms. */
  timings: timingsSchema.optional(),
  /** What happened to the retainer capture (who holds the leak): captured, or skipped or failed and why. */
  retainers: retainerCaptureSchema.optional(),
  /** The ceilings this workload was gated on: the run's, with those its own `options` set (listed in fromWorkload) over them. */
  ceilings: z
    .object({
      maxRetained: bytes.nullable(),
      maxHeap: bytes.nullable(),
      maxRss: bytes.nullable(),
      fromWorkload: z.array(z.enum(CEILING_NAMES)),
    })
    .optional(),
  /** With include/exclude: the growing sites (and their growth) before the filter, and those it kept. The verdict counts all of them. */
  filter: z
    .object({
      growingSites: z.number().int().nonnegative(),
      growingBytes: bytes,
      keptSites: z.number().int().nonnegative(),
      keptBytes: bytes,
    })
    .optional(),
  /** Advice where users go wrong (promises still in flight, a cache still filling): plain sentences. */
  hints: z.array(z.string()).optional(),
});

export const reportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA),
  tool: z.object({ name: z.literal('memgate'), version: z.string() }),
  createdAt: z.string(),
  /** Set by the Action: the commit and ref measured. */
  git: z.object({ sha: z.string(), ref: z.string() }).optional(),
  settings: z.object({
    iterations: z.number().int().positive().nullable(),
    groupBy: z.enum(GROUP_BY_CHOICES),
    top: z.number().int().positive(),
    include: z.array(z.string()),
    exclude: z.array(z.string()),
    trials: z.number().int().positive(),
    ceilings: z.object({
      maxRetained: bytes.nullable(),
      maxHeap: bytes.nullable(),
      maxRss: bytes.nullable(),
    }),
  }),
  workloads: z.array(workloadReportSchema),
  verdict: verdictSchema,
});

export type MemoryFiguresJson = z.infer<typeof memoryFiguresSchema>;
export type TopEntry = z.infer<typeof topEntrySchema>;
export type Verdict = z.infer<typeof verdictSchema>;
export type WorkloadReport = z.infer<typeof workloadReportSchema>;
export type LeakReport = z.infer<typeof leakSchema>;
export type Report = z.infer<typeof reportSchema>;
export type GroupBy = Report['settings']['groupBy'];

export class ReportValidationError extends Error {
  constructor(source: string, detail: string, options?: ErrorOptions) {
    super(`${source} is not a valid ${REPORT_SCHEMA} report: ${detail}`, options);
    this.name = 'ReportValidationError';
  }
}

/** Validates parsed JSON as a report; throws ReportValidationError naming the first bad field. */
export function parseReport(data: unknown, source = 'report'): Report {
  if (typeof data === 'object' && data !== null && 'schema' in data) {
    const schema = (data as { schema: unknown }).schema;
    if (schema !== REPORT_SCHEMA) {
      throw new ReportValidationError(
        source,
        `unknown schema version ${JSON.stringify(schema)} (expected "${REPORT_SCHEMA}")`,
      );
    }
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new ReportValidationError(source, `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Parses report text (JSON) and validates it. */
export function parseReportText(text: string, source = 'report'): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ReportValidationError(source, `not JSON (${(err as Error).message})`, { cause: err });
  }
  return parseReport(data, source);
}
