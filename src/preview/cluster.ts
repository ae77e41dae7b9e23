// The Kubernetes side of previews: the namespace (labelled with the pull request, its expiry and the
// repository, so the sweep finds it and nothing else), its ResourceQuota and LimitRange, listing,
// putting a preview to sleep (workloads scaled to zero) and removing it (the namespace deleted, waited for).
// A namespace that exists but is not this repository's preview of this pull request is never touched.
import type { KubeConfig, KubernetesObject, V1Namespace, V1ObjectMeta } from '@kubernetes/client-node';
import { apiError, isNotFound, KubeApis } from '../kube/api.js';
import { applyObjects } from '../kube/apply.js';
import {
  ANNOTATION_CREATED,
  ANNOTATION_ENVIRONMENT,
  ANNOTATION_IDLE,
  ANNOTATION_REPOSITORY,
  ANNOTATION_SHA,
  ANNOTATION_SLEEPING,
  ANNOTATION_UPDATED,
  ANNOTATION_URL,
  LABEL_EXPIRES,
  LABEL_MANAGED_BY,
  LABEL_PR,
  LABEL_REPO,
  LABEL_SERVICE,
  repositoryLabel,
} from './names.js';
import { PreviewRefused } from './objects.js';

export interface PreviewIdentity {
  namespace: string;
  service: string;
  pr: number;
  /** `owner/repo`. */
  repository: string;
}

export interface PreviewMeta extends PreviewIdentity {
  environment: string;
  sha: string;
  url?: string;
  ttlSeconds: number;
  idleSeconds: number;
}

export interface PreviewEntry extends PreviewIdentity {
  /** namespace: `namespace` is the preview's own; header: its objects are beside production in `namespace`. */
  mode: 'namespace' | 'header';
  /** The object that carries the preview's labels: its namespace, or (header) its Deployment. */
  name: string;
  environment: string;
  createdAt: Date;
  expiresAt: Date;
  updatedAt: Date;
  idleSeconds: number;
  sha: string;
  url?: string;
  sleeping: boolean;
  terminating: boolean;
  /** Header-routed: the header requests carry (its value is the pull request's number). */
  header?: string;
}

/** Limits for a preview namespace: compute requested, pods, no external exposure. */
export interface QuotaSettings {
  cpu: string;
  memory: string;
  pods: number;
  /** Requests a container without its own gets (a quota on requests needs every pod to have them). */
  defaultCpu: string;
  defaultMemory: string;
}

