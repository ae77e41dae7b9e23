// Previews end to end: GitHub through the test bed's contract mock (with memory in front, see
// test/helpers/github-fake.ts), Kubernetes on the real bed. Event payloads are @octokit/webhooks-examples'
// recorded pull_request events (synchronize given a new head SHA, as a push makes it).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { pullRequestInfo, type PullRequestInfo } from '../../src/github/context.js';
import { createGitHubClient } from '../../src/github/octokit.js';
import { previewNamespace } from '../../src/preview/names.js';
import { PreviewRunner, type PreviewLog } from '../../src/preview/run.js';
import { FakeGitHub, recordedPullRequestEvent } from '../helpers/github-fake.js';
import { uniqueName } from '../helpers/names.js';
import { waitUntil } from '../helpers/wait.js';

const SHA2 = 'b3f1c5d7e9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9';

function info(event: ReturnType<typeof recordedPullRequestEvent>): PullRequestInfo {
  return pullRequestInfo(event.pull_request, event.action)!;
}

describe('preview on the bed', () => {
  let gh: FakeGitHub;
  let kc: KubeConfig;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let site: Server;
  let siteHits: string[];
  const lines: string[] = [];
  const log: PreviewLog = {
    info: (l) => lines.push(l),
    warn: (l) => lines.push(`warning: ${l}`),
    notice: (l) => lines.push(`notice: ${l}`),
    progress: (l) => lines.push(`progress: ${l}`),
  };
  const cleanup: string[] = [];

  /** A workspace: dial.yaml (namespace shop, which the preview overrides) and a Deployment + Service. */
  function workspace(service: string, preview: Record<string, unknown>, extra: unknown[] = []): string {
    const dir = mkdtempSync(join(tmpdir(), 'dial-preview-'));
    cleanup.push(dir);
    mkdirSync(join(dir, 'deploy'));
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: service, namespace: 'shop', labels: { app: service } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: service } },
        template: {
          metadata: { labels: { app: service } },
          spec: {
            containers: [
              { name: 'app', image: 'registry.test/web:v0', ports: [{ name: 'http', containerPort: 8080 }] },
            ],
          },
        },
      },
    };
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: service, namespace: 'shop' },
      spec: {
        type: 'LoadBalancer',
        selector: { app: service },
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    };
    writeFileSync(
      join(dir, 'deploy', 'app.yaml'),
      [deployment, svc, ...extra].map((d) => stringify(d)).join('---\n'),
    );
    writeFileSync(
      join(dir, 'dial.yaml'),
      stringify({
        service,
        profile: 'prototype',
        namespace: 'shop',
        images: [{ name: 'web', context: '.', repository: 'registry.test/web' }],
        manifests: ['deploy'],
        preview,
      }),
    );
    return dir;
  }

  function runner(now?: () => Date) {
    return new PreviewRunner({
      gh: createGitHubClient({ token: 'ghs_run', baseUrl: gh.url, pacing: 'none', retryBaseMs: 1 }),
      repo: { owner: gh.owner, repo: gh.repo, fullName: `${gh.owner}/${gh.repo}` },
      runUrl: `https://github.com/${gh.owner}/${gh.repo}/actions/runs/42`,
      kc: () => kc,
      log,
      urlTimeoutMs: 20_000,
      urlIntervalMs: 200,
      ...(now ? { now } : {}),
    });
  }

  const siteUrl = () => `http://127.0.0.1:${(site.address() as AddressInfo).port}/pr-{pr}/`;

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    kc = new KubeConfig();
    kc.loadFromFile(process.env.KUBECONFIG!);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    // Stands for the ingress in front of the preview: the bed's pods serve nothing on the runner's network.
    site = createServer((req, res) => {
      siteHits.push(req.url ?? '');
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', () => resolve()));
  });
  beforeEach(() => {
    gh.reset();
    // Unique per test run: the sweep lists previews by repository.
    gh.repo = uniqueName('Hello-World');
    lines.length = 0;
    siteHits = [];
  });
  afterAll(async () => {
    await gh.stop();
    await new Promise<void>((resolve) => site.close(() => resolve()));
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  async function namespaceOf(name: string) {
    return core.readNamespace({ name }).catch(() => undefined);
  }

  it('opened → synchronize → closed: deployments, statuses, one comment updated in place, namespace removed', async () => {
    const service = uniqueName('pv');
    const dir = workspace(service, { enabled: true, ttl: '7d', idleTimeout: '1h', host: siteUrl() });
    const opened = recordedPullRequestEvent('opened');
    const pr = info(opened);
    const ns = previewNamespace(service, pr.number);
    gh.addPull({ number: pr.number, headSha: pr.headSha });

    // ---- opened
    const up = await runner().up({
      file: 'dial.yaml',
      workspace: dir,
      images: 'web=registry.test/web:v1',
      pr,
    });
    expect(up).toMatchObject({ result: 'deployed' });
    expect(gh.sequence()).toEqual([
      'GET pulls/get',
      'POST repos/create-deployment',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET issues/list-comments',
      'POST issues/create-comment',
      'GET issues/list-comments', // after creating: did a racing run create one too?
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET repos/list-deployments',
      'GET issues/list-comments',
      'PATCH issues/update-comment',
    ]);
    expect(gh.mock.requests.every((r) => r.status < 400)).toBe(true);
    const created = gh.mock.requestsFor('repos/create-deployment')[0]!.body;
    expect(created).toMatchObject({
      ref: pr.headSha,
      task: 'deploy:preview',
      environment: ns,
      transient_environment: true,
      production_environment: false,
      required_contexts: [],
      auto_merge: false,
      payload: { service, images: { web: 'registry.test/web:v1' }, namespace: ns, pr: pr.number },
    });
    const first = gh.deploymentsOf(ns)[0]!;
    expect(first.statuses.map((s) => s.state).reverse()).toEqual(['queued', 'in_progress', 'success']);
    expect(first.statuses[0]!.environmentUrl).toBe(siteUrl().replace('{pr}', String(pr.number)));
    expect(first.statuses.every((s) => s.logUrl.endsWith('/actions/runs/42'))).toBe(true);
    expect(siteHits).toContain(`/pr-${pr.number}/`);

    // The cluster: the namespace labelled, its quota, the workload ready, the manifests' namespace overridden.
    const namespace = await core.readNamespace({ name: ns });
    expect(namespace.metadata?.labels).toMatchObject({
      'dial.dev/preview-pr': String(pr.number),
      'app.kubernetes.io/managed-by': 'dial',
      'dial.dev/preview-service': service,
    });
    const expires = Number(namespace.metadata?.labels?.['dial.dev/preview-expires']);
    expect(expires - Date.now() / 1000).toBeGreaterThan(7 * 86400 - 600);
    const quota = await core.readNamespacedResourceQuota({ name: 'dial-preview', namespace: ns });
    expect(quota.spec?.hard).toMatchObject({ 'services.loadbalancers': '0', pods: '50' });
    const web = await apps.readNamespacedDeployment({ name: service, namespace: ns });
    expect(web.status?.readyReplicas).toBe(2);
    expect(web.spec?.template.spec?.containers[0]?.image).toBe('registry.test/web:v1');
    expect((await core.readNamespacedService({ name: service, namespace: ns })).spec?.type).toBe('ClusterIP');
    await expect(core.readNamespace({ name: 'shop' })).rejects.toBeDefined();

    const comments = gh.commentsOn(pr.number);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.startsWith(`<!-- dial:preview:v1 service=${service} -->`)).toBe(true);
    for (const part of [
      'ready',
      siteUrl().replace('{pr}', String(pr.number)),
      pr.headSha.slice(0, 7),
      'registry.test/web:v1',
      'Expires',
      'How to reach it',
      '<details>',
      'UTC',
      '/actions/runs/42',
    ])
      expect(body).toContain(part);

    // ---- synchronize: a new head SHA
    const sync = recordedPullRequestEvent('synchronize');
    sync.pull_request.head = { ...(sync.pull_request.head as object), sha: SHA2 };
    gh.addPull({ number: pr.number, headSha: SHA2 });
    gh.mock.reset();
    const again = await runner().up({
      file: 'dial.yaml',
      workspace: dir,
      images: 'web=registry.test/web:v2',
      pr: info(sync),
    });
    expect(again.result).toBe('deployed');
    expect(gh.sequence()).toEqual([
      'GET pulls/get',
      'POST repos/create-deployment',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET issues/list-comments',
      'PATCH issues/update-comment',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET repos/list-deployments',
      'GET repos/list-deployment-statuses',
      'POST repos/create-deployment-status',
      'GET issues/list-comments',
      'PATCH issues/update-comment',
    ]);
    const [second, older] = gh.deploymentsOf(ns).sort((a, b) => b.id - a.id);
    expect(second!.sha).toBe(SHA2);
    expect(second!.statuses[0]!.state).toBe('success');
    expect(older!.statuses[0]).toMatchObject({
      state: 'inactive',
      description: `superseded by deployment #${second!.id}`,
    });
    expect(gh.commentsOn(pr.number).map((c) => c.id)).toEqual([comments[0]!.id]);
    expect(gh.commentsOn(pr.number)[0]!.body).toContain(SHA2.slice(0, 7));
    expect(
      (await apps.readNamespacedDeployment({ name: service, namespace: ns })).spec?.template.spec
        ?.containers[0]?.image,
    ).toBe('registry.test/web:v2');
    expect((await core.readNamespace({ name: ns })).metadata?.labels?.['dial.dev/preview-expires']).toBe(
      String(expires),
    );

    // ---- an older run (the first commit) coming late changes nothing
    gh.mock.reset();
    const late = await runner().up({
      file: 'dial.yaml',
      workspace: dir,
      images: 'web=registry.test/web:v1',
      pr,
    });
    expect(late.result).toBe('outdated');
    expect(gh.sequence()).toEqual(['GET pulls/get']);

    // ---- closed
    const closed = recordedPullRequestEvent('closed');
    gh.addPull({ number: pr.number, headSha: SHA2, state: 'closed' });
    gh.mock.reset();
    const down = await runner().down({ pr: info(closed).number, merged: info(closed).merged, service });
    expect(down.result).toBe('removed');
    expect(gh.sequence()).toEqual([
      'GET repos/list-deployments',
      'GET repos/list-deployment-statuses',
      'POST repos/create-deployment-status',
      'GET repos/list-deployment-statuses',
      'GET issues/list-comments',
      'PATCH issues/update-comment',
    ]);
    expect(await namespaceOf(ns)).toBeUndefined();
    expect(gh.deploymentsOf(ns).map((d) => d.statuses[0]!.state)).toEqual(['inactive', 'inactive']);
    expect(gh.commentsOn(pr.number)).toHaveLength(1);
    expect(gh.commentsOn(pr.number)[0]!.body).toContain('removed');
  }, 120_000);

  it('refuses manifests that point at another namespace, and says so on the pull request', async () => {
    const service = uniqueName('pv');
    const sneaky = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'x' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'x' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' }],
    };
    const dir = workspace(service, { enabled: true }, [sneaky]);
    const pr = info(recordedPullRequestEvent('opened'));
    gh.addPull({ number: pr.number, headSha: pr.headSha });
    const result = await runner().up({ file: 'dial.yaml', workspace: dir, pr });
    expect(result.result).toBe('failed');
    expect(result.reason).toContain('subjects.0.namespace names namespace "kube-system"');
    const ns = previewNamespace(service, pr.number);
    expect(await namespaceOf(ns)).toBeUndefined();
    expect(gh.deploymentsOf(ns)[0]!.statuses[0]!.state).toBe('failure');
    expect(gh.commentsOn(pr.number)[0]!.body).toContain('failed');
  }, 60_000);

  it('says what was checked when the URL cannot be reached from the runner', async () => {
    const service = uniqueName('pv');
    const dir = workspace(service, { enabled: true, host: 'http://127.0.0.1:0/pr-{pr}' });
    const pr = info(recordedPullRequestEvent('reopened'));
    gh.addPull({ number: pr.number, headSha: pr.headSha });
    const r = new PreviewRunner({
      gh: createGitHubClient({ token: 'ghs_run', baseUrl: gh.url, pacing: 'none', retryBaseMs: 1 }),
      repo: { owner: gh.owner, repo: gh.repo, fullName: `${gh.owner}/${gh.repo}` },
      runUrl: '',
      kc: () => kc,
      log,
      urlTimeoutMs: 1000,
      urlIntervalMs: 200,
    });
    const result = await r.up({ file: 'dial.yaml', workspace: dir, pr });
    expect(result.result).toBe('deployed');
    expect(result.view?.urlCheck?.outcome).toBe('unreachable');
    expect(lines.join('\n')).toMatch(
      /notice: GET http:\/\/127\.0\.0\.1:0\/pr-2 was not reachable from the runner/,
    );
    expect(gh.commentsOn(pr.number)[0]!.body).toContain('not reachable from the runner');
    await r.down({ pr: pr.number, merged: false, service });
  }, 60_000);

  it('sweep: removes the preview of a closed pull request and an expired one, puts an idle one to sleep', async () => {
    const make = async (number: number, preview: Record<string, unknown>) => {
      const service = uniqueName('sw');
      const sha = `${number}`.padStart(40, 'c');
      gh.addPull({ number, headSha: sha });
      const pr: PullRequestInfo = { ...info(recordedPullRequestEvent('opened')), number, headSha: sha };
      const result = await runner().up({ file: 'dial.yaml', workspace: workspace(service, preview), pr });
      expect(result.result).toBe('deployed');
      return { service, ns: previewNamespace(service, number) };
    };
    const closed = await make(11, { enabled: true });
    const expired = await make(12, { enabled: true, ttl: '1h' });
    const idle = await make(13, { enabled: true, idleTimeout: '30m' });
    const active = await make(14, { enabled: true, idleTimeout: '3h' });
    gh.pulls.get(11)!.state = 'closed';
    gh.mock.reset();
    const later = new Date(Date.now() + 2 * 3600 * 1000);
    const swept = await runner(() => later).sweep();
    expect(swept.result).toBe('swept');
    const byNs = Object.fromEntries((swept.swept ?? []).map((s) => [s.namespace, s.action]));
    expect(byNs).toEqual({
      [closed.ns]: 'removed',
      [expired.ns]: 'removed',
      [idle.ns]: 'sleeping',
      [active.ns]: 'kept',
    });
    // One pull request read per preview, then per preview its own calls.
    expect(gh.calls((r) => r.operationId === 'pulls/get').sort()).toEqual(Array(4).fill('GET pulls/get 200'));
    expect(gh.sequence((r) => r.operationId !== 'pulls/get')).toEqual(
      expect.arrayContaining([
        'GET repos/list-deployments',
        'POST repos/create-deployment-status',
        'PATCH issues/update-comment',
      ]),
    );
    expect(gh.mock.requests.every((r) => r.status < 400)).toBe(true);
    expect(await namespaceOf(closed.ns)).toBeUndefined();
    expect(await namespaceOf(expired.ns)).toBeUndefined();
    const sleeping = await waitUntil(
      `${idle.ns} scaled to zero`,
      async () => {
        const d = await apps.readNamespacedDeployment({ name: idle.service, namespace: idle.ns });
        if (d.spec?.replicas === 0) return d;
        throw new Error(`replicas ${d.spec?.replicas}`);
      },
      { timeoutMs: 20_000 },
    );
    expect(sleeping.spec?.replicas).toBe(0);
    expect(
      (await core.readNamespace({ name: idle.ns })).metadata?.annotations?.['dial.dev/preview-sleeping'],
    ).toBeDefined();
    expect(gh.deploymentsOf(idle.ns)[0]!.statuses[0]!.state).toBe('inactive');
    expect(gh.commentsOn(13)[0]!.body).toContain('sleeping');
    expect(gh.commentsOn(11)[0]!.body).toContain('removed');
    expect(
      (await apps.readNamespacedDeployment({ name: active.service, namespace: active.ns })).spec?.replicas,
    ).toBe(2);

    // A new commit wakes the sleeping one.
    const sha = '13'.padStart(40, 'd');
    gh.addPull({ number: 13, headSha: sha });
    const woken = await runner().up({
      file: 'dial.yaml',
      workspace: workspace(idle.service, { enabled: true, idleTimeout: '30m' }),
      pr: { ...info(recordedPullRequestEvent('synchronize')), number: 13, headSha: sha },
    });
    expect(woken.result).toBe('deployed');
    expect(
      (await apps.readNamespacedDeployment({ name: idle.service, namespace: idle.ns })).status?.readyReplicas,
    ).toBe(2);
    expect(
      (await core.readNamespace({ name: idle.ns })).metadata?.annotations?.['dial.dev/preview-sleeping'],
    ).toBeUndefined();

    for (const n of [13, 14]) gh.pulls.get(n)!.state = 'closed';
    const final = await runner().sweep();
    expect((final.swept ?? []).map((s) => s.action).sort()).toEqual(['removed', 'removed']);
  }, 180_000);

  it("leaves alone a namespace with the preview's name that is not the preview", async () => {
    const service = uniqueName('pv');
    const pr = info(recordedPullRequestEvent('opened'));
    const ns = previewNamespace(service, pr.number);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    try {
      gh.addPull({ number: pr.number, headSha: pr.headSha });
      const result = await runner().up({
        file: 'dial.yaml',
        workspace: workspace(service, { enabled: true }),
        pr,
      });
      expect(result.result).toBe('failed');
      expect(result.reason).toContain(`namespace ${ns} exists and is not the preview`);
      expect(
        (await core.readNamespace({ name: ns })).metadata?.labels?.['dial.dev/preview-pr'],
      ).toBeUndefined();
    } finally {
      await core.deleteNamespace({ name: ns }).catch(() => undefined);
    }
  }, 60_000);
});
