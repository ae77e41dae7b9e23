// Killed anywhere, the next run finishes the same: for every point where the record was just persisted
// (and every cluster change), a run is killed there and a fresh engine runs the same command again.
import { describe, expect, it } from '@jest/globals';
import type { Outcome } from '../../../src/rollout/engine.js';
import type { StepAnalysis } from '../../../src/rollout/record.js';
import {
  historyOf,
  Killed,
  KillingStore,
  release,
  steps,
  template,
  world,
  type StepScript,
  type World,
} from './fakes.js';

const STEPS = steps([10, 25, 50, 100]);

interface Scenario {
  name: string;
  stable: number;
  script: (step: number) => StepScript;
}

const scenarios: Scenario[] = [
  { name: 'promoted', stable: 10, script: () => ({ measurements: 3, verdict: 'pass' }) },
  {
    name: 'rolled back at 50 %',
    stable: 10,
    script: (step) =>
      step === 2
        ? { measurements: 2, verdict: 'fail', reason: 'errors' }
        : { measurements: 3, verdict: 'pass' },
  },
  {
    name: 'inconclusive at 25 %',
    stable: 5,
    script: (step) =>
      step === 1
        ? { measurements: 3, verdict: 'inconclusive', reason: 'no data' }
        : { measurements: 2, verdict: 'pass' },
  },
];

interface Run {
  w: World;
  outcome: Outcome;
}

async function uninterrupted(s: Scenario): Promise<Run> {
  const w = world({ stable: s.stable, script: s.script });
  const outcome = await w.engine().rollout(release('2'), STEPS);
  return { w, outcome };
}

/** The steps as the record logged them when the decision was taken: weights asked and achieved, verdicts. */
function stepsOf(w: World): unknown[] {
  const last = w.store.written.filter((r) => r.current !== undefined).at(-1);
  return (last?.current?.stepLog ?? []).map((l) => [l.step, l.weight, l.effectiveWeight, l.verdict]);
}

function expectSameEnd(run: Run, reference: Run): void {
  expect(stepsOf(run.w)).toEqual(stepsOf(reference.w));
  expect(run.w.cluster.snapshot()).toEqual(reference.w.cluster.snapshot());
  expect(historyOf(run.w.store.record)).toEqual(historyOf(reference.w.store.record));
  expect(run.w.store.record?.phase).toBe('idle');
  expect(run.outcome.result).toBe(reference.outcome.result);
  expect(run.outcome.reason).toBe(reference.outcome.reason);
  expect(run.w.cluster.deploymentNames()).toEqual(['web']);
  expect(run.w.violations).toEqual([]);
  // Every measurement counted once: none repeated, none forgotten.
  expect(run.w.judge.measured).toEqual(reference.w.judge.measured);
}

