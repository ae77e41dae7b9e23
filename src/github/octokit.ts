// The GitHub client every Dial action uses: Octokit from @actions/github with the retry plugin (5xx and
// network errors, with backoff) and the throttling plugin (GitHub's pacing of writes, primary and
// secondary rate limits honoured by waiting for their reset, at most twice per request).
//
// The base URL is passed explicitly: @actions/github reads GITHUB_API_URL once, when it is imported, so a
// GitHub Enterprise Server URL set later (or a test's mock) would otherwise be ignored.
//
// Token permissions the actions need (the workflow's `permissions:`): contents: read (checkout),
// deployments: write (deployments and their statuses), pull-requests: write (the sticky comment; issue
// comments on pull requests are covered by it). Nothing else.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubLog {
  info(line: string): void;
  warn(line: string): void;
}

export interface ClientOptions {
  token: string;
  /** API base URL; default GITHUB_API_URL read now, else https://api.github.com. */
  baseUrl?: string;
  log?: GitHubLog;
  /**
   * `github` (default): the throttling plugin paces writes as GitHub asks (1 s apart, 3 s for requests that
   * notify people) and waits out rate limits. `none`: no pacing (tests against a local mock); rate limits
   * then fail at once.
   */
  pacing?: 'github' | 'none';
  /** Retries of a failed request (5xx, network); default 3. */
  retries?: number;
  /** Milliseconds the retry backoff is measured in (retry n waits n² of them); default 1000. */
  retryBaseMs?: number;
  /** Longest rate-limit wait (seconds) worth waiting for; longer ones fail. Default 600. */
  maxRateLimitWaitSeconds?: number;
}

interface RetryRequest {
  method?: string;
  url?: string;
}

const silent: GitHubLog = { info: () => undefined, warn: () => undefined };

export function createGitHubClient(options: ClientOptions): GitHubClient {
  if (options.token.trim() === '') throw new Error('a GitHub token is required (input token)');
  const log = options.log ?? silent;
  const maxWait = options.maxRateLimitWaitSeconds ?? 600;
  const baseUrl = (options.baseUrl || process.env.GITHUB_API_URL || 'https://api.github.com').replace(
    /\/+$/,
    '',
  );
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: RetryRequest, _octokit: unknown, retryCount: number): boolean => {
      const what = `${request.method ?? 'GET'} ${request.url ?? ''}`;
      if (retryCount < 2 && retryAfter <= maxWait) {
        log.warn(`GitHub ${kind} reached for ${what}: retrying in ${retryAfter} s`);
        return true;
      }
      log.warn(`GitHub ${kind} reached for ${what}: giving up (retry after ${retryAfter} s)`);
      return false;
    };
  return getOctokit(
    options.token,
    {
      baseUrl,
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (message: string) => log.warn(message),
        error: (message: string) => log.warn(message),
      },
      retry: {
        retries: options.retries ?? 3,
        ...(options.retryBaseMs !== undefined ? { retryAfterBaseValue: options.retryBaseMs } : {}),
      },
      throttle: {
        enabled: options.pacing !== 'none',
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
      },
    },
    retry,
    throttling,
  );
}

/** The HTTP status of a failed Octokit request, if it has one. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/** GitHub's message for a failed request (`Resource not accessible by integration`), else the error's. */
export function githubMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'response' in error) {
    const data = (error.response as { data?: unknown } | undefined)?.data;
    if (typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string')
      return `${httpStatus(error) ?? ''} ${data.message}`.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
