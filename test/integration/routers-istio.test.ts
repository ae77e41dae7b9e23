// The Istio router on the real bed, under istio.io/api's published VirtualService and DestinationRule
// schemas: per-track Services, and DestinationRule subsets (the user's DestinationRule, and one Dial
// makes). Weights move 0 → 10 → 50 → 100 → reset, header routes are accepted, a rerun continues, and
// finalize gives the user's objects back exactly.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { IstioRouter } from '../../src/traffic/istio.js';
import { routerBed, userParts, type RouterBed } from './routers-fixture.js';

type Json = Record<string, unknown>;

let bed: RouterBed;

const virtualService = (name: string): KubernetesObject =>
  ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, labels: { team: 'shop' } },
    spec: {
      hosts: [`${name}.shop.example`],
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
          retries: { attempts: 3, perTryTimeout: '1s' },
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
  }) as KubernetesObject;

const vsRef = (name: string) => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name });
const drRef = (name: string) => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', name });
const http = async (name: string): Promise<Json[]> =>
  ((await bed.read(vsRef(name))) as unknown as { spec: { http: Json[] } }).spec.http;
const dests = (rule: Json | undefined) =>
  ((rule?.route ?? []) as Json[]).map((e) => {
    const d = e.destination as Json;
    return `${String(d.host)}${d.subset ? `/${String(d.subset)}` : ''}=${String(e.weight)}`;
  });

async function walk(router: IstioRouter, name: string): Promise<number[][]> {
  const readings = [];
  for (const w of [0, 10, 50, 100]) {
    const r = await router.setWeight(w);
    readings.push([r.canary, r.baseline, r.stable]);
    for (const rule of (await http(name)).filter((x) => x.name !== 'admin'))
      expect(((rule.route ?? []) as Json[]).reduce((s, e) => s + Number(e.weight), 0)).toBe(100);
  }
  await router.reset();
  const after = await router.readWeight();
  readings.push([after.canary, after.baseline, after.stable]);
  return readings;
}

const WALK = [
  [0, 0, 100],
  [10, 10, 80],
  [50, 50, 0],
  [50, 50, 0],
  [0, 0, 100],
];

beforeAll(async () => {
  bed = await routerBed('dial-rt-istio');
  await bed.create(virtualService('by-services'), virtualService('by-subsets'), virtualService('own-rule'), {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'web-user' },
    spec: {
      host: 'web',
      trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    },
  } as KubernetesObject);
});

afterAll(async () => {
  await bed?.cleanup();
});

describe('Istio router on the real apiserver', () => {
  it('with per-track Services: weights, header route, rerun, exact finalize', async () => {
    const target = bed.target({ type: 'istio', virtualService: 'by-services' });
    const original = userParts(await bed.read(vsRef('by-services')));
    expect(await walk(new IstioRouter(bed.cluster, target), 'by-services')).toEqual(WALK);
    await new IstioRouter(bed.cluster, target).setWeight(10);
    await new IstioRouter(bed.cluster, target).setHeaderRoute({ name: 'x-canary', value: '1' });
    const now = await http('by-services');
    expect(now.map((r) => r.name)).toEqual(['admin', 'dial-header-0', 'api', 'dial-header-1', 'default']);
    expect(dests(now[2])).toEqual(['web-stable=80', 'web-canary=10', 'web-baseline=10']);
    expect(dests(now[4])).toEqual(['web-stable=64', 'web-canary=8', 'web-baseline=8', 'legacy=20']);
    expect(now[2]).toMatchObject({ rewrite: { uri: '/' }, timeout: '5s', retries: { attempts: 3 } });
    expect(await new IstioRouter(bed.cluster, target).readWeight()).toEqual({
      canary: 10,
      baseline: 10,
      stable: 80,
    });
    await new IstioRouter(bed.cluster, target).finalize();
    expect(userParts(await bed.read(vsRef('by-services')))).toEqual(original);
    expect(await bed.services()).toEqual(['web']);
  });

  it("with the user's DestinationRule: Dial's subsets beside theirs, given back exactly", async () => {
    const target = bed.target({ type: 'istio', virtualService: 'own-rule', destinationRule: 'web-user' });
    const vs = userParts(await bed.read(vsRef('own-rule')));
    const dr = userParts(await bed.read(drRef('web-user')));
    expect(await walk(new IstioRouter(bed.cluster, target), 'own-rule')).toEqual(WALK);
    await new IstioRouter(bed.cluster, target).setWeight(10);
    const before = await bed.versions(vsRef('own-rule'), drRef('web-user'));
    await new IstioRouter(bed.cluster, target).setWeight(10);
    expect(await bed.versions(vsRef('own-rule'), drRef('web-user'))).toEqual(before);
    await new IstioRouter(bed.cluster, target).setHeaderRoute({ name: 'x-canary', value: '1' });
    const subsets = ((await bed.read(drRef('web-user'))) as unknown as { spec: { subsets: Json[] } }).spec
      .subsets;
    expect(subsets.map((s) => s.name)).toEqual(['v1', 'stable', 'canary', 'baseline']);
    expect(dests((await http('own-rule'))[2])).toEqual(['web/stable=80', 'web/canary=10', 'web/baseline=10']);
    await new IstioRouter(bed.cluster, target).reset();
    await new IstioRouter(bed.cluster, target).finalize();
    expect(userParts(await bed.read(vsRef('own-rule')))).toEqual(vs);
    expect(userParts(await bed.read(drRef('web-user')))).toEqual(dr);
    expect(await bed.services()).toEqual(['web']);
  });

  it('makes the DestinationRule it needs when there is none, and deletes it at finalize', async () => {
    const target = bed.target({ type: 'istio', virtualService: 'by-subsets', destinationRule: 'web-dial' });
    expect(await walk(new IstioRouter(bed.cluster, target), 'by-subsets')).toEqual(WALK);
    const made = await bed.read(drRef('web-dial'));
    expect(made?.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'dial' });
    await new IstioRouter(bed.cluster, target).finalize();
    expect(await bed.read(drRef('web-dial'))).toBeUndefined();
  });
});
