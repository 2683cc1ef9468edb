/**
 * Every enumeration a user can choose from, once, with the type derived from it. No imports: the probe,
 * the analysis and the report schema can all depend on this module.
 */

/** The Node heap samplers memgate drives (`--profiler`, input `profiler`). */
export const NODE_PROFILERS = ['inspector', 'v8-profiler-next'] as const;
export type NodeProfiler = (typeof NODE_PROFILERS)[number];
export const DEFAULT_NODE_PROFILER: NodeProfiler = 'inspector';

/** What a report says measured a workload: a Node sampler, or Python's tracemalloc. */
export const PROFILER_BACKENDS = [...NODE_PROFILERS, 'tracemalloc'] as const;
export type ProfilerBackend = (typeof PROFILER_BACKENDS)[number];

/** How sites are grouped, like tracemalloc's compare_to key. */
export const GROUP_BY_CHOICES = ['line', 'file', 'traceback'] as const;
export type GroupBy = (typeof GROUP_BY_CHOICES)[number];

/** What the CLI prints on stdout. */
export const FORMAT_CHOICES = ['text', 'markdown', 'json'] as const;
export type OutputFormat = (typeof FORMAT_CHOICES)[number];

/** When the Action comments on a pull request. */
export const COMMENT_CHOICES = ['always', 'on-regression', 'never'] as const;
export type CommentPolicy = (typeof COMMENT_CHOICES)[number];

/** What the Action does: measure and comment, measure only (forks), or comment from a run's artifact. */
export const MODE_CHOICES = ['auto', 'measure', 'comment'] as const;
export type ActionMode = (typeof MODE_CHOICES)[number];

/** With a base report: fail only on leaks the base did not have (`new`), or on every leak (`any`). */
export const LEAK_POLICIES = ['new', 'any'] as const;
export type LeakPolicy = (typeof LEAK_POLICIES)[number];
