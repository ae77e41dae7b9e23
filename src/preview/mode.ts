// Which preview work an event asks for when the `mode` input does not say, and the pull request it is
// about: pull_request opened / synchronize / reopened → up, closed → down; workflow_run (the fork-safe
// pattern: a privileged run after an unprivileged build) → up for the pull request found by the commit;
// schedule and workflow_dispatch → sweep. A fork's pull request is skipped unless allowed.
import {
  pullRequestFromEvent,
  pullRequestInfo,
  workflowRunFromEvent,
  type PullRequestInfo,
  type RepoRef,
  type RunContext,
} from '../github/context.js';
import type { GitHubClient } from '../github/octokit.js';

export type PreviewMode = 'up' | 'down' | 'sweep';

export type ModeChoice = { mode: PreviewMode; pr?: PullRequestInfo } | { skip: string } | { error: string };

const UP_ACTIONS = new Set(['opened', 'synchronize', 'reopened']);

export const FORK_EXPLANATION =
  "GitHub gives a pull_request run from a fork a read-only token and no secrets, and deploying a fork's " +
  'code would run untrusted code in the cluster. Use the fork-safe pattern in workflows-examples/pr-preview.yml ' +
  '(build unprivileged on pull_request, deploy from a gated workflow_run with allow-forks: true).';

/** The mode from the input or the event, and the pull request (not yet for workflow_run: see resolve). */
export function chooseMode(context: Pick<RunContext, 'eventName' | 'event'>, input: string): ModeChoice {
  const wanted = input.trim().toLowerCase();
  if (wanted !== '' && wanted !== 'up' && wanted !== 'down' && wanted !== 'sweep')
    return {
      error: `input mode must be up, down or sweep (or empty: chosen from the event), not "${input}"`,
    };
  const event = context.eventName;
  if (wanted === 'sweep') return { mode: 'sweep' };
  if (event === 'schedule' || event === 'workflow_dispatch') {
    if (wanted === '') return { mode: 'sweep' };
  }
  if (event.startsWith('pull_request')) {
    const pr = pullRequestFromEvent(context);
    if (!pr) return { error: `the ${event} event payload names no pull request` };
    if (wanted !== '') return { mode: wanted, pr };
    if (pr.action === 'closed') return { mode: 'down', pr };
    if (pr.action !== undefined && UP_ACTIONS.has(pr.action)) return { mode: 'up', pr };
    return {
      skip: `nothing to do for ${event} ${pr.action ?? '(no action)'}: previews follow opened, synchronize, reopened and closed`,
    };
  }
  if (event === 'workflow_run') {
    const run = workflowRunFromEvent(context);
    if (!run) return { error: 'the workflow_run event payload names no head commit' };
    if (run.conclusion !== undefined && run.conclusion !== 'success')
      return { skip: `the triggering run concluded ${run.conclusion}: nothing to deploy` };
    return { mode: wanted === '' ? 'up' : wanted };
  }
  if (wanted !== '') return { mode: wanted };
  return {
    error: `input mode is empty and a ${event || 'unknown'} event does not say what to do: set mode to up, down or sweep`,
  };
}

/**
 * The pull request a workflow_run is about. Its `pull_requests` list is empty for forks, so the open
 * pull requests with that head (owner:branch) are read and the one at the run's commit is taken.
 */
export async function resolveWorkflowRunPull(
  gh: GitHubClient,
  target: RepoRef,
  context: Pick<RunContext, 'eventName' | 'event'>,
): Promise<PullRequestInfo | undefined> {
  // Only owner and repo: any other field would go into the query string.
  const repo = { owner: target.owner, repo: target.repo };
  const run = workflowRunFromEvent(context);
  if (!run) return undefined;
  for (const number of run.pullRequests) {
    const { data } = await gh.rest.pulls.get({ ...repo, pull_number: number });
    const pr = pullRequestInfo(data);
    if (pr && pr.headSha === run.headSha) return pr;
  }
  const list = await gh.paginate(gh.rest.pulls.list, {
    ...repo,
    state: 'open',
    head: `${run.headOwner}:${run.headBranch}`,
    per_page: 100,
  });
  for (const item of list) {
    const pr = pullRequestInfo(item);
    if (pr && pr.headSha === run.headSha) return { ...pr, action: 'workflow_run' };
  }
  return undefined;
}
