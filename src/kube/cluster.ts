// The Cluster port (src/rollout/ports.ts) over @kubernetes/client-node: what the rollout engine does to
// the cluster, and nothing else. It counts its API requests for the benchmark.
import {
  ApisApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
  type KubernetesObject,
  type V1Deployment,
  type V1Pod,
} from '@kubernetes/client-node';
import type { Cluster, ObjectRef, WaitOptions } from '../rollout/ports.js';
import { apiError, discoveryOf, isNotFound, KubeApis, statusCode } from './api.js';
import { applyObjects, FIELD_MANAGER } from './apply.js';
import { waitRollout, type WorkloadRef } from './wait.js';

export class KubeCluster implements Cluster {
  readonly apis: KubeApis;

  constructor(kc: KubeConfig) {
    this.apis = new KubeApis(kc);
  }

  /** API requests made so far (each watch connection counts as one). */
  get requests(): number {
    return this.apis.requests;
  }

  async getDeployment(namespace: string, name: string): Promise<V1Deployment | undefined> {
    try {
      return await this.apis.apps.readNamespacedDeployment({ namespace, name });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw apiError(`read Deployment ${namespace}/${name}`, err);
    }
  }

  apply(objects: KubernetesObject[], options?: { force?: boolean }): Promise<KubernetesObject[]> {
    return applyObjects(this.apis, objects, options);
  }

  async delete(ref: { apiVersion: string; kind: string; namespace: string; name: string }): Promise<void> {
    const header = {
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      metadata: { name: ref.name, namespace: ref.namespace },
    };
    try {
      // Background: the garbage collector removes the ReplicaSets and pods; the call returns at once.
      await this.apis.objects.delete(header, undefined, undefined, undefined, undefined, 'Background');
    } catch (err) {
      if (isNotFound(err)) return;
      throw apiError(`delete ${ref.kind} ${ref.namespace}/${ref.name}`, err);
    }
  }

  async scaleDeployment(namespace: string, name: string, replicas: number): Promise<void> {
    try {
      // The scale subresource changes spec.replicas only; the pod template (and so the pods) stay as they are.
      await this.apis.apps.patchNamespacedDeploymentScale(
        { namespace, name, body: { spec: { replicas } }, fieldManager: FIELD_MANAGER },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    } catch (err) {
      throw apiError(`scale Deployment ${namespace}/${name} to ${replicas}`, err);
    }
  }

  waitRollout(ref: WorkloadRef, options: WaitOptions): Promise<void> {
    return waitRollout(this.apis, ref, options);
  }

  async exists(ref: {
    apiVersion: string;
    kind: string;
    namespace?: string;
    name: string;
  }): Promise<boolean> {
    const header = {
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      metadata: { name: ref.name, namespace: ref.namespace },
    };
    try {
      await this.apis.objects.read(header);
      return true;
    } catch (err) {
      // A kind the server does not serve (a router's CRD not installed) has no objects either:
      // KubernetesObjectApi says so with a plain Error from its discovery step.
      if (
        isNotFound(err) ||
        (err instanceof Error && err.message.startsWith('Unrecognized API version and kind'))
      ) {
        return false;
      }
      throw apiError(`read ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`, err);
    }
  }

  async hasAutoscaler(namespace: string, deployment: string): Promise<boolean> {
    try {
      const hpas = await this.apis.autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace });
      return hpas.items.some(
        (h) => h.spec?.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === deployment,
      );
    } catch (err) {
      throw apiError(`list HorizontalPodAutoscalers in ${namespace}`, err);
    }
  }

  async get(ref: ObjectRef): Promise<KubernetesObject | undefined> {
    try {
      return plain(await this.apis.objects.read(header(ref)));
    } catch (err) {
      if (isNotFound(err) || unserved(err)) return undefined;
      throw apiError(`read ${describeRef(ref)}`, err);
    }
  }

  async list(ref: {
    apiVersion: string;
    kind: string;
    namespace: string;
    labelSelector?: string;
  }): Promise<KubernetesObject[]> {
    try {
      const list = await this.apis.objects.list(
        ref.apiVersion,
        ref.kind,
        ref.namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        ref.labelSelector,
      );
      return list.items.map((item) => plain(item));
    } catch (err) {
      if (isNotFound(err) || unserved(err)) return [];
      throw apiError(`list ${ref.kind} in ${ref.namespace}`, err);
    }
  }

  async patch(ref: ObjectRef, patch: object): Promise<KubernetesObject | undefined> {
    try {
      // Sent verbatim (withBody): the typed models would drop or rename fields of built-in kinds.
      return plain(
        await this.apis.withBody(JSON.stringify(patch), () =>
          this.apis.objects.patch(
            header(ref),
            undefined,
            undefined,
            FIELD_MANAGER,
            undefined,
            PatchStrategy.MergePatch,
          ),
        ),
      );
    } catch (err) {
      if (statusCode(err) === 409) return undefined;
      throw apiError(`patch ${describeRef(ref)}`, err);
    }
  }

  async apiVersions(group: string): Promise<string[]> {
    // Reused for the process (discoveryOf); asked again when the group is missing (a CRD installed since).
    const discovery = discoveryOf(this.apis.kc);
    let groups = discovery.groups;
    if (!groups?.groups.some((g) => g.name === group)) {
      // Discovery outside the shared client configuration: counted by hand.
      this.apis.countRequest();
      try {
        groups = discovery.groups = await this.apis.kc.makeApiClient(ApisApi).getAPIVersions();
      } catch (err) {
        throw apiError(`discover API group ${group}`, err);
      }
    }
    const found = groups.groups.find((g) => g.name === group);
    if (!found) return [];
    const preferred = found.preferredVersion?.version;
    const versions = found.versions.map((v) => v.version);
    return preferred ? [preferred, ...versions.filter((v) => v !== preferred)] : versions;
  }

  async listPods(namespace: string, labelSelector: string): Promise<V1Pod[]> {
    try {
      return (await this.apis.core.listNamespacedPod({ namespace, labelSelector })).items;
    } catch (err) {
      throw apiError(`list pods in ${namespace} (${labelSelector})`, err);
    }
  }
}

function header(ref: ObjectRef): KubernetesObject & { metadata: { name: string } } {
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
  };
}

function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/**
 * A kind the server does not serve: KubernetesObjectApi says so with a plain Error from discovery (a
 * group version it does not serve at all is a 404 from discovery, isNotFound).
 */
function unserved(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('Unrecognized API version and kind');
}

/** Plain JSON data (client-node's typed models hold timestamps as Date objects). */
function plain(object: KubernetesObject): KubernetesObject {
  return JSON.parse(JSON.stringify(object)) as KubernetesObject;
}
