import { describe, expect, it } from '@jest/globals';
import { formatSeconds, rolloutState } from '../../../src/kube/wait.js';
import { collectionPath } from '../../../src/kube/watch.js';

const deployment = (
  status: Record<string, unknown>,
  spec: Record<string, unknown> = { replicas: 3 },
  generation = 2,
) => ({
  metadata: { generation },
  spec,
  status: { observedGeneration: 2, ...status },
});

describe('rolloutState of a Deployment', () => {
  it('is done when every replica is updated and available and no old one is left', () => {
    const s = rolloutState(
      'Deployment',
      deployment({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
    );
    expect(s).toEqual({ done: true, progress: '3/3 updated, 3/3 available' });
  });

  it('waits while old replicas are still there', () => {
    const s = rolloutState(
      'Deployment',
      deployment({ replicas: 4, updatedReplicas: 3, availableReplicas: 3 }),
    );
    expect(s).toEqual({ done: false, progress: '3/3 updated, 3/3 available, 1 old pending termination' });
  });

  it('waits while replicas are not available', () => {
    const s = rolloutState(
      'Deployment',
      deployment({ replicas: 1, updatedReplicas: 1, availableReplicas: 0 }),
    );
    expect(s).toEqual({ done: false, progress: '1/3 updated, 0/3 available' });
  });

  it('waits until the controller has seen the latest generation', () => {
    const s = rolloutState(
      'Deployment',
      deployment({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
    );
    expect(s.done).toBe(false);
    expect(s.progress).toBe('3/3 updated, 3/3 available (waiting for the controller to see generation 2)');
  });

  it('fails at ProgressDeadlineExceeded', () => {
    const s = rolloutState(
      'Deployment',
      deployment({
        replicas: 3,
        updatedReplicas: 3,
        conditions: [
          { type: 'Available', status: 'False' },
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "web-1" has timed out progressing.',
          },
        ],
      }),
    );
    expect(s.failed).toBe('exceeded its progress deadline (ReplicaSet "web-1" has timed out progressing.)');
  });

  it('defaults to one replica and treats zero as done once scaled down', () => {
    expect(
      rolloutState('Deployment', deployment({ replicas: 1, updatedReplicas: 1, availableReplicas: 1 }, {}))
        .done,
    ).toBe(true);
    expect(rolloutState('Deployment', deployment({}, { replicas: 0 })).done).toBe(true);
  });
});

describe('rolloutState of a StatefulSet', () => {
  const sts = (status: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
    metadata: { generation: 1 },
    spec: { replicas: 2, ...spec },
    status: { observedGeneration: 1, ...status },
  });

  it('is done when the revisions meet and every replica is ready', () => {
    expect(
      rolloutState(
        'StatefulSet',
        sts({ readyReplicas: 2, updatedReplicas: 2, currentRevision: 'b', updateRevision: 'b' }),
      ),
    ).toEqual({ done: true, progress: '2/2 updated, 2/2 ready' });
    expect(
      rolloutState(
        'StatefulSet',
        sts({ readyReplicas: 2, updatedReplicas: 1, currentRevision: 'a', updateRevision: 'b' }),
      ).done,
    ).toBe(false);
    expect(
      rolloutState(
        'StatefulSet',
        sts({ readyReplicas: 1, updatedReplicas: 2, currentRevision: 'b', updateRevision: 'b' }),
      ).done,
    ).toBe(false);
  });

  it('counts only the partition above the partition ordinal', () => {
    const spec = { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } };
    const status = { readyReplicas: 3, updatedReplicas: 1, currentRevision: 'a', updateRevision: 'b' };
    expect(rolloutState('StatefulSet', sts(status, spec)).done).toBe(true);
  });

  it('judges only readiness with OnDelete', () => {
    const status = { readyReplicas: 2, updatedReplicas: 0, currentRevision: 'a', updateRevision: 'b' };
    expect(rolloutState('StatefulSet', sts(status, { updateStrategy: { type: 'OnDelete' } })).done).toBe(
      true,
    );
  });
});

describe('rolloutState of a DaemonSet', () => {
  const ds = (status: Record<string, unknown>) => ({
    metadata: { generation: 1 },
    status: { observedGeneration: 1, ...status },
  });

  it('is done when every desired pod is updated and available', () => {
    expect(
      rolloutState(
        'DaemonSet',
        ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }),
      ),
    ).toEqual({
      done: true,
      progress: '3/3 updated, 3/3 available',
    });
    expect(
      rolloutState(
        'DaemonSet',
        ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 2, numberAvailable: 3 }),
      ).done,
    ).toBe(false);
  });

  it('is not done before the controller has looked at it', () => {
    expect(rolloutState('DaemonSet', { metadata: { generation: 1 }, status: {} }).done).toBe(false);
  });
});

it('refuses kinds without a rollout', () => {
  expect(() => rolloutState('Job', {})).toThrow(
    'cannot wait for the rollout of a Job: only Deployment, StatefulSet, DaemonSet',
  );
});

it.each([
  [0, '0s'],
  [24.4, '24s'],
  [60, '1m'],
  [90, '1m30s'],
  [300, '5m'],
  [3600, '1h'],
  [5400, '1h30m'],
])('formatSeconds(%s) = %s', (s, text) => {
  expect(formatSeconds(s)).toBe(text);
});

it('builds watch paths', () => {
  expect(collectionPath({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'x' })).toBe(
    '/apis/apps/v1/namespaces/shop/deployments',
  );
  expect(collectionPath({ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'x' })).toBe(
    '/api/v1/namespaces/shop/pods',
  );
  expect(
    collectionPath({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'x' }),
  ).toBe('/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
  expect(() => collectionPath({ apiVersion: 'v1', kind: 'Secret', name: 'x' })).toThrow(
    'cannot watch kind Secret',
  );
});
