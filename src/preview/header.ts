// Header-routed previews beside production (dial.yaml preview.mode: header). The pull request's
// Deployment runs in the service's own namespace as `<workload>-pr-<n>` (one replica, the pull request's
// images) behind a Service `<service>-pr-<n>`, and a route part (header-routes.ts) sends the requests
// carrying `<header>: <n>` to it. Production's traffic never reaches it: every pod label a Service of the
// namespace (or the Deployment's selector) selects on gets a value of its own (`app: web` →
// `app: web-pr-12`), and a Service that would still select the preview's pods refuses it. The manifests'
// other objects (ConfigMaps, Secrets, the user's Service and routes) are production's and are neither
// applied nor changed: a pull request that changes them needs preview.mode: namespace.
// Every object made carries the preview's labels (pull request, repository, service); its Deployment also
// the annotations a preview namespace has, so down and sweep find it by label and touch nothing else.
import type {
  KubeConfig,
  KubernetesObject,
  V1Deployment,
  V1LabelSelector,
  V1Service,
} from '@kubernetes/client-node';
import { ConfigMapStateStore } from '../kube/state-store.js';
import { COMPARED_LABEL, TRACK_LABEL } from '../rollout/tracks.js';
import type { Cluster } from '../rollout/ports.js';
import { copy, jsonAnnotation } from '../traffic/objects.js';
import { ports } from '../traffic/track-services.js';
import { entryOf, previewLabels, previewMetadata, previewSelector } from './cluster.js';
import type { PreviewEntry, PreviewIdentity, PreviewMeta } from './cluster.js';
import { ownedBy, parseRoutePart, removeRoutePart } from './header-routes.js';
import { ANNOTATION_HEADER, ANNOTATION_ROUTE, ANNOTATION_SLEEPING, LABEL_PR, previewName } from './names.js';
import { placePreviewObjects, PreviewRefused } from './objects.js';

const HASH_LABEL = 'pod-template-hash';

export interface HeaderWorkloadInput {
  /** The release's objects (namespace resolved). */
  objects: readonly KubernetesObject[];
  namespace: string;
  workload: string;
  /** Production's Service behind the route, as the cluster has it. */
  userService: V1Service;
  /** Every Service of the namespace, as the cluster has them. */
  services: readonly V1Service[];
  id: PreviewIdentity;
}

export interface HeaderWorkload {
  deployment: V1Deployment;
  service: V1Service;
  notes: string[];
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) => {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
};

const selectorKeys = (selector: V1LabelSelector | undefined) => [
  ...Object.keys(selector?.matchLabels ?? {}),
  ...(selector?.matchExpressions ?? []).map((e) => e.key),
];

/** The preview's Deployment and Service, built from the pull request's Deployment (pure). */
export function headerWorkload(input: HeaderWorkloadInput): HeaderWorkload {
  const { namespace, id } = input;
  const found = input.objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === input.workload);
  if (!found)
    throw new PreviewRefused([
      `no Deployment ${input.workload} in the manifests (workload.name in dial.yaml, default the service name)`,
    ]);
  // The same refusals as a preview namespace: nothing in it may name a namespace but the service's own.
  const [placed] = placePreviewObjects([found], { serviceNamespace: namespace, previewNamespace: namespace })
    .objects as V1Deployment[];
  const source = placed!;
  const template = source.spec?.template ?? {};
  const { original, keys, labels } = podLabels(input, source);
  const matchLabels: Record<string, string> = { [LABEL_PR]: String(id.pr) };
  for (const key of Object.keys(source.spec?.selector?.matchLabels ?? {})) matchLabels[key] = labels[key]!;
  const own = previewLabels(id);
  const still = input.services.filter((s) => selects(s.spec?.selector, labels) && !ownedBy(s, own));
  if (still.length > 0)
    throw new PreviewRefused(
      still.map(
        (s) =>
          `Service ${namespace}/${s.metadata?.name ?? ''} would select the preview's pods: production's traffic would reach them`,
      ),
    );
  const deployment: V1Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: previewName(input.workload, id.pr), namespace, labels: own },
    spec: {
      ...copy(source.spec!),
      replicas: 1,
      selector: { matchLabels },
      template: { ...copy(template), metadata: { ...copy(template.metadata ?? {}), labels } },
    },
  };
  delete deployment.spec!.template.metadata!.creationTimestamp;
  const service: V1Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: previewName(input.userService.metadata?.name ?? id.service, id.pr),
      namespace,
      labels: own,
    },
    spec: {
      type: 'ClusterIP',
      selector: matchLabels,
      ports: ports(input.userService),
    },
  };
  const notes = [
    `pod labels ${[...keys]
      .filter((k) => original[k] !== undefined)
      .map((k) => `${k}=${labels[k]}`)
      .join(', ')}: no production Service selects them`,
    `only Deployment ${input.workload} is deployed (one replica); the manifests' other objects are production's`,
  ];
  return { deployment, service, notes };
}

/**
 * The preview's pod labels: the pull request's, with every key something of production selects the pods
 * by (the Deployment's selector, a Service of the namespace or the manifests) given the preview's own value.
 */
