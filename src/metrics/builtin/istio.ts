// Istio's standard metrics, as the destination's sidecar reports them (reporter="destination"): every
// request once, whether it came through a gateway or another sidecar. The arm is the destination
// workload, Dial's `<workload>-canary` / `<workload>-baseline` Deployment, so the queries hold whether the
// VirtualService routes to per-track Services or to DestinationRule subsets.
import { trackName, type Arm, type BuiltinTarget, type Matcher } from './promql.js';
import { fixedSource } from './source.js';

export const ISTIO_REQUESTS = 'istio_requests_total';
export const ISTIO_DURATION_BUCKET = 'istio_request_duration_milliseconds_bucket';
/** Istio's default buckets of istio_request_duration_milliseconds (Envoy's histogram defaults), in ms. */
export const ISTIO_BUCKETS_MS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
  3600000,
];

function matchers(arm: Arm, target: BuiltinTarget): Matcher[] {
  return [
    ['reporter', '=', 'destination'],
    ['destination_workload_namespace', '=', target.namespace],
    ['destination_workload', '=', trackName(target, arm)],
  ];
}

const { histogram, queries, source } = fixedSource({
  name: 'istio',
  requests: ISTIO_REQUESTS,
  bucket: ISTIO_DURATION_BUCKET,
  unit: 'ms',
  buckets: ISTIO_BUCKETS_MS,
  failedText: 'response_code 5xx',
  failed: [['response_code', '=~', '5..']],
  arm: matchers,
});
export { histogram as istioHistogram, queries as istioQueries, source as ISTIO_SOURCE };
