// The service's manifests as objects: read from YAML files inside the workspace, images substituted by
// image name, the namespace decided in one stated order. Pure apart from reading the files, so it is
// unit-tested without a cluster.
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// Where each object came from (`k8s/app.yaml document 2`), for messages. Kept beside the objects rather
// than in them, so nothing Dial-specific is ever sent to the cluster.
const origins = new WeakMap<object, string>();

/** `k8s/app.yaml document 2` for an object readManifests returned (or a copy made here), else undefined. */
export function originOf(object: KubernetesObject): string | undefined {
  return origins.get(object);
}

/** `Deployment shop/checkout`, `Namespace shop`: how messages name an object. */
export function describeObject(object: KubernetesObject): string {
  const ns = object.metadata?.namespace;
  return `${object.kind ?? '?'} ${ns ? `${ns}/` : ''}${object.metadata?.name ?? '?'}`;
}

function copyOf<T extends KubernetesObject>(object: T): T {
  const copy = structuredClone(object);
  const origin = origins.get(object);
  if (origin !== undefined) origins.set(copy, origin);
  return copy;
}

/**
 * Reads multi-document YAML manifests, in the order given. Empty documents are skipped and `List` kinds
 * (`List`, `DeploymentList`, ...) flattened into their items. Every object needs apiVersion, kind and
 * metadata.name. `files` come from src/config's resolveManifests (already confined to the workspace);
 * their real paths are checked again here because a symlink may have changed since.
 */
export async function readManifests(files: string[], workspace: string): Promise<KubernetesObject[]> {
  const root = await realpath(workspace);
  const objects: KubernetesObject[] = [];
  for (const file of files) {
    const shown = isAbsolute(file) ? relative(root, file).split(sep).join('/') : file;
    let real: string;
    try {
      real = await realpath(resolve(root, file));
    } catch {
      throw new Error(`manifest ${shown} does not exist`);
    }
    const rel = relative(root, real);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new Error(`manifest ${shown} leads outside the workspace`);
    }
    objects.push(...parseManifests(await readFile(real, 'utf8'), shown));
  }
  return objects;
}

/** Parses one file's text; `file` names it in errors. Exported for tests and for generated manifests. */
export function parseManifests(text: string, file: string): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  const docs = parseAllDocuments(text);
  // parseAllDocuments returns an EmptyStream (not an array) for a file without documents.
  if (!Array.isArray(docs)) return objects;
  for (const [i, doc] of docs.entries()) {
    const where = `${file} document ${i + 1}`;
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const at = e.linePos ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : '';
      throw new Error(`${where}${at}: ${e.message.split('\n')[0]}`);
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isObj(value))
      throw new Error(`${where}: expected a Kubernetes object, found ${describeValue(value)}`);
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      for (const [j, item] of value.items.entries()) objects.push(checked(item, `${where} item ${j + 1}`));
    } else objects.push(checked(value, where));
  }
  return objects;
}

function describeValue(v: unknown): string {
  return Array.isArray(v) ? 'a list' : typeof v === 'string' ? 'a string' : typeof v;
}

function checked(value: unknown, where: string): KubernetesObject {
  if (!isObj(value)) throw new Error(`${where}: expected a Kubernetes object, found ${describeValue(value)}`);
  const missing: string[] = [];
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') missing.push('apiVersion');
  if (typeof value.kind !== 'string' || value.kind === '') missing.push('kind');
  const meta = value.metadata;
  if (!isObj(meta) || typeof meta.name !== 'string' || meta.name === '') missing.push('metadata.name');
  if (missing.length > 0) throw new Error(`${where}: missing ${missing.join(', ')}`);
  const object = value as KubernetesObject;
  origins.set(object, where);
  return object;
}

// ---------------------------------------------------------------------------------------------------
// Images

/**
 * The repository of an image reference: the reference without `@digest` and without `:tag`. A colon
 * before the last `/` is a registry port (`127.0.0.1:5000/x:1` → `127.0.0.1:5000/x`). Docker Hub's
 * implicit prefixes are dropped so `nginx`, `library/nginx` and `docker.io/library/nginx` compare equal,
 * as the container runtime treats them.
 */
export function imageRepository(reference: string): string {
  let repo = reference.trim();
  const at = repo.indexOf('@');
  if (at >= 0) repo = repo.slice(0, at);
  const colon = repo.lastIndexOf(':');
  if (colon > repo.lastIndexOf('/')) repo = repo.slice(0, colon);
  const hub = ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/'].find((p) => repo.startsWith(p));
  if (hub) repo = repo.slice(hub.length);
  if (repo.startsWith('library/') && repo.split('/').length === 2) repo = repo.slice('library/'.length);
  return repo;
}

export interface ImageSubstitution {
  /** The image's repository as dial.yaml names it (`images[].repository`). */
  repository: string;
  /** The reference to deploy (tag and/or digest). */
  ref: string;
}

export interface ImageReplacement {
  /** `Deployment shop/checkout`. */
  object: string;
  container: string;
  from: string;
  to: string;
}

/** Where the pod spec sits, per workload kind. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The pod spec of a workload (Pod, Deployment, ..., CronJob), or undefined for other kinds. */
export function podSpecOf(object: KubernetesObject): Obj | undefined {
  const path = POD_SPEC_PATHS[object.kind ?? ''];
  if (!path) return undefined;
  let at: unknown = object;
  for (const key of path) at = isObj(at) ? at[key] : undefined;
  return isObj(at) ? at : undefined;
}

