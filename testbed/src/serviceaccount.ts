// Least-privilege identities for tests: a ServiceAccount bound to a namespaced Role, with a kubeconfig
// that authenticates by a TokenRequest token (as a workload or a CI job would).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  type V1PolicyRule,
} from '@kubernetes/client-node';
import { waitFor } from './proc.js';

export interface NamespacedToken {
  /** A KubeConfig that authenticates as the ServiceAccount. */
  kubeConfig: KubeConfig;
  /** The same as a file (next to the admin kubeconfig unless `dir` is given). */
  file: string;
  token: string;
  /** system:serviceaccount:NAMESPACE:NAME */
  username: string;
}

const ignoreConflict = (err: { code?: number }) => {
  if (err.code !== 409) throw err;
};

/**
 * Creates (or reuses) namespace `namespace`, ServiceAccount `name` in it, a Role `name` with `rules`
 * and a RoleBinding `name`, then requests a token for the ServiceAccount. Resolves once the apiserver's
 * RBAC cache grants the first rule (so the first request of a test is not racing the binding).
 */
export async function makeNamespacedToken(opts: {
  namespace: string;
  name: string;
  rules: V1PolicyRule[];
  /** Admin kubeconfig file; defaults to $KUBECONFIG (the bed's). */
  adminKubeconfig?: string;
  expirationSeconds?: number;
  dir?: string;
}): Promise<NamespacedToken> {
  const { namespace, name, rules } = opts;
  const adminFile = opts.adminKubeconfig ?? process.env.KUBECONFIG;
  if (!adminFile)
    throw new Error('makeNamespacedToken: no admin kubeconfig (set KUBECONFIG or pass adminKubeconfig)');
  const admin = new KubeConfig();
  admin.loadFromFile(adminFile);
  const core = admin.makeApiClient(CoreV1Api);
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);

  await core.createNamespace({ body: { metadata: { name: namespace } } }).catch(ignoreConflict);
  await core
    .createNamespacedServiceAccount({ namespace, body: { metadata: { name } } })
    .catch(ignoreConflict);
  await rbac
    .createNamespacedRole({ namespace, body: { metadata: { name }, rules } })
    .catch(async (err: { code?: number }) => {
      ignoreConflict(err);
      await rbac.replaceNamespacedRole({ name, namespace, body: { metadata: { name }, rules } });
    });
  await rbac
    .createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [{ kind: 'ServiceAccount', name, namespace }],
      },
    })
    .catch(ignoreConflict);
  const tr = await core.createNamespacedServiceAccountToken({
    name,
    namespace,
    body: { spec: { audiences: [], expirationSeconds: opts.expirationSeconds ?? 3600 } },
  });
  const token = tr.status?.token;
  if (!token) throw new Error(`makeNamespacedToken: TokenRequest for ${namespace}/${name} returned no token`);

  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error(`makeNamespacedToken: ${adminFile} has no current cluster`);
  const username = `system:serviceaccount:${namespace}:${name}`;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      { name: cluster.name, server: cluster.server, caData: cluster.caData, caFile: cluster.caFile },
    ],
    users: [{ name: username, token }],
    contexts: [{ name: username, cluster: cluster.name, user: username, namespace }],
    currentContext: username,
  });
  const file = join(opts.dir ?? dirname(adminFile), `sa-${namespace}-${name}.kubeconfig`);
  writeFileSync(file, kubeConfig.exportConfig(), { mode: 0o600 });

  const first = rules.find((r) => r.verbs[0] !== '*' && r.resources?.[0] && r.resources[0] !== '*');
  if (first) {
    const authz = kubeConfig.makeApiClient(AuthorizationV1Api);
    await waitFor(
      `RBAC for ${username}`,
      async () => {
        const review = await authz.createSelfSubjectAccessReview({
          body: {
            spec: {
              resourceAttributes: {
                namespace,
                verb: first.verbs[0],
                group: first.apiGroups?.[0] ?? '',
                resource: first.resources![0],
              },
            },
          },
        });
        return review.status?.allowed ? true : undefined;
      },
      { timeoutMs: 10000, intervalMs: 100 },
    );
  }
  return { kubeConfig, file, token, username };
}
