// The route part of a header-routed preview: requests carrying `<header>: <pr>` go to the preview's
// Service, every other request goes where production's route sends it. One part per pull request, made
// so that a canary rollout of production (src/traffic) and the preview never undo each other:
//   gateway-api — a separate HTTPRoute `<route>-pr-<n>` with the user's parentRefs and hostnames and a
//                 copy of each rule that sends to the user's Service (or its tracks) with one more Exact
//                 header match: Gateway API prefers, across routes, the match with more header matches;
//   emissary    — a separate Mapping `<mapping>-pr-<n>`, a copy of the user's with the header and a higher
//                 precedence (the rollout's track Mappings copy the user's precedence, so it wins theirs);
//   istio       — a sidecar does not merge two VirtualServices of one host, so the routes `dial-preview-<n>`
//                 go first into the user's VirtualService by one conditional patch. The Istio router
//                 leaves routes that send to neither the user's Service nor its tracks as they are, in
//                 place, through its weight writes and finalize; down removes them by name.
// What was written is recorded on the preview's Deployment, so down and sweep undo it without dial.yaml.
import type { KubernetesObject } from '@kubernetes/client-node';
import { HEADER_PREVIEW_ROUTERS } from '../config/semantic.js';
import type { Cluster, ObjectRef } from '../rollout/ports.js';
import { headerMatch, mappingCopy, readUserMapping } from '../traffic/emissary.js';
import { HttpRouteModel } from '../traffic/gateway-api.js';
import { VirtualServiceModel } from '../traffic/istio.js';
import {
  copy,
  describeRef,
  hostNamesService,
  isJson,
  jsonAnnotation,
  num,
  obj,
  objs,
  ORIGINAL_ANNOTATION,
  same,
  servedVersion,
  str,
  updateObject,
  type Json,
  type RouterTarget,
} from '../traffic/objects.js';
import { isHeaderRule, parseRuleState, type RuleModel } from '../traffic/rules.js';
import { resolveUserService } from '../traffic/track-services.js';
import { previewName } from './names.js';
import { PreviewRefused } from './objects.js';

export type HeaderRouter = (typeof HEADER_PREVIEW_ROUTERS)[number];

/** What the preview wrote, kept on its Deployment (JSON) for down and sweep. */
export interface RoutePartRecord {
  router: HeaderRouter;
  apiVersion: string;
  kind: string;
  name: string;
}

/** The production route as found: the user's Service behind it and the host names it serves. */
export interface ProductionRoute {
  ref: ObjectRef;
  router: HeaderRouter;
  /** The user's Service (the route's backend; its tracks during a rollout). */
  service: string;
  hosts: string[];
  /** What the preview's part will be (recorded on its Deployment before it is written). */
  part(pr: number): RoutePartRecord;
  /**
   * Writes the preview's part (again: brought up to date) and waits, at most `timeoutMs`, until what the
   * API says of it shows it in effect; returns that, one line. A request with the header answers even
   * before (production does), so the URL check alone cannot tell.
   */
  ensure(part: PartSpec, timeoutMs: number): Promise<string>;
}

export interface PartSpec {
  pr: number;
  header: string;
  /** The preview's Service. */
  preview: string;
  /** The preview's labels (pull request, repository, service): down and sweep check them. */
  labels: Record<string, string>;
}

const GROUPS: Record<
  HeaderRouter,
  { group: string; versions: string[]; kind: string; field: 'httpRoute' | 'virtualService' | 'mapping' }
> = {
  'gateway-api': {
    group: 'gateway.networking.k8s.io',
    versions: ['v1', 'v1beta1'],
    kind: 'HTTPRoute',
    field: 'httpRoute',
  },
  istio: {
    group: 'networking.istio.io',
    versions: ['v1', 'v1beta1', 'v1alpha3'],
    kind: 'VirtualService',
    field: 'virtualService',
  },
  emissary: { group: 'getambassador.io', versions: ['v3alpha1'], kind: 'Mapping', field: 'mapping' },
};

