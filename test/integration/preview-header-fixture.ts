// What the header-routed preview tests share: a preview runner against the GitHub contract mock (with
// memory in front) and the bed, and an open pull request at a commit.
import type { KubeConfig } from '@kubernetes/client-node';
import { pullRequestInfo, type PullRequestInfo } from '../../src/github/context.js';
import { createGitHubClient } from '../../src/github/octokit.js';
import { ConfigMapStateStore } from '../../src/kube/state-store.js';
import { PreviewRunner, type PreviewContext } from '../../src/preview/run.js';
import { emptyRecord } from '../../src/rollout/record.js';
import { recordedPullRequestEvent, type FakeGitHub } from '../helpers/github-fake.js';

/** A runner as the action makes one, for this run's repository on the mock; `more` as the test needs. */
export function previewRunner(
  gh: FakeGitHub,
  kc: KubeConfig,
  more: Partial<PreviewContext> & Pick<PreviewContext, 'log' | 'urlTimeoutMs'>,
): PreviewRunner {
  return new PreviewRunner({
    gh: createGitHubClient({ token: 'ghs_run', baseUrl: gh.url, pacing: 'none', retryBaseMs: 1 }),
    repo: { owner: gh.owner, repo: gh.repo, fullName: `${gh.owner}/${gh.repo}` },
    runUrl: `https://github.com/${gh.owner}/${gh.repo}/actions/runs/42`,
    kc: () => kc,
    ...more,
  });
}

/** Pull request `number` open at `sha` on the mock, as a recorded opened event names it. */
export function openPull(gh: FakeGitHub, number: number, sha: string): PullRequestInfo {
  gh.addPull({ number, headSha: sha });
  const event = recordedPullRequestEvent('opened');
  return { ...pullRequestInfo(event.pull_request, event.action)!, number, headSha: sha };
}

/** Dial's state for `service` in `namespace`, as a first `dial deploy` leaves it: production is Dial's there. */
export async function markDialProduction(
  kc: KubeConfig,
  namespace: string,
  service: string,
  workload: string,
  router: string,
): Promise<void> {
  const store = new ConfigMapStateStore(kc, namespace, service);
  await store.write(emptyRecord(service, namespace, workload, router, new Date()), undefined);
}
