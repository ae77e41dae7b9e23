// The Istio router: the user's VirtualService keeps every route, match, retry, timeout, rewrite and
// destination it has; in the http routes whose destination is the user's Service (without a subset),
// that destination becomes three with integer weights that keep the route's total (100):
//   - with router.destinationRule: the same host with subsets `stable` (the stable ReplicaSet's
//     pod-template-hash), `canary` and `baseline` (the track label), which Dial adds to that
//     DestinationRule (or makes it, when it does not exist) before the routes use them;
//   - without: the per-track Services <svc>-stable, <svc>-canary, <svc>-baseline as hosts.
// A header route is a copy of such a route placed before it (Istio takes the first route that matches)
// with `headers: {name: {exact: value}}` added to each of its matches and only the canary behind it.
// Finalize puts the routes' destinations back exactly, and removes Dial's subsets (restoring the
// DestinationRule's own) or the DestinationRule Dial made.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Cluster, ObjectRef } from '../rollout/ports.js';
import { MANAGED_BY, SERVICE_LABEL, TRACK_LABEL } from '../rollout/tracks.js';
import {
  annotationPatch,
  copy,
  describeRef,
  hostNamesService,
  isManagedByDial,
  jsonAnnotation,
  num,
  obj,
  objs,
  same,
  servedVersion,
  str,
  updateObject,
  withServiceName,
  type Json,
  type RouterTarget,
} from './objects.js';
import type { HeaderMatch } from './router.js';
import { RuleRouter } from './rule-router.js';
import { HEADER_RULE_PREFIX, TRACKS, type RuleModel, type Track } from './rules.js';
import {
  resolveUserService,
  stablePodTemplateHash,
  trackServiceName,
  TrackServices,
} from './track-services.js';
import { splitFixed, type TrackShares } from './weights.js';

const GROUP = 'networking.istio.io';
const VERSIONS = ['v1', 'v1beta1', 'v1alpha3'] as const;
/** The DestinationRule's subsets as they were before Dial added its own (JSON; null = no subsets field). */
export const ORIGINAL_SUBSETS_ANNOTATION = 'dial.dev/original-subsets';

/** VirtualService http route destinations; a lone destination's weight is 100. */
export class VirtualServiceModel implements RuleModel {
  constructor(
    readonly service: string,
    private readonly namespace: string,
    /** Subsets of the user's host (with a DestinationRule) or per-track Services as hosts. */
    private readonly subsets: boolean,
  ) {}

  private host(entry: Json): string {
    return str(obj(entry.destination).host) ?? '';
  }
  private subset(entry: Json): string | undefined {
    return str(obj(entry.destination).subset);
  }

  entries(rule: Json): Json[] {
    return objs(rule.route);
  }
  withEntries(rule: Json, entries: Json[]): Json {
    return { ...rule, route: entries };
  }
  isUser(entry: Json): boolean {
    return (
      hostNamesService(this.host(entry), this.service, this.namespace) && this.subset(entry) === undefined
    );
  }
  trackOf(entry: Json): Track | undefined {
    const host = this.host(entry);
    const subset = this.subset(entry);
    if (this.subsets)
      return hostNamesService(host, this.service, this.namespace)
        ? TRACKS.find((t) => t === subset)
        : undefined;
    if (subset !== undefined) return undefined;
    return TRACKS.find((t) => hostNamesService(host, trackServiceName(this.service, t), this.namespace));
  }
  weightOf(entry: Json, entries: Json[]): number {
    return num(entry.weight) ?? (entries.length === 1 ? 100 : 0);
  }

  private track(entry: Json, track: Track, weight: number): Json {
    const destination = obj(entry.destination);
    return {
      ...copy(entry),
      destination: this.subsets
        ? { ...copy(destination), subset: track }
        : {
            ...copy(destination),
            host: withServiceName(this.host(entry), trackServiceName(this.service, track)),
          },
      weight,
    };
  }

