// The typed analysis settings the judges take. dial.yaml's `analysis:` section (src/config) is validated
// and resolved into an AnalysisSpec, with profile defaults applied; durations are already seconds here.

/** What to do when a check has no data or too few requests to judge. Never "promote". */
export type NoDataPolicy = 'hold' | 'rollback' | 'inconclusive';

/** A pair of count queries for one arm: all requests, and the "bad" ones (errors, or slower than a bound). */
export interface CountQueries {
  total: string;
  bad: string;
}

interface CheckBase {
  name: string;
  /** A critical check failing ends the analysis at once with rollback. */
  critical: boolean;
  /** Overrides the analysis-level policy for this check. */
  noData?: NoDataPolicy;
}

/** A single value compared with a range. Inclusive: min <= value <= max passes. */
export interface ThresholdCheck extends CheckBase {
  type: 'threshold';
  query: string;
  min?: number;
  max?: number;
  /** Out-of-range measurements tolerated before the check fails (default 0: the first one fails it). */
  failureLimit?: number;
}

/**
 * Canary versus baseline on counts, by an anytime-valid sequential test: it may be looked at every
 * interval without raising the false-rollback rate above alpha.
 * metric `errors`: bad = failed requests; `latency`: bad = requests slower than latencyThresholdMs.
 */
export interface CompareCheck extends CheckBase {
  type: 'compare';
  metric: 'errors' | 'latency';
  /** For metric `latency`: a request slower than this counts as bad. */
  latencyThresholdMs?: number;
  canary: CountQueries;
  baseline: CountQueries;
  /** Tolerated false-rollback probability of this check over the whole analysis. */
  alpha: number;
  /**
   * Canary/baseline ratio treated as "no worse" (1 = any increase is a regression). Tested as an odds
   * ratio of bad requests, which equals the bad-rate ratio when bad requests are rare.
   */
  tolerance: number;
  /** Requests each arm must have served before a pass can be declared. */
  minRequests: number;
  /**
   * Canary/baseline bad-rate ratio that counts as a meaningful regression for an early pass: the check
   * passes before the horizon once the data rule out a ratio this large. Default 1.5 × tolerance.
   */
  regression?: number;
  /** Tolerated probability of an early pass for a canary at least `regression` worse. Default = alpha. */
  beta?: number;
}

/** One multi-window burn-rate alert: both windows must burn faster than `factor` to fire. */
export interface BurnWindow {
  longSeconds: number;
  shortSeconds: number;
  factor: number;
}

/** The canary's own error budget: multi-window, multi-burn-rate (SRE workbook). */
export interface BurnRateCheck extends CheckBase {
  type: 'burn-rate';
  /** SLO objective as a fraction, e.g. 0.999. */
  objective: number;
  canary: CountQueries;
  windows: BurnWindow[];
  /** Requests a window must hold before it can fire, so one early error cannot (default 100). */
  minRequests?: number;
}

export type CheckSpec = ThresholdCheck | CompareCheck | BurnRateCheck;

export interface AnalysisSpec {
  /** Seconds between measurements. */
  intervalSeconds: number;
  /** Longest the analysis may run before it must decide (inconclusive if it cannot). */
  maxDurationSeconds: number;
  /** Shortest time before a pass may be declared (bake). */
  minDurationSeconds: number;
  noData: NoDataPolicy;
  checks: CheckSpec[];
}
