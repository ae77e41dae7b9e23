// The GITHUB_* values the runner derives from the triggering event, and default event payloads.
import { readFileSync } from 'node:fs';

function fixture(name: string): Record<string, unknown> {
  const text = readFileSync(new URL(`./events/${name}.json`, import.meta.url), 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** A realistic payload for the event: a push to main, a pull request update, or a generic one. */
export function defaultEvent(eventName: string): Record<string, unknown> {
  if (eventName === 'push') return fixture('push');
  if (eventName === 'pull_request' || eventName === 'pull_request_target') return fixture('pull_request');
  const push = fixture('push');
  const base = { repository: push.repository, organization: push.organization, sender: push.sender };
  if (eventName === 'workflow_dispatch') {
    return { ...base, inputs: {}, ref: 'refs/heads/main', workflow: '.github/workflows/deploy.yml' };
  }
  return base;
}

/**
 * GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF and friends as the runner sets them for this event: a
 * pull_request runs on refs/pull/<n>/merge at the merge commit, a push on the pushed ref and `after`.
 */
export function eventContext(eventName: string, event: object): Record<string, string> {
  const payload: Record<string, unknown> = isRecord(event) ? event : {};
  const repository = isRecord(payload.repository) ? payload.repository : {};
  const fullName = str(repository.full_name) ?? 'dial-dev/checkout-service';
  const owner = isRecord(repository.owner) ? str(repository.owner.login) : undefined;
  const sender = isRecord(payload.sender) ? str(payload.sender.login) : undefined;
  const defaultBranch = str(repository.default_branch) ?? 'main';

  let ref = `refs/heads/${defaultBranch}`;
  let sha = '9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b';
  const vars: Record<string, string> = {};
  const pr = isRecord(payload.pull_request) ? payload.pull_request : undefined;
  if (pr !== undefined && eventName.startsWith('pull_request')) {
    const number = str(pr.number) ?? str(payload.number) ?? '1';
    const head = isRecord(pr.head) ? pr.head : {};
    const base = isRecord(pr.base) ? pr.base : {};
    vars.GITHUB_HEAD_REF = str(head.ref) ?? '';
    vars.GITHUB_BASE_REF = str(base.ref) ?? '';
    if (eventName === 'pull_request_target') {
      // pull_request_target runs in the base branch's context, not on the merge ref.
      ref = `refs/heads/${vars.GITHUB_BASE_REF || defaultBranch}`;
      sha = str(base.sha) ?? sha;
    } else {
      ref = `refs/pull/${number}/merge`;
      sha = str(pr.merge_commit_sha) ?? str(head.sha) ?? sha;
    }
  } else {
    ref = str(payload.ref) ?? ref;
    sha = str(payload.after) ?? sha;
  }

  const refName = ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\//, '');
  return {
    GITHUB_REPOSITORY: fullName,
    GITHUB_REPOSITORY_OWNER: owner ?? fullName.split('/')[0] ?? '',
    GITHUB_SHA: sha,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: refName,
    GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_ACTOR: sender ?? 'ada-example',
    GITHUB_TRIGGERING_ACTOR: sender ?? 'ada-example',
    ...vars,
  };
}
