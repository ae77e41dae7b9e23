// Rollout waiting by watch (src/kube/wait.ts) and its diagnosis (diagnose.ts) on the real test bed: a
// good Deployment, StatefulSet and DaemonSet roll out; the test bed's kwok failure stages (testbed/src/
// kwok-stages/failures.ts) and the real scheduler make three bad ones fail, each named by its reason within
// a short deadline. Needs the bed (globalSetup starts it, or reuses `npm run -s testbed -- up`).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { loadKubeConfig } from '../../src/kube/client.js';
import { KubeCluster } from '../../src/kube/cluster.js';
import { RolloutFailedError } from '../../src/rollout/ports.js';
import { uniqueName } from '../helpers/names.js';

const ns = uniqueName('dial-kube-wait');
const DEADLINE = 20;

let cluster: KubeCluster;

const deployment = (
  name: string,
  image: string,
  extra: { cpu?: string; progressDeadlineSeconds?: number } = {},
) =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 2,
      ...(extra.progressDeadlineSeconds ? { progressDeadlineSeconds: extra.progressDeadlineSeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'web',
              image,
              ...(extra.cpu ? { resources: { requests: { cpu: extra.cpu } } } : {}),
            },
          ],
        },
      },
    },
  }) as KubernetesObject;

/** The error a wait rejected with; fails when it resolved. */
async function failure(wait: Promise<void>): Promise<RolloutFailedError> {
  try {
    await wait;
  } catch (error) {
    expect(error).toBeInstanceOf(RolloutFailedError);
    return error as RolloutFailedError;
  }
  throw new Error('expected the rollout to fail');
}

beforeAll(async () => {
  expect(process.env.KUBECONFIG).toBeTruthy();
  cluster = new KubeCluster(loadKubeConfig({}));
  await cluster.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
});

afterAll(async () => {
  await cluster?.delete({ apiVersion: 'v1', kind: 'Namespace', namespace: '', name: ns });
});

describe('waitRollout', () => {
  it('resolves once a Deployment has rolled out', async () => {
    await cluster.apply([deployment('good', 'registry.example/web:1')]);
    await cluster.waitRollout(
      { kind: 'Deployment', namespace: ns, name: 'good' },
      { deadlineSeconds: DEADLINE },
    );
    const d = await cluster.getDeployment(ns, 'good');
    expect(d?.status?.availableReplicas).toBe(2);

    // A new template: waits for the new ReplicaSet to take over and the old pods to go.
    const next = deployment('good', 'registry.example/web:2');
    await cluster.apply([next]);
    await cluster.waitRollout(
      { kind: 'Deployment', namespace: ns, name: 'good' },
      { deadlineSeconds: DEADLINE },
    );
    const pods = await cluster.listPods(ns, 'app=good');
    const images = pods
      .filter((p) => !p.metadata?.deletionTimestamp)
      .map((p) => p.spec?.containers[0]?.image);
    expect(images).toEqual(['registry.example/web:2', 'registry.example/web:2']);
  });

  it('resolves once a StatefulSet and a DaemonSet have rolled out', async () => {
    const template = (app: string) => ({
      metadata: { labels: { app } },
      spec: { containers: [{ name: 'web', image: 'registry.example/web:1' }] },
    });
    await cluster.apply([
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: ns },
        spec: {
          replicas: 2,
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: template('db'),
        },
      } as KubernetesObject,
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent', namespace: ns },
        spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent') },
      } as KubernetesObject,
    ]);
    await Promise.all([
      cluster.waitRollout({ kind: 'StatefulSet', namespace: ns, name: 'db' }, { deadlineSeconds: DEADLINE }),
      cluster.waitRollout({ kind: 'DaemonSet', namespace: ns, name: 'agent' }, { deadlineSeconds: DEADLINE }),
    ]);
    expect(await cluster.listPods(ns, 'app=db')).toHaveLength(2);
    expect((await cluster.listPods(ns, 'app=agent')).length).toBeGreaterThanOrEqual(3);
  });

  it('rejects a workload that does not exist', async () => {
    await expect(
      cluster.waitRollout({ kind: 'Deployment', namespace: ns, name: 'nope' }, { deadlineSeconds: 5 }),
    ).rejects.toThrow(`Deployment ${ns}/nope not found`);
  });

  it('refuses kinds it cannot judge', async () => {
    await expect(
      cluster.waitRollout({ kind: 'CronJob', namespace: ns, name: 'x' }, { deadlineSeconds: 5 }),
    ).rejects.toThrow('cannot wait for the rollout of a CronJob');
  });
});

