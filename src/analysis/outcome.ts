// Per-check results of one evaluation, shared by the judges, the truth table and the explanation.

import type { CheckSpec } from './spec.js';

/** pass / fail are decisions; inconclusive means "not decided (yet)": too little data or evidence. */
export type CheckStatus = 'pass' | 'fail' | 'inconclusive';

export interface CheckOutcome {
  name: string;
  type: CheckSpec['type'];
  critical: boolean;
  status: CheckStatus;
  /** The latest measurement brought no data for this check. */
  noData: boolean;
  /** One human sentence with the numbers, the test and the threshold behind the status. */
  detail: string;
}

/** What every judge puts in an outcome the same way: which check it is, and whether data was missing. */
export function outcomeBase(
  check: Pick<CheckSpec, 'name' | 'type' | 'critical'>,
  evidence: { noDataStreak: number },
): Omit<CheckOutcome, 'status' | 'detail'> {
  return {
    name: check.name,
    type: check.type,
    critical: check.critical,
    noData: evidence.noDataStreak > 0,
  };
}

/** What a judge needs to know about the analysis as a whole. */
export interface JudgeContext {
  now: Date;
  /** The analysis reached maxDuration: this is the last evaluation. */
  final: boolean;
}

/** Formats a fraction as a percentage with enough digits for small error rates. */
export function percent(bad: number, total: number): string {
  if (total <= 0) return 'n/a';
  const value = (100 * bad) / total;
  return `${value < 1 ? value.toFixed(2) : value.toFixed(1)} %`;
}

/** Formats a number compactly for explanations (no long float tails). */
export function num(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (Math.abs(value) >= 1e6) return value.toExponential(2);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
