// `rollout` with analysis between steps on the real bed: the judge reads real PromQL answers from the
// bed's Prometheus, which scrapes counters this test drives (generated traffic, exact counts per tick).
// A canary with more errors than its baseline is rolled back, one with the same errors is promoted, and a
// rollout killed after every write of its record is resumed to the same end, with no orphaned canary or
// baseline, the Service never without ready endpoints, and no measurement window counted twice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseEvidence } from '../../src/analysis/evidence.js';
import { createProvider } from '../../src/metrics/factory.js';
import { KubeCluster } from '../../src/kube/cluster.js';
import { LeaseLock } from '../../src/kube/lease.js';
import { ConfigMapStateStore } from '../../src/kube/state-store.js';
import { RolloutEngine } from '../../src/rollout/engine.js';
import { ProviderStepJudge } from '../../src/rollout/judge.js';
import { realClock } from '../../src/rollout/open.js';
import type { StateStore } from '../../src/rollout/ports.js';
import type { RolloutRecord } from '../../src/rollout/record.js';
import type { PreparedRelease } from '../../src/rollout/release.js';
import { ReplicaRouter } from '../../src/traffic/replicas.js';
import { waitUntil } from '../helpers/wait.js';
import { EndpointWatch } from './support/endpoints.js';
import { serviceFixture, type ServiceFixture } from './support/service-fixture.js';
import { CounterTraffic } from './support/traffic.js';

// Windows of 3 s over 1 s scrapes: increase() needs two samples in its window, also when a loaded
// machine delays a scrape; three windows per step.
const STEPS = { steps: '25,50,100', bake: '9s' };
let traffic: CounterTraffic | undefined;
afterEach(async () => {
  await traffic?.stopped();
  traffic = undefined;
});

async function fixtureWithV1(prefix: string, minReadySeconds?: number): Promise<ServiceFixture> {
  const f = await serviceFixture({ prefix, replicas: 4, ...(minReadySeconds ? { minReadySeconds } : {}) });
  const v1 = await f.prepare('registry.test/web:v1');
  expect((await (await f.open(v1)).engine.deploy(v1.release)).result).toBe('deployed');
  return f;
}

describe('rollout judged by real Prometheus answers', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await fixtureWithV1('dial-judged');
  });
  afterAll(async () => f?.cleanup());

  it('rolls back a canary whose error rate is worse than the baseline, naming the check', async () => {
    traffic = new CounterTraffic(f.namespace, {
      canary: { ok: 5, errors: 5 },
      baseline: { ok: 10, errors: 0 },
    });
    await traffic.start();
    const prepared = await f.prepare('registry.test/web:v2-bad', STEPS);
    const outcome = await (await f.open(prepared)).engine.rollout(prepared.release, prepared.steps);
    // The reason is in the comparison, so a failure says why.
    expect({ result: outcome.result, reason: outcome.reason }).toMatchObject({
      result: 'rolled-back',
      reason: expect.stringMatching(/'errors'/),
    });
    expect(outcome.record.history[0]).toMatchObject({
      result: 'rolled-back',
      images: { web: 'registry.test/web:v2-bad' },
    });
    expect(f.lines.some((l) => l.startsWith('progress: step 1/3 weight 25%'))).toBe(true);
    expect(await f.deployment('web-canary')).toBeUndefined();
    expect(await f.deployment('web-baseline')).toBeUndefined();
    expect((await f.deployment('web'))?.status?.readyReplicas).toBe(4);
  });

  it('promotes a canary whose errors equal the baseline', async () => {
    traffic = new CounterTraffic(f.namespace, {
      canary: { ok: 9, errors: 1 },
      baseline: { ok: 9, errors: 1 },
    });
    await traffic.start();
    const prepared = await f.prepare('registry.test/web:v2-good', STEPS);
    const outcome = await (await f.open(prepared)).engine.rollout(prepared.release, prepared.steps);
    expect({ result: outcome.result, reason: outcome.reason }).toMatchObject({ result: 'promoted' });
    const stable = await f.deployment('web');
    expect(stable?.spec?.template?.spec?.containers?.[0]?.image).toBe('registry.test/web:v2-good');
    expect(await f.deployment('web-canary')).toBeUndefined();
  });
});

class Killed extends Error {}

/** The record store, "killed" right after its n-th successful write: the write landed, the run did not go on. */
function killedAfter(store: StateStore, writes: number, seen: RolloutRecord[]): StateStore {
  let n = 0;
  return {
    read: () => store.read(),
    async write(record, expected) {
      const version = await store.write(record, expected);
      seen.push(record);
      if (++n >= writes) throw new Killed(`killed after write ${n}`);
      return version;
    },
  };
}

