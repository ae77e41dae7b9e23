// The Emissary-ingress router (getambassador.io/v3alpha1 Mappings). Emissary groups Mappings that
// match the same requests (prefix, host, headers, method, precedence, ...) and splits a group by
// `weight`: weighted Mappings get their percent, Mappings without a weight share what is left. So the
// user's Mapping stays exactly as it is, and Dial adds three copies of it (same match, same options)
// pointing at the per-track Services: <mapping>-stable (100 − 2w), <mapping>-canary (w) and
// <mapping>-baseline (w). They add up to 100, which leaves the user's (unweighted) Mapping nothing while
// they exist and everything again when finalize deletes them. Writes are ordered so that the weights
// never add up to more than 100 (Emissary refuses such a group): shares that shrink first.
// A header route is one more copy, <mapping>-header, with the header added to `headers`, the canary
// Service, no weight and a higher `precedence`.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Cluster, ObjectRef } from '../rollout/ports.js';
import { MANAGED_BY, SERVICE_LABEL } from '../rollout/tracks.js';
import {
  copy,
  describeRef,
  isManagedByDial,
  num,
  obj,
  same,
  servedVersionOnce,
  str,
  WEIGHT_ANNOTATION,
  writtenWeight,
  type Json,
  type RouterTarget,
} from './objects.js';
import type { HeaderMatch, ReplicaPlan, Router, WeightReading } from './router.js';
import { TRACKS, type Track } from './rules.js';
import { trackServiceName, TrackServices } from './track-services.js';
import {
  cappedNote,
  driftNote,
  readingOf,
  trackShares,
  weightedReplicaPlan,
  type TrackWeights,
} from './weights.js';

const GROUP = 'getambassador.io';

/** `[scheme://]name[.namespace[.svc...]][:port]`, as a Mapping's `service` names a Kubernetes Service. */
export function parseMappingService(
  value: string,
  namespace: string,
): { name: string; format: (name: string) => string } | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?([^:/]+)(.*)$/.exec(value.trim());
  if (!m) return undefined;
  const [, scheme = '', host = '', rest = ''] = m;
  const [name = '', ns, svc] = host.split('.');
  if (ns !== undefined && (ns !== namespace || (svc !== undefined && svc !== 'svc'))) return undefined;
  const tail = host.slice(name.length);
  return { name, format: (other) => `${scheme}${other}${tail}${rest}` };
}

export class EmissaryRouter implements Router {
  readonly type = 'emissary';
  private readonly services: TrackServices;
  private readonly name: string;
  private readonly apiVersion: () => Promise<string>;

  constructor(
    private readonly cluster: Cluster,
    private readonly target: RouterTarget,
  ) {
    this.services = new TrackServices(cluster, target);
    this.name = target.config.mapping ?? target.service;
    this.apiVersion = servedVersionOnce(cluster, GROUP, ['v3alpha1']);
  }

  replicaPlan(weight: number, stableReplicas: number): ReplicaPlan {
    return weightedReplicaPlan(weight, stableReplicas);
  }

  private async ref(name: string): Promise<ObjectRef> {
    return { apiVersion: await this.apiVersion(), kind: 'Mapping', namespace: this.target.namespace, name };
  }

  private trackRef(track: Track | 'header'): Promise<ObjectRef> {
    return this.ref(`${this.name}-${track}`);
  }

  /** The user's Mapping and the Service it names. */
  private async user(): Promise<UserMapping> {
    return readUserMapping(this.cluster, await this.ref(this.name));
  }

  /** A copy of the user's Mapping for one track (or the header route). */
  private copyOf(
    user: UserMapping,
    ref: ObjectRef,
    service: string,
    extra: Json,
    annotations: Record<string, string> = {},
  ): KubernetesObject {
    const labels = { ...MANAGED_BY, [SERVICE_LABEL]: this.target.service };
    return mappingCopy(user, ref, ref.name.slice(this.name.length), { service, labels, extra, annotations });
  }

