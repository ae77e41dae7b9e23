// What the mesh and gateway routers share about objects: who they route for (RouterTarget), plain-JSON
// access without `any`, the annotations Dial keeps on objects it changes, and the one way Dial changes
// an object someone else owns: read, compute, a JSON merge patch of only Dial's fields conditional on
// the version read, retried when someone wrote meanwhile.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { RouterConfig } from '../config/types.js';
import type { Cluster, ObjectRef } from '../rollout/ports.js';
import { MANAGED_BY } from '../rollout/tracks.js';

/** What a router routes for: the rollout's namespace, stable workload and service, and dial.yaml's router. */
export interface RouterTarget {
  namespace: string;
  /** The stable Deployment's name. */
  workload: string;
  /** The service name in dial.yaml (default name of the router's object). */
  service: string;
  config: RouterConfig;
}

/** Where Dial keeps the user's routing as it was before the rollout (JSON), to give it back exactly. */
export const ORIGINAL_ANNOTATION = 'dial.dev/original-backends';
/** The canary weight Dial last wrote, to tell drift someone else made from what Dial did. */
export const WEIGHT_ANNOTATION = 'dial.dev/weight';

export type Json = Record<string, unknown>;

export const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value as an object, or an empty one. */
export const obj = (value: unknown): Json => (isJson(value) ? value : {});

/** The value as a list of objects (anything else is dropped), or an empty list. */
export const objs = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isJson) : []);

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** A deep copy of plain data. */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Plain data as canonical JSON: object keys sorted (lists keep their order). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isJson(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Equal as data, whatever the order of object keys. */
export const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

export const isManagedByDial = (object: KubernetesObject | undefined): boolean =>
  object?.metadata?.labels?.['app.kubernetes.io/managed-by'] === MANAGED_BY['app.kubernetes.io/managed-by'];

export function annotation(object: KubernetesObject | undefined, key: string): string | undefined {
  return object?.metadata?.annotations?.[key];
}

/** A JSON annotation, or undefined when absent or not JSON. */
export function jsonAnnotation(object: KubernetesObject | undefined, key: string): unknown {
  const text = annotation(object, key);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The weight annotation as a number. */
export function writtenWeight(object: KubernetesObject | undefined): number | undefined {
  const text = annotation(object, WEIGHT_ANNOTATION);
  const value = text === undefined ? NaN : Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export const describeRef = (ref: ObjectRef): string =>
  `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;

/** How often a conditional patch is retried when someone else writes the object meanwhile. */
const ATTEMPTS = 5;

/**
 * Changes an object someone else owns: reads it, asks `change` for the merge patch of Dial's fields
 * (undefined = nothing to change), and sends it conditional on the version read; when the object
 * changed meanwhile, reads it again and recomputes. Returns the object as stored afterwards.
 */
export async function updateObject(
  cluster: Cluster,
  ref: ObjectRef,
  change: (current: KubernetesObject) => Json | undefined,
): Promise<KubernetesObject> {
  for (let attempt = 1; ; attempt++) {
    const current = await cluster.get(ref);
    if (!current) throw new Error(`${describeRef(ref)} does not exist`);
    const patch = change(current);
    if (!patch) return current;
    const conditional = {
      ...patch,
      metadata: { ...obj(patch.metadata), resourceVersion: current.metadata?.resourceVersion },
    };
    const stored = await cluster.patch(ref, conditional);
    if (stored) return stored;
    if (attempt >= ATTEMPTS)
      throw new Error(`${describeRef(ref)}: changed by someone else ${ATTEMPTS} times while Dial updated it`);
  }
}

/**
 * The annotations part of a merge patch: `set` values written, `remove` keys deleted (null), only
 * where that changes something.
 */
export function annotationPatch(
  current: KubernetesObject,
  set: Record<string, string>,
  remove: string[] = [],
): Record<string, string | null> | undefined {
  const have = current.metadata?.annotations ?? {};
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(set)) if (have[k] !== v) out[k] = v;
  for (const k of remove) if (k in have) out[k] = null;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The merge patch of `changes` (the spec part, undefined when the object has it already) and of the
 * annotations, or undefined when neither changes anything, so updateObject writes nothing.
 */
export function patchOf(
  current: KubernetesObject,
  changes: Json | undefined,
  set: Record<string, string>,
  remove: string[] = [],
): Json | undefined {
  const annotations = annotationPatch(current, set, remove);
  if (!changes && !annotations) return undefined;
  return { ...(annotations ? { metadata: { annotations } } : {}), ...changes };
}

/**
 * Whether `host` (a Service name as a route writes it: `web`, `web.shop`, `web.shop.svc`,
 * `web.shop.svc.cluster.local`) names Service `service` in `namespace`.
 */
export function hostNamesService(host: string, service: string, namespace: string): boolean {
  if (host === service) return true;
  const [name, ns, svc] = host.split('.');
  return name === service && ns === namespace && (svc === undefined || svc === 'svc');
}

/** `host` with its Service name replaced (`web.shop.svc.cluster.local` → `web-canary.shop.svc.cluster.local`). */
export function withServiceName(host: string, name: string): string {
  const dot = host.indexOf('.');
  return dot < 0 ? name : `${name}${host.slice(dot)}`;
}

/**
 * The first of `known` (newest first) the cluster serves of API group `group`; throws, naming what is
 * served, when none is.
 */
export async function servedVersion(
  cluster: Cluster,
  group: string,
  known: readonly string[],
): Promise<string> {
  const served = await cluster.apiVersions(group);
  const version = known.find((v) => served.includes(v));
  if (version) return `${group}/${version}`;
  throw new Error(
    served.length === 0
      ? `the cluster does not serve API group ${group} (its CRDs are not installed)`
      : `the cluster serves ${group} ${served.join(', ')}; Dial knows ${known.join(', ')}`,
  );
}

/** servedVersion asked once and kept; a failure is not kept, so a CRD installed meanwhile is found later. */
export function servedVersionOnce(
  cluster: Cluster,
  group: string,
  known: readonly string[],
): () => Promise<string> {
  let asked: Promise<string> | undefined;
  return () =>
    (asked ??= servedVersion(cluster, group, known).catch((err: unknown) => {
      asked = undefined;
      throw err;
    }));
}
