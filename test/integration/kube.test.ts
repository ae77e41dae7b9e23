// The Kubernetes half of the real test bed (issue 3): Deployments become Available with Ready pods on
// kwok nodes, the routers' CRDs validate by their published schemas, and RBAC confines a namespaced
// ServiceAccount. Needs the bed (globalSetup starts it, or reuses `npm run -s testbed -- up`).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
  type V1Deployment,
} from '@kubernetes/client-node';
import { makeNamespacedToken } from '../../testbed/src/serviceaccount.js';
import { uniqueName } from '../helpers/names.js';
import { waitUntil } from '../helpers/wait.js';

const ns = uniqueName('dial-kube');
const other = uniqueName('dial-kube-other');

let kc: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;
let objects: KubernetesObjectApi;

/** The error an API call rejected with (fails the test if it resolved). */
async function rejection(p: Promise<unknown>): Promise<ApiException<unknown>> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiException);
    return err as ApiException<unknown>;
  }
  throw new Error('expected the API call to be rejected');
}

const bodyText = (e: ApiException<unknown>) => (typeof e.body === 'string' ? e.body : JSON.stringify(e.body));

beforeAll(async () => {
  expect(process.env.KUBECONFIG).toBeTruthy();
  kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
  objects = KubernetesObjectApi.makeApiClient(kc);
  for (const name of [ns, other]) await core.createNamespace({ body: { metadata: { name } } });
});

afterAll(async () => {
  for (const name of [ns, other]) await core?.deleteNamespace({ name }).catch(() => undefined);
});

