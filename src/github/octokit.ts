/**
 * The one place that builds the GitHub REST client: @actions/github's Octokit (baseUrl from
 * GITHUB_API_URL, the runner's proxy settings) plus retries for 5xx/timeouts and rate-limit handling.
 * Retries are few on purpose: a comment is not worth holding a CI job for minutes.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { defaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type Octokit = ReturnType<typeof github.getOctokit>;

/** One request may take this long before it is aborted (and retried as a 5xx would be). */
const REQUEST_TIMEOUT_MS = 30_000;
/** Wait at most this long for a rate limit to reset; longer waits give up (the caller warns). */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};

type Fetch = typeof globalThis.fetch;

/** The runner's fetch (proxy-aware) with a per-request timeout, so a hung connection cannot stall the job. */
function fetchWithTimeout(timeoutMs: number): Fetch {
  const base = (defaults.request?.fetch as Fetch | undefined) ?? globalThis.fetch;
  return (input, init) => base(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

export function createOctokit(token: string): Octokit {
  // Milliseconds per "second" of backoff: 1000 in production; tests set MEMGATE_RETRY_BASE_MS to stay fast.
  const retryBase = envNumber('MEMGATE_RETRY_BASE_MS', 1000);
  return github.getOctokit(
    token,
    {
      request: {
        ...defaults.request,
        fetch: fetchWithTimeout(envNumber('MEMGATE_HTTP_TIMEOUT_MS', REQUEST_TIMEOUT_MS)),
      },
      retry: { retryAfterBaseValue: retryBase },
      throttle: {
        retryAfterBaseValue: retryBase,
        onRateLimit: (retryAfter, options, _octokit, retryCount) => {
          core.info(`GitHub API rate limit hit for ${options.method} ${options.url}: retry after ${retryAfter}s`);
          return retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
        },
        onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
          core.info(
            `GitHub API secondary rate limit hit for ${options.method} ${options.url}: retry after ${retryAfter}s`,
          );
          return retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
        },
      },
      // Octokit's default logger prints request warnings on its own; our callers report failures once, in words.
      log: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => core.debug(message),
        error: (message: string) => core.debug(message),
      },
    },
    retry,
    throttling,
  );
}

/** Status of a failed Octokit request (RequestError), or undefined for other errors. */
export function httpStatus(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
