/** The pull request as it is now, for writers that must not act on an outdated measurement. */
import * as core from '@actions/core';
import type { CommentTarget } from './comment.ts';
import { errorMessage, type Octokit } from './octokit.ts';

/**
 * Why this run's results are stale, or null: the pull request's head is no longer the commit this run
 * measured, so a newer run (which may finish first) owns the comment. Runs of one pull request can finish
 * in any order; `concurrency:` with cancel-in-progress avoids most of that, this check the rest. If the
 * pull request cannot be read, the results are taken as current (the comment says which commit it measured).
 */
export async function staleResults(
  octokit: Octokit,
  target: CommentTarget,
  measuredSha: string,
): Promise<string | null> {
  try {
    const { data } = await octokit.rest.pulls.get({
      owner: target.owner,
      repo: target.repo,
      pull_number: target.number,
    });
    if (data.head.sha === measuredSha) return null;
    return `pull request #${target.number} is now at ${data.head.sha.slice(0, 12)}, this run measured ${measuredSha.slice(0, 12)}: the run for the newer commit writes the comment`;
  } catch (err) {
    core.info(
      `Could not check that pull request #${target.number} is still at ${measuredSha.slice(0, 12)} (${errorMessage(err)}): commenting anyway`,
    );
    return null;
  }
}
