// The ingress-nginx router. ingress-nginx takes one canary Ingress per host and path
// (`nginx.ingress.kubernetes.io/canary: "true"`, beside the main Ingress with the same host and path),
// so there are two weighted backends, not three:
//   - the canary Ingress <ingress>-canary copies the user's Ingress rules that route to the user's
//     Service and sends `canary-weight` = 2w % to <svc>-canary-and-baseline, a Service selecting the
//     canary AND the baseline pods (their common label dial.dev/compared=true); the two tracks run as
//     many pods each, so each gets w % (requests are balanced over the endpoints). Above 50 % it is 100 %.
//   - the user's Ingress keeps every rule, path, TLS setting and annotation; only the backends that name
//     the user's Service name <svc>-stable instead while Dial routes (the user's Service selects the
//     canary and baseline pods too, so left alone it would send them part of the stable's share, and a
//     rollback's reset could not route to the stable pods only). The user's Service name is kept in the
//     annotation dial.dev/original-service and finalize puts it back.
// A header route sets `canary-by-header` / `canary-by-header-value` on the canary Ingress (ingress-nginx
// prefers them over the weight). While the weight is 0 the canary Ingress's backend is <svc>-canary
// alone, so header requests reach only the canary; with a weight above 0 they go to canary and baseline
// alike (one backend per canary Ingress), and the reading says so. ingress-nginx's own metrics see canary
// and baseline as one upstream (<svc>-canary-and-baseline): compare them by the pods' track label.
import type { KubernetesObject, V1Ingress, V1IngressBackend, V1IngressRule } from '@kubernetes/client-node';
import type { Cluster, ObjectRef } from '../rollout/ports.js';
import { MANAGED_BY, SERVICE_LABEL } from '../rollout/tracks.js';
import {
  annotation,
  annotationPatch,
  copy,
  describeRef,
  isManagedByDial,
  same,
  updateObject,
  WEIGHT_ANNOTATION,
  writtenWeight,
  type RouterTarget,
} from './objects.js';
import { percent, type HeaderMatch, type ReplicaPlan, type Router, type WeightReading } from './router.js';
import { resolveUserService, trackServiceName, TrackServices } from './track-services.js';
import { cappedNote, driftNote, readingOf, trackShares, weightedReplicaPlan } from './weights.js';

const INGRESS = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' } as const;
const NGINX = 'nginx.ingress.kubernetes.io';
export const CANARY = `${NGINX}/canary`;
export const CANARY_WEIGHT = `${NGINX}/canary-weight`;
export const CANARY_WEIGHT_TOTAL = `${NGINX}/canary-weight-total`;
export const CANARY_BY_HEADER = `${NGINX}/canary-by-header`;
export const CANARY_BY_HEADER_VALUE = `${NGINX}/canary-by-header-value`;
/** The user's Service the Ingress routed to before Dial pointed it at <svc>-stable. */
export const ORIGINAL_SERVICE_ANNOTATION = 'dial.dev/original-service';
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Every backend of an Ingress (default backend and paths), to read or rename. */
function backends(ingress: V1Ingress): V1IngressBackend[] {
  const out: V1IngressBackend[] = [];
  if (ingress.spec?.defaultBackend) out.push(ingress.spec.defaultBackend);
  for (const rule of ingress.spec?.rules ?? []) for (const p of rule.http?.paths ?? []) out.push(p.backend);
  return out;
}

/** The spec parts of `ingress` with every backend naming Service `from` naming `to` instead. */
function renamed(
  ingress: V1Ingress,
  from: string,
  to: string,
): Pick<NonNullable<V1Ingress['spec']>, 'rules' | 'defaultBackend'> {
  const spec = copy(ingress.spec ?? {});
  const rename = (b: V1IngressBackend | undefined) => {
    if (b?.service?.name === from) b.service.name = to;
  };
  rename(spec.defaultBackend);
  for (const rule of spec.rules ?? []) for (const p of rule.http?.paths ?? []) rename(p.backend);
  return {
    ...(spec.rules ? { rules: spec.rules } : {}),
    ...(spec.defaultBackend ? { defaultBackend: spec.defaultBackend } : {}),
  };
}

export class IngressNginxRouter implements Router {
  readonly type = 'ingress-nginx';
  private readonly services: TrackServices;
  private readonly ref: ObjectRef;
  private readonly canaryRef: ObjectRef;

  constructor(
    private readonly cluster: Cluster,
    private readonly target: RouterTarget,
  ) {
    this.services = new TrackServices(cluster, target);
    const name = target.config.ingress ?? target.service;
    this.ref = { ...INGRESS, namespace: target.namespace, name };
    this.canaryRef = { ...INGRESS, namespace: target.namespace, name: `${name}-canary` };
  }

