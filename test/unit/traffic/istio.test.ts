import { beforeEach, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { IstioRouter } from '../../../src/traffic/istio.js';
import type { RouterTarget } from '../../../src/traffic/objects.js';
import { shop, type TrafficCluster } from './fake-cluster.js';

type Json = Record<string, unknown>;
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const services: RouterTarget = {
  namespace: 'shop',
  workload: 'web',
  service: 'web',
  config: { type: 'istio', virtualService: 'web' },
};
const subsets: RouterTarget = {
  ...services,
  config: { type: 'istio', virtualService: 'web', destinationRule: 'web' },
};

const VS = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'web', annotations: { owner: 'shop-team' } },
  spec: {
    hosts: ['web', 'shop.example'],
    gateways: ['mesh', 'shop/public'],
    http: [
      { name: 'admin', match: [{ uri: { prefix: '/admin' } }], route: [{ destination: { host: 'admin' } }] },
      {
        name: 'api',
        match: [{ uri: { prefix: '/api' } }, { uri: { exact: '/health' } }],
        rewrite: { uri: '/' },
        timeout: '5s',
        retries: { attempts: 3, perTryTimeout: '1s' },
        route: [
          {
            destination: { host: 'web.shop.svc.cluster.local', port: { number: 80 } },
            headers: { response: { set: { 'x-svc': 'web' } } },
          },
        ],
      },
      {
        name: 'default',
        route: [
          { destination: { host: 'web', port: { number: 80 } }, weight: 80 },
          { destination: { host: 'legacy' }, weight: 20 },
        ],
      },
    ],
    tcp: [{ route: [{ destination: { host: 'web', port: { number: 9090 } } }] }],
  },
} as KubernetesObject;

const DR = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'web' },
  spec: {
    host: 'web',
    trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } },
    subsets: [{ name: 'v1', labels: { version: 'v1' } }],
  },
} as KubernetesObject;

const http = (c: TrafficCluster): Json[] =>
  copy((c.object('VirtualService', 'web') as unknown as { spec: { http: Json[] } }).spec.http);
const dests = (rule: Json | undefined) =>
  (rule?.route as Json[]).map((e) => {
    const d = e.destination as Json;
    return `${String(d.host)}${d.subset ? `/${String(d.subset)}` : ''}=${String(e.weight)}`;
  });
const spec = (o: KubernetesObject | undefined) => (o as unknown as { spec: Json } | undefined)?.spec;

let cluster: TrafficCluster;

beforeEach(() => {
  cluster = shop();
  cluster.seed(VS);
});

describe('IstioRouter with per-track Services', () => {
  it('splits each route to the user Service into the tracks, integer weights adding up to 100', async () => {
    const router = new IstioRouter(cluster, services);
    for (const w of [0, 10, 50, 100]) {
      await router.setWeight(w);
      for (const rule of http(cluster).filter((r) => r.name !== 'admin'))
        expect((rule.route as Json[]).reduce((s, e) => s + Number(e.weight), 0)).toBe(100);
    }
    await router.setWeight(10);
    const [admin, api, def] = http(cluster);
    expect(admin).toEqual((spec(VS)!.http as Json[])[0]);
    expect(dests(api)).toEqual([
      'web-stable.shop.svc.cluster.local=80',
      'web-canary.shop.svc.cluster.local=10',
      'web-baseline.shop.svc.cluster.local=10',
    ]);
    // The route entry's own header rules go with every track; the route keeps rewrite, timeout, retries.
    for (const e of api!.route as Json[])
      expect(e.headers).toEqual({ response: { set: { 'x-svc': 'web' } } });
    expect(api).toMatchObject({
      rewrite: { uri: '/' },
      timeout: '5s',
      retries: { attempts: 3, perTryTimeout: '1s' },
    });
    expect(dests(def)).toEqual(['web-stable=64', 'web-canary=8', 'web-baseline=8', 'legacy=20']);
    expect(spec(cluster.object('VirtualService', 'web'))!.tcp).toEqual(spec(VS)!.tcp);
    expect(await router.readWeight()).toEqual({ canary: 10, baseline: 10, stable: 80 });
    await router.reset();
    expect(dests(http(cluster)[1])).toEqual([
      'web-stable.shop.svc.cluster.local=100',
      'web-canary.shop.svc.cluster.local=0',
      'web-baseline.shop.svc.cluster.local=0',
    ]);
  });

  it('puts a header route before each weighted route, matching as the route does plus the header', async () => {
    const router = new IstioRouter(cluster, services);
    await router.setWeight(10);
    await router.setHeaderRoute({ name: 'X-Canary', value: 'yes' });
    const now = http(cluster);
    expect(now.map((r) => r.name)).toEqual(['admin', 'dial-header-0', 'api', 'dial-header-1', 'default']);
    expect(now[1]).toEqual({
      name: 'dial-header-0',
      match: [
        { uri: { prefix: '/api' }, headers: { 'x-canary': { exact: 'yes' } } },
        { uri: { exact: '/health' }, headers: { 'x-canary': { exact: 'yes' } } },
      ],
      rewrite: { uri: '/' },
      timeout: '5s',
      retries: { attempts: 3, perTryTimeout: '1s' },
      route: [
        {
          destination: { host: 'web-canary.shop.svc.cluster.local', port: { number: 80 } },
          headers: { response: { set: { 'x-svc': 'web' } } },
        },
      ],
    });
    expect(now[3]!.match).toEqual([{ headers: { 'x-canary': { exact: 'yes' } } }]);
    await router.setWeight(25);
    expect(http(cluster).map((r) => r.name)).toContain('dial-header-1');
    await router.reset();
    expect(http(cluster).map((r) => r.name)).toEqual(['admin', 'api', 'default']);
  });

  it('finalize restores the VirtualService exactly and removes the track Services; a rerun continues', async () => {
    const before = cluster.content('VirtualService', 'web');
    await new IstioRouter(cluster, services).setWeight(10);
    await new IstioRouter(cluster, services).setHeaderRoute({ name: 'x-canary', value: '1' });
    expect(await new IstioRouter(cluster, services).readWeight()).toEqual({
      canary: 10,
      baseline: 10,
      stable: 80,
    });
    await new IstioRouter(cluster, services).setWeight(50);
    await new IstioRouter(cluster, services).finalize();
    expect(cluster.content('VirtualService', 'web')).toEqual(before);
    expect(cluster.names('Service')).toEqual(['web']);
    cluster.writes.length = 0;
    await new IstioRouter(cluster, services).finalize();
    expect(cluster.writes).toEqual([]);
  });
});