const isHeaderRouter = (type: string): type is HeaderRouter => HEADER_PREVIEW_ROUTERS.some((r) => r === type);

/** `dial-preview-<n>` (and `-<i>` for the second and later rule of one pull request). */
const ruleName = (pr: number, i: number) => `dial-preview-${pr}${i === 0 ? '' : `-${i}`}`;
const isPreviewRule = (rule: Json, pr?: number) => {
  const name = str(rule.name) ?? '';
  return pr === undefined
    ? name.startsWith('dial-preview-')
    : name === ruleName(pr, 0) || name.startsWith(`${ruleName(pr, 0)}-`);
};

/** Reads production's route object as dial.yaml's router names it; throws when it is missing. */
export async function productionRoute(cluster: Cluster, target: RouterTarget): Promise<ProductionRoute> {
  const router = target.config.type;
  if (!isHeaderRouter(router))
    throw new Error(
      `preview.mode header needs router.type gateway-api, istio or emissary (a route to add the header to); this service's router is ${router}`,
    );
  const g = GROUPS[router];
  const configured = target.config[g.field];
  const ref: ObjectRef = {
    apiVersion: await servedVersion(cluster, g.group, g.versions),
    kind: g.kind,
    namespace: target.namespace,
    name: configured ?? target.service,
  };
  if (router === 'emissary') return emissaryRoute(cluster, ref);
  const route = await cluster.get(ref);
  if (!route)
    throw new Error(
      `${describeRef(ref)} does not exist: a header-routed preview goes beside production's route (router.${g.field} in dial.yaml, default the service name)`,
    );
  const spec = obj((route as Json).spec);
  const service = await userService(cluster, target, route, router);
  return router === 'istio'
    ? istioRoute(cluster, ref, service, spec, target.config.destinationRule !== undefined)
    : gatewayRoute(cluster, ref, service, route);
}

/** The user's Service: recorded by a running rollout, else resolved among the route's backends as the router does. */
async function userService(
  cluster: Cluster,
  target: RouterTarget,
  route: KubernetesObject,
  router: 'gateway-api' | 'istio',
): Promise<string> {
  const recorded = parseRuleState(jsonAnnotation(route, ORIGINAL_ANNOTATION))?.service;
  if (recorded) return recorded;
  const spec = obj((route as Json).spec);
  const names =
    router === 'istio'
      ? objs(spec.http)
          .flatMap((r) => objs(r.route))
          .map((e) => str(obj(e.destination).host) ?? '')
          .filter((h) => hostNamesService(h, h.split('.')[0] ?? '', target.namespace))
          .map((h) => h.split('.')[0] ?? '')
      : objs(spec.rules)
          .flatMap((r) => objs(r.backendRefs))
          .filter((r) => (str(r.kind) ?? 'Service') === 'Service' && (str(r.group) ?? '') === '')
          .map((r) => str(r.name) ?? '');
  return resolveUserService(cluster, target, names, describeRef(routeRef(route)));
}

const routeRef = (route: KubernetesObject): ObjectRef => ({
  apiVersion: route.apiVersion ?? '',
  kind: route.kind ?? '',
  namespace: route.metadata?.namespace ?? '',
  name: route.metadata?.name ?? '',
});

/** The rules (HTTPRoute rules, VirtualService http routes) that send to the user's Service or its tracks, as header copies. */
function previewRules(
  rules: Json[],
  model: RuleModel,
  part: PartSpec,
  backend: (entry: Json) => Json,
): Json[] {
  const match = { name: part.header, value: String(part.pr) };
  const out: Json[] = [];
  for (const rule of rules) {
    if (isHeaderRule(rule) || isPreviewRule(rule)) continue;
    const entry = model.entries(rule).find((e) => model.isUser(e) || model.trackOf(e) !== undefined);
    if (!entry) continue;
    const n = out.length;
    out.push({ ...model.headerRule(rule, n, match, backend(entry)), name: ruleName(part.pr, n) });
  }
  return out;
}

