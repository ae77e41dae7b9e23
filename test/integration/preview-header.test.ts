// Header-routed previews beside production (preview.mode: header) on the bed's real data plane: Traefik
// as the Gateway API implementation, real requests to GATEWAY_URL (loopback) naming this run's host, the
// pod runner answering with each pod's image. GitHub through the contract mock (with memory in front).
// Production is made as a user makes it (Deployment, Service, HTTPRoute); each test counts exactly where
// a bounded number of requests went, with and without the header.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { ConfigError } from '../../src/config/issues.js';
import type { PullRequestInfo } from '../../src/github/context.js';
import { KubeCluster } from '../../src/kube/cluster.js';
import { previewNamespace } from '../../src/preview/names.js';
import type { PreviewLog } from '../../src/preview/run.js';
import { GatewayApiRouter } from '../../src/traffic/gateway-api.js';
import { apply, GatewayClient, type Answer } from '../../testbed/src/gateway/client.js';
import { GATEWAY_NAME, GATEWAY_NAMESPACE } from '../../testbed/src/gateway/traefik.js';
import { runAction } from '../harness/run-action.js';
import { FakeGitHub, recordedPullRequestEvent } from '../helpers/github-fake.js';
import { uniqueName } from '../helpers/names.js';
import { waitUntil } from '../helpers/wait.js';
import { markDialProduction, openPull, previewRunner } from './preview-header-fixture.js';
import { userParts } from './routers-fixture.js';

const REPO = 'registry.example/pvh/web';
const PROD_IMAGE = `${REPO}:1.0.0`;
const prImage = (pr: number) => `${REPO}:pr-${pr}`;
const HEADER = 'x-dial-preview';
const HTTPROUTE = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' };

let kc: KubeConfig;
let cluster: KubeCluster;
let client: GatewayClient;
let gh: FakeGitHub;
const namespaces: string[] = [];
const folders: string[] = [];
const lines: string[] = [];
const log: PreviewLog = {
  info: (l) => lines.push(l),
  warn: (l) => lines.push(`warning: ${l}`),
  notice: (l) => lines.push(`notice: ${l}`),
  progress: (l) => lines.push(`progress: ${l}`),
};

beforeAll(async () => {
  for (const name of ['KUBECONFIG', 'GATEWAY_URL'])
    if (!process.env[name]) throw new Error(`${name} is not set: the gateway part of the test bed is not up`);
  kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  cluster = new KubeCluster(kc);
  client = new GatewayClient(process.env.GATEWAY_URL!);
  gh = await FakeGitHub.start();
});
beforeEach(() => {
  gh.reset();
  gh.repo = uniqueName('Hello-World'); // the sweep lists previews by repository
  lines.length = 0;
});
afterAll(async () => {
  client?.close();
  await gh?.stop();
  const core = kc.makeApiClient(CoreV1Api);
  for (const name of namespaces) await core.deleteNamespace({ name }).catch(() => undefined);
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

interface Production {
  namespace: string;
  host: string;
  workspace: string;
}

const container = (image: string) => ({
  name: 'web',
  image,
  ports: [{ name: 'http', containerPort: 8080 }],
});

/** Production as its team made it (2 pods, its Service, its HTTPRoute on the bed's Gateway) and the PR's workspace. */
async function production(
  prefix: string,
  preview: Record<string, unknown>,
  router?: object,
): Promise<Production> {
  const namespace = uniqueName(prefix);
  namespaces.push(namespace);
  const host = `${namespace}.dial.test`;
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const deployment = (image: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace, labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', tier: 'front' } },
        spec: { containers: [container(image)] },
      },
    },
  });
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
  await apply(kc, [
    deployment(PROD_IMAGE),
    service,
    {
      ...HTTPROUTE,
      metadata: { name: 'web', namespace },
      spec: {
        parentRefs: [{ name: GATEWAY_NAME, namespace: GATEWAY_NAMESPACE }],
        hostnames: [host],
        rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
      },
    },
  ] as KubernetesObject[]);
  await markDialProduction(kc, namespace, 'web', 'web', 'gateway-api');
  const workspace = mkdtempSync(join(tmpdir(), 'dial-pvh-'));
  folders.push(workspace);
  mkdirSync(join(workspace, 'deploy'));
  writeFileSync(
    join(workspace, 'deploy', 'app.yaml'),
    [deployment(`${REPO}:source`), service].map((d) => stringify(d)).join('---\n'),
  );
  writeFileSync(
    join(workspace, 'dial.yaml'),
    stringify({
      service: 'web',
      profile: 'prototype',
      namespace,
      images: [{ name: 'web', context: '.', repository: REPO }],
      manifests: ['deploy'],
      router: router ?? { type: 'gateway-api', httpRoute: 'web', port: 80 },
      preview,
    }),
  );
  await waitUntil(
    `${host}: production answering through the gateway`,
    async () => {
      const a = await client.get(host);
      if (a.image === PROD_IMAGE) return true;
      throw new Error(`${a.status} ${a.image ?? a.error ?? a.body}`);
    },
    { timeoutMs: 45_000, intervalMs: 200 },
  );
  return { namespace, host, workspace };
}

