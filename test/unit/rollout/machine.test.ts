import { describe, expect, it } from '@jest/globals';
import { decide, reduce, type Action, type Event } from '../../../src/rollout/machine.js';
import {
  emptyRecord,
  HISTORY_LIMIT,
  type CurrentRelease,
  type ReleaseEntry,
  type RolloutRecord,
  type StepAnalysis,
  type StepPlan,
} from '../../../src/rollout/record.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 1, 12, minutes));

function plan(weights: number[], extra: Partial<StepPlan>[] = []): StepPlan[] {
  return weights.map((weight, i) => ({
    weight,
    bakeSeconds: 300,
    analysis: i < weights.length - 1,
    ...extra[i],
  }));
}

function current(overrides: Partial<CurrentRelease> = {}): CurrentRelease {
  return {
    id: 'web-2',
    settings: { progressDeadlineSeconds: 600 },
    images: { web: 'web:2' },
    startedAt: at(0).toISOString(),
    startedBy: 'acme/web/42/1',
    template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } },
    baselineTemplate: { spec: { containers: [{ name: 'web', image: 'web:1' }] } },
    objects: [],
    stableReplicas: 10,
    steps: plan([10, 25, 50, 100]),
    step: 0,
    weight: { requested: 0, effective: 0 },
    stepLog: [],
    ...overrides,
  };
}

function progressing(overrides: Partial<CurrentRelease> = {}): RolloutRecord {
  return {
    ...emptyRecord('web', 'shop', 'web', 'replicas', at(0)),
    phase: 'progressing',
    current: current(overrides),
  };
}

const analysis = (step: number, n: number): StepAnalysis => ({
  step,
  evidence: JSON.stringify({ step, n }),
  nextDue: at(n).toISOString(),
  verdict: 'inconclusive',
});

/** Deep-freezes a record so a reduce that mutated its input would throw. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

/** Plays the machine to its end: every set-weight succeeds exactly, every bake passes, gates approved. */
function walk(record: RolloutRecord, limit = 100): Action[] {
  const actions: Action[] = [];
  let r = record;
  for (let i = 0; i < limit; i++) {
    const action = decide(r);
    actions.push(action);
    switch (action.type) {
      case 'set-weight':
        r = reduce(r, {
          type: 'weight-set',
          step: action.step,
          requested: action.weight,
          effective: action.weight,
          at: at(i),
        });
        break;
      case 'bake':
        r = reduce(r, { type: 'step-passed', step: action.step, reason: 'ok', at: at(i) });
        break;
      case 'await-approval':
        r = reduce(r, { type: 'approved', step: action.step });
        break;
      default:
        return actions;
    }
  }
  throw new Error('the machine did not finish');
}

