// The Emissary router on the real bed: track Mappings (getambassador.io/v3alpha1, as Emissary v3.10
// publishes its schema) beside the user's Mapping, which is never changed; weights 0 → 10 → 50 → 100 →
// reset, a header Mapping, a rerun, and finalize removing what Dial added.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { EmissaryRouter } from '../../src/traffic/emissary.js';
import { routerBed, userParts, type RouterBed } from './routers-fixture.js';

type Json = Record<string, unknown>;

let bed: RouterBed;
const ref = (name: string) => ({ apiVersion: 'getambassador.io/v3alpha1', kind: 'Mapping', name });
const spec = async (name: string) =>
  ((await bed.read(ref(name))) as unknown as { spec: Json } | undefined)?.spec;

beforeAll(async () => {
  bed = await routerBed('dial-rt-emissary');
  await bed.create({
    apiVersion: 'getambassador.io/v3alpha1',
    kind: 'Mapping',
    metadata: { name: 'web-api', labels: { team: 'shop' } },
    spec: {
      hostname: 'shop.example',
      prefix: '/api/',
      rewrite: '/',
      service: `web.${bed.namespace}:80`,
      timeout_ms: 5000,
    },
  } as KubernetesObject);
});

afterAll(async () => {
  await bed?.cleanup();
});

describe('Emissary router on the real apiserver', () => {
  it('adds track Mappings the schema accepts, moves them, routes a header, and removes them at finalize', async () => {
    const target = bed.target({ type: 'emissary', mapping: 'web-api' });
    const original = userParts(await bed.read(ref('web-api')));
    const router = new EmissaryRouter(bed.cluster, target);
    const seen = [];
    for (const w of [0, 10, 50, 100]) {
      const r = await router.setWeight(w);
      const weights = await Promise.all(
        ['stable', 'canary', 'baseline'].map(async (t) => (await spec(`web-api-${t}`))?.weight),
      );
      seen.push([r.canary, r.baseline, r.stable, ...weights]);
    }
    expect(seen).toEqual([
      [0, 0, 100, 100, 0, 0],
      [10, 10, 80, 80, 10, 10],
      [50, 50, 0, 0, 50, 50],
      [50, 50, 0, 0, 50, 50],
    ]);
    expect(await spec('web-api-canary')).toMatchObject({
      hostname: 'shop.example',
      prefix: '/api/',
      rewrite: '/',
      timeout_ms: 5000,
      service: `web-canary.${bed.namespace}:80`,
    });
    await router.reset();
    expect(await router.readWeight()).toEqual({ canary: 0, baseline: 0, stable: 100 });
    await router.setHeaderRoute({ name: 'X-Canary', value: '1' });
    expect(await spec('web-api-header')).toMatchObject({ headers: { 'x-canary': '1' }, precedence: 1 });
    const rerun = new EmissaryRouter(bed.cluster, target);
    await rerun.setWeight(10);
    const before = await bed.versions(ref('web-api'));
    await rerun.setWeight(10);
    expect(await bed.versions(ref('web-api'))).toEqual(before);
    expect(await rerun.readWeight()).toEqual({ canary: 10, baseline: 10, stable: 80 });
    await rerun.finalize();
    expect(userParts(await bed.read(ref('web-api')))).toEqual(original);
    const left = await bed.cluster.list({
      apiVersion: 'getambassador.io/v3alpha1',
      kind: 'Mapping',
      namespace: bed.namespace,
    });
    expect(left.map((m) => m.metadata?.name)).toEqual(['web-api']);
    expect(await bed.services()).toEqual(['web']);
  });
});
