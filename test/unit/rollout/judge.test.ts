import { describe, expect, it } from '@jest/globals';
import {
  defaultAnalysis,
  newEvidence,
  parseEvidence,
  type AnalysisSpec,
} from '../../../src/analysis/index.js';
import type { MetricQuery, MetricResult, Provider } from '../../../src/metrics/provider.js';
import { ProviderStepJudge, requestsSeen, type StepJudgeInput } from '../../../src/rollout/judge.js';
import type { StepAnalysis } from '../../../src/rollout/record.js';
import { FakeClock, Killed, T0 } from './fakes.js';

/** Counts per 10 s window: 100 requests per arm, `bad` canary errors, half an error for the baseline. */
class CountingProvider implements Provider {
  readonly type = 'scripted';
  readonly asked: MetricQuery[] = [];
  constructor(private readonly canaryBad: number) {}
  query(q: MetricQuery): Promise<MetricResult> {
    this.asked.push(q);
    const windows = (q.window.end.getTime() - q.window.start.getTime()) / 10_000;
    const value = { ct: 100, bt: 100, cb: this.canaryBad, bb: 0.5 }[q.query] ?? Number.NaN;
    return Promise.resolve({ kind: 'value', value: value * windows, at: q.window.end });
  }
  isOnline(): Promise<boolean> {
    return Promise.resolve(true);
  }
  /** The windows measured, once each (every window is asked for four queries). */
  windows(): [number, number][] {
    const seen = new Map<string, [number, number]>();
    for (const q of this.asked)
      seen.set(`${q.window.start.getTime()}-${q.window.end.getTime()}`, [
        q.window.start.getTime(),
        q.window.end.getTime(),
      ]);
    return [...seen.values()];
  }
}

const base = defaultAnalysis('production', {
  errors: { canary: { total: 'ct', bad: 'cb' }, baseline: { total: 'bt', bad: 'bb' } },
});
const specFor = (bake: number): AnalysisSpec =>
  bake > 0 ? { ...base, minDurationSeconds: bake, maxDurationSeconds: bake } : base;

function input(step: number, persisted: StepAnalysis[], extra: Partial<StepJudgeInput> = {}): StepJudgeInput {
  return {
    step,
    bakeSeconds: 60,
    onMeasured: (analysis) => {
      persisted.push(analysis);
      return Promise.resolve();
    },
    ...extra,
  };
}

describe('ProviderStepJudge', () => {
  it('persists after every measurement and passes a healthy canary after its bake', async () => {
    const clock = new FakeClock();
    const provider = new CountingProvider(0.5);
    const persisted: StepAnalysis[] = [];
    const verdict = await new ProviderStepJudge(provider, specFor, clock).judge(input(1, persisted));
    expect(verdict.verdict).toBe('pass');
    expect(clock.time - T0).toBeGreaterThanOrEqual(60_000);
    expect(persisted.map((a) => parseEvidence(a.evidence).measurements)).toEqual(
      persisted.map((_, i) => i + 1),
    );
    expect(persisted.every((a) => a.step === 1)).toBe(true);
    expect(verdict.analysis).toEqual(persisted.at(-1));
    expect(verdict.analysis.requests).toEqual({
      canary: 100 * persisted.length,
      baseline: 100 * persisted.length,
    });
    expect(Date.parse(verdict.analysis.nextDue)).toBe(clock.time + base.intervalSeconds * 1000);
  });

  it('fails a canary with more errors', async () => {
    const verdict = await new ProviderStepJudge(new CountingProvider(8), specFor, new FakeClock()).judge(
      input(0, []),
    );
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).not.toBe('');
  });

  it.each([1, 2, 3, 5])(
    'killed right after persisting measurement %i, resumes from it: each window counted once',
    async (killAt) => {
      const reference = new CountingProvider(0.5);
      const referenceRun = await new ProviderStepJudge(reference, specFor, new FakeClock()).judge(
        input(2, []),
      );

      const clock = new FakeClock();
      const provider = new CountingProvider(0.5);
      const persisted: StepAnalysis[] = [];
      const judge = new ProviderStepJudge(provider, specFor, clock);
      const killing = input(2, persisted, {
        onMeasured: (analysis) => {
          persisted.push(analysis);
          return persisted.length === killAt
            ? Promise.reject(new Killed('after persisting'))
            : Promise.resolve();
        },
      });
      await expect(judge.judge(killing)).rejects.toThrow(Killed);
      const last = persisted.at(-1)!;
      const resumed = await new ProviderStepJudge(provider, specFor, clock).judge(
        input(2, persisted, { resume: last }),
      );
      expect(resumed.verdict).toBe(referenceRun.verdict);
      expect(parseEvidence(resumed.analysis.evidence).measurements).toBe(
        parseEvidence(referenceRun.analysis.evidence).measurements,
      );
      expect(provider.windows()).toEqual(reference.windows());
    },
  );

  it('resumed after a pause, starts its next window where the persisted one ended', async () => {
    const clock = new FakeClock();
    const provider = new CountingProvider(0.5);
    const persisted: StepAnalysis[] = [];
    await expect(
      new ProviderStepJudge(provider, specFor, clock).judge(
        input(0, persisted, {
          onMeasured: (a) => {
            persisted.push(a);
            return persisted.length === 2 ? Promise.reject(new Killed('x')) : Promise.resolve();
          },
        }),
      ),
    ).rejects.toThrow(Killed);
    clock.advance(35);
    await new ProviderStepJudge(provider, specFor, clock).judge(
      input(0, persisted, { resume: persisted.at(-1)! }),
    );
    const windows = provider.windows().sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < windows.length; i++) expect(windows[i]![0]).toBe(windows[i - 1]![1]);
    expect(windows[0]![0]).toBe(T0);
  });

  it('starts afresh when the persisted analysis is another step’s', async () => {
    const clock = new FakeClock();
    clock.advance(600);
    const stale: StepAnalysis = {
      step: 0,
      evidence: JSON.stringify({
        ...newEvidence(new Date(T0)),
        measurements: 7,
        lastWindowEnd: new Date(T0 + 70_000).toISOString(),
      }),
      nextDue: new Date(T0 + 80_000).toISOString(),
    };
    const persisted: StepAnalysis[] = [];
    const provider = new CountingProvider(0.5);
    await new ProviderStepJudge(provider, specFor, clock).judge(input(1, persisted, { resume: stale }));
    expect(parseEvidence(persisted[0]!.evidence).measurements).toBe(1);
    expect(provider.asked[0]?.window.start.getTime()).toBe(T0 + 600_000);
  });
});

describe('requestsSeen', () => {
  it('reads the first compare check, else zeros', () => {
    expect(requestsSeen(newEvidence(new Date(T0)))).toEqual({ canary: 0, baseline: 0 });
  });
});
