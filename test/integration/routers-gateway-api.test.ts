// The Gateway API router on the real bed: its HTTPRoute changes are accepted under the published
// gateway-api v1.6 CRD schema (CEL rules included), weights move 0 → 10 → 50 → 100 → reset, the user's
// rules, filters, matches and timeouts stay, a second instance (a rerun) continues, and finalize gives
// the route back exactly. Needs the bed (globalSetup starts it or reuses `npm run -s testbed -- up`).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { GatewayApiRouter } from '../../src/traffic/gateway-api.js';
import { routerBed, userParts, type RouterBed } from './routers-fixture.js';

type Json = Record<string, unknown>;

let bed: RouterBed;
const ROUTE = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', name: 'web' };

const route = (): KubernetesObject =>
  ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', labels: { team: 'shop' }, annotations: { owner: 'shop-team' } },
    spec: {
      // A Gateway nobody serves: the apiserver checks the route, no data plane picks it up.
      parentRefs: [{ name: 'no-gateway' }],
      hostnames: ['shop.example'],
      rules: [
        {
          name: 'static',
          matches: [{ path: { type: 'PathPrefix', value: '/static' } }],
          backendRefs: [{ name: 'assets', port: 80 }],
        },
        {
          name: 'api',
          matches: [
            { path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'x-tenant', value: 'a' }] },
            { path: { type: 'Exact', value: '/health' } },
          ],
          filters: [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: { add: [{ name: 'x-via', value: 'gw' }] },
            },
          ],
          backendRefs: [{ name: 'web', port: 80 }],
          timeouts: { request: '10s' },
        },
        {
          name: 'mixed',
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            { name: 'web', port: 80, weight: 3 },
            { name: 'legacy', port: 80, weight: 1 },
          ],
        },
      ],
    },
  }) as KubernetesObject;

const rules = async (): Promise<Json[]> =>
  ((await bed.read(ROUTE)) as unknown as { spec: { rules: Json[] } }).spec.rules;
const refs = (rule: Json | undefined) =>
  ((rule?.backendRefs ?? []) as Json[]).map((r) => `${String(r.name)}=${String(r.weight)}`);
const router = () => new GatewayApiRouter(bed.cluster, bed.target({ type: 'gateway-api', httpRoute: 'web' }));

beforeAll(async () => {
  bed = await routerBed('dial-rt-gw');
  await bed.create(route());
});

afterAll(async () => {
  await bed?.cleanup();
});

describe('Gateway API router on the real apiserver', () => {
  let original: unknown;
  let originalRules: Json[];

  it('moves the HTTPRoute through 0 → 10 → 50 → 100 → reset, accepted under the real schema', async () => {
    original = userParts(await bed.read(ROUTE));
    originalRules = await rules();
    const r = router();
    const readings = [];
    for (const w of [0, 10, 50, 100]) {
      const reading = await r.setWeight(w);
      readings.push([reading.canary, reading.baseline, reading.stable]);
    }
    expect(readings).toEqual([
      [0, 0, 100],
      [10, 10, 80],
      [50, 50, 0],
      [50, 50, 0],
    ]);
    await r.reset();
    expect(await r.readWeight()).toEqual({ canary: 0, baseline: 0, stable: 100 });
    expect(refs((await rules())[1])).toEqual(['web-stable=100', 'web-canary=0', 'web-baseline=0']);
    expect(await bed.services()).toEqual(['web', 'web-baseline', 'web-canary', 'web-stable']);
  });

  it("keeps the user's rules, filters, matches and timeouts, and other backends' share", async () => {
    await router().setWeight(10);
    // Once written, the same weight again writes nothing (the server's defaults are no difference).
    const before = await bed.versions(ROUTE);
    await router().setWeight(10);
    expect(await bed.versions(ROUTE)).toEqual(before);
    const [staticRule, api, mixed] = await rules();
    expect(staticRule).toEqual(originalRules[0]);
    const strip = (rule: Json | undefined) => {
      const { backendRefs: _b, ...rest } = rule ?? {};
      return rest;
    };
    expect(strip(api)).toEqual(strip(originalRules[1]));
    expect(strip(mixed)).toEqual(strip(originalRules[2]));
    expect(refs(api)).toEqual(['web-stable=80', 'web-canary=10', 'web-baseline=10']);
    expect(refs(mixed)).toEqual(['web-stable=24', 'web-canary=3', 'web-baseline=3', 'legacy=10']);
  });

  it('adds header rules the schema accepts, and a rerun continues with them', async () => {
    await router().setHeaderRoute({ name: 'x-canary', value: 'always' });
    const now = await rules();
    expect(now.map((r) => r.name)).toEqual(['static', 'dial-header-0', 'api', 'dial-header-1', 'mixed']);
    expect(refs(now[1])).toEqual(['web-canary=1']);
    const rerun = router();
    expect(await rerun.readWeight()).toEqual({ canary: 10, baseline: 10, stable: 80 });
    await rerun.setWeight(50);
    expect((await rules()).map((r) => r.name)).toContain('dial-header-1');
    expect(refs((await rules())[2])).toEqual(['web-stable=0', 'web-canary=50', 'web-baseline=50']);
  });

  it('finalize restores the route exactly and removes the track Services; again is a no-op', async () => {
    await router().reset();
    await router().finalize();
    expect(userParts(await bed.read(ROUTE))).toEqual(original);
    expect(await bed.services()).toEqual(['web']);
    const version = (await bed.read(ROUTE))?.metadata?.resourceVersion;
    await router().finalize();
    expect((await bed.read(ROUTE))?.metadata?.resourceVersion).toBe(version);
  });
});
