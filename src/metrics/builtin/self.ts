// The replica-ratio router has no proxy to count requests, so the builtin queries read the service's own
// metrics, split by the track Dial gives every pod it makes (the pod label `dial.dev/track`: canary,
// baseline). Prometheus must carry that label over from the pod, in the scrape config of the service's
// pods (kubernetes_sd_configs, role pod or endpoints):
//
//   relabel_configs:
//     - source_labels: [__meta_kubernetes_pod_label_dial_dev_track]
//       target_label: track
//
// (a PodMonitor/ServiceMonitor: `podTargetLabels: [dial.dev/track]` gives the label `dial_dev_track`; set
// analysis.builtin.trackLabel to it). The usual `namespace` and `pod` target labels (kube-prometheus and
// Prometheus' example configuration set both) tell this service's pods from another's on the same track:
// its canary pods are named `<workload>-canary-<hash>-<id>`.
//
// Defaults: http_requests_total{code} and http_request_duration_seconds_bucket (client_golang's and
// prom-client's names and default buckets), every one configurable in analysis.builtin.
import {
  errorQueries,
  latencyQueries,
  literal,
  trackName,
  type Arm,
  type ArmQueries,
  type BuiltinMetric,
  type BuiltinTarget,
  type Histogram,
  type Matcher,
} from './promql.js';
import type { BuiltinOptions, BuiltinSource } from './source.js';

export const SELF_REQUESTS = 'http_requests_total';
export const SELF_DURATION = 'http_request_duration_seconds';
/** client_golang's and prom-client's default buckets, in seconds. */
export const SELF_BUCKETS_S: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function matchers(arm: Arm, target: BuiltinTarget, options: BuiltinOptions): Matcher[] {
  return [
    [options.namespaceLabel ?? 'namespace', '=', target.namespace],
    [options.trackLabel ?? 'track', '=', arm],
    ['pod', '=~', `${literal(trackName(target, arm))}-[a-z0-9]+-[a-z0-9]+`],
  ];
}

export function selfHistogram(options: BuiltinOptions = {}): Histogram {
  const unit = options.durationUnit ?? 's';
  return {
    bucket: `${options.duration ?? SELF_DURATION}_bucket`,
    unit,
    buckets: options.buckets ?? (unit === 's' ? SELF_BUCKETS_S : SELF_BUCKETS_S.map((b) => b * 1000)),
  };
}

/** bad = a 5xx in the code label (errors), or slower than the threshold's bucket (latency). */
export function selfQueries(
  arm: Arm,
  target: BuiltinTarget,
  metric: BuiltinMetric,
  options: BuiltinOptions = {},
): ArmQueries {
  return metric.metric === 'errors'
    ? errorQueries(options.requests ?? SELF_REQUESTS, matchers(arm, target, options), [
        [options.codeLabel ?? 'code', '=~', '5..'],
      ])
    : latencyQueries(selfHistogram(options), matchers(arm, target, options), metric.thresholdMs);
}

export const SELF_SOURCE: BuiltinSource = {
  name: 'self',
  metrics: (options = {}) => ({
    requests: options.requests ?? SELF_REQUESTS,
    histogram: selfHistogram(options).bucket,
  }),
  failed: (options = {}) => `${options.codeLabel ?? 'code'} 5xx`,
  queries: selfQueries,
};
