// Linkerd's proxy metrics as the destination pod's proxy reports them (direction="inbound"), labelled by
// linkerd-viz's Prometheus with the pod's `namespace` and `deployment` (Dial's `<workload>-canary` /
// `<workload>-baseline`). A failed request is what Linkerd classifies as a failure: a 5xx by default (and
// a gRPC status other than OK, or a ServiceProfile's failure class).
import { trackName, type Arm, type BuiltinTarget, type Matcher } from './promql.js';
import { fixedSource, type BuiltinOptions } from './source.js';

export const LINKERD_RESPONSES = 'response_total';
export const LINKERD_LATENCY_BUCKET = 'response_latency_ms_bucket';
/** linkerd2-proxy's fixed response_latency_ms buckets, in ms. */
export const LINKERD_BUCKETS_MS: readonly number[] = [
  1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000, 4000, 5000, 10000, 20000,
  30000, 40000, 50000,
];

function matchers(arm: Arm, target: BuiltinTarget, options: BuiltinOptions): Matcher[] {
  return [
    ['direction', '=', 'inbound'],
    [options.namespaceLabel ?? 'namespace', '=', target.namespace],
    ['deployment', '=', trackName(target, arm)],
  ];
}

const { histogram, queries, source } = fixedSource({
  name: 'linkerd',
  requests: LINKERD_RESPONSES,
  bucket: LINKERD_LATENCY_BUCKET,
  unit: 'ms',
  buckets: LINKERD_BUCKETS_MS,
  failedText: 'classification "failure" (5xx by default)',
  failed: [['classification', '=', 'failure']],
  arm: matchers,
});
export { histogram as linkerdHistogram, queries as linkerdQueries, source as LINKERD_SOURCE };
