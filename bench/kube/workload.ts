// The service both sides roll out: a Deployment `web` (10 replicas) behind a Service, version v1 then
// v2. kwok runs any image name (no image is pulled), so these are scratch-style pods that only exist for
// the control plane; the names avoid `pull-error` and `crash-loop`, which the test bed turns into failures.
import type { KubernetesObject, V1Deployment, V1Service } from '@kubernetes/client-node';
import { replicaRatioPlan } from '../../src/traffic/replicas.js';
import type { ReplicaPlan } from '../../src/traffic/router.js';

export const SERVICE = 'web';
export const REPLICAS = 10;
export const WEIGHTS = [10, 25, 50] as const;
export const IMAGE_REPOSITORY = 'registry.bench.invalid/dial-bench/web';

/** The operations of one run, in order; both sides report these names. */
export const OPERATIONS = ['deploy v1', ...WEIGHTS.map((w) => `canary ${w}%`), 'promote'] as const;
export type Operation = (typeof OPERATIONS)[number];

export function imageRef(version: string): string {
  return `${IMAGE_REPOSITORY}:${version}`;
}

export function deployment(namespace: string, version: string, replicas: number): V1Deployment {
  const labels = { 'app.kubernetes.io/name': SERVICE };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: SERVICE, namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: { ...labels, 'app.kubernetes.io/version': version } },
        spec: {
          containers: [
            {
              name: SERVICE,
              image: imageRef(version),
              ports: [{ name: 'http', containerPort: 8080 }],
              resources: { requests: { cpu: '10m', memory: '16Mi' } },
            },
          ],
        },
      },
    },
  };
}

export function service(namespace: string): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: SERVICE, namespace },
    spec: {
      selector: { 'app.kubernetes.io/name': SERVICE },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  };
}

/** Everything a release applies: the workload and its Service. */
export function releaseObjects(namespace: string, version: string): KubernetesObject[] {
  return [deployment(namespace, version, REPLICAS), service(namespace)];
}

/** Pods per track for each canary weight, as Dial's replica-ratio router plans them (both sides use it). */
export function plans(): ReplicaPlan[] {
  return WEIGHTS.map((w) => replicaRatioPlan(w, REPLICAS));
}