/**
 * Sets each given image on every container (and init container) of every pod template whose image has
 * the same repository as `repository` or as the ref itself. Returns new objects (the input is not
 * changed), what was replaced, and a warning for each image that matched no container — usually a
 * repository in dial.yaml that differs from the manifests' image.
 */
export function substituteImages(
  objects: readonly KubernetesObject[],
  images: ReadonlyArray<ImageSubstitution>,
): { objects: KubernetesObject[]; replaced: ImageReplacement[]; warnings: string[] } {
  const wanted = images.map((image) => ({
    ...image,
    repos: new Set([imageRepository(image.repository), imageRepository(image.ref)]),
    used: false,
  }));
  const replaced: ImageReplacement[] = [];
  const out = objects.map((original) => {
    if (!podSpecOf(original)) return original;
    const object = copyOf(original);
    const spec = podSpecOf(object)!;
    for (const field of ['initContainers', 'containers']) {
      const containers = spec[field];
      if (!Array.isArray(containers)) continue;
      for (const container of containers) {
        if (!isObj(container) || typeof container.image !== 'string') continue;
        const repo = imageRepository(container.image);
        const image = wanted.find((w) => w.repos.has(repo));
        if (!image) continue;
        image.used = true;
        if (container.image === image.ref) continue;
        replaced.push({
          object: describeObject(object),
          container: String(container.name ?? '?'),
          from: container.image,
          to: image.ref,
        });
        container.image = image.ref;
      }
    }
    return object;
  });
  const warnings = wanted
    .filter((w) => !w.used)
    .map(
      (w) =>
        `image ${w.ref}: no container in the manifests uses repository ${w.repository}` +
        (imageRepository(w.ref) !== imageRepository(w.repository) ? ` or ${imageRepository(w.ref)}` : ''),
    );
  return { objects: out, replaced, warnings };
}

// ---------------------------------------------------------------------------------------------------
// Namespace

/** Kinds that live outside namespaces (plus those of CRDs in the same manifests with scope Cluster). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'IngressClass',
  'GatewayClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ComponentStatus',
  'DeviceClass',
]);

/** Kinds that CRDs among the objects declare as cluster-scoped. */
function clusterScopedCrdKinds(objects: readonly KubernetesObject[]): string[] {
  const kinds: string[] = [];
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition') continue;
    const spec = (o as unknown as Obj).spec;
    if (!isObj(spec) || spec.scope !== 'Cluster' || !isObj(spec.names)) continue;
    if (typeof spec.names.kind === 'string') kinds.push(spec.names.kind);
  }
  return kinds;
}

export function isClusterScoped(object: KubernetesObject, extra: ReadonlySet<string> = new Set()): boolean {
  return CLUSTER_SCOPED_KINDS.has(object.kind ?? '') || extra.has(object.kind ?? '');
}

export interface NamespaceSources {
  /** From an action input or CLI flag (`-n`). */
  input?: string;
  /** From dial.yaml's `namespace`. */
  file?: string;
}

/**
 * The namespace every namespaced object is applied in. Precedence (the README states the same):
 *   1. the `namespace` input / `--namespace` flag;
 *   2. dial.yaml's `namespace`;
 *   3. the manifest's own metadata.namespace;
 *   4. `default`.
 * When 1 or 2 is set, a manifest that names a DIFFERENT namespace is an error (naming the file and the
 * object): Dial never silently moves an object to another namespace. Cluster-scoped kinds (Namespace,
 * ClusterRole, CRDs, ...) get no namespace. Returns new objects and the service's namespace: 1 or 2, else
 * the first namespace a namespaced manifest names, else `default`.
 */
export function resolveNamespace(
  objects: readonly KubernetesObject[],
  sources: NamespaceSources,
): { objects: KubernetesObject[]; namespace: string } {
  const forced = nonEmpty(sources.input) ?? nonEmpty(sources.file);
  const forcedBy = nonEmpty(sources.input) ? 'the namespace input' : 'dial.yaml';
  const extra = new Set(clusterScopedCrdKinds(objects));
  const named = objects.find((o) => !isClusterScoped(o, extra) && nonEmpty(o.metadata?.namespace));
  const namespace = forced ?? nonEmpty(named?.metadata?.namespace) ?? 'default';
  const problems: string[] = [];
  const out = objects.map((original) => {
    const object = copyOf(original);
    object.metadata ??= {};
    const own = nonEmpty(object.metadata.namespace);
    if (isClusterScoped(object, extra)) {
      delete object.metadata.namespace;
      return object;
    }
    if (forced !== undefined && own !== undefined && own !== forced) {
      const where = originOf(original);
      problems.push(
        `${where ? `${where}: ` : ''}${object.kind} ${object.metadata.name} names namespace "${own}" but ` +
          `${forcedBy} sets "${forced}"`,
      );
    }
    object.metadata.namespace = forced ?? own ?? 'default';
    return object;
  });
  if (problems.length > 0) {
    throw new Error(
      `${problems.join('\n')}\nremove metadata.namespace from the manifest or use the same namespace ` +
        '(Dial does not move objects between namespaces)',
    );
  }
  return { objects: out, namespace };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s;
}
