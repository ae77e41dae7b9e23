// The bed's data plane (issue 9): real HTTP requests through Traefik (the `gateway` part) split as the
// HTTPRoute says, a header rule sends its requests to the canary, no request fails while the weights move,
// Prometheus counts exactly what was sent per Service, and the pod runner answers as each pod's env says.
// Every request goes to GATEWAY_URL (loopback) with a Host header naming this run's route; each test's
// traffic is bounded in count (and each request in time).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  createApp,
  GatewayClient,
  serviceName,
  setWeights,
  tracksReady,
  type Answer,
  type WebApp,
} from '../../testbed/src/gateway/client.js';
import { overlaps } from '../../testbed/src/gateway/network.js';
import { uniqueName } from '../helpers/names.js';
import { waitUntil } from '../helpers/wait.js';

const STABLE_IMAGE = 'registry.example/gw/web:1.0.0';
const CANARY_IMAGE = 'registry.example/gw/web:2.0.0';
const CANARY_HEADER = { name: 'x-dial-track', value: 'canary', track: 'canary' };

let kc: KubeConfig;
let client: GatewayClient;
const namespaces: string[] = [];

beforeAll(() => {
  for (const name of ['KUBECONFIG', 'GATEWAY_URL', 'TRAEFIK_METRICS_URL', 'PROMETHEUS_URL']) {
    if (!process.env[name]) throw new Error(`${name} is not set: the gateway part of the test bed is not up`);
  }
  kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  client = new GatewayClient(process.env.GATEWAY_URL!);
});

afterAll(async () => {
  client?.close();
  const core = kc?.makeApiClient(CoreV1Api);
  for (const name of namespaces) await core?.deleteNamespace({ name }).catch(() => undefined);
});

/** A stable (2 pods, v1) and canary (1 pod, v2) app with the header rule, in a namespace of its own. */
function canaryApp(prefix: string): WebApp {
  const namespace = uniqueName(prefix);
  namespaces.push(namespace);
  return {
    namespace,
    app: 'web',
    host: `${namespace}.dial.test`,
    tracks: [
      { track: 'stable', image: STABLE_IMAGE, replicas: 2, env: { DIAL_POD_VERSION: 'v1' } },
      { track: 'canary', image: CANARY_IMAGE, replicas: 1, env: { DIAL_POD_VERSION: 'v2' } },
    ],
    headerRule: CANARY_HEADER,
  };
}

const trackOf = (a: Answer) =>
  a.image === STABLE_IMAGE ? 'stable' : a.image === CANARY_IMAGE ? 'canary' : `none (${a.status})`;

function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[trackOf(a)] = (counts[trackOf(a)] ?? 0) + 1;
  return counts;
}

/**
 * Deploys the app with `weights` and waits until every one of its pods answers through the gateway: Traefik
 * then has the route and every endpoint (the header rule reaches the canary whatever the weights).
 */
