// The builtin layer-7 queries, source by source: the exact PromQL for each arm and metric, how a latency
// threshold maps onto a bucket, and which source a router's configuration picks.
import { describe, expect, it } from '@jest/globals';
import type { DialConfig } from '../../../src/config/types.js';
import { renderQuery } from '../../../src/analysis/loop.js';
import {
  builtinCheckQueries,
  builtinSetup,
  builtinSourceFor,
  intervalProblem,
} from '../../../src/metrics/builtin/config.js';
import { envoyClusterPattern, envoyQueries } from '../../../src/metrics/builtin/envoy.js';
import { BUILTIN_SOURCES, builtinQueries } from '../../../src/metrics/builtin/index.js';
import { ingressNginxQueries } from '../../../src/metrics/builtin/ingress-nginx.js';
import { istioQueries } from '../../../src/metrics/builtin/istio.js';
import { linkerdQueries } from '../../../src/metrics/builtin/linkerd.js';
import {
  BuiltinQueryError,
  leMatcher,
  leSpellings,
  pickBucket,
  type Histogram,
} from '../../../src/metrics/builtin/promql.js';
import { selfQueries } from '../../../src/metrics/builtin/self.js';
import { traefikQueries, traefikServicePattern } from '../../../src/metrics/builtin/traefik.js';

const target = { namespace: 'shop', workload: 'checkout' };
const errors = { metric: 'errors' } as const;
const latency = (thresholdMs: number) => ({ metric: 'latency', thresholdMs }) as const;