function runner(now?: () => Date) {
  return previewRunner(gh, kc, {
    log,
    urlTimeoutMs: 20_000,
    urlIntervalMs: 200,
    // The route's host has no DNS entry: the check goes to the bed's gateway with that Host.
    urlConnectTo: process.env.GATEWAY_URL!,
    ...(now ? { now } : {}),
  });
}

const pull = (number: number, sha = `${number}`.padStart(40, 'a')) => openPull(gh, number, sha);

const images = (answers: Answer[]) => {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const key = a.status === 200 && a.image ? a.image : `failed ${a.status} ${a.error ?? ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

/** Waits until a request (with `headers`) is answered by `image`: Traefik has caught up with the routes. */
const answeredBy = (host: string, image: string, headers: Record<string, string> = {}) =>
  waitUntil(
    `${host} ${JSON.stringify(headers)} answered by ${image}`,
    async () => {
      const a = await client.get(host, headers);
      if (a.image === image) return true;
      throw new Error(`answered ${a.status} by ${a.image ?? a.error ?? a.body.trim()}`);
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );

/** A workspace whose dial.yaml asks for a header preview with a router that cannot route by header. */
function refusedWorkspace(router: object): string {
  const workspace = mkdtempSync(join(tmpdir(), 'dial-pvh-'));
  folders.push(workspace);
  mkdirSync(join(workspace, 'deploy'));
  writeFileSync(
    join(workspace, 'deploy', 'app.yaml'),
    stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
  );
  writeFileSync(
    join(workspace, 'dial.yaml'),
    stringify({
      service: 'web',
      profile: 'prototype',
      manifests: ['deploy'],
      router,
      preview: { enabled: true, mode: 'header' },
    }),
  );
  return workspace;
}

const names = async (namespace: string, kind: { apiVersion: string; kind: string }) =>
  (await cluster.list({ ...kind, namespace })).map((o) => o.metadata?.name ?? '').sort();

describe('header-routed previews on the gateway data plane', () => {
  it('up → header requests reach the PR, others production; a second PR beside; a rollout beside; down', async () => {
    const prod = await production('pvh', { enabled: true, mode: 'header', ttl: '1d', idleTimeout: '1h' });
    const { namespace, host } = prod;
    const route = await cluster.get({ ...HTTPROUTE, namespace, name: 'web' });
    const a = pull(401);

    // ---- up for #401
    const up = await runner().up({
      file: 'dial.yaml',
      workspace: prod.workspace,
      images: `web=${prImage(401)}`,
      pr: a,
    });
    expect({ result: up.result, reason: up.reason }).toMatchObject({ result: 'deployed' });
    expect(gh.sequence()).toEqual([
      'GET pulls/get',
      'POST repos/create-deployment',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET issues/list-comments',
      'POST issues/create-comment',
      'GET issues/list-comments',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET repos/list-deployments',
      'GET issues/list-comments',
      'PATCH issues/update-comment',
    ]);
    const environment = previewNamespace('web', 401);
    const url = `https://${host}/`;
    expect(gh.mock.requestsFor('repos/create-deployment')[0]!.body).toMatchObject({
      environment,
      transient_environment: true,
      production_environment: false,
      payload: { service: 'web', namespace, pr: 401 },
    });
    const statuses = gh.deploymentsOf(environment)[0]!.statuses;
    expect(statuses.map((s) => s.state).reverse()).toEqual(['queued', 'in_progress', 'success']);
    expect(statuses[0]!.environmentUrl).toBe(url);
    expect(up.view?.urlCheck).toMatchObject({ outcome: 'answered', status: 200 });
    expect(up.view?.urlCheck?.detail).toContain(`with ${HEADER}: 401`);
    // The route's status says the gateway serves it (the URL answers with the header even before).
    expect(up.view?.notes).toContain(
      `HTTPRoute ${namespace}/web-pr-401 accepted by 1 gateway(s), its backend resolved`,
    );
    const comments = gh.commentsOn(401);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(`curl -H '${HEADER}: 401' ${url}`);
    expect(comments[0]!.body).toContain('unless every service forwards it');

    // The objects: the PR's Deployment and Service beside production, its own route; production untouched.
    expect(await names(namespace, { apiVersion: 'apps/v1', kind: 'Deployment' })).toEqual([
      'web',
      'web-pr-401',
    ]);
    expect(await names(namespace, { apiVersion: 'v1', kind: 'Service' })).toEqual(['web', 'web-pr-401']);
    expect(await names(namespace, HTTPROUTE)).toEqual(['web', 'web-pr-401']);
    expect(userParts(await cluster.get({ ...HTTPROUTE, namespace, name: 'web' }))).toEqual(userParts(route));
    const pr401 = await cluster.getDeployment(namespace, 'web-pr-401');
    expect(pr401?.spec?.replicas).toBe(1);
    expect(pr401?.spec?.template.metadata?.labels).toEqual({
      app: 'web-pr-401',
      tier: 'front',
      'dial.dev/preview-pr': '401',
    });
    expect(pr401?.metadata?.labels?.['dial.dev/preview-pr']).toBe('401');

    // ---- exactly where requests go: 200 with the header, 200 without
    await answeredBy(host, prImage(401), { [HEADER]: '401' });
    expect(images(await client.many(200, host, { [HEADER]: '401' }))).toEqual({ [prImage(401)]: 200 });
    expect(images(await client.many(200, host))).toEqual({ [PROD_IMAGE]: 200 });
    expect(images(await client.many(200, host, { [HEADER]: '999' }))).toEqual({ [PROD_IMAGE]: 200 });

    // ---- a second pull request beside it
    const b = pull(402);
    const upB = await runner().up({
      file: 'dial.yaml',
      workspace: prod.workspace,
      images: `web=${prImage(402)}`,
      pr: b,
    });
    expect(upB.result).toBe('deployed');
    await answeredBy(host, prImage(402), { [HEADER]: '402' });
    expect(images(await client.many(200, host, { [HEADER]: '402' }))).toEqual({ [prImage(402)]: 200 });
    expect(images(await client.many(200, host, { [HEADER]: '401' }))).toEqual({ [prImage(401)]: 200 });
    expect(images(await client.many(200, host))).toEqual({ [PROD_IMAGE]: 200 });

    // ---- a production rollout's router writes while previews exist: both keep working
    const router = new GatewayApiRouter(cluster, {
      namespace,
      workload: 'web',
      service: 'web',
      config: { type: 'gateway-api', httpRoute: 'web', port: 80 },
    });
    await router.setWeight(0);
    await router.setHeaderRoute({ name: 'x-canary', value: 'yes' });
    const during = await cluster.get({ ...HTTPROUTE, namespace, name: 'web' });
    expect(JSON.stringify(during)).toContain('web-stable');
    await answeredBy(host, PROD_IMAGE);
    expect(images(await client.many(200, host))).toEqual({ [PROD_IMAGE]: 200 });
    expect(images(await client.many(200, host, { [HEADER]: '402' }))).toEqual({ [prImage(402)]: 200 });
    // A new commit of #402 while the rollout runs: its route copies the rules now sending to the tracks.
    const b2 = pull(402, '402'.padStart(40, 'b'));
    const again = await runner().up({
      file: 'dial.yaml',
      workspace: prod.workspace,
      images: `web=${prImage(402)}`,
      pr: b2,
    });
    expect(again.result).toBe('deployed');
    expect(userParts(await cluster.get({ ...HTTPROUTE, namespace, name: 'web' }))).toEqual(userParts(during));
    expect(gh.commentsOn(402)).toHaveLength(1);
    await router.reset();
    await router.finalize();
    expect(userParts(await cluster.get({ ...HTTPROUTE, namespace, name: 'web' }))).toEqual(userParts(route));
    expect(await names(namespace, HTTPROUTE)).toEqual(['web', 'web-pr-401', 'web-pr-402']);
    expect(images(await client.many(200, host, { [HEADER]: '402' }))).toEqual({ [prImage(402)]: 200 });
    expect(images(await client.many(200, host))).toEqual({ [PROD_IMAGE]: 200 });

    // ---- down for #401: exactly its objects go; the header then reaches production
    gh.pulls.get(401)!.state = 'closed';
    gh.mock.reset();
    const down = await runner().down({ pr: 401, merged: false, service: 'web' });
    expect(down.result).toBe('removed');
    expect(gh.deploymentsOf(environment).map((d) => d.statuses[0]?.state)).toEqual(['inactive']);
    expect(gh.commentsOn(401)).toHaveLength(1);
    expect(gh.commentsOn(401)[0]!.body).toContain('removed');
    expect(await names(namespace, HTTPROUTE)).toEqual(['web', 'web-pr-402']);
    expect(await names(namespace, { apiVersion: 'v1', kind: 'Service' })).toEqual(['web', 'web-pr-402']);
    await waitUntil(`Deployment web-pr-401 gone`, async () => {
      const left = await names(namespace, { apiVersion: 'apps/v1', kind: 'Deployment' });
      if (left.join() === 'web,web-pr-402') return true;
      throw new Error(left.join(', '));
    });
    expect(userParts(await cluster.get({ ...HTTPROUTE, namespace, name: 'web' }))).toEqual(userParts(route));
    await answeredBy(host, PROD_IMAGE, { [HEADER]: '401' });
    expect(images(await client.many(200, host, { [HEADER]: '401' }))).toEqual({ [PROD_IMAGE]: 200 });
    expect(images(await client.many(200, host, { [HEADER]: '402' }))).toEqual({ [prImage(402)]: 200 });
    await runner().down({ pr: 402, merged: true, service: 'web' });
    expect(await names(namespace, HTTPROUTE)).toEqual(['web']);
  }, 300_000);

  it('sweep removes an expired header preview and its route, puts an idle one to sleep; a commit wakes it', async () => {
    const prod = await production('pvs', { enabled: true, mode: 'header', ttl: '1h' });
    const upAt = (pr: PullRequestInfo) =>
      runner().up({ file: 'dial.yaml', workspace: prod.workspace, images: `web=${prImage(pr.number)}`, pr });
    expect((await upAt(pull(403))).result).toBe('deployed');
    // #405 under other settings (the pull request changed dial.yaml): kept a day, asleep after 30 minutes.
    const dialYaml = join(prod.workspace, 'dial.yaml');
    writeFileSync(dialYaml, readFileSync(dialYaml, 'utf8').replace('ttl: 1h', 'ttl: 1d\n  idleTimeout: 30m'));
    expect((await upAt(pull(405))).result).toBe('deployed');
    const kept = await runner().sweep();
    expect(kept.swept?.map((s) => [s.namespace, s.pr, s.action, s.reason]).sort()).toEqual([
      [prod.namespace, 403, 'kept', 'open and active'],
      [prod.namespace, 405, 'kept', 'open and active'],
    ]);

    const later = new Date(Date.now() + 2 * 3600 * 1000);
    const swept = await runner(() => later).sweep();
    expect(swept.swept?.map((s) => [s.pr, s.action]).sort()).toEqual([
      [403, 'removed'],
      [405, 'sleeping'],
    ]);
    expect(await names(prod.namespace, HTTPROUTE)).toEqual(['web', 'web-pr-405']);
    expect(await names(prod.namespace, { apiVersion: 'v1', kind: 'Service' })).toEqual(['web', 'web-pr-405']);
    expect(gh.deploymentsOf(previewNamespace('web', 403))[0]!.statuses[0]!.state).toBe('inactive');
    expect(gh.deploymentsOf(previewNamespace('web', 405))[0]!.statuses[0]!.state).toBe('inactive');
    expect(gh.commentsOn(405)[0]!.body).toContain('sleeping');
    const asleep = await cluster.getDeployment(prod.namespace, 'web-pr-405');
    expect(asleep?.spec?.replicas).toBe(0);
    expect(asleep?.metadata?.annotations?.['dial.dev/preview-sleeping']).toBeDefined();
    expect((await cluster.getDeployment(prod.namespace, 'web'))?.spec?.replicas).toBe(2);
    await answeredBy(prod.host, PROD_IMAGE, { [HEADER]: '403' });

    // A new commit wakes it.
    expect((await upAt(pull(405, '405'.padStart(40, 'f')))).result).toBe('deployed');
    const awake = await cluster.getDeployment(prod.namespace, 'web-pr-405');
    expect(awake?.status?.readyReplicas).toBe(1);
    expect(awake?.metadata?.annotations?.['dial.dev/preview-sleeping']).toBeUndefined();
    await answeredBy(prod.host, prImage(405), { [HEADER]: '405' });
    expect(images(await client.many(200, prod.host, { [HEADER]: '405' }))).toEqual({ [prImage(405)]: 200 });

    gh.pulls.get(405)!.state = 'closed';
    const closed = await runner().sweep();
    expect(closed.swept?.map((s) => [s.pr, s.action])).toEqual([[405, 'removed']]);
    expect(await names(prod.namespace, HTTPROUTE)).toEqual(['web']);
  }, 180_000);

  it.each([
    { router: { type: 'replicas' } },
    { router: { type: 'ingress-nginx', ingress: 'web' } },
    { router: { type: 'smi', trafficSplit: 'web' } },
  ])(
    'mode header with router $router.type fails naming preview.mode before anything is applied',
    async ({ router }) => {
      const workspace = refusedWorkspace(router);
      const error = await runner()
        .up({ file: 'dial.yaml', workspace, pr: pull(404) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message)).toMatch(/preview\.mode.*gateway-api, istio or emissary/s);
      expect(gh.mock.requests).toEqual([]);
    },
  );

  it('the action says so in an ::error:: on dial.yaml preview.mode, and calls nothing', async () => {
    const workspace = refusedWorkspace({ type: 'replicas' });
    const event = recordedPullRequestEvent('opened');
    gh.addPull({ number: event.number, headSha: (event.pull_request.head as { sha: string }).sha });
    const run = await runAction({
      action: 'preview',
      eventName: 'pull_request',
      event,
      workspace,
      env: { GITHUB_API_URL: gh.url, GITHUB_TOKEN: 'ghs_job_token', KUBECONFIG: process.env.KUBECONFIG! },
      timeoutMs: 60_000,
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failed');
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'dial.yaml',
        title: 'dial.yaml: preview.mode',
        message: expect.stringContaining('header needs router.type gateway-api, istio or emissary'),
      }),
    ]);
    expect(gh.mock.requests).toEqual([]);
  }, 90_000);
});