  /** The track Mappings' weights as stored (undefined = the Mapping does not exist). */
  private async current(): Promise<Record<Track, { mapping: KubernetesObject | undefined; weight: number }>> {
    const out = {} as Record<Track, { mapping: KubernetesObject | undefined; weight: number }>;
    for (const track of TRACKS) {
      const mapping = await this.cluster.get(await this.trackRef(track));
      if (mapping && !isManagedByDial(mapping))
        throw new Error(
          `Mapping ${this.target.namespace}/${mapping.metadata?.name} exists and is not Dial's`,
        );
      out[track] = { mapping, weight: num(obj((mapping as Json | undefined)?.spec).weight) ?? 0 };
    }
    return out;
  }

  private async write(weight: number): Promise<TrackWeights> {
    const shares = trackShares(weight);
    const user = await this.user();
    await this.services.ensure(user.service, ['stable', 'canary', 'baseline']);
    const now = await this.current();
    const wanted: Record<Track, KubernetesObject> = {} as Record<Track, KubernetesObject>;
    for (const track of TRACKS)
      wanted[track] = this.copyOf(
        user,
        await this.trackRef(track),
        trackServiceName(user.service, track),
        { weight: shares[track] },
        track === 'stable' ? { [WEIGHT_ANNOTATION]: String(shares.asked) } : {},
      );
    // Shrinking shares first, so that the group never adds up to more than 100.
    const order = [...TRACKS].sort((a, b) => shares[a] - now[a].weight - (shares[b] - now[b].weight));
    for (const track of order) {
      const have = now[track].mapping;
      if (
        have &&
        same(obj((have as Json).spec), obj((wanted[track] as Json).spec)) &&
        sameAnnotations(have, wanted[track])
      )
        continue;
      await this.cluster.apply([wanted[track]]);
    }
    return { stable: shares.stable, canary: shares.canary, baseline: shares.baseline };
  }

  async setWeight(weight: number): Promise<WeightReading> {
    await this.write(weight);
    const reading = await this.readWeight();
    const note = cappedNote(trackShares(weight));
    return note ? { ...reading, note: reading.note ? `${note}; ${reading.note}` : note } : reading;
  }

  async readWeight(): Promise<WeightReading> {
    const now = await this.current();
    const weights: TrackWeights = {
      stable: now.stable.weight,
      canary: now.canary.weight,
      baseline: now.baseline.weight,
    };
    const sum = weights.stable + weights.canary + weights.baseline;
    const missing = TRACKS.filter((t) => !now[t].mapping);
    if (missing.length === TRACKS.length)
      return readingOf({ stable: 1, canary: 0, baseline: 0 }, [
        `no track Mappings: Mapping ${this.target.namespace}/${this.name} sends every request to its Service`,
      ]);
    // What the three leave goes to the user's Mapping (every pod of the user's Service).
    const rest = Math.max(0, 100 - sum);
    const reading = readingOf({ ...weights, stable: weights.stable + rest });
    return readingOf({ ...weights, stable: weights.stable + rest }, [
      rest > 0 ? `${rest} % still go to Mapping ${this.name} (the user's Service: every pod)` : undefined,
      missing.length > 0
        ? `missing track Mappings: ${missing.map((t) => `${this.name}-${t}`).join(', ')}`
        : undefined,
      sum > 100
        ? `the track Mappings' weights add up to ${sum} (more than 100: Emissary refuses the group)`
        : undefined,
      driftNote(reading, writtenWeight(now.stable.mapping), `the Mappings of ${this.name}`),
    ]);
  }

  async setHeaderRoute(match: HeaderMatch): Promise<void> {
    const user = await this.user();
    await this.services.ensure(user.service, ['stable', 'canary', 'baseline']);
    const ref = await this.trackRef('header');
    const existing = await this.cluster.get(ref);
    if (existing && !isManagedByDial(existing))
      throw new Error(`${describeRef(ref)} exists and is not Dial's`);
    await this.cluster.apply([
      this.copyOf(user, ref, trackServiceName(user.service, 'canary'), headerMatch(user, match)),
    ]);
  }

