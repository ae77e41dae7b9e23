// The engine's hooks the actions use: the post step's `abandon` (rolls back only its own run's release,
// never a paused or another run's one), the watch after promotion (strategy.watch) returning to the
// release before on failure, the outcome keeping the finished release and its last analysis for outputs
// and summaries, and a log section per part of the work.
import { describe, expect, it } from '@jest/globals';
import type { Reporter, RolloutStage } from '../../../src/rollout/ports.js';
import { MemoryReporter, release, ScriptedJudge, steps, world, type World } from './fakes.js';

const OURS = 'acme/web/42/1';

/** The stable web:1 recorded as deployed, so there is a release before to return to. */
async function withV1(): Promise<World> {
  const w = world({ stable: 4 });
  expect((await w.engine().deploy(release('1'))).result).toBe('deployed');
  return w;
}

function watched(tag: string, seconds: number) {
  const r = release(tag);
  return { ...r, settings: { ...r.settings, watchSeconds: seconds } };
}

describe('abandon (the post step)', () => {
  it('rolls back a release this run started and left half-way', async () => {
    const w = await withV1();
    await w.engine().canary(release('2'), 25);
    const outcome = await w.engine().abandon('web-2', OURS, 'the job stopped');
    expect(outcome?.result).toBe('rolled-back');
    expect(outcome?.record.phase).toBe('idle');
    expect(outcome?.record.history[0]).toMatchObject({
      id: 'web-2',
      result: 'rolled-back',
      reason: 'the job stopped',
    });
    expect(w.cluster.deploymentNames()).toEqual(['web']);
  });

  it('leaves alone a release another run started, one of another id, one at a gate, and a finished one', async () => {
    const w = await withV1();
    await w.engine({ identity: 'acme/web/77/1' }).canary(release('2'), 25);
    expect(await w.engine().abandon('web-2', OURS, 'x')).toBeUndefined();
    expect(await w.engine().abandon('web-3', 'acme/web/77/1', 'x')).toBeUndefined();
    expect(w.store.record?.phase).toBe('progressing');
    await w.engine({ identity: 'acme/web/77/1' }).rollback();

    const gated = steps([25, 100], 60).map((s, i) => (i === 1 ? { ...s, approval: 'production' } : s));
    expect((await w.engine().rollout(release('3'), gated)).result).toBe('paused');
    expect(await w.engine().abandon('web-3', OURS, 'x')).toBeUndefined();
    expect(w.store.record?.phase).toBe('paused');
    expect((await w.engine().rollout(release('3'), gated, { approve: true })).result).toBe('promoted');
    expect(await w.engine().abandon('web-3', OURS, 'x')).toBeUndefined();
    expect(w.lock.held).toBe(false);
  });
});

describe('the watch after promotion', () => {
  it('keeps the promotion when the new stable passes its watch, with the watch as the last analysis', async () => {
    const w = await withV1();
    const watchJudge = new ScriptedJudge(w.clock, () => ({
      measurements: 2,
      verdict: 'pass',
      reason: 'fine',
    }));
    const outcome = await w.engine({ watchJudge }).rollout(watched('2', 60), steps([50, 100], 60));
    expect(outcome.result).toBe('promoted');
    expect(outcome.reason).toBe('every step passed; watched 60s: fine');
    expect(watchJudge.calls).toEqual([{ step: 2, bakeSeconds: 60, resume: undefined }]);
    expect(outcome.analysis).toMatchObject({ step: 2, verdict: 'pass' });
    // The release as it ran, though the record no longer holds it.
    expect(outcome.record.current).toBeUndefined();
    expect(outcome.release).toMatchObject({ id: 'web-2', images: { web: 'web:2' } });
    expect(outcome.release?.stepLog.map((l) => [l.weight, l.verdict])).toEqual([[50, 'pass']]);
  });

  it('returns to the release before when the watch fails', async () => {
    const w = await withV1();
    const watchJudge = new ScriptedJudge(w.clock, () => ({
      measurements: 1,
      verdict: 'fail',
      reason: "critical check 'saturation' failed",
    }));
    const outcome = await w
      .engine({ watchJudge })
      .promote()
      .catch(() => undefined);
    expect(outcome).toBeUndefined(); // nothing in progress yet
    await w.engine().canary(watched('2', 30), 25);
    const back = await w.engine({ watchJudge }).promote();
    expect(back.result).toBe('rolled-back');
    expect(back.reason).toBe(
      "watch after promotion failed (critical check 'saturation' failed); returned from web-2 to web-1",
    );
    expect(back.record.history.map((h) => [h.id, h.result])).toEqual([
      ['web-1', 'deployed'],
      ['web-2', 'promoted'],
      ['web-1', 'deployed'],
    ]);
    expect(w.cluster.deployment('web')?.spec?.template?.spec?.containers[0]?.image).toBe('web:1');
  });

  it('is skipped with a warning when there is nothing to judge the new stable by', async () => {
    const w = await withV1();
    const outcome = await w.engine().rollout(watched('2', 60), steps([50, 100], 60));
    expect(outcome.result).toBe('promoted');
    expect(w.reporter.lines).toContainEqual({
      level: 'warn',
      text: expect.stringContaining('web-2 is not watched after promotion'),
    });
  });
});

describe('log sections', () => {
  it('opens one per step, for the promotion and for a rollback', async () => {
    const w = await withV1();
    const sections: string[] = [];
    const stages: RolloutStage[] = [];
    const inner = new MemoryReporter();
    const reporter: Reporter = {
      info: (l) => inner.info(l),
      warn: (l) => inner.warn(l),
      progress: (l) => inner.progress(l),
      section: (title) => sections.push(title),
      stage: (stage) => stages.push(stage),
    };
    await w.engine({ reporter }).rollout(release('2'), steps([25, 50, 100], 60));
    await w.engine({ reporter }).canary(release('3'), 10);
    await w.engine({ reporter }).rollback();
    expect(sections).toEqual([
      'step 1/3: 25%',
      'step 2/3: 50%',
      'promote web-2',
      'step 1/1: 10%',
      'roll back web-3',
    ]);
    // The same parts as data, each step once its weight is read back (the replica router's nearest to 10% is 16.7%).
    expect(stages).toEqual([
      { kind: 'step', step: 1, total: 3, requested: 25, effective: 25 },
      { kind: 'step', step: 2, total: 3, requested: 50, effective: 50 },
      { kind: 'promote', release: 'web-2', weight: 50 },
      { kind: 'step', step: 1, total: 1, requested: 10, effective: 16.7 },
      { kind: 'rollback', release: 'web-3', weight: 10 },
    ]);
  });
});
