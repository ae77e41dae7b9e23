// A throw-away service for rollout tests on the real bed: a workspace folder with dial.yaml and
// manifests (a Deployment and its Service), its own namespace, and the engine wired as the CLI wires it.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig, type V1Deployment } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { loadConfig } from '../../../src/config/load.js';
import { openService, type OpenedService } from '../../../src/rollout/open.js';
import type { Reporter } from '../../../src/rollout/ports.js';
import { prepareRelease, type PreparedRelease } from '../../../src/rollout/release.js';

export interface ServiceFixture {
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  namespace: string;
  service: string;
  workspace: string;
  lines: string[];
  reporter: Reporter;
  /** Loads dial.yaml with these images (`web=ref`) and prepares the release. */
  prepare(
    image: string,
    overrides?: { steps?: string; bake?: string; set?: string[] },
  ): Promise<PreparedRelease>;
  open(prepared?: PreparedRelease, options?: { breakLock?: boolean }): Promise<OpenedService>;
  deployment(name: string): Promise<V1Deployment | undefined>;
  cleanup(): Promise<void>;
}

/** The exporter counter a test drives, named per run (test/README.md: names are unique per run). */
export function requestsMetric(run: string): string {
  return `dial_test_requests_${run.replace(/[^a-zA-Z0-9_]/g, '_')}_total`;
}

/**
 * Count queries over the test exporter's `<requestsMetric>{track, code}`, which a test drives: what a
 * service's own metrics split by the pod's track label look like.
 */
export function exporterQueries(run: string) {
  const metric = requestsMetric(run);
  const arm = (track: string) => ({
    total: `sum(increase(${metric}{track="${track}"}[{{window}}]))`,
    bad: `sum(increase(${metric}{track="${track}",code="500"}[{{window}}]))`,
  });
  return { canary: arm('canary'), baseline: arm('baseline') };
}

/** An analysis on the bed's Prometheus: one compare check on errors over the exporter's counters. */
export function exporterAnalysis(run: string, extra: Record<string, unknown> = {}) {
  return {
    provider: { type: 'prometheus', url: process.env.PROMETHEUS_URL },
    interval: '3s',
    checks: [
      {
        name: 'errors',
        type: 'compare',
        metric: 'errors',
        minRequests: 20,
        queries: exporterQueries(run),
        ...extra,
      },
    ],
  };
}

/** A reporter that keeps the engine's log as lines (`warning: …`, `progress: …`) for assertions. */
export function recordingReporter(): { lines: string[]; reporter: Reporter } {
  const lines: string[] = [];
  const reporter: Reporter = {
    info: (line) => lines.push(line),
    warn: (line) => lines.push(`warning: ${line}`),
    progress: (line) => lines.push(`progress: ${line}`),
  };
  return { lines, reporter };
}

export function runId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function deploymentManifest(
  name: string,
  replicas: number,
  image: string,
  env: Record<string, string> = {},
  minReadySeconds?: number,
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      ...(minReadySeconds !== undefined ? { minReadySeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'app',
              image,
              ports: [{ name: 'http', containerPort: 8080 }],
              env: Object.entries(env).map(([n, value]) => ({ name: n, value })),
            },
          ],
        },
      },
    },
  };
}

export function serviceManifest(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
}

export async function serviceFixture(options: {
  prefix: string;
  replicas?: number;
  dial?: Record<string, unknown>;
  service?: string;
  /** Slows every rollout of the service down by this much (pods count as available only after it). */
  minReadySeconds?: number;
}): Promise<ServiceFixture> {
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const namespace = `${options.prefix}-${runId()}`;
  const service = options.service ?? 'web';
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const workspace = mkdtempSync(join(tmpdir(), `${options.prefix}-`));
  mkdirSync(join(workspace, 'deploy'));
  writeFileSync(
    join(workspace, 'deploy', 'app.yaml'),
    [
      deploymentManifest(service, options.replicas ?? 4, 'registry.test/web:v0', {}, options.minReadySeconds),
      serviceManifest(service),
    ]
      .map((doc) => stringify(doc))
      .join('---\n'),
  );
  writeFileSync(
    join(workspace, 'dial.yaml'),
    stringify({
      service,
      profile: 'production',
      namespace,
      images: [{ name: 'web', context: '.', repository: 'registry.test/web' }],
      manifests: ['deploy'],
      router: { type: 'replicas' },
      analysis: exporterAnalysis(namespace),
      ...(options.dial ?? {}),
    }),
  );
  const { lines, reporter } = recordingReporter();
  return {
    kc,
    core,
    apps,
    namespace,
    service,
    workspace,
    lines,
    reporter,
    async prepare(image, overrides = {}) {
      const resolved = await loadConfig({
        file: 'dial.yaml',
        workspace,
        overrides,
        images: `web=${image}`,
        label: (name) => `--${name}`,
      });
      const prepared = await prepareRelease(resolved, workspace, undefined);
      if (prepared.problems.length > 0) throw new Error(prepared.problems.join('; '));
      return prepared;
    },
    open(prepared, openOptions = {}) {
      return openService({
        kc,
        service,
        namespace,
        reporter,
        ...(prepared
          ? { workload: prepared.workload, router: 'replicas', settings: prepared.release.settings }
          : {}),
        ...(openOptions.breakLock ? { breakLock: true } : {}),
      });
    },
    async deployment(name) {
      try {
        return await apps.readNamespacedDeployment({ name, namespace });
      } catch (error) {
        if ((error as { code?: number }).code === 404) return undefined;
        throw error;
      }
    },
    async cleanup() {
      rmSync(workspace, { recursive: true, force: true });
      await core.deleteNamespace({ name: namespace }).catch(() => undefined);
    },
  };
}
