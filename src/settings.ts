/**
 * Every setting a user can give, declared once: its CLI flag, its Action input, its default, an accepted
 * example, its parser and its help. The CLI's options and usage text (cli/), the Action's input reading
 * (github/inputs.ts) and the check of action.yml (test/settings.test.ts) are all derived from this table,
 * so the two front doors accept the same values with the same limits.
 */
import { DEFAULTS } from './analysis/defaults.ts';
import type { Increase } from './analysis/sizes.ts';
import {
  COMMENT_CHOICES,
  DEFAULT_NODE_PROFILER,
  FORMAT_CHOICES,
  GROUP_BY_CHOICES,
  LEAK_POLICIES,
  MODE_CHOICES,
  NODE_PROFILERS,
  type CommentPolicy,
  type ActionMode,
  type GroupBy,
  type LeakPolicy,
  type NodeProfiler,
  type OutputFormat,
} from './choices.ts';
import { UsageError } from './errors.ts';
import {
  parseBoolean,
  parseChoice,
  parseIncreaseSetting,
  parsePositiveSize,
  parseSizeSetting,
  parseWholeNumber,
  type SettingName,
} from './options.ts';
import type { PipelineOptions } from './pipeline.ts';

export const CLI_COMMANDS = ['run', 'compare'] as const;
export type CliCommand = (typeof CLI_COMMANDS)[number];

/** Fresh-process trials are capped in both front doors: each one is a whole measurement. */
export const MAX_TRIALS = 25;

interface Common<T> {
  /** CLI flag without the dashes; absent when only the Action has the setting. */
  flag?: string;
  /** The CLI commands that take the flag (default: run). */
  commands?: readonly CliCommand[];
  /** Action input; absent when only the CLI has the setting. */
  input?: string;
  /** The value's placeholder in the CLI's usage: N, SIZE, GLOB, or the choices. */
  arg: string;
  default: T;
  /** action.yml's default ('' = none), when it is not the default written out. */
  inputDefault?: string;
  /** The default as the help says it, when the value alone would not tell. */
  defaultHelp?: string;
  /** An accepted value, for errors and help. */
  example: string;
  /** One line for the CLI's usage. */
  help: string;
}

/** A setting given once. */
export interface OneValueSetting<T> extends Common<T> {
  list?: false;
  parse(text: string, name: SettingName): T;
}

/** A repeatable flag, one value per line in the Action. */
export interface ListSetting extends Common<string[]> {
  list: true;
}

export type Setting = OneValueSetting<unknown> | ListSetting;

const one = <T>(setting: OneValueSetting<T>): OneValueSetting<T> => setting;
const list = (setting: Omit<ListSetting, 'list' | 'default'>): ListSetting => ({ ...setting, list: true, default: [] });

const choiceSetting = <T extends string>(
  choices: readonly T[],
  setting: Omit<OneValueSetting<T>, 'parse' | 'arg' | 'example'>,
) =>
  one<T>({
    ...setting,
    arg: choices.join('|'),
    example: setting.default,
    parse: (text, name) => parseChoice(name, text, choices),
  });

const wholeNumber = (min: number, example: string, max?: number) => (text: string, name: SettingName) =>
  parseWholeNumber(name, text, { min, example, ...(max === undefined ? {} : { max }) });

const optionalText = (text: string): string | undefined => text || undefined;

