// Per-track Services, made beside the user's Service without touching it, so a mesh or gateway can
// send each track its share and report canary and baseline apart:
//   <svc>-stable    the user's selector + the stable ReplicaSet's pod-template-hash: exactly the stable
//                   pods, which carry no track label when Dial adopted the Deployment
//   <svc>-canary    the user's selector + dial.dev/track=canary
//   <svc>-baseline  the user's selector + dial.dev/track=baseline
//   <svc>-canary-and-baseline  the user's selector + dial.dev/compared=true (both arms of the comparison;
//                   for ingress-nginx, which allows one canary backend per host and path)
// Same ports as the user's Service; labelled app.kubernetes.io/managed-by=dial, and only such Services
// are ever changed or deleted.
import type { KubernetesObject, V1Deployment, V1Service, V1ServicePort } from '@kubernetes/client-node';
import type { Cluster } from '../rollout/ports.js';
import { COMPARED_LABEL, MANAGED_BY, SERVICE_LABEL, TRACK_LABEL } from '../rollout/tracks.js';
import { isManagedByDial, type RouterTarget } from './objects.js';

export { COMPARED_LABEL } from '../rollout/tracks.js';

export type TrackService = 'stable' | 'canary' | 'baseline' | 'canary-and-baseline';
export const TRACK_SERVICES: readonly TrackService[] = [
  'stable',
  'canary',
  'baseline',
  'canary-and-baseline',
];

const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';
const SERVICE = { apiVersion: 'v1', kind: 'Service' } as const;

export function trackServiceName(userService: string, track: TrackService): string {
  return `${userService}-${track}`;
}

export async function readService(
  cluster: Cluster,
  namespace: string,
  name: string,
): Promise<V1Service | undefined> {
  const found = await cluster.get({ ...SERVICE, namespace, name });
  return found as V1Service | undefined;
}

/**
 * The stable pods' `pod-template-hash`: that of the ReplicaSet the Deployment owns whose revision is the
 * Deployment's own (the Deployment controller writes both).
 */
export async function stablePodTemplateHash(
  cluster: Cluster,
  namespace: string,
  workload: string,
): Promise<string> {
  const deployment = await cluster.getDeployment(namespace, workload);
  if (!deployment)
    throw new Error(`Deployment ${namespace}/${workload} (the stable workload) does not exist`);
  const revision = deployment.metadata?.annotations?.[REVISION];
  const selector = Object.entries(deployment.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const sets = await cluster.list({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    namespace,
    ...(selector ? { labelSelector: selector } : {}),
  });
  const uid = deployment.metadata?.uid;
  const current = sets.find(
    (rs) =>
      revision !== undefined &&
      rs.metadata?.annotations?.[REVISION] === revision &&
      (rs.metadata.ownerReferences ?? []).some((o) => o.kind === 'Deployment' && o.uid === uid),
  );
  const hash = current?.metadata?.labels?.[HASH_LABEL];
  if (!hash)
    throw new Error(
      `Deployment ${namespace}/${workload}: no ReplicaSet of its revision ${revision ?? '(none yet)'} with a ${HASH_LABEL} label; the Deployment controller has not caught up`,
    );
  return hash;
}

/** The labels a Service's selector needs on a pod. */
function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/**
 * The user's Service among those the route object names: the one named like dial.yaml's service, else
 * the only one whose selector matches the stable Deployment's pods.
 */
export async function resolveUserService(
  cluster: Cluster,
  target: RouterTarget,
  candidates: string[],
  what: string,
): Promise<string> {
  const names = [...new Set(candidates)];
  if (names.includes(target.service)) return target.service;
  if (names.length === 0) throw new Error(`${what} routes to no Service in namespace ${target.namespace}`);
  const deployment: V1Deployment | undefined = await cluster.getDeployment(target.namespace, target.workload);
  const labels = deployment?.spec?.template?.metadata?.labels ?? {};
  const matching: string[] = [];
  for (const name of names) {
    const service = await readService(cluster, target.namespace, name);
    if (selects(service?.spec?.selector, labels)) matching.push(name);
  }
  if (matching.length === 1) return matching[0]!;
  throw new Error(
    `${what} routes to Services ${names.join(', ')}; ${matching.length === 0 ? 'none of them selects' : `${matching.join(' and ')} all select`} the pods of Deployment ${target.namespace}/${target.workload}: name the service in dial.yaml after the one Dial shifts`,
  );
}

/** The user's Service's ports as a Service Dial makes beside it gets them (no nodePort, no cluster IP). */
export function ports(user: V1Service): V1ServicePort[] {
  return (user.spec?.ports ?? []).map((p) => ({
    ...(p.name !== undefined ? { name: p.name } : {}),
    port: p.port,
    ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
    ...(p.protocol !== undefined ? { protocol: p.protocol } : {}),
    ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
  }));
}

/** The per-track Service for `track` next to the user's Service. `hash`: the stable's pod-template-hash. */
export function trackService(
  user: V1Service,
  track: TrackService,
  target: RouterTarget,
  hash?: string,
): KubernetesObject {
  const userName = user.metadata?.name ?? '';
  const base = { ...(user.spec?.selector ?? {}) };
  const selector =
    track === 'stable'
      ? { ...base, [HASH_LABEL]: hash ?? '' }
      : track === 'canary-and-baseline'
        ? { ...base, [COMPARED_LABEL]: 'true' }
        : { ...base, [TRACK_LABEL]: track };
  const service: V1Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: trackServiceName(userName, track),
      namespace: target.namespace,
      labels: { ...MANAGED_BY, [SERVICE_LABEL]: target.service, [TRACK_LABEL]: track },
    },
    spec: { type: 'ClusterIP', selector, ports: ports(user) },
  };
  return service as KubernetesObject;
}

