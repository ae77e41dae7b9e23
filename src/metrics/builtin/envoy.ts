// Envoy's cluster statistics, as Emissary and the Envoy-based Gateway API implementations that keep one
// Envoy cluster per backend Service expose them (Contour: `<ns>_<svc>_<port>`; Emissary:
// `cluster_<svc>_<ns>…` with `-` and `.` turned into `_`; Cilium `<ns>:<svc>:<port>`). The arm's cluster
// is found by its namespace and per-track Service name as whole words of envoy_cluster_name, in either
// order. Envoy Gateway is not covered: it puts every backendRef of a rule in one cluster (weights as
// localities), so no cluster counts the canary alone — give explicit queries there.
//
// Limits of matching by words: a name mangled by Emissary cannot tell `a-b` from `a_b`, and a Service in
// the same namespace named `<something>_<workload>-canary` after mangling would match too.
import { literal, trackName, type Arm, type BuiltinTarget, type Matcher } from './promql.js';
import { fixedSource } from './source.js';

/** Responses by class (`envoy_response_code_class` 1–5): all of them are the requests that were answered. */
export const ENVOY_RESPONSES = 'envoy_cluster_upstream_rq_xx';
export const ENVOY_DURATION_BUCKET = 'envoy_cluster_upstream_rq_time_bucket';
/** Envoy's default histogram buckets (upstream_rq_time is in ms). */
export const ENVOY_BUCKETS_MS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
  3600000,
];

/** A name as a word of a cluster name: `-` may have become `_`. */
function word(name: string): string {
  return name
    .split('-')
    .map((part) => literal(part))
    .join('[-_]');
}

/**
 * envoy_cluster_name holding the namespace and the Service as whole words (bounded by the start, the
 * end or a separator other than `-`), in either order.
 */
export function envoyClusterPattern(namespace: string, service: string): string {
  const sep = '[^a-zA-Z0-9-]';
  const [ns, svc] = [word(namespace), word(service)];
  const between = `${sep}(.*${sep})?`;
  return `(.*${sep})?(${ns}${between}${svc}|${svc}${between}${ns})(${sep}.*)?`;
}

function matchers(arm: Arm, target: BuiltinTarget): Matcher[] {
  return [['envoy_cluster_name', '=~', envoyClusterPattern(target.namespace, trackName(target, arm))]];
}

const { histogram, queries, source } = fixedSource({
  name: 'envoy',
  requests: ENVOY_RESPONSES,
  bucket: ENVOY_DURATION_BUCKET,
  unit: 'ms',
  buckets: ENVOY_BUCKETS_MS,
  failedText: 'envoy_response_code_class 5',
  failed: [['envoy_response_code_class', '=', '5']],
  arm: matchers,
});
export { histogram as envoyHistogram, queries as envoyQueries, source as ENVOY_SOURCE };
