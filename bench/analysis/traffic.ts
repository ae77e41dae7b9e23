// Simulated traffic of one run: per bucket and arm, requests, failed requests and requests slower than
// the latency bound. Arrivals are Poisson; splitting a Poisson stream by independent marks (failed?
// slow?) gives independent Poisson counts per cell, so four draws per bucket and arm are exact.

import { cumulativeStdNormalProbability, probit } from 'simple-statistics';
import { poisson, type Random } from './random.js';
import type { ArmName, ArmSpec, LatencySpec, Scenario } from './scenario.js';

/** Bucket-by-bucket counts of one arm (index = bucket number). */
export interface ArmTraffic {
  total: Int32Array;
  errors: Int32Array;
  slow: Int32Array;
}

export interface RunTraffic {
  canary: ArmTraffic;
  baseline: ArmTraffic;
}

/** Ground truth per bucket, the same in every run of a scenario. */
export interface ScenarioTruth {
  buckets: number;
  bucketSeconds: number;
  /** Requests per bucket and arm (Poisson mean). */
  meanPerBucket: number;
  /** Latency bound in ms: a request slower than this is "slow". */
  slowMs: number;
  errorRate: Record<ArmName, Float64Array>;
  slowRate: Record<ArmName, number>;
}

/** Quantile of the baseline latency that defines "slow" for the latency check (see README). */
export const SLOW_QUANTILE = 0.8;

export function lognormalQuantile(latency: LatencySpec, q: number): number {
  return latency.medianMs * Math.exp(latency.sigma * probit(q));
}

export function lognormalExceedance(latency: LatencySpec, ms: number): number {
  if (latency.sigma === 0) return latency.medianMs > ms ? 1 : 0;
  return 1 - cumulativeStdNormalProbability(Math.log(ms / latency.medianMs) / latency.sigma);
}

export function scenarioTruth(s: Scenario): ScenarioTruth {
  const buckets = Math.round((s.durationMinutes * 60) / s.bucketSeconds);
  const slowMs = lognormalQuantile(s.baseline.latency, SLOW_QUANTILE);
  const errorRate = (name: ArmName, arm: ArmSpec): Float64Array => {
    const rates = new Float64Array(buckets).fill(arm.errorRate);
    for (const incident of s.incidents ?? []) {
      if (!incident.arms.includes(name)) continue;
      for (let b = 0; b < buckets; b++) {
        const minute = (b * s.bucketSeconds) / 60;
        if (minute >= incident.startMinute && minute < incident.endMinute) rates[b] = incident.errorRate;
      }
    }
    return rates;
  };
  return {
    buckets,
    bucketSeconds: s.bucketSeconds,
    meanPerBucket: s.rps * s.canaryWeight * s.bucketSeconds,
    slowMs,
    errorRate: { canary: errorRate('canary', s.canary), baseline: errorRate('baseline', s.baseline) },
    slowRate: {
      canary: lognormalExceedance(s.canary.latency, slowMs),
      baseline: lognormalExceedance(s.baseline.latency, slowMs),
    },
  };
}

function simulateArm(random: Random, truth: ScenarioTruth, arm: ArmName): ArmTraffic {
  const n = truth.buckets;
  const traffic: ArmTraffic = {
    total: new Int32Array(n),
    errors: new Int32Array(n),
    slow: new Int32Array(n),
  };
  const slow = truth.slowRate[arm];
  for (let b = 0; b < n; b++) {
    const err = truth.errorRate[arm][b] ?? 0;
    const m = truth.meanPerBucket;
    const errSlow = poisson(random, m * err * slow);
    const errFast = poisson(random, m * err * (1 - slow));
    const okSlow = poisson(random, m * (1 - err) * slow);
    const okFast = poisson(random, m * (1 - err) * (1 - slow));
    traffic.total[b] = errSlow + errFast + okSlow + okFast;
    traffic.errors[b] = errSlow + errFast;
    traffic.slow[b] = errSlow + okSlow;
  }
  return traffic;
}

export function simulateRun(random: Random, truth: ScenarioTruth): RunTraffic {
  return { canary: simulateArm(random, truth, 'canary'), baseline: simulateArm(random, truth, 'baseline') };
}
