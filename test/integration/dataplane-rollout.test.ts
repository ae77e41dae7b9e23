// Issue 9 on the real data plane: `dial rollout` (the engine wired by src/rollout/open.ts, as the CLI wires
// it) with the Gateway API router and the BUILTIN Traefik queries — dial.yaml gives no PromQL — against
// real requests through the bed's Traefik to pods that answer as their release's env says, measured by
// Traefik and scraped by the bed's Prometheus. A canary whose pods answer 5xx is rolled back, and the
// evidence holds the canary's real 5xx from Prometheus (> 0) and the baseline's (0); a healthy canary is
// promoted, and no request fails while its weights move.
//
// The load is generated (src/demo/load.ts): a fixed rate through GATEWAY_URL (loopback) for this run's
// route Host, bounded in count and time, closed after each test. Each test has its own namespace.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { parseEvidence } from '../../src/analysis/evidence.js';
import type { CompareCheck } from '../../src/analysis/spec.js';
import { loadConfig } from '../../src/config/load.js';
import { LoadGenerator, type Answer } from '../../src/demo/load.js';
import { openService } from '../../src/rollout/open.js';
import { prepareRelease, type PreparedRelease } from '../../src/rollout/release.js';
import { TRACK_LABEL } from '../../src/rollout/tracks.js';
import { GATEWAY_NAME, GATEWAY_NAMESPACE } from '../../testbed/src/gateway/traefik.js';
import { uniqueName } from '../helpers/names.js';
import { waitUntil } from '../helpers/wait.js';
import { recordingReporter } from './support/service-fixture.js';

const SERVICE = 'web';
const IMAGE = 'registry.dial.test/dataplane/web';
const RATE = 40;

let kc: KubeConfig;
const namespaces: string[] = [];
const folders: string[] = [];
let load: LoadGenerator | undefined;

beforeAll(() => {
  for (const name of ['KUBECONFIG', 'GATEWAY_URL', 'PROMETHEUS_URL'])
    if (!process.env[name]) throw new Error(`${name} is not set: the gateway part of the test bed is not up`);
  kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
});

afterEach(async () => {
  await load?.close();
  load = undefined;
});

