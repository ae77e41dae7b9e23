// Traefik's service metrics for the Gateway API provider. Traefik names the service of a backendRef
// after its namespace, Service and port — `<ns>-<svc>-<port>@kubernetesgateway`, and in 3.6
// `<ns>-<svc>-<portname>-<port>@kubernetesgateway` — so the arm is matched by a regular expression on the
// namespace and the per-track Service name, not on the whole label. Since `-` joins the parts, a
// Service named `<workload>-canary-<x>` in the same namespace with a port named like a number would match
// too; keep such names apart.
import { literal, trackName, type Arm, type BuiltinTarget, type Matcher } from './promql.js';
import { fixedSource } from './source.js';

export const TRAEFIK_REQUESTS = 'traefik_service_requests_total';
export const TRAEFIK_DURATION_BUCKET = 'traefik_service_request_duration_seconds_bucket';
/** Traefik's default metrics buckets, in seconds (the test bed sets finer ones). */
export const TRAEFIK_BUCKETS_S: readonly number[] = [0.1, 0.3, 1.2, 5];

/** The `service` label of a backend Service, with or without the port name. */
export function traefikServicePattern(namespace: string, service: string): string {
  return `${literal(`${namespace}-${service}`)}-([a-z0-9-]+-)?[0-9]+@kubernetesgateway`;
}

function matchers(arm: Arm, target: BuiltinTarget): Matcher[] {
  return [['service', '=~', traefikServicePattern(target.namespace, trackName(target, arm))]];
}

const { histogram, queries, source } = fixedSource({
  name: 'traefik',
  requests: TRAEFIK_REQUESTS,
  bucket: TRAEFIK_DURATION_BUCKET,
  unit: 's',
  buckets: TRAEFIK_BUCKETS_S,
  failedText: 'code 5xx',
  failed: [['code', '=~', '5..']],
  arm: matchers,
});
export { histogram as traefikHistogram, queries as traefikQueries, source as TRAEFIK_SOURCE };
