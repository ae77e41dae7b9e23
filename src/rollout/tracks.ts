// The canary model for a Deployment: the stable workload keeps serving untouched; a canary workload runs
// the new pod template and a baseline workload runs the stable template with the canary's replica count,
// so the analysis compares pods of the same age and size. Every pod Dial makes carries a track label the
// metrics can split on. Pure functions: the objects to apply, given the stable Deployment.
import type { V1Deployment, V1PodTemplateSpec } from '@kubernetes/client-node';

export const TRACK_LABEL = 'dial.dev/track';
export const SERVICE_LABEL = 'dial.dev/service';
export const RELEASE_ANNOTATION = 'dial.dev/release';
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'dial' } as const;
/**
 * Carried by canary and baseline pods alike, so one Service can select both arms of the comparison
 * (ingress-nginx allows one canary backend per host and path). Stable pods never carry it.
 */
export const COMPARED_LABEL = 'dial.dev/compared';

export type Track = 'stable' | 'baseline' | 'canary';

/** `checkout`, `checkout-baseline`, `checkout-canary`. */
export function trackName(workload: string, track: Track): string {
  return track === 'stable' ? workload : `${workload}-${track}`;
}

/** A deep copy through JSON: templates are plain data, and the record stores them as JSON anyway. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A pod template as Dial applies it: the track label set, and nothing the server or the Deployment
 * controller adds (`pod-template-hash`), so a template read back from the cluster applies cleanly.
 */
export function withTrack(template: V1PodTemplateSpec, track: Track): V1PodTemplateSpec {
  const t = clone(template);
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  labels[TRACK_LABEL] = track;
  if (track === 'stable') delete labels[COMPARED_LABEL];
  else labels[COMPARED_LABEL] = 'true';
  t.metadata = { ...(t.metadata ?? {}), labels };
  delete t.metadata.creationTimestamp;
  return t;
}

export interface TrackDeploymentInput {
  /** The stable Deployment as the cluster has it: its selector and metadata labels are reused. */
  stable: V1Deployment;
  template: V1PodTemplateSpec;
  track: Exclude<Track, 'stable'>;
  replicas: number;
  service: string;
  release: string;
}

/**
 * The canary or baseline Deployment. Its selector is the stable's plus the track label, so it owns only
 * its own pods; the stable's selector (immutable) still matches them, but a Deployment never adopts pods
 * or ReplicaSets another controller owns, so the stable's pods are left as they are.
 */
export function trackDeployment(input: TrackDeploymentInput): V1Deployment {
  const { stable, track } = input;
  const name = stable.metadata?.name ?? '';
  const namespace = stable.metadata?.namespace;
  const selector = { ...(stable.spec?.selector?.matchLabels ?? {}), [TRACK_LABEL]: track };
  const template = withTrack(input.template, track);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: trackName(name, track),
      ...(namespace ? { namespace } : {}),
      labels: {
        ...(stable.metadata?.labels ?? {}),
        ...MANAGED_BY,
        [SERVICE_LABEL]: input.service,
        [TRACK_LABEL]: track,
      },
      annotations: { [RELEASE_ANNOTATION]: input.release },
    },
    spec: {
      replicas: input.replicas,
      selector: {
        matchLabels: selector,
        ...(stable.spec?.selector?.matchExpressions
          ? { matchExpressions: stable.spec.selector.matchExpressions }
          : {}),
      },
      template,
      ...(stable.spec?.minReadySeconds !== undefined ? { minReadySeconds: stable.spec.minReadySeconds } : {}),
      ...(stable.spec?.progressDeadlineSeconds !== undefined
        ? { progressDeadlineSeconds: stable.spec.progressDeadlineSeconds }
        : {}),
    },
  };
}

/**
 * The stable Deployment with the promoted template: only the fields Dial sets (template, and replicas
 * unless an autoscaler owns them), so server-side apply leaves every other field to its owner.
 */
export function promotedStable(
  stable: V1Deployment,
  template: V1PodTemplateSpec,
  replicas: number | undefined,
  service: string,
  release: string,
): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: stable.metadata?.name ?? '',
      ...(stable.metadata?.namespace ? { namespace: stable.metadata.namespace } : {}),
      annotations: { [RELEASE_ANNOTATION]: release },
      labels: { [SERVICE_LABEL]: service },
    },
    spec: {
      ...(replicas !== undefined ? { replicas } : {}),
      selector: clone(stable.spec?.selector ?? {}),
      template: withTrack(template, 'stable'),
    },
  };
}
