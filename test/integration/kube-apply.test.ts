// Server-side apply and the rest of the Cluster port (src/kube/apply.ts, cluster.ts) on the real test
// bed: create and idempotent re-apply, a conflict that names the other field manager, manifests sent
// exactly as written (a CRD's schema keys), Namespaces and CRDs first, scaling through the scale
// subresource without touching the pods. Needs the bed (globalSetup starts it, or reuses
// `npm run -s testbed -- up`).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  ApiextensionsV1Api,
  KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { ApplyConflictError, FIELD_MANAGER } from '../../src/kube/apply.js';
import { loadKubeConfig } from '../../src/kube/client.js';
import { KubeCluster } from '../../src/kube/cluster.js';
import { uniqueName } from '../helpers/names.js';

const ns = uniqueName('dial-kube-apply');
const second = uniqueName('dial-kube-apply-b');
const group = `${uniqueName('g')}.dial.test`;

let cluster: KubeCluster;
let kc: KubeConfig;

const configMap = (name: string, data: Record<string, string>, namespace = ns) =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data }) as KubernetesObject;

const deployment = (name: string, replicas: number, image = 'registry.example/web:1') =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
    },
  }) as KubernetesObject;

beforeAll(async () => {
  expect(process.env.KUBECONFIG).toBeTruthy();
  // The kubeconfig as content (an action input from a secret) rather than a path.
  kc = loadKubeConfig({ kubeconfigContent: readFileSync(process.env.KUBECONFIG!, 'utf8') });
  cluster = new KubeCluster(kc);
  await cluster.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
});

afterAll(async () => {
  if (!cluster) return;
  await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', namespace: '', name: ns });
  await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', namespace: '', name: second });
  await cluster.delete({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    namespace: '',
    name: `widgets.${group}`,
  });
});

describe('apply', () => {
  it('creates with field manager dial, and a re-apply changes nothing', async () => {
    const objects = [configMap('settings', { color: 'blue' }), deployment('web', 2)];
    const created = await cluster.apply(objects);
    expect(created.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'ConfigMap/settings',
      'Deployment/web',
    ]);
    for (const o of created) {
      expect(o.metadata?.uid).toBeTruthy();
      expect(o.metadata?.managedFields?.map((m) => `${m.manager}/${m.operation}`)).toContain(
        `${FIELD_MANAGER}/Apply`,
      );
    }
    // Nothing changes: the ConfigMap keeps its version, the Deployment its generation (its status moves on).
    const again = await cluster.apply(objects);
    expect(again[0]?.metadata?.resourceVersion).toBe(created[0]?.metadata?.resourceVersion);
    expect(again[1]?.metadata?.generation).toBe(1);
  });

  it('names the field and the manager that owns it on a conflict, and takes it over with force', async () => {
    // Another tool wrote the field first (kubectl's client-side apply, as a plain update).
    const other = KubernetesObjectApi.makeApiClient(kc);
    await other.create(
      configMap('owned', { color: 'red', size: 'L' }),
      undefined,
      undefined,
      'kubectl-client-side-apply',
    );

    const change = configMap('owned', { color: 'green', size: 'L' });
    let error: unknown;
    try {
      await cluster.apply([change]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApplyConflictError);
    const conflict = error as ApplyConflictError;
    expect(conflict.conflicts).toEqual([{ field: '.data.color', manager: 'kubectl-client-side-apply' }]);
    expect(conflict.message).toBe(
      `ConfigMap ${ns}/owned: field .data.color is owned by manager "kubectl-client-side-apply"; ` +
        'rerun with force, or remove the field from the manifest',
    );

    const [forced] = await cluster.apply([change], { force: true });
    expect((forced as V1ConfigMap).data).toEqual({ color: 'green', size: 'L' });
  });

  it('sends manifests exactly as written, and applies Namespaces and CRDs before what needs them', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
              },
            },
          },
        ],
      },
    };
    const widget = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'w', namespace: second },
      spec: { anything: { goes: [1, 2, 3] } },
    };
    // Given in the "wrong" order: the widget and a ConfigMap in a namespace that comes last.
    const stored = await cluster.apply([
      widget,
      configMap('in-second', { a: '1' }, second),
      crd,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: second } },
    ] as KubernetesObject[]);
    expect(stored.map((o) => o.kind)).toEqual([
      'CustomResourceDefinition',
      'Namespace',
      'Widget',
      'ConfigMap',
    ]);

    const read = await kc
      .makeApiClient(ApiextensionsV1Api)
      .readCustomResourceDefinition({ name: `widgets.${group}` });
    const spec = read.spec.versions[0]?.schema?.openAPIV3Schema?.properties?.spec;
    expect(spec?.x_kubernetes_preserve_unknown_fields).toBe(true);
    expect((stored[2] as unknown as { spec: unknown }).spec).toEqual({ anything: { goes: [1, 2, 3] } });
  });

  it('refuses an invalid object, naming it', async () => {
    const invalid = deployment('invalid', 1);
    delete (invalid as { spec?: { selector?: unknown } }).spec!.selector;
    await expect(cluster.apply([invalid])).rejects.toThrow(
      new RegExp(`^apply Deployment ${ns}/invalid: .*spec\\.selector: Required value.*\\(HTTP 422\\)$`),
    );
  });
});

