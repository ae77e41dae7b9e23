// Accumulated evidence of one analysis, as plain versioned JSON. It is persisted (in the cluster) after
// every measurement so a resumed job continues the same sequential test: it neither restarts the test
// (which would reset its error guarantee's bookkeeping) nor counts a window twice (lastWindowEnd).

import type { ArmCounts, MixtureTest } from './sequential.js';

export const EVIDENCE_VERSION = 1;

interface CheckEvidenceBase {
  /** Measurements that brought data for this check. */
  measured: number;
  /** Consecutive latest measurements without data (0 = the last one had data). */
  noDataStreak: number;
  /** Why the last reading had no data, for the explanation. */
  lastNoDataReason?: string;
}

export interface ThresholdEvidence extends CheckEvidenceBase {
  type: 'threshold';
  /** Measurements outside [min, max]. */
  failures: number;
  lastValue: number | null;
}

export interface CompareEvidence extends CheckEvidenceBase {
  type: 'compare';
  /** Cumulative counts over all windows so far. */
  canary: ArmCounts;
  baseline: ArmCounts;
  /** H0: canary/baseline ratio ≤ tolerance. Rejected → rollback. */
  regression: MixtureTest;
  /** H0: ratio ≥ the meaningful regression. Rejected → early pass. */
  futility: MixtureTest;
}

/** One window's canary increments, kept as long as the longest burn-rate window needs them. */
export interface BurnSample {
  /** Window end, epoch milliseconds. */
  end: number;
  total: number;
  bad: number;
}

export interface BurnRateEvidence extends CheckEvidenceBase {
  type: 'burn-rate';
  canary: ArmCounts;
  history: BurnSample[];
}

export type CheckEvidence = ThresholdEvidence | CompareEvidence | BurnRateEvidence;

export interface Evidence {
  version: typeof EVIDENCE_VERSION;
  /** ISO time the analysis started; durations (bake, horizon) count from here. */
  startedAt: string;
  /** ISO end of the last window counted; a window ending at or before it is ignored on resume. */
  lastWindowEnd: string | null;
  /** Measurements taken (windows counted). */
  measurements: number;
  checks: Record<string, CheckEvidence>;
}

/** Evidence of an analysis that has not measured anything yet. */
export function newEvidence(startedAt: Date): Evidence {
  return {
    version: EVIDENCE_VERSION,
    startedAt: startedAt.toISOString(),
    lastWindowEnd: null,
    measurements: 0,
    checks: {},
  };
}

export class EvidenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

const CHECK_TYPES = new Set(['threshold', 'compare', 'burn-rate']);

/**
 * Reads persisted evidence back. Checks the envelope (version, times, one entry per check with a known
 * type); refuses anything else rather than guessing, because continuing a test on corrupted counts would
 * void its error guarantee.
 */
export function parseEvidence(text: string): Evidence {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new EvidenceError(`evidence is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(raw)) throw new EvidenceError('evidence is not an object');
  if (raw['version'] !== EVIDENCE_VERSION) {
    throw new EvidenceError(`evidence version ${String(raw['version'])} is not ${EVIDENCE_VERSION}`);
  }
  if (!isTime(raw['startedAt'])) throw new EvidenceError('evidence.startedAt is not a time');
  if (raw['lastWindowEnd'] !== null && !isTime(raw['lastWindowEnd'])) {
    throw new EvidenceError('evidence.lastWindowEnd is not a time');
  }
  if (typeof raw['measurements'] !== 'number')
    throw new EvidenceError('evidence.measurements is not a number');
  const checks = raw['checks'];
  if (!isRecord(checks)) throw new EvidenceError('evidence.checks is not an object');
  for (const [name, check] of Object.entries(checks)) {
    if (!isRecord(check) || typeof check['type'] !== 'string' || !CHECK_TYPES.has(check['type'])) {
      throw new EvidenceError(`evidence.checks.${name} has no known type`);
    }
  }
  return raw as unknown as Evidence;
}

export function serializeEvidence(evidence: Evidence): string {
  return JSON.stringify(evidence);
}
