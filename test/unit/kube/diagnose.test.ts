import { describe, expect, it } from '@jest/globals';
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { eventFindings, podFindings, selectorString, summarize } from '../../../src/kube/diagnose.js';

const pod = (name: string, status: V1Pod['status']): V1Pod => ({ metadata: { name }, status });

const pullBackOff = (name: string) =>
  pod(name, {
    phase: 'Pending',
    conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
    containerStatuses: [
      {
        name: 'web',
        image: 'r.example/web:2',
        imageID: '',
        ready: false,
        restartCount: 0,
        state: {
          waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "r.example/web:2"' },
        },
      },
    ],
  });

const crashing = (name: string, restarts: number) =>
  pod(name, {
    phase: 'Running',
    containerStatuses: [
      {
        name: 'web',
        image: 'r.example/web:2',
        imageID: '',
        ready: false,
        restartCount: restarts,
        state: {
          waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' },
        },
        lastState: { terminated: { exitCode: 1, reason: 'Error' } },
      },
    ],
  });

const unschedulable = (name: string) =>
  pod(name, {
    phase: 'Pending',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: '0/3 nodes are available: 3 Insufficient cpu.',
      },
    ],
  });

describe('podFindings', () => {
  it('names the pod, container and reason of a waiting container', () => {
    expect(podFindings(pullBackOff('web-1'))).toEqual([
      {
        reason: 'ImagePullBackOff',
        rank: 10,
        pod: 'web-1',
        line: 'ImagePullBackOff: pod web-1 container web: Back-off pulling image "r.example/web:2"',
      },
    ]);
  });

  it('tells restarts and the last exit code of a crash loop', () => {
    expect(podFindings(crashing('web-1', 4))[0]?.line).toBe(
      'CrashLoopBackOff: pod web-1 container web: restarted 4 times, last exit code 1 (Error)',
    );
  });

  it("gives the scheduler's message for an unschedulable pod", () => {
    expect(podFindings(unschedulable('web-1'))[0]?.line).toBe(
      'Unschedulable: pod web-1: 0/3 nodes are available: 3 Insufficient cpu.',
    );
  });

  it('reports config errors and failed init containers', () => {
    const p = pod('web-1', {
      phase: 'Pending',
      initContainerStatuses: [
        {
          name: 'migrate',
          image: 'm',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 2, reason: 'Error', message: 'no database' } },
        },
      ],
      containerStatuses: [
        {
          name: 'web',
          image: 'w',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "db" not found' } },
        },
      ],
    });
    expect(podFindings(p).map((f) => f.line)).toEqual([
      'Error: pod web-1 init container migrate: exited with code 2: no database',
      'CreateContainerConfigError: pod web-1 container web: secret "db" not found',
    ]);
  });

  it('falls back to the Ready condition, and finds nothing wrong in a ready pod', () => {
    const notReady = pod('web-1', {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False', message: 'containers with unready status: [web]' }],
    });
    expect(podFindings(notReady)[0]?.line).toBe('NotReady: pod web-1: containers with unready status: [web]');
    expect(
      podFindings(pod('web-2', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] })),
    ).toEqual([]);
  });
});

describe('eventFindings', () => {
  it('keeps Warning events, newest first, with their count', () => {
    const event = (reason: string, type: string, at: string, count = 1): CoreV1Event => ({
      metadata: {},
      involvedObject: { kind: 'Pod', name: 'web-1' },
      reason,
      type,
      message: `${reason} happened`,
      count,
      lastTimestamp: new Date(at),
    });
    const found = eventFindings([
      event('Pulled', 'Normal', '2026-01-01T00:00:03Z'),
      event('Failed', 'Warning', '2026-01-01T00:00:01Z'),
      event('BackOff', 'Warning', '2026-01-01T00:00:02Z', 5),
    ]);
    expect(found.map((f) => f.line)).toEqual([
      'BackOff: pod web-1: BackOff happened (×5)',
      'Failed: pod web-1: Failed happened',
    ]);
  });
});

describe('summarize', () => {
  it('puts the most telling reason first and counts the pods that share it', () => {
    const pods = [unschedulable('web-3'), crashing('web-2', 3), pullBackOff('web-1'), pullBackOff('web-4')];
    const d = summarize(pods.flatMap(podFindings), pods, 'app=web');
    expect(d.summary).toBe(
      'ImagePullBackOff: pod web-1 container web: Back-off pulling image "r.example/web:2" (2 of 4 pods)',
    );
    expect(d.reasons).toEqual(['ImagePullBackOff', 'CrashLoopBackOff', 'Unschedulable']);
    expect(d.details).toHaveLength(4);
  });

  it('says so when there are no pods, or nothing wrong with them', () => {
    expect(summarize([], [], 'app=web').summary).toBe('no pods found for the workload (selector app=web)');
    const ready = pod('web-1', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
    expect(summarize([], [ready], 'app=web').summary).toBe('no failing pod found (1 of 1 pods ready)');
  });

  it('lets a creator event explain missing pods', () => {
    const events: CoreV1Event[] = [
      {
        metadata: {},
        involvedObject: { kind: 'ReplicaSet', name: 'web-7d9f' },
        reason: 'FailedCreate',
        type: 'Warning',
        message: 'pods "web-7d9f-x" is forbidden: exceeded quota: compute',
      },
    ];
    expect(summarize(eventFindings(events), [], 'app=web').summary).toBe(
      'FailedCreate: replicaset web-7d9f: pods "web-7d9f-x" is forbidden: exceeded quota: compute',
    );
  });
});

it('writes label selectors as the API takes them', () => {
  expect(
    selectorString({
      matchLabels: { app: 'web', track: 'canary' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'team', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    }),
  ).toBe('app=web,track=canary,tier in (a,b),env notin (dev),team,!legacy');
  expect(selectorString(undefined)).toBe('');
});
