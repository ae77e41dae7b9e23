// A rollout's GitHub deployment without a cluster: the guard and the deactivation scoped to one service
// (through the contract mock, with memory in front), the status a command's outcome leaves, and the
// engine's log read as progress.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  DeploymentTap,
  finalStatus,
  rolloutIdentity,
  type RolloutDeployment,
} from '../../../src/actions/common/github-deployment.js';
import { Deployments, type DeploymentRef } from '../../../src/github/deployments.js';
import { createGitHubClient } from '../../../src/github/octokit.js';
import type { Outcome } from '../../../src/rollout/engine.js';
import type { CurrentRelease, RolloutRecord } from '../../../src/rollout/record.js';
import type { Reporter } from '../../../src/rollout/ports.js';
import type { Target } from '../../../src/settings/target.js';
import { FakeGitHub } from '../../helpers/github-fake.js';

const SHA = '1111111111111111111111111111111111111111';
const repo = { owner: 'Codertocat', repo: 'Hello-World' };

describe('Deployments scoped to a service', () => {
  let gh: FakeGitHub;
  let api: Deployments;
  const warnings: string[] = [];
  const web = (d: DeploymentRef) => (d.payload as { service?: string } | undefined)?.service === 'web';
  const create = (service: string, release: string) =>
    api.create({
      environment: 'production',
      sha: SHA,
      task: 'deploy:canary',
      payload: { service, release, images: {} },
      transient: false,
      production: true,
    });

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    const client = createGitHubClient({ token: 'ghs_test', baseUrl: gh.url, pacing: 'none', retryBaseMs: 1 });
    api = new Deployments(client, repo, {
      logUrl: '',
      log: { info: () => undefined, warn: (line) => warnings.push(line) },
    });
  });
  beforeEach(() => {
    gh.reset();
    warnings.length = 0;
  });
  afterAll(async () => gh.stop());

  it("writes past another service's newer deployment, never past its own service's", async () => {
    const mine = await create('web', 'web-1');
    const other = await create('api', 'api-1');
    expect((await api.setStatus(mine, 'in_progress', { match: web })).written).toBe(true);
    // Without the scope the other service's deployment counts as newer.
    expect((await api.setStatus(mine, 'in_progress')).written).toBe(false);
    const newer = await create('web', 'web-2');
    const late = await api.setStatus(mine, 'success', { match: web });
    expect(late).toMatchObject({ written: false, newer: { id: newer.id } });
    expect(gh.deployments.find((d) => d.id === other.id)?.statuses).toEqual([]);
  });

  it("makes the same service's superseded deployments inactive, not another service's", async () => {
    const old = await create('web', 'web-1');
    const other = await create('api', 'api-1');
    const keep = await create('web', 'web-2');
    const result = await api.deactivate('production', keep, 'superseded', web);
    expect(result).toEqual({ deactivated: [old.id], alreadyInactive: [], newer: [] });
    expect(gh.deployments.find((d) => d.id === other.id)?.statuses).toEqual([]);
    expect(gh.deployments.find((d) => d.id === old.id)?.statuses.map((s) => s.state)).toEqual(['inactive']);
  });
});

const release = (over: Partial<CurrentRelease> = {}) =>
  ({
    id: 'web-abc',
    images: { web: 'r/web:2' },
    steps: [{ weight: 10 }, { weight: 25 }, { weight: 50 }, { weight: 100 }],
    step: 1,
    weight: { requested: 25, effective: 25 },
    ...over,
  }) as CurrentRelease;
const record = (current?: CurrentRelease, history: RolloutRecord['history'] = []) =>
  ({ service: 'web', namespace: 'shop', history, ...(current ? { current } : {}) }) as RolloutRecord;
const outcome = (result: Outcome['result'], reason: string, current?: CurrentRelease): Outcome => ({
  result,
  reason,
  record: record(current),
});

describe('finalStatus', () => {
  it.each([
    ['promoted', 'promote', 'success', 'promoted: every step passed'],
    ['deployed', 'deploy', 'success', 'deployed: every step passed'],
    ['rolled-back', 'rollout', 'failure', 'every step passed'],
    ['inconclusive', 'rollout', 'failure', 'every step passed'],
    ['failed', 'promote', 'failure', 'every step passed'],
    ['failed', 'analyze', 'in_progress', 'analysis failed: every step passed'],
    ['passed', 'analyze', 'in_progress', 'analysis passed: every step passed'],
    ['paused', 'rollout', 'in_progress', 'waiting: every step passed'],
  ] as const)('%s after %s → %s', (result, command, state, description) => {
    expect(finalStatus(outcome(result, 'every step passed'), command)).toEqual({ state, description });
  });

  it('names the weight, the effective weight and the step of a canary in progress', () => {
    const o = outcome('progressing', 'x', release({ weight: { requested: 10, effective: 16.7 }, step: 0 }));
    expect(finalStatus(o, 'canary')).toEqual({
      state: 'in_progress',
      description: 'canary 10% (effective 16.7%), step 1/4',
    });
  });
});

