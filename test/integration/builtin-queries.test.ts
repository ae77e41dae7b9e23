// The builtin layer-7 queries against the test bed's real Prometheus, scraping the test exporter every
// second. For each metrics source the exporter emits that source's metric names and labels — counters
// and latency histograms for the canary and the baseline, and look-alike series the queries must leave
// out — with counts the test drives; the builtin queries, run through the real Prometheus provider and
// the measurement loop's readCounts, must return exactly those counts.
//
// Exact, not approximately: every series starts at 0 and is scraped at 0 before the test drives it
// (phase 1), the queries are evaluated at the timestamp of the scrape that holds the driven values
// (phase 2) over a window that holds each series' first sample. Prometheus' increase() then has nothing
// to extrapolate (it never extrapolates a counter below zero, nor past a sample at the evaluation time),
// so it returns the driven count itself (test/README.md, rule 2).
//
// A shared bed does not leak in: the namespace (and the replica router's metric names) are unique to the
// run; the fixed metric names of Istio, Envoy, ... keep the label names this file declares them with.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCounts, renderQuery } from '../../src/analysis/loop.js';
import { createProvider } from '../../src/metrics/factory.js';
import {
  builtinQueries,
  type Arm,
  type ArmQueries,
  type BuiltinMetric,
  type BuiltinOptions,
  type BuiltinSourceName,
} from '../../src/metrics/builtin/index.js';
import type { Provider, TimeWindow } from '../../src/metrics/provider.js';
import { ExporterClient, type Labels } from '../../testbed/src/exporter/client.js';
import { prometheusPart } from '../../testbed/src/parts/prometheus.js';
import type { RunningPart } from '../../testbed/src/part.js';
import { uniqueName } from '../helpers/names.js';
import { waitUntil } from '../helpers/wait.js';

const RUN = uniqueName('run');
const RUN_ID = RUN.replace(/-/g, '_');
/** Written last in each phase: once Prometheus has scraped its value, it has scraped everything before it. */
const SENTINEL = `dial_test_${RUN_ID}_builtin_sentinel`;
/** How long a test waits for a scrape (1 s scrapes; generous for a busy machine). */
const SCRAPE_WAIT_MS = 20_000;
const TEST_TIMEOUT_MS = 3 * SCRAPE_WAIT_MS + 10_000;

let running: RunningPart | undefined;
let bedDir: string | undefined;
let prometheusUrl: string;
let exporter: ExporterClient;
let provider: Provider;

/**
 * What each arm serves. Canary: 200 requests, 12 of them 5xx (7 × 500, 5 × 503). Baseline: 200 requests
 * and no 5xx at all — its 5xx series never exists, so its bad count is an empty vector, read as 0.
 */
const CODES: Record<Arm, Array<[code: number, count: number]>> = {
  canary: [
    [200, 180],
    [404, 8],
    [500, 7],
    [503, 5],
  ],
  baseline: [
    [200, 196],
    [404, 4],
  ],
};
const EXPECTED_ERRORS: Record<Arm, { total: number; bad: number }> = {
  canary: { total: 200, bad: 12 },
  baseline: { total: 200, bad: 0 },
};

/** Latencies in ms, as [value, count]. Canary 130 requests, 30 above 250 ms; baseline 120, 10 above. */
const LATENCIES: Record<Arm, Array<[ms: number, count: number]>> = {
  canary: [
    [20, 60],
    [120, 30],
    [240, 10],
    [400, 15],
    [900, 10],
    [3000, 5],
  ],
  baseline: [
    [20, 70],
    [120, 30],
    [240, 10],
    [400, 5],
    [900, 3],
    [3000, 2],
  ],
};

