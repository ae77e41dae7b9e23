// Server-side apply with one field manager, `dial`: the API server merges, tracks which fields Dial owns
// and refuses to silently take fields another manager owns (an ApplyConflictError naming them).
import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { apiError, statusBody, statusCode, type KubeApis } from './api.js';
import { describeObject } from './manifests.js';
import { waitForObject } from './watch.js';

export const FIELD_MANAGER = 'dial';

/** How long to wait for a CRD applied in the same batch to be Established before its objects. */
const CRD_ESTABLISHED_MS = 30_000;

export interface FieldConflict {
  /** `.spec.replicas` */
  field: string;
  /** The field manager that owns it (`kubectl-client-side-apply`, `kubectl-edit`, `helm`, ...). */
  manager: string;
}

export class ApplyConflictError extends Error {
  constructor(
    message: string,
    /** `Deployment shop/checkout` */
    readonly object: string,
    readonly conflicts: FieldConflict[],
  ) {
    super(message);
    this.name = 'ApplyConflictError';
  }
}

/**
 * Namespaces and CRDs first (the rest may live in or be instances of them), then everything else in the
 * order given (file order), which is the order authors expect and kubectl uses.
 */
export function applyOrder<T extends KubernetesObject>(objects: readonly T[]): T[] {
  const first = (o: T) => o.kind === 'Namespace' || o.kind === 'CustomResourceDefinition';
  return [...objects.filter(first), ...objects.filter((o) => !first(o))];
}

/**
 * Applies the objects in applyOrder with field manager `dial`; `force` takes conflicting fields over
 * from other managers. Stops at the first failure (the objects after it are not applied). Returns the
 * objects as the server stored them, in apply order.
 */
export async function applyObjects(
  apis: KubeApis,
  objects: readonly KubernetesObject[],
  options: { force?: boolean } = {},
): Promise<KubernetesObject[]> {
  const stored: KubernetesObject[] = [];
  const crds: string[] = [];
  for (const object of applyOrder(objects)) {
    if (object.kind !== 'CustomResourceDefinition' && crds.length > 0) {
      // Objects of a CRD applied just now are refused until the API server serves its kind.
      await Promise.all(crds.splice(0).map((name) => waitEstablished(apis, name)));
    }
    stored.push(await applyOne(apis, object, options.force ?? false));
    if (object.kind === 'CustomResourceDefinition') crds.push(object.metadata!.name!);
  }
  await Promise.all(crds.map((name) => waitEstablished(apis, name)));
  return stored;
}

async function applyOne(apis: KubeApis, object: KubernetesObject, force: boolean): Promise<KubernetesObject> {
  const what = describeObject(object);
  // The body goes verbatim (withBody); the header is all patch() needs to build the URL. managedFields
  // must not be sent in an apply (the server refuses it), so a manifest exported with them still works.
  const { managedFields: _managed, resourceVersion: _rv, ...metadata } = object.metadata ?? {};
  const body = JSON.stringify({ ...object, metadata });
  const header: KubernetesObject = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: { name: object.metadata?.name, namespace: object.metadata?.namespace },
  };
  const patch = (withForce: boolean) =>
    apis.withBody(body, () =>
      apis.objects.patch(
        header,
        undefined,
        undefined,
        FIELD_MANAGER,
        withForce,
        PatchStrategy.ServerSideApply,
      ),
    );
  try {
    return await patch(force);
  } catch (err) {
    const conflicts = statusCode(err) === 409 ? fieldConflicts(err) : [];
    if (conflicts.length > 0 && conflicts.every((c) => c.manager === FIELD_MANAGER)) {
      // Dial's own earlier update (scaleDeployment's PATCH of the scale subresource is recorded as manager
      // `dial`, operation Update, apart from its applies): taking its own field back is no conflict.
      try {
        return await patch(true);
      } catch (retry) {
        throw apiError(`apply ${what}`, retry);
      }
    }
    if (conflicts.length > 0) throw new ApplyConflictError(conflictMessage(what, conflicts), what, conflicts);
    throw apiError(`apply ${what}`, err);
  }
}

/** The field/manager pairs of a 409 from server-side apply (Status details.causes, FieldManagerConflict). */
export function fieldConflicts(err: unknown): FieldConflict[] {
  const causes = statusBody(err)?.details?.causes ?? [];
  const out: FieldConflict[] = [];
  for (const cause of causes) {
    if (cause.reason !== 'FieldManagerConflict') continue;
    const manager = /conflict with "([^"]*)"/.exec(cause.message ?? '')?.[1];
    out.push({ field: cause.field ?? '?', manager: manager ?? '(unknown manager)' });
  }
  return out;
}

/**
 * `Deployment shop/checkout: field .spec.replicas is owned by manager "kubectl-client-side-apply"; rerun
 * with force, or remove the field from the manifest`, with the fields grouped by manager.
 */
export function conflictMessage(what: string, conflicts: readonly FieldConflict[]): string {
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
  const parts = [...byManager].map(([manager, fields]) =>
    fields.length === 1
      ? `field ${fields[0]} is owned by manager "${manager}"`
      : `fields ${fields.join(', ')} are owned by manager "${manager}"`,
  );
  const them = conflicts.length === 1 ? 'the field' : 'the fields';
  return `${what}: ${parts.join('; ')}; rerun with force, or remove ${them} from the manifest`;
}

async function waitEstablished(apis: KubeApis, name: string): Promise<void> {
  await waitForObject(
    apis,
    { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name },
    (crd) => {
      const conditions = (crd as { status?: { conditions?: Array<{ type?: string; status?: string }> } })
        ?.status?.conditions;
      return conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    },
    { timeoutMs: CRD_ESTABLISHED_MS, what: `CustomResourceDefinition ${name} Established` },
  );
}