describe('a rollout killed after every write of its record', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await fixtureWithV1('dial-killed');
  });
  afterAll(async () => f?.cleanup());

  it('resumes to the same end: promoted, nothing orphaned, endpoints always ready, no window counted twice', async () => {
    traffic = new CounterTraffic(f.namespace, {
      canary: { ok: 9, errors: 1 },
      baseline: { ok: 9, errors: 1 },
    });
    await traffic.start();
    const endpoints = new EndpointWatch(f.kc, f.namespace, 'web');
    await endpoints.start();
    await waitUntil('the Service web with 4 ready endpoints', async () =>
      endpoints.readyNow === 4 ? true : Promise.reject(new Error(`${endpoints.readyNow} ready`)),
    );
    const prepared: PreparedRelease = await f.prepare('registry.test/web:v2', STEPS);
    const analysis = prepared.release.settings.analysis!;
    const seen: RolloutRecord[] = [];
    let runs = 0;
    let outcome;
    while (outcome === undefined) {
      if (++runs > 60) {
        const trail = seen.slice(-8).map((r) => {
          const c = r.current;
          const ev = c?.analysis ? parseEvidence(c.analysis.evidence) : undefined;
          return `${r.phase} step ${c?.step} log ${c?.stepLog.length} analysis ${ev?.measurements ?? '-'} ${c?.analysis?.verdict ?? ''} ${c?.analysis?.reason ?? ''}`;
        });
        throw new Error(`no end after 60 runs; last records:\n${trail.join('\n')}`);
      }
      const cluster = new KubeCluster(f.kc);
      const store = killedAfter(new ConfigMapStateStore(f.kc, f.namespace, 'web'), 1, seen);
      const clock = realClock;
      const engine = new RolloutEngine(
        {
          cluster,
          store,
          lock: new LeaseLock(f.kc, f.namespace, 'web'),
          router: new ReplicaRouter(cluster, f.namespace, 'web'),
          clock,
          reporter: f.reporter,
          identity: 'test',
          judge: new ProviderStepJudge(
            createProvider(analysis.provider),
            (bake) => ({ ...analysis.spec, minDurationSeconds: bake, maxDurationSeconds: bake }),
            clock,
          ),
        },
        { service: 'web', namespace: f.namespace, workload: 'web', progressDeadlineSeconds: 60 },
      );
      try {
        outcome = await engine.rollout(prepared.release, prepared.steps);
      } catch (error) {
        if (!(error instanceof Killed)) throw error;
      }
    }
    endpoints.stop();
    expect(outcome.result).toBe('promoted');
    expect(runs).toBeGreaterThan(10);
    expect(endpoints.minReady).toBeGreaterThan(0);
    expect(await f.deployment('web-canary')).toBeUndefined();
    expect(await f.deployment('web-baseline')).toBeUndefined();
    expect((await f.deployment('web'))?.spec?.template?.spec?.containers?.[0]?.image).toBe(
      'registry.test/web:v2',
    );
    // Per step, every persisted analysis counted exactly one more window than the one before, ending
    // later: a resumed run never restarted the evidence and never replayed a window it had counted.
    const byStep = new Map<number, Array<{ measurements: number; end: string | null }>>();
    for (const record of seen) {
      const a = record.current?.analysis;
      if (!a) continue;
      const ev = parseEvidence(a.evidence);
      const list = byStep.get(a.step) ?? [];
      const last = list.at(-1);
      if (last?.measurements !== ev.measurements)
        list.push({ measurements: ev.measurements, end: ev.lastWindowEnd });
      byStep.set(a.step, list);
    }
    expect([...byStep.keys()].sort()).toEqual([0, 1]);
    // The charts' series has one row per counted window, also across the kills.
    const series = seen.filter((r) => r.current?.series).at(-1)?.current?.series ?? [];
    const windows = [...byStep.values()].reduce(
      (n, list) => n + list.filter((e) => e.measurements > 0).length,
      0,
    );
    expect(series).toHaveLength(windows);
    expect(series.every((row) => row[2] > 0 && row[5] > 0)).toBe(true);
    for (const list of byStep.values()) {
      list.forEach((entry, i) => {
        if (i === 0) return;
        expect(entry.measurements).toBe(list[i - 1]!.measurements + 1);
        expect(Date.parse(entry.end!)).toBeGreaterThan(Date.parse(list[i - 1]!.end!));
      });
    }
  }, 300_000);
});

describe('the dial CLI killed with SIGKILL mid-step', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    // Pods count as available 3 s after they are ready, so the run is surely mid-step when it is killed.
    f = await fixtureWithV1('dial-sigkill', 3);
  });
  afterAll(async () => f?.cleanup());

  const cli = (args: string[]) =>
    spawn(process.execPath, [join(process.cwd(), 'dist', 'cli', 'index.js'), ...args], {
      env: { ...process.env, KUBECONFIG: process.env.KUBECONFIG },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const finished = (child: ReturnType<typeof cli>) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      let out = '';
      let err = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => resolve({ code, out, err }));
    });

  it('is resumed by the next run (with --break-lock, as another process), then rolled back cleanly', async () => {
    const args = [
      '-w',
      f.workspace,
      '-f',
      'dial.yaml',
      '--image',
      'web=registry.test/web:v2',
      '--weight',
      '50',
    ];
    const first = cli(['canary', ...args]);
    const firstDone = finished(first);
    // Killed once its record exists and the canary Deployment is being made: mid-step.
    await waitUntil('the canary Deployment created by the first run', async () =>
      (await f.deployment('web-canary')) ? true : undefined,
    );
    first.kill('SIGKILL');
    expect((await firstDone).code).toBeNull();

    const refused = await finished(cli(['canary', ...args]));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/--break-lock/);

    const resumed = await finished(cli(['canary', ...args, '--break-lock']));
    expect(resumed.err).toContain('resuming release');
    expect(resumed.code).toBe(0);
    expect(resumed.out).toMatch(/^progressing: canary at 50%/);

    const back = await finished(cli(['rollback', '--service', 'web', '-n', f.namespace]));
    expect(back.code).toBe(3);
    expect(await f.deployment('web-canary')).toBeUndefined();
    expect(await f.deployment('web-baseline')).toBeUndefined();
    expect((await f.deployment('web'))?.status?.readyReplicas).toBe(4);
  }, 120_000);
});
