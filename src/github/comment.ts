/**
 * One sticky comment per pull request and `key`, updated in place on every run. Ours is the comment
 * whose body STARTS with our hidden marker and whose author is the token's own identity: a person who
 * pastes the marker into their comment must not get it overwritten (or, worse, get our verdict shown
 * under their name).
 */
import type { CommentPolicy } from './inputs.ts';
import { warning } from './messages.ts';
import { errorMessage, httpStatus, type Octokit } from './octokit.ts';

/** Largest body GitHub accepts for an issue comment. */
export const MAX_COMMENT_LENGTH = 65_536;

/** `key` is validated to [A-Za-z0-9._-], so it cannot close the HTML comment. */
export function commentMarker(key: string): string {
  return `<!-- memgate:comment key=${key || 'default'} -->`;
}

export interface CommentTarget {
  owner: string;
  repo: string;
  number: number;
}

export interface CommentResult {
  action: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
  url?: string;
  reason?: string;
}

interface IssueComment {
  id: number;
  body?: string | undefined;
  html_url: string;
  user: { login: string; type?: string } | null;
}

/**
 * Who the token acts as, from GraphQL's `viewer { login }`: it answers for user, App and Actions tokens alike
 * (GET /user refuses installation tokens), with the login REST shows as a comment's author
 * ("github-actions[bot]", "my-app[bot]", "octocat"). There is no guessing fallback: "any bot's comment" would
 * take another app's comment for ours, and "none is ours" after a one-off failure would post a duplicate, so
 * a failure here fails the comment (after the client's retries) with a warning.
 */
const logins = new WeakMap<Octokit, Promise<string>>();
export function tokenLogin(octokit: Octokit): Promise<string> {
  let login = logins.get(octokit);
  if (!login) {
    login = octokit
      .graphql<{ viewer?: { login?: string | null } | null }>('query { viewer { login } }')
      .then((data) => {
        const value = data.viewer?.login;
        if (!value) throw new Error('GitHub did not say which account the token acts as');
        return value;
      });
    // A failure is not remembered: the next caller asks again.
    login.catch(() => logins.delete(octokit));
    logins.set(octokit, login);
  }
  return login;
}

export function isOurComment(comment: IssueComment, marker: string, login: string): boolean {
  if (!comment.body?.startsWith(marker) || !comment.user) return false;
  return comment.user.login.toLowerCase() === login.toLowerCase();
}

/** Our comments on the pull request, oldest first; `firstOnly` stops at the first one found. */
async function findOurComments(
  octokit: Octokit,
  target: CommentTarget,
  marker: string,
  firstOnly: boolean,
): Promise<IssueComment[]> {
  const login = await tokenLogin(octokit);
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100,
  });
  const ours: IssueComment[] = [];
  for await (const page of pages) {
    ours.push(...page.data.filter((comment) => isOurComment(comment, marker, login)));
    if (firstOnly && ours.length > 0) break;
  }
  return ours.sort((a, b) => a.id - b.id);
}

/**
 * After creating a comment: another job with the same key (matrix legs, concurrent re-runs) may have
 * created one at the same moment, or a retried POST may have posted twice. Every writer converges on the
 * oldest of our comments: each deletes all the newer ones (so none survives a writer that dies midway), and
 * the oldest gets this body. A failure here is a warning: the comment that was created stays and counts.
 */
async function keepOldest(
  octokit: Octokit,
  target: CommentTarget,
  marker: string,
  created: IssueComment,
  body: string,
): Promise<CommentResult> {
  try {
    const ours = await findOurComments(octokit, target, marker, false);
    const oldest = ours[0];
    for (const extra of ours.slice(1)) {
      await octokit.rest.issues
        .deleteComment({ owner: target.owner, repo: target.repo, comment_id: extra.id })
        .catch((err: unknown) => {
          // Already gone: another writer deleted it first.
          if (httpStatus(err) !== 404) throw err;
        });
    }
    if (!oldest || oldest.id === created.id) return { action: 'created', url: created.html_url };
    const { data } = await octokit.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: oldest.id,
      body,
    });
    return { action: 'updated', url: data.html_url };
  } catch (err) {
    warning(
      `memgate created its comment on pull request #${target.number} but could not tidy up duplicates: ${errorMessage(err)}.`,
    );
    return { action: 'created', url: created.html_url };
  }
}

function permissionHint(status: number | undefined): string {
  if (status !== 403 && status !== 404) return '';
  return (
    ' The token needs the "pull-requests: write" permission. Pull requests from forks get a read-only' +
    ' GITHUB_TOKEN whatever the workflow asks for: run memgate with `mode: measure` there and post the' +
    ' comment from a `workflow_run` workflow with `mode: comment` (see the README, "Pull requests from forks").'
  );
}

/**
 * Creates or updates our comment on the pull request, following the `comment` policy: `on-regression`
 * creates a comment only when something regressed, but always updates an existing one (so a fixed
 * regression does not leave a stale red comment behind).
 */
export async function upsertComment(
  octokit: Octokit,
  target: CommentTarget,
  markdown: string,
  marker: string,
  policy: CommentPolicy,
  regressed: boolean,
): Promise<CommentResult> {
  if (policy === 'never') return { action: 'skipped', reason: 'comment: never' };
  // The renderer puts the marker first when given it; never rely on that for our identity.
  const body = markdown.startsWith(marker) ? markdown : `${marker}\n${markdown}`;
  let step = 'find out which account its token acts as, to find its comment on';
  try {
    await tokenLogin(octokit);
    step = 'list the comments of';
    const [existing] = await findOurComments(octokit, target, marker, true);
    if (existing) {
      if (existing.body === body) return { action: 'unchanged', url: existing.html_url };
      step = 'update its comment on';
      const { data } = await octokit.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: existing.id,
        body,
      });
      return { action: 'updated', url: data.html_url };
    }
    if (policy === 'on-regression' && !regressed)
      return { action: 'skipped', reason: 'no regression (comment: on-regression)' };
    step = 'comment on';
    const { data } = await octokit.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.number,
      body,
    });
    return await keepOldest(octokit, target, marker, data, body);
  } catch (err) {
    const status = httpStatus(err);
    const reason = `memgate could not ${step} pull request #${target.number}: ${errorMessage(err)}.${permissionHint(status)}`;
    warning(reason);
    return { action: 'failed', reason };
  }
}