interface SourceFixture {
  source: BuiltinSourceName;
  /** The service's namespace: unique per test, so series of other tests and runs never match. */
  namespace: string;
  options?: BuiltinOptions;
  /** The request counter and the labels of one of its series for an arm and a status code. */
  counter: string;
  requestLabels(arm: Arm, code: number): Labels;
  /** Series of the same counter the arm's queries must not count (other tracks, Services, reporters). */
  decoys: Labels[];
  /** The latency histogram (without `_bucket`), its buckets as the source exports them, its labels. */
  histogram: string;
  unit: 'ms' | 's';
  buckets: number[];
  histogramLabels(arm: Arm): Labels;
  histogramDecoys: Labels[];
  /** A threshold that is a bucket bound (slow: canary 30, baseline 10 of the LATENCIES above). */
  exactMs: number;
  /** A threshold between two bounds, and the requests above the next bound up. */
  between: { ms: number; canary: number; baseline: number };
}

const ISTIO_MS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000];
const DEF_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const SOURCES: BuiltinSourceName[] = ['istio', 'envoy', 'linkerd', 'ingress-nginx', 'traefik', 'self'];

/** A source's metric names and labels, for a service `checkout` in namespace NS. */
function fixture(source: BuiltinSourceName, NS: string): SourceFixture {
  const istioLabels = (workload: string, reporter = 'destination'): Labels => ({
    reporter,
    destination_workload_namespace: NS,
    destination_workload: workload,
  });
  const envoyCluster = (arm: Arm): string =>
    arm === 'canary'
      ? `${NS}_checkout-canary_80`
      : `cluster_checkout_baseline_${NS.replace(/-/g, '_')}_80_${NS.replace(/-/g, '_')}`;
  const traefikService = (arm: Arm): string =>
    arm === 'canary'
      ? `${NS}-checkout-canary-http-80@kubernetesgateway`
      : `${NS}-checkout-baseline-80@kubernetesgateway`;
  const selfPod = (arm: Arm): string => `checkout-${arm}-5d8f7c9b6-${arm === 'canary' ? 'abcde' : 'fghij'}`;
  const all: Array<Omit<SourceFixture, 'namespace'>> = [
    {
      source: 'istio',
      counter: 'istio_requests_total',
      requestLabels: (arm, code) => ({ ...istioLabels(`checkout-${arm}`), response_code: String(code) }),
      // The source sidecar's report of the same requests, and the stable workload.
      decoys: [
        { ...istioLabels('checkout-canary', 'source'), response_code: '500' },
        { ...istioLabels('checkout'), response_code: '500' },
      ],
      histogram: 'istio_request_duration_milliseconds',
      unit: 'ms',
      buckets: ISTIO_MS,
      histogramLabels: (arm) => istioLabels(`checkout-${arm}`),
      histogramDecoys: [istioLabels('checkout-canary', 'source')],
      exactMs: 250,
      between: { ms: 300, canary: 15, baseline: 5 },
    },
    {
      source: 'envoy',
      counter: 'envoy_cluster_upstream_rq_xx',
      // Contour's cluster naming for the canary, Emissary's (mangled) for the baseline.
      requestLabels: (arm, code) => ({
        envoy_cluster_name: envoyCluster(arm),
        envoy_response_code_class: String(code).charAt(0),
      }),
      decoys: [
        { envoy_cluster_name: `${NS}_checkout_80`, envoy_response_code_class: '5' },
        { envoy_cluster_name: `${NS}_checkout-canary-v2_80`, envoy_response_code_class: '5' },
      ],
      histogram: 'envoy_cluster_upstream_rq_time',
      unit: 'ms',
      buckets: ISTIO_MS,
      histogramLabels: (arm) => ({ envoy_cluster_name: envoyCluster(arm) }),
      histogramDecoys: [{ envoy_cluster_name: `${NS}_checkout_80` }],
      exactMs: 250,
      between: { ms: 300, canary: 15, baseline: 5 },
    },
    {
      source: 'linkerd',
      counter: 'response_total',
      requestLabels: (arm, code) => ({
        direction: 'inbound',
        namespace: NS,
        deployment: `checkout-${arm}`,
        classification: code >= 500 ? 'failure' : 'success',
        status_code: String(code),
      }),
      // The canary's own outbound calls, and the stable Deployment.
      decoys: [
        {
          direction: 'outbound',
          namespace: NS,
          deployment: 'checkout-canary',
          classification: 'failure',
          status_code: '500',
        },
        {
          direction: 'inbound',
          namespace: NS,
          deployment: 'checkout',
          classification: 'failure',
          status_code: '500',
        },
      ],
      histogram: 'response_latency_ms',
      unit: 'ms',
      buckets: [
        1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000, 4000, 5000, 10000,
      ],
      histogramLabels: (arm) => ({ direction: 'inbound', namespace: NS, deployment: `checkout-${arm}` }),
      histogramDecoys: [{ direction: 'outbound', namespace: NS, deployment: 'checkout-canary' }],
      exactMs: 300,
      // 350 ms lies between 300 and 400: above 400 are the 900 and 3000 ms requests.
      between: { ms: 350, canary: 15, baseline: 5 },
    },
    {
      source: 'ingress-nginx',
      counter: 'nginx_ingress_controller_requests',
      requestLabels: (arm, code) => ({
        namespace: NS,
        ingress: 'checkout',
        service: `checkout-${arm}`,
        status: String(code),
      }),
      decoys: [{ namespace: NS, ingress: 'checkout', service: 'checkout', status: '500' }],
      histogram: 'nginx_ingress_controller_request_duration_seconds',
      unit: 's',
      buckets: DEF_BUCKETS_S,
      histogramLabels: (arm) => ({ namespace: NS, ingress: 'checkout', service: `checkout-${arm}` }),
      histogramDecoys: [{ namespace: NS, ingress: 'checkout', service: 'checkout' }],
      exactMs: 250,
      between: { ms: 300, canary: 15, baseline: 5 },
    },
    {
      source: 'traefik',
      counter: 'traefik_service_requests_total',
      // Traefik 3.6 names the canary's service with its port name, earlier versions without.
      requestLabels: (arm, code) => ({
        service: traefikService(arm),
        code: String(code),
        method: 'GET',
        protocol: 'http',
      }),
      decoys: [
        { service: `${NS}-checkout-http-80@kubernetesgateway`, code: '500', method: 'GET', protocol: 'http' },
      ],
      histogram: 'traefik_service_request_duration_seconds',
      unit: 's',
      buckets: [0.1, 0.3, 1.2, 5],
      histogramLabels: (arm) => ({
        service: traefikService(arm),
        code: '200',
        method: 'GET',
        protocol: 'http',
      }),
      histogramDecoys: [
        { service: `${NS}-checkout-http-80@kubernetesgateway`, code: '200', method: 'GET', protocol: 'http' },
      ],
      exactMs: 300,
      // 500 ms lies between 0.3 and 1.2 s: above 1.2 s are the 3000 ms requests.
      between: { ms: 500, canary: 5, baseline: 2 },
    },
    {
      source: 'self',
      // The replica router reads the service's own metrics; names of this run's own (configurable).
      options: {
        requests: `dial_test_${RUN_ID}_http_requests_total`,
        duration: `dial_test_${RUN_ID}_http_request_duration_seconds`,
      },
      counter: `dial_test_${RUN_ID}_http_requests_total`,
      requestLabels: (arm, code) => ({ namespace: NS, track: arm, pod: selfPod(arm), code: String(code) }),
      // Another service's canary on the same track, and the stable pods.
      decoys: [
        { namespace: NS, track: 'canary', pod: 'payments-canary-6c7d8e9f0-zzzzz', code: '500' },
        { namespace: NS, track: 'stable', pod: 'checkout-5b6c7d8e9-yyyyy', code: '500' },
      ],
      histogram: `dial_test_${RUN_ID}_http_request_duration_seconds`,
      unit: 's',
      buckets: DEF_BUCKETS_S,
      histogramLabels: (arm) => ({ namespace: NS, track: arm, pod: selfPod(arm) }),
      histogramDecoys: [{ namespace: NS, track: 'canary', pod: 'payments-canary-6c7d8e9f0-zzzzz' }],
      exactMs: 250,
      between: { ms: 300, canary: 15, baseline: 5 },
    },
  ];
  const found = all.find((f) => f.source === source);
  if (!found) throw new Error(`no fixture for ${source}`);
  return { ...found, namespace: NS };
}

