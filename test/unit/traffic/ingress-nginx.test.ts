import { beforeEach, describe, expect, it } from '@jest/globals';
import type { KubernetesObject, V1Ingress } from '@kubernetes/client-node';
import {
  CANARY,
  CANARY_BY_HEADER,
  CANARY_BY_HEADER_VALUE,
  CANARY_WEIGHT,
  IngressNginxRouter,
} from '../../../src/traffic/ingress-nginx.js';
import type { RouterTarget } from '../../../src/traffic/objects.js';
import { shop, type TrafficCluster } from './fake-cluster.js';

const target: RouterTarget = {
  namespace: 'shop',
  workload: 'web',
  service: 'web',
  config: { type: 'ingress-nginx', ingress: 'shop' },
};

const INGRESS = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: {
    name: 'shop',
    annotations: {
      'kubernetes.io/ingress.class': 'nginx',
      'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
    },
  },
  spec: {
    tls: [{ hosts: ['shop.example'], secretName: 'shop-tls' }],
    rules: [
      {
        host: 'shop.example',
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } },
            {
              path: '/static',
              pathType: 'Prefix',
              backend: { service: { name: 'assets', port: { number: 80 } } },
            },
          ],
        },
      },
      {
        host: 'api.shop.example',
        http: {
          paths: [
            { path: '/v1', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
          ],
        },
      },
    ],
  },
} as KubernetesObject;

const canary = (c: TrafficCluster) => c.object('Ingress', 'shop-canary') as V1Ingress | undefined;
const main = (c: TrafficCluster) => c.object('Ingress', 'shop') as V1Ingress;
const backendsOf = (i: V1Ingress | undefined) =>
  (i?.spec?.rules ?? []).flatMap((r) =>
    (r.http?.paths ?? []).map((p) => `${r.host}${p.path}→${p.backend.service?.name}`),
  );

let cluster: TrafficCluster;
beforeEach(() => {
  cluster = shop();
  cluster.seed(INGRESS);
});

describe('IngressNginxRouter', () => {
  it('sends 2w % through a canary Ingress to canary and baseline, the rest to the stable pods', async () => {
    const router = new IngressNginxRouter(cluster, target);
    const readings = [];
    for (const w of [0, 10, 50, 100]) {
      const r = await router.setWeight(w);
      readings.push([
        r.canary,
        r.baseline,
        r.stable,
        canary(cluster)?.metadata?.annotations?.[CANARY_WEIGHT],
      ]);
    }
    expect(readings).toEqual([
      [0, 0, 100, '0'],
      [10, 10, 80, '20'],
      [50, 50, 0, '100'],
      [50, 50, 0, '100'],
    ]);
    const c = canary(cluster)!;
    expect(c.metadata?.annotations).toMatchObject({
      [CANARY]: 'true',
      'kubernetes.io/ingress.class': 'nginx',
    });
    expect(c.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'dial' });
    // Only the hosts and paths that route to the user's Service, same ports.
    expect(backendsOf(c)).toEqual([
      'shop.example/→web-canary-and-baseline',
      'api.shop.example/v1→web-canary-and-baseline',
    ]);
    expect(c.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.port).toEqual({ name: 'http' });
    // The user's Ingress: the same, but to the stable pods.
    expect(backendsOf(main(cluster))).toEqual([
      'shop.example/→web-stable',
      'shop.example/static→assets',
      'api.shop.example/v1→web-stable',
    ]);
    expect(main(cluster).spec?.tls).toEqual((INGRESS as V1Ingress).spec?.tls);
    // The Service behind the canary Ingress selects canary and baseline pods by their common label.
    expect(
      (cluster.object('Service', 'web-canary-and-baseline') as unknown as { spec: unknown }).spec,
    ).toMatchObject({
      selector: { app: 'web', 'dial.dev/compared': 'true' },
    });
    await router.reset();
    expect(await router.readWeight()).toEqual({ canary: 0, baseline: 0, stable: 100 });
    expect(backendsOf(canary(cluster))[0]).toBe('shop.example/→web-canary');
  });

  it('routes a header to the canary alone at weight 0, and says it reaches both arms above 0', async () => {
    const router = new IngressNginxRouter(cluster, target);
    await router.setWeight(0);
    await router.setHeaderRoute({ name: 'X-Canary', value: 'always' });
    expect(canary(cluster)?.metadata?.annotations).toMatchObject({
      [CANARY_BY_HEADER]: 'X-Canary',
      [CANARY_BY_HEADER_VALUE]: 'always',
      [CANARY_WEIGHT]: '0',
    });
    expect(backendsOf(canary(cluster))[0]).toBe('shop.example/→web-canary');
    expect((await router.readWeight()).note).toMatch(/header X-Canary: always go to the canary$/);
    const r = await router.setWeight(10);
    expect(canary(cluster)?.metadata?.annotations?.[CANARY_BY_HEADER]).toBe('X-Canary');
    expect(r.note).toMatch(/go to canary and baseline alike/);
    await router.reset();
    expect(canary(cluster)?.metadata?.annotations?.[CANARY_BY_HEADER]).toBeUndefined();
  });

  it('finalize gives the user Ingress back exactly and removes the canary Ingress and Services; rerun-safe', async () => {
    const before = cluster.content('Ingress', 'shop');
    await new IngressNginxRouter(cluster, target).setWeight(10);
    expect(await new IngressNginxRouter(cluster, target).readWeight()).toMatchObject({
      canary: 10,
      baseline: 10,
      stable: 80,
    });
    cluster.writes.length = 0;
    await new IngressNginxRouter(cluster, target).setWeight(10);
    expect(cluster.writes).toEqual([]);
    await new IngressNginxRouter(cluster, target).finalize();
    expect(cluster.content('Ingress', 'shop')).toEqual(before);
    expect(cluster.names('Ingress')).toEqual(['shop']);
    expect(cluster.names('Service')).toEqual(['web']);
    cluster.writes.length = 0;
    await new IngressNginxRouter(cluster, target).finalize();
    expect(cluster.writes).toEqual([]);
  });

  it('reports drift and a user Ingress sent back to the Service of every pod', async () => {
    const router = new IngressNginxRouter(cluster, target);
    await router.setWeight(10);
    await cluster.patch(
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'shop-canary' },
      { metadata: { annotations: { [CANARY_WEIGHT]: '40' } } },
    );
    await cluster.patch(
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'shop' },
      { spec: (INGRESS as V1Ingress).spec },
    );
    const r = await router.readWeight();
    expect(r).toMatchObject({ canary: 20, baseline: 20, stable: 60 });
    expect(r.note).toMatch(
      /still sends its share to Service web.*drift: canary Ingress shop-canary has canary 20 %/,
    );
  });

  it("refuses a canary Ingress name that is not Dial's", async () => {
    cluster.seed({ ...INGRESS, metadata: { name: 'shop-canary' } } as KubernetesObject);
    await expect(new IngressNginxRouter(cluster, target).setWeight(10)).rejects.toThrow(
      /Ingress shop\/shop-canary exists and is not Dial's/,
    );
  });
});
