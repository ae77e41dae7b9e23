// Traefik v3 as the bed's Gateway API implementation: its binary (built from Go modules, cached by version),
// its command line, and the GatewayClass and Gateway the bed installs for it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { repoRoot, traefikBinDir } from '../paths.js';

/** The Gateway every test routes through: in namespace GATEWAY_NAMESPACE, accepting routes from all. */
export const GATEWAY_NAME = 'dial-test';
export const GATEWAY_NAMESPACE = 'dial-test';
export const GATEWAY_CLASS = 'traefik';
export const TRAEFIK_CONTROLLER = 'traefik.io/gateway-controller';
/** The Gateway's one listener (its port is the `web` entryPoint's). */
export const LISTENER_NAME = 'web';
const FIELD_MANAGER = 'dial-testbed';

/**
 * Request-duration buckets, in seconds: finer than Traefik's default 0.1, 0.3, 1.2, 5, so a latency
 * threshold such as 300 ms has a bucket boundary near it.
 */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2.5, 5];

/** The cached Traefik binary; builds it (once per version, about 8 min cold) when it is missing. */
export function ensureTraefik(log: (line: string) => void): string {
  const bin = process.env.DIAL_TRAEFIK_BIN || join(traefikBinDir(), 'traefik');
  if (existsSync(bin)) return bin;
  if (process.env.DIAL_TRAEFIK_BIN) throw new Error(`test bed: DIAL_TRAEFIK_BIN=${bin} does not exist`);
  log(`gateway: ${bin} missing; running testbed/scripts/build-binaries.sh --traefik-only (about 8 min cold)`);
  const r = spawnSync(
    'bash',
    [join(repoRoot(), 'testbed', 'scripts', 'build-binaries.sh'), '--traefik-only'],
    {
      stdio: ['ignore', 2, 2],
    },
  );
  if (r.status !== 0 || !existsSync(bin)) {
    throw new Error(`test bed: building Traefik failed (build-binaries.sh exit ${r.status})`);
  }
  return bin;
}

/**
 * Traefik's command line: the Gateway API provider (KUBECONFIG in its env), the `web` entryPoint on the
 * given loopback port (a Gateway listener binds to the entryPoint with its port), and a `metrics` entryPoint
 * on a port the kernel picks (port 0) for /metrics and /ping. No version check, no usage reporting.
 */
export function traefikArgs(webPort: number): string[] {
  return [
    '--global.checkNewVersion=false',
    '--global.sendAnonymousUsage=false',
    '--log.level=INFO',
    '--log.noColor=true',
    `--entryPoints.web.address=127.0.0.1:${webPort}`,
    '--entryPoints.metrics.address=127.0.0.1:0',
    '--ping=true',
    '--ping.entryPoint=metrics',
    '--metrics.prometheus=true',
    '--metrics.prometheus.entryPoint=metrics',
    '--metrics.prometheus.addServicesLabels=true',
    '--metrics.prometheus.addRoutersLabels=true',
    '--metrics.prometheus.addEntryPointsLabels=true',
    `--metrics.prometheus.buckets=${LATENCY_BUCKETS.join(',')}`,
    '--providers.kubernetesGateway=true',
    // A changed route is served within ~0.1 s instead of the default 2 s throttle between reloads.
    '--providers.providersThrottleDuration=100ms',
  ];
}

/** The GatewayClass, its namespace and the Gateway, for server-side apply. */
export function gatewayObjects(webPort: number): KubernetesObject[] {
  return [
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: GATEWAY_CLASS },
      spec: { controllerName: TRAEFIK_CONTROLLER },
    } as KubernetesObject,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: GATEWAY_NAMESPACE } },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: GATEWAY_NAME, namespace: GATEWAY_NAMESPACE },
      spec: {
        gatewayClassName: GATEWAY_CLASS,
        listeners: [
          {
            name: LISTENER_NAME,
            port: webPort,
            protocol: 'HTTP',
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    } as KubernetesObject,
  ];
}

export async function applyGateway(kc: KubeConfig, webPort: number): Promise<void> {
  const objects = KubernetesObjectApi.makeApiClient(kc);
  for (const object of gatewayObjects(webPort)) {
    await objects.patch(object, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
  }
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

/** Resolves when the Gateway is Programmed (for its current generation); throws with what it saw. */
export async function gatewayProgrammed(kc: KubeConfig): Promise<true> {
  const gw = (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    namespace: GATEWAY_NAMESPACE,
    plural: 'gateways',
    name: GATEWAY_NAME,
  })) as { metadata?: { generation?: number }; status?: { conditions?: Condition[] } };
  const conditions = gw.status?.conditions ?? [];
  const programmed = conditions.find((c) => c.type === 'Programmed');
  if (programmed?.status === 'True' && programmed.observedGeneration === gw.metadata?.generation) return true;
  throw new Error(
    `Gateway ${GATEWAY_NAMESPACE}/${GATEWAY_NAME}: ${
      conditions.map((c) => `${c.type}=${c.status} (${c.reason}: ${c.message})`).join('; ') ||
      'no conditions yet'
    }`,
  );
}

/** Whether the apiserver answers with the admin kubeconfig (the kube part may still be starting). */
export async function apiserverAnswers(kc: KubeConfig): Promise<true> {
  await kc.makeApiClient(CoreV1Api).readNamespace({ name: 'default' });
  return true;
}
