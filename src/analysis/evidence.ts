// Accumulated evidence of one analysis, as plain versioned JSON. It is persisted (in the cluster) after
// every measurement so a resumed job continues the same sequential test: it neither restarts the test
// (which would reset its error guarantee's bookkeeping) nor counts a window twice (lastWindowEnd).

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
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

// The shape persisted evidence must have, checked in full before a test continues on it.
const count = { type: 'number', minimum: 0 } as const;
const natural = { type: 'integer', minimum: 0 } as const;
const arm = {
  type: 'object',
  required: ['total', 'bad'],
  properties: { total: count, bad: count },
} as const;
const mixture = {
  type: 'object',
  required: ['nullRatio', 'components'],
  properties: {
    nullRatio: { type: 'number', exclusiveMinimum: 0 },
    components: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['ratio', 'weight', 'logLR'],
        properties: {
          ratio: { type: 'number', exclusiveMinimum: 0 },
          weight: { type: 'number', minimum: 0, maximum: 1 },
          logLR: { type: 'number' },
        },
      },
    },
  },
} as const;
const base = {
  measured: natural,
  noDataStreak: natural,
  lastNoDataReason: { type: 'string' },
} as const;
const EVIDENCE_SCHEMA = {
  type: 'object',
  required: ['version', 'startedAt', 'lastWindowEnd', 'measurements', 'checks'],
  properties: {
    version: { const: EVIDENCE_VERSION },
    startedAt: { type: 'string' },
    lastWindowEnd: { type: ['string', 'null'] },
    measurements: natural,
    checks: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['type', 'measured', 'noDataStreak'],
        discriminator: { propertyName: 'type' },
        oneOf: [
          {
            properties: {
              ...base,
              type: { const: 'threshold' },
              failures: natural,
              lastValue: { type: ['number', 'null'] },
            },
            required: ['failures', 'lastValue'],
          },
          {
            properties: {
              ...base,
              type: { const: 'compare' },
              canary: arm,
              baseline: arm,
              regression: mixture,
              futility: mixture,
            },
            required: ['canary', 'baseline', 'regression', 'futility'],
          },
          {
            properties: {
              ...base,
              type: { const: 'burn-rate' },
              canary: arm,
              history: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['end', 'total', 'bad'],
                  properties: { end: count, total: count, bad: count },
                },
              },
            },
            required: ['canary', 'history'],
          },
        ],
      },
    },
  },
} as const;

let validator: ValidateFunction | undefined;

/** Compiled on first use: only an action that resumes an analysis pays for it. */
function validateEvidence(raw: unknown): readonly ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, discriminator: true }).compile(EVIDENCE_SCHEMA);
  return validator(raw) ? [] : (validator.errors ?? []);
}

function isTime(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/**
 * Reads persisted evidence back and checks all of it (version, times, every check's counts and test
 * state); refuses anything else rather than guessing, because continuing a test on corrupted counts
 * would void its error guarantee.
 */
export function parseEvidence(text: string): Evidence {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new EvidenceError(`evidence is not JSON: ${(error as Error).message}`);
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (version !== EVIDENCE_VERSION) {
    throw new EvidenceError(`evidence version ${String(version)} is not ${EVIDENCE_VERSION}`);
  }
  const problems = validateEvidence(raw).map(
    (e) => `evidence${e.instancePath.replaceAll('/', '.')} ${e.message}`,
  );
  if (problems.length > 0) throw new EvidenceError(problems.join('; '));
  const evidence = raw as Evidence;
  if (!isTime(evidence.startedAt)) throw new EvidenceError('evidence.startedAt is not a time');
  if (evidence.lastWindowEnd !== null && !isTime(evidence.lastWindowEnd)) {
    throw new EvidenceError('evidence.lastWindowEnd is not a time');
  }
  return evidence;
}

export function serializeEvidence(evidence: Evidence): string {
  return JSON.stringify(evidence);
}