/** Refuses to write over an object of the preview's name that is not this preview's. */
async function ensureOwn(cluster: Cluster, ref: ObjectRef, labels: Record<string, string>): Promise<void> {
  const existing = await cluster.get(ref);
  if (existing && !ownedBy(existing, labels))
    throw new PreviewRefused([`${describeRef(ref)} exists and is not this preview's: Dial leaves it alone`]);
}

/** Whether the object carries every one of the preview's labels. */
export function ownedBy(object: KubernetesObject, labels: Record<string, string>): boolean {
  return Object.entries(labels).every(([k, v]) => object.metadata?.labels?.[k] === v);
}

function gatewayRoute(
  cluster: Cluster,
  ref: ObjectRef,
  service: string,
  route: KubernetesObject,
): ProductionRoute {
  const namespace = ref.namespace ?? '';
  const spec = obj((route as Json).spec);
  const hostnames = Array.isArray(spec.hostnames) ? spec.hostnames.map(String) : [];
  return {
    ref,
    router: 'gateway-api',
    service,
    hosts: hostnames,
    part: (pr) => ({
      router: 'gateway-api',
      apiVersion: ref.apiVersion,
      kind: 'HTTPRoute',
      name: previewName(ref.name, pr),
    }),
    async ensure(part, timeoutMs) {
      const current = await cluster.get(ref);
      const now = obj((current as Json | undefined)?.spec);
      const model = new HttpRouteModel(service, namespace);
      const rules = previewRules(objs(now.rules), model, part, (entry) => ({
        name: part.preview,
        ...(entry.port !== undefined ? { port: entry.port } : {}),
      }));
      if (rules.length === 0) throw new Error(`${describeRef(ref)}: no rule routes to Service ${service}`);
      const own: ObjectRef = { ...ref, name: this.part(part.pr).name };
      await ensureOwn(cluster, own, part.labels);
      const object = {
        apiVersion: ref.apiVersion,
        kind: 'HTTPRoute',
        metadata: { name: own.name, namespace, labels: part.labels },
        spec: {
          parentRefs: copy(objs(now.parentRefs)),
          ...(Array.isArray(now.hostnames) ? { hostnames: copy(now.hostnames) } : {}),
          rules,
        },
      } as KubernetesObject;
      const [stored] = await cluster.apply([object], { force: true });
      return accepted(cluster, { ...own, namespace }, stored?.metadata?.generation ?? 0, timeoutMs);
    },
  };
}

/**
 * Waits until every parent (Gateway) of the HTTPRoute reports Accepted and ResolvedRefs for generation
 * `generation` (Gateway API route status); throws with the conditions seen at the deadline.
 */