describe('decide', () => {
  it('is idle with nothing in progress', () => {
    expect(decide(emptyRecord('web', 'shop', 'web', 'replicas', at(0)))).toEqual({ type: 'idle' });
    const { current: _c, ...noCurrent } = progressing();
    expect(decide({ ...noCurrent, phase: 'progressing' })).toEqual({ type: 'idle' });
    expect(decide({ ...progressing(), phase: 'idle' })).toEqual({ type: 'idle' });
  });

  it('sets the weight of a step whose weight was never set', () => {
    expect(decide(progressing())).toEqual({ type: 'set-weight', step: 0, weight: 10 });
    expect(decide(progressing({ step: 2 }))).toEqual({ type: 'set-weight', step: 2, weight: 50 });
  });

  it('bakes a step once its weight is set, with or without analysis as planned', () => {
    const set = reduce(progressing(), {
      type: 'weight-set',
      step: 0,
      requested: 10,
      effective: 10,
      at: at(1),
    });
    expect(decide(set)).toEqual({ type: 'bake', step: 0, analysis: true });
    const noAnalysis = progressing({ steps: plan([10, 100], [{ analysis: false }]) });
    const set2 = reduce(noAnalysis, { type: 'weight-set', step: 0, requested: 10, effective: 10, at: at(1) });
    expect(decide(set2)).toEqual({ type: 'bake', step: 0, analysis: false });
  });

  it('moves to the next step when a step passed', () => {
    let r = reduce(progressing(), { type: 'weight-set', step: 0, requested: 10, effective: 10, at: at(1) });
    r = reduce(r, { type: 'step-passed', step: 0, reason: 'pass', at: at(6) });
    expect(r.current?.step).toBe(1);
    expect(decide(r)).toEqual({ type: 'set-weight', step: 1, weight: 25 });
  });

  it('promotes at the last step of 100 % instead of setting a 100 % weight', () => {
    expect(decide(progressing({ step: 3 }))).toEqual({ type: 'promote', reason: 'every step passed' });
    const actions = walk(progressing());
    expect(
      actions.filter((a) => a.type === 'set-weight').map((a) => (a as { weight: number }).weight),
    ).toEqual([10, 25, 50]);
    expect(actions.at(-1)).toEqual({ type: 'promote', reason: 'every step passed' });
  });

  it('never asks for a 100 % weight, whatever the steps', () => {
    for (const weights of [[100], [50, 100], [1, 2, 3, 100], [5, 10, 25, 50, 100]]) {
      const actions = walk(progressing({ steps: plan(weights) }));
      expect(actions.some((a) => a.type === 'set-weight' && a.weight >= 100)).toBe(false);
      expect(actions.at(-1)?.type).toBe('promote');
    }
  });

  it('promotes after the last step when the steps do not end at 100 % (canary steps composed by hand)', () => {
    const r = progressing({ steps: plan([10, 30]), step: 2 });
    expect(decide(r)).toEqual({ type: 'promote', reason: 'every step passed' });
    const actions = walk(progressing({ steps: plan([10, 30]) }));
    expect(actions.map((a) => a.type)).toEqual(['set-weight', 'bake', 'set-weight', 'bake', 'promote']);
  });

  describe('approval gates', () => {
    const gated = () =>
      progressing({ steps: plan([10, 50, 100], [{}, {}, { approval: 'production' }]), step: 2 });

    it('waits for the approval of a gated step before anything else, even the promotion at 100 %', () => {
      expect(decide(gated())).toEqual({ type: 'await-approval', step: 2, environment: 'production' });
    });

    it('pauses, stays waiting while paused, and goes on once approved', () => {
      const paused = reduce(gated(), { type: 'paused', step: 2 });
      expect(paused.phase).toBe('paused');
      expect(decide(paused)).toEqual({ type: 'await-approval', step: 2, environment: 'production' });
      const approved = reduce(paused, { type: 'approved', step: 2 });
      expect(approved.phase).toBe('progressing');
      expect(approved.current?.approved).toEqual([2]);
      expect(decide(approved)).toEqual({ type: 'promote', reason: 'every step passed' });
    });

    it('sets the weight of an approved intermediate step, and does not ask again once it is set', () => {
      let r = progressing({ steps: plan([10, 50, 100], [{}, { approval: 'staging' }]), step: 1 });
      expect(decide(r)).toEqual({ type: 'await-approval', step: 1, environment: 'staging' });
      r = reduce(r, { type: 'approved', step: 1 });
      expect(decide(r)).toEqual({ type: 'set-weight', step: 1, weight: 50 });
      r = reduce(r, { type: 'weight-set', step: 1, requested: 50, effective: 50, at: at(2) });
      expect(decide(r)).toEqual({ type: 'bake', step: 1, analysis: true });
      // A step whose weight is set is past its gate even if the approval was not recorded.
      const { approved: _a, ...rest } = r.current!;
      expect(decide({ ...r, current: rest })).toEqual({ type: 'bake', step: 1, analysis: true });
    });

    it('records an approval once', () => {
      let r = reduce(gated(), { type: 'approved', step: 2 });
      r = reduce(r, { type: 'approved', step: 2 });
      expect(r.current?.approved).toEqual([2]);
    });
  });

  describe('decisions', () => {
    for (const action of ['promote', 'rollback'] as const) {
      it(`persists a ${action} decision and decides the same after a restart`, () => {
        const set = reduce(progressing({ step: 1 }), {
          type: 'weight-set',
          step: 1,
          requested: 25,
          effective: 25,
          at: at(1),
        });
        const decided = reduce(set, { type: 'decided', action, reason: 'because', at: at(2) });
        expect(decided.phase).toBe(action === 'promote' ? 'promoting' : 'rolling-back');
        expect(decided.current?.decision).toEqual({ action, reason: 'because', at: at(2).toISOString() });
        const restarted = JSON.parse(JSON.stringify(decided)) as RolloutRecord;
        expect(decide(restarted)).toEqual({ type: action, reason: 'because' });
        // The open step's log line closes with the decision's verdict.
        expect(decided.current?.stepLog).toEqual([
          expect.objectContaining({
            step: 1,
            finishedAt: at(2).toISOString(),
            verdict: action === 'promote' ? 'pass' : 'fail',
            reason: 'because',
          }),
        ]);
      });
    }

    it('finishes a decision whatever the phase says (a decision is never re-taken)', () => {
      const r = progressing({ decision: { action: 'rollback', reason: 'errors', at: at(3).toISOString() } });
      expect(decide(r)).toEqual({ type: 'rollback', reason: 'errors' });
    });

    it('keeps promoting or rolling back by phase alone', () => {
      expect(decide({ ...progressing(), phase: 'promoting' })).toEqual({
        type: 'promote',
        reason: 'promotion in progress',
      });
      expect(decide({ ...progressing(), phase: 'rolling-back' })).toEqual({
        type: 'rollback',
        reason: 'rollback in progress',
      });
    });
  });
});

