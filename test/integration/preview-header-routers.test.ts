// The Istio and Emissary parts of header-routed previews on the real apiserver, under the published
// VirtualService and Mapping schemas: up (through the preview runner, GitHub through the contract mock)
// writes exactly the preview's part, a rollout's router writes (weights, header route, reset, finalize)
// leave it as it is, and down removes exactly it, giving production's object back as it was.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { RouterConfig } from '../../src/config/types.js';
import { EmissaryRouter } from '../../src/traffic/emissary.js';
import { IstioRouter } from '../../src/traffic/istio.js';
import { FakeGitHub } from '../helpers/github-fake.js';
import { uniqueName } from '../helpers/names.js';
import { markDialProduction, openPull, previewRunner } from './preview-header-fixture.js';
import { routerBed, userParts, type RouterBed } from './routers-fixture.js';

type Json = Record<string, unknown>;

let gh: FakeGitHub;
const beds: RouterBed[] = [];
const folders: string[] = [];

beforeAll(async () => {
  gh = await FakeGitHub.start();
});
beforeEach(() => {
  gh.reset();
  gh.repo = uniqueName('Hello-World');
});
afterAll(async () => {
  await gh?.stop();
  for (const bed of beds) await bed.cleanup();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/**
 * The service's workspace: the bed's Deployment `web` as its manifest, dial.yaml with the router, and
 * (unless `dialDeploys` is false) Dial's state for `web` in the namespace, as production deployed by Dial.
 */
async function workspace(bed: RouterBed, router: RouterConfig, dialDeploys = true): Promise<string> {
  if (dialDeploys) await markDialProduction(bed.kc, bed.namespace, 'web', 'web', router.type);
  const dir = mkdtempSync(join(tmpdir(), 'dial-pvr-'));
  folders.push(dir);
  mkdirSync(join(dir, 'deploy'));
  const live = await bed.cluster.getDeployment(bed.namespace, 'web');
  const { replicas, selector, template } = live!.spec!;
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: live!.metadata?.labels },
    spec: { replicas, selector, template },
  };
  writeFileSync(join(dir, 'deploy', 'app.yaml'), stringify(manifest));
  writeFileSync(
    join(dir, 'dial.yaml'),
    stringify({
      service: 'web',
      profile: 'prototype',
      namespace: bed.namespace,
      images: [{ name: 'web', context: '.', repository: 'registry.test/web' }],
      manifests: ['deploy'],
      router,
      preview: { enabled: true, mode: 'header', header: 'X-Dial-Preview' },
    }),
  );
  return dir;
}

function runner(bed: RouterBed) {
  return previewRunner(gh, bed.kc, {
    log: { info: () => undefined, warn: () => undefined, notice: () => undefined, progress: () => undefined },
    urlTimeoutMs: 0, // the hosts below have no data plane in the bed: the workloads are what is checked
  });
}

const pull = (number: number) => openPull(gh, number, `${number}`.padStart(40, 'e'));

async function up(bed: RouterBed, dir: string, pr: number): Promise<void> {
  const result = await runner(bed).up({
    file: 'dial.yaml',
    workspace: dir,
    images: `web=registry.test/web:pr-${pr}`,
    pr: pull(pr),
  });
  expect({ result: result.result, reason: result.reason }).toMatchObject({ result: 'deployed' });
}

async function down(bed: RouterBed, pr: number): Promise<void> {
  const result = await runner(bed).down({ pr, merged: false, service: 'web' });
  expect(result.result).toBe('removed');
}

const names = async (bed: RouterBed, apiVersion: string, kind: string) =>
  (await bed.cluster.list({ apiVersion, kind, namespace: bed.namespace }))
    .map((o) => o.metadata?.name)
    .sort();

describe('Istio: preview routes first in the user VirtualService', () => {
  const vsRef = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name: 'web' };
  const http = async (bed: RouterBed) =>
    ((await bed.read(vsRef)) as unknown as { spec: { http: Json[] } }).spec.http;

  it('are written, survive the Istio router weights, header route and finalize, and are removed exactly', async () => {
    const bed = await routerBed('pvh-istio');
    beds.push(bed);
    await bed.create({
      ...vsRef,
      metadata: { name: 'web', labels: { team: 'shop' } },
      spec: {
        hosts: ['web.shop.example'],
        http: [
          {
            name: 'admin',
            match: [{ uri: { prefix: '/admin' } }],
            route: [{ destination: { host: 'admin' } }],
          },
          {
            name: 'api',
            match: [{ uri: { prefix: '/api' } }],
            rewrite: { uri: '/' },
            timeout: '5s',
            route: [{ destination: { host: 'web', port: { number: 80 } } }],
          },
          {
            name: 'default',
            route: [
              { destination: { host: 'web', port: { number: 80 } }, weight: 80 },
              { destination: { host: 'legacy' }, weight: 20 },
            ],
          },
        ],
      },
    } as KubernetesObject);
    const original = userParts(await bed.read(vsRef));
    const dir = await workspace(bed, { type: 'istio', virtualService: 'web' });
    const preview = (pr: number) => [
      {
        name: `dial-preview-${pr}`,
        match: [{ uri: { prefix: '/api' }, headers: { 'x-dial-preview': { exact: String(pr) } } }],
        rewrite: { uri: '/' },
        timeout: '5s',
        route: [{ destination: { host: `web-pr-${pr}`, port: { number: 80 } } }],
      },
      {
        name: `dial-preview-${pr}-1`,
        match: [{ headers: { 'x-dial-preview': { exact: String(pr) } } }],
        route: [{ destination: { host: `web-pr-${pr}`, port: { number: 80 } } }],
      },
    ];
    const theirs = (original as { spec: { http: Json[] } }).spec.http;

    await up(bed, dir, 501);
    expect(await http(bed)).toEqual([...preview(501), ...theirs]);
    await up(bed, dir, 502);
    expect(await http(bed)).toEqual([...preview(502), ...preview(501), ...theirs]);
    await up(bed, dir, 502); // again (a new commit): the same, not twice
    expect(await http(bed)).toEqual([...preview(502), ...preview(501), ...theirs]);
    expect(await names(bed, 'v1', 'Service')).toEqual(['web', 'web-pr-501', 'web-pr-502']);

    const router = new IstioRouter(bed.cluster, bed.target({ type: 'istio', virtualService: 'web' }));
    await router.setWeight(10);
    await router.setHeaderRoute({ name: 'x-canary', value: '1' });
    await router.setWeight(50);
    const during = await http(bed);
    expect(during.slice(0, 4)).toEqual([...preview(502), ...preview(501)]);
    expect(during.map((r) => r.name)).toContain('dial-header-0');
    await router.reset();
    await router.finalize();
    expect(await http(bed)).toEqual([...preview(502), ...preview(501), ...theirs]);

    await down(bed, 501);
    expect(await http(bed)).toEqual([...preview(502), ...theirs]);
    expect(await names(bed, 'v1', 'Service')).toEqual(['web', 'web-pr-502']);
    await down(bed, 502);
    expect(userParts(await bed.read(vsRef))).toEqual(original);
    expect(await names(bed, 'v1', 'Service')).toEqual(['web']);
  }, 120_000);
});

