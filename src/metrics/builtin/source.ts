// The shape every builtin metrics source has, so the index, the plan and the analysis treat them alike.
import {
  errorQueries,
  latencyQueries,
  type Arm,
  type ArmQueries,
  type BuiltinMetric,
  type BuiltinTarget,
  type Histogram,
  type Matcher,
} from './promql.js';

export type BuiltinSourceName = 'istio' | 'envoy' | 'linkerd' | 'ingress-nginx' | 'traefik' | 'self';

/** What differs from a source's defaults: dial.yaml's `analysis.builtin`. */
export interface BuiltinOptions {
  /** Latency histogram bucket bounds, in the histogram's own unit. */
  buckets?: readonly number[];
  /** self: the request counter (default `http_requests_total`). */
  requests?: string;
  /** self: the duration histogram without `_bucket` (default `http_request_duration_seconds`). */
  duration?: string;
  /** self: the unit of the duration histogram (default `s`). */
  durationUnit?: 's' | 'ms';
  /** self: the label with the HTTP status (default `code`). */
  codeLabel?: string;
  /** self: the label the pod's `dial.dev/track` label is relabelled to (default `track`). */
  trackLabel?: string;
  /** ingress-nginx, linkerd, self: the namespace label (default `namespace`). */
  namespaceLabel?: string;
}

export interface BuiltinSource {
  name: BuiltinSourceName;
  /** The metric names it reads (counter, histogram `_bucket` series), for the plan. */
  metrics(options?: BuiltinOptions): { requests: string; histogram: string };
  /** How a failed request is told apart, for the plan. */
  failed(options?: BuiltinOptions): string;
  /** Total and bad requests of one arm. Throws BuiltinQueryError for a threshold above every bucket. */
  queries(arm: Arm, target: BuiltinTarget, metric: BuiltinMetric, options?: BuiltinOptions): ArmQueries;
}

/** A source whose metric names are fixed (a mesh's or a gateway's own), told apart by its labels. */
export interface FixedSourceDefinition {
  name: BuiltinSourceName;
  /** The request counter. */
  requests: string;
  /** The duration histogram's `_bucket` series, its unit and default bounds. */
  bucket: string;
  unit: Histogram['unit'];
  buckets: readonly number[];
  /** How a failed request is told apart: in words for the plan, as matchers for the query. */
  failedText: string;
  failed: Matcher[];
  /** The labels that pick one arm's requests. */
  arm(arm: Arm, target: BuiltinTarget, options: BuiltinOptions): Matcher[];
}

/**
 * The queries of a fixed-name source: bad = the failed matchers (errors) or slower than the threshold's
 * bucket (latency), for the arm its labels pick. Every such source is this, with its own names.
 */
export function fixedSource(def: FixedSourceDefinition) {
  const histogram = (options: BuiltinOptions = {}): Histogram => ({
    bucket: def.bucket,
    unit: def.unit,
    buckets: options.buckets ?? def.buckets,
  });
  const queries = (
    arm: Arm,
    target: BuiltinTarget,
    metric: BuiltinMetric,
    options: BuiltinOptions = {},
  ): ArmQueries =>
    metric.metric === 'errors'
      ? errorQueries(def.requests, def.arm(arm, target, options), def.failed)
      : latencyQueries(histogram(options), def.arm(arm, target, options), metric.thresholdMs);
  const source: BuiltinSource = {
    name: def.name,
    metrics: () => ({ requests: def.requests, histogram: def.bucket }),
    failed: () => def.failedText,
    queries,
  };
  return { histogram, queries, source };
}