function podLabels(input: HeaderWorkloadInput, source: V1Deployment) {
  const original = { ...(source.spec?.template?.metadata?.labels ?? {}) };
  for (const key of [HASH_LABEL, TRACK_LABEL, COMPARED_LABEL]) delete original[key];
  const manifestServices = input.objects.filter((o): o is V1Service => o.kind === 'Service');
  const keys = new Set(selectorKeys(source.spec?.selector));
  for (const s of [...input.services, ...manifestServices])
    if (selects(s.spec?.selector, original)) for (const k of Object.keys(s.spec?.selector ?? {})) keys.add(k);
  const labels: Record<string, string> = { ...original, [LABEL_PR]: String(input.id.pr) };
  for (const key of keys)
    if (original[key] !== undefined) labels[key] = previewName(original[key], input.id.pr);
  return { original, keys, labels };
}

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;
const SERVICE = { apiVersion: 'v1', kind: 'Service' } as const;

/** The cluster side of header-routed previews: apply, list, sleep and remove, by the preview's labels. */
export class HeaderPreviews {
  constructor(
    private readonly cluster: Cluster,
    private readonly listAll: (selector: string) => Promise<V1Deployment[]>,
    private readonly now: () => Date,
  ) {}

  /**
   * Applies the Deployment (with the preview's annotations and `extra`: the route part, the header) and
   * the Service; refuses objects of their names that are not the preview's.
   */
  async apply(meta: PreviewMeta, built: HeaderWorkload, extra: Record<string, string>): Promise<void> {
    const existing = await this.owned(meta, meta.namespace, built.deployment.metadata!.name!, DEPLOYMENT);
    await this.owned(meta, meta.namespace, built.service.metadata!.name!, SERVICE);
    const { labels, annotations } = previewMetadata(meta, existing?.metadata, this.now());
    const deployment = {
      ...built.deployment,
      metadata: { ...built.deployment.metadata, labels, annotations: { ...annotations, ...extra } },
    };
    const service = { ...built.service, metadata: { ...built.service.metadata, labels } };
    // Taking the fields over (force): nothing but Dial manages a preview's objects.
    await this.cluster.apply([service, deployment] as KubernetesObject[], { force: true });
    if (existing?.metadata?.annotations?.[ANNOTATION_SLEEPING] !== undefined)
      await this.annotate(meta.namespace, deployment.metadata.name!, { [ANNOTATION_SLEEPING]: null });
  }

  /** The object of that name when it is this preview's; refused when it exists and is not. */
  private async owned(
    id: PreviewIdentity,
    namespace: string,
    name: string,
    kind: { apiVersion: string; kind: string },
  ): Promise<KubernetesObject | undefined> {
    const existing = await this.cluster.get({ ...kind, namespace, name });
    if (existing && !ownedBy(existing, previewLabels(id)))
      throw new PreviewRefused([
        `${kind.kind} ${namespace}/${name} exists and is not the preview of ${id.repository}#${id.pr}: Dial leaves it alone`,
      ]);
    return existing;
  }

  async list(repository: string, pr?: number): Promise<PreviewEntry[]> {
    const items = await this.listAll(previewSelector(repository, pr));
    return items.flatMap((d) => {
      const entry = entryOf(d, 'header', d.metadata?.namespace ?? '');
      if (!entry || entry.repository.toLowerCase() !== repository.toLowerCase()) return [];
      const header = d.metadata?.annotations?.[ANNOTATION_HEADER];
      return [{ ...entry, ...(header ? { header } : {}) }];
    });
  }

  /** The route part undone, then the Services and Deployments carrying the preview's labels deleted. */
  async remove(entry: PreviewEntry): Promise<'removed'> {
    const labels = previewLabels(entry);
    const anchor = await this.cluster.get({ ...DEPLOYMENT, namespace: entry.namespace, name: entry.name });
    const record = parseRoutePart(jsonAnnotation(anchor, ANNOTATION_ROUTE));
    if (record) await removeRoutePart(this.cluster, entry.namespace, record, entry.pr, labels);
    const selector = Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    for (const kind of [SERVICE, DEPLOYMENT])
      for (const o of await this.cluster.list({
        ...kind,
        namespace: entry.namespace,
        labelSelector: selector,
      }))
        if (ownedBy(o, labels))
          await this.cluster.delete({ ...kind, namespace: entry.namespace, name: o.metadata?.name ?? '' });
    return 'removed';
  }

  /** The Deployment scaled to zero and marked sleeping (the next commit's up wakes it). */
  async sleep(entry: PreviewEntry): Promise<string[]> {
    await this.cluster.scaleDeployment(entry.namespace, entry.name, 0);
    await this.annotate(entry.namespace, entry.name, {
      [ANNOTATION_SLEEPING]: this.now().toISOString(),
    });
    return [`Deployment ${entry.name}`];
  }

  private async annotate(namespace: string, name: string, annotations: Record<string, string | null>) {
    await this.cluster.patch({ ...DEPLOYMENT, namespace, name }, { metadata: { annotations } });
  }
}

/**
 * A header-routed preview goes only beside a production Dial already deploys there. The namespace comes
 * from the pull request's own dial.yaml, so a pull request could otherwise name any namespace that happens
 * to hold a route; Dial's state for this service and workload there is what shows it is this service's.
 */
export async function requireDialProduction(
  kc: KubeConfig,
  namespace: string,
  service: string,
  workload: string,
): Promise<void> {
  const store = new ConfigMapStateStore(kc, namespace, service);
  const found = await store.read();
  if (found?.record.workload.name === workload) return;
  const what = found
    ? `${store.where} is the state of Deployment ${found.record.workload.name}, not of ${workload}`
    : `${store.where} does not exist: Dial has not deployed ${service} there`;
  throw new PreviewRefused([
    `a header-routed preview goes only beside a production Dial deploys (namespace ${namespace} comes from the pull request's dial.yaml): ${what}. Deploy production with Dial first (dial deploy or the deploy action), or use preview.mode: namespace`,
  ]);
}
