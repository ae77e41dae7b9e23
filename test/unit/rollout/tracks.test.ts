import { describe, expect, it } from '@jest/globals';
import type { V1Deployment, V1PodTemplateSpec } from '@kubernetes/client-node';
import {
  promotedStable,
  RELEASE_ANNOTATION,
  SERVICE_LABEL,
  TRACK_LABEL,
  trackDeployment,
  trackName,
  withTrack,
  COMPARED_LABEL,
} from '../../../src/rollout/tracks.js';

const stable: V1Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web', team: 'a' }, resourceVersion: '7' },
  spec: {
    replicas: 10,
    minReadySeconds: 5,
    progressDeadlineSeconds: 120,
    selector: {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }],
    },
    template: {
      metadata: {
        labels: { app: 'web', tier: 'fe', 'pod-template-hash': 'abc' },
        creationTimestamp: new Date(0),
      },
      spec: { containers: [{ name: 'web', image: 'web:1' }] },
    },
  },
};

describe('tracks', () => {
  it('names the tracks after the workload', () => {
    expect([trackName('web', 'stable'), trackName('web', 'baseline'), trackName('web', 'canary')]).toEqual([
      'web',
      'web-baseline',
      'web-canary',
    ]);
  });

  it('labels a template with its track and drops what the server adds, without touching the input', () => {
    const input = stable.spec!.template;
    const before = JSON.stringify(input);
    const t = withTrack(input, 'canary');
    // Both arms of the comparison carry the compared label; the stable never does.
    expect(t.metadata?.labels).toEqual({
      app: 'web',
      tier: 'fe',
      [TRACK_LABEL]: 'canary',
      [COMPARED_LABEL]: 'true',
    });
    expect(t.metadata?.creationTimestamp).toBeUndefined();
    expect(JSON.stringify(input)).toBe(before);
    expect(
      withTrack({ metadata: { labels: { [COMPARED_LABEL]: 'true' } } } as V1PodTemplateSpec, 'stable')
        .metadata?.labels,
    ).toEqual({ [TRACK_LABEL]: 'stable' });
  });

  it('builds a canary Deployment that selects only its own pods', () => {
    const d = trackDeployment({
      stable,
      template: {
        metadata: { labels: { app: 'web', tier: 'fe' } },
        spec: { containers: [{ name: 'web', image: 'web:2' }] },
      },
      track: 'canary',
      replicas: 2,
      service: 'web',
      release: 'web-2',
    });
    expect(d.metadata).toEqual({
      name: 'web-canary',
      namespace: 'shop',
      labels: {
        app: 'web',
        team: 'a',
        'app.kubernetes.io/managed-by': 'dial',
        [SERVICE_LABEL]: 'web',
        [TRACK_LABEL]: 'canary',
      },
      annotations: { [RELEASE_ANNOTATION]: 'web-2' },
    });
    expect(d.spec?.replicas).toBe(2);
    expect(d.spec?.selector).toEqual({
      matchLabels: { app: 'web', [TRACK_LABEL]: 'canary' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }],
    });
    // the template satisfies its own selector
    const labels = d.spec?.template.metadata?.labels ?? {};
    for (const [k, v] of Object.entries(d.spec?.selector.matchLabels ?? {})) expect(labels[k]).toBe(v);
    expect(d.spec?.minReadySeconds).toBe(5);
    expect(d.spec?.progressDeadlineSeconds).toBe(120);
  });

  it('promotes with only the fields Dial owns: the same selector, the template, replicas unless autoscaled', () => {
    const tpl = {
      metadata: { labels: { app: 'web', tier: 'fe' } },
      spec: { containers: [{ name: 'web', image: 'web:2' }] },
    };
    const p = promotedStable(stable, tpl, 4, 'web', 'web-2');
    expect(p.spec?.selector).toEqual(stable.spec?.selector);
    expect(p.spec?.replicas).toBe(4);
    expect(p.spec?.template.metadata?.labels?.[TRACK_LABEL]).toBe('stable');
    expect(p.metadata?.annotations).toEqual({ [RELEASE_ANNOTATION]: 'web-2' });
    expect(p.metadata?.resourceVersion).toBeUndefined();
    expect(p.spec?.minReadySeconds).toBeUndefined();
    expect('replicas' in promotedStable(stable, tpl, undefined, 'web', 'web-2').spec!).toBe(false);
  });
});
