// The actions, built and run as the runner runs them (test/harness), against the real bed: the
// composable actions chained by their outputs, the root action's whole profile (promotion, rollback and
// the exit status fail-on-rollback decides), the approval gate and the resumed job, the watch after
// promotion returning to the release before, and the post step, which rolls back only what its own job
// left half-way. Traffic is the exporter's counters at exact counts per tick (support/traffic.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { runAction, runPhases, type ActionRun } from '../harness/run-action.js';
import { uniqueName } from '../helpers/names.js';
import { bedEnv, editDial, kubeconfigContent, Saturation, serviceWithV1 } from './support/actions.js';
import type { ServiceFixture } from './support/service-fixture.js';
import { CounterTraffic } from './support/traffic.js';

type Deployment = { spec?: { template?: { spec?: { containers?: Array<{ image?: string }> } } } };
const image = (d: Deployment | undefined) => d?.spec?.template?.spec?.containers?.[0]?.image;
const json = <T>(text: string | undefined): T => JSON.parse(text ?? 'null') as T;
const STEPS = { steps: [25, 50, 100], bake: '6s' };

interface Evidence {
  step: number;
  verdict: string;
  requests: { canary: number; baseline: number };
  checks: Record<string, { type: string }>;
}

let traffic: CounterTraffic | undefined;
afterEach(async () => {
  await traffic?.stopped();
  traffic = undefined;
});

/** Both arms with the same error rate (a canary as good as the stable), or a canary with more errors. */
async function drive(f: ServiceFixture, canary: 'good' | 'bad'): Promise<void> {
  traffic = new CounterTraffic(f.namespace, {
    canary: canary === 'good' ? { ok: 9, errors: 1 } : { ok: 5, errors: 5 },
    baseline: { ok: 9, errors: 1 },
  });
  await traffic.start();
}

function step(f: ServiceFixture, action: string, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ action, inputs, workspace: f.workspace, env: bedEnv(), timeoutMs: 150_000 });
}

describe('canary, analyze, promote and rollback chained by their outputs', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-compose', { strategy: STEPS });
  });
  afterAll(async () => f?.cleanup());

  it('walks 25 % → analysis → 50 % → analysis → promotion, then returns to the release before', async () => {
    await drive(f, 'good');
    const c25 = await step(f, 'canary', { weight: '25', image: 'web=registry.test/web:v2' });
    expect(c25.annotations).toEqual([]);
    expect(c25.exitCode).toBe(0);
    expect(c25.outputs).toMatchObject({ result: 'progressing', service: 'web', namespace: f.namespace });
    expect(json(c25.outputs.weights)).toMatchObject({ requested: 25 });
    expect(json(c25.outputs.images)).toEqual({ web: 'registry.test/web:v2' });
    expect(c25.groups).toContain('step 1/1: 25%');

    const target = { service: c25.outputs.service!, namespace: c25.outputs.namespace! };
    const a25 = await step(f, 'analyze', { ...target, for: '6s' });
    expect(a25.exitCode).toBe(0);
    expect(a25.outputs.result).toBe('passed');
    const evidence = json<Evidence>(a25.outputs.evidence);
    expect(evidence).toMatchObject({ step: 0, verdict: 'pass', checks: { errors: { type: 'compare' } } });
    expect(evidence.requests.canary).toBeGreaterThanOrEqual(20);
    // A progress line per interval: step, weight, requests per arm, verdict.
    expect(a25.stdout).toMatch(
      /… step 1\/1 weight 25% \(effective [\d.]+%\): canary [\d.]+ req, baseline [\d.]+ req; /,
    );
    expect(a25.summary).toContain('### Analysis at step 1: pass');

    const c50 = await step(f, 'canary', { weight: '50', image: 'web=registry.test/web:v2' });
    expect(c50.outputs.result).toBe('progressing');
    expect(c50.outputs.release).toBe(c25.outputs.release);
    expect(c50.groups).toContain('step 2/2: 50%');
    const a50 = await step(f, 'analyze', { ...target, 'until-decision': 'false', for: '6s' });
    expect(a50.outputs.result).toBe('passed');

    const promoted = await step(f, 'promote', target);
    expect(promoted.exitCode).toBe(0);
    expect(promoted.outputs).toMatchObject({ result: 'promoted', release: c25.outputs.release });
    expect(json(promoted.outputs.weights)).toEqual({ canary: 0, requested: 0, stable: 100 });
    expect(promoted.summary).toMatch(/\| 1\/2 \| 25% \| [\d.]+% \| \d+s \| — \| moved on to 50% \|/);
    expect(promoted.summary).toMatch(/\| 2\/2 \| 50% \| [\d.]+% \| \d+s \| pass \| promoted on request \|/);
    expect(image(await f.deployment('web'))).toBe('registry.test/web:v2');
    expect(await f.deployment('web-canary')).toBeUndefined();
    expect(await f.deployment('web-baseline')).toBeUndefined();

    const back = await step(f, 'rollback', { ...target, 'to-previous': 'true' });
    expect(back.exitCode).toBe(0);
    expect(back.outputs.result).toBe('rolled-back');
    expect(json(back.outputs.images)).toEqual({ web: 'registry.test/web:v1' });
    expect(image(await f.deployment('web'))).toBe('registry.test/web:v1');
  }, 300_000);
});

