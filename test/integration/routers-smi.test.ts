// The SMI router on the real bed: the TrafficSplit version the bed serves (split.smi-spec.io v1alpha4,
// from smi-sdk-go v0.5.0's CRD), weights that version's schema accepts, the split Dial makes and the
// user's own, a header route said to be unsupported without HTTPRouteGroup, and finalize.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { SmiRouter } from '../../src/traffic/smi.js';
import { routerBed, userParts, type RouterBed } from './routers-fixture.js';

type Json = Record<string, unknown>;

let bed: RouterBed;
const splitRef = (name: string) => ({ apiVersion: 'split.smi-spec.io/v1alpha4', kind: 'TrafficSplit', name });
const backends = async (name: string) =>
  (((await bed.read(splitRef(name))) as unknown as { spec: { backends: Json[] } }).spec.backends ?? []).map(
    (b) => `${String(b.service)}=${JSON.stringify(b.weight)}`,
  );

beforeAll(async () => {
  bed = await routerBed('dial-rt-smi');
  await bed.create({
    apiVersion: 'split.smi-spec.io/v1alpha4',
    kind: 'TrafficSplit',
    metadata: { name: 'users', labels: { team: 'shop' } },
    spec: {
      service: 'web',
      backends: [
        { service: 'web', weight: 3 },
        { service: 'web-legacy', weight: 1 },
      ],
    },
  } as KubernetesObject);
});

afterAll(async () => {
  await bed?.cleanup();
});

describe('SMI router on the real apiserver', () => {
  it('detects the served version and makes a split with integer weights through 0 → 10 → 50 → 100 → reset', async () => {
    const target = bed.target({ type: 'smi', trafficSplit: 'dial-made' });
    const router = new SmiRouter(bed.cluster, target);
    expect(await router.version()).toBe('split.smi-spec.io/v1alpha4');
    const seen = [];
    for (const w of [0, 10, 50, 100]) {
      const r = await router.setWeight(w);
      seen.push([r.canary, r.baseline, r.stable]);
    }
    expect(seen).toEqual([
      [0, 0, 100],
      [10, 10, 80],
      [50, 50, 0],
      [50, 50, 0],
    ]);
    expect(await backends('dial-made')).toEqual(['web-stable=0', 'web-canary=50', 'web-baseline=50']);
    await router.reset();
    expect(await backends('dial-made')).toEqual(['web-stable=100', 'web-canary=0', 'web-baseline=0']);
    const rerun = new SmiRouter(bed.cluster, target);
    expect(await rerun.readWeight()).toEqual({ canary: 0, baseline: 0, stable: 100 });
    await rerun.setWeight(10);
    const before = await bed.versions(splitRef('dial-made'));
    await rerun.setWeight(10);
    expect(await bed.versions(splitRef('dial-made'))).toEqual(before);
    await expect(rerun.setHeaderRoute({ name: 'x-canary', value: '1' })).rejects.toThrow(
      /router smi cannot route by header x-canary: .*HTTPRouteGroup specs.smi-spec.io\/v1alpha4 \(not installed\)/,
    );
    await rerun.finalize();
    expect(await bed.read(splitRef('dial-made'))).toBeUndefined();
    expect(await bed.services()).toEqual(['web']);
  });

  it("splits the user's own TrafficSplit and gives it back exactly", async () => {
    const target = bed.target({ type: 'smi', trafficSplit: 'users' });
    const original = userParts(await bed.read(splitRef('users')));
    await new SmiRouter(bed.cluster, target).setWeight(10);
    expect(await backends('users')).toEqual([
      'web-stable=24',
      'web-canary=3',
      'web-baseline=3',
      'web-legacy=10',
    ]);
    expect(await new SmiRouter(bed.cluster, target).readWeight()).toMatchObject({
      canary: 10,
      baseline: 10,
      stable: 80,
    });
    await new SmiRouter(bed.cluster, target).setWeight(50);
    await new SmiRouter(bed.cluster, target).reset();
    await new SmiRouter(bed.cluster, target).finalize();
    expect(userParts(await bed.read(splitRef('users')))).toEqual(original);
  });
});
