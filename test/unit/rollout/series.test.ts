import { describe, expect, it } from '@jest/globals';
import { newEvidence, type Evidence } from '../../../src/analysis/evidence.js';
import type { AnalysisSpec } from '../../../src/analysis/spec.js';
import { appendSeries, windowRow, type SeriesRow } from '../../../src/rollout/series.js';

const q = { total: 't', bad: 'b' };
const compare = {
  type: 'compare' as const,
  critical: true,
  alpha: 0.025,
  tolerance: 1,
  minRequests: 10,
  canary: q,
  baseline: q,
};
const SPEC: AnalysisSpec = {
  intervalSeconds: 10,
  minDurationSeconds: 60,
  maxDurationSeconds: 60,
  noData: 'hold',
  checks: [
    { ...compare, name: 'errors', metric: 'errors' },
    { ...compare, name: 'slow', metric: 'latency', latencyThresholdMs: 300 },
  ],
};

/** Evidence whose compare checks have these cumulative counts. */
function evidence(end: string, errors: [number, number, number, number], slow: [number, number]): Evidence {
  const test = { logE: 0, components: [] } as never;
  const arm = (total: number, bad: number) => ({ total, bad });
  const base = { type: 'compare' as const, measured: 1, noDataStreak: 0, regression: test, futility: test };
  return {
    ...newEvidence(new Date('2026-12-01T00:00:00Z')),
    lastWindowEnd: end,
    checks: {
      errors: { ...base, canary: arm(errors[0], errors[1]), baseline: arm(errors[2], errors[3]) },
      slow: { ...base, canary: arm(errors[0], slow[0]), baseline: arm(errors[2], slow[1]) },
    },
  };
}

describe('per-window series for the charts', () => {
  it('differences the cumulative counts of two evidences into one window', () => {
    const first = evidence('2026-12-01T00:00:10Z', [100, 2, 90, 1], [7, 4]);
    const second = evidence('2026-12-01T00:00:20Z', [250, 12, 200, 2], [20, 9]);
    expect(windowRow(SPEC, undefined, first, 25)).toEqual([1796083210, 25, 100, 2, 7, 90, 1, 4]);
    expect(windowRow(SPEC, first, second, 25)).toEqual([1796083220, 25, 150, 10, 13, 110, 1, 5]);
    // The same window again (a resumed run re-persisting it) adds no row.
    expect(windowRow(SPEC, second, second, 25)).toBeUndefined();
  });

  it('keeps at most the cap, halving the resolution and keeping the totals', () => {
    const row = (end: number): SeriesRow => [end, 10, 10, 1, null, 10, 0, null];
    let rows: SeriesRow[] = [];
    for (let i = 1; i <= 9; i++) rows = appendSeries(rows, row(i), 4);
    expect(rows.length).toBeLessThanOrEqual(4);
    expect(rows.reduce((sum, r) => sum + r[2], 0)).toBe(90);
    expect(rows.at(-1)?.[0]).toBe(9);
  });
});
