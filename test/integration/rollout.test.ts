// The rollout engine on the real test bed (kube-apiserver, controller-manager, scheduler, kwok): first
// release, canary steps with their effective weights, baseline sized like the canary, promote, rollback,
// rollback to the previous release, adoption without restarting a pod, a canary that never becomes
// ready, and the lock. Wired exactly as the CLI wires it (src/rollout/open.ts).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LeaseLock } from '../../src/kube/lease.js';
import { replicaRatioPlan } from '../../src/traffic/replicas.js';
import { waitUntil } from '../helpers/wait.js';
import { deploymentManifest, serviceFixture, type ServiceFixture } from './support/service-fixture.js';

const image = (
  d: { spec?: { template?: { spec?: { containers?: Array<{ image?: string }> } } } } | undefined,
) => d?.spec?.template?.spec?.containers?.[0]?.image;

/** The canary's share of pods a plan gives, as the engine reports it (percent, one decimal). */
function expectedWeight(weight: number, stable: number): number {
  const p = replicaRatioPlan(weight, stable);
  return Math.round((p.canary / (p.canary + p.baseline + p.stable)) * 1000) / 10;
}

describe('rollout engine on the test bed: steps, promote, rollback', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceFixture({ prefix: 'dial-rollout', replicas: 4 });
  });
  afterAll(async () => f?.cleanup());

  it('deploys the first release plainly: nothing stable yet, so never a 100 % canary', async () => {
    const prepared = await f.prepare('registry.test/web:v1', { steps: '10,25,50,100' });
    const { engine } = await f.open(prepared);
    const outcome = await engine.rollout(prepared.release, prepared.steps);
    expect(outcome.result).toBe('deployed');
    expect(f.lines.join('\n')).toContain('plain deploy');
    expect(image(await f.deployment('web'))).toBe('registry.test/web:v1');
    expect((await f.deployment('web'))?.status?.readyReplicas).toBe(4);
    expect(await f.deployment('web-canary')).toBeUndefined();
    expect(outcome.record.history[0]).toMatchObject({
      result: 'deployed',
      images: { web: 'registry.test/web:v1' },
    });
  });

  it('moves a canary through 10, 25 and 50 % with a baseline as large as the canary, then promotes', async () => {
    const prepared = await f.prepare('registry.test/web:v2');
    for (const weight of [10, 25, 50]) {
      const { engine } = await f.open(prepared);
      const outcome = await engine.canary(prepared.release, weight);
      expect(outcome.result).toBe('progressing');
      const canary = await f.deployment('web-canary');
      const baseline = await f.deployment('web-baseline');
      const plan = replicaRatioPlan(weight, 4);
      expect(canary?.spec?.replicas).toBe(plan.canary);
      expect(baseline?.spec?.replicas).toBe(canary?.spec?.replicas);
      expect(image(canary)).toBe('registry.test/web:v2');
      expect(image(baseline)).toBe('registry.test/web:v1');
      expect(outcome.record.current?.weight).toEqual({
        requested: weight,
        effective: expectedWeight(weight, 4),
      });
      // The stable keeps its own template; only its replica count serves the ratio.
      expect(image(await f.deployment('web'))).toBe('registry.test/web:v1');
      expect(canary?.spec?.template?.metadata?.labels?.['dial.dev/track']).toBe('canary');
    }
    const { engine } = await f.open();
    const promoted = await engine.promote();
    expect(promoted.result).toBe('promoted');
    const stable = await f.deployment('web');
    expect(image(stable)).toBe('registry.test/web:v2');
    expect(stable?.spec?.replicas).toBe(4);
    expect(stable?.status?.readyReplicas).toBe(4);
    expect(await f.deployment('web-canary')).toBeUndefined();
    expect(await f.deployment('web-baseline')).toBeUndefined();
    expect(promoted.record.phase).toBe('idle');
    expect(promoted.record.history[0]).toMatchObject({
      result: 'promoted',
      images: { web: 'registry.test/web:v2' },
    });
  });

  it('rolls a canary back: stable at its size and ready before canary and baseline go', async () => {
    const prepared = await f.prepare('registry.test/web:v3');
    const { engine } = await f.open(prepared);
    await engine.canary(prepared.release, 50);
    expect((await f.deployment('web'))?.spec?.replicas).toBe(replicaRatioPlan(50, 4).stable);
    const { engine: again } = await f.open();
    const outcome = await again.rollback();
    expect(outcome.result).toBe('rolled-back');
    const stable = await f.deployment('web');
    expect(stable?.spec?.replicas).toBe(4);
    expect(stable?.status?.readyReplicas).toBe(4);
    expect(image(stable)).toBe('registry.test/web:v2');
    expect(await f.deployment('web-canary')).toBeUndefined();
    expect(await f.deployment('web-baseline')).toBeUndefined();
    expect(outcome.record.history[0]).toMatchObject({
      result: 'rolled-back',
      images: { web: 'registry.test/web:v3' },
    });
  });

  it('returns a finished release to the one before (rollback --to-previous)', async () => {
    const { engine } = await f.open();
    const outcome = await engine.rollback({ toPrevious: true });
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.reason).toContain('to web-');
    const stable = await f.deployment('web');
    expect(image(stable)).toBe('registry.test/web:v1');
    expect(stable?.status?.readyReplicas).toBe(4);
  });

  it('refuses another release while one is in progress, and names it', async () => {
    const v4 = await f.prepare('registry.test/web:v4');
    await (await f.open(v4)).engine.canary(v4.release, 10);
    const v5 = await f.prepare('registry.test/web:v5');
    await expect((await f.open(v5)).engine.canary(v5.release, 10)).rejects.toThrow(
      new RegExp(`release ${v4.release.id} of web is in progress`),
    );
    expect((await (await f.open()).engine.rollback()).result).toBe('rolled-back');
  });
});

