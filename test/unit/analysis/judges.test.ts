import { describe, expect, it } from '@jest/globals';
import {
  judgeThreshold,
  newThresholdEvidence,
  updateThreshold,
  inRange,
} from '../../../src/analysis/threshold-judge.js';
import { judgeCompare, newCompareEvidence, updateCompare } from '../../../src/analysis/compare-judge.js';
import {
  WORKBOOK_WINDOWS,
  judgeBurnRate,
  newBurnRateEvidence,
  updateBurnRate,
} from '../../../src/analysis/burn-rate-judge.js';
import type { BurnRateCheck, CompareCheck, ThresholdCheck } from '../../../src/analysis/spec.js';

const now = new Date('2026-01-01T01:00:00Z');
const ctx = { now, final: false };

describe('threshold judge', () => {
  const check: ThresholdCheck = {
    type: 'threshold',
    name: 'p99',
    critical: true,
    query: 'q',
    min: 0,
    max: 0.5,
  };

  it('is inclusive at both ends and unbounded where a bound is missing', () => {
    expect(inRange(check, 0.5)).toBe(true);
    expect(inRange(check, 0)).toBe(true);
    expect(inRange(check, 0.5000001)).toBe(false);
    expect(inRange({ max: 1 }, -1e9)).toBe(true);
    expect(inRange({ min: 1 }, Number.NaN)).toBe(false);
  });

  it('passes in range, fails past failureLimit, and treats NaN as no data', () => {
    let ev = updateThreshold(check, newThresholdEvidence(), { kind: 'value', value: 0.3 });
    expect(judgeThreshold(check, ev, ctx).status).toBe('pass');
    ev = updateThreshold(check, ev, { kind: 'value', value: Number.NaN });
    const missing = judgeThreshold(check, ev, ctx);
    expect(missing).toMatchObject({ status: 'inconclusive', noData: true });
    ev = updateThreshold(check, ev, { kind: 'value', value: 0.9 });
    expect(judgeThreshold(check, ev, ctx).status).toBe('fail');
    const tolerant = { ...check, failureLimit: 1 };
    const once = updateThreshold(tolerant, newThresholdEvidence(), { kind: 'value', value: 0.9 });
    expect(judgeThreshold(tolerant, once, ctx).status).toBe('inconclusive');
    const back = updateThreshold(tolerant, once, { kind: 'value', value: 0.1 });
    expect(judgeThreshold(tolerant, back, ctx).status).toBe('pass');
    expect(
      judgeThreshold(tolerant, updateThreshold(tolerant, back, { kind: 'value', value: 2 }), ctx).status,
    ).toBe('fail');
  });

  it('is inconclusive before any value', () => {
    expect(judgeThreshold(check, newThresholdEvidence(), ctx).status).toBe('inconclusive');
  });
});

describe('compare judge', () => {
  const check: CompareCheck = {
    type: 'compare',
    name: 'errors',
    critical: true,
    metric: 'errors',
    canary: { total: 'c', bad: 'cb' },
    baseline: { total: 'b', bad: 'bb' },
    alpha: 0.05,
    tolerance: 1,
    minRequests: 500,
  };
  const feed = (windows: number, canaryBad: number, baselineBad: number, total = 100) => {
    let ev = newCompareEvidence(check);
    for (let i = 0; i < windows; i++) {
      ev = updateCompare(
        ev,
        { kind: 'counts', total, bad: canaryBad },
        { kind: 'counts', total, bad: baselineBad },
      );
    }
    return ev;
  };

  it('fails on a clear regression and says why with the numbers and the test', () => {
    const outcome = judgeCompare(check, feed(6, 4, 1), ctx);
    expect(outcome.status).toBe('fail');
    expect(outcome.detail).toContain('canary 24/600');
    expect(outcome.detail).toContain('baseline 6/600');
    expect(outcome.detail).toMatch(/e = \d+.*1\/α = 20/);
  });

  it('does not pass before minRequests, even with no bad requests at all', () => {
    const outcome = judgeCompare(check, feed(4, 0, 0), { now, final: true });
    expect(outcome.status).toBe('inconclusive');
    expect(outcome.detail).toContain('fewer than 500');
  });

  it('passes early once the data exclude a meaningful regression', () => {
    // Equal rates with many bad requests: the no-regression test rejects "canary ≥ 1.5× baseline".
    const outcome = judgeCompare(check, feed(30, 10, 10), ctx);
    expect(outcome.status).toBe('pass');
    expect(outcome.detail).toContain('no-regression test');
  });

  it('stays inconclusive on thin evidence until the horizon, then passes', () => {
    const ev = feed(6, 1, 1);
    expect(judgeCompare(check, ev, ctx).status).toBe('inconclusive');
    expect(judgeCompare(check, ev, { now, final: true }).status).toBe('pass');
  });

  it('keeps counting across missing windows and reports the reason', () => {
    let ev = feed(2, 1, 1);
    ev = updateCompare(ev, { kind: 'no-data', reason: 'empty vector' }, { kind: 'counts', total: 5, bad: 0 });
    const outcome = judgeCompare(check, ev, ctx);
    expect(outcome.noData).toBe(true);
    expect(ev.canary.total).toBe(200);
    expect(ev.lastNoDataReason).toContain('empty vector');
  });
});

describe('burn-rate judge', () => {
  const check: BurnRateCheck = {
    type: 'burn-rate',
    name: 'slo',
    critical: true,
    objective: 0.999,
    canary: { total: 't', bad: 'b' },
    windows: WORKBOOK_WINDOWS,
  };
  const minute = 60_000;
  const start = now.getTime() - 60 * minute;
  /** One window per minute for `minutes`, with `bad(i)` failed of 1000 requests. */
  const history = (minutes: number, bad: (i: number) => number) => {
    let ev = newBurnRateEvidence();
    for (let i = 0; i < minutes; i++) {
      const window = { start: new Date(start + i * minute), end: new Date(start + (i + 1) * minute) };
      ev = updateBurnRate(check, ev, { kind: 'counts', total: 1000, bad: bad(i) }, window);
    }
    return ev;
  };

  it('fires when both the 1 h and the 5 m window burn faster than 14.4×', () => {
    // 2 % errors = 20× the 0.1 % budget, all hour long.
    const outcome = judgeBurnRate(
      check,
      history(60, () => 20),
      ctx,
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.detail).toContain('FIRING');
  });

  it('stops firing once the short window has recovered', () => {
    // 3 % for 30 minutes (both long windows still burn 15×), then clean for 30.
    const outcome = judgeBurnRate(
      check,
      history(60, (i) => (i < 30 ? 30 : 0)),
      ctx,
    );
    expect(outcome.status).toBe('pass');
  });

  it('does not fire on too few requests, and keeps only what the longest window needs', () => {
    let ev = newBurnRateEvidence();
    const window = { start: new Date(now.getTime() - minute), end: now };
    ev = updateBurnRate(check, ev, { kind: 'counts', total: 10, bad: 1 }, window);
    expect(judgeBurnRate(check, ev, ctx).status).toBe('inconclusive');
    const long = history(7 * 60, () => 0);
    expect(long.history.length).toBeLessThanOrEqual(6 * 60);
  });
});
