import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Cluster } from '../../../src/rollout/ports.js';
import { createRouter } from '../../../src/traffic/index.js';
import type { RouterTarget } from '../../../src/traffic/objects.js';
import { ReplicaRouter } from '../../../src/traffic/replicas.js';
import {
  resolveUserService,
  stablePodTemplateHash,
  TrackServices,
} from '../../../src/traffic/track-services.js';
import { shop, webService } from './fake-cluster.js';

const target: RouterTarget = {
  namespace: 'shop',
  workload: 'web',
  service: 'web',
  config: { type: 'gateway-api' },
};

describe('stablePodTemplateHash', () => {
  it("is the hash of the ReplicaSet the Deployment owns at the Deployment's revision", async () => {
    const cluster = shop();
    expect(await stablePodTemplateHash(cluster, 'shop', 'web')).toBe('abc123');
    // A ReplicaSet of the same labels and revision that another Deployment owns does not count.
    cluster.objects.delete('ReplicaSet/web-abc123');
    cluster.seed({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-canary-zzz',
        labels: { app: 'web', 'pod-template-hash': 'zzz' },
        annotations: { 'deployment.kubernetes.io/revision': '2' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web-canary', uid: 'uid-web-canary' },
        ],
      },
    } as KubernetesObject);
    await expect(stablePodTemplateHash(cluster, 'shop', 'web')).rejects.toThrow(
      /no ReplicaSet of its revision 2/,
    );
    // A new revision: its ReplicaSet's hash.
    cluster.seedDeployment('web', { app: 'web' }, 'def456', '3');
    expect(await stablePodTemplateHash(cluster, 'shop', 'web')).toBe('def456');
  });

  it('says so when the Deployment controller has not made the ReplicaSet yet', async () => {
    const cluster = shop();
    cluster.seed({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', annotations: {} },
      spec: { selector: { matchLabels: { app: 'web' } } },
    } as KubernetesObject);
    await expect(stablePodTemplateHash(cluster, 'shop', 'web')).rejects.toThrow(
      /no ReplicaSet of its revision \(none yet\).*has not caught up/,
    );
  });
});

describe('TrackServices', () => {
  it("makes the per-track Services from the user's selector and ports, and removes only its own", async () => {
    const cluster = shop();
    const services = new TrackServices(cluster, target);
    await services.ensure('web', ['stable', 'canary', 'baseline', 'canary-and-baseline']);
    const spec = (name: string) => (cluster.object('Service', name) as unknown as { spec: unknown }).spec;
    const ports = [
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, protocol: 'TCP' },
    ];
    expect(spec('web-stable')).toEqual({
      type: 'ClusterIP',
      selector: { app: 'web', 'pod-template-hash': 'abc123' },
      ports,
    });
    expect(spec('web-canary')).toEqual({
      type: 'ClusterIP',
      selector: { app: 'web', 'dial.dev/track': 'canary' },
      ports,
    });
    expect(spec('web-baseline')).toMatchObject({ selector: { app: 'web', 'dial.dev/track': 'baseline' } });
    expect(spec('web-canary-and-baseline')).toMatchObject({
      selector: { app: 'web', 'dial.dev/compared': 'true' },
    });
    expect(cluster.object('Service', 'web-canary')?.metadata?.labels).toEqual({
      'app.kubernetes.io/managed-by': 'dial',
      'dial.dev/service': 'web',
      'dial.dev/track': 'canary',
    });
    // The user's Service is untouched; a second ensure writes nothing.
    expect(cluster.content('Service', 'web')).toMatchObject({
      spec: (webService() as unknown as { spec: unknown }).spec,
    });
    cluster.writes.length = 0;
    await services.ensure('web', ['stable', 'canary']);
    expect(cluster.writes).toEqual([]);
    // The stable's selector follows a new revision.
    cluster.seedDeployment('web', { app: 'web' }, 'fff999', '5');
    await services.ensure('web', ['stable']);
    expect(spec('web-stable')).toMatchObject({ selector: { 'pod-template-hash': 'fff999' } });
    cluster.seed(webService('web-other'));
    await services.remove('web');
    expect(cluster.names('Service')).toEqual(['web', 'web-other']);
  });

  it("refuses to take over a Service of that name that is not Dial's", async () => {
    const cluster = shop();
    cluster.seed(webService('web-canary'));
    await expect(new TrackServices(cluster, target).ensure('web', ['canary'])).rejects.toThrow(
      /Service shop\/web-canary exists and is not Dial's/,
    );
    await new TrackServices(cluster, target).remove('web');
    expect(cluster.names('Service')).toEqual(['web', 'web-canary']);
  });

  it('finds the user Service by name, else by the one selecting the stable pods', async () => {
    const cluster = shop();
    cluster.seed(webService('web-v2'));
    cluster.seed(webService('assets', { app: 'assets' }));
    expect(await resolveUserService(cluster, target, ['assets', 'web'], 'r')).toBe('web');
    expect(
      await resolveUserService(cluster, { ...target, service: 'checkout' }, ['assets', 'web'], 'r'),
    ).toBe('web');
    await expect(
      resolveUserService(cluster, { ...target, service: 'x' }, ['web', 'web-v2'], 'r'),
    ).rejects.toThrow(/r routes to Services web, web-v2; web and web-v2 all select the pods/);
  });
});

describe('createRouter', () => {
  it('makes the router dial.yaml names', () => {
    const cluster = shop() as Cluster;
    const types = ['replicas', 'gateway-api', 'istio', 'smi', 'ingress-nginx', 'emissary'] as const;
    for (const type of types) expect(createRouter({ type }, cluster, target).type).toBe(type);
    expect(createRouter({ type: 'replicas' }, cluster, target)).toBeInstanceOf(ReplicaRouter);
    expect(() => createRouter({ type: 'linkerd' as 'smi' }, cluster, target)).toThrow(
      /router.type linkerd is not one Dial knows/,
    );
  });
});
