// The seam between the analysis engine and the systems that hold metrics.
// Every provider (Prometheus, Datadog, New Relic, CloudWatch, HTTP/JSON) implements Provider;
// the judges only ever see MetricResult, so a simulated provider can stand in for benchmarks.

/** A closed time window [start, end] the measurement covers. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** One query as the analysis asks for it; `query` is provider-specific text (PromQL, NRQL, ...). */
export interface MetricQuery {
  /** Name of the check or series this query feeds, for logs and evidence. */
  name: string;
  query: string;
  window: TimeWindow;
  /** Range queries only: seconds between points. Absent = instant query at window.end. */
  stepSeconds?: number;
}

/**
 * What came back. `no-data` is a normal answer (empty vector, null series), never an exception:
 * the analysis decides what missing evidence means (hold, rollback, inconclusive — never promote).
 * `empty` marks the one kind of no-data that can mean zero: the query matched no series at all (a
 * Prometheus empty vector, a Datadog answer without series, CloudWatch without datapoints). A counter of
 * failed requests has no series until the first failure, so for a bad-request count this is "none
 * failed"; a NaN, a null or a missing value never is (src/analysis/loop.ts readCounts).
 */
export type MetricResult =
  | { kind: 'value'; value: number; at: Date }
  | { kind: 'series'; points: Array<{ at: Date; value: number }> }
  | { kind: 'no-data'; reason: string; empty?: true };

export interface Provider {
  /** Provider type as written in dial.yaml (`prometheus`, `datadog`, ...). */
  readonly type: string;
  query(q: MetricQuery, signal?: AbortSignal): Promise<MetricResult>;
  /** True when the backend answers; false (not a throw) when it is down or unauthorised. */
  isOnline(signal?: AbortSignal): Promise<boolean>;
}

/** Raised for failures that retrying will not fix: bad query, rejected credentials, bad config. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly provider: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/**
 * The backend could not be reached or kept failing (network error, timeout, 5xx, 429) after the configured
 * retries. A ProviderError too, so callers that only know ProviderError still stop; callers that care can
 * treat it as "provider down" (a no-data policy) rather than as a broken query.
 */
export class ProviderUnavailableError extends ProviderError {
  constructor(message: string, provider: string, status?: number) {
    super(message, provider, status);
    this.name = 'ProviderUnavailableError';
  }
}
