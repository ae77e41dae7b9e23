// The service's manifests placed in a preview namespace. What a pull request controls (dial.yaml and the
// manifests) cannot point a preview anywhere else:
// - every namespaced object goes to the preview namespace; one that names a namespace other than the
//   service's own is refused (naming the file and object), as is any cluster-scoped object (a Namespace
//   named like the service's own is dropped: the preview makes its own);
// - every `namespace`/`namespaces` reference inside an object (a route's parentRefs and backendRefs, a
//   RoleBinding's subjects, affinity terms) must name the service's namespace, and is moved with it;
//   `<name>.<namespace>.svc` host names likewise;
// - routes cannot claim production's host names: Ingress hosts, HTTPRoute/GRPCRoute hostnames, Istio
//   VirtualService hosts and Emissary Mapping hosts become the preview's host (dial.yaml preview.host),
//   and without one such objects are refused;
// - Services of type LoadBalancer or NodePort become ClusterIP (the quota allows neither).
import type { KubernetesObject } from '@kubernetes/client-node';
import { describeObject, isClusterScoped, originOf } from '../kube/manifests.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface PlacementOptions {
  /** Where dial.yaml (or the manifests) put the service. */
  serviceNamespace: string;
  previewNamespace: string;
  /** The preview's host name (dial.yaml preview.host with {pr} replaced), when set. */
  host?: string;
}

export interface Placement {
  objects: KubernetesObject[];
  /** What was changed beyond the namespace, one line each. */
  notes: string[];
}

export class PreviewRefused extends Error {
  constructor(readonly problems: string[]) {
    super(`the preview was refused: ${problems.length === 1 ? problems[0] : `\n- ${problems.join('\n- ')}`}`);
    this.name = 'PreviewRefused';
  }
}

const SVC_HOST = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(\.cluster\.local)?\.?$/;

export function placePreviewObjects(
  objects: readonly KubernetesObject[],
  options: PlacementOptions,
): Placement {
  const { serviceNamespace: from, previewNamespace: to, host } = options;
  const problems: string[] = [];
  const notes: string[] = [];
  const placed: KubernetesObject[] = [];
  const crdKinds = new Set(
    objects
      .filter((o) => o.kind === 'CustomResourceDefinition')
      .map((o) => (o as Obj).spec)
      .filter((spec): spec is Obj => isObj(spec) && spec.scope === 'Cluster' && isObj(spec.names))
      .map((spec) => String((spec.names as Obj).kind)),
  );
  for (const original of objects) {
    const where = originOf(original);
    const name = `${where ? `${where}: ` : ''}${describeObject(original)}`;
    if (original.kind === 'Namespace') {
      if (original.metadata?.name === from)
        notes.push(`Namespace ${from} not applied: the preview has its own`);
      else problems.push(`${name}: a preview creates no namespace but its own`);
      continue;
    }
    if (isClusterScoped(original, crdKinds)) {
      problems.push(`${name}: cluster-scoped objects are not applied in a preview`);
      continue;
    }
    const object = structuredClone(original);
    object.metadata ??= {};
    const own = object.metadata.namespace;
    if (own !== undefined && own !== '' && own !== from && own !== to) {
      problems.push(`${name}: names namespace "${own}", not the service's "${from}"`);
      continue;
    }
    object.metadata.namespace = to;
    const before = problems.length;
    moveReferences(object as unknown as Obj, [], { from, to, problems, name });
    if (problems.length === before) {
      routeHosts(object, { host, problems, notes, name });
      closeServicePorts(object, notes);
      placed.push(object);
    }
  }
  if (problems.length > 0) throw new PreviewRefused(problems);
  return { objects: placed, notes };
}

interface Move {
  from: string;
  to: string;
  problems: string[];
  name: string;
}

