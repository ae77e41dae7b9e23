// What the routers' integration tests share: a namespace of their own on the real bed with a Deployment
// `web` (its ReplicaSet made by the real Deployment controller) and its Service, objects created as a
// user would (another field manager than Dial's), and the user-owned parts of an object to compare.
import { readFileSync } from 'node:fs';
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { RouterConfig } from '../../src/config/types.js';
import { loadKubeConfig } from '../../src/kube/client.js';
import { KubeCluster } from '../../src/kube/cluster.js';
import type { ObjectRef } from '../../src/rollout/ports.js';
import type { RouterTarget } from '../../src/traffic/objects.js';
import { stablePodTemplateHash } from '../../src/traffic/track-services.js';
import { uniqueName } from '../helpers/names.js';
import { waitUntil } from '../helpers/wait.js';

export interface RouterBed {
  kc: KubeConfig;
  cluster: KubeCluster;
  namespace: string;
  /** Creates objects in the namespace as a user would (field manager not Dial's). */
  create(...objects: KubernetesObject[]): Promise<void>;
  /** The object as the server has it now, or undefined. */
  read(ref: Omit<ObjectRef, 'namespace'>): Promise<KubernetesObject | undefined>;
  target(config: RouterConfig): RouterTarget;
  /** Names of the Services in the namespace. */
  services(): Promise<string[]>;
  /** `Kind/name@resourceVersion` of every object of these kinds (and every Service): to see writes. */
  versions(...kinds: { apiVersion: string; kind: string }[]): Promise<string[]>;
  cleanup(): Promise<void>;
}

/** A namespace with Deployment `web` (2 pods, app=web) and Service `web`, its stable hash known. */
export async function routerBed(prefix: string): Promise<RouterBed> {
  if (!process.env.KUBECONFIG)
    throw new Error('KUBECONFIG is not set: the integration project needs the test bed');
  const kc = loadKubeConfig({ kubeconfigContent: readFileSync(process.env.KUBECONFIG, 'utf8') });
  const cluster = new KubeCluster(kc);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const namespace = uniqueName(prefix);
  await objects.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  const bed: RouterBed = {
    kc,
    cluster,
    namespace,
    async create(...list) {
      for (const o of list)
        await objects.create(
          { ...o, metadata: { ...o.metadata, namespace } },
          undefined,
          undefined,
          'shop-team',
        );
    },
    read: (ref) => cluster.get({ ...ref, namespace }),
    target: (config) => ({ namespace, workload: 'web', service: 'web', config }),
    async services() {
      const list = await cluster.list({ apiVersion: 'v1', kind: 'Service', namespace });
      return list.map((s) => s.metadata?.name ?? '').sort();
    },
    async versions(...kinds) {
      const out: string[] = [];
      for (const k of [{ apiVersion: 'v1', kind: 'Service' }, ...kinds])
        for (const o of await cluster.list({ ...k, namespace }))
          out.push(`${k.kind}/${o.metadata?.name}@${o.metadata?.resourceVersion}`);
      return out.sort();
    },
    async cleanup() {
      await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', namespace: '', name: namespace });
    },
  };
  await bed.create(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'app', image: 'registry.test/web:v1', ports: [{ name: 'http', containerPort: 8080 }] },
            ],
          },
        },
      },
    } as KubernetesObject,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http' },
          { name: 'admin', port: 9090, targetPort: 9090 },
        ],
      },
    } as KubernetesObject,
  );
  await waitUntil(
    `Deployment ${namespace}/web's ReplicaSet`,
    () => stablePodTemplateHash(cluster, namespace, 'web'),
    { timeoutMs: 30_000 },
  );
  return bed;
}

/** What the user owns of an object: its spec and its labels and annotations (no server bookkeeping). */
export function userParts(object: KubernetesObject | undefined): unknown {
  const o = object as (KubernetesObject & { spec?: unknown }) | undefined;
  return { labels: o?.metadata?.labels, annotations: o?.metadata?.annotations, spec: o?.spec };
}