  private async removeHeaderRoute(): Promise<void> {
    const ref = await this.trackRef('header');
    const existing = await this.cluster.get(ref);
    if (existing && isManagedByDial(existing))
      await this.cluster.delete({ ...ref, namespace: this.target.namespace });
  }

  /** Stable 100 %, canary and baseline 0 %, no header route. */
  async reset(): Promise<void> {
    await this.removeHeaderRoute();
    await this.write(0);
  }

  /** The track Mappings deleted (the user's Mapping takes the whole group again), then their Services. */
  async finalize(): Promise<void> {
    await this.removeHeaderRoute();
    let service = this.target.service;
    for (const track of ['canary', 'baseline', 'stable'] as const) {
      const ref = await this.trackRef(track);
      const existing = await this.cluster.get(ref);
      if (!existing || !isManagedByDial(existing)) continue;
      const parsed = parseMappingService(
        str(obj((existing as Json).spec).service) ?? '',
        this.target.namespace,
      );
      if (parsed?.name.endsWith(`-${track}`)) service = parsed.name.slice(0, -`-${track}`.length);
      await this.cluster.delete({ ...ref, namespace: this.target.namespace });
    }
    await this.services.remove(service);
  }
}

/** The user's Mapping as Dial reads it: the object, its spec, and the Service it names in its namespace. */
export interface UserMapping {
  mapping: KubernetesObject;
  spec: Json;
  service: string;
  /** The Mapping's `service` value with another Service name (scheme, namespace and port kept). */
  format: (name: string) => string;
}

/** Reads the user's Mapping; throws when it is missing, weighted or names no Service of its namespace. */
export async function readUserMapping(cluster: Cluster, ref: ObjectRef): Promise<UserMapping> {
  const namespace = ref.namespace ?? '';
  const mapping = await cluster.get(ref);
  if (!mapping)
    throw new Error(
      `${describeRef(ref)} does not exist: router.mapping in dial.yaml names the Mapping Dial shifts (default: the service name)`,
    );
  const spec = obj((mapping as Json).spec);
  if (num(spec.weight) !== undefined)
    throw new Error(
      `${describeRef(ref)} has a weight (${String(spec.weight)}): Dial's track Mappings take the whole group, so the user's Mapping must be unweighted`,
    );
  const service = str(spec.service) ?? '';
  const parsed = parseMappingService(service, namespace);
  if (!parsed)
    throw new Error(`${describeRef(ref)}: service "${service}" is not a Service in namespace ${namespace}`);
  return { mapping, spec, service: parsed.name, format: parsed.format };
}

/**
 * A copy of the user's Mapping named `ref.name` (same match and options) sending to `service`: the
 * user's labels too (Emissary may watch only Mappings with certain labels) and `labels` over them; a
 * user's `stats_name` gets `suffix`, so each copy has stats of its own (else Envoy's are per Service).
 */
export function mappingCopy(
  user: UserMapping,
  ref: ObjectRef,
  suffix: string,
  part: {
    service: string;
    labels: Record<string, string>;
    extra: Json;
    annotations?: Record<string, string>;
  },
): KubernetesObject {
  const { weight: _weight, stats_name: stats, ...spec } = copy(user.spec);
  const annotations = part.annotations ?? {};
  return {
    apiVersion: ref.apiVersion,
    kind: 'Mapping',
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      labels: { ...(user.mapping.metadata?.labels ?? {}), ...part.labels },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ...spec,
      ...(typeof stats === 'string' ? { stats_name: `${stats}${suffix}` } : {}),
      service: user.format(part.service),
      ...part.extra,
    },
  } as KubernetesObject;
}

/** What a header route adds to a copy of the user's Mapping: the header, and a precedence above the user's. */
export function headerMatch(user: UserMapping, match: HeaderMatch): Json {
  return {
    headers: { ...obj(user.spec.headers), [match.name.toLowerCase()]: match.value },
    precedence: (num(user.spec.precedence) ?? 0) + 1,
  };
}

function sameAnnotations(have: KubernetesObject, wanted: KubernetesObject): boolean {
  return Object.entries(wanted.metadata?.annotations ?? {}).every(
    ([k, v]) => have.metadata?.annotations?.[k] === v,
  );
}