describe('the root action runs the whole profile', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-root', { strategy: STEPS });
  });
  afterAll(async () => f?.cleanup());

  it('promotes a good canary: outputs, a log group per step, the summary; the post step has nothing to do', async () => {
    await drive(f, 'good');
    const { main, post } = await runPhases({
      action: 'dial',
      // The cluster from the input (a secret's content): masked, and the harness fails on any leak.
      inputs: { image: 'web=registry.test/web:v2', kubeconfig: kubeconfigContent() },
      workspace: f.workspace,
      timeoutMs: 180_000,
    });
    expect(main.annotations).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toContain('::add-mask::***');
    expect(main.outputs).toMatchObject({
      valid: 'true',
      result: 'promoted',
      paused: 'false',
      steps: '25,50,100',
      service: 'web',
      namespace: f.namespace,
    });
    expect(main.outputs.release).toMatch(/^web-[0-9a-f]{10}$/);
    expect(json(main.outputs.weights)).toEqual({ canary: 0, requested: 0, stable: 100 });
    expect(json(main.outputs.images)).toEqual({ web: 'registry.test/web:v2' });
    expect(json<Evidence>(main.outputs.evidence)).toMatchObject({ step: 1, verdict: 'pass' });
    expect(main.groups).toEqual(['step 1/3: 25%', 'step 2/3: 50%', `promote ${main.outputs.release}`]);
    expect(main.summary).toContain(`## Dial dial: **promoted** — \`web\` in \`${f.namespace}\``);
    expect(main.summary).toMatch(/\| 2\/3 \| 50% \| [\d.]+% \| \d+s \| pass \| every check passed \|/);
    expect(main.summary).toContain('| 3/3 | 100% | — | — | promotion | |');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toContain('ended in this job (promoted); nothing to clean up');
    expect(image(await f.deployment('web'))).toBe('registry.test/web:v2');
  }, 240_000);

  it('rolls back a worse canary and fails the step, unless fail-on-rollback is false', async () => {
    const stable = image(await f.deployment('web'));
    await drive(f, 'bad');
    const failing = await step(f, 'dial', { image: 'web=registry.test/web:v3-bad' });
    expect(failing.exitCode).toBe(1);
    expect(failing.outputs).toMatchObject({ result: 'rolled-back' });
    expect(failing.outputs.reason).toMatch(/'errors'/);
    expect(failing.annotations).toEqual([
      expect.objectContaining({ level: 'error', title: 'dial dial: rolled-back' }),
    ]);
    const tolerated = await step(f, 'dial', {
      image: 'web=registry.test/web:v4-bad',
      'fail-on-rollback': 'false',
    });
    expect(tolerated.exitCode).toBe(0);
    expect(tolerated.outputs.result).toBe('rolled-back');
    expect(tolerated.annotations).toEqual([expect.objectContaining({ level: 'warning' })]);
    expect(image(await f.deployment('web'))).toBe(stable);
    expect(await f.deployment('web-canary')).toBeUndefined();
  }, 240_000);
});

