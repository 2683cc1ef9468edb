/**
 * The one module that reads the Action's inputs. Everything is validated up front, before anything is
 * measured, and every error names the input and shows a value that would be accepted.
 */
import * as core from '@actions/core';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Ceilings } from '../analysis/gate.ts';
import type { GroupBy } from '../analysis/diff.ts';
import type { Increase } from '../analysis/sizes.ts';
import { DEFAULTS } from '../analysis/defaults.ts';
import { UsageError } from '../errors.ts';
import { GROUP_BY_CHOICES, PROFILER_CHOICES, parseChoice, parseIncreaseSetting, parsePositiveInt, parseSizeSetting } from '../options.ts';

export const COMMENT_CHOICES = ['always', 'on-regression', 'never'] as const;
export const MODE_CHOICES = ['auto', 'measure', 'comment'] as const;

export type CommentPolicy = (typeof COMMENT_CHOICES)[number];
export type ActionMode = (typeof MODE_CHOICES)[number];

export interface ActionInputs {
  /** Paths or globs relative to `workingDirectory`; empty only in comment mode. */
  workloads: string[];
  iterations: number | null;
  ceilings: Ceilings;
  maxIncrease: Increase | null;
  groupBy: GroupBy;
  top: number;
  include: string[];
  exclude: string[];
  profiler: (typeof PROFILER_CHOICES)[number];
  samplingInterval: number;
  timeoutSeconds: number;
  trials: number;
  python: string | undefined;
  /** Absolute. */
  workingDirectory: string;
  /** '' when none was given: base lookup and comments are then skipped with a warning. */
  token: string;
  comment: CommentPolicy;
  failOnRegression: boolean;
  artifactName: string;
  /** '' when unset. */
  key: string;
  mode: ActionMode;
}

const label = (name: string): string => `Input "${name}"`;

// The artifact service rejects these in names (see @actions/artifact's path-and-artifact-name-validation).
const ARTIFACT_NAME_FORBIDDEN = /["\\/:<>|*?\r\n]/;
const KEY_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_TRIALS = 25;

function text(name: string): string {
  return core.getInput(name);
}

function optionalPositiveInt(name: string, example: string): number | null {
  const value = text(name);
  return value === '' ? null : parsePositiveInt(label(name), value, example);
}

function positiveInt(name: string, fallback: number, example: string): number {
  return optionalPositiveInt(name, example) ?? fallback;
}

function choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const value = text(name);
  return value === '' ? fallback : parseChoice(label(name), value, choices);
}

function bool(name: string, fallback: boolean): boolean {
  if (text(name) === '') return fallback;
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new UsageError(`${label(name)}: "${text(name)}" is not a boolean: use true or false`);
  }
}

function lines(name: string): string[] {
  return core.getMultilineInput(name);
}

function workingDirectory(): string {
  const raw = text('working-directory') || '.';
  const workspace = resolve(process.env['GITHUB_WORKSPACE'] ?? process.cwd());
  const dir = resolve(workspace, raw);
  const inside = relative(workspace, dir);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new UsageError(`${label('working-directory')}: "${raw}" is outside the workspace (${workspace}); give a directory of the repository, e.g. "." or "packages/api"`);
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`${label('working-directory')}: "${raw}" is not a directory (resolved to ${dir}); e.g. "." or "packages/api"`);
  }
  return dir;
}

function artifactName(): string {
  const name = text('artifact-name') || 'memgate-report';
  if (ARTIFACT_NAME_FORBIDDEN.test(name)) {
    throw new UsageError(`${label('artifact-name')}: "${name}" contains a character artifacts cannot have (" : < > | * ? \\ / or a newline); e.g. memgate-report`);
  }
  return name;
}

function key(): string {
  const value = text('key');
  if (value !== '' && !KEY_PATTERN.test(value)) {
    throw new UsageError(`${label('key')}: "${value}" must be 1-64 letters, digits, '.', '_' or '-'; e.g. node-20 or ubuntu-py311`);
  }
  return value;
}

/** Reads and validates every input; throws UsageError naming the first bad one. */
export function readInputs(): ActionInputs {
  const mode = choice('mode', MODE_CHOICES, 'auto');
  const workloads = lines('workloads');
  if (workloads.length === 0 && mode !== 'comment') {
    throw new UsageError(`${label('workloads')}: no workload given; list module paths or globs, one per line, e.g. perf/cache.bench.mjs`);
  }
  const trials = positiveInt('trials', DEFAULTS.trials, '3');
  if (trials > MAX_TRIALS) throw new UsageError(`${label('trials')}: "${trials}" is more than ${MAX_TRIALS}; e.g. 3`);
  const token = text('github-token');
  if (token !== '') core.setSecret(token);
  return {
    workloads,
    iterations: optionalPositiveInt('iterations', '50'),
    ceilings: {
      maxRetained: parseSizeSetting(label('max-retained'), text('max-retained')),
      maxHeap: parseSizeSetting(label('max-heap'), text('max-heap')),
      maxRss: parseSizeSetting(label('max-rss'), text('max-rss')),
    },
    maxIncrease: parseIncreaseSetting(label('max-increase'), text('max-increase')),
    groupBy: choice('group-by', GROUP_BY_CHOICES, DEFAULTS.groupBy),
    top: positiveInt('top', DEFAULTS.top, '10'),
    include: lines('include'),
    exclude: lines('exclude'),
    profiler: choice('profiler', PROFILER_CHOICES, 'inspector'),
    samplingInterval: positiveInt('sampling-interval', DEFAULTS.samplingInterval, '4096'),
    timeoutSeconds: positiveInt('timeout', DEFAULTS.timeoutSeconds, '300'),
    trials,
    python: text('python') || undefined,
    // Comment mode reads an artifact and checks nothing out: there is no directory to find.
    workingDirectory: mode === 'comment' ? resolve(process.env['GITHUB_WORKSPACE'] ?? process.cwd()) : workingDirectory(),
    token,
    comment: choice('comment', COMMENT_CHOICES, 'always'),
    failOnRegression: bool('fail-on-regression', true),
    artifactName: artifactName(),
    key: key(),
    mode,
  };
}
