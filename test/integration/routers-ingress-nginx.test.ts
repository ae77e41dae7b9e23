// The ingress-nginx router on the real bed (networking.k8s.io/v1, no controller needed to check the
// objects): the canary Ingress with canary-weight and canary-by-header, the user's Ingress pointed at
// the stable pods and given back exactly, a rerun, and finalize.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject, V1Ingress } from '@kubernetes/client-node';
import { IngressNginxRouter } from '../../src/traffic/ingress-nginx.js';
import { routerBed, userParts, type RouterBed } from './routers-fixture.js';

let bed: RouterBed;
const ref = (name: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name });
const backendsOf = (i: KubernetesObject | undefined) =>
  ((i as V1Ingress | undefined)?.spec?.rules ?? []).flatMap((r) =>
    (r.http?.paths ?? []).map((p) => `${r.host}${p.path}→${p.backend.service?.name}`),
  );

beforeAll(async () => {
  bed = await routerBed('dial-rt-nginx');
  await bed.create({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'shop', annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' } },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example'], secretName: 'shop-tls' }],
      rules: [
        {
          host: 'shop.example',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'web', port: { name: 'http' } } },
              },
              {
                path: '/static',
                pathType: 'Prefix',
                backend: { service: { name: 'assets', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  } as KubernetesObject);
});

afterAll(async () => {
  await bed?.cleanup();
});

describe('ingress-nginx router on the real apiserver', () => {
  it('moves a canary Ingress through 0 → 10 → 50 → 100 → reset, header route, rerun, exact finalize', async () => {
    const target = bed.target({ type: 'ingress-nginx', ingress: 'shop' });
    const original = userParts(await bed.read(ref('shop')));
    const router = new IngressNginxRouter(bed.cluster, target);
    const seen = [];
    for (const w of [0, 10, 50, 100]) {
      const r = await router.setWeight(w);
      const canary = await bed.read(ref('shop-canary'));
      seen.push([
        r.canary,
        r.baseline,
        r.stable,
        canary?.metadata?.annotations?.['nginx.ingress.kubernetes.io/canary-weight'],
      ]);
    }
    expect(seen).toEqual([
      [0, 0, 100, '0'],
      [10, 10, 80, '20'],
      [50, 50, 0, '100'],
      [50, 50, 0, '100'],
    ]);
    const canary = await bed.read(ref('shop-canary'));
    expect(canary?.metadata?.annotations).toMatchObject({ 'nginx.ingress.kubernetes.io/canary': 'true' });
    expect((canary as V1Ingress).spec?.ingressClassName).toBe('nginx');
    expect(backendsOf(canary)).toEqual(['shop.example/→web-canary-and-baseline']);
    expect(backendsOf(await bed.read(ref('shop')))).toEqual([
      'shop.example/→web-stable',
      'shop.example/static→assets',
    ]);
    await router.reset();
    expect(await router.readWeight()).toEqual({ canary: 0, baseline: 0, stable: 100 });
    await router.setHeaderRoute({ name: 'X-Canary', value: 'always' });
    expect((await bed.read(ref('shop-canary')))?.metadata?.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/canary-by-header': 'X-Canary',
      'nginx.ingress.kubernetes.io/canary-by-header-value': 'always',
    });
    const rerun = new IngressNginxRouter(bed.cluster, target);
    await rerun.setWeight(10);
    const before = await bed.versions(ref('shop'));
    await rerun.setWeight(10);
    expect(await bed.versions(ref('shop'))).toEqual(before);
    expect(await rerun.readWeight()).toMatchObject({ canary: 10, baseline: 10, stable: 80 });
    expect(await bed.services()).toEqual(['web', 'web-canary', 'web-canary-and-baseline', 'web-stable']);
    await rerun.finalize();
    expect(userParts(await bed.read(ref('shop')))).toEqual(original);
    expect(await bed.read(ref('shop-canary'))).toBeUndefined();
    expect(await bed.services()).toEqual(['web']);
  });
});