  replicaPlan(weight: number, stableReplicas: number): ReplicaPlan {
    return weightedReplicaPlan(weight, stableReplicas);
  }

  private async ingress(): Promise<V1Ingress> {
    const found = await this.cluster.get(this.ref);
    if (!found)
      throw new Error(
        `${describeRef(this.ref)} does not exist: router.ingress in dial.yaml names the Ingress Dial shifts (default: the service name)`,
      );
    return found as V1Ingress;
  }

  private async userService(ingress: V1Ingress): Promise<string> {
    const recorded = annotation(ingress as KubernetesObject, ORIGINAL_SERVICE_ANNOTATION);
    if (recorded) return recorded;
    const names = backends(ingress)
      .map((b) => b.service?.name)
      .filter((n): n is string => n !== undefined);
    return resolveUserService(this.cluster, this.target, names, describeRef(this.ref));
  }

  /** The canary Ingress: the user's rules that route to `service`, to `backend`. */
  private canaryIngress(
    user: V1Ingress,
    service: string,
    backend: string,
    weight: number,
    header: HeaderMatch | undefined,
    asked: number,
  ): KubernetesObject {
    const rules: V1IngressRule[] = [];
    for (const rule of user.spec?.rules ?? []) {
      const paths = (rule.http?.paths ?? [])
        .filter(
          (p) =>
            p.backend.service?.name === service ||
            p.backend.service?.name === trackServiceName(service, 'stable'),
        )
        .map((p) => ({ ...copy(p), backend: { service: { ...copy(p.backend.service!), name: backend } } }));
      if (paths.length > 0) rules.push({ ...(rule.host ? { host: rule.host } : {}), http: { paths } });
    }
    if (rules.length === 0)
      throw new Error(`${describeRef(this.ref)} has no host and path routing to Service ${service}`);
    const cls = annotation(user as KubernetesObject, CLASS_ANNOTATION);
    const ingress: V1Ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: this.canaryRef.name,
        namespace: this.target.namespace,
        labels: { ...MANAGED_BY, [SERVICE_LABEL]: this.target.service },
        annotations: {
          ...(cls ? { [CLASS_ANNOTATION]: cls } : {}),
          [CANARY]: 'true',
          [CANARY_WEIGHT]: String(weight),
          ...(header ? { [CANARY_BY_HEADER]: header.name, [CANARY_BY_HEADER_VALUE]: header.value } : {}),
          [WEIGHT_ANNOTATION]: String(asked),
        },
      },
      spec: {
        ...(user.spec?.ingressClassName ? { ingressClassName: user.spec.ingressClassName } : {}),
        rules,
      },
    };
    return ingress as KubernetesObject;
  }

  /** Routes `weight` % to the canary (and as much to the baseline); `header` as given, or kept. */
  private async write(weight: number, header: HeaderMatch | null | undefined): Promise<WeightReading> {
    const shares = trackShares(weight);
    const user = await this.ingress();
    const service = await this.userService(user);
    await this.services.ensure(service, ['stable', 'canary', 'canary-and-baseline']);
    const existing = await this.cluster.get(this.canaryRef);
    if (existing && !isManagedByDial(existing))
      throw new Error(
        `${describeRef(this.canaryRef)} exists and is not Dial's; Dial needs that name for the canary Ingress`,
      );
    const kept =
      header === undefined && existing && annotation(existing, CANARY_BY_HEADER)
        ? {
            name: annotation(existing, CANARY_BY_HEADER)!,
            value: annotation(existing, CANARY_BY_HEADER_VALUE) ?? '',
          }
        : undefined;
    const activeHeader = header === null ? undefined : (header ?? kept);
    const arm = shares.canary + shares.baseline;
    const backend = trackServiceName(service, arm > 0 ? 'canary-and-baseline' : 'canary');
    const wanted = this.canaryIngress(user, service, backend, arm, activeHeader, shares.asked);
    if (!existing || !sameCanary(existing, wanted)) await this.cluster.apply([wanted]);
    // The user's Ingress to the stable pods only (after the canary Ingress exists, so the canary keeps
    // its share throughout).
    const stableName = trackServiceName(service, 'stable');
    await updateObject(this.cluster, this.ref, (current) => {
      const ingress = current as V1Ingress;
      const spec = renamed(ingress, service, stableName);
      const annotations = annotationPatch(current, { [ORIGINAL_SERVICE_ANNOTATION]: service });
      const changed =
        !same(spec.rules, ingress.spec?.rules) || !same(spec.defaultBackend, ingress.spec?.defaultBackend);
      if (!changed && !annotations) return undefined;
      return { ...(annotations ? { metadata: { annotations } } : {}), ...(changed ? { spec } : {}) };
    });
    const reading = await this.readWeight();
    const note = cappedNote(shares);
    return note ? { ...reading, note: reading.note ? `${note}; ${reading.note}` : note } : reading;
  }

  setWeight(weight: number): Promise<WeightReading> {
    return this.write(weight, undefined);
  }

  async readWeight(): Promise<WeightReading> {
    const user = await this.ingress();
    const canary = await this.cluster.get(this.canaryRef);
    const service = await this.userService(user);
    const toStable = backends(user).some((b) => b.service?.name === trackServiceName(service, 'stable'));
    const toUser = backends(user).some((b) => b.service?.name === service);
    if (!canary)
      return readingOf({ stable: 1, canary: 0, baseline: 0 }, [
        `no canary Ingress ${this.canaryRef.name}: ${describeRef(this.ref)} sends every request to Service ${toStable ? trackServiceName(service, 'stable') : service}`,
      ]);
    const total = Number(annotation(canary, CANARY_WEIGHT_TOTAL) ?? 100) || 100;
    const weight = Math.min(total, Math.max(0, Number(annotation(canary, CANARY_WEIGHT) ?? 0) || 0));
    const backend = (canary as V1Ingress).spec?.rules?.[0]?.http?.paths?.[0]?.backend.service?.name;
    const both = backend === trackServiceName(service, 'canary-and-baseline');
    const arm = percent(weight, total);
    const weights = both
      ? { stable: 100 - arm, canary: arm / 2, baseline: arm / 2 }
      : { stable: 100 - arm, canary: arm, baseline: 0 };
    const header = annotation(canary, CANARY_BY_HEADER);
    const value = annotation(canary, CANARY_BY_HEADER_VALUE);
    return readingOf(weights, [
      both && arm > 0
        ? `canary and baseline share the canary Ingress's ${arm} % by pods (as many of each)`
        : undefined,
      header
        ? `requests with header ${header}${value ? `: ${value}` : ''} go to ${both ? 'canary and baseline alike (one backend per canary Ingress)' : 'the canary'}`
        : undefined,
      toUser
        ? `${describeRef(this.ref)} still sends its share to Service ${service}, whose pods include the canary's and the baseline's`
        : undefined,
      driftNote(readingOf(weights), writtenWeight(canary), `canary Ingress ${this.canaryRef.name}`),
    ]);
  }

  async setHeaderRoute(match: HeaderMatch): Promise<void> {
    const canary = await this.cluster.get(this.canaryRef);
    await this.write(writtenWeight(canary) ?? 0, match);
  }

  /** canary-weight 0 and no header: every request through the user's Ingress to the stable pods. */
  async reset(): Promise<void> {
    await this.write(0, null);
  }

  async finalize(): Promise<void> {
    const user = (await this.cluster.get(this.ref)) as V1Ingress | undefined;
    const service = user
      ? (annotation(user as KubernetesObject, ORIGINAL_SERVICE_ANNOTATION) ?? this.target.service)
      : this.target.service;
    if (user)
      await updateObject(this.cluster, this.ref, (current) => {
        const ingress = current as V1Ingress;
        const recorded = annotation(current, ORIGINAL_SERVICE_ANNOTATION) ?? service;
        const spec = renamed(ingress, trackServiceName(recorded, 'stable'), recorded);
        const annotations = annotationPatch(current, {}, [ORIGINAL_SERVICE_ANNOTATION]);
        const changed =
          !same(spec.rules, ingress.spec?.rules) || !same(spec.defaultBackend, ingress.spec?.defaultBackend);
        if (!changed && !annotations) return undefined;
        return { ...(annotations ? { metadata: { annotations } } : {}), ...(changed ? { spec } : {}) };
      });
    const canary = await this.cluster.get(this.canaryRef);
    if (canary && isManagedByDial(canary))
      await this.cluster.delete({ ...this.canaryRef, namespace: this.target.namespace });
    await this.services.remove(service);
  }
}

/** Whether the stored canary Ingress already is what Dial would apply. */
function sameCanary(existing: KubernetesObject, wanted: KubernetesObject): boolean {
  const a = existing as V1Ingress;
  const b = wanted as V1Ingress;
  const annotations = Object.entries(b.metadata?.annotations ?? {}).every(
    ([k, v]) => a.metadata?.annotations?.[k] === v,
  );
  const extra = [CANARY_BY_HEADER, CANARY_BY_HEADER_VALUE].some(
    (k) => a.metadata?.annotations?.[k] !== undefined && b.metadata?.annotations?.[k] === undefined,
  );
  return (
    annotations &&
    !extra &&
    same(a.spec?.rules, b.spec?.rules) &&
    (a.spec?.ingressClassName ?? '') === (b.spec?.ingressClassName ?? '')
  );
}