/** The sample times and values of one series, oldest first. */
async function samples(selector: string): Promise<Array<{ t: number; v: number }>> {
  const response = await fetch(new URL('/api/v1/query', prometheusUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: `${selector}[10m]`, time: (Date.now() / 1000).toFixed(3) }).toString(),
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { result: Array<{ values: Array<[number, string]> }> };
  };
  if (body.status !== 'success' || body.data === undefined) throw new Error(`prometheus: ${body.error}`);
  return (body.data.result[0]?.values ?? []).map(([t, v]) => ({ t: Math.round(t * 1000), v: Number(v) }));
}

/**
 * Sets the sentinel (written after everything else of the phase) and waits for the scrape that holds
 * it: that scrape holds every value written before. Returns the scrape's timestamp (ms).
 */
async function scraped(phase: string, value: number): Promise<number> {
  await exporter.counter({ name: SENTINEL, labels: { phase }, set: value });
  const selector = `${SENTINEL}{phase="${phase}"}`;
  return waitUntil(
    `Prometheus to scrape ${selector} at ${value}`,
    async () => {
      const seen = await samples(selector);
      const hit = seen.find((s) => s.v === value);
      if (hit) return hit.t;
      throw new Error(seen.length === 0 ? 'no sample yet' : `samples ${seen.map((s) => s.v).join(', ')}`);
    },
    { timeoutMs: SCRAPE_WAIT_MS },
  );
}