describe('adopting a Deployment Dial never saw', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceFixture({ prefix: 'dial-adopt', replicas: 3, service: 'legacy' });
  });
  afterAll(async () => f?.cleanup());

  it('starts and rolls back a canary without restarting or replacing a stable pod', async () => {
    // Made the way a team's old pipeline made it: a plain create, another field manager, no Dial labels.
    const body = deploymentManifest('legacy', 3, 'registry.test/web:old');
    await f.apps.createNamespacedDeployment({ namespace: f.namespace, body, fieldManager: 'kubectl-create' });
    const before = await waitUntil('Deployment legacy with 3 ready pods', async () => {
      const d = await f.deployment('legacy');
      if (d?.status?.readyReplicas === 3 && d.status.updatedReplicas === 3) return d;
      throw new Error(`${d?.status?.readyReplicas ?? 0}/3 ready`);
    });
    const pods = async () =>
      (
        await f.core.listNamespacedPod({
          namespace: f.namespace,
          labelSelector: 'app=legacy,!dial.dev/track',
        })
      ).items
        .map((p) => p.metadata?.uid)
        .sort();
    const uids = await pods();
    expect(uids).toHaveLength(3);

    const prepared = await f.prepare('registry.test/web:new');
    const outcome = await (await f.open(prepared)).engine.canary(prepared.release, 10);
    expect(outcome.record.current?.weight.effective).toBe(expectedWeight(10, 3));
    expect(replicaRatioPlan(10, 3).stable).toBe(3);
    const during = await f.deployment('legacy');
    expect(during?.metadata?.generation).toBe(before.metadata?.generation);
    expect(during?.spec?.selector).toEqual(before.spec?.selector);
    expect(await pods()).toEqual(uids);

    expect((await (await f.open()).engine.rollback()).result).toBe('rolled-back');
    expect(await pods()).toEqual(uids);
    expect((await f.deployment('legacy'))?.metadata?.generation).toBe(before.metadata?.generation);
  });
});

describe('a canary that never becomes ready', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceFixture({
      prefix: 'dial-stuck',
      replicas: 2,
      dial: { strategy: { progressDeadline: '20s' } },
    });
  });
  afterAll(async () => f?.cleanup());

  it('fails with the reason from the pods, and a rollback leaves the stable as it was', async () => {
    const v1 = await f.prepare('registry.test/web:v1');
    expect((await (await f.open(v1)).engine.deploy(v1.release)).result).toBe('deployed');
    const bad = await f.prepare('registry.test/web:pull-error');
    await expect((await f.open(bad)).engine.canary(bad.release, 50)).rejects.toThrow(
      /ImagePullBackOff|ErrImagePull/,
    );
    const outcome = await (await f.open()).engine.rollback({ reason: 'canary never became ready' });
    expect(outcome.result).toBe('rolled-back');
    expect(await f.deployment('web-canary')).toBeUndefined();
    const stable = await f.deployment('web');
    expect(stable?.spec?.replicas).toBe(2);
    expect(stable?.status?.readyReplicas).toBe(2);
    expect(image(stable)).toBe('registry.test/web:v1');
  });
});

describe('one rollout per service: the Lease', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceFixture({ prefix: 'dial-lock', replicas: 1 });
  });
  afterAll(async () => f?.cleanup());

  it('refuses a run while another holds the lock, naming it, and --break-lock takes it over', async () => {
    const other = new LeaseLock(f.kc, f.namespace, 'web', { identity: 'octo/shop/9001/1' });
    await other.acquire();
    const v1 = await f.prepare('registry.test/web:v1');
    await expect((await f.open(v1)).engine.deploy(v1.release)).rejects.toThrow(
      /octo\/shop\/9001\/1[\s\S]*--break-lock/,
    );
    expect(await f.deployment('web')).toBeUndefined();
    const outcome = await (await f.open(v1, { breakLock: true })).engine.deploy(v1.release);
    expect(outcome.result).toBe('deployed');
    expect(await other.holder()).toBeUndefined();
  });
});
