import { describe, expect, it } from '@jest/globals';
import { measure, nextDue, renderQuery, runAnalysis, type Clock } from '../../../src/analysis/loop.js';
import { newEvidence } from '../../../src/analysis/evidence.js';
import { defaultAnalysis } from '../../../src/analysis/defaults.js';
import {
  ProviderError,
  ProviderUnavailableError,
  type MetricQuery,
  type MetricResult,
  type Provider,
} from '../../../src/metrics/provider.js';

const t0 = Date.UTC(2026, 0, 1);

/** A provider answering from a function of (query, window), recording what it was asked. */
class ScriptedProvider implements Provider {
  readonly type = 'scripted';
  readonly asked: MetricQuery[] = [];
  constructor(private readonly answer: (q: MetricQuery) => MetricResult) {}
  query(q: MetricQuery): Promise<MetricResult> {
    this.asked.push(q);
    return Promise.resolve(this.answer(q));
  }
  isOnline(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

class FakeClock implements Clock {
  time = t0;
  now() {
    return new Date(this.time);
  }
  sleepUntil(time: Date) {
    this.time = Math.max(this.time, time.getTime());
    return Promise.resolve();
  }
}

const spec = defaultAnalysis('production', {
  errors: { canary: { total: 'ct', bad: 'cb' }, baseline: { total: 'bt', bad: 'bb' } },
});

/** Counts per 10 s: 100 requests per arm, canary errors as given, baseline 1 every other window. */
function counts(canaryBadPerWindow: number) {
  return (q: MetricQuery): MetricResult => {
    const windows = (q.window.end.getTime() - q.window.start.getTime()) / 10_000;
    const value = { ct: 100, bt: 100, cb: canaryBadPerWindow, bb: 0.5 }[q.query] ?? NaN;
    return { kind: 'value', value: value * windows, at: q.window.end };
  };
}

describe('measurement loop', () => {
  it('asks for contiguous windows, one interval apart, and stops at the decision', async () => {
    const provider = new ScriptedProvider(counts(5));
    const result = await runAnalysis(provider, spec, new FakeClock());
    expect(result).toMatchObject({ verdict: 'fail', done: true });
    const ends = [...new Set(provider.asked.map((q) => q.window.end.getTime()))];
    const starts = [...new Set(provider.asked.map((q) => q.window.start.getTime()))];
    expect(starts[0]).toBe(t0);
    expect(starts.slice(1)).toEqual(ends.slice(0, -1));
    ends.forEach((end, i) => expect(end).toBe(t0 + (i + 1) * spec.intervalSeconds * 1000));
  });

  it('promotes a healthy canary after the bake, persisting evidence each step', async () => {
    const seen: number[] = [];
    const result = await runAnalysis(new ScriptedProvider(counts(0.5)), spec, new FakeClock(), {
      onResult: (r) => void seen.push(r.evidence.measurements),
    });
    expect(result.verdict).toBe('pass');
    expect(result.elapsedSeconds).toBeGreaterThanOrEqual(spec.minDurationSeconds);
    expect(seen).toEqual(seen.map((_, i) => i + 1));
  });

  it('resumes where the evidence stopped: next window starts at lastWindowEnd', async () => {
    const evidence = { ...newEvidence(new Date(t0)), lastWindowEnd: new Date(t0 + 40_000).toISOString() };
    expect(nextDue(spec, evidence).getTime()).toBe(t0 + 50_000);
    const provider = new ScriptedProvider(counts(5));
    const clock = new FakeClock();
    clock.time = t0 + 45_000;
    await runAnalysis(provider, spec, clock, { evidence });
    expect(provider.asked[0]?.window.start.getTime()).toBe(t0 + 40_000);
    expect(provider.asked[0]?.window.end.getTime()).toBe(t0 + 50_000);
  });

  it('reads a missing bad-requests series as zero, a missing total or a down provider as no data', async () => {
    const window = { start: new Date(t0), end: new Date(t0 + 10_000) };
    const empty = new ScriptedProvider((q) =>
      q.query === 'cb' || q.query === 'bb'
        ? { kind: 'no-data', reason: 'empty vector', empty: true }
        : { kind: 'value', value: 10, at: window.end },
    );
    expect((await measure(empty, spec, window)).samples['error-rate']).toEqual({
      type: 'compare',
      canary: { kind: 'counts', total: 10, bad: 0 },
      baseline: { kind: 'counts', total: 10, bad: 0 },
    });
    // An empty total is no data, whatever the bad count says.
    const noRequests = new ScriptedProvider(() => ({ kind: 'no-data', reason: 'empty vector', empty: true }));
    expect((await measure(noRequests, spec, window)).samples['error-rate']).toMatchObject({
      canary: { kind: 'no-data', reason: 'requests: empty vector' },
    });
    const nan = new ScriptedProvider(() => ({ kind: 'value', value: Number.NaN, at: window.end }));
    const sample = (await measure(nan, spec, window)).samples['error-rate'];
    expect(sample).toMatchObject({ canary: { kind: 'no-data' }, baseline: { kind: 'no-data' } });
    const down = new ScriptedProvider(() => {
      throw new ProviderUnavailableError('connection refused', 'scripted');
    });
    expect((await measure(down, spec, window)).samples['error-rate']).toMatchObject({
      canary: { kind: 'no-data' },
    });
    // Errors query down while the requests query answers: missing evidence, never "zero bad requests".
    const badDown = new ScriptedProvider((q) => {
      if (q.query === 'cb') throw new ProviderUnavailableError('HTTP 503', 'scripted');
      return { kind: 'value', value: 10, at: window.end };
    });
    expect((await measure(badDown, spec, window)).samples['error-rate']).toEqual({
      type: 'compare',
      canary: { kind: 'no-data', reason: 'bad requests: HTTP 503' },
      baseline: { kind: 'counts', total: 10, bad: 10 },
    });
    const broken = new ScriptedProvider(() => {
      throw new ProviderError('parse error in query', 'scripted', 400);
    });
    await expect(measure(broken, spec, window)).rejects.toThrow('parse error');
  });

  it('a NaN, null or missing bad count while requests were served is no data with its reason, never 0 bad', async () => {
    const window = { start: new Date(t0), end: new Date(t0 + 10_000) };
    const answers: Record<string, MetricResult> = {
      // NaN as the provider reads it (Prometheus "NaN" -> no-data with a reason, not marked empty).
      cb: { kind: 'no-data', reason: 'query "cb" returned NaN (e.g. a ratio over zero requests)' },
      // A NaN value that reached the loop as a number.
      bb: { kind: 'value', value: Number.NaN, at: window.end },
    };
    const provider = new ScriptedProvider(
      (q) => answers[q.query] ?? { kind: 'value', value: 50, at: window.end },
    );
    expect((await measure(provider, spec, window)).samples['error-rate']).toEqual({
      type: 'compare',
      canary: {
        kind: 'no-data',
        reason: 'bad requests: query "cb" returned NaN (e.g. a ratio over zero requests)',
      },
      baseline: { kind: 'no-data', reason: 'bad requests: value is NaN' },
    });
    // A null value or a path that is not there (HTTP/JSON, New Relic without rows): no data too.
    const missing = new ScriptedProvider((q) =>
      q.query === 'cb'
        ? { kind: 'no-data', reason: 'query "cb" (data.result[0].value[1]): path not found in the response' }
        : q.query === 'bb'
          ? { kind: 'no-data', reason: 'query "bb" returned a null value' }
          : { kind: 'value', value: 50, at: window.end },
    );
    const sample = (await measure(missing, spec, window)).samples['error-rate'];
    expect(sample).toMatchObject({
      canary: { kind: 'no-data', reason: expect.stringMatching(/^bad requests: .*path not found/) },
      baseline: { kind: 'no-data', reason: expect.stringMatching(/^bad requests: .*null value/) },
    });
  });

  it('an empty answer on a threshold check is no data (only a bad count reads it as zero)', async () => {
    const window = { start: new Date(t0), end: new Date(t0 + 10_000) };
    const thresholdSpec = {
      ...spec,
      checks: [{ type: 'threshold' as const, name: 'cpu', critical: false, query: 'cpu', max: 1 }],
    };
    const empty = new ScriptedProvider(() => ({ kind: 'no-data', reason: 'empty vector', empty: true }));
    expect((await measure(empty, thresholdSpec, window)).samples.cpu).toEqual({
      type: 'threshold',
      value: { kind: 'no-data', reason: 'empty vector' },
    });
  });

  it('fills the window length into queries', () => {
    const window = { start: new Date(t0), end: new Date(t0 + 30_000) };
    expect(renderQuery('sum(increase(x[{{window}}])) / {{windowSeconds}}', window)).toBe(
      'sum(increase(x[30s])) / 30',
    );
  });
});
