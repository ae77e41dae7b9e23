// What a step knows about its run and the event that started it, read from the runner's environment at
// call time (not at import time, as @actions/github's `context` does): the repository, the run's log URL,
// GitHub's API URL (GitHub Enterprise Server sets GITHUB_API_URL), and the pull request an event is about.
import { readFileSync } from 'node:fs';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface RunContext {
  eventName: string;
  /** The event payload (GITHUB_EVENT_PATH), `{}` when there is none. */
  event: Record<string, unknown>;
  repository: RepoRef & { fullName: string };
  /** https://github.com, or the GitHub Enterprise Server's own URL. */
  serverUrl: string;
  /** https://api.github.com, or `<server>/api/v3` on GitHub Enterprise Server. */
  apiUrl: string;
  runId: string;
  runAttempt: string;
  /** The run's page (its log): `<server>/<owner>/<repo>/actions/runs/<id>`; empty outside Actions. */
  runUrl: string;
}

export interface PullRequestInfo {
  number: number;
  /** The event's action (opened, synchronize, reopened, closed, ...), when the event says. */
  action?: string;
  state: 'open' | 'closed';
  merged: boolean;
  headSha: string;
  headRef: string;
  /** `owner/repo` the head branch lives in; undefined when the fork was deleted. */
  headRepo: string | undefined;
  baseRepo: string;
  /** The head branch lives in another repository (a fork, or a deleted one). */
  fork: boolean;
  htmlUrl?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function path(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) at = isRecord(at) ? at[key] : undefined;
  return at;
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const eventPath = env.GITHUB_EVENT_PATH;
  let event: Record<string, unknown> = {};
  if (eventPath) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(eventPath, 'utf8'));
      if (isRecord(parsed)) event = parsed;
    } catch (error) {
      throw new Error(`cannot read the event payload ${eventPath}: ${(error as Error).message}`);
    }
  }
  const fullName = env.GITHUB_REPOSITORY || str(path(event, 'repository', 'full_name')) || '';
  const [owner = '', repo = ''] = fullName.split('/');
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const apiUrl = (env.GITHUB_API_URL || defaultApiUrl(serverUrl)).replace(/\/+$/, '');
  const runId = env.GITHUB_RUN_ID ?? '';
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    event,
    repository: { owner, repo, fullName },
    serverUrl,
    apiUrl,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    runUrl: runId && fullName ? `${serverUrl}/${fullName}/actions/runs/${runId}` : '',
  };
}

/** api.github.com for github.com; `<server>/api/v3` for GitHub Enterprise Server. */
export function defaultApiUrl(serverUrl: string): string {
  const url = serverUrl.replace(/\/+$/, '');
  return url === 'https://github.com' ? 'https://api.github.com' : `${url}/api/v3`;
}

/** A pull request object as the REST API and the webhook payloads carry it. */
export function pullRequestInfo(pr: unknown, action?: string): PullRequestInfo | undefined {
  const number = num(path(pr, 'number'));
  const headSha = str(path(pr, 'head', 'sha'));
  const baseRepo = str(path(pr, 'base', 'repo', 'full_name'));
  if (number === undefined || headSha === undefined || baseRepo === undefined) return undefined;
  const headRepo = str(path(pr, 'head', 'repo', 'full_name'));
  const htmlUrl = str(path(pr, 'html_url'));
  return {
    number,
    ...(action !== undefined ? { action } : {}),
    state: path(pr, 'state') === 'closed' ? 'closed' : 'open',
    merged: path(pr, 'merged') === true || typeof path(pr, 'merged_at') === 'string',
    headSha,
    headRef: str(path(pr, 'head', 'ref')) ?? '',
    headRepo,
    baseRepo,
    // A deleted fork has head.repo null: its code came from elsewhere all the same.
    fork: headRepo === undefined || headRepo.toLowerCase() !== baseRepo.toLowerCase(),
    ...(htmlUrl !== undefined ? { htmlUrl } : {}),
  };
}

/** The pull request a pull_request / pull_request_target event is about. */
export function pullRequestFromEvent(context: Pick<RunContext, 'eventName' | 'event'>) {
  if (!context.eventName.startsWith('pull_request')) return undefined;
  return pullRequestInfo(context.event.pull_request, str(context.event.action));
}

/**
 * What a workflow_run event says about the run that triggered it: the commit, its branch and the
 * repository it came from. Its `pull_requests` list is empty for forks, so the pull request is looked up
 * by head (owner:branch) and commit.
 */
export interface WorkflowRunInfo {
  headSha: string;
  headBranch: string;
  /** `owner/repo` the commit came from. */
  headRepo: string;
  headOwner: string;
  /** The triggering workflow's event (pull_request for the fork-safe pattern). */
  event: string;
  conclusion: string | undefined;
  /** Pull request numbers GitHub listed (same-repository ones only). */
  pullRequests: number[];
}

export function workflowRunFromEvent(context: Pick<RunContext, 'eventName' | 'event'>) {
  if (context.eventName !== 'workflow_run') return undefined;
  const run = context.event.workflow_run;
  const headSha = str(path(run, 'head_sha'));
  const headRepo = str(path(run, 'head_repository', 'full_name'));
  if (headSha === undefined || headRepo === undefined) return undefined;
  const list = path(run, 'pull_requests');
  const info: WorkflowRunInfo = {
    headSha,
    headBranch: str(path(run, 'head_branch')) ?? '',
    headRepo,
    headOwner: str(path(run, 'head_repository', 'owner', 'login')) ?? headRepo.split('/')[0] ?? '',
    event: str(path(run, 'event')) ?? '',
    conclusion: str(path(run, 'conclusion')),
    pullRequests: Array.isArray(list) ? list.flatMap((p) => num(path(p, 'number')) ?? []) : [],
  };
  return info;
}