describe('reduce', () => {
  it('does not change the record it is given', () => {
    const events: Event[] = [
      { type: 'weight-set', step: 0, requested: 10, effective: 9.1, at: at(1) },
      { type: 'analysis', analysis: analysis(0, 1) },
      { type: 'step-passed', step: 0, reason: 'ok', at: at(2) },
      { type: 'approved', step: 0 },
      { type: 'paused', step: 0 },
      { type: 'decided', action: 'rollback', reason: 'x', at: at(3) },
      { type: 'finished', result: 'rolled-back', template: {}, images: {}, at: at(4) },
    ];
    for (const event of events) {
      const before = progressing();
      const copy = JSON.parse(JSON.stringify(before)) as RolloutRecord;
      expect(() => reduce(frozen(before), event)).not.toThrow();
      expect(before).toEqual(copy);
    }
  });

  it('records the requested and the effective weight and logs the step', () => {
    const r = reduce(progressing(), {
      type: 'weight-set',
      step: 0,
      requested: 10,
      effective: 9.1,
      at: at(1),
    });
    expect(r.phase).toBe('progressing');
    expect(r.current?.weight).toEqual({ requested: 10, effective: 9.1 });
    expect(r.current?.stepLog).toEqual([
      { step: 0, weight: 10, effectiveWeight: 9.1, startedAt: at(1).toISOString() },
    ]);
    expect(r.updatedAt).toBe(at(1).toISOString());
    // Setting the same step again replaces its line.
    const again = reduce(r, { type: 'weight-set', step: 0, requested: 10, effective: 10, at: at(2) });
    expect(again.current?.stepLog).toEqual([
      { step: 0, weight: 10, effectiveWeight: 10, startedAt: at(2).toISOString() },
    ]);
  });

  it('keeps the analysis of the step and drops it when the step passes', () => {
    let r = reduce(progressing(), { type: 'weight-set', step: 0, requested: 10, effective: 10, at: at(1) });
    r = reduce(r, { type: 'analysis', analysis: analysis(0, 1) });
    r = reduce(r, { type: 'analysis', analysis: analysis(0, 2) });
    expect(r.current?.analysis).toEqual(analysis(0, 2));
    r = reduce(r, { type: 'step-passed', step: 0, reason: 'no difference', at: at(6) });
    expect(r.current?.analysis).toBeUndefined();
    expect(r.current?.stepLog[0]).toEqual({
      step: 0,
      weight: 10,
      effectiveWeight: 10,
      startedAt: at(1).toISOString(),
      finishedAt: at(6).toISOString(),
      verdict: 'pass',
      reason: 'no difference',
    });
  });

  it('puts a finished release at the head of the history and goes idle', () => {
    const decided = reduce(progressing(), {
      type: 'decided',
      action: 'promote',
      reason: 'every step passed',
      at: at(9),
    });
    const r = reduce(decided, {
      type: 'finished',
      result: 'promoted',
      template: { t: 2 },
      images: { web: 'web:2' },
      at: at(10),
    });
    expect(r.phase).toBe('idle');
    expect(r.current).toBeUndefined();
    expect('current' in r).toBe(false);
    expect(r.history).toEqual([
      {
        id: 'web-2',
        images: { web: 'web:2' },
        template: { t: 2 },
        result: 'promoted',
        finishedAt: at(10).toISOString(),
        reason: 'every step passed',
      },
    ]);
    expect(decide(r)).toEqual({ type: 'idle' });
  });

  it(`keeps at most ${HISTORY_LIMIT} releases, newest first`, () => {
    const old: ReleaseEntry[] = Array.from({ length: HISTORY_LIMIT }, (_, i) => ({
      id: `web-old-${i}`,
      images: {},
      template: null,
      result: 'promoted',
      finishedAt: at(0).toISOString(),
    }));
    const r = reduce(
      { ...progressing(), history: old },
      { type: 'finished', result: 'rolled-back', template: {}, images: {}, at: at(10) },
    );
    expect(r.history).toHaveLength(HISTORY_LIMIT);
    expect(r.history.map((h) => h.id)).toEqual([
      'web-2',
      ...old.slice(0, HISTORY_LIMIT - 1).map((h) => h.id),
    ]);
    expect(r.history[0]?.result).toBe('rolled-back');
  });

  it('throws on an event with no release in progress', () => {
    const idle = emptyRecord('web', 'shop', 'web', 'replicas', at(0));
    for (const event of [
      { type: 'weight-set', step: 0, requested: 10, effective: 10, at: at(1) },
      { type: 'finished', result: 'promoted', template: {}, images: {}, at: at(1) },
      { type: 'approved', step: 0 },
    ] satisfies Event[]) {
      expect(() => reduce(idle, event)).toThrow(/no release in progress/);
    }
  });
});