/** Every series of a source at zero (phase 1): counters, histograms, look-alikes. */
async function createAtZero(f: SourceFixture): Promise<void> {
  for (const arm of ['canary', 'baseline'] as const) {
    for (const [code] of CODES[arm])
      await exporter.counter({ name: f.counter, labels: f.requestLabels(arm, code), inc: 0 });
    await exporter.histogram({ name: f.histogram, labels: f.histogramLabels(arm), buckets: f.buckets });
  }
  for (const labels of f.decoys) await exporter.counter({ name: f.counter, labels, inc: 0 });
  for (const labels of f.histogramDecoys)
    await exporter.histogram({ name: f.histogram, labels, buckets: f.buckets });
}

/** The traffic (phase 2), look-alikes included. */
async function drive(f: SourceFixture): Promise<void> {
  const toUnit = (ms: number) => (f.unit === 's' ? ms / 1000 : ms);
  for (const arm of ['canary', 'baseline'] as const) {
    for (const [code, count] of CODES[arm])
      await exporter.counter({ name: f.counter, labels: f.requestLabels(arm, code), inc: count });
    const observe = LATENCIES[arm].flatMap(([ms, count]) => Array<number>(count).fill(toUnit(ms)));
    await exporter.histogram({ name: f.histogram, labels: f.histogramLabels(arm), observe });
  }
  for (const labels of f.decoys) await exporter.counter({ name: f.counter, labels, inc: 50 });
  for (const labels of f.histogramDecoys)
    await exporter.histogram({ name: f.histogram, labels, observe: Array<number>(40).fill(toUnit(3000)) });
}

/** Zero, then the traffic, each scraped; the window from before the first sample to the second scrape. */
async function prepare(f: SourceFixture): Promise<TimeWindow> {
  const before = Date.now();
  await createAtZero(f);
  await scraped(`${f.namespace}-zero`, 1);
  await drive(f);
  const end = await scraped(`${f.namespace}-driven`, 1);
  return { start: new Date(before - 2_000), end: new Date(end) };
}

function armQueries(f: SourceFixture, metric: BuiltinMetric, arm: Arm): ArmQueries {
  const target = { namespace: f.namespace, workload: 'checkout' };
  const made = builtinQueries(f.source, target, metric, f.options ?? {}, [arm]);
  if (!made.ok) throw new Error(made.problem);
  const queries = made.arms[arm];
  if (!queries) throw new Error(`no ${arm} queries`);
  return queries;
}