describe.each(scenarios)('a rollout that is $name', (scenario) => {
  let reference: Run;
  let total = 0;

  it('persists after every event (the reference run)', async () => {
    reference = await uninterrupted(scenario);
    total = reference.w.store.writes;
    expect(total).toBeGreaterThan(10);
    expect(reference.w.violations).toEqual([]);
  });

  it('killed right after each write but the last, then run again, ends the same', async () => {
    reference ??= await uninterrupted(scenario);
    total = reference.w.store.writes;
    for (let n = 1; n < total; n++) {
      const w = world({ stable: scenario.stable, script: scenario.script });
      await expect(
        w.engine({ store: new KillingStore(w.store, n) }).rollout(release('2'), STEPS),
      ).rejects.toThrow(Killed);
      expect(w.store.writes).toBe(n);
      expect(w.lock.held).toBe(false);
      const persisted = w.store.record?.current?.analysis;
      const judgedBefore = w.judge.calls.length;

      const outcome = await w.engine().rollout(release('2'), STEPS);
      const context = `killed after write ${n} of ${total}`;
      expect({ context, end: w.cluster.snapshot() }).toEqual({
        context,
        end: reference.w.cluster.snapshot(),
      });
      expectSameEnd({ w, outcome }, reference);

      // The judge resumes from the persisted evidence of that step, never starts it afresh.
      const resumedCalls = w.judge.calls.slice(judgedBefore);
      const decided = w.store.written[n - 1]?.current?.decision !== undefined;
      if (decided)
        expect({ context, judgedAfterDecision: resumedCalls }).toEqual({ context, judgedAfterDecision: [] });
      else if (persisted?.done === true) {
        // The step had decided: the rerun acts on the persisted verdict without judging again.
        const again = resumedCalls.filter((c) => c.step === persisted.step);
        expect({ context, judgedAgain: again }).toEqual({ context, judgedAgain: [] });
      } else if (persisted !== undefined) {
        const first = resumedCalls.find((c) => c.step === persisted.step);
        expect({ context, resume: first?.resume }).toEqual({ context, resume: persisted });
      }
      // A step whose measurements were persisted is never judged from scratch again.
      const persistedSteps = new Set(
        w.store.written.slice(0, n).flatMap((r) => (r.current?.analysis ? [r.current.analysis.step] : [])),
      );
      for (const call of resumedCalls)
        if (persistedSteps.has(call.step))
          expect({ context, step: call.step, fresh: call.resume === undefined }).toEqual({
            context,
            step: call.step,
            fresh: false,
          });
    }
  });

  /** Kills the run right before cluster change k, then runs again; says if the stable was mid-scale then. */
  async function killBeforeChange(k: number): Promise<Run & { midScale: boolean }> {
    const w = world({ stable: scenario.stable, script: scenario.script });
    let midScale = false;
    w.cluster.beforeMutation = (count, _call) => {
      if (count !== k) return;
      midScale = w.cluster.ready('web') < (w.cluster.replicas('web') ?? 0);
      throw new Killed(`killed before cluster change ${k}`);
    };
    await expect(w.engine().rollout(release('2'), STEPS)).rejects.toThrow(Killed);
    w.cluster.beforeMutation = undefined;
    const outcome = await w.engine().rollout(release('2'), STEPS);
    return { w, outcome, midScale };
  }

  it('killed before each cluster change, then run again, ends the same', async () => {
    reference ??= await uninterrupted(scenario);
    const mutations = reference.w.cluster.mutations;
    for (let k = 1; k <= mutations; k++) {
      const run = await killBeforeChange(k);
      // Kills while the stable is scaling up are the failing test below.
      if (run.midScale) continue;
      const context = `killed before cluster change ${k} of ${mutations}`;
      expect({ context, end: run.w.cluster.snapshot() }).toEqual({
        context,
        end: reference.w.cluster.snapshot(),
      });
      expectSameEnd(run, reference);
    }
  });

  // BUG (reported): a run killed after the stable was scaled up but before its pods were ready leaves
  // spec.replicas already right, so the rerun skips the wait: setWeight moves traffic and records the
  // weight (27.8 % instead of 25 %) before the stable is ready, and rollback deletes canary and baseline
  // before it is (at 50 % the stable had 0 pods: the Service is left with no endpoint).
  it('killed while the stable scales up, then run again, ends the same', async () => {
    reference ??= await uninterrupted(scenario);
    let tried = 0;
    for (let k = 1; k <= reference.w.cluster.mutations; k++) {
      const run = await killBeforeChange(k);
      if (!run.midScale) continue;
      tried++;
      const context = `killed before cluster change ${k}, the stable scaling up`;
      expect({ context, end: run.w.cluster.snapshot() }).toEqual({
        context,
        end: reference.w.cluster.snapshot(),
      });
      expectSameEnd(run, reference);
    }
    expect(tried).toBeGreaterThan(0);
  });

  it('killed twice in a row at successive points still ends the same', async () => {
    reference ??= await uninterrupted(scenario);
    total = reference.w.store.writes;
    for (let n = 1; n + 1 < total; n += 3) {
      const w = world({ stable: scenario.stable, script: scenario.script });
      await expect(
        w.engine({ store: new KillingStore(w.store, n) }).rollout(release('2'), STEPS),
      ).rejects.toThrow(Killed);
      // The second run dies right after its own first write.
      const second = w.engine({ store: new KillingStore(w.store, 1) }).rollout(release('2'), STEPS);
      const result = await second.then(
        (o) => o,
        (e: unknown) => e,
      );
      const outcome =
        result instanceof Killed ? await w.engine().rollout(release('2'), STEPS) : (result as Outcome);
      expectSameEnd({ w, outcome }, reference);
    }
  });
});