describe('approval gate and the resumed job', () => {
  let f: ServiceFixture;
  const saturation = new Saturation(uniqueName('gate'));
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-gate', {
      strategy: { steps: [25, 100], bake: '6s', approval: { environment: 'production' }, watch: '6s' },
    });
    editDial(f, (doc) => {
      const analysis = doc.analysis as { checks: unknown[] };
      analysis.checks.push(saturation.check(0.5));
    });
    await saturation.set(0.1);
  });
  afterAll(async () => f?.cleanup());

  it('stops at the gate (paused, the job succeeds), and an approved job continues, promotes and watches', async () => {
    await drive(f, 'good');
    const first = await runPhases({
      action: 'dial',
      inputs: { image: 'web=registry.test/web:v2' },
      workspace: f.workspace,
      env: bedEnv(),
      timeoutMs: 150_000,
    });
    expect(first.main.exitCode).toBe(0);
    expect(first.main.outputs).toMatchObject({ result: 'paused', paused: 'true' });
    expect(first.main.outputs.reason).toContain('needs the approval of environment production');
    expect(first.main.summary).toContain('`approved: true` continues from here');
    expect(first.post?.stdout).toContain('ended in this job (paused)');
    // Even told nothing about how main ended, the post step leaves a release waiting at its gate.
    const { finished: _finished, ...unfinished } = first.main.state;
    const post = await runAction({
      action: 'dial',
      phase: 'post',
      state: unfinished,
      workspace: f.workspace,
      env: bedEnv(),
    });
    expect(post.stdout).toContain('left as it is');
    expect((await (await f.open()).engine.status())?.phase).toBe('paused');
    expect((await f.deployment('web-canary'))?.spec?.replicas).toBeGreaterThan(0);

    const second = await step(f, 'dial', { image: 'web=registry.test/web:v2', approved: 'true' });
    expect(second.exitCode).toBe(0);
    expect(second.outputs.result).toBe('promoted');
    expect(second.outputs.release).toBe(first.main.outputs.release);
    expect(second.outputs.reason).toMatch(/watched 6s: every check passed/);
    expect(second.groups).toContain(`watch ${second.outputs.release} for 6s after promotion`);
    expect(json<Evidence>(second.outputs.evidence)).toMatchObject({
      step: 2,
      verdict: 'pass',
      checks: { saturation: { type: 'threshold' } },
    });
    expect(image(await f.deployment('web'))).toBe('registry.test/web:v2');
  }, 240_000);
});

describe('the watch after promotion', () => {
  let f: ServiceFixture;
  const saturation = new Saturation(uniqueName('watch'));
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-watch', { strategy: { steps: [25, 100], bake: '6s', watch: '6s' } });
    editDial(f, (doc) => {
      const analysis = doc.analysis as { checks: unknown[] };
      analysis.checks.push(saturation.check(0.5));
    });
  });
  afterAll(async () => f?.cleanup());

  it('returns to the release before when the new stable fails its watch', async () => {
    const before = image(await f.deployment('web'));
    const c = await step(f, 'canary', { weight: '25', image: 'web=registry.test/web:v3' });
    expect(c.outputs.result).toBe('progressing');
    // The new stable saturates: the watch's threshold check fails at its first measurement.
    await saturation.set(0.9);
    const promoted = await step(f, 'promote', { service: 'web', namespace: f.namespace });
    expect(promoted.exitCode).toBe(1);
    expect(promoted.outputs.result).toBe('rolled-back');
    expect(promoted.outputs.reason).toMatch(
      /watch after promotion failed .*'saturation'.*returned from web-\w+ to web-\w+/,
    );
    expect(promoted.groups).toContain(`watch ${promoted.outputs.release} for 6s after promotion`);
    expect(image(await f.deployment('web'))).toBe(before);
  }, 240_000);
});

describe('the post step', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-post', {
      strategy: { steps: [50, 100], bake: '6s', progressDeadline: '6s' },
    });
  });
  afterAll(async () => f?.cleanup());

  it('rolls back the canary its own job left half-way when the job failed', async () => {
    const { main, post } = await runPhases({
      action: 'dial',
      inputs: { image: 'web=registry.test/web:crash-loop-v2' },
      workspace: f.workspace,
      env: bedEnv(),
      timeoutMs: 120_000,
    });
    expect(main.exitCode).toBe(1);
    expect(main.outputs.result).toBe('failed');
    expect(main.outputs.reason).toMatch(/CrashLoopBackOff|did not roll out/);
    expect(post?.exitCode).toBe(0);
    expect(post?.annotations).toEqual([
      expect.objectContaining({ level: 'warning', title: 'dial post: rolled back' }),
    ]);
    expect(await f.deployment('web-canary')).toBeUndefined();
    expect(await f.deployment('web-baseline')).toBeUndefined();
    expect((await f.deployment('web'))?.status?.readyReplicas).toBe(4);
    const record = await (await f.open()).engine.status();
    expect(record?.phase).toBe('idle');
    expect(record?.history[0]).toMatchObject({
      result: 'rolled-back',
      images: { web: 'registry.test/web:crash-loop-v2' },
    });
  }, 180_000);

  it('never touches a canary another run started', async () => {
    const prepared = await f.prepare('registry.test/web:v3');
    // Started from this test process: its identity is user@host/pid, not the harness's workflow run.
    expect((await (await f.open(prepared)).engine.canary(prepared.release, 50)).result).toBe('progressing');
    const post = await runAction({
      action: 'dial',
      phase: 'post',
      state: {
        isPost: 'true',
        release: prepared.release.id,
        identity: 'dial-dev/checkout-service/15400123456/1',
        service: 'web',
        namespace: f.namespace,
      },
      workspace: f.workspace,
      env: bedEnv(),
    });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('started by another run); left as it is');
    expect((await f.deployment('web-canary'))?.spec?.replicas).toBeGreaterThan(0);
    expect((await (await f.open()).engine.rollback()).result).toBe('rolled-back');
  }, 120_000);
});
