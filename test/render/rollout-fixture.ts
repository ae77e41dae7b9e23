// A realistic rollout for the summary tests: checkout, steps 10 → 25 → 50 → 100 on the replica router
// (10 % becomes 16.7 % with 4 stable pods), 10 s windows, a canary that starts failing at 50 % and is
// rolled back. It is played through the real analysis engine and the real state machine, so the record,
// the evidence and the explanation are what a run would have persisted.
import { analyze, type AnalysisResult } from '../../src/analysis/engine.js';
import { serializeEvidence, type Evidence } from '../../src/analysis/evidence.js';
import type { Measurement } from '../../src/analysis/measurement.js';
import type { AnalysisSpec } from '../../src/analysis/spec.js';
import { appendSeries, seriesRow, type SeriesRow } from '../../src/github/summary-rollout.js';
import { reduce } from '../../src/rollout/machine.js';
import { emptyRecord, type CurrentRelease, type RolloutRecord } from '../../src/rollout/record.js';

const START = Date.parse('2026-03-02T14:00:00Z');
const INTERVAL = 10;
const BAKE = 300;

export const SPEC: AnalysisSpec = {
  intervalSeconds: INTERVAL,
  maxDurationSeconds: BAKE,
  minDurationSeconds: BAKE,
  noData: 'hold',
  checks: ['errors', 'latency'].map((metric) => ({
    name: metric,
    type: 'compare' as const,
    metric: metric as 'errors' | 'latency',
    ...(metric === 'latency' ? { latencyThresholdMs: 300 } : {}),
    critical: true,
    canary: { total: `sum(increase(requests_total{track="canary"}[10s]))`, bad: `…` },
    baseline: { total: `sum(increase(requests_total{track="baseline"}[10s]))`, bad: `…` },
    alpha: 0.025,
    tolerance: 1,
    minRequests: 100,
  })),
};

/** Deterministic noise: the same fixture every run. */
function noise(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const STEPS = [
  { weight: 10, effective: 16.7, errorRate: 0.005, slowRate: 0.03 },
  { weight: 25, effective: 25, errorRate: 0.005, slowRate: 0.03 },
  // The bad release shows itself under real load: errors and slow requests up in the canary only.
  { weight: 50, effective: 50, errorRate: 0.045, slowRate: 0.09 },
];

export interface RolloutFixture {
  /** The record just before `finished` (the release is still current) and just after. */
  beforeFinish: RolloutRecord;
  after: RolloutRecord;
  release: CurrentRelease & { series: SeriesRow[] };
  lastAnalysis: AnalysisResult;
}

export function rolledBackRollout(): RolloutFixture {
  const random = noise(42);
  const at = (seconds: number): Date => new Date(START + seconds * 1000);
  const current: CurrentRelease = {
    id: 'checkout-7f3c2a1',
    settings: {
      progressDeadlineSeconds: 600,
      analysis: { provider: { type: 'prometheus', url: 'http://prometheus:9090' }, spec: SPEC },
    },
    images: {
      checkout:
        'registry.example.com/shop/checkout@sha256:9b1e5c0d7a2f4e6b8c1d3f5a7e9b0c2d4f6a8b1c3e5d7f9a0b2c4e6d8f1a3b5c',
    },
    startedAt: at(0).toISOString(),
    startedBy: 'acme/shop/1234567890/1',
    template: {},
    baselineTemplate: {},
    objects: [],
    stableReplicas: 4,
    steps: [10, 25, 50, 100].map((weight, i, all) => ({
      weight,
      bakeSeconds: i === all.length - 1 ? 0 : BAKE,
      analysis: i !== all.length - 1,
    })),
    step: 0,
    weight: { requested: 0, effective: 0 },
    stepLog: [],
  };
  let record: RolloutRecord = {
    ...emptyRecord('checkout', 'shop', 'checkout', 'replicas', at(0)),
    phase: 'progressing',
    current,
  };
  let series: SeriesRow[] = [];
  let t = 0;
  let last: AnalysisResult | undefined;
  for (const [index, step] of STEPS.entries()) {
    t += 5; // scaling the tracks
    record = reduce(record, {
      type: 'weight-set',
      step: index,
      requested: step.weight,
      effective: step.effective,
      at: at(t),
    });
    let evidence: Evidence | null = null;
    for (;;) {
      const start = at(t);
      t += INTERVAL;
      // 40 requests a second at the service; each arm gets its share of the ready pods.
      const perArm = Math.round(40 * INTERVAL * (step.effective / 100) * (0.9 + 0.2 * random()));
      const counts = (rate: number) => Math.round(perArm * rate * (0.5 + random()));
      const baseline = { errors: counts(0.005), slow: counts(0.03) };
      const canary = { errors: counts(step.errorRate), slow: counts(step.slowRate) };
      const m: Measurement = {
        window: { start, end: at(t) },
        samples: {
          errors: {
            type: 'compare',
            canary: { kind: 'counts', total: perArm, bad: canary.errors },
            baseline: { kind: 'counts', total: perArm, bad: baseline.errors },
          },
          latency: {
            type: 'compare',
            canary: { kind: 'counts', total: perArm, bad: canary.slow },
            baseline: { kind: 'counts', total: perArm, bad: baseline.slow },
          },
        },
      };
      const row = seriesRow(SPEC, m, step.effective);
      if (row) series = appendSeries(series, row);
      const result = analyze(SPEC, evidence, [m], at(t));
      evidence = result.evidence;
      last = result;
      record = reduce(record, {
        type: 'analysis',
        analysis: {
          step: index,
          evidence: serializeEvidence(result.evidence),
          nextDue: at(t + INTERVAL).toISOString(),
          verdict: result.verdict,
          ...(result.done ? { done: true } : {}),
          reason: result.reason,
          explanation: result.explanation,
          requests: {
            canary:
              result.evidence.checks.errors?.type === 'compare'
                ? result.evidence.checks.errors.canary.total
                : 0,
            baseline:
              result.evidence.checks.errors?.type === 'compare'
                ? result.evidence.checks.errors.baseline.total
                : 0,
          },
        },
      });
      if (!result.done) continue;
      if (result.verdict === 'pass') {
        record = reduce(record, { type: 'step-passed', step: index, reason: result.reason, at: at(t) });
        break;
      }
      record = reduce(record, { type: 'decided', action: 'rollback', reason: result.reason, at: at(t) });
      // The proposed record field, as the engine would keep it.
      const release = { ...record.current!, series };
      const beforeFinish = { ...record, current: release };
      t += 20; // traffic back to stable, canary and baseline removed
      const after = reduce(beforeFinish, {
        type: 'finished',
        result: 'rolled-back',
        template: {},
        images: release.images,
        at: at(t),
      });
      return { beforeFinish, after, release, lastAnalysis: result };
    }
  }
  throw new Error(`the fixture's canary was never rolled back (last verdict ${last?.verdict})`);
}