describe('Kubernetes test bed', () => {
  it('runs a Deployment applied through client-node until it is Available with Ready pods', async () => {
    const deployment: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns, labels: { app: 'web' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'web', image: 'registry.example/web:1.0.0', ports: [{ containerPort: 8080 }] },
            ],
          },
        },
      },
    };
    // Server-side apply, as Dial itself applies manifests.
    await objects.patch(deployment, undefined, undefined, 'dial-test', true, 'application/apply-patch+yaml');

    const available = await waitUntil(
      `Deployment ${ns}/web Available with 3 Ready pods`,
      async () => {
        const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
        const ok = d.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True');
        if (ok && d.status?.readyReplicas === 3 && d.status.updatedReplicas === 3) return d;
        throw new Error(
          `Available ${ok ? 'True' : 'not yet'}, ${d.status?.readyReplicas ?? 0} ready, ` +
            `${d.status?.updatedReplicas ?? 0} updated of 3`,
        );
      },
      { timeoutMs: 45_000 },
    );
    expect(available.status?.availableReplicas).toBe(3);

    const rs = await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=web' });
    expect(rs.items).toHaveLength(1);
    expect(rs.items[0]?.metadata?.ownerReferences?.[0]?.name).toBe('web');

    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
    expect(pods.items).toHaveLength(3);
    for (const pod of pods.items) {
      expect(pod.spec?.nodeName).toMatch(/^kwok-node-/);
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      expect(pod.status?.podIP).toBeTruthy();
    }
  });

  it('rejects an HTTPRoute that violates the Gateway API schema, naming the field', async () => {
    const route = (weight: number): KubernetesObject & { spec: unknown } => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: `web-${weight < 0 ? 'bad' : 'good'}`, namespace: ns },
      spec: {
        parentRefs: [{ name: 'gateway' }],
        rules: [
          {
            backendRefs: [
              { name: 'web-stable', port: 80, weight: 100 - Math.abs(weight) },
              { name: 'web-canary', port: 80, weight },
            ],
          },
        ],
      },
    });
    await expect(objects.create(route(10))).resolves.toMatchObject({ kind: 'HTTPRoute' });

    const err = await rejection(objects.create(route(-10)));
    expect(err.code).toBe(422);
    expect(bodyText(err)).toContain('spec.rules[0].backendRefs[1].weight');
    expect(bodyText(err)).toContain('greater than or equal to 0');
  });

  it('installs the routers\u2019 CRDs: each accepts a valid object and rejects an invalid one', async () => {
    const valid: KubernetesObject[] = [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'web', namespace: ns },
        spec: {
          hosts: ['web'],
          http: [
            {
              route: [
                { destination: { host: 'web', subset: 'stable' }, weight: 90 },
                { destination: { host: 'web', subset: 'canary' }, weight: 10 },
              ],
            },
          ],
        },
      } as KubernetesObject,
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'web', namespace: ns },
        spec: {
          host: 'web',
          subsets: [
            { name: 'stable', labels: { track: 'stable' } },
            { name: 'canary', labels: { track: 'canary' } },
          ],
        },
      } as KubernetesObject,
      {
        apiVersion: 'split.smi-spec.io/v1alpha4',
        kind: 'TrafficSplit',
        metadata: { name: 'web', namespace: ns },
        spec: {
          service: 'web',
          backends: [
            { service: 'web-stable', weight: 90 },
            { service: 'web-canary', weight: 10 },
          ],
        },
      } as KubernetesObject,
      {
        apiVersion: 'getambassador.io/v3alpha1',
        kind: 'Mapping',
        metadata: { name: 'web-canary', namespace: ns },
        spec: { hostname: '*', prefix: '/web/', service: 'web-canary:80', weight: 10 },
      } as KubernetesObject,
    ];
    for (const obj of valid) {
      await expect(objects.create(obj)).resolves.toMatchObject({ kind: obj.kind });
    }

    // Each schema is enforced: a weight of the wrong type in each.
    const vs = await rejection(
      objects.create({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'bad', namespace: ns },
        spec: { hosts: ['web'], http: [{ route: [{ destination: { host: 'web' }, weight: 'ninety' }] }] },
      } as KubernetesObject),
    );
    expect(vs.code).toBe(422);
    expect(bodyText(vs)).toContain('spec.http[0].route[0].weight');
    const ts = await rejection(
      objects.create({
        apiVersion: 'split.smi-spec.io/v1alpha4',
        kind: 'TrafficSplit',
        metadata: { name: 'bad', namespace: ns },
        spec: { backends: [{ service: 'web', weight: 100 }] },
      } as KubernetesObject),
    );
    expect(ts.code).toBe(422);
    expect(bodyText(ts)).toContain('spec.service');
    const mapping = await rejection(
      objects.create({
        apiVersion: 'getambassador.io/v3alpha1',
        kind: 'Mapping',
        metadata: { name: 'bad', namespace: ns },
        spec: { prefix: '/web/', service: 'web:80', weight: 'ten' },
      } as KubernetesObject),
    );
    expect(mapping.code).toBe(422);
    expect(bodyText(mapping)).toContain('spec.weight');
  });

  it('confines a ServiceAccount with a namespaced Role to its namespace (403 outside it)', async () => {
    const sa = await makeNamespacedToken({
      namespace: ns,
      name: 'dial-deployer',
      rules: [
        {
          apiGroups: ['apps'],
          resources: ['deployments'],
          verbs: ['get', 'list', 'watch', 'patch', 'update'],
        },
      ],
    });
    expect(sa.username).toBe(`system:serviceaccount:${ns}:dial-deployer`);
    const saApps = sa.kubeConfig.makeApiClient(AppsV1Api);

    const inside = await saApps.listNamespacedDeployment({ namespace: ns });
    expect(Array.isArray(inside.items)).toBe(true);

    const outside = await rejection(saApps.listNamespacedDeployment({ namespace: other }));
    expect(outside.code).toBe(403);
    expect(bodyText(outside)).toContain(`system:serviceaccount:${ns}:dial-deployer`);

    const clusterWide = await rejection(saApps.listDeploymentForAllNamespaces());
    expect(clusterWide.code).toBe(403);
    const notGranted = await rejection(
      sa.kubeConfig.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace: ns }),
    );
    expect(notGranted.code).toBe(403);

    // The kubeconfig file says the same as the object: the same identity, the same confinement.
    const fromFile = new KubeConfig();
    fromFile.loadFromFile(sa.file);
    expect(fromFile.getCurrentUser()?.name).toBe(sa.username);
    const fileApps = fromFile.makeApiClient(AppsV1Api);
    await expect(fileApps.listNamespacedDeployment({ namespace: ns })).resolves.toHaveProperty('items');
    expect((await rejection(fileApps.listNamespacedDeployment({ namespace: other }))).code).toBe(403);
  });
});
