// Threshold judge: one value per measurement compared with a range. Inclusive on both ends
// (min <= value <= max passes), so `max: 0.01` accepts exactly 1 %. A missing bound is unbounded.

import type { ThresholdEvidence } from './evidence.js';
import type { ValueReading } from './measurement.js';
import { num, outcomeBase, type CheckOutcome, type JudgeContext } from './outcome.js';
import type { ThresholdCheck } from './spec.js';

export function inRange(check: Pick<ThresholdCheck, 'min' | 'max'>, value: number): boolean {
  if (Number.isNaN(value)) return false;
  if (check.min !== undefined && value < check.min) return false;
  if (check.max !== undefined && value > check.max) return false;
  return true;
}

export function newThresholdEvidence(): ThresholdEvidence {
  return { type: 'threshold', measured: 0, noDataStreak: 0, failures: 0, lastValue: null };
}

/** Folds one reading in. NaN (e.g. 0/0 from an idle service) is treated as no data, not as a failure. */
export function updateThreshold(
  check: ThresholdCheck,
  evidence: ThresholdEvidence,
  reading: ValueReading | undefined,
): ThresholdEvidence {
  if (reading === undefined || reading.kind === 'no-data' || Number.isNaN(reading.value)) {
    const reason =
      reading === undefined ? 'not measured' : reading.kind === 'no-data' ? reading.reason : 'NaN';
    return { ...evidence, noDataStreak: evidence.noDataStreak + 1, lastNoDataReason: reason };
  }
  const failed = !inRange(check, reading.value);
  const { lastNoDataReason: _dropped, ...rest } = evidence;
  return {
    ...rest,
    measured: evidence.measured + 1,
    noDataStreak: 0,
    failures: evidence.failures + (failed ? 1 : 0),
    lastValue: reading.value,
  };
}

function rangeText(check: ThresholdCheck): string {
  const low = check.min === undefined ? '-∞' : num(check.min);
  const high = check.max === undefined ? '+∞' : num(check.max);
  return `[${low}, ${high}]`;
}

/**
 * Fails once more than failureLimit (default 0) measurements were out of range; passes while the latest
 * value is in range; inconclusive before the first value or while the latest measurement had no data.
 */
export function judgeThreshold(
  check: ThresholdCheck,
  evidence: ThresholdEvidence,
  _ctx: JudgeContext,
): CheckOutcome {
  const limit = check.failureLimit ?? 0;
  const base = outcomeBase(check, evidence);
  const seen = `${evidence.failures} of ${evidence.measured} values outside ${rangeText(check)} (limit ${limit})`;
  if (evidence.failures > limit) {
    return { ...base, status: 'fail', detail: `last value ${num(evidence.lastValue ?? NaN)}; ${seen}` };
  }
  if (evidence.measured === 0 || evidence.lastValue === null) {
    return {
      ...base,
      status: 'inconclusive',
      detail: `no value yet (${evidence.lastNoDataReason ?? 'not measured'})`,
    };
  }
  if (base.noData) {
    return {
      ...base,
      status: 'inconclusive',
      detail: `latest measurement had no data (${evidence.lastNoDataReason ?? 'no data'}); ${seen}`,
    };
  }
  const ok = inRange(check, evidence.lastValue);
  return {
    ...base,
    status: ok ? 'pass' : 'inconclusive',
    detail: `last value ${num(evidence.lastValue)} ${ok ? 'within' : 'outside'} ${rangeText(check)}; ${seen}`,
  };
}