async function accepted(
  cluster: Cluster,
  ref: ObjectRef,
  generation: number,
  timeoutMs: number,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen = 'no status yet';
  for (;;) {
    const parents = objs(obj(obj(await cluster.get(ref)).status).parents);
    const problems = parents.flatMap((p) =>
      ['Accepted', 'ResolvedRefs'].flatMap((type) => {
        const c = objs(p.conditions).find((x) => x.type === type);
        const current = c?.status === 'True' && (num(c.observedGeneration) ?? generation) >= generation;
        return current
          ? []
          : [`${type} ${String(c?.status ?? 'not reported')}${c?.message ? ` (${String(c.message)})` : ''}`];
      }),
    );
    if (parents.length > 0 && problems.length === 0)
      return `${describeRef(ref)} accepted by ${parents.length} gateway(s), its backend resolved`;
    if (parents.length > 0) seen = problems.join(', ');
    if (Date.now() >= deadline)
      throw new Error(`${describeRef(ref)} not in effect after ${Math.round(timeoutMs / 1000)} s: ${seen}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function istioRoute(
  cluster: Cluster,
  ref: ObjectRef,
  service: string,
  spec: Json,
  subsets: boolean,
): ProductionRoute {
  const namespace = ref.namespace ?? '';
  // External host names only: a mesh-internal one (`web`) is not a URL a person opens.
  const hosts = (Array.isArray(spec.hosts) ? spec.hosts.map(String) : []).filter(
    (h) => h.includes('.') && !/\.svc(\.|$)/.test(h) && !h.includes('*'),
  );
  return {
    ref,
    router: 'istio',
    service,
    hosts,
    part: () => ({ router: 'istio', apiVersion: ref.apiVersion, kind: 'VirtualService', name: ref.name }),
    async ensure(part) {
      const model = new VirtualServiceModel(service, namespace, subsets);
      await updateObject(cluster, ref, (current) => {
        const http = objs(obj((current as Json).spec).http);
        const rest = http.filter((r) => !isPreviewRule(r, part.pr));
        const rules = previewRules(rest, model, part, (entry) => {
          const port = obj(entry.destination).port;
          return { destination: { host: part.preview, ...(isJson(port) ? { port: copy(port) } : {}) } };
        });
        if (rules.length === 0) throw new Error(`${describeRef(ref)}: no route sends to Service ${service}`);
        const next = [...rules, ...rest];
        return same(next, http) ? undefined : { spec: { http: next } };
      });
      return `${describeRef(ref)}: Istio reports no per-route status; the routes are written`;
    },
  };
}

async function emissaryRoute(cluster: Cluster, ref: ObjectRef): Promise<ProductionRoute> {
  const user = await readUserMapping(cluster, ref);
  const host = str(user.spec.hostname) ?? str(user.spec.host);
  return {
    ref,
    router: 'emissary',
    service: user.service,
    hosts: host && !host.includes('*') ? [host.replace(/:\d+$/, '')] : [],
    part: (pr) => ({
      router: 'emissary',
      apiVersion: ref.apiVersion,
      kind: 'Mapping',
      name: previewName(ref.name, pr),
    }),
    async ensure(part) {
      const now = await readUserMapping(cluster, ref);
      const own: ObjectRef = { ...ref, name: previewName(ref.name, part.pr) };
      await ensureOwn(cluster, own, part.labels);
      const extra = headerMatch(now, { name: part.header, value: String(part.pr) });
      const suffix = own.name.slice(ref.name.length);
      const mapping = mappingCopy(now, own, suffix, { service: part.preview, labels: part.labels, extra });
      await cluster.apply([mapping], { force: true });
      return `${describeRef(own)}: Emissary reports no per-Mapping status; the Mapping is written`;
    },
  };
}

/** Undoes what `record` says was written (the object's labels must still be the preview's). Safe to call again. */
export async function removeRoutePart(
  cluster: Cluster,
  namespace: string,
  record: RoutePartRecord,
  pr: number,
  labels: Record<string, string>,
): Promise<void> {
  const ref: ObjectRef = { apiVersion: record.apiVersion, kind: record.kind, namespace, name: record.name };
  if (record.router === 'istio') {
    if (!(await cluster.get(ref))) return;
    await updateObject(cluster, ref, (current) => {
      const http = objs(obj((current as Json).spec).http);
      const rest = http.filter((r) => !isPreviewRule(r, pr));
      return rest.length === http.length ? undefined : { spec: { http: rest } };
    });
    return;
  }
  const existing = await cluster.get(ref);
  if (existing && ownedBy(existing, labels)) await cluster.delete({ ...ref, namespace });
}

/** The record read back from its annotation, or undefined. */
export function parseRoutePart(raw: unknown): RoutePartRecord | undefined {
  if (!isJson(raw)) return undefined;
  const { router, apiVersion, kind, name } = raw;
  if (typeof router !== 'string' || !isHeaderRouter(router)) return undefined;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string')
    return undefined;
  return { router, apiVersion, kind, name };
}

/** For messages and the comment: `HTTPRoute web-pr-7`, `VirtualService web (route dial-preview-7)`. */
export function describePart(record: RoutePartRecord, pr: number): string {
  return record.router === 'istio'
    ? `${record.kind} ${record.name} (route ${ruleName(pr, 0)})`
    : `${record.kind} ${record.name}`;
}
