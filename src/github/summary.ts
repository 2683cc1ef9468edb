/** The job summary: the same Markdown as the pull request comment, written for every event. */
import * as core from '@actions/core';
import { warning } from './messages.ts';
import { errorMessage } from './octokit.ts';

export async function writeSummary(markdown: string): Promise<boolean> {
  if (!process.env['GITHUB_STEP_SUMMARY']) {
    core.info('No job summary file (GITHUB_STEP_SUMMARY unset): summary skipped');
    return false;
  }
  try {
    await core.summary.addRaw(markdown, true).write();
    return true;
  } catch (err) {
    warning(`memgate could not write the job summary: ${errorMessage(err)}`);
    return false;
  } finally {
    core.summary.emptyBuffer();
  }
}