export const DEFAULT_QUOTA: QuotaSettings = {
  cpu: '4',
  memory: '8Gi',
  pods: 50,
  defaultCpu: '50m',
  defaultMemory: '64Mi',
};

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class PreviewCluster {
  readonly apis: KubeApis;

  constructor(
    kc: KubeConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.apis = new KubeApis(kc);
  }

  async read(name: string): Promise<V1Namespace | undefined> {
    try {
      return await this.apis.core.readNamespace({ name });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw apiError(`read Namespace ${name}`, error);
    }
  }

  /** Whether the object (a namespace, a header preview's object) is the preview `id` describes (labels and repository annotation). */
  static owns(object: { metadata?: V1ObjectMeta }, id: PreviewIdentity): boolean {
    const labels = object.metadata?.labels ?? {};
    const annotations = object.metadata?.annotations ?? {};
    return (
      Object.entries(previewLabels(id)).every(([k, v]) => labels[k] === v) &&
      annotations[ANNOTATION_REPOSITORY]?.toLowerCase() === id.repository.toLowerCase()
    );
  }

  /**
   * Creates the preview's namespace or brings its labels up to date (creation time and expiry stay as
   * first set; the last-update time is now), with its quota. Refused when the namespace exists and is
   * not this preview. Waits for a namespace still being deleted (a pull request closed and reopened).
   */
  async ensure(meta: PreviewMeta, quota: QuotaSettings = DEFAULT_QUOTA): Promise<{ created: boolean }> {
    let existing = await this.read(meta.namespace);
    if (existing && !PreviewCluster.owns(existing, meta))
      throw new PreviewRefused([
        `namespace ${meta.namespace} exists and is not the preview of ${meta.repository}#${meta.pr} ` +
          `(service ${meta.service}): Dial leaves it alone`,
      ]);
    if (existing?.metadata?.deletionTimestamp) {
      await this.waitGone(meta.namespace, 120_000);
      existing = undefined;
    }
    const namespace: KubernetesObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: meta.namespace, ...previewMetadata(meta, existing?.metadata, this.now()) },
    };
    // Taking the fields over (force): nothing but Dial manages a preview's namespace.
    await applyObjects(this.apis, [namespace, ...guardObjects(meta.namespace, quota)], { force: true });
    if (existing?.metadata?.annotations?.[ANNOTATION_SLEEPING] !== undefined) {
      await this.annotate(meta.namespace, { [ANNOTATION_SLEEPING]: null });
    }
    return { created: existing === undefined };
  }

  /** The previews of a repository (every pull request and service), by label. */
  async list(repository: string, pr?: number): Promise<PreviewEntry[]> {
    const selector = previewSelector(repository, pr);
    let items: V1Namespace[];
    try {
      items = (await this.apis.core.listNamespace({ labelSelector: selector })).items;
    } catch (error) {
      throw apiError(`list preview namespaces (${selector})`, error);
    }
    return items.flatMap((ns) => {
      const entry = entryOf(ns, 'namespace', ns.metadata?.name ?? '');
      return entry && entry.repository.toLowerCase() === repository.toLowerCase() ? [entry] : [];
    });
  }

  /** Deletes the namespace (and so everything in it); waits until it is gone, at most `timeoutMs`. */
  async remove(entry: PreviewIdentity, timeoutMs = 120_000): Promise<'removed' | 'gone' | 'deleting'> {
    const existing = await this.read(entry.namespace);
    if (!existing) return 'gone';
    if (!PreviewCluster.owns(existing, entry))
      throw new PreviewRefused([
        `namespace ${entry.namespace} is not the preview of ${entry.repository}#${entry.pr}`,
      ]);
    try {
      await this.apis.core.deleteNamespace({ name: entry.namespace, propagationPolicy: 'Background' });
    } catch (error) {
      if (!isNotFound(error)) throw apiError(`delete Namespace ${entry.namespace}`, error);
    }
    return (await this.waitGone(entry.namespace, timeoutMs)) ? 'removed' : 'deleting';
  }

  /** Every Deployment and StatefulSet scaled to zero; the namespace marked sleeping. */
  async sleep(entry: PreviewIdentity): Promise<string[]> {
    const namespace = entry.namespace;
    const scaled: string[] = [];
    const deployments = await this.apis.apps.listNamespacedDeployment({ namespace });
    for (const d of deployments.items) {
      const name = d.metadata?.name ?? '';
      if ((d.spec?.replicas ?? 1) === 0) continue;
      await this.apis.apps.patchNamespacedDeploymentScale({
        namespace,
        name,
        body: [{ op: 'replace', path: '/spec/replicas', value: 0 }],
      });
      scaled.push(`Deployment ${name}`);
    }
    const sets = await this.apis.apps.listNamespacedStatefulSet({ namespace });
    for (const s of sets.items) {
      const name = s.metadata?.name ?? '';
      if ((s.spec?.replicas ?? 1) === 0) continue;
      await this.apis.apps.patchNamespacedStatefulSetScale({
        namespace,
        name,
        body: [{ op: 'replace', path: '/spec/replicas', value: 0 }],
      });
      scaled.push(`StatefulSet ${name}`);
    }
    await this.annotate(namespace, { [ANNOTATION_SLEEPING]: isoSeconds(this.now()) });
    return scaled;
  }

  private async annotate(name: string, annotations: Record<string, string | null>): Promise<void> {
    const patch = Object.entries(annotations).map(([key, value]) => {
      const path = `/metadata/annotations/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      return value === null ? { op: 'remove', path } : { op: 'add', path, value };
    });
    try {
      await this.apis.core.patchNamespace({ name, body: patch });
    } catch (error) {
      throw apiError(`annotate Namespace ${name}`, error);
    }
  }

  /** True once the namespace is gone; false at the deadline. */
  async waitGone(name: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.read(name)) === undefined) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** The ResourceQuota and LimitRange every preview namespace gets. */
export function guardObjects(namespace: string, quota: QuotaSettings): KubernetesObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'dial-preview', namespace },
      spec: {
        hard: {
          'requests.cpu': quota.cpu,
          'requests.memory': quota.memory,
          pods: String(quota.pods),
          'services.loadbalancers': '0',
          'services.nodeports': '0',
        },
      },
    } as KubernetesObject,
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'dial-preview', namespace },
      spec: {
        limits: [
          { type: 'Container', defaultRequest: { cpu: quota.defaultCpu, memory: quota.defaultMemory } },
        ],
      },
    } as KubernetesObject,
  ];
}

/** The preview's labels (selectable: pull request, repository, expiry) and annotations; created and expiry as first set. */
export function previewMetadata(
  meta: PreviewMeta,
  existing: V1ObjectMeta | undefined,
  now: Date,
): { labels: Record<string, string>; annotations: Record<string, string> } {
  const created = new Date(existing?.annotations?.[ANNOTATION_CREATED] ?? now.toISOString());
  const expires = new Date(created.getTime() + meta.ttlSeconds * 1000);
  return {
    labels: {
      ...previewLabels(meta),
      [LABEL_EXPIRES]: String(Math.floor(expires.getTime() / 1000)),
    },
    annotations: {
      [ANNOTATION_REPOSITORY]: meta.repository,
      [ANNOTATION_CREATED]: isoSeconds(created),
      [ANNOTATION_UPDATED]: isoSeconds(now),
      [ANNOTATION_IDLE]: String(meta.idleSeconds),
      [ANNOTATION_SHA]: meta.sha,
      [ANNOTATION_ENVIRONMENT]: meta.environment,
      ...(meta.url ? { [ANNOTATION_URL]: meta.url } : {}),
    },
  };
}

/** The labels that say whose preview an object is: what down and sweep select and check. */
export function previewLabels(id: PreviewIdentity): Record<string, string> {
  return {
    [LABEL_MANAGED_BY]: 'dial',
    [LABEL_PR]: String(id.pr),
    [LABEL_SERVICE]: id.service,
    [LABEL_REPO]: repositoryLabel(id.repository),
  };
}

/** The label selector of a repository's previews (of one pull request). */
export function previewSelector(repository: string, pr?: number): string {
  return [
    `${LABEL_MANAGED_BY}=dial`,
    `${LABEL_REPO}=${repositoryLabel(repository)}`,
    pr === undefined ? LABEL_PR : `${LABEL_PR}=${pr}`,
  ].join(',');
}

/** The preview an object's labels and annotations describe; `namespace`: where it is (header) or its own name. */
export function entryOf(
  object: { metadata?: V1ObjectMeta },
  mode: PreviewEntry['mode'],
  namespace: string,
): PreviewEntry | undefined {
  const meta = object.metadata ?? {};
  const labels = meta.labels ?? {};
  const annotations = meta.annotations ?? {};
  const pr = Number(labels[LABEL_PR]);
  const repository = annotations[ANNOTATION_REPOSITORY];
  const name = meta.name;
  const service = labels[LABEL_SERVICE];
  if (!Number.isInteger(pr) || !repository || !name || !service) return undefined;
  const created = new Date(annotations[ANNOTATION_CREATED] ?? meta.creationTimestamp ?? 0);
  const expires = new Date(Number(labels[LABEL_EXPIRES] ?? 0) * 1000);
  const url = annotations[ANNOTATION_URL];
  return {
    mode,
    name,
    namespace,
    service,
    pr,
    repository,
    environment: annotations[ANNOTATION_ENVIRONMENT] ?? name,
    createdAt: created,
    expiresAt: expires,
    updatedAt: new Date(annotations[ANNOTATION_UPDATED] ?? created.toISOString()),
    idleSeconds: Number(annotations[ANNOTATION_IDLE] ?? 0),
    sha: annotations[ANNOTATION_SHA] ?? '',
    ...(url ? { url } : {}),
    sleeping: annotations[ANNOTATION_SLEEPING] !== undefined,
    terminating: meta.deletionTimestamp !== undefined,
  };
}