/** Every nested namespace reference (not metadata's own) moved from the service's namespace, else refused. */
function moveReferences(node: Obj, at: string[], move: Move): void {
  for (const [key, value] of Object.entries(node)) {
    const path = [...at, key];
    if (at.length === 0 && key === 'metadata') continue;
    if (key === 'namespace' && typeof value === 'string') {
      node[key] = retarget(value, path, move);
    } else if (key === 'namespaces' && Array.isArray(value)) {
      node[key] = value.map((v, i) => (typeof v === 'string' ? retarget(v, [...path, String(i)], move) : v));
    } else if (key === 'externalName' && typeof value === 'string') {
      const m = value.toLowerCase().match(SVC_HOST);
      if (m) node[key] = `${m[1]}.${retarget(m[2]!, path, move)}.svc${m[3] ?? ''}`;
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isObj(item)) moveReferences(item, [...path, String(i)], move);
      });
    } else if (isObj(value)) moveReferences(value, path, move);
  }
}

function retarget(value: string, path: string[], move: Move): string {
  if (value === '' || value === move.from || value === move.to) return value === '' ? value : move.to;
  move.problems.push(
    `${move.name}: ${path.join('.')} names namespace "${value}", not the service's "${move.from}"`,
  );
  return value;
}

interface Hosts {
  host: string | undefined;
  problems: string[];
  notes: string[];
  name: string;
}

/** Routes get the preview's host instead of the host names they claim. */
function routeHosts(object: KubernetesObject, hosts: Hosts): void {
  const spec = (object as Obj).spec;
  if (!isObj(spec)) return;
  const need = (claimed: string) => {
    if (hosts.host !== undefined) return true;
    hosts.problems.push(
      `${hosts.name}: claims ${claimed}; set preview.host in dial.yaml so the preview's routes get a host of their own`,
    );
    return false;
  };
  const note = (what: string) => hosts.notes.push(`${describeObject(object)}: ${what} → ${hosts.host}`);
  switch (object.kind) {
    case 'Ingress': {
      const rules = Array.isArray(spec.rules) ? spec.rules.filter(isObj) : [];
      if (rules.length === 0 && spec.defaultBackend === undefined) return;
      if (!need(rules.map((r) => String(r.host ?? 'every host')).join(', ') || 'the default backend')) return;
      if (spec.defaultBackend !== undefined) {
        hosts.problems.push(`${hosts.name}: a default backend would catch every host; give it rules instead`);
        return;
      }
      for (const rule of rules) rule.host = hosts.host;
      if (Array.isArray(spec.tls)) for (const tls of spec.tls.filter(isObj)) tls.hosts = [hosts.host];
      note('hosts');
      return;
    }
    case 'HTTPRoute':
    case 'GRPCRoute':
    case 'TLSRoute': {
      const claimed = Array.isArray(spec.hostnames) ? spec.hostnames.map(String) : [];
      if (!need(claimed.join(', ') || 'every host of its gateway')) return;
      spec.hostnames = [hosts.host];
      note('hostnames');
      return;
    }
    case 'VirtualService': {
      const list = Array.isArray(spec.hosts) ? spec.hosts.map(String) : [];
      const external = list.filter((h) => h.includes('.') && !SVC_HOST.test(h));
      if (external.length === 0) return;
      if (!need(external.join(', '))) return;
      spec.hosts = [...list.filter((h) => !external.includes(h)), hosts.host];
      note('hosts');
      return;
    }
    case 'Mapping': {
      if (spec.host === undefined && spec.hostname === undefined) {
        if (need('every host')) spec.hostname = hosts.host;
        return;
      }
      if (!need(String(spec.hostname ?? spec.host))) return;
      if (spec.host !== undefined) spec.host = hosts.host;
      if (spec.hostname !== undefined) spec.hostname = hosts.host;
      note('host');
      return;
    }
  }
}

function closeServicePorts(object: KubernetesObject, notes: string[]): void {
  if (object.kind !== 'Service') return;
  const spec = (object as Obj).spec;
  if (!isObj(spec) || (spec.type !== 'LoadBalancer' && spec.type !== 'NodePort')) return;
  notes.push(`${describeObject(object)}: type ${String(spec.type)} → ClusterIP`);
  spec.type = 'ClusterIP';
  for (const key of [
    'loadBalancerIP',
    'loadBalancerSourceRanges',
    'externalTrafficPolicy',
    'healthCheckNodePort',
  ])
    delete spec[key];
  if (Array.isArray(spec.ports)) for (const port of spec.ports.filter(isObj)) delete port.nodePort;
}
