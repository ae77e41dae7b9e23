import { beforeEach, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { EmissaryRouter, parseMappingService } from '../../../src/traffic/emissary.js';
import type { RouterTarget } from '../../../src/traffic/objects.js';
import { shop, type TrafficCluster } from './fake-cluster.js';

type Json = Record<string, unknown>;

const target: RouterTarget = {
  namespace: 'shop',
  workload: 'web',
  service: 'web',
  config: { type: 'emissary', mapping: 'web-api' },
};

const MAPPING = {
  apiVersion: 'getambassador.io/v3alpha1',
  kind: 'Mapping',
  metadata: { name: 'web-api', labels: { 'ambassador-set': 'public' } },
  spec: {
    hostname: 'shop.example',
    prefix: '/api/',
    rewrite: '/',
    service: 'http://web.shop:80',
    timeout_ms: 5000,
    headers: { 'x-tenant': 'a' },
    ambassador_id: ['public'],
  },
} as KubernetesObject;

const specOf = (c: TrafficCluster, name: string) =>
  (c.object('Mapping', name) as unknown as { spec: Json } | undefined)?.spec;
const weights = (c: TrafficCluster) =>
  ['stable', 'canary', 'baseline'].map((t) => specOf(c, `web-api-${t}`)?.weight as number | undefined);

let cluster: TrafficCluster;
let sums: number[];
beforeEach(() => {
  cluster = shop();
  cluster.seed(MAPPING);
  sums = [];
  // After every write: the weights of the group never add up to more than 100.
  cluster.observers.push((_w, c) => sums.push(weights(c).reduce<number>((s, x) => s + (x ?? 0), 0)));
});

describe('parseMappingService', () => {
  it('finds the Service name and rebuilds the reference around another one', () => {
    expect(parseMappingService('web', 'shop')?.format('web-canary')).toBe('web-canary');
    expect(parseMappingService('web:8080', 'shop')?.format('x')).toBe('x:8080');
    expect(parseMappingService('https://web.shop.svc.cluster.local:443', 'shop')?.format('x')).toBe(
      'https://x.shop.svc.cluster.local:443',
    );
    expect(parseMappingService('web.other:80', 'shop')).toBeUndefined();
  });
});

describe('EmissaryRouter', () => {
  it('adds three weighted copies of the user Mapping that add up to 100, never more on the way', async () => {
    const router = new EmissaryRouter(cluster, target);
    const seen = [];
    for (const w of [0, 10, 50, 100, 10]) {
      const r = await router.setWeight(w);
      seen.push([r.canary, r.baseline, r.stable, ...weights(cluster)]);
    }
    expect(seen).toEqual([
      [0, 0, 100, 100, 0, 0],
      [10, 10, 80, 80, 10, 10],
      [50, 50, 0, 0, 50, 50],
      [50, 50, 0, 0, 50, 50],
      [10, 10, 80, 80, 10, 10],
    ]);
    expect(Math.max(...sums)).toBeLessThanOrEqual(100);
    const canary = cluster.object('Mapping', 'web-api-canary')!;
    expect((canary as unknown as { spec: Json }).spec).toEqual({
      ...(MAPPING as unknown as { spec: Json }).spec,
      service: 'http://web-canary.shop:80',
      weight: 10,
    });
    expect(canary.metadata?.labels).toMatchObject({
      'ambassador-set': 'public',
      'app.kubernetes.io/managed-by': 'dial',
    });
    await router.reset();
    expect(weights(cluster)).toEqual([100, 0, 0]);
    expect(Math.max(...sums)).toBeLessThanOrEqual(100);
  });

  it('routes a header to the canary with a higher precedence, and reset removes it', async () => {
    const router = new EmissaryRouter(cluster, target);
    await router.setWeight(10);
    await router.setHeaderRoute({ name: 'X-Canary', value: '1' });
    expect(specOf(cluster, 'web-api-header')).toEqual({
      ...(MAPPING as unknown as { spec: Json }).spec,
      service: 'http://web-canary.shop:80',
      headers: { 'x-tenant': 'a', 'x-canary': '1' },
      precedence: 1,
    });
    await router.reset();
    expect(cluster.object('Mapping', 'web-api-header')).toBeUndefined();
  });

  it('never touches the user Mapping; finalize deletes the copies and Services; a rerun continues', async () => {
    const before = cluster.content('Mapping', 'web-api');
    await new EmissaryRouter(cluster, target).setWeight(10);
    expect(await new EmissaryRouter(cluster, target).readWeight()).toEqual({
      canary: 10,
      baseline: 10,
      stable: 80,
    });
    cluster.writes.length = 0;
    await new EmissaryRouter(cluster, target).setWeight(10);
    expect(cluster.writes).toEqual([]);
    await new EmissaryRouter(cluster, target).setHeaderRoute({ name: 'x', value: '1' });
    await new EmissaryRouter(cluster, target).finalize();
    expect(cluster.content('Mapping', 'web-api')).toEqual(before);
    expect(cluster.names('Mapping')).toEqual(['web-api']);
    expect(cluster.names('Service')).toEqual(['web']);
    expect(Math.max(...sums)).toBeLessThanOrEqual(100);
    expect(cluster.writes.every((w) => w.name !== 'web-api')).toBe(true);
    expect((await new EmissaryRouter(cluster, target).readWeight()).note).toMatch(/no track Mappings/);
  });

  it('reports weights someone else changed, and what is left to the user Mapping', async () => {
    const router = new EmissaryRouter(cluster, target);
    await router.setWeight(10);
    await cluster.patch(
      { apiVersion: 'getambassador.io/v3alpha1', kind: 'Mapping', name: 'web-api-stable' },
      { spec: { weight: 60 } },
    );
    const r = await router.readWeight();
    expect(r).toEqual(expect.objectContaining({ canary: 10, baseline: 10, stable: 80 }));
    expect(r.note).toMatch(/20 % still go to Mapping web-api/);
  });

  it('refuses a weighted user Mapping and a Service in another namespace', async () => {
    cluster.seed({
      ...MAPPING,
      spec: { ...(MAPPING as unknown as { spec: Json }).spec, weight: 100 },
    } as KubernetesObject);
    await expect(new EmissaryRouter(cluster, target).setWeight(10)).rejects.toThrow(/has a weight \(100\)/);
    cluster.seed({ ...MAPPING, spec: { prefix: '/', service: 'web.other:80' } } as KubernetesObject);
    await expect(new EmissaryRouter(cluster, target).setWeight(10)).rejects.toThrow(
      /is not a Service in namespace shop/,
    );
  });
});
