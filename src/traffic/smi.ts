// The SMI router: a TrafficSplit whose root (`spec.service`) is the user's Service and whose backends
// are the per-track Services. The API version is the newest split.smi-spec.io version the cluster
// serves, and the weights are written as that version accepts them: v1alpha1 weights are Quantities
// (strings such as "100m"), v1alpha2 and later integers — writing Quantities there is what made
// Azure/k8s-deploy's splits invalid (its #150).
//   - router.trafficSplit names the split (default: the service name). When it does not exist Dial makes
//     it (labelled app.kubernetes.io/managed-by=dial) and finalize deletes it: the root Service then
//     routes to its pods directly again.
//   - When the user has one, only its backend for the root Service is split into the tracks (other
//     backends keep their share), its backends as they were go into dial.dev/original-backends and
//     finalize puts them back exactly.
// Header routes need `matches` (TrafficSplit v1alpha3+) and an HTTPRouteGroup (specs.smi-spec.io): a
// second split for the root with only the canary behind it, matched by the header. Without those APIs
// the router says so; note that meshes differ in honouring `matches` (Linkerd ignores them).
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Cluster, ObjectRef } from '../rollout/ports.js';
import { MANAGED_BY, SERVICE_LABEL } from '../rollout/tracks.js';
import {
  copy,
  describeRef,
  isManagedByDial,
  jsonAnnotation,
  obj,
  objs,
  ORIGINAL_ANNOTATION,
  patchOf,
  same,
  servedVersionOnce,
  str,
  updateObject,
  WEIGHT_ANNOTATION,
  writtenWeight,
  type Json,
  type RouterTarget,
} from './objects.js';
import type { HeaderMatch, ReplicaPlan, Router, WeightReading } from './router.js';
import {
  parseRuleState,
  restoreRules,
  trackWeights,
  TRACKS,
  weightRules,
  type RuleModel,
  type Track,
} from './rules.js';
import { trackServiceName, TrackServices } from './track-services.js';
import {
  cappedNote,
  driftNote,
  readingOf,
  splitRelative,
  trackShares,
  weightedReplicaPlan,
  type TrackShares,
} from './weights.js';

const GROUP = 'split.smi-spec.io';
const VERSIONS = ['v1alpha4', 'v1alpha3', 'v1alpha2', 'v1alpha1'] as const;
const SPECS_GROUP = 'specs.smi-spec.io';
/** The HTTPRouteGroup version that goes with each TrafficSplit version that has `matches`. */
const SPECS_FOR: Record<string, string> = { v1alpha4: 'v1alpha4', v1alpha3: 'v1alpha3' };

/** A Kubernetes Quantity as a number ("100m" = 0.1, "2k" = 2000); undefined when it is not one. */
export function quantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^([+-]?\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi)?$/.exec(value.trim());
  if (!m) return undefined;
  const scale: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
  };
  return Number(m[1]) * (m[2] ? scale[m[2]]! : 1);
}

/**
 * TrafficSplit backends (`{service, weight}`), as one "rule": the split's spec. With Quantity weights
 * (v1alpha1) the router counts in milli-units and writes `<n>m`.
 */
export class SplitModel implements RuleModel {
  constructor(
    readonly service: string,
    private readonly quantities: boolean,
  ) {}

  entries(rule: Json): Json[] {
    return objs(rule.backends);
  }
  withEntries(rule: Json, entries: Json[]): Json {
    return { ...rule, backends: entries };
  }
  isUser(entry: Json): boolean {
    return entry.service === this.service;
  }
  trackOf(entry: Json): Track | undefined {
    return TRACKS.find((t) => entry.service === trackServiceName(this.service, t));
  }
  weightOf(entry: Json): number {
    const q = quantity(entry.weight) ?? 0;
    return this.quantities ? Math.round(q * 1000) : q;
  }
  private format(n: number): number | string {
    return this.quantities ? `${n}m` : n;
  }
  private track(entry: Json, t: Track, weight: number): Json {
    return { ...copy(entry), service: trackServiceName(this.service, t), weight: this.format(weight) };
  }

  weighted(original: Json[], shares: TrackShares): Json[] {
    const only = original[0];
    if (original.length === 1 && only && this.isUser(only)) {
      // Percent (v1alpha2+), or tenths of a unit in milli-units (v1alpha1: 1000m in all).
      const unit = this.quantities ? 10 : 1;
      return [
        this.track(only, 'stable', shares.stable * unit),
        this.track(only, 'canary', shares.canary * unit),
        this.track(only, 'baseline', shares.baseline * unit),
      ];
    }
    const users = original.filter((e) => this.isUser(e));
    const factor = users.map((u) => splitRelative(this.weightOf(u), shares).factor).reduce(lcm, 1);
    return original.flatMap((e): Json[] => {
      if (!this.isUser(e)) return [{ ...copy(e), weight: this.format(this.weightOf(e) * factor) }];
      const whole = this.weightOf(e) * factor;
      const arm = (whole * shares.canary) / 100;
      return [
        this.track(e, 'stable', whole - 2 * arm),
        this.track(e, 'canary', arm),
        this.track(e, 'baseline', arm),
      ];
    });
  }