beforeAll(async () => {
  const shared = process.env.PROMETHEUS_URL;
  const exporterUrl = process.env.DIAL_TEST_EXPORTER_URL;
  if (shared !== undefined && exporterUrl !== undefined) {
    prometheusUrl = shared;
    exporter = new ExporterClient(exporterUrl);
  } else {
    bedDir = mkdtempSync(join(tmpdir(), 'dial-builtin-test-'));
    running = await prometheusPart.start({ dir: bedDir, log: (line) => process.stderr.write(`${line}\n`) });
    prometheusUrl = running.env.PROMETHEUS_URL ?? '';
    exporter = new ExporterClient(running.env.DIAL_TEST_EXPORTER_URL ?? '');
  }
  provider = createProvider({ type: 'prometheus', url: prometheusUrl, timeoutSeconds: 5, retries: 1 });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  if (bedDir !== undefined) rmSync(bedDir, { recursive: true, force: true });
});

describe.each(SOURCES)('builtin queries on real Prometheus: %s', (source) => {
  it(
    'count exactly the requests, failed and slow requests driven per arm, and nothing else',
    async () => {
      const f = fixture(source, uniqueName('shop'));
      const window = await prepare(f);
      for (const arm of ['canary', 'baseline'] as const) {
        const name = `${f.source}/${arm}`;
        // Errors: total and 5xx; the baseline's 5xx series does not exist, an empty vector read as 0.
        const errors = await readCounts(
          provider,
          `${name}/errors`,
          armQueries(f, { metric: 'errors' }, arm),
          window,
        );
        expect({ arm, ...errors }).toEqual({ arm, kind: 'counts', ...EXPECTED_ERRORS[arm] });

        // Latency at a bucket bound: all minus those at or below it.
        const exact = armQueries(f, { metric: 'latency', thresholdMs: f.exactMs }, arm);
        expect(exact.bucket?.exact).toBe(true);
        const total = LATENCIES[arm].reduce((sum, [, count]) => sum + count, 0);
        expect({ arm, ...(await readCounts(provider, `${name}/latency`, exact, window)) }).toEqual({
          arm,
          kind: 'counts',
          total,
          bad: arm === 'canary' ? 30 : 10,
        });

        // Between two bounds: slow is what lies above the next bound up.
        const between = armQueries(f, { metric: 'latency', thresholdMs: f.between.ms }, arm);
        expect(between.bucket?.exact).toBe(false);
        expect({ arm, ...(await readCounts(provider, `${name}/latency-between`, between, window)) }).toEqual({
          arm,
          kind: 'counts',
          total,
          bad: f.between[arm],
        });
      }
      // The baseline's bad count really was an empty vector (the documented exception), not a zero.
      const answer = await provider.query({
        name: 'baseline-bad',
        query: renderQuery(armQueries(f, { metric: 'errors' }, 'baseline').bad, window),
        window,
      });
      expect(answer).toMatchObject({ kind: 'no-data', empty: true });
    },
    TEST_TIMEOUT_MS,
  );
});

describe('no data is never zero bad', () => {
  it(
    'a NaN bad count while requests were served is no data with its reason; an empty vector is 0',
    async () => {
      // The Traefik histogram holds the default buckets; a latency check that believes in a 0.2 s bucket
      // (analysis.builtin.buckets) asks for a bucket that does not exist: its bad count is NaN.
      const f = fixture('traefik', uniqueName('shop'));
      const window = await prepare(f);
      const wrongBucket = armQueries(
        { ...f, options: { buckets: [0.2, 1.2] } },
        { metric: 'latency', thresholdMs: 200 },
        'canary',
      );
      expect(wrongBucket.bad).toContain('le="0.2"');
      expect(await readCounts(provider, 'nan', wrongBucket, window)).toEqual({
        kind: 'no-data',
        reason: 'bad requests: query "nan/bad" returned NaN (e.g. a ratio over zero requests)',
      });
      // The same arm's errors: requests served, 12 failed.
      expect(
        await readCounts(provider, 'served', armQueries(f, { metric: 'errors' }, 'canary'), window),
      ).toEqual({ kind: 'counts', total: 200, bad: 12 });
      // No 5xx series at all (the baseline): an empty vector, read as 0 bad.
      expect(
        await readCounts(provider, 'empty', armQueries(f, { metric: 'errors' }, 'baseline'), window),
      ).toEqual({ kind: 'counts', total: 200, bad: 0 });
    },
    TEST_TIMEOUT_MS,
  );
});