afterAll(async () => {
  const core = kc.makeApiClient(CoreV1Api);
  for (const name of namespaces) await core.deleteNamespace({ name }).catch(() => undefined);
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

interface Service {
  namespace: string;
  host: string;
  workspace: string;
  lines: string[];
  /** The release with these pods' env, prepared from dial.yaml as the CLI prepares it. */
  prepare(tag: string, env: Record<string, string>, steps: string, bake: string): Promise<PreparedRelease>;
  open(prepared: PreparedRelease): ReturnType<typeof openService>;
}

/** A namespace and a workspace: Deployment, Service and HTTPRoute on the bed's Gateway; dial.yaml with no queries. */
async function service(prefix: string): Promise<Service> {
  const namespace = uniqueName(prefix);
  namespaces.push(namespace);
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  await waitUntil(`the default ServiceAccount of ${namespace}`, () =>
    core.readNamespacedServiceAccount({ name: 'default', namespace }),
  );
  const workspace = mkdtempSync(join(tmpdir(), `${prefix}-`));
  folders.push(workspace);
  mkdirSync(join(workspace, 'deploy'));
  const host = `${namespace}.dial.test`;
  writeFileSync(
    join(workspace, 'deploy', 'service.yaml'),
    [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: SERVICE },
        spec: { selector: { app: SERVICE }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: SERVICE },
        spec: {
          parentRefs: [{ name: GATEWAY_NAME, namespace: GATEWAY_NAMESPACE }],
          hostnames: [host],
          rules: [{ backendRefs: [{ name: SERVICE, port: 80 }] }],
        },
      },
    ]
      .map((doc) => stringify(doc))
      .join('---\n'),
  );
  writeFileSync(
    join(workspace, 'dial.yaml'),
    stringify({
      service: SERVICE,
      profile: 'production',
      namespace,
      images: [{ name: SERVICE, context: '.', repository: IMAGE }],
      manifests: ['deploy'],
      router: { type: 'gateway-api', implementation: 'traefik', httpRoute: SERVICE, port: 80 },
      analysis: {
        provider: { type: 'prometheus', url: process.env.PROMETHEUS_URL, scrapeInterval: '1s' },
        interval: '3s',
        // No queries: the builtin Traefik ones (traefik_service_requests_total by the per-track Services).
        checks: [{ name: 'errors', type: 'compare', metric: 'errors', minRequests: 20 }],
      },
    }),
  );
  const { lines, reporter } = recordingReporter();
  return {
    namespace,
    host,
    workspace,
    lines,
    async prepare(tag, env, steps, bake) {
      writeFileSync(
        join(workspace, 'deploy', 'deployment.yaml'),
        stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: SERVICE, labels: { app: SERVICE } },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: SERVICE } },
            template: {
              metadata: { labels: { app: SERVICE } },
              spec: {
                containers: [
                  {
                    name: SERVICE,
                    image: `${IMAGE}:dev`,
                    ports: [{ name: 'http', containerPort: 8080 }],
                    env: Object.entries(env).map(([name, value]) => ({ name, value })),
                  },
                ],
              },
            },
          },
        }),
      );
      const resolved = await loadConfig({
        file: 'dial.yaml',
        workspace,
        overrides: { steps, bake },
        images: `${SERVICE}=${IMAGE}:${tag}`,
        label: (name) => `--${name}`,
      });
      const prepared = await prepareRelease(resolved, workspace, undefined);
      if (prepared.problems.length > 0) throw new Error(prepared.problems.join('; '));
      return prepared;
    },
    open(prepared) {
      return loadConfig({ file: 'dial.yaml', workspace, overrides: {}, label: (n) => n }).then((resolved) =>
        openService({
          kc,
          service: SERVICE,
          namespace,
          reporter,
          workload: prepared.workload,
          router: resolved.config.router!,
          settings: prepared.release.settings,
        }),
      );
    },
  };
}

/** Deploys v1 plainly, starts the load and waits until every answer comes from a v1 pod with 200. */
async function deployV1(svc: Service): Promise<LoadGenerator> {
  const v1 = await svc.prepare('v1', { DIAL_POD_VERSION: 'v1' }, '20,100', '10s');
  const opened = await svc.open(v1);
  expect((await opened.engine.deploy(v1.release)).result).toBe('deployed');
  load = new LoadGenerator({
    gatewayUrl: process.env.GATEWAY_URL!,
    host: svc.host,
    workload: SERVICE,
    rate: RATE,
    maxRequests: RATE * 150,
    maxSeconds: 150,
  });
  load.start();
  const generated = load;
  await waitUntil(
    `${svc.host}: 20 answers in a row from v1's pods through the gateway`,
    async () => {
      const recent = generated.all().slice(-20);
      const bad = recent.filter((a) => a.arm !== 'stable' || a.status !== 200 || a.version !== 'v1');
      if (recent.length === 20 && bad.length === 0) return true;
      throw new Error(`${recent.length} answers, ${bad.length} not 200 from v1 (${JSON.stringify(bad[0])})`);
    },
    { timeoutMs: 45_000 },
  );
  return generated;
}

/** Deployments and Services of the canary or baseline track still in the namespace. */
async function leftovers(namespace: string): Promise<string[]> {
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const track = (o: { metadata?: { name?: string; labels?: Record<string, string> } }) =>
    o.metadata?.labels?.[TRACK_LABEL] !== undefined || /-(canary|baseline)$/.test(o.metadata?.name ?? '');
  return [
    ...(await apps.listNamespacedDeployment({ namespace })).items.filter(track).map((d) => d.metadata!.name!),
    ...(await core.listNamespacedService({ namespace })).items.filter(track).map((s) => s.metadata!.name!),
  ];
}

const count = (answers: readonly Answer[], arm: Answer['arm'], failed: boolean) =>
  answers.filter((a) => a.arm === arm && a.status >= 500 === failed).length;