  weighted(original: Json[], shares: TrackShares): Json[] {
    return original.flatMap((entry): Json[] => {
      if (!this.isUser(entry)) return [entry];
      const parts = splitFixed(this.weightOf(entry, original), shares);
      return [
        this.track(entry, 'stable', parts.stable),
        this.track(entry, 'canary', parts.canary),
        this.track(entry, 'baseline', parts.baseline),
      ];
    });
  }

  fold(current: Json[]): Json[] {
    const tracks = current.filter((e) => this.trackOf(e) !== undefined);
    const stable = tracks.find((e) => this.trackOf(e) === 'stable') ?? tracks[0];
    const sum = tracks.reduce((s, e) => s + this.weightOf(e, current), 0);
    const out: Json[] = [];
    for (const e of current) {
      if (this.trackOf(e) === undefined) out.push(e);
      else if (e === stable) {
        const { weight: _weight, ...rest } = copy(e);
        const destination = copy(obj(e.destination));
        delete destination.subset;
        destination.host = withServiceName(this.host(e), this.service);
        out.push({ ...rest, destination, ...(tracks.length === current.length ? {} : { weight: sum }) });
      }
    }
    return out;
  }

  headerRule(rule: Json, n: number, header: HeaderMatch, canary: Json): Json {
    const { name: _name, route: _route, match, ...rest } = rule;
    const list = objs(match);
    const lower = header.name.toLowerCase();
    const { weight: _weight, ...destination } = canary;
    return {
      ...copy(rest),
      name: `${HEADER_RULE_PREFIX}${n}`,
      match: (list.length > 0 ? list : [{}]).map((m) => ({
        ...copy(m),
        headers: { ...copy(obj(m.headers)), [lower]: { exact: header.value } },
      })),
      route: [copy(destination)],
    };
  }
}

/** Service names among destination hosts (in the VirtualService's namespace, without subsets). */
function candidates(route: KubernetesObject, namespace: string): string[] {
  return objs(obj((route as Json).spec).http)
    .flatMap((r) => objs(r.route))
    .map((e) => obj(e.destination))
    .filter((d) => d.subset === undefined)
    .map((d) => str(d.host) ?? '')
    .filter((host) => hostNamesService(host, host.split('.')[0] ?? '', namespace))
    .map((host) => host.split('.')[0] ?? '');
}

export class IstioRouter extends RuleRouter {
  readonly type = 'istio';
  protected readonly field = 'router.virtualService';
  private readonly services: TrackServices;
  private apiVersion: Promise<string> | undefined;

  constructor(cluster: Cluster, target: RouterTarget) {
    super(cluster, target);
    this.services = new TrackServices(cluster, target);
  }

  private version(): Promise<string> {
    this.apiVersion ??= servedVersion(this.cluster, GROUP, VERSIONS).catch((err: unknown) => {
      this.apiVersion = undefined; // asked again next time (a CRD installed meanwhile)
      throw err;
    });
    return this.apiVersion;
  }

  protected async objectRef(): Promise<ObjectRef> {
    return {
      apiVersion: await this.version(),
      kind: 'VirtualService',
      namespace: this.target.namespace,
      name: this.target.config.virtualService ?? this.target.service,
    };
  }

  private async ruleRef(): Promise<ObjectRef | undefined> {
    const name = this.target.config.destinationRule;
    if (!name) return undefined;
    return {
      apiVersion: await this.version(),
      kind: 'DestinationRule',
      namespace: this.target.namespace,
      name,
    };
  }

  protected rulesOf(route: KubernetesObject): Json[] {
    return objs(obj((route as Json).spec).http);
  }
  protected rulesPatch(rules: Json[]): Json {
    return { spec: { http: rules } };
  }
  protected model(service: string): RuleModel {
    return new VirtualServiceModel(
      service,
      this.target.namespace,
      this.target.config.destinationRule !== undefined,
    );
  }
  protected candidates(route: KubernetesObject): string[] {
    return candidates(route, this.target.namespace);
  }
  protected resolve(names: string[], what: string): Promise<string> {
    return resolveUserService(this.cluster, this.target, names, what);
  }

