/**
 * The Action (action.yml → dist/index.js): read and validate the inputs, then run one mode.
 * `auto`/`measure` measure (action/measure.ts); `comment` comments from a pull request's artifact (action/comment.ts).
 */
import * as core from '@actions/core';
import { commentMode } from './action/comment.ts';
import { measureMode } from './action/measure.ts';
import { setErrorOutput } from './action/outcome.ts';
import { UsageError } from './errors.ts';
import { readContext } from './github/context.ts';
import { readInputs } from './github/inputs.ts';
import { errorMessage } from './github/octokit.ts';

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const ctx = readContext();
    if (inputs.mode === 'comment') await commentMode(inputs, ctx);
    else await measureMode(inputs, ctx);
  } catch (err) {
    setErrorOutput();
    core.setFailed(err instanceof UsageError ? err.message : `memgate failed: ${errorMessage(err)}`);
  }
}