describe('rolloutIdentity', () => {
  const target = { service: 'web', namespace: 'shop', warnings: [] } as Target;

  it('continues the release in progress; analyze never creates; a return to the previous names the serving one', () => {
    expect(rolloutIdentity('promote', target, record(release()), {})).toEqual({
      service: 'web',
      namespace: 'shop',
      release: 'web-abc',
      images: { web: 'r/web:2' },
      task: 'deploy:canary',
      create: true,
    });
    expect(rolloutIdentity('analyze', target, record(release()), {})?.create).toBe(false);
    const history = [
      { id: 'web-old', images: { web: 'r/web:1' }, result: 'promoted', template: {}, finishedAt: '' },
    ] as RolloutRecord['history'];
    expect(
      rolloutIdentity('rollback', target, record(undefined, history), { toPrevious: true }),
    ).toMatchObject({
      release: 'web-old',
      task: 'deploy',
    });
    expect(rolloutIdentity('rollback', target, record(undefined, history), {})).toBeUndefined();
  });
});

describe('rolloutIdentity of a release from dial.yaml', () => {
  const prepared = (id: string, steps: unknown[]) =>
    ({
      service: 'web',
      namespace: 'shop',
      warnings: [],
      prepared: { release: { id, images: { web: 'r/web:3' } }, steps },
    }) as unknown as Target;

  it('names the task by the strategy, and none while another release is in progress (the engine refuses it)', () => {
    expect(rolloutIdentity('rollout', prepared('web-new', [{}]), undefined, {})).toMatchObject({
      release: 'web-new',
      task: 'deploy:canary',
      create: true,
    });
    expect(rolloutIdentity('rollout', prepared('web-new', []), undefined, {})?.task).toBe('deploy');
    expect(rolloutIdentity('deploy', prepared('web-new', [{}]), undefined, {})?.task).toBe('deploy');
    expect(rolloutIdentity('canary', prepared('web-abc', [{}]), record(release()), {})?.release).toBe(
      'web-abc',
    );
    expect(rolloutIdentity('canary', prepared('web-new', [{}]), record(release()), {})).toBeUndefined();
  });
});

describe('DeploymentTap', () => {
  it("passes the engine's log through and turns its stages into progress", () => {
    const seen: string[] = [];
    const inner: Reporter = {
      info: (l) => seen.push(`info ${l}`),
      warn: (l) => seen.push(`warn ${l}`),
      progress: (l) => seen.push(`progress ${l}`),
      section: (t) => seen.push(`section ${t}`),
      stage: (s) => seen.push(`stage ${s.kind}`),
    };
    const progress: string[] = [];
    const tap = new DeploymentTap(inner);
    tap.attach({ progress: (d: string) => progress.push(d) } as unknown as RolloutDeployment);
    tap.section('step 2/4: 25%');
    tap.info('step 2/4: canary to 25%');
    tap.stage({ kind: 'step', step: 2, total: 4, requested: 25, effective: 16.7 });
    tap.progress('step 2/4 weight 25% (effective 16.7%): …');
    tap.stage({ kind: 'analysis', release: 'web-abc', weight: 25 });
    tap.stage({ kind: 'promote', release: 'web-abc', weight: 25 });
    tap.stage({ kind: 'rollback', release: 'web-abc', weight: 25 });
    tap.stage({ kind: 'watch', release: 'web-abc', seconds: 30 });
    tap.warn('careful');
    expect(progress).toEqual([
      'canary 25% (effective 16.7%), step 2/4',
      'analysing web-abc at 25%',
      'promoting web-abc',
      'rolling back web-abc',
      'watching web-abc for 30s after promotion',
    ]);
    expect(seen).toEqual([
      'section step 2/4: 25%',
      'info step 2/4: canary to 25%',
      'stage step',
      'progress step 2/4 weight 25% (effective 16.7%): …',
      'stage analysis',
      'stage promote',
      'stage rollback',
      'stage watch',
      'warn careful',
    ]);
  });
});