/** Makes and removes the per-track Services of one user Service. */
export class TrackServices {
  constructor(
    private readonly cluster: Cluster,
    private readonly target: RouterTarget,
  ) {}

  async user(name: string): Promise<V1Service> {
    const service = await readService(this.cluster, this.target.namespace, name);
    if (!service)
      throw new Error(`Service ${this.target.namespace}/${name} (the route's backend) does not exist`);
    if (!service.spec?.selector || Object.keys(service.spec.selector).length === 0)
      throw new Error(
        `Service ${this.target.namespace}/${name} has no selector: Dial's per-track Services select pods by the user's selector`,
      );
    return service;
  }

  /**
   * Creates or updates the track Services (server-side apply; the stable's selector follows the stable's
   * current pod-template-hash). Refuses to take over a Service of that name Dial did not make.
   */
  async ensure(userService: string, tracks: readonly TrackService[]): Promise<void> {
    const user = await this.user(userService);
    const hash = tracks.includes('stable')
      ? await stablePodTemplateHash(this.cluster, this.target.namespace, this.target.workload)
      : undefined;
    const objects: KubernetesObject[] = [];
    for (const track of tracks) {
      const name = trackServiceName(userService, track);
      if (name.length > 63)
        throw new Error(`Service name ${name} is longer than 63 characters: shorten Service ${userService}`);
      const existing = await this.cluster.get({ ...SERVICE, namespace: this.target.namespace, name });
      if (existing && !isManagedByDial(existing))
        throw new Error(
          `Service ${this.target.namespace}/${name} exists and is not Dial's (no label app.kubernetes.io/managed-by=dial); Dial needs that name for the ${track} track`,
        );
      const wanted = trackService(user, track, this.target, hash);
      if (existing && sameService(existing, wanted)) continue;
      objects.push(wanted);
    }
    if (objects.length > 0) await this.cluster.apply(objects);
  }

  /** Deletes every track Service of `userService` that Dial made. Safe to call again. */
  async remove(userService: string): Promise<void> {
    for (const track of TRACK_SERVICES) {
      const ref = {
        ...SERVICE,
        namespace: this.target.namespace,
        name: trackServiceName(userService, track),
      };
      const existing = await this.cluster.get(ref);
      if (existing && isManagedByDial(existing))
        await this.cluster.delete({ ...ref, namespace: this.target.namespace });
    }
  }
}

/** Whether a stored Service already has what Dial would apply (selector, ports, labels). */
function sameService(existing: KubernetesObject, wanted: KubernetesObject): boolean {
  const a = existing as V1Service;
  const b = wanted as V1Service;
  const portKey = (p: V1ServicePort) =>
    `${p.name ?? ''}/${p.port}/${String(p.targetPort ?? p.port)}/${p.protocol ?? 'TCP'}/${p.appProtocol ?? ''}`;
  const labelsOk = Object.entries(b.metadata?.labels ?? {}).every(([k, v]) => a.metadata?.labels?.[k] === v);
  return (
    labelsOk &&
    sameMap(a.spec?.selector, b.spec?.selector) &&
    (a.spec?.ports ?? []).map(portKey).join(',') === (b.spec?.ports ?? []).map(portKey).join(',')
  );
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const sorted = (m: Record<string, string> | undefined) => JSON.stringify(Object.entries(m ?? {}).sort());
  return sorted(a) === sorted(b);
}