describe('a failed rollout is diagnosed by its reason', () => {
  // The three bad rollouts run at once (each waits out its deadline); each test reads its own result.
  const failures = new Map<string, Promise<RolloutFailedError>>();
  const progress: string[] = [];

  beforeAll(async () => {
    await cluster.apply([
      deployment('pull', 'registry.example/web:pull-error'),
      deployment('crash', 'registry.example/web-crash-loop:1'),
      deployment('huge', 'registry.example/web:1', { cpu: '64' }),
    ]);
    for (const name of ['pull', 'crash', 'huge']) {
      const options =
        name === 'pull'
          ? {
              deadlineSeconds: DEADLINE,
              progressEverySeconds: 2,
              onProgress: (l: string) => progress.push(l),
            }
          : { deadlineSeconds: DEADLINE };
      const wait = failure(cluster.waitRollout({ kind: 'Deployment', namespace: ns, name }, options));
      wait.catch(() => undefined); // awaited by its test
      failures.set(name, wait);
    }
  });

  it('ImagePullBackOff, naming the pod and container', async () => {
    const error = await failures.get('pull')!;
    expect(error.diagnosis.reasons[0]).toBe('ImagePullBackOff');
    expect(error.diagnosis.summary).toMatch(
      /^ImagePullBackOff: pod pull-[a-z0-9]+-[a-z0-9]+ container web: Back-off pulling image "registry\.example\/web:pull-error" \(2 of 2 pods\)$/,
    );
    expect(error.message).toMatch(
      new RegExp(`^Deployment ${ns}/pull did not roll out within 20s: ImagePullBackOff: `),
    );
    expect(error.diagnosis.details.some((d) => d.startsWith('Failed: pod pull-'))).toBe(true);
  });

  it('reports progress while waiting', async () => {
    await failures.get('pull');
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toMatch(
      new RegExp(`^Deployment ${ns}/pull: 2/2 updated, 0/2 available \\(\\d+s of 20s\\)$`),
    );
  });

  it('CrashLoopBackOff, with the restarts and the last exit code', async () => {
    const error = await failures.get('crash')!;
    expect(error.diagnosis.reasons[0]).toBe('CrashLoopBackOff');
    expect(error.diagnosis.summary).toMatch(
      /^CrashLoopBackOff: pod crash-[a-z0-9]+-[a-z0-9]+ container web: restarted \d+ times, last exit code 1 \(Error\)/,
    );
    const restarts = Number(/restarted (\d+) times/.exec(error.diagnosis.summary)![1]);
    expect(restarts).toBeGreaterThanOrEqual(2); // it keeps crashing
    expect(error.diagnosis.details.some((d) => d.startsWith('BackOff: pod crash-'))).toBe(true);
  });

  it("Unschedulable, with the scheduler's message", async () => {
    const error = await failures.get('huge')!;
    expect(error.diagnosis.reasons[0]).toBe('Unschedulable');
    expect(error.diagnosis.summary).toMatch(
      /^Unschedulable: pod huge-[a-z0-9]+-[a-z0-9]+: 0\/3 nodes are available: .*Insufficient cpu/,
    );
    expect(error.diagnosis.reasons).toContain('FailedScheduling');
  });

  it('fails at once when the Deployment exceeds its own progress deadline', async () => {
    await cluster.apply([
      deployment('stuck', 'registry.example/web:pull-error', { progressDeadlineSeconds: 8 }),
    ]);
    const error = await failure(
      cluster.waitRollout({ kind: 'Deployment', namespace: ns, name: 'stuck' }, { deadlineSeconds: 60 }),
    );
    expect(error.message).toMatch(
      new RegExp(`^Deployment ${ns}/stuck exceeded its progress deadline .*ImagePullBackOff: pod stuck-`),
    );
  });
});