describe('the judge on resume', () => {
  it('gets the persisted analysis of the same step, measurement by measurement', async () => {
    const script = (): StepScript => ({ measurements: 4, verdict: 'pass' });
    const clean = world({ stable: 10, script });
    await clean.engine().rollout(release('2'), STEPS);
    // Writes that persisted an analysis with n measurements, for step 1.
    const analysisWrites = clean.store.written
      .map((r, i) => ({ i: i + 1, a: r.current?.analysis }))
      .filter((x): x is { i: number; a: StepAnalysis } => x.a?.step === 1);
    expect(analysisWrites.length).toBeGreaterThanOrEqual(4);
    expect(analysisWrites.filter((x) => x.a.done === true).length).toBeGreaterThan(0);
    for (const { i, a } of analysisWrites) {
      const w = world({ stable: 10, script });
      await expect(
        w.engine({ store: new KillingStore(w.store, i) }).rollout(release('2'), STEPS),
      ).rejects.toThrow(Killed);
      const before = w.judge.calls.length;
      const measuredBefore = w.judge.measured.length;
      await w.engine().rollout(release('2'), STEPS);
      const resumed = w.judge.calls.slice(before).filter((c) => c.step === 1);
      // A decided step is not judged again; an undecided one resumes from what was persisted.
      expect(resumed).toEqual(a.done === true ? [] : [{ step: 1, bakeSeconds: 300, resume: a }]);
      const n = JSON.parse(a.evidence) as { measurements: number };
      // The resumed run measures step 1 only where the killed one stopped.
      expect(w.judge.measured.slice(measuredBefore).filter((m) => m.startsWith('1:'))).toEqual(
        Array.from({ length: 4 - n.measurements }, (_, j) => `1:${n.measurements + j + 1}`),
      );
    }
  });

  // BUG (reported): a first release killed after its objects were applied but before its record was
  // written is taken, on the rerun, for a stable release: the rerun canaries it against itself.
  it('a first release killed before its record was written is deployed plainly on the rerun', async () => {
    const w = world();
    w.cluster.beforeMutation = (_n, call) => {
      if (call.op === 'wait') throw new Killed('killed while waiting');
    };
    await expect(w.engine().rollout(release('1'), STEPS)).rejects.toThrow(Killed);
    w.cluster.beforeMutation = undefined;
    const outcome = await w.engine().rollout(release('1'), STEPS);
    expect(outcome.result).toBe('deployed');
    expect(w.judge.calls).toEqual([]);
    expect(historyOf(w.store.record)).toEqual([
      { id: 'web-1', images: { web: 'web:1' }, template: template('web:1'), result: 'deployed' },
    ]);
  });

  // BUG (reported): killed right after the last write (the release finished and was recorded), the
  // rerun starts the same release again as a new canary.
  it('killed right after the last write, the rerun changes nothing', async () => {
    const clean = world({ stable: 10 });
    await clean.engine().rollout(release('2'), STEPS);
    const w = world({ stable: 10 });
    await expect(
      w.engine({ store: new KillingStore(w.store, clean.store.writes) }).rollout(release('2'), STEPS),
    ).rejects.toThrow(Killed);
    const outcome = await w.engine().rollout(release('2'), STEPS);
    expect(historyOf(w.store.record)).toEqual(historyOf(clean.store.record));
    expect(outcome.result).toBe('promoted');
    expect(w.judge.calls.length).toBe(clean.judge.calls.length);
  });
});