describe('dial rollout on the gateway data plane, judged by the builtin Traefik queries', () => {
  it('rolls back a canary whose pods answer 5xx: the evidence has its real 5xx from Prometheus, the baseline none', async () => {
    const svc = await service('dp-bad');
    const generated = await deployV1(svc);
    const bad = await svc.prepare(
      'v2',
      { DIAL_POD_VERSION: 'v2', DIAL_POD_ERROR_RATE: '0.3' },
      '20,100',
      '30s',
    );
    const check = bad.release.settings.analysis?.spec.checks[0] as CompareCheck;
    // Builtin: the queries read Traefik's per-Service counters of this namespace's per-track Services.
    expect(check.canary.total).toContain('traefik_service_requests_total');
    expect(check.canary.bad).toContain(`${svc.namespace}-${SERVICE}-canary`);
    expect(check.baseline.bad).toContain(`${svc.namespace}-${SERVICE}-baseline`);

    const from = generated.all().length;
    const outcome = await (await svc.open(bad)).engine.rollout(bad.release, bad.steps);
    const answers = generated.all().slice(from);
    expect({ result: outcome.result, reason: outcome.reason }).toEqual({
      result: 'rolled-back',
      reason: "critical check 'errors' failed",
    });
    const evidence = parseEvidence(outcome.analysis!.evidence).checks.errors;
    if (evidence?.type !== 'compare') throw new Error(`no compare evidence: ${JSON.stringify(evidence)}`);
    // What Prometheus answered (Traefik's counts, extrapolated to the windows): the canary's 5xx, none for
    // the baseline, which served requests all along.
    expect(evidence.canary.bad).toBeGreaterThan(0);
    expect(evidence.baseline).toMatchObject({ bad: 0 });
    expect(evidence.baseline.total).toBeGreaterThan(0);
    // And what the load generator saw: the canary's pods failed, the baseline's did not.
    expect({
      canaryFailed: count(answers, 'canary', true) > 0,
      baselineFailed: count(answers, 'baseline', true),
      baselineServed: count(answers, 'baseline', false) > 0,
    }).toEqual({ canaryFailed: true, baselineFailed: 0, baselineServed: true });
    expect(await leftovers(svc.namespace)).toEqual([]);
  }, 150_000);

  it('promotes a healthy canary, and no request fails while its weights move', async () => {
    const svc = await service('dp-good');
    const generated = await deployV1(svc);
    const good = await svc.prepare('v2', { DIAL_POD_VERSION: 'v2' }, '20,50,100', '9s');
    const from = generated.all().length;
    const outcome = await (await svc.open(good)).engine.rollout(good.release, good.steps);
    expect({ result: outcome.result, reason: outcome.reason }).toEqual({
      result: 'promoted',
      reason: 'every step passed',
    });
    // After the promotion v2's own pods serve everyone (the old ones end as their pods are removed).
    await waitUntil(
      `${svc.host}: 20 answers in a row from v2's stable pods`,
      async () => {
        const recent = generated.all().slice(-20);
        const other = recent.filter((a) => a.arm !== 'stable' || a.version !== 'v2');
        if (recent.length === 20 && other.length === 0) return true;
        throw new Error(
          `${other.length} of the last 20 not from v2's stable pods (${JSON.stringify(other[0])})`,
        );
      },
      { timeoutMs: 30_000 },
    );
    await generated.close();
    // Every request sent from the first weight on, through the promotion, answered 200 by a pod.
    const answers = generated.all().slice(from);
    const failed = answers.filter((a) => a.status !== 200 || a.arm === 'gateway');
    expect({ failed: failed.length, first: failed.slice(0, 3) }).toEqual({ failed: 0, first: [] });
    expect(answers.length).toBe(generated.requestsSent - from);
    // The canary served its share while the weights moved.
    expect(count(answers, 'canary', false)).toBeGreaterThan(0);
    expect(await leftovers(svc.namespace)).toEqual([]);
  }, 150_000);
});
