import { beforeEach, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { GatewayApiRouter } from '../../../src/traffic/gateway-api.js';
import type { RouterTarget } from '../../../src/traffic/objects.js';
import { shop, type TrafficCluster } from './fake-cluster.js';

type Json = Record<string, unknown>;
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const target: RouterTarget = {
  namespace: 'shop',
  workload: 'web',
  service: 'web',
  config: { type: 'gateway-api', httpRoute: 'web' },
};

const ref = (name: string, weight: number, extra: Json = {}) => ({
  group: '',
  kind: 'Service',
  name,
  port: 80,
  weight,
  ...extra,
});

/** A route with rules Dial does not own, and a filter, a timeout and other backends where it does. */
const ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web', labels: { team: 'shop' }, annotations: { owner: 'shop-team' } },
  spec: {
    parentRefs: [{ name: 'dial-test', namespace: 'dial-test' }],
    hostnames: ['shop.example'],
    rules: [
      {
        name: 'static',
        matches: [{ path: { type: 'PathPrefix', value: '/static' } }],
        backendRefs: [ref('assets', 1)],
      },
      {
        name: 'api',
        matches: [
          {
            path: { type: 'PathPrefix', value: '/api' },
            headers: [{ type: 'Exact', name: 'x-tenant', value: 'a' }],
          },
          { path: { type: 'Exact', value: '/health' } },
        ],
        filters: [
          { type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'x-via', value: 'gw' }] } },
        ],
        backendRefs: [
          ref('web', 1, {
            filters: [
              {
                type: 'ResponseHeaderModifier',
                responseHeaderModifier: { set: [{ name: 'x-svc', value: 'web' }] },
              },
            ],
          }),
        ],
        timeouts: { request: '10s' },
      },
      {
        name: 'mixed',
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [ref('web', 3), ref('legacy', 1)],
      },
    ],
  },
} as KubernetesObject;

const rules = (c: TrafficCluster): Json[] =>
  ((c.object('HTTPRoute', 'web') as unknown as { spec: { rules: Json[] } }).spec.rules ?? []).map(copy);
const refs = (rule: Json | undefined) =>
  (rule?.backendRefs as Json[]).map((r) => `${String(r.name)}=${String(r.weight)}`);
const withoutRefs = (rule: Json | undefined) => {
  const { backendRefs: _refs, ...rest } = rule ?? {};
  return rest;
};
const original = (name: string) =>
  (ROUTE as unknown as { spec: { rules: Json[] } }).spec.rules.find((r) => r.name === name);

let cluster: TrafficCluster;
let router: GatewayApiRouter;

beforeEach(() => {
  cluster = shop();
  cluster.seed(ROUTE);
  cluster.seed({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'assets' },
    spec: { selector: { app: 'assets' } },
  } as KubernetesObject);
  router = new GatewayApiRouter(cluster, target);
});