async function deploy(app: WebApp, weights: Record<string, number>): Promise<void> {
  await createApp(kc, app, weights);
  await waitUntil(`${app.namespace}: every track's pods Ready`, () => tracksReady(kc, app), {
    timeoutMs: 45_000,
  });
  const core = kc.makeApiClient(CoreV1Api);
  const pods = (await core.listNamespacedPod({ namespace: app.namespace })).items.map(
    (p) => p.metadata!.name!,
  );
  await waitUntil(
    `${app.host}: all ${pods.length} pods answering through the gateway`,
    async () => {
      const answers = [
        ...(await client.many(20, app.host)),
        ...(app.headerRule
          ? [await client.get(app.host, { [app.headerRule.name]: app.headerRule.value })]
          : []),
      ];
      const answered = new Set(answers.map((a) => a.pod));
      const missing = pods.filter((p) => !answered.has(p));
      const bad = answers.filter((a) => a.status !== 200 || !a.pod);
      if (missing.length === 0 && bad.length === 0) return true;
      throw new Error(
        `not answering: ${missing.join(', ') || 'none'}; ${bad.length} bad answers` +
          (bad[0] ? ` (e.g. ${bad[0].status} ${bad[0].error ?? bad[0].body.trim()})` : ''),
      );
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
}

/** Sum of traefik_service_requests_total for a Service, from Traefik's own /metrics. */
async function traefikCount(namespace: string, service: string): Promise<number> {
  const text = await (await fetch(`${process.env.TRAEFIK_METRICS_URL}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (
      line.startsWith('traefik_service_requests_total{') &&
      line.includes(`service="${namespace}-${service}-`)
    ) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}

/** The same sum as Prometheus has scraped it (0 while it has no such series). */
async function prometheusCount(namespace: string, service: string): Promise<number> {
  const query = `sum(traefik_service_requests_total{service=~"${namespace}-${service}-.*"})`;
  const response = await fetch(
    `${process.env.PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(query)}`,
  );
  const body = (await response.json()) as { data?: { result?: { value?: [number, string] }[] } };
  const value = body.data?.result?.[0]?.value?.[1];
  return value === undefined ? 0 : Number(value);
}

describe('the gateway data plane (Traefik, real requests)', () => {
  const split = canaryApp('gw-split');

  beforeAll(async () => {
    await deploy(split, { stable: 90, canary: 10 });
  }, 90_000);

  it('splits 1000 requests 90/10 as the HTTPRoute says, every one answered 200 by a pod', async () => {
    const n = 1000;
    const answers = await client.many(n, split.host);
    const counts = tally(answers);
    const canary = counts.canary ?? 0;
    // Traefik's weighted round robin is exact (900/100 when it starts a cycle); were it random, the
    // canary count would be binomial(n, 0.1): sd = sqrt(1000·0.1·0.9) ≈ 9.5, and 4 sd (≈ 38) is a false
    // failure about once in 16 000 runs.
    const sd = Math.sqrt(n * 0.1 * 0.9);
    expect({ counts, within: Math.abs(canary - n * 0.1) <= 4 * sd }).toEqual({
      counts: { stable: n - canary, canary },
      within: true,
    });
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(new Set(answers.map((a) => a.body.trim()))).toEqual(new Set(['v1', 'v2']));
    // Both stable pods answer (round robin inside the Service).
    expect(new Set(answers.filter((a) => a.image === STABLE_IMAGE).map((a) => a.pod)).size).toBe(2);
  }, 60_000);

  it('sends every request carrying the header to the canary', async () => {
    const answers = await client.many(200, split.host, { [CANARY_HEADER.name]: CANARY_HEADER.value });
    expect(tally(answers)).toEqual({ canary: 200 });
    expect(answers.every((a) => a.status === 200 && a.body === 'v2\n')).toBe(true);
  }, 60_000);

  it('Prometheus counts exactly the requests sent to each Service', async () => {
    // What Traefik counted before (the waits above sent requests too), read from its own /metrics.
    const before = {
      stable: await traefikCount(split.namespace, serviceName(split, 'stable')),
      canary: await traefikCount(split.namespace, serviceName(split, 'canary')),
    };
    const answers = await client.many(500, split.host);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const sent = tally(answers);
    for (const track of ['stable', 'canary'] as const) {
      const service = serviceName(split, track);
      const expected = before[track] + (sent[track] ?? 0);
      // Traefik counts a request as its answer ends: wait for its own counter, then for the Prometheus
      // sample (scraped every second) that holds every request.
      await waitUntil(
        `Traefik to count ${expected} requests of ${split.namespace}/${service}`,
        async () => {
          const counted = await traefikCount(split.namespace, service);
          if (counted === expected) return true;
          throw new Error(`it counts ${counted}`);
        },
        { timeoutMs: 10_000, intervalMs: 100 },
      );
      await waitUntil(
        `Prometheus to count ${expected} requests of ${split.namespace}/${service}`,
        async () => {
          const counted = await prometheusCount(split.namespace, service);
          if (counted === expected) return true;
          throw new Error(`it counts ${counted}`);
        },
        { timeoutMs: 20_000, intervalMs: 250 },
      );
    }
  }, 60_000);
});

describe('moving weights', () => {
  it('serves 90/10 → 50/50 → 0/100 without a single failed request', async () => {
    const app = canaryApp('gw-move');
    await deploy(app, { stable: 90, canary: 10 });

    // A bounded request loop (at most MAX requests, 2 at a time, stopped once the last weight is served or
    // a wait gave up) running while the weights change.
    const MAX = 100_000;
    const answers: Answer[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop && answers.length < MAX) answers.push(await client.get(app.host));
    };
    const loop = Promise.all([worker(), worker()]);
    /** Waits until the last 100 answers since `from` have a canary share inside [lo, hi]. */
    const served = (what: string, from: number, lo: number, hi: number) =>
      waitUntil(
        what,
        async () => {
          const recent = answers.slice(from).slice(-100);
          const canary = recent.filter((a) => a.image === CANARY_IMAGE).length;
          if (recent.length === 100 && canary >= lo && canary <= hi) return true;
          if (answers.length >= MAX) throw new Error(`the loop sent its ${MAX} requests`);
          throw new Error(`${canary} of the last ${recent.length} answers from the canary`);
        },
        { timeoutMs: 20_000, intervalMs: 50 },
      );
    try {
      await served('90/10 served', 0, 0, 25);
      let from = answers.length;
      await setWeights(kc, app, { stable: 50, canary: 50 });
      // Weighted round robin alternates at 50/50; 35..65 tells it from 10 and from 100.
      await served('50/50 served', from, 35, 65);
      from = answers.length;
      await setWeights(kc, app, { stable: 0, canary: 100 });
      await served('0/100 served', from, 100, 100);
    } finally {
      stop = true;
      await loop;
    }
    expect(answers.length).toBeLessThanOrEqual(MAX);
    expect(answers.filter((a) => a.status !== 200).slice(0, 5)).toEqual([]);
  }, 120_000);
});

describe('the pod runner', () => {
  it('answers as the pod env says: a deterministic error rate and a latency floor, naming pod and image', async () => {
    const namespace = uniqueName('gw-env');
    namespaces.push(namespace);
    const image = 'registry.example/gw/flaky:3.1.0';
    const app: WebApp = {
      namespace,
      app: 'flaky',
      host: `${namespace}.dial.test`,
      tracks: [
        {
          track: 'only',
          image,
          replicas: 1,
          env: { DIAL_POD_ERROR_RATE: '0.25', DIAL_POD_LATENCY_MS: '40', DIAL_POD_VERSION: 'flaky-3' },
        },
      ],
    };
    await createApp(kc, app, { only: 100 });
    await waitUntil(`${namespace}: the pod Ready`, () => tracksReady(kc, app), { timeoutMs: 45_000 });
    await waitUntil(
      `${app.host} answered by the pod`,
      async () => {
        const a = await client.get(app.host);
        if (a.pod) return true;
        throw new Error(`${a.status} ${a.error ?? a.body}`);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    // One at a time: the pod fails exactly every 4th request it answers (rate 1/4), so any 100
    // consecutive requests hold exactly 25 failures, whatever the probes above used up.
    const answers: Answer[] = [];
    for (let i = 0; i < 100; i += 1) answers.push(await client.get(app.host));
    const codes = answers.map((a) => a.status);
    expect(codes.filter((c) => c === 500)).toHaveLength(25);
    expect(codes.filter((c) => c === 200)).toHaveLength(75);
    const failedAt = codes.flatMap((c, i) => (c === 500 ? [i] : []));
    expect(failedAt.every((i, k) => k === 0 || i - failedAt[k - 1]! === 4)).toBe(true);
    // Every answer waited the pod's latency (sigma 0: exactly 40 ms; a lower bound is always safe).
    expect(Math.min(...answers.map((a) => a.ms))).toBeGreaterThanOrEqual(39);
    const pods = new Set(answers.map((a) => a.pod));
    expect(pods.size).toBe(1);
    expect([...pods][0]).toMatch(/^flaky-only-/);
    expect(new Set(answers.map((a) => a.image))).toEqual(new Set([image]));
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set(['flaky-3\n']));
  }, 120_000);
});

describe('the pod network', () => {
  const ip = async (...args: string[]) =>
    JSON.parse((await promisify(execFile)('ip', ['-4', '-j', ...args])).stdout) as Record<string, unknown>[];

  it("gives the fake nodes podCIDRs in 198.18.0.0/15 that live only in the bed's network namespace", async () => {
    const nodes = (await kc.makeApiClient(CoreV1Api).listNode({ labelSelector: 'type=kwok' })).items;
    const cidrs = nodes.map((n) => n.spec?.podCIDR ?? '');
    expect(cidrs.every((c) => /^198\.1[89]\.\d+\.0\/24$/.test(c))).toBe(true);
    expect(new Set(cidrs).size).toBe(nodes.length);
    expect(nodes.map((n) => n.spec?.podCIDRs)).toEqual(cidrs.map((c) => [c]));
    // No address of the host is inside a node's range (only the bed's veth has a /30 beside it) ...
    const addresses = (await ip('addr', 'show')).flatMap((link) =>
      ((link.addr_info ?? []) as { local: string }[]).map((a) => `${String(link.ifname)} ${a.local}`),
    );
    expect(addresses.filter((a) => cidrs.some((c) => overlaps(a.split(' ')[1]!, c)))).toEqual([]);
    // ... and the host routes each range into the bed's namespace through its veth.
    for (const cidr of cidrs) {
      const [route] = await ip('route', 'get', cidr.replace(/\.0\/24$/, '.7'));
      expect(String(route?.dev)).toMatch(/^dbh-/);
    }
  });
});