/** PromQL's `=~`: the whole label value must match (RE2; these patterns mean the same in JavaScript). */
const matches = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`).test(value);

/** The latency bad query for a selector, as every source builds it. */
const slow = (bucket: string, selector: string, le: string) => {
  const total = `sum(increase(${bucket}{${selector},le="+Inf"}[{{window}}]))`;
  return {
    total,
    bad: `clamp_min(${total} - sum(increase(${bucket}{${selector},${le}}[{{window}}])), 0) or (${total} * NaN)`,
  };
};

describe('istio', () => {
  const arm =
    'reporter="destination",destination_workload_namespace="shop",destination_workload="checkout-canary"';

  it('errors: every request once (destination reporter), bad = 5xx', () => {
    expect(istioQueries('canary', target, errors)).toEqual({
      total: `sum(increase(istio_requests_total{${arm}}[{{window}}]))`,
      bad: `sum(increase(istio_requests_total{${arm},response_code=~"5.."}[{{window}}]))`,
    });
    expect(istioQueries('baseline', target, errors).total).toContain(
      'destination_workload="checkout-baseline"',
    );
  });

  it('latency: slow = all minus those in the threshold bucket (ms)', () => {
    const q = istioQueries('canary', target, latency(250));
    expect(q).toMatchObject(slow('istio_request_duration_milliseconds_bucket', arm, 'le=~"250|250\\\\.0"'));
    expect(q.bucket).toMatchObject({ bound: 250, boundMs: 250, exact: true });
  });
});

describe('envoy (Emissary, Contour, Cilium, kgateway)', () => {
  it('errors: answered requests by class, bad = class 5', () => {
    const pattern = envoyClusterPattern('shop', 'checkout-canary');
    expect(envoyQueries('canary', target, errors)).toEqual({
      total: `sum(increase(envoy_cluster_upstream_rq_xx{envoy_cluster_name=~"${pattern}"}[{{window}}]))`,
      bad: `sum(increase(envoy_cluster_upstream_rq_xx{envoy_cluster_name=~"${pattern}",envoy_response_code_class="5"}[{{window}}]))`,
    });
  });

  it('finds the arm cluster in each naming scheme, and no other', () => {
    const canary = envoyClusterPattern('shop', 'checkout-canary');
    for (const name of [
      'shop_checkout-canary_80', // Contour alt_stat_name
      'cluster_checkout_canary_shop_80_shop', // Emissary, mangled
      'cluster_checkout_canary_shop', // Emissary without port
      'shop:checkout-canary:80', // Cilium
      'kube_checkout-canary_shop_80', // kgateway
      'outbound|80||checkout-canary.shop.svc.cluster.local', // Istio-style
    ])
      expect([name, matches(canary, name)]).toEqual([name, true]);
    for (const name of [
      'shop_checkout_80', // the stable Service
      'shop_checkout-baseline_80',
      'shop_checkout-canary-v2_80', // another Service
      'shop_my-checkout-canary_80',
      'other_checkout-canary_80', // another namespace
      'httproute/shop/checkout/rule/0', // Envoy Gateway: one cluster per rule
    ])
      expect([name, matches(canary, name)]).toEqual([name, false]);
  });

  it('latency: upstream_rq_time in ms, Envoy default buckets', () => {
    const q = envoyQueries('baseline', target, latency(1000));
    const selector = `envoy_cluster_name=~"${envoyClusterPattern('shop', 'checkout-baseline')}"`;
    expect(q).toMatchObject(slow('envoy_cluster_upstream_rq_time_bucket', selector, 'le=~"1000|1000\\\\.0"'));
  });
});

describe('linkerd', () => {
  const arm = 'direction="inbound",namespace="shop",deployment="checkout-canary"';

  it('errors: inbound responses, bad = classification failure', () => {
    expect(linkerdQueries('canary', target, errors)).toEqual({
      total: `sum(increase(response_total{${arm}}[{{window}}]))`,
      bad: `sum(increase(response_total{${arm},classification="failure"}[{{window}}]))`,
    });
  });

  it('latency: response_latency_ms, between buckets 300 and 400 -> above 400', () => {
    const q = linkerdQueries('canary', target, latency(350));
    expect(q).toMatchObject(slow('response_latency_ms_bucket', arm, 'le=~"400|400\\\\.0"'));
    expect(q.bucket).toMatchObject({ bound: 400, exact: false });
    expect(q.bucket?.note).toContain('falls between the buckets 300 ms and 400 ms');
  });

  it('namespaceLabel for a renamed namespace label', () => {
    expect(
      linkerdQueries('canary', target, errors, { namespaceLabel: 'exported_namespace' }).total,
    ).toContain('exported_namespace="shop"');
  });
});

describe('ingress-nginx', () => {
  const arm = 'namespace="shop",service="checkout-canary"';

  it('errors: requests by backend Service, bad = status 5xx', () => {
    expect(ingressNginxQueries('canary', target, errors)).toEqual({
      total: `sum(increase(nginx_ingress_controller_requests{${arm}}[{{window}}]))`,
      bad: `sum(increase(nginx_ingress_controller_requests{${arm},status=~"5.."}[{{window}}]))`,
    });
  });

  it('latency: seconds; 250 ms is the 0.25 s bucket', () => {
    const q = ingressNginxQueries('canary', target, latency(250));
    expect(q).toMatchObject(
      slow('nginx_ingress_controller_request_duration_seconds_bucket', arm, 'le="0.25"'),
    );
    expect(q.bucket).toMatchObject({ bound: 0.25, boundMs: 250, unit: 's', exact: true });
  });
});

describe('traefik', () => {
  it('errors: the service label by namespace and Service, bad = code 5xx', () => {
    const service = traefikServicePattern('shop', 'checkout-canary');
    expect(service).toBe('shop-checkout-canary-([a-z0-9-]+-)?[0-9]+@kubernetesgateway');
    expect(traefikQueries('canary', target, errors)).toEqual({
      total: `sum(increase(traefik_service_requests_total{service=~"${service}"}[{{window}}]))`,
      bad: `sum(increase(traefik_service_requests_total{service=~"${service}",code=~"5.."}[{{window}}]))`,
    });
  });

  it('matches Traefik 3.6 labels (with the port name) and older ones, nothing else', () => {
    const canary = traefikServicePattern('shop', 'checkout-canary');
    expect(matches(canary, 'shop-checkout-canary-http-80@kubernetesgateway')).toBe(true);
    expect(matches(canary, 'shop-checkout-canary-80@kubernetesgateway')).toBe(true);
    expect(matches(canary, 'shop-checkout-canary-web-api-8080@kubernetesgateway')).toBe(true);
    expect(matches(canary, 'shop-checkout-http-80@kubernetesgateway')).toBe(false);
    expect(matches(canary, 'shop-checkout-baseline-http-80@kubernetesgateway')).toBe(false);
    expect(matches(canary, 'shop-checkout-canary-http-80@kubernetescrd')).toBe(false);
    expect(matches(canary, 'shop-checkout-canary@kubernetesgateway')).toBe(false);
    expect(matches(canary, 'other-shop-checkout-canary-http-80@kubernetesgateway')).toBe(false);
  });

  it('latency: the default buckets 0.1/0.3/1.2/5 s; a threshold above 5 s cannot be counted', () => {
    const selector = `service=~"${traefikServicePattern('shop', 'checkout-canary')}"`;
    expect(traefikQueries('canary', target, latency(300))).toMatchObject(
      slow('traefik_service_request_duration_seconds_bucket', selector, 'le="0.3"'),
    );
    expect(traefikQueries('canary', target, latency(500)).bucket).toMatchObject({
      bound: 1.2,
      exact: false,
    });
    expect(() => traefikQueries('canary', target, latency(5001))).toThrow(BuiltinQueryError);
    expect(() => traefikQueries('canary', target, latency(5001))).toThrow(
      /above the largest bucket .* \(5 s\)/,
    );
    // The bed's finer buckets (analysis.builtin.buckets) make it countable.
    expect(
      traefikQueries('canary', target, latency(25), { buckets: [0.005, 0.01, 0.025, 0.05] }).bucket,
    ).toMatchObject({ bound: 0.025, exact: true });
  });
});

describe('self (replicas router: the service own metrics by track label)', () => {
  const arm = 'namespace="shop",track="canary",pod=~"checkout-canary-[a-z0-9]+-[a-z0-9]+"';

  it('errors: http_requests_total{code} by track and the service pods', () => {
    expect(selfQueries('canary', target, errors)).toEqual({
      total: `sum(increase(http_requests_total{${arm}}[{{window}}]))`,
      bad: `sum(increase(http_requests_total{${arm},code=~"5.."}[{{window}}]))`,
    });
    const pods = 'checkout-canary-[a-z0-9]+-[a-z0-9]+';
    expect(matches(pods, 'checkout-canary-7d9f8c6b5-x2k9q')).toBe(true);
    expect(matches(pods, 'checkout-canary-v2-7d9f8c6b5-x2k9q')).toBe(false);
    expect(matches(pods, 'checkout-7d9f8c6b5-x2k9q')).toBe(false);
  });

  it('latency: http_request_duration_seconds_bucket with the client libraries default buckets', () => {
    expect(selfQueries('canary', target, latency(100))).toMatchObject(
      slow('http_request_duration_seconds_bucket', arm, 'le="0.1"'),
    );
  });

  it('names, labels and units are configurable', () => {
    const options = {
      requests: 'app_requests_total',
      duration: 'app_latency_ms',
      durationUnit: 'ms',
      codeLabel: 'status',
      trackLabel: 'dial_dev_track',
      namespaceLabel: 'kubernetes_namespace',
      buckets: [50, 100, 200],
    } as const;
    const custom =
      'kubernetes_namespace="shop",dial_dev_track="baseline",pod=~"checkout-baseline-[a-z0-9]+-[a-z0-9]+"';
    expect(selfQueries('baseline', target, errors, options).bad).toBe(
      `sum(increase(app_requests_total{${custom},status=~"5.."}[{{window}}]))`,
    );
    expect(selfQueries('baseline', target, latency(150), options)).toMatchObject(
      slow('app_latency_ms_bucket', custom, 'le=~"200|200\\\\.0"'),
    );
  });
});

describe('bucket bounds and le spellings', () => {
  it('matches every spelling exporters and Prometheus 2/3 give a bound', () => {
    expect(leSpellings(0.3)).toEqual(['0.3']);
    expect(leSpellings(1)).toEqual(['1', '1.0']);
    expect(leSpellings(2.5)).toEqual(['2.5']);
    expect(leSpellings(100000)).toEqual(['100000', '100000.0']);
    expect(leSpellings(3600000)).toEqual(['3600000', '3.6e+06']);
    expect(leSpellings(1000000)).toEqual(['1000000', '1e+06']);
    expect(leSpellings(0.00005)).toEqual(['0.00005', '5e-05']);
    expect(leMatcher(0.3)).toEqual(['le', '=', '0.3']);
    expect(leMatcher(3600000)).toEqual(['le', '=~', '3600000|3\\.6e\\+06']);
  });

  it('picks the smallest bound at or above the threshold, within a rounding error', () => {
    const h: Histogram = { bucket: 'h_bucket', unit: 's', buckets: [0.1, 0.3, 1.2] };
    expect(pickBucket(h, 300)).toMatchObject({ bound: 0.3, exact: true, le: 'le="0.3"' });
    expect(pickBucket(h, 300).note).toBeUndefined();
    expect(pickBucket(h, 100.0000000001)).toMatchObject({ bound: 0.1, exact: true });
    expect(pickBucket(h, 50)).toMatchObject({ bound: 0.1, exact: false });
    expect(pickBucket(h, 50).note).toContain('falls between the buckets 0 and 0.1 s');
    expect(pickBucket({ ...h, buckets: [1.2, 0.3, 0.1] }, 200)).toMatchObject({ bound: 0.3 });
    expect(() => pickBucket(h, 1201)).toThrow(BuiltinQueryError);
  });

  it('the bad query reads NaN (no data), never an empty vector, when the bucket is missing', () => {
    const q = traefikQueries('canary', target, latency(300));
    expect(q.bad).toMatch(/ or \(sum\(increase\(.*le="\+Inf"\}\[\{\{window\}\}\]\)\) \* NaN\)$/);
  });

  it('renders {{window}} as the loop does', () => {
    const window = { start: new Date(0), end: new Date(30_000) };
    expect(renderQuery(istioQueries('canary', target, errors).total, window)).toContain('[30s]))');
  });
});

describe('which source a configuration uses', () => {
  const base: DialConfig = {
    service: 'checkout',
    namespace: 'shop',
    manifests: ['deploy'],
    analysis: { provider: { type: 'prometheus', url: 'http://prometheus:9090' } },
  };

  it('maps every router to its source', () => {
    expect(builtinSourceFor({ type: 'replicas' })).toBe('self');
    expect(builtinSourceFor({ type: 'istio' })).toBe('istio');
    expect(builtinSourceFor({ type: 'ingress-nginx' })).toBe('ingress-nginx');
    expect(builtinSourceFor({ type: 'emissary' })).toBe('envoy');
    expect(builtinSourceFor({ type: 'smi' })).toBe('linkerd');
    expect(builtinSourceFor({ type: 'smi', implementation: 'envoy' })).toBe('envoy');
    expect(builtinSourceFor({ type: 'gateway-api' })).toBe('envoy');
    for (const implementation of ['envoy', 'istio', 'linkerd', 'traefik'] as const)
      expect(builtinSourceFor({ type: 'gateway-api', implementation })).toBe(implementation);
    expect(Object.keys(BUILTIN_SOURCES).sort()).toEqual(
      ['envoy', 'ingress-nginx', 'istio', 'linkerd', 'self', 'traefik'].sort(),
    );
  });

  it('targets the workload (or the service) in its namespace; the interval must span two scrapes', () => {
    const available = builtinSetup({ ...base, workload: { name: 'web' } });
    if (!available.ok) throw new Error(available.reason);
    expect(available.setup).toMatchObject({
      source: 'self',
      chosenBy: 'router replicas',
      target: { namespace: 'shop', workload: 'web' },
      scrapeIntervalSeconds: 15,
      minIntervalSeconds: 30,
    });
    expect(intervalProblem(available.setup, 30)).toBeUndefined();
    expect(intervalProblem(available.setup, 20)).toMatch(
      /^analysis\.interval 20s is shorter than 2 × the scrape interval 15s/,
    );
    const fast = builtinSetup({
      ...base,
      analysis: { provider: { type: 'prometheus', url: 'http://p', scrapeInterval: '5s' } },
    });
    expect(fast.ok && fast.setup.minIntervalSeconds).toBe(10);
  });

  it('no builtin queries for a provider that does not speak PromQL', () => {
    expect(builtinSetup({ ...base, analysis: { provider: { type: 'newrelic', accountId: 1 } } })).toEqual({
      ok: false,
      reason: 'builtin queries are PromQL and the provider is `newrelic`',
    });
  });

  it('a check gets both arms, a burn-rate guard the canary; latency needs a threshold', () => {
    const available = builtinSetup({ ...base, router: { type: 'istio' } });
    if (!available.ok) throw new Error(available.reason);
    const both = builtinCheckQueries(available.setup, 'errors', undefined);
    expect(both.ok && Object.keys(both.arms)).toEqual(['canary', 'baseline']);
    const canary = builtinCheckQueries(available.setup, 'latency', 500, ['canary']);
    expect(canary.ok && Object.keys(canary.arms)).toEqual(['canary']);
    expect(builtinCheckQueries(available.setup, 'latency', undefined)).toEqual({
      ok: false,
      source: 'istio',
      problem: 'latency needs thresholdMs',
    });
    expect(builtinQueries('istio', target, latency(4_000_000))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('above the largest bucket'),
    });
  });
});
