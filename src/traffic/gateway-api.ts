// The Gateway API router: the user's HTTPRoute keeps every rule, match, filter, timeout and backend it
// has; in the rules that send requests to the user's Service, that one backendRef becomes three —
// <svc>-stable, <svc>-canary and <svc>-baseline — with weights in the proportion asked (other backends
// of the rule keep their share: all weights are scaled by the smallest factor that keeps them whole).
// A header route is a copy of such a rule with one more (Exact) header match and only the canary behind
// it, placed before it; Gateway API also prefers the match with more header matches, so it wins. The
// rules' backendRefs as they were go into the annotation dial.dev/original-backends, and finalize puts
// them back exactly.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Cluster, ObjectRef } from '../rollout/ports.js';
import { copy, num, obj, objs, servedVersion, str, type Json, type RouterTarget } from './objects.js';
import type { HeaderMatch } from './router.js';
import { RuleRouter } from './rule-router.js';
import { HEADER_RULE_PREFIX, TRACKS, type RuleModel, type Track } from './rules.js';
import { resolveUserService, trackServiceName, TrackServices } from './track-services.js';
import { splitRelative, type TrackShares } from './weights.js';

const GROUP = 'gateway.networking.k8s.io';
const MAX_WEIGHT = 1_000_000;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a * b) / gcd(a, b);

/** HTTPRoute backendRefs: a Service in the route's namespace by `name`; weight defaults to 1. */
export class HttpRouteModel implements RuleModel {
  private readonly names: Record<Track, string>;

  constructor(
    readonly service: string,
    private readonly namespace: string,
  ) {
    this.names = {
      stable: trackServiceName(service, 'stable'),
      canary: trackServiceName(service, 'canary'),
      baseline: trackServiceName(service, 'baseline'),
    };
  }

  private refersTo(ref: Json, name: string): boolean {
    return (
      (str(ref.group) ?? '') === '' &&
      (str(ref.kind) ?? 'Service') === 'Service' &&
      (str(ref.namespace) ?? this.namespace) === this.namespace &&
      ref.name === name
    );
  }

  entries(rule: Json): Json[] {
    return objs(rule.backendRefs);
  }
  withEntries(rule: Json, entries: Json[]): Json {
    return { ...rule, backendRefs: entries };
  }
  isUser(ref: Json): boolean {
    return this.refersTo(ref, this.service);
  }
  trackOf(ref: Json): Track | undefined {
    return TRACKS.find((t) => this.refersTo(ref, this.names[t]));
  }
  weightOf(ref: Json): number {
    return num(ref.weight) ?? 1;
  }

  private track(ref: Json, track: Track, weight: number): Json {
    return { ...copy(ref), name: this.names[track], weight };
  }

  weighted(original: Json[], shares: TrackShares): Json[] {
    const users = original.filter((r) => this.isUser(r));
    const only = users[0];
    if (only && original.length === 1 && this.weightOf(only) > 0)
      return [
        this.track(only, 'stable', shares.stable),
        this.track(only, 'canary', shares.canary),
        this.track(only, 'baseline', shares.baseline),
      ];
    // Other backends beside: every weight scaled by the one factor that keeps each part whole.
    const factor = users.map((u) => splitRelative(this.weightOf(u), shares).factor).reduce(lcm, 1);
    const out = original.flatMap((r): Json[] => {
      if (!this.isUser(r)) return [{ ...copy(r), weight: this.weightOf(r) * factor }];
      const whole = this.weightOf(r) * factor;
      const arm = (whole * shares.canary) / 100;
      return [
        this.track(r, 'stable', whole - 2 * arm),
        this.track(r, 'canary', arm),
        this.track(r, 'baseline', arm),
      ];
    });
    if (out.some((r) => this.weightOf(r) > MAX_WEIGHT))
      throw new Error(`backend weights × ${factor} would exceed the Gateway API maximum of ${MAX_WEIGHT}`);
    return out;
  }

  fold(current: Json[]): Json[] {
    const stable = current.find((r) => this.trackOf(r) === 'stable') ?? current.find((r) => this.trackOf(r));
    const out: Json[] = [];
    for (const r of current) {
      if (this.trackOf(r) === undefined) out.push(r);
      else if (r === stable) {
        const { weight: _weight, ...rest } = r;
        out.push({ ...rest, name: this.service });
      }
    }
    return out;
  }

  headerRule(rule: Json, n: number, header: HeaderMatch, canary: Json): Json {
    const { name: _name, backendRefs: _refs, matches, ...rest } = rule;
    const list = objs(matches);
    const base = list.length > 0 ? list : [{ path: { type: 'PathPrefix', value: '/' } }];
    const lower = header.name.toLowerCase();
    return {
      ...copy(rest),
      name: `${HEADER_RULE_PREFIX}${n}`,
      matches: base.map((m) => ({
        ...copy(m),
        headers: [
          ...objs(m.headers).filter((h) => str(h.name)?.toLowerCase() !== lower),
          { type: 'Exact', name: header.name, value: header.value },
        ],
      })),
      backendRefs: [{ ...copy(canary), weight: 1 }],
    };
  }
}

export class GatewayApiRouter extends RuleRouter {
  readonly type = 'gateway-api';
  protected readonly field = 'router.httpRoute';
  protected override readonly maxRules = 16;
  private readonly services: TrackServices;

  constructor(cluster: Cluster, target: RouterTarget) {
    super(cluster, target);
    this.services = new TrackServices(cluster, target);
  }

  private apiVersion: Promise<string> | undefined;

  protected async objectRef(): Promise<ObjectRef> {
    this.apiVersion ??= servedVersion(this.cluster, GROUP, ['v1', 'v1beta1']).catch((err: unknown) => {
      this.apiVersion = undefined; // asked again next time (a CRD installed meanwhile)
      throw err;
    });
    return {
      apiVersion: await this.apiVersion,
      kind: 'HTTPRoute',
      namespace: this.target.namespace,
      name: this.target.config.httpRoute ?? this.target.service,
    };
  }

  protected rulesOf(route: KubernetesObject): Json[] {
    return objs(obj((route as Json).spec).rules);
  }
  protected rulesPatch(rules: Json[]): Json {
    return { spec: { rules } };
  }
  protected model(service: string): RuleModel {
    return new HttpRouteModel(service, this.target.namespace);
  }
  protected candidates(route: KubernetesObject): string[] {
    return this.rulesOf(route)
      .flatMap((rule) => objs(rule.backendRefs))
      .filter(
        (r) =>
          (str(r.group) ?? '') === '' &&
          (str(r.kind) ?? 'Service') === 'Service' &&
          (str(r.namespace) ?? this.target.namespace) === this.target.namespace,
      )
      .map((r) => str(r.name) ?? '');
  }
  protected resolve(candidates: string[], what: string): Promise<string> {
    return resolveUserService(this.cluster, this.target, candidates, what);
  }
  protected prepare(service: string): Promise<void> {
    return this.services.ensure(service, ['stable', 'canary', 'baseline']);
  }
  protected cleanup(service: string): Promise<void> {
    return this.services.remove(service);
  }
}
