// An in-memory Cluster for the routers' unit tests: objects by kind and name in one namespace, a
// resourceVersion bumped on every write, JSON merge patches that honour a resourceVersion precondition,
// server-side apply as "Dial's fields replace Dial's fields", discovery from a table, and a log of
// every write (with the object's state after it) to check ordering and invariants.
import type { KubernetesObject, V1Deployment } from '@kubernetes/client-node';
import type { Cluster, ObjectRef, WaitOptions } from '../../../src/rollout/ports.js';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isJson(patch)) return patch;
  const out: Json = isJson(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export interface Write {
  op: 'apply' | 'patch' | 'delete';
  kind: string;
  name: string;
}

export class TrafficCluster implements Cluster {
  readonly objects = new Map<string, KubernetesObject>();
  readonly writes: Write[] = [];
  /** Called after every write, with the cluster as it is then. */
  readonly observers: ((write: Write, cluster: TrafficCluster) => void)[] = [];
  /** Called before a patch is applied: lets a test play a concurrent writer. */
  beforePatch: ((ref: ObjectRef, cluster: TrafficCluster) => void) | undefined;
  readonly served = new Map<string, string[]>([
    ['gateway.networking.k8s.io', ['v1', 'v1beta1']],
    ['networking.istio.io', ['v1', 'v1beta1', 'v1alpha3']],
    ['split.smi-spec.io', ['v1alpha4']],
    ['getambassador.io', ['v2', 'v1', 'v3alpha1']],
  ]);
  private version = 100;

  constructor(readonly namespace = 'shop') {}

  private key(kind: string, name: string): string {
    return `${kind}/${name}`;
  }

  private bump(object: KubernetesObject): void {
    object.metadata = { ...(object.metadata ?? {}), resourceVersion: String(++this.version) };
  }

  private wrote(write: Write): void {
    this.writes.push(write);
    for (const o of this.observers) o(write, this);
  }

  /** Puts an object in place as its owner (not Dial) made it. */
  seed(object: KubernetesObject): void {
    const o = copy(object);
    o.metadata = { namespace: this.namespace, uid: `uid-${o.metadata?.name}`, ...(o.metadata ?? {}) };
    this.bump(o);
    this.objects.set(this.key(o.kind ?? '', o.metadata?.name ?? ''), o);
  }

  object(kind: string, name: string): KubernetesObject | undefined {
    const o = this.objects.get(this.key(kind, name));
    return o ? copy(o) : undefined;
  }

  /** The object without resourceVersion: what a user would compare. */
  content(kind: string, name: string): unknown {
    const o = this.object(kind, name);
    if (!o) return undefined;
    const { resourceVersion: _rv, ...metadata } = o.metadata ?? {};
    return { ...o, metadata };
  }

  names(kind: string): string[] {
    return [...this.objects.values()]
      .filter((o) => o.kind === kind)
      .map((o) => o.metadata?.name ?? '')
      .sort();
  }

  /** A Deployment `name` with its current ReplicaSet (revision `revision`, hash `hash`) and an older one. */
  seedDeployment(
    name: string,
    labels: Record<string, string>,
    hash: string,
    revision = '2',
    replicas = 4,
  ): void {
    this.seed({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, uid: `uid-${name}`, annotations: { 'deployment.kubernetes.io/revision': revision } },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels } } },
      status: { replicas, readyReplicas: replicas },
    } as KubernetesObject);
    const rs = (rsHash: string, rev: string) =>
      ({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${name}-${rsHash}`,
          labels: { ...labels, 'pod-template-hash': rsHash },
          annotations: { 'deployment.kubernetes.io/revision': rev },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: `uid-${name}` }],
        },
      }) as KubernetesObject;
    this.seed(rs('old1234', String(Number(revision) - 1)));
    this.seed(rs(hash, revision));
  }

  getDeployment(_namespace: string, name: string): Promise<V1Deployment | undefined> {
    return Promise.resolve(this.object('Deployment', name) as V1Deployment | undefined);
  }

  apply(objects: KubernetesObject[]): Promise<KubernetesObject[]> {
    const stored: KubernetesObject[] = [];
    for (const object of objects) {
      const key = this.key(object.kind ?? '', object.metadata?.name ?? '');
      const existing = this.objects.get(key);
      const next = copy(object);
      next.metadata = {
        ...(existing?.metadata ?? { uid: `uid-${object.metadata?.name}` }),
        ...next.metadata,
        namespace: this.namespace,
      };
      this.bump(next);
      this.objects.set(key, next);
      stored.push(copy(next));
      this.wrote({ op: 'apply', kind: object.kind ?? '', name: object.metadata?.name ?? '' });
    }
    return Promise.resolve(stored);
  }

  delete(ref: { kind: string; name: string }): Promise<void> {
    if (this.objects.delete(this.key(ref.kind, ref.name)))
      this.wrote({ op: 'delete', kind: ref.kind, name: ref.name });
    return Promise.resolve();
  }

  scaleDeployment(): Promise<void> {
    return Promise.reject(new Error('routers do not scale'));
  }

  waitRollout(_ref: unknown, _options: WaitOptions): Promise<void> {
    return Promise.reject(new Error('routers do not wait'));
  }

  listPods(): Promise<never[]> {
    return Promise.resolve([]);
  }

  exists(ref: { kind: string; name: string }): Promise<boolean> {
    return Promise.resolve(this.objects.has(this.key(ref.kind, ref.name)));
  }

  hasAutoscaler(): Promise<boolean> {
    return Promise.resolve(false);
  }

  get(ref: ObjectRef): Promise<KubernetesObject | undefined> {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0]! : '';
    const version = ref.apiVersion.split('/').pop()!;
    if (group && this.served.has(group) && !this.served.get(group)!.includes(version))
      return Promise.resolve(undefined);
    const o = this.object(ref.kind, ref.name);
    // Read through the version asked (conversion None: the same object, the apiVersion asked).
    return Promise.resolve(o ? { ...o, apiVersion: ref.apiVersion } : undefined);
  }

  list(ref: { kind: string; labelSelector?: string }): Promise<KubernetesObject[]> {
    const wanted = (ref.labelSelector ?? '')
      .split(',')
      .filter(Boolean)
      .map((t) => t.split('='));
    return Promise.resolve(
      [...this.objects.values()]
        .filter((o) => o.kind === ref.kind && wanted.every(([k, v]) => o.metadata?.labels?.[k!] === v))
        .map(copy),
    );
  }

  patch(ref: ObjectRef, patch: object): Promise<KubernetesObject | undefined> {
    this.beforePatch?.(ref, this);
    const key = this.key(ref.kind, ref.name);
    const existing = this.objects.get(key);
    if (!existing) return Promise.reject(new Error(`${ref.kind} ${ref.name} not found`));
    const wantedVersion = (patch as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
    if (wantedVersion !== undefined && wantedVersion !== existing.metadata?.resourceVersion)
      return Promise.resolve(undefined);
    const merged = mergePatch(copy(existing), copy(patch)) as KubernetesObject;
    // Like the API server: an emptied annotations map is dropped.
    if (merged.metadata?.annotations && Object.keys(merged.metadata.annotations).length === 0)
      delete merged.metadata.annotations;
    this.bump(merged);
    this.objects.set(key, merged);
    this.wrote({ op: 'patch', kind: ref.kind, name: ref.name });
    return Promise.resolve(copy(merged));
  }

  apiVersions(group: string): Promise<string[]> {
    return Promise.resolve(this.served.get(group) ?? []);
  }
}

/** The user's Service `web` (app=web, ports http 80→8080 and metrics 9090). */
export function webService(
  name = 'web',
  selector: Record<string, string> = { app: 'web' },
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: { team: 'shop' } },
    spec: {
      selector,
      ports: [
        { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
        { name: 'metrics', port: 9090, protocol: 'TCP' },
      ],
    },
  } as KubernetesObject;
}

/** A cluster with Deployment `web` (current hash abc123) and Service `web`. */
export function shop(): TrafficCluster {
  const cluster = new TrafficCluster();
  cluster.seedDeployment('web', { app: 'web' }, 'abc123');
  cluster.seed(webService());
  return cluster;
}