// The artifact service rejects these in names (see @actions/artifact's path-and-artifact-name-validation).
const ARTIFACT_NAME_FORBIDDEN = /["\\/:<>|*?\r\n]/;
const KEY_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export const SETTINGS = {
  workloads: list({
    input: 'workloads',
    arg: 'PATH|GLOB',
    example: 'perf/cache.bench.mjs',
    help: 'workload modules (.mjs .js .cjs .ts .mts .cts .py), paths or globs',
  }),
  iterations: one<number | null>({
    flag: 'iterations',
    input: 'iterations',
    arg: 'N',
    default: null,
    defaultHelp: `the workload's options.iterations, else ${DEFAULTS.iterations}`,
    example: '50',
    help: 'calls per pass',
    parse: wholeNumber(1, '50'),
  }),
  format: choiceSetting<OutputFormat>(FORMAT_CHOICES, {
    flag: 'format',
    commands: ['run', 'compare'],
    default: 'text',
    help: 'what to print on stdout',
  }),
  json: one<string | undefined>({
    flag: 'json',
    arg: 'FILE',
    default: undefined,
    example: 'memgate.json',
    help: 'also write the JSON report to FILE',
    parse: optionalText,
  }),
  outDir: one<string>({
    flag: 'out-dir',
    arg: 'DIR',
    default: '.memgate',
    example: '.memgate',
    help: 'where report.json and profiles/*.heapprofile go',
    parse: (text) => text,
  }),
  top: one<number>({
    flag: 'top',
    input: 'top',
    arg: 'N',
    default: DEFAULTS.top,
    example: '10',
    help: 'growing sites kept per workload',
    parse: wholeNumber(1, '10'),
  }),
  groupBy: choiceSetting<GroupBy>(GROUP_BY_CHOICES, {
    flag: 'group-by',
    input: 'group-by',
    default: DEFAULTS.groupBy,
    help: "how sites are grouped, like tracemalloc's compare_to key",
  }),
  include: list({
    flag: 'include',
    input: 'include',
    arg: 'GLOB',
    example: 'src/**',
    help: 'only sites in matching files (repeatable)',
  }),
  exclude: list({
    flag: 'exclude',
    input: 'exclude',
    arg: 'GLOB',
    example: 'src/generated/**',
    help: 'drop sites in matching files (repeatable)',
  }),
  maxRetained: one<number | null>({
    flag: 'max-retained',
    input: 'max-retained',
    arg: 'SIZE',
    default: null,
    defaultHelp: 'none: the leak rule',
    example: '512KB',
    help: 'fail when growth over the measured pass (heap + external) exceeds SIZE; replaces the leak rule',
    parse: (text, name) => parseSizeSetting(name, text),
  }),
  maxHeap: one<number | null>({
    flag: 'max-heap',
    input: 'max-heap',
    arg: 'SIZE',
    default: null,
    defaultHelp: 'none',
    example: '64MB',
    help: 'fail when heap used after the measured pass exceeds SIZE',
    parse: (text, name) => parseSizeSetting(name, text),
  }),
  maxRss: one<number | null>({
    flag: 'max-rss',
    input: 'max-rss',
    arg: 'SIZE',
    default: null,
    defaultHelp: 'none',
    example: '256MB',
    help: 'fail when the peak resident set size exceeds SIZE',
    parse: (text, name) => parseSizeSetting(name, text),
  }),
  leakRate: one<number>({
    flag: 'leak-rate',
    input: 'leak-rate',
    arg: 'SIZE',
    default: DEFAULTS.leakRate,
    inputDefault: `${DEFAULTS.leakRate}B`,
    defaultHelp: `${DEFAULTS.leakRate}B`,
    example: '1KB',
    help: 'a workload fails when its memory keeps growing by this much per iteration or more',
    parse: (text, name) => parsePositiveSize(name, text, '1KB'),
  }),
  confirmBudgetSeconds: one<number>({
    flag: 'confirm-budget',
    input: 'confirm-budget',
    arg: 'SECONDS',
    default: DEFAULTS.confirmBudgetSeconds,
    example: '60',
    help: 'seconds of extra work memgate may spend confirming that a suspect workload keeps growing; 0 judges the measured pass alone',
    parse: wholeNumber(0, '60'),
  }),
  retainersMaxHeap: one<number>({
    flag: 'retainers-max-heap',
    input: 'retainers-max-heap',
    arg: 'SIZE',
    default: DEFAULTS.retainersMaxHeap,
    inputDefault: '128MiB',
    defaultHelp: '128MiB',
    example: '64MB',
    help: 'who holds a leak: take a heap snapshot of a leaking workload only up to this heap size (0: never); it costs several times the heap',
    parse: (text, name) => parseSizeSetting(name, text) ?? DEFAULTS.retainersMaxHeap,
  }),
  base: one<string | undefined>({
    flag: 'base',
    arg: 'FILE',
    default: undefined,
    defaultHelp: 'none: the workloads are judged on their own',
    example: 'base/report.json',
    help: "gate against this base report (another run's report.json) as the Action does on a pull request",
    parse: optionalText,
  }),
  leakPolicy: choiceSetting<LeakPolicy>(LEAK_POLICIES, {
    flag: 'leak-policy',
    input: 'leak-policy',
    default: 'new',
    help: 'with a base report: new fails only on leaks the base did not have (one already there warns); any fails on every leak',
  }),
  maxIncrease: one<Increase | null>({
    flag: 'max-increase',
    commands: ['compare', 'run'],
    input: 'max-increase',
    arg: 'PERCENT|SIZE',
    default: null,
    defaultHelp: 'the noise floor only',
    example: '10%',
    help: 'allowed growth over the base report, e.g. 10% or 256KB (never less than the noise between two runs)',
    parse: (text, name) => parseIncreaseSetting(name, text),
  }),
  profiler: choiceSetting<NodeProfiler>(NODE_PROFILERS, {
    flag: 'profiler',
    input: 'profiler',
    default: DEFAULT_NODE_PROFILER,
    help: 'Node heap sampler (Python always uses tracemalloc)',
  }),
  samplingInterval: one<number>({
    flag: 'sampling-interval',
    input: 'sampling-interval',
    arg: 'BYTES',
    default: DEFAULTS.samplingInterval,
    example: '4096',
    help: 'mean bytes between heap samples',
    parse: wholeNumber(1, '4096'),
  }),
  stackDepth: one<number>({
    flag: 'stack-depth',
    arg: 'N',
    default: DEFAULTS.stackDepth,
    example: '32',
    help: 'frames kept per sample',
    parse: wholeNumber(1, '32'),
  }),
  trials: one<number>({
    flag: 'trials',
    input: 'trials',
    arg: 'N',
    default: DEFAULTS.trials,
    example: '3',
    help: `fresh-process trials per workload (at most ${MAX_TRIALS}), median reported`,
    parse: wholeNumber(1, '3', MAX_TRIALS),
  }),
  timeoutSeconds: one<number>({
    flag: 'timeout',
    input: 'timeout',
    arg: 'SECONDS',
    default: DEFAULTS.timeoutSeconds,
    example: '300',
    help: 'per workload process',
    parse: wholeNumber(1, '300'),
  }),
  node: one<string | undefined>({
    flag: 'node',
    arg: 'PATH',
    default: undefined,
    defaultHelp: 'the node running memgate',
    example: '/usr/bin/node',
    help: 'Node interpreter for Node workloads',
    parse: optionalText,
  }),
  python: one<string | undefined>({
    flag: 'python',
    input: 'python',
    arg: 'PATH',
    default: undefined,
    defaultHelp: 'python3 from PATH',
    example: '/usr/bin/python3',
    help: 'Python interpreter for .py workloads (3.9 or later)',
    parse: optionalText,
  }),
  workingDirectory: one<string>({
    input: 'working-directory',
    arg: 'DIR',
    default: '.',
    example: 'packages/api',
    help: 'directory the workloads run in, relative to the repository root',
    parse: (text) => text,
  }),
  token: one<string>({
    input: 'github-token',
    arg: 'TOKEN',
    default: '',
    inputDefault: '${{ github.token }}',
    example: '${{ github.token }}',
    help: 'token for the base report lookup and the comment',
    parse: (text) => text,
  }),
  comment: choiceSetting<CommentPolicy>(COMMENT_CHOICES, {
    input: 'comment',
    default: 'always',
    help: 'when to comment on the pull request',
  }),
  failOnRegression: one<boolean>({
    input: 'fail-on-regression',
    arg: 'true|false',
    default: true,
    example: 'true',
    help: 'fail the step when a gate fails or the pull request regressed',
    parse: (text, name) => parseBoolean(name, text),
  }),
  artifactName: one<string>({
    input: 'artifact-name',
    arg: 'NAME',
    default: 'memgate-report',
    example: 'memgate-report',
    help: 'name of the report artifact',
    parse: (text, name) => {
      if (ARTIFACT_NAME_FORBIDDEN.test(text)) {
        throw new UsageError(
          `${name}: "${text}" contains a character artifacts cannot have (" : < > | * ? \\ / or a newline); e.g. memgate-report`,
        );
      }
      // The profiles go in "<name>+profiles": a report named like that would take another job's profiles' place.
      if (text.includes('+')) {
        throw new UsageError(
          `${name}: "${text}" contains "+", which memgate keeps for "<name>+profiles"; e.g. memgate-report`,
        );
      }
      return text;
    },
  }),
  key: one<string>({
    input: 'key',
    arg: 'KEY',
    default: '',
    example: 'node-20',
    help: 'distinguishes matrix legs and several memgate steps in one workflow',
    parse: (text, name) => {
      if (!KEY_PATTERN.test(text)) {
        throw new UsageError(
          `${name}: "${text}" must be 1-64 letters, digits, '.', '_' or '-'; e.g. node-20 or ubuntu-py311`,
        );
      }
      return text;
    },
  }),
  retentionDays: one<number | undefined>({
    input: 'retention-days',
    arg: 'DAYS',
    default: undefined,
    defaultHelp: "the repository's default (90 days unless changed)",
    example: '14',
    help: 'days GitHub keeps the report and profiles artifacts (1 to 90; a lower repository or organization maximum wins)',
    parse: wholeNumber(1, '14', 90),
  }),
  mode: choiceSetting<ActionMode>(MODE_CHOICES, {
    input: 'mode',
    default: 'auto',
    help: 'auto, measure (fork pull requests) or comment (workflow_run)',
  }),
} satisfies Record<string, Setting>;

export type SettingKey = keyof typeof SETTINGS;
type ValueOf<S> = S extends Common<infer T> ? T : never;
export type SettingValues = { [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };

export const settingEntries = (): [SettingKey, Setting][] => Object.entries(SETTINGS) as [SettingKey, Setting][];

/** The CLI flags of one command, in the table's order. */
export const flagsOf = (command: CliCommand): [SettingKey, Setting & { flag: string }][] =>
  settingEntries().filter(
    (e): e is [SettingKey, Setting & { flag: string }] =>
      e[1].flag !== undefined && (e[1].commands ?? ['run']).includes(command),
  );

/** The default as action.yml writes it. */
export function inputDefaultOf(setting: Setting): string {
  if (setting.inputDefault !== undefined) return setting.inputDefault;
  const value: unknown = setting.default;
  return value === null || value === undefined || Array.isArray(value) ? '' : String(value);
}

/** The default as the help says it. */
export function defaultHelpOf(setting: Setting): string {
  return setting.defaultHelp ?? inputDefaultOf(setting);
}

/**
 * Reads every setting: `given` returns what the user wrote (undefined when nothing), `nameOf` how the
 * setting is called in error messages. What was not given takes its default.
 */
export function readSettings(
  given: (setting: Setting) => string | string[] | undefined,
  nameOf: (setting: Setting) => SettingName,
): SettingValues {
  const values: Record<string, unknown> = {};
  for (const [key, setting] of settingEntries()) {
    const raw = given(setting);
    if (raw === undefined) values[key] = setting.default;
    else if (setting.list) values[key] = Array.isArray(raw) ? raw : [raw];
    else values[key] = setting.parse(Array.isArray(raw) ? (raw.at(-1) ?? '') : raw, nameOf(setting));
  }
  return values as SettingValues;
}

/** What both front doors pass to runPipeline from the settings; the caller adds the workloads and where to run. */
export type PipelineSettings = Omit<PipelineOptions, 'patterns' | 'cwd' | 'outDir' | 'onProgress'>;

export function pipelineSettings(v: SettingValues): PipelineSettings {
  return {
    iterations: v.iterations,
    groupBy: v.groupBy,
    top: v.top,
    include: v.include,
    exclude: v.exclude,
    ceilings: { maxRetained: v.maxRetained, maxHeap: v.maxHeap, maxRss: v.maxRss },
    profiler: v.profiler,
    samplingInterval: v.samplingInterval,
    stackDepth: v.stackDepth,
    timeoutSeconds: v.timeoutSeconds,
    trials: v.trials,
    leakRate: v.leakRate,
    confirmBudgetSeconds: v.confirmBudgetSeconds,
    retainersMaxHeap: v.retainersMaxHeap,
    ...(v.node ? { nodePath: v.node } : {}),
    ...(v.python ? { pythonPath: v.python } : {}),
  };
}
