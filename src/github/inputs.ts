/**
 * The one module that reads the Action's inputs, as declared in settings.ts. Everything is validated up front,
 * before anything is measured, and every error names the input and shows a value that would be accepted.
 */
import * as core from '@actions/core';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Ceilings } from '../analysis/gate.ts';
import { UsageError } from '../errors.ts';
import { readSettings, type Setting, type SettingValues } from '../settings.ts';

export type { ActionMode, CommentPolicy } from '../choices.ts';

/** The CLI's own settings, and the ceilings and directory that the Action reads into another shape. */
type NotAsIs = 'format' | 'json' | 'outDir' | 'node' | 'maxRetained' | 'maxHeap' | 'maxRss' | 'workingDirectory';

/** `workloads` is empty only in comment mode; `token` is '' when none was given (lookups and comments are then skipped). */
export interface ActionInputs extends Omit<SettingValues, NotAsIs> {
  ceilings: Ceilings;
  /** Absolute. */
  workingDirectory: string;
}

const label = (name: string): string => `Input "${name}"`;

/** What the step was given for a setting: undefined when the input is empty or the Action has no such input. */
function given(setting: Setting): string | string[] | undefined {
  if (setting.input === undefined) return undefined;
  if (setting.list) return core.getMultilineInput(setting.input);
  const text = core.getInput(setting.input);
  return text === '' ? undefined : text;
}

function workingDirectory(raw: string): string {
  const workspace = resolve(process.env['GITHUB_WORKSPACE'] ?? process.cwd());
  const dir = resolve(workspace, raw);
  const inside = relative(workspace, dir);
  const name = label('working-directory');
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new UsageError(
      `${name}: "${raw}" is outside the workspace (${workspace}); give a directory of the repository, e.g. "." or "packages/api"`,
    );
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`${name}: "${raw}" is not a directory (resolved to ${dir}); e.g. "." or "packages/api"`);
  }
  return dir;
}

/** Reads and validates every input; throws UsageError naming the first bad one. */
export function readInputs(): ActionInputs {
  const values = readSettings(given, (setting) => label(setting.input ?? ''));
  if (values.workloads.length === 0 && values.mode !== 'comment') {
    throw new UsageError(
      `${label('workloads')}: no workload given; list module paths or globs, one per line, e.g. perf/cache.bench.mjs`,
    );
  }
  if (values.token !== '') core.setSecret(values.token);
  const { format, json, outDir, node, maxRetained, maxHeap, maxRss, workingDirectory: dir, ...asIs } = values;
  return {
    ...asIs,
    ceilings: { maxRetained, maxHeap, maxRss },
    // Comment mode reads an artifact and checks nothing out: there is no directory to find.
    workingDirectory:
      values.mode === 'comment' ? resolve(process.env['GITHUB_WORKSPACE'] ?? process.cwd()) : workingDirectory(dir),
  };
}
