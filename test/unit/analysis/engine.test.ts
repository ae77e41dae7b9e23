import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../../src/analysis/engine.js';
import { parseEvidence, serializeEvidence, EvidenceError } from '../../../src/analysis/evidence.js';
import type { Measurement } from '../../../src/analysis/measurement.js';
import type { AnalysisSpec } from '../../../src/analysis/spec.js';

const spec: AnalysisSpec = {
  intervalSeconds: 10,
  minDurationSeconds: 60,
  maxDurationSeconds: 600,
  noData: 'hold',
  checks: [
    {
      type: 'compare',
      name: 'errors',
      critical: true,
      metric: 'errors',
      canary: { total: 'ct', bad: 'cb' },
      baseline: { total: 'bt', bad: 'bb' },
      alpha: 0.05,
      tolerance: 1,
      minRequests: 100,
    },
  ],
};
const t0 = Date.UTC(2026, 0, 1);

function window(i: number, canaryBad: number, baselineBad: number): Measurement {
  return {
    window: { start: new Date(t0 + i * 10_000), end: new Date(t0 + (i + 1) * 10_000) },
    samples: {
      errors: {
        type: 'compare',
        canary: { kind: 'counts', total: 50, bad: canaryBad },
        baseline: { kind: 'counts', total: 50, bad: baselineBad },
      },
    },
  };
}

const windows = Array.from({ length: 12 }, (_, i) => window(i, i % 3 === 0 ? 2 : 1, i % 4 === 0 ? 1 : 0));
const at = (i: number) => new Date(t0 + i * 10_000);

describe('analysis engine', () => {
  it('resumes from serialized evidence to exactly the state of an uninterrupted run', () => {
    const straight = analyze(spec, null, windows, at(12));
    const first = analyze(spec, null, windows.slice(0, 5), at(5));
    const restored = parseEvidence(serializeEvidence(first.evidence));
    const resumed = analyze(spec, restored, windows.slice(5), at(12));
    expect(resumed.evidence).toEqual(straight.evidence);
    expect(resumed.verdict).toBe(straight.verdict);
  });

  it('does not count a replayed or overlapping window twice', () => {
    const first = analyze(spec, null, windows.slice(0, 6), at(6));
    const overlapping: Measurement = { ...window(5, 9, 0), window: { start: at(5), end: at(7) } };
    const again = analyze(spec, first.evidence, [windows[5]!, windows[3]!, overlapping], at(7));
    expect(again.ignoredWindows).toBe(3);
    expect(again.evidence.checks).toEqual(first.evidence.checks);
    expect(again.evidence.measurements).toBe(6);
  });

  it('rolls back a clear regression and explains it', () => {
    const bad = Array.from({ length: 12 }, (_, i) => window(i, 5, i % 6 === 0 ? 1 : 0));
    const result = analyze(spec, null, bad, at(12));
    expect(result).toMatchObject({ verdict: 'fail', done: true });
    expect(result.explanation).toContain('FAIL — roll back');
    expect(result.explanation).toContain("critical check 'errors' failed");
    expect(result.explanation).toMatch(/canary 60\/600 failed \(10\.0 %\) vs baseline 2\/600/);
  });

  it('holds on missing data and never promotes on it, even at the horizon', () => {
    const missing: Measurement = {
      window: { start: at(0), end: at(60) },
      samples: {
        errors: {
          type: 'compare',
          canary: { kind: 'no-data', reason: 'empty vector' },
          baseline: { kind: 'no-data', reason: 'empty vector' },
        },
      },
    };
    const result = analyze(spec, null, [missing], at(60));
    expect(result).toMatchObject({ verdict: 'inconclusive', done: true });
    expect(result.explanation).toContain('no data');
  });

  it('does not promote at the horizon when the last window brought no data', () => {
    const healthy = Array.from({ length: 12 }, (_, i) => window(i, 1, 1));
    const tail = (canary: Measurement['samples'][string]): Measurement => ({
      window: { start: at(12), end: at(60) },
      samples: { errors: canary },
    });
    const withData = analyze(spec, null, [...healthy, tail(window(12, 1, 1).samples['errors']!)], at(60));
    expect(withData).toMatchObject({ verdict: 'pass', done: true });
    const gap = tail({
      type: 'compare',
      canary: { kind: 'no-data', reason: 'empty vector' },
      baseline: { kind: 'counts', total: 50, bad: 1 },
    });
    const result = analyze(spec, null, [...healthy, gap], at(60));
    expect(result).toMatchObject({ verdict: 'inconclusive', done: true });
    expect(result.explanation).toContain("reached 600 s with 'errors' undecided");
    expect(result.explanation).toContain('no data in last window');
  });

  it('restarts a compare test whose tolerance changed instead of mislabelling the old one', () => {
    const first = analyze(spec, null, windows.slice(0, 6), at(6));
    const check = spec.checks[0]!;
    const looser: AnalysisSpec = { ...spec, checks: [{ ...check, tolerance: 2 } as typeof check] };
    const resumed = analyze(looser, first.evidence, windows.slice(6, 7), at(7));
    const ev = resumed.evidence.checks['errors'];
    expect(ev).toMatchObject({ type: 'compare', measured: 1, regression: { nullRatio: 2 } });
    expect(resumed.explanation).toContain('H0: canary ≤ 2× baseline');
  });

  it('refuses evidence it cannot trust', () => {
    expect(() => parseEvidence('{"version":2}')).toThrow(EvidenceError);
    expect(() => parseEvidence('not json')).toThrow(EvidenceError);
    expect(() =>
      parseEvidence(
        JSON.stringify({ version: 1, startedAt: 'x', lastWindowEnd: null, measurements: 0, checks: {} }),
      ),
    ).toThrow(/startedAt/);
  });

  it('checks every part of resumed evidence, not only its envelope', () => {
    const good = analyze(spec, null, windows.slice(0, 3), at(3)).evidence;
    expect(parseEvidence(serializeEvidence(good))).toEqual(good);
    const corrupt = (mutate: (ev: Record<string, unknown>) => void) => {
      const copy = JSON.parse(serializeEvidence(good)) as Record<string, unknown>;
      mutate(copy);
      return () => parseEvidence(JSON.stringify(copy));
    };
    const errors = (ev: Record<string, unknown>) =>
      (ev['checks'] as Record<string, Record<string, unknown>>)['errors'] as Record<string, unknown>;
    expect(corrupt((ev) => delete errors(ev)['regression'])).toThrow(/evidence\.checks\.errors.*regression/);
    expect(corrupt((ev) => ((errors(ev)['canary'] as { bad: number }).bad = -1))).toThrow(
      /evidence\.checks\.errors\.canary\.bad/,
    );
    expect(corrupt((ev) => (errors(ev)['type'] = 'guess'))).toThrow(EvidenceError);
    expect(corrupt((ev) => (ev['measurements'] = 'many'))).toThrow(/evidence\.measurements/);
  });
});
