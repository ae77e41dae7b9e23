import { describe, expect, it } from '@jest/globals';
import { decide } from '../../../src/analysis/truth-table.js';
import type { CheckOutcome } from '../../../src/analysis/outcome.js';
import type { AnalysisSpec } from '../../../src/analysis/spec.js';

const spec: AnalysisSpec = {
  intervalSeconds: 10,
  minDurationSeconds: 300,
  maxDurationSeconds: 1800,
  noData: 'hold',
  checks: [
    { type: 'threshold', name: 'a', critical: true, query: 'qa' },
    { type: 'threshold', name: 'b', critical: false, query: 'qb' },
    { type: 'threshold', name: 'c', critical: false, query: 'qc', noData: 'rollback' },
    { type: 'threshold', name: 'd', critical: false, query: 'qd', noData: 'inconclusive' },
  ],
};

const out = (
  name: string,
  status: CheckOutcome['status'],
  extra: Partial<CheckOutcome> = {},
): CheckOutcome => ({
  name,
  type: 'threshold',
  critical: name === 'a',
  status,
  noData: false,
  detail: '',
  ...extra,
});

const allPass = ['a', 'b', 'c', 'd'].map((n) => out(n, 'pass'));
const withOutcome = (o: CheckOutcome) => allPass.map((p) => (p.name === o.name ? o : p));

describe('truth table', () => {
  it('0: an analysis without checks never passes vacuously', () => {
    expect(decide({ ...spec, checks: [] }, [], 3600, false)).toMatchObject({
      verdict: 'inconclusive',
      done: true,
    });
  });

  it('1: a failing critical check rolls back at once', () => {
    expect(decide(spec, withOutcome(out('a', 'fail')), 10, false)).toMatchObject({
      verdict: 'fail',
      done: true,
    });
  });

  it('2/3: no data follows the policy: rollback, inconclusive, or hold', () => {
    expect(decide(spec, withOutcome(out('c', 'pass', { noData: true })), 10, false)).toMatchObject({
      verdict: 'fail',
      done: true,
    });
    expect(decide(spec, withOutcome(out('d', 'pass', { noData: true })), 10, false)).toMatchObject({
      verdict: 'inconclusive',
      done: true,
    });
    const held = decide(spec, withOutcome(out('b', 'pass', { noData: true })), 600, false);
    expect(held).toMatchObject({ verdict: 'inconclusive', done: false });
  });

  it('4: every check passing promotes only after minDuration', () => {
    expect(decide(spec, allPass, 299, false)).toMatchObject({ verdict: 'inconclusive', done: false });
    expect(decide(spec, allPass, 300, false)).toMatchObject({ verdict: 'pass', done: true });
  });

  it('5: a failed non-critical check never promotes, it ends inconclusive once the rest decided', () => {
    const r = decide(spec, withOutcome(out('b', 'fail')), 600, false);
    expect(r).toMatchObject({ verdict: 'inconclusive', done: true });
    expect(r.reason).toContain("'b'");
  });

  it('6/7: undecided checks keep measuring, and are inconclusive (not pass) at the horizon', () => {
    const open = withOutcome(out('a', 'inconclusive'));
    expect(decide(spec, open, 600, false)).toMatchObject({ verdict: 'inconclusive', done: false });
    expect(decide(spec, open, 1800, true)).toMatchObject({ verdict: 'inconclusive', done: true });
    // Missing data under `hold` at the horizon is not a pass either.
    const held = withOutcome(out('b', 'pass', { noData: true }));
    expect(decide(spec, held, 1800, true)).toMatchObject({ verdict: 'inconclusive', done: true });
  });
});
