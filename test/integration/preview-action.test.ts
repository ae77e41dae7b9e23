// The built preview bundle through the runner-faithful harness, with a recorded pull_request event, the
// GitHub contract mock (with memory in front) and the real bed: two runs of the same pull request racing
// end with one comment and one successful deployment; closing removes it all.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { previewNamespace } from '../../src/preview/names.js';
import { runAction } from '../harness/run-action.js';
import { FakeGitHub, recordedPullRequestEvent } from '../helpers/github-fake.js';
import { uniqueName } from '../helpers/names.js';

describe('preview action on the bed', () => {
  let gh: FakeGitHub;
  let site: Server;
  let dir: string;
  const service = uniqueName('pa');

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    site = createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', () => resolve()));
    dir = mkdtempSync(join(tmpdir(), 'dial-preview-action-'));
    mkdirSync(join(dir, 'deploy'));
    writeFileSync(
      join(dir, 'deploy', 'app.yaml'),
      stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: service },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: service } },
          template: {
            metadata: { labels: { app: service } },
            spec: { containers: [{ name: 'app', image: 'registry.test/web:v0' }] },
          },
        },
      }),
    );
    const port = (site.address() as AddressInfo).port;
    writeFileSync(
      join(dir, 'dial.yaml'),
      stringify({
        service,
        profile: 'prototype',
        images: [{ name: 'web', context: '.', repository: 'registry.test/web' }],
        manifests: ['deploy'],
        preview: { enabled: true, host: `http://127.0.0.1:${port}/pr-{pr}` },
      }),
    );
  });
  afterAll(async () => {
    await gh.stop();
    await new Promise<void>((resolve) => site.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('two runs racing on opened → one comment, the newest deployment successful; closed → removed', async () => {
    const event = recordedPullRequestEvent('opened');
    const sha = (event.pull_request.head as { sha: string }).sha;
    gh.addPull({ number: event.number, headSha: sha });
    const run = (runId: string, ev: object) =>
      runAction({
        action: 'preview',
        eventName: 'pull_request',
        event: ev,
        workspace: dir,
        inputs: { image: 'web=registry.test/web:v1', 'url-timeout': '20s' },
        env: {
          GITHUB_API_URL: gh.url,
          GITHUB_TOKEN: 'ghs_job_token',
          KUBECONFIG: process.env.KUBECONFIG!,
          GITHUB_RUN_ID: runId,
        },
        timeoutMs: 120_000,
      });
    const [a, b] = await Promise.all([run('9001', event), run('9002', event)]);
    for (const r of [a, b]) {
      expect(r.exitCode).toBe(0);
      expect(['deployed', 'outdated']).toContain(r.outputs.result);
      expect(r.annotations.filter((x) => x.level === 'error')).toEqual([]);
    }
    expect([a, b].some((r) => r.outputs.result === 'deployed')).toBe(true);
    const ns = previewNamespace(service, event.number);
    const comments = gh.commentsOn(event.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(': ready');
    const deployments = gh.deploymentsOf(ns).sort((x, y) => y.id - x.id);
    expect(deployments).toHaveLength(2);
    expect(deployments[0]!.statuses[0]!.state).toBe('success');
    expect(deployments[1]!.statuses[0]?.state ?? 'none').not.toBe('success');
    expect(
      gh.mock.requests.filter((r) => r.status >= 400 && r.operationId !== 'issues/delete-comment'),
    ).toEqual([]);
    const deployed = [a, b].find((r) => r.outputs.result === 'deployed')!;
    expect(deployed.outputs).toMatchObject({
      namespace: ns,
      environment: ns,
      'comment-id': String(comments[0]!.id),
    });
    expect(deployed.summary).toContain(`## Dial preview of \`${service}\` for #${event.number}: ✅ ready`);
    expect(deployed.summary).toContain(`| namespace | \`${ns}\``);

    const kc = new KubeConfig();
    kc.loadFromFile(process.env.KUBECONFIG!);
    const core = kc.makeApiClient(CoreV1Api);
    expect((await core.readNamespace({ name: ns })).metadata?.labels?.['dial.dev/preview-pr']).toBe(
      String(event.number),
    );

    const closed = recordedPullRequestEvent('closed');
    gh.pulls.get(event.number)!.state = 'closed';
    const down = await run('9003', closed);
    expect(down.exitCode).toBe(0);
    expect(down.outputs.result).toBe('removed');
    await expect(core.readNamespace({ name: ns })).rejects.toBeDefined();
    expect(gh.deploymentsOf(ns).map((d) => d.statuses[0]?.state)).toEqual(['inactive', 'inactive']);
    expect(gh.commentsOn(event.number)).toHaveLength(1);
  }, 240_000);
});
