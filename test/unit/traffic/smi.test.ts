import { beforeEach, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { RouterTarget } from '../../../src/traffic/objects.js';
import { quantity, SmiRouter } from '../../../src/traffic/smi.js';
import { shop, type TrafficCluster } from './fake-cluster.js';

type Json = Record<string, unknown>;

const target: RouterTarget = { namespace: 'shop', workload: 'web', service: 'web', config: { type: 'smi' } };

const backends = (c: TrafficCluster, name = 'web') =>
  ((c.object('TrafficSplit', name) as unknown as { spec: { backends: Json[] } }).spec.backends ?? []).map(
    (b) => `${String(b.service)}=${JSON.stringify(b.weight)}`,
  );

let cluster: TrafficCluster;
beforeEach(() => {
  cluster = shop();
});

describe('quantity', () => {
  it('reads Kubernetes quantities and numbers', () => {
    expect(quantity('100m')).toBeCloseTo(0.1);
    expect(quantity('1')).toBe(1);
    expect(quantity(90)).toBe(90);
    expect(quantity('2k')).toBe(2000);
    expect(quantity('nope')).toBeUndefined();
  });
});

describe('SmiRouter', () => {
  it('makes a TrafficSplit of the newest served version with integer weights, and deletes it at finalize', async () => {
    const router = new SmiRouter(cluster, target);
    expect(await router.version()).toBe('split.smi-spec.io/v1alpha4');
    for (const [w, expected] of [
      [0, ['web-stable=100', 'web-canary=0', 'web-baseline=0']],
      [10, ['web-stable=80', 'web-canary=10', 'web-baseline=10']],
      [50, ['web-stable=0', 'web-canary=50', 'web-baseline=50']],
      [100, ['web-stable=0', 'web-canary=50', 'web-baseline=50']],
    ] as const) {
      await router.setWeight(w);
      expect(backends(cluster)).toEqual(expected);
    }
    const split = cluster.object('TrafficSplit', 'web')!;
    expect(split.apiVersion).toBe('split.smi-spec.io/v1alpha4');
    expect((split as unknown as { spec: Json }).spec.service).toBe('web');
    expect(split.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'dial' });
    await router.reset();
    expect(await router.readWeight()).toEqual({ canary: 0, baseline: 0, stable: 100 });
    await router.finalize();
    expect(cluster.object('TrafficSplit', 'web')).toBeUndefined();
    expect(cluster.names('Service')).toEqual(['web']);
    expect((await router.readWeight()).note).toMatch(
      /does not exist: Service web routes to its pods directly/,
    );
  });

  it('writes Quantities where only v1alpha1 is served', async () => {
    cluster.served.set('split.smi-spec.io', ['v1alpha1']);
    const router = new SmiRouter(cluster, target);
    await router.setWeight(10);
    expect(backends(cluster)).toEqual(['web-stable="800m"', 'web-canary="100m"', 'web-baseline="100m"']);
    expect(await router.readWeight()).toEqual({ canary: 10, baseline: 10, stable: 80 });
  });

  it("splits only the user's backend of their own TrafficSplit and gives it back exactly", async () => {
    cluster.seed({
      apiVersion: 'split.smi-spec.io/v1alpha4',
      kind: 'TrafficSplit',
      metadata: { name: 'checkout', labels: { team: 'shop' } },
      spec: {
        service: 'web',
        backends: [
          { service: 'web', weight: 3 },
          { service: 'web-legacy', weight: 1 },
        ],
      },
    } as KubernetesObject);
    const before = cluster.content('TrafficSplit', 'checkout');
    const mine = { ...target, config: { type: 'smi' as const, trafficSplit: 'checkout' } };
    await new SmiRouter(cluster, mine).setWeight(10);
    expect(backends(cluster, 'checkout')).toEqual([
      'web-stable=24',
      'web-canary=3',
      'web-baseline=3',
      'web-legacy=10',
    ]);
    const reading = await new SmiRouter(cluster, mine).readWeight();
    expect(reading).toMatchObject({ canary: 10, baseline: 10, stable: 80 });
    expect(reading.note).toMatch(/other backends of the split keep their share/);
    await new SmiRouter(cluster, mine).setWeight(50);
    await new SmiRouter(cluster, mine).finalize();
    expect(cluster.content('TrafficSplit', 'checkout')).toEqual(before);
    cluster.writes.length = 0;
    await new SmiRouter(cluster, mine).finalize();
    expect(cluster.writes).toEqual([]);
  });

  it('says clearly that header routes need TrafficSplit matches and HTTPRouteGroup', async () => {
    const router = new SmiRouter(cluster, target);
    await expect(router.setHeaderRoute({ name: 'x-canary', value: '1' })).rejects.toThrow(
      /router smi cannot route by header x-canary: that needs TrafficSplit matches .* HTTPRouteGroup specs.smi-spec.io\/v1alpha4 \(not installed\)/,
    );
    cluster.served.set('split.smi-spec.io', ['v1alpha2']);
    await expect(new SmiRouter(cluster, target).setHeaderRoute({ name: 'x', value: '1' })).rejects.toThrow(
      /the cluster serves v1alpha2/,
    );
  });

  it('routes a header with a split that matches an HTTPRouteGroup when the cluster serves them', async () => {
    cluster.served.set('specs.smi-spec.io', ['v1alpha4']);
    const router = new SmiRouter(cluster, target);
    await router.setWeight(10);
    await router.setHeaderRoute({ name: 'X-Canary', value: 'a.b' });
    expect(
      (cluster.object('HTTPRouteGroup', 'web-dial-header') as unknown as { spec: unknown }).spec,
    ).toEqual({
      matches: [{ name: 'dial-header', headers: { 'x-canary': '^a\\.b$' } }],
    });
    expect((cluster.object('TrafficSplit', 'web-dial-header') as unknown as { spec: unknown }).spec).toEqual({
      service: 'web',
      matches: [{ kind: 'HTTPRouteGroup', name: 'web-dial-header' }],
      backends: [{ service: 'web-canary', weight: 100 }],
    });
    await router.reset();
    expect(cluster.names('TrafficSplit')).toEqual(['web']);
    expect(cluster.names('HTTPRouteGroup')).toEqual([]);
  });
});
