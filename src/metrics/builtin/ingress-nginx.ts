// ingress-nginx's controller metrics: requests by the Ingress' namespace and the backend Service they
// went to, so the canary Ingress' requests count under `<workload>-canary`. Behind a scrape that keeps
// the target's own `namespace` label (honor_labels: false), the controller's becomes `exported_namespace`:
// set analysis.builtin.namespaceLabel then.
import { trackName, type Arm, type BuiltinTarget, type Matcher } from './promql.js';
import { fixedSource, type BuiltinOptions } from './source.js';

export const NGINX_REQUESTS = 'nginx_ingress_controller_requests';
export const NGINX_DURATION_BUCKET = 'nginx_ingress_controller_request_duration_seconds_bucket';
/** The controller's default --time-buckets (Prometheus' DefBuckets), in seconds. */
export const NGINX_BUCKETS_S: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function matchers(arm: Arm, target: BuiltinTarget, options: BuiltinOptions): Matcher[] {
  return [
    [options.namespaceLabel ?? 'namespace', '=', target.namespace],
    ['service', '=', trackName(target, arm)],
  ];
}

const { histogram, queries, source } = fixedSource({
  name: 'ingress-nginx',
  requests: NGINX_REQUESTS,
  bucket: NGINX_DURATION_BUCKET,
  unit: 's',
  buckets: NGINX_BUCKETS_S,
  failedText: 'status 5xx',
  failed: [['status', '=~', '5..']],
  arm: matchers,
});
export { histogram as nginxHistogram, queries as ingressNginxQueries, source as INGRESS_NGINX_SOURCE };
