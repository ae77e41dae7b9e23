// Profile defaults for the analysis, in one place; src/config applies dial.yaml overrides on top.
//
// Why these numbers (measured with `npm run bench:analysis`, see the README table):
// - interval 10 s: the 30-second detection targets need a look every 10 s. The loop asks for counter
//   increases per window, so the metrics backend must resolve 10 s windows (two samples per window: scrape interval ≤ 5 s, or a
//   provider that differences counters at the window ends); raise it in dial.yaml otherwise.
// - alpha 0.05 for the whole analysis, split evenly over its compare checks (Bonferroni): with errors
//   and latency each check tests at 0.025, so a good canary is rolled back with probability ≤ 0.05.
// - tolerance 1: any sustained increase is a regression.
// - pass rule: a compare check passes once both arms served minRequests and either (a) its no-regression
//   e-value reaches 1/beta (beta = alpha), i.e. the data exclude a regression of 1.5× or more, or (b)
//   the analysis reached maxDuration without a rejection. The analysis then promotes when every check
//   passes and minDuration has elapsed. A canary ≥ 1.5× worse passes early with probability ≤ beta.
// - minDuration / maxDuration: production bakes 5 min and decides within 30 min; mission-critical
//   bakes 15 min, decides within 60 min, needs more requests and adds the SLO burn-rate guard.
// - no-data: hold (keep measuring, never promote on missing data; inconclusive at the horizon).

import { WORKBOOK_WINDOWS } from './burn-rate-judge.js';
import type { AnalysisSpec, CheckSpec, CountQueries } from './spec.js';

export type AnalysisProfile = 'prototype' | 'production' | 'mission-critical';

/** The scalar defaults of a profile (what dial.yaml can override field by field). */
export interface AnalysisDefaults {
  intervalSeconds: number;
  minDurationSeconds: number;
  maxDurationSeconds: number;
  noData: AnalysisSpec['noData'];
  alpha: number;
  tolerance: number;
  regression: number;
  minRequests: number;
  /** SLO objective for the burn-rate guard; absent = no guard. */
  sloObjective?: number;
}

const PRODUCTION: Readonly<AnalysisDefaults> = {
  intervalSeconds: 10,
  minDurationSeconds: 300,
  maxDurationSeconds: 1800,
  noData: 'hold',
  alpha: 0.05,
  tolerance: 1,
  regression: 1.5,
  minRequests: 100,
};

export const ANALYSIS_DEFAULTS: Readonly<Record<AnalysisProfile, Readonly<AnalysisDefaults>>> = {
  // A prototype deploys straight; if a team opts into analysis it gets production's judgement.
  prototype: PRODUCTION,
  production: PRODUCTION,
  // Mission-critical bakes and decides slower, wants more requests and adds the SLO guard.
  'mission-critical': {
    ...PRODUCTION,
    minDurationSeconds: 900,
    maxDurationSeconds: 3600,
    minRequests: 500,
    sloObjective: 0.999,
  },
};

/** The queries the default checks need (builtin per router/mesh, from src/metrics). */
export interface DefaultCheckQueries {
  errors: { canary: CountQueries; baseline: CountQueries };
  /** Latency as counts of requests slower than thresholdMs; absent = no latency check. */
  latency?: { canary: CountQueries; baseline: CountQueries; thresholdMs: number };
}

/**
 * The α each compare check tests at: the analysis' α shared evenly by its compare checks (Bonferroni),
 * so a good canary is rolled back with probability ≤ α over the whole analysis.
 */
export function compareCheckAlpha(analysisAlpha: number, compareChecks: number): number {
  return analysisAlpha / Math.max(1, compareChecks);
}

/**
 * The full default analysis of a profile: error-rate and (if queries are given) latency compare checks,
 * both critical, plus an SLO burn-rate guard on the canary's errors for mission-critical.
 */
export function defaultAnalysis(profile: AnalysisProfile, queries: DefaultCheckQueries): AnalysisSpec {
  const d = ANALYSIS_DEFAULTS[profile];
  const compare = {
    type: 'compare' as const,
    critical: true,
    alpha: compareCheckAlpha(d.alpha, queries.latency ? 2 : 1),
    tolerance: d.tolerance,
    regression: d.regression,
    minRequests: d.minRequests,
  };
  const checks: CheckSpec[] = [{ ...compare, name: 'error-rate', metric: 'errors', ...queries.errors }];
  if (queries.latency) {
    const { thresholdMs, canary, baseline } = queries.latency;
    checks.push({
      ...compare,
      name: 'latency',
      metric: 'latency',
      latencyThresholdMs: thresholdMs,
      canary,
      baseline,
    });
  }
  if (d.sloObjective !== undefined) {
    checks.push({
      type: 'burn-rate',
      name: 'slo-burn-rate',
      critical: true,
      objective: d.sloObjective,
      canary: queries.errors.canary,
      windows: WORKBOOK_WINDOWS,
    });
  }
  return {
    intervalSeconds: d.intervalSeconds,
    minDurationSeconds: d.minDurationSeconds,
    maxDurationSeconds: d.maxDurationSeconds,
    noData: d.noData,
    checks,
  };
}