describe('Emissary: a Mapping of its own with the header and a higher precedence', () => {
  const ref = (name: string) => ({ apiVersion: 'getambassador.io/v3alpha1', kind: 'Mapping', name });

  it('is written, left alone by the Emissary router through a rollout, and removed exactly', async () => {
    const bed = await routerBed('pvh-emissary');
    beds.push(bed);
    await bed.create({
      ...ref('web-api'),
      metadata: { name: 'web-api', labels: { team: 'shop' } },
      spec: {
        hostname: 'shop.example',
        prefix: '/api/',
        rewrite: '/',
        service: `web.${bed.namespace}:80`,
        timeout_ms: 5000,
        stats_name: 'web-api',
      },
    } as KubernetesObject);
    const original = userParts(await bed.read(ref('web-api')));
    const dir = await workspace(bed, { type: 'emissary', mapping: 'web-api' });

    await up(bed, dir, 503);
    const made = await bed.read(ref('web-api-pr-503'));
    expect((made as unknown as { spec: Json }).spec).toEqual({
      hostname: 'shop.example',
      prefix: '/api/',
      rewrite: '/',
      service: `web-pr-503.${bed.namespace}:80`,
      timeout_ms: 5000,
      stats_name: 'web-api-pr-503',
      headers: { 'x-dial-preview': '503' },
      precedence: 1,
    });
    expect(made?.metadata?.labels).toMatchObject({ team: 'shop', 'dial.dev/preview-pr': '503' });

    const router = new EmissaryRouter(bed.cluster, bed.target({ type: 'emissary', mapping: 'web-api' }));
    const before = await bed.versions(ref('web-api'));
    const ours = (list: string[]) =>
      list.filter((v) => v.includes('web-api-pr-503') || v.includes('/web-pr-503@'));
    await router.setWeight(10);
    await router.setHeaderRoute({ name: 'x-canary', value: '1' });
    await router.setWeight(50);
    await router.reset();
    await router.finalize();
    expect(ours(await bed.versions(ref('web-api')))).toEqual(ours(before));
    expect(userParts(await bed.read(ref('web-api')))).toEqual(original);

    await down(bed, 503);
    expect(await names(bed, 'getambassador.io/v3alpha1', 'Mapping')).toEqual(['web-api']);
    expect(userParts(await bed.read(ref('web-api')))).toEqual(original);
    expect(await names(bed, 'v1', 'Service')).toEqual(['web']);
    expect(await names(bed, 'apps/v1', 'Deployment')).toEqual(['web']);
  }, 120_000);
});

describe('placement', () => {
  it('refuses a namespace where Dial does not deploy the service, writing nothing there', async () => {
    const bed = await routerBed('pvh-nostate');
    beds.push(bed);
    const mapping = { apiVersion: 'getambassador.io/v3alpha1', kind: 'Mapping' };
    await bed.create({
      ...mapping,
      metadata: { name: 'web-api' },
      spec: { hostname: 'shop.example', prefix: '/api/', service: `web.${bed.namespace}:80` },
    } as KubernetesObject);
    const dir = await workspace(bed, { type: 'emissary', mapping: 'web-api' }, false);
    const result = await runner(bed).up({
      file: 'dial.yaml',
      workspace: dir,
      images: 'web=registry.test/web:pr-509',
      pr: pull(509),
    });
    expect(result.result).toBe('failed');
    expect(result.reason).toContain(
      `ConfigMap ${bed.namespace}/dial-web does not exist: Dial has not deployed web there`,
    );
    expect(await names(bed, 'getambassador.io/v3alpha1', 'Mapping')).toEqual(['web-api']);
    expect(await names(bed, 'v1', 'Service')).toEqual(['web']);
    expect(await names(bed, 'apps/v1', 'Deployment')).toEqual(['web']);
  });
});
