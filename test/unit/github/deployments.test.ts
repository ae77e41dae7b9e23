// Deployments through the contract mock of GitHub's description (with memory in front): the request a
// preview and a rollout send, the status transitions, superseded deployments made inactive across pages,
// and an older run that never writes over a newer one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createGitHubClient, type GitHubClient } from '../../../src/github/octokit.js';
import {
  Deployments,
  isNewer,
  type DeploymentRef,
  type DeploymentRequest,
} from '../../../src/github/deployments.js';
import { FakeGitHub } from '../../helpers/github-fake.js';

const SHA1 = '1111111111111111111111111111111111111111';
const SHA2 = '2222222222222222222222222222222222222222';
const LOG = 'https://github.com/Codertocat/Hello-World/actions/runs/77';

describe('Deployments', () => {
  let gh: FakeGitHub;
  let client: GitHubClient;
  const warnings: string[] = [];
  const log = { info: () => undefined, warn: (line: string) => warnings.push(line) };
  const repo = { owner: 'Codertocat', repo: 'Hello-World' };
  const request = (sha: string): DeploymentRequest => ({
    environment: 'web-pr-2',
    sha,
    task: 'deploy:preview',
    payload: { service: 'web', images: { web: 'registry.test/web:1' } },
    transient: true,
    production: false,
  });

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    client = createGitHubClient({ token: 'ghs_test', baseUrl: gh.url, pacing: 'none', retryBaseMs: 1 });
  });
  beforeEach(() => {
    gh.reset();
    warnings.length = 0;
  });
  afterAll(async () => gh.stop());

  it('creates a deployment at the head SHA with the preview fields GitHub documents', async () => {
    const deployments = new Deployments(client, repo, { logUrl: LOG, log });
    const ref = await deployments.create(request(SHA1));
    expect(ref).toMatchObject({ sha: SHA1, environment: 'web-pr-2' });
    const [sent] = gh.mock.requestsFor('repos/create-deployment');
    expect(sent?.status).toBe(201);
    expect(sent?.body).toEqual({
      ref: SHA1,
      task: 'deploy:preview',
      environment: 'web-pr-2',
      payload: { service: 'web', images: { web: 'registry.test/web:1' } },
      transient_environment: true,
      production_environment: false,
      required_contexts: [],
      auto_merge: false,
    });
  });

  it('moves the statuses queued → in_progress → success with log_url, environment_url only on success', async () => {
    const deployments = new Deployments(client, repo, { logUrl: LOG, log });
    const ref = await deployments.create(request(SHA1));
    for (const state of ['queued', 'in_progress'] as const)
      expect((await deployments.setStatus(ref, state, { environmentUrl: 'https://x.test' })).written).toBe(
        true,
      );
    await deployments.setStatus(ref, 'success', {
      environmentUrl: 'https://web-pr-2.test',
      description: 'ready',
    });
    const statuses = gh.mock.requestsFor('repos/create-deployment-status').map((r) => r.body);
    expect(statuses).toEqual([
      { state: 'queued', log_url: LOG },
      { state: 'in_progress', log_url: LOG },
      { state: 'success', log_url: LOG, description: 'ready', environment_url: 'https://web-pr-2.test' },
    ]);
    expect(gh.deployments[0]?.statuses.map((s) => s.state)).toEqual(['success', 'in_progress', 'queued']);
    // Each write is preceded by a read of the environment's newest deployment.
    expect(gh.sequence()).toEqual([
      'POST repos/create-deployment',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
      'GET repos/list-deployments',
      'POST repos/create-deployment-status',
    ]);
  });

  it('never writes over a newer deployment: an older run is told and writes nothing', async () => {
    const older = new Deployments(client, repo, { logUrl: `${LOG}-old`, log });
    const newer = new Deployments(client, repo, { logUrl: `${LOG}-new`, log });
    const a = await older.create(request(SHA1));
    await older.setStatus(a, 'in_progress');
    const b = await newer.create(request(SHA2));
    await newer.setStatus(b, 'success', { environmentUrl: 'https://new.test' });
    const late = await older.setStatus(a, 'success', { environmentUrl: 'https://old.test' });
    expect(late.written).toBe(false);
    expect(late.newer?.id).toBe(b.id);
    expect(late.message).toContain(`deployment #${b.id} of 2222222`);
    expect(warnings.join('\n')).toContain('the newer one is left alone');
    const newest = gh.deployments.find((d) => d.id === b.id);
    expect(newest?.statuses.map((s) => s.state)).toEqual(['success']);
    expect(newest?.statuses[0]?.environmentUrl).toBe('https://new.test');
    expect(gh.deployments.find((d) => d.id === a.id)?.statuses.map((s) => s.state)).toEqual(['in_progress']);
  });

  it('marks superseded deployments inactive across pages, skipping those already inactive and newer ones', async () => {
    const deployments = new Deployments(client, repo, { logUrl: LOG, log });
    const refs: DeploymentRef[] = [];
    for (let i = 0; i < 105; i++) refs.push(await deployments.create(request(i % 2 ? SHA1 : SHA2)));
    // Two already inactive, one newer than the kept one.
    for (const [i, ref] of refs.slice(0, 2).entries())
      gh.deployments
        .find((d) => d.id === ref.id)!
        .statuses.unshift({
          id: i + 1,
          state: 'inactive',
          logUrl: '',
          environmentUrl: '',
          description: '',
          createdAt: '2026-03-02T09:00:00Z',
        });
    gh.mock.reset();
    const keep = refs[103]!;
    const result = await deployments.deactivate('web-pr-2', keep);
    expect(result.alreadyInactive.sort()).toEqual([refs[0]!.id, refs[1]!.id].sort());
    expect(result.newer).toEqual([refs[104]!.id]);
    expect(result.deactivated).toHaveLength(101);
    const lists = gh.mock.requestsFor('repos/list-deployments');
    expect(lists.map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2']);
    expect(gh.deployments.find((d) => d.id === keep.id)?.statuses).toEqual([]);
    expect(gh.deployments.find((d) => d.id === refs[104]!.id)?.statuses).toEqual([]);
    const inactive = gh.deployments.filter((d) => d.statuses[0]?.state === 'inactive');
    expect(inactive).toHaveLength(103);
    expect(gh.mock.requests.every((r) => r.status < 400)).toBe(true);
  }, 30_000);

  it('orders deployments by creation time, then id', () => {
    const at = (id: number, createdAt: string) => ({ id, sha: SHA1, environment: 'e', createdAt });
    expect(isNewer(at(1, '2026-01-01T00:00:02Z'), at(2, '2026-01-01T00:00:01Z'))).toBe(true);
    expect(isNewer(at(3, '2026-01-01T00:00:01Z'), at(2, '2026-01-01T00:00:01Z'))).toBe(true);
    expect(isNewer(at(2, '2026-01-01T00:00:01Z'), at(3, '2026-01-01T00:00:01Z'))).toBe(false);
  });

  it("retries a 502 and fails a 403 with GitHub's message", async () => {
    const deployments = new Deployments(client, repo, { logUrl: LOG, log });
    gh.fail('repos/create-deployment', { status: 502, body: { message: 'Server Error' } });
    const ref = await deployments.create(request(SHA1));
    expect(ref.id).toBeGreaterThan(0);
    expect(gh.calls()).toEqual(['POST repos/create-deployment 502', 'POST repos/create-deployment 201']);
    gh.fail('repos/create-deployment', {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    await expect(deployments.create(request(SHA1))).rejects.toMatchObject({ status: 403 });
  });
});