describe('GatewayApiRouter', () => {
  it('moves through 0 → 10 → 50 → 100 → reset with weights adding up, canary = baseline', async () => {
    const seen = [];
    for (const w of [0, 10, 50, 100]) {
      const reading = await router.setWeight(w);
      seen.push([reading.canary, reading.baseline, reading.stable]);
      const api = rules(cluster).find((r) => r.name === 'api');
      const weights = (api!.backendRefs as Json[]).map((r) => Number(r.weight));
      expect(weights.reduce((a, b) => a + b, 0)).toBe(100);
    }
    expect(seen).toEqual([
      [0, 0, 100],
      [10, 10, 80],
      [50, 50, 0],
      [50, 50, 0],
    ]);
    expect((await router.setWeight(100)).note).toMatch(/capped at 50 %/);
    await router.reset();
    expect(await router.readWeight()).toEqual({ canary: 0, baseline: 0, stable: 100 });
    expect(refs(rules(cluster).find((r) => r.name === 'api'))).toEqual([
      'web-stable=100',
      'web-canary=0',
      'web-baseline=0',
    ]);
  });

  it('changes only the backends of the rules that route to the user Service, keeping filters, matches and timeouts', async () => {
    await router.setWeight(10);
    const [staticRule, api, mixed] = rules(cluster);
    expect(staticRule).toEqual(original('static'));
    expect(withoutRefs(api)).toEqual(withoutRefs(original('api')));
    expect(withoutRefs(mixed)).toEqual(withoutRefs(original('mixed')));
    // The backendRef's own filters and port go with every track.
    for (const r of api!.backendRefs as Json[]) {
      expect(r.port).toBe(80);
      expect(r.filters).toEqual((original('api')!.backendRefs as Json[])[0]!.filters);
    }
    expect(refs(api)).toEqual(['web-stable=80', 'web-canary=10', 'web-baseline=10']);
    // web:legacy was 3:1; web's share (75 %) is split 80/10/10, legacy keeps its 25 %.
    expect(refs(mixed)).toEqual(['web-stable=24', 'web-canary=3', 'web-baseline=3', 'legacy=10']);
  });

  it('makes the track Services before the route points at them, and changes the route in one patch', async () => {
    await router.setWeight(10);
    expect(cluster.writes.map((w) => `${w.op} ${w.kind}/${w.name}`)).toEqual([
      'apply Service/web-stable',
      'apply Service/web-canary',
      'apply Service/web-baseline',
      'patch HTTPRoute/web',
    ]);
    expect((cluster.object('Service', 'web-stable') as unknown as { spec: Json }).spec.selector).toEqual({
      app: 'web',
      'pod-template-hash': 'abc123',
    });
    cluster.writes.length = 0;
    await router.setWeight(25);
    expect(cluster.writes.map((w) => `${w.op} ${w.kind}/${w.name}`)).toEqual(['patch HTTPRoute/web']);
    cluster.writes.length = 0;
    await router.setWeight(25);
    expect(cluster.writes).toEqual([]);
  });

  it('adds a header rule before each weighted rule, keeps it while the weight moves, and reset removes it', async () => {
    await router.setWeight(10);
    await router.setHeaderRoute({ name: 'X-Canary', value: 'always' });
    let now = rules(cluster);
    expect(now.map((r) => r.name)).toEqual(['static', 'dial-header-0', 'api', 'dial-header-1', 'mixed']);
    const header = now[1]!;
    expect(refs(header)).toEqual(['web-canary=1']);
    expect(header.filters).toEqual(original('api')!.filters);
    expect(header.timeouts).toEqual(original('api')!.timeouts);
    expect(header.matches).toEqual([
      {
        path: { type: 'PathPrefix', value: '/api' },
        headers: [
          { type: 'Exact', name: 'x-tenant', value: 'a' },
          { type: 'Exact', name: 'X-Canary', value: 'always' },
        ],
      },
      {
        path: { type: 'Exact', value: '/health' },
        headers: [{ type: 'Exact', name: 'X-Canary', value: 'always' }],
      },
    ]);
    await router.setWeight(50);
    now = rules(cluster);
    expect(now.map((r) => r.name)).toEqual(['static', 'dial-header-0', 'api', 'dial-header-1', 'mixed']);
    expect(refs(now[2])).toEqual(['web-stable=0', 'web-canary=50', 'web-baseline=50']);
    await router.reset();
    expect(rules(cluster).map((r) => r.name)).toEqual(['static', 'api', 'mixed']);
  });

  it('finalize gives the user their route back byte for byte and deletes the track Services; again changes nothing', async () => {
    const before = cluster.content('HTTPRoute', 'web');
    await router.setWeight(10);
    await router.setHeaderRoute({ name: 'x-canary', value: '1' });
    await router.setWeight(50);
    await router.finalize();
    expect(cluster.content('HTTPRoute', 'web')).toEqual(before);
    expect(cluster.names('Service')).toEqual(['assets', 'web']);
    cluster.writes.length = 0;
    await router.finalize();
    expect(cluster.writes).toEqual([]);
    expect(await router.readWeight()).toMatchObject({ canary: 0, stable: 100 });
  });

  it('a second router instance (a rerun) continues where the first left off', async () => {
    await router.setWeight(10);
    await router.setHeaderRoute({ name: 'x-canary', value: '1' });
    const rerun = new GatewayApiRouter(cluster, target);
    expect(await rerun.readWeight()).toEqual({ canary: 10, baseline: 10, stable: 80 });
    cluster.writes.length = 0;
    await rerun.setWeight(10);
    expect(cluster.writes).toEqual([]);
    await rerun.setWeight(25);
    expect(rules(cluster).map((r) => r.name)).toContain('dial-header-0');
    const before = copy(ROUTE) as unknown as { spec: unknown };
    await new GatewayApiRouter(cluster, target).finalize();
    expect((cluster.object('HTTPRoute', 'web') as unknown as { spec: unknown }).spec).toEqual(before.spec);
  });

  it('reports drift someone else made', async () => {
    await router.setWeight(10);
    const route = cluster.object('HTTPRoute', 'web') as unknown as { spec: { rules: Json[] } };
    (route.spec.rules[1]!.backendRefs as Json[])[1]!.weight = 40;
    await cluster.patch(
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', name: 'web' },
      {
        spec: { rules: route.spec.rules },
      },
    );
    const reading = await router.readWeight();
    expect(reading.canary).toBeCloseTo(30.8, 1);
    expect(reading.note).toMatch(/drift: HTTPRoute shop\/web has canary 30.8 %.*Dial last wrote 10/);
  });

  it('retries when someone writes the route between its read and its patch, keeping their change', async () => {
    let once = true;
    cluster.beforePatch = (r, c) => {
      if (!once || r.kind !== 'HTTPRoute') return;
      once = false;
      void c.patch(r, { metadata: { labels: { touched: 'yes' } } });
    };
    await router.setWeight(10);
    const stored = cluster.object('HTTPRoute', 'web')!;
    expect(stored.metadata?.labels).toEqual({ team: 'shop', touched: 'yes' });
    expect(refs(rules(cluster)[1])).toEqual(['web-stable=80', 'web-canary=10', 'web-baseline=10']);
  });

  it('routes again when the user re-applied their route mid-rollout, and still restores it', async () => {
    await router.setWeight(10);
    const reverted = cluster.object('HTTPRoute', 'web') as unknown as { spec: Json };
    await cluster.patch(
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', name: 'web' },
      {
        spec: copy((ROUTE as unknown as { spec: Json }).spec),
      },
    );
    expect(reverted).toBeTruthy();
    expect((await router.readWeight()).note).toMatch(/sends requests to Service web itself.*drift/);
    expect((await router.setWeight(25)).canary).toBe(25);
    await router.finalize();
    expect((cluster.object('HTTPRoute', 'web') as unknown as { spec: unknown }).spec).toEqual(
      (ROUTE as unknown as { spec: unknown }).spec,
    );
  });

  it('says what is wrong: no route, no rule to the service, too many rules', async () => {
    const other = new GatewayApiRouter(cluster, {
      ...target,
      config: { type: 'gateway-api', httpRoute: 'nope' },
    });
    await expect(other.setWeight(10)).rejects.toThrow(
      /HTTPRoute shop\/nope does not exist: router.httpRoute/,
    );
    cluster.seed({
      ...copy(ROUTE),
      metadata: { name: 'assets-only' },
      spec: { rules: [original('static')] },
    } as KubernetesObject);
    const assets = new GatewayApiRouter(cluster, {
      ...target,
      service: 'web',
      config: { type: 'gateway-api', httpRoute: 'assets-only' },
    });
    await expect(assets.setWeight(10)).rejects.toThrow(
      /HTTPRoute shop\/assets-only routes to Services assets; none of them selects the pods of Deployment shop\/web/,
    );
    const many = copy(ROUTE) as unknown as { metadata: Json; spec: { rules: Json[] } };
    many.metadata = { name: 'many' };
    many.spec.rules = Array.from({ length: 9 }, (_, i) => ({ ...copy(original('api')), name: `r${i}` }));
    cluster.seed(many as unknown as KubernetesObject);
    const full = new GatewayApiRouter(cluster, {
      ...target,
      config: { type: 'gateway-api', httpRoute: 'many' },
    });
    await full.setWeight(10);
    await expect(full.setHeaderRoute({ name: 'x', value: '1' })).rejects.toThrow(
      /would have 18 rules.*at most 16/,
    );
  });

  it('plans pods for weights, not pod ratios', () => {
    expect(router.replicaPlan(10, 10)).toEqual({ stable: 10, canary: 1, baseline: 1 });
  });
});