describe('the rest of the Cluster port', () => {
  it('scales through the scale subresource without touching the pods, and a re-apply keeps working', async () => {
    await cluster.apply([deployment('scaled', 2)]);
    await cluster.waitRollout({ kind: 'Deployment', namespace: ns, name: 'scaled' }, { deadlineSeconds: 20 });
    const before = await cluster.listPods(ns, 'app=scaled');
    const hash = before[0]?.metadata?.labels?.['pod-template-hash'];

    await cluster.scaleDeployment(ns, 'scaled', 3);
    await cluster.waitRollout({ kind: 'Deployment', namespace: ns, name: 'scaled' }, { deadlineSeconds: 20 });
    const after = await cluster.listPods(ns, 'app=scaled');
    expect(after).toHaveLength(3);
    expect(new Set(after.map((p) => p.metadata?.labels?.['pod-template-hash']))).toEqual(new Set([hash]));
    const uids = after.map((p) => p.metadata?.uid);
    for (const p of before) expect(uids).toContain(p.metadata?.uid);

    // Dial applies the same manifest again (a rerun): its own scale is no conflict.
    const [reapplied] = await cluster.apply([deployment('scaled', 2)]);
    expect((reapplied as { spec?: { replicas?: number } }).spec?.replicas).toBe(2);
  });

  it('reads, finds and deletes objects (a missing one is no error)', async () => {
    await cluster.apply([deployment('gone', 1)]);
    expect((await cluster.getDeployment(ns, 'gone'))?.metadata?.name).toBe('gone');
    expect(
      await cluster.exists({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'gone' }),
    ).toBe(true);
    await cluster.delete({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'gone' });
    await cluster.delete({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'gone' });
    expect(await cluster.getDeployment(ns, 'gone')).toBeUndefined();
    expect(
      await cluster.exists({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'gone' }),
    ).toBe(false);
    expect(
      await cluster.exists({ apiVersion: 'nothing.dial.test/v1', kind: 'Nothing', namespace: ns, name: 'x' }),
    ).toBe(false);
  });

  it('sees an autoscaler of a Deployment', async () => {
    expect(await cluster.hasAutoscaler(ns, 'web')).toBe(false);
    await cluster.apply([
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace: ns },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 1,
          maxReplicas: 4,
        },
      } as KubernetesObject,
    ]);
    expect(await cluster.hasAutoscaler(ns, 'web')).toBe(true);
    expect(await cluster.hasAutoscaler(ns, 'other')).toBe(false);
  });

  it('counts its API requests', async () => {
    const before = cluster.requests;
    await cluster.getDeployment(ns, 'web');
    expect(cluster.requests).toBe(before + 1);
  });
});