describe('IstioRouter with DestinationRule subsets', () => {
  it("adds Dial's subsets to the user's DestinationRule before the routes use them, and gives it back", async () => {
    cluster.seed(DR);
    const beforeDr = cluster.content('DestinationRule', 'web');
    const beforeVs = cluster.content('VirtualService', 'web');
    const router = new IstioRouter(cluster, subsets);
    await router.setWeight(10);
    expect(cluster.writes.map((w) => `${w.op} ${w.kind}/${w.name}`)).toEqual([
      'patch DestinationRule/web',
      'patch VirtualService/web',
    ]);
    expect(spec(cluster.object('DestinationRule', 'web'))).toEqual({
      host: 'web',
      trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } },
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'stable', labels: { 'pod-template-hash': 'abc123' } },
        { name: 'canary', labels: { 'dial.dev/track': 'canary' } },
        { name: 'baseline', labels: { 'dial.dev/track': 'baseline' } },
      ],
    });
    expect(dests(http(cluster)[2])).toEqual(['web/stable=64', 'web/canary=8', 'web/baseline=8', 'legacy=20']);
    expect(cluster.names('Service')).toEqual(['web']);
    await router.setHeaderRoute({ name: 'x-canary', value: '1' });
    expect(dests(http(cluster)[1])).toEqual(['web.shop.svc.cluster.local/canary=undefined']);
    await router.reset();
    await router.finalize();
    expect(cluster.content('VirtualService', 'web')).toEqual(beforeVs);
    expect(cluster.content('DestinationRule', 'web')).toEqual(beforeDr);
  });

  it('makes the DestinationRule when there is none, and deletes it at finalize', async () => {
    const router = new IstioRouter(cluster, subsets);
    await router.setWeight(10);
    const made = cluster.object('DestinationRule', 'web')!;
    expect(made.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'dial' });
    expect((spec(made)!.subsets as Json[]).map((s) => s.name)).toEqual(['stable', 'canary', 'baseline']);
    await router.finalize();
    expect(cluster.object('DestinationRule', 'web')).toBeUndefined();
  });

  it('drops the subsets field again when the DestinationRule had none', async () => {
    const { subsets: _s, ...bare } = spec(DR)!;
    cluster.seed({ ...copy(DR), spec: bare } as KubernetesObject);
    const before = cluster.content('DestinationRule', 'web');
    const router = new IstioRouter(cluster, subsets);
    await router.setWeight(10);
    await router.finalize();
    expect(cluster.content('DestinationRule', 'web')).toEqual(before);
  });

  it("refuses a DestinationRule with subsets named like Dial's, or for another host", async () => {
    cluster.seed({
      ...copy(DR),
      spec: { host: 'web', subsets: [{ name: 'canary', labels: { v: '2' } }] },
    } as KubernetesObject);
    await expect(new IstioRouter(cluster, subsets).setWeight(10)).rejects.toThrow(
      /already has subsets canary: Dial needs the names stable, canary and baseline/,
    );
    cluster.seed({ ...copy(DR), spec: { host: 'other' } } as KubernetesObject);
    await expect(new IstioRouter(cluster, subsets).setWeight(10)).rejects.toThrow(
      /is for host other, not Service web/,
    );
  });

  it('reads the VirtualService through the newest version the cluster serves', async () => {
    cluster.served.set('networking.istio.io', ['v1beta1', 'v1alpha3']);
    const router = new IstioRouter(cluster, services);
    await router.setWeight(10);
    expect(await router.readWeight()).toEqual({ canary: 10, baseline: 10, stable: 80 });
    cluster.served.delete('networking.istio.io');
    await expect(new IstioRouter(cluster, services).setWeight(10)).rejects.toThrow(
      /does not serve API group networking.istio.io/,
    );
  });
});