  protected async prepare(service: string): Promise<void> {
    const ref = await this.ruleRef();
    if (!ref) return this.services.ensure(service, ['stable', 'canary', 'baseline']);
    // The user's Service must exist (the subsets select among its pods).
    await this.services.user(service);
    const hash = await stablePodTemplateHash(this.cluster, this.target.namespace, this.target.workload);
    const subsets = dialSubsets(hash);
    const existing = await this.cluster.get(ref);
    if (!existing || isManagedByDial(existing)) {
      const wanted = {
        apiVersion: ref.apiVersion,
        kind: 'DestinationRule',
        metadata: {
          name: ref.name,
          namespace: ref.namespace,
          labels: { ...MANAGED_BY, [SERVICE_LABEL]: this.target.service },
        },
        spec: { host: service, subsets },
      };
      if (existing && same(obj((existing as Json).spec).subsets, subsets)) return;
      await this.cluster.apply([wanted]);
      return;
    }
    const host = str(obj((existing as Json).spec).host) ?? '';
    if (!hostNamesService(host, service, this.target.namespace))
      throw new Error(
        `${describeRef(ref)} is for host ${host}, not Service ${service}: Dial's subsets would not apply`,
      );
    await updateObject(this.cluster, ref, (current) => {
      const have = objs(obj((current as Json).spec).subsets);
      const recorded = jsonAnnotation(current, ORIGINAL_SUBSETS_ANNOTATION) !== undefined;
      const clash = have.filter((s) => TRACKS.some((t) => t === s.name));
      if (!recorded && clash.length > 0)
        throw new Error(
          `${describeRef(ref)} already has subsets ${clash.map((s) => String(s.name)).join(', ')}: Dial needs the names stable, canary and baseline`,
        );
      const own = have.filter((s) => !TRACKS.some((t) => t === s.name));
      const next = [...own, ...subsets];
      const original = obj((current as Json).spec).subsets === undefined ? null : own;
      const annotations = recorded
        ? undefined
        : annotationPatch(current, { [ORIGINAL_SUBSETS_ANNOTATION]: JSON.stringify(original) });
      if (same(next, have) && !annotations) return undefined;
      return { ...(annotations ? { metadata: { annotations } } : {}), spec: { subsets: next } };
    });
  }

  protected async cleanup(service: string): Promise<void> {
    const ref = await this.ruleRef();
    if (ref) {
      const existing = await this.cluster.get(ref);
      if (existing && isManagedByDial(existing))
        await this.cluster.delete({ ...ref, namespace: this.target.namespace });
      else if (existing)
        await updateObject(this.cluster, ref, (current) => {
          const raw = jsonAnnotation(current, ORIGINAL_SUBSETS_ANNOTATION);
          const have = objs(obj((current as Json).spec).subsets);
          const own = have.filter((s) => !TRACKS.some((t) => t === s.name));
          const recorded = raw !== undefined;
          if (!recorded) return undefined;
          // No subsets field before Dial and none of the user's since: the field goes again.
          const next = raw === null && own.length === 0 ? null : own;
          const annotations = annotationPatch(current, {}, [ORIGINAL_SUBSETS_ANNOTATION]);
          return { ...(annotations ? { metadata: { annotations } } : {}), spec: { subsets: next } };
        });
    }
    await this.services.remove(service);
  }
}

/** Dial's subsets of the user's host: the stable pods by their ReplicaSet's hash, the arms by track. */
function dialSubsets(hash: string): Json[] {
  return [
    { name: 'stable', labels: { 'pod-template-hash': hash } },
    { name: 'canary', labels: { [TRACK_LABEL]: 'canary' } },
    { name: 'baseline', labels: { [TRACK_LABEL]: 'baseline' } },
  ];
}
