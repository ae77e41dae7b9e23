// The built preview bundle, run as the runner runs it, against the GitHub contract mock (with memory in
// front). These cases need no cluster: forks and events with nothing to do are skipped with an
// explanation (never a failure), a bad mode fails naming the input, previews turned off say how to turn
// them on, and a run for a commit the pull request has moved past changes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runAction } from '../harness/run-action.js';
import { FakeGitHub, recordedPullRequestEvent } from '../helpers/github-fake.js';

const dirs: string[] = [];

function workspace(preview: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dial-preview-action-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'deploy'));
  writeFileSync(
    join(dir, 'deploy', 'app.yaml'),
    stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' }, data: { a: 'b' } }),
  );
  writeFileSync(
    join(dir, 'dial.yaml'),
    stringify({ service: 'web', profile: 'prototype', manifests: ['deploy'], preview }),
  );
  return dir;
}

describe('preview action (no cluster needed)', () => {
  let gh: FakeGitHub;
  const env = () => ({
    GITHUB_API_URL: gh.url,
    GITHUB_TOKEN: 'ghs_job_token',
    KUBECONFIG: '/nonexistent/kubeconfig',
  });

  beforeAll(async () => {
    gh = await FakeGitHub.start();
  });
  beforeEach(() => gh.reset());
  afterAll(async () => {
    await gh.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('skips a pull request from a fork with a notice and a summary, touching neither GitHub nor the cluster', async () => {
    const event = recordedPullRequestEvent('opened');
    const head = event.pull_request.head as { repo: Record<string, unknown> };
    head.repo = { ...head.repo, full_name: 'mallory/Hello-World', fork: true };
    const run = await runAction({
      action: 'preview',
      eventName: 'pull_request',
      event,
      workspace: workspace({ enabled: true }),
      env: env(),
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('skipped');
    expect(run.outputs.reason).toContain('comes from a fork (mallory/Hello-World)');
    expect(run.annotations).toEqual([
      expect.objectContaining({
        level: 'notice',
        title: 'Dial preview skipped',
        message: expect.stringContaining('fork-safe pattern'),
      }),
    ]);
    expect(run.summary).toContain('## Dial preview: skipped');
    expect(run.summary).toContain('workflow_run');
    expect(gh.mock.requests).toEqual([]);
  });

  it('skips events with nothing to do (labeled)', async () => {
    const run = await runAction({
      action: 'preview',
      eventName: 'pull_request',
      event: recordedPullRequestEvent('labeled'),
      workspace: workspace({ enabled: true }),
      env: env(),
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('skipped');
    expect(run.outputs.reason).toContain('nothing to do for pull_request labeled');
    expect(gh.mock.requests).toEqual([]);
  });

  it('fails a bad mode, naming the input', async () => {
    const run = await runAction({
      action: 'preview',
      inputs: { mode: 'deploy' },
      eventName: 'pull_request',
      event: recordedPullRequestEvent('opened'),
      workspace: workspace({ enabled: true }),
      env: env(),
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]).toMatchObject({ level: 'error', title: 'input mode' });
  });

  it('says how to turn previews on when dial.yaml has them off', async () => {
    const run = await runAction({
      action: 'preview',
      eventName: 'pull_request',
      event: recordedPullRequestEvent('opened'),
      workspace: workspace({ enabled: false }),
      env: env(),
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('skipped');
    expect(run.outputs.reason).toContain('set preview.enabled: true');
    expect(gh.mock.requests).toEqual([]);
  });

  it('an outdated run (the pull request moved on) changes nothing and says so', async () => {
    const event = recordedPullRequestEvent('synchronize');
    gh.addPull({ number: 2, headSha: 'f'.repeat(40) });
    const run = await runAction({
      action: 'preview',
      eventName: 'pull_request',
      event,
      workspace: workspace({ enabled: true }),
      env: env(),
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('outdated');
    expect(run.outputs.reason).toContain('is at fffffff now');
    expect(gh.calls()).toEqual(['GET pulls/get 200']);
    expect(gh.mock.requests[0]?.headers.authorization).toBe('token [redacted]');
  });

  it('a read-only token (403 on the deployment) is a skip with an explanation, not a failure', async () => {
    const event = recordedPullRequestEvent('opened');
    gh.addPull({ number: 2, headSha: (event.pull_request.head as { sha: string }).sha });
    gh.fail('repos/create-deployment', {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const run = await runAction({
      action: 'preview',
      eventName: 'pull_request',
      event,
      workspace: workspace({ enabled: true }),
      env: env(),
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('skipped');
    expect(run.outputs.reason).toContain('Resource not accessible by integration');
    expect(gh.calls()).toEqual(['GET pulls/get 200', 'POST repos/create-deployment 403']);
  });
});