  fold(current: Json[]): Json[] {
    const tracks = current.filter((e) => this.trackOf(e) !== undefined);
    const stable = tracks.find((e) => this.trackOf(e) === 'stable') ?? tracks[0];
    const sum = tracks.reduce((s, e) => s + this.weightOf(e), 0);
    return current.flatMap((e): Json[] =>
      this.trackOf(e) === undefined
        ? [e]
        : e === stable
          ? [{ ...copy(e), service: this.service, weight: this.format(sum) }]
          : [],
    );
  }

  headerRule(): Json {
    throw new Error('a TrafficSplit has no header rules; the SMI router adds a split with matches instead');
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a * b) / gcd(a, b);

/** `^value$` with the regular expression characters escaped (HTTPRouteGroup header values are regexes). */
const exactly = (value: string): string => `^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

export class SmiRouter implements Router {
  readonly type = 'smi';
  private readonly services: TrackServices;
  private readonly name: string;
  /** `split.smi-spec.io/v1alpha4`: the newest version the cluster serves. */
  readonly version: () => Promise<string>;

  constructor(
    private readonly cluster: Cluster,
    private readonly target: RouterTarget,
  ) {
    this.services = new TrackServices(cluster, target);
    this.name = target.config.trafficSplit ?? target.service;
    this.version = servedVersionOnce(cluster, GROUP, VERSIONS);
  }

  replicaPlan(weight: number, stableReplicas: number): ReplicaPlan {
    return weightedReplicaPlan(weight, stableReplicas);
  }

  private async ref(name = this.name): Promise<ObjectRef> {
    return { apiVersion: await this.version(), kind: 'TrafficSplit', namespace: this.target.namespace, name };
  }

  private async model(split: KubernetesObject | undefined): Promise<SplitModel> {
    const quantities = (await this.version()).endsWith('/v1alpha1');
    const root = str(obj((split as Json | undefined)?.spec).service);
    const state = split ? parseRuleState(jsonAnnotation(split, ORIGINAL_ANNOTATION)) : undefined;
    return new SplitModel(state?.service ?? root ?? this.target.service, quantities);
  }

  async setWeight(weight: number): Promise<WeightReading> {
    const shares = trackShares(weight);
    const split = await this.write(shares);
    return this.reading(split, [cappedNote(shares)]);
  }

  private async write(shares: TrackShares): Promise<KubernetesObject> {
    const ref = await this.ref();
    const existing = await this.cluster.get(ref);
    const model = await this.model(existing);
    await this.services.ensure(model.service, ['stable', 'canary', 'baseline']);
    if (!existing || isManagedByDial(existing)) {
      const spec = {
        service: model.service,
        backends: model.weighted([{ service: model.service, weight: 1 }], shares),
      };
      if (
        existing &&
        same(obj((existing as Json).spec).backends, spec.backends) &&
        writtenWeight(existing) === shares.asked
      )
        return existing;
      const [stored] = await this.cluster.apply([
        {
          apiVersion: ref.apiVersion,
          kind: 'TrafficSplit',
          metadata: {
            name: ref.name,
            namespace: ref.namespace,
            labels: { ...MANAGED_BY, [SERVICE_LABEL]: this.target.service },
            annotations: { [WEIGHT_ANNOTATION]: String(shares.asked) },
          },
          spec,
        } as KubernetesObject,
      ]);
      return stored ?? existing ?? (await this.cluster.get(ref))!;
    }
    return updateObject(this.cluster, ref, (current) => {
      const spec = obj((current as Json).spec);
      const prior = parseRuleState(jsonAnnotation(current, ORIGINAL_ANNOTATION));
      const { rules, state } = weightRules([spec], prior, model, shares, undefined);
      const backends = objs(rules[0]?.backends);
      const changes = same(backends, objs(spec.backends)) ? undefined : { spec: { backends } };
      return patchOf(current, changes, {
        [ORIGINAL_ANNOTATION]: JSON.stringify(state),
        [WEIGHT_ANNOTATION]: String(shares.asked),
      });
    });
  }

  async readWeight(): Promise<WeightReading> {
    const ref = await this.ref();
    const split = await this.cluster.get(ref);
    if (!split)
      return readingOf({ stable: 1, canary: 0, baseline: 0 }, [
        `${describeRef(ref)} does not exist: Service ${this.target.service} routes to its pods directly`,
      ]);
    return this.reading(split, []);
  }

  private async reading(split: KubernetesObject, notes: (string | undefined)[]): Promise<WeightReading> {
    const model = await this.model(split);
    const [rule] = trackWeights([obj((split as Json).spec)], model);
    const what = `TrafficSplit ${this.target.namespace}/${split.metadata?.name ?? this.name}`;
    if (!rule)
      return readingOf({ stable: 1, canary: 0, baseline: 0 }, [
        ...notes,
        `${what} sends no requests to the tracks of Service ${model.service}`,
      ]);
    const reading = readingOf(rule.weights);
    return readingOf(rule.weights, [
      ...notes,
      rule.others > 0
        ? `other backends of the split keep their share; the percentages are of the tracks' part`
        : undefined,
      driftNote(reading, writtenWeight(split), what),
    ]);
  }

  async setHeaderRoute(match: HeaderMatch): Promise<void> {
    const version = (await this.version()).split('/')[1] ?? '';
    const specsVersion = SPECS_FOR[version];
    const served = await this.cluster.apiVersions(SPECS_GROUP);
    if (!specsVersion || !served.includes(specsVersion))
      throw new Error(
        `router smi cannot route by header ${match.name}: that needs TrafficSplit matches (split.smi-spec.io v1alpha3 or later; the cluster serves ${version}) and HTTPRouteGroup ${SPECS_GROUP}/${specsVersion ?? 'v1alpha3'} (${served.length > 0 ? `served: ${served.join(', ')}` : 'not installed'})`,
      );
    // The weighted split first (it makes the track Services), then the header's.
    const ref = await this.ref();
    const existing = await this.cluster.get(ref);
    const split = existing ?? (await this.write(trackShares(0)));
    const model = await this.model(split);
    const name = `${this.name}-dial-header`;
    const labels = { ...MANAGED_BY, [SERVICE_LABEL]: this.target.service };
    await this.cluster.apply([
      {
        apiVersion: `${SPECS_GROUP}/${specsVersion}`,
        kind: 'HTTPRouteGroup',
        metadata: { name, namespace: this.target.namespace, labels },
        spec: {
          matches: [{ name: 'dial-header', headers: { [match.name.toLowerCase()]: exactly(match.value) } }],
        },
      } as KubernetesObject,
      {
        apiVersion: ref.apiVersion,
        kind: 'TrafficSplit',
        metadata: { name, namespace: this.target.namespace, labels },
        spec: {
          service: model.service,
          matches: [{ kind: 'HTTPRouteGroup', name }],
          backends: [{ service: trackServiceName(model.service, 'canary'), weight: 100 }],
        },
      } as KubernetesObject,
    ]);
  }

  private async removeHeaderRoute(): Promise<void> {
    const name = `${this.name}-dial-header`;
    const split = await this.ref(name);
    const existing = await this.cluster.get(split);
    if (existing && isManagedByDial(existing))
      await this.cluster.delete({ ...split, namespace: this.target.namespace });
    const served = await this.cluster.apiVersions(SPECS_GROUP);
    const specsVersion = served[0];
    if (specsVersion) {
      const group = {
        apiVersion: `${SPECS_GROUP}/${specsVersion}`,
        kind: 'HTTPRouteGroup',
        namespace: this.target.namespace,
        name,
      };
      const found = await this.cluster.get(group);
      if (found && isManagedByDial(found))
        await this.cluster.delete({ ...group, namespace: this.target.namespace });
    }
  }

  async reset(): Promise<void> {
    await this.removeHeaderRoute();
    if (await this.cluster.get(await this.ref())) await this.write(trackShares(0));
  }

  async finalize(): Promise<void> {
    await this.removeHeaderRoute();
    const ref = await this.ref();
    const split = await this.cluster.get(ref);
    const model = await this.model(split);
    if (split && isManagedByDial(split))
      await this.cluster.delete({ ...ref, namespace: this.target.namespace });
    else if (split)
      await updateObject(this.cluster, ref, (current) => {
        const spec = obj((current as Json).spec);
        const prior = parseRuleState(jsonAnnotation(current, ORIGINAL_ANNOTATION));
        const [restored] = restoreRules([spec], prior, model);
        const backends = objs(restored?.backends);
        const changes = same(backends, objs(spec.backends)) ? undefined : { spec: { backends } };
        return patchOf(current, changes, {}, [ORIGINAL_ANNOTATION, WEIGHT_ANNOTATION]);
      });
    await this.services.remove(model.service);
  }
}
