// Compare judge: canary versus baseline on counts of bad requests (errors, or requests slower than a
// bound), decided by the anytime-valid sequential test in sequential.ts.
//
// Rules (each interval):
// - fail  when the regression e-value reaches 1/alpha: the data reject "canary ≤ tolerance × baseline".
//         Ville's inequality bounds the chance of this for a canary that is no worse by alpha, however
//         often it is checked and however long it runs.
// - pass  once both arms served minRequests and either the futility e-value reaches 1/beta (the data rule
//         out a ratio of `regression` or more: early pass), or the analysis reached its horizon without
//         a rejection (the planned test ran its course).
// - inconclusive otherwise.

import type { CompareEvidence } from './evidence.js';
import type { CountsReading } from './measurement.js';
import { num, outcomeBase, percent, type CheckOutcome, type JudgeContext } from './outcome.js';
import {
  FUTILITY_GRID,
  REGRESSION_GRID,
  eValue,
  newMixtureTest,
  rejects,
  updateMixtureTest,
  type ArmCounts,
} from './sequential.js';
import type { CompareCheck } from './spec.js';

/** The ratio treated as a meaningful regression when none is configured: half again the tolerance. */
export function regressionRatio(check: CompareCheck): number {
  return check.regression ?? 1.5 * check.tolerance;
}

export function newCompareEvidence(check: CompareCheck): CompareEvidence {
  return {
    type: 'compare',
    measured: 0,
    noDataStreak: 0,
    canary: { total: 0, bad: 0 },
    baseline: { total: 0, bad: 0 },
    regression: newMixtureTest(check.tolerance, REGRESSION_GRID),
    futility: newMixtureTest(regressionRatio(check), FUTILITY_GRID),
  };
}

/** Negative increments (a counter reset seen raw) count as 0; more bad than total is capped. */
function clean(reading: { total: number; bad: number }): ArmCounts {
  const total = Math.max(0, reading.total);
  return { total, bad: Math.min(total, Math.max(0, reading.bad)) };
}

export function updateCompare(
  evidence: CompareEvidence,
  canary: CountsReading | undefined,
  baseline: CountsReading | undefined,
): CompareEvidence {
  if (canary?.kind !== 'counts' || baseline?.kind !== 'counts') {
    const missing = canary?.kind === 'no-data' ? `canary: ${canary.reason}` : undefined;
    const missingB = baseline?.kind === 'no-data' ? `baseline: ${baseline.reason}` : undefined;
    const reason = [missing, missingB].filter((r) => r !== undefined).join('; ') || 'not measured';
    return { ...evidence, noDataStreak: evidence.noDataStreak + 1, lastNoDataReason: reason };
  }
  const c = clean(canary);
  const b = clean(baseline);
  const { lastNoDataReason: _dropped, ...rest } = evidence;
  return {
    ...rest,
    measured: evidence.measured + 1,
    noDataStreak: 0,
    canary: { total: evidence.canary.total + c.total, bad: evidence.canary.bad + c.bad },
    baseline: { total: evidence.baseline.total + b.total, bad: evidence.baseline.bad + b.bad },
    regression: updateMixtureTest(evidence.regression, c, b),
    futility: updateMixtureTest(evidence.futility, c, b),
  };
}

/** Observed canary/baseline bad-rate ratio (for explanations; the test itself uses per-interval shares). */
export function observedRatio(evidence: CompareEvidence): number {
  const c = evidence.canary.total > 0 ? evidence.canary.bad / evidence.canary.total : NaN;
  const b = evidence.baseline.total > 0 ? evidence.baseline.bad / evidence.baseline.total : NaN;
  return c / b;
}

export function judgeCompare(
  check: CompareCheck,
  evidence: CompareEvidence,
  ctx: JudgeContext,
): CheckOutcome {
  const base = outcomeBase(check, evidence);
  const what =
    check.metric === 'latency' ? `slower than ${num(check.latencyThresholdMs ?? NaN)} ms` : 'failed';
  const counts =
    `canary ${num(evidence.canary.bad)}/${num(evidence.canary.total)} ${what} (${percent(evidence.canary.bad, evidence.canary.total)})` +
    ` vs baseline ${num(evidence.baseline.bad)}/${num(evidence.baseline.total)} (${percent(evidence.baseline.bad, evidence.baseline.total)})` +
    `, ratio ×${num(observedRatio(evidence))}`;
  const eReg = eValue(evidence.regression);
  const regressionTest = `sequential test e = ${num(eReg)} vs 1/α = ${num(1 / check.alpha)} (H0: canary ≤ ${num(check.tolerance)}× baseline)`;
  if (rejects(evidence.regression, check.alpha)) {
    return { ...base, status: 'fail', detail: `${counts}; ${regressionTest} → regression` };
  }
  const enough = evidence.canary.total >= check.minRequests && evidence.baseline.total >= check.minRequests;
  const beta = check.beta ?? check.alpha;
  const eFut = eValue(evidence.futility);
  const futilityTest = `no-regression test e = ${num(eFut)} vs 1/β = ${num(1 / beta)} (H0: canary ≥ ${num(regressionRatio(check))}× baseline)`;
  if (!enough) {
    return {
      ...base,
      status: 'inconclusive',
      detail: `${counts}; ${regressionTest}; fewer than ${num(check.minRequests)} requests per arm, cannot pass yet`,
    };
  }
  if (rejects(evidence.futility, beta)) {
    return {
      ...base,
      status: 'pass',
      detail: `${counts}; ${regressionTest}; ${futilityTest} → no regression`,
    };
  }
  if (ctx.final) {
    return {
      ...base,
      status: 'pass',
      detail: `${counts}; ${regressionTest} not rejected by the end of the analysis → no regression found`,
    };
  }
  return { ...base, status: 'inconclusive', detail: `${counts}; ${regressionTest}; ${futilityTest}` };
}
