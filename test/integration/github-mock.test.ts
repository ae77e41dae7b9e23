// Octokit (as Dial's actions use it) against the GitHub contract mock built from GitHub's own description.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { GitHubContractMock } from '../../testbed/src/github/mock-server.js';

const owner = 'acme';
const repo = 'shop';

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
    ? error.status
    : undefined;
}

async function rejection(promise: Promise<unknown>): Promise<{ status?: number; data: unknown }> {
  try {
    await promise;
  } catch (error: unknown) {
    const response =
      typeof error === 'object' && error !== null && 'response' in error ? error.response : undefined;
    const data =
      typeof response === 'object' && response !== null && 'data' in response ? response.data : undefined;
    return { status: statusOf(error), data };
  }
  throw new Error('expected the request to be rejected');
}

describe('GitHub contract mock', () => {
  let mock: GitHubContractMock;
  let baseUrl: string;
  let octokit: ReturnType<typeof getOctokit>;

  beforeAll(async () => {
    mock = await GitHubContractMock.create();
    baseUrl = await mock.start(0);
    octokit = getOctokit('ghs_test_token', { baseUrl });
  });
  afterEach(() => mock.reset());
  afterAll(async () => mock.stop());

  it('accepts a valid create-deployment call and logs it without the token', async () => {
    const response = await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      environment: 'pr-7',
      transient_environment: true,
      production_environment: false,
      required_contexts: [],
      auto_merge: false,
    });
    expect(response.status).toBe(201);
    expect(response.data).toHaveProperty('id');
    const [logged, ...rest] = mock.requestsFor('repos/create-deployment');
    expect(rest).toHaveLength(0);
    expect(logged?.method).toBe('POST');
    expect(logged?.path).toBe(`/repos/${owner}/${repo}/deployments`);
    expect(logged?.status).toBe(201);
    expect(logged?.body).toMatchObject({
      ref: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      environment: 'pr-7',
    });
    expect(logged?.headers.authorization).toBe('token [redacted]');
    expect(JSON.stringify(mock.requests)).not.toContain('ghs_test_token');
  });

  it('rejects a create-deployment without ref with 422 naming ref', async () => {
    const { status, data } = await rejection(
      octokit.request(`POST /repos/${owner}/${repo}/deployments`, { environment: 'pr-7' }),
    );
    expect(status).toBe(422);
    expect(data).toMatchObject({
      message: expect.stringContaining('"ref" wasn\'t supplied.'),
      errors: [{ code: 'missing_field', field: 'ref' }],
    });
    expect(mock.requests[0]?.status).toBe(422);
  });

  it('lists every violation: a wrong type and an unknown enum value', async () => {
    const { status, data } = await rejection(
      octokit.request(`POST /repos/${owner}/${repo}/deployments/42/statuses`, { state: 'done', log_url: 5 }),
    );
    expect(status).toBe(422);
    const fields = (data as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['state', 'log_url']));
  });

  it('answers 401 without a token', async () => {
    const response = await fetch(`${baseUrl}/user`, {
      headers: { accept: 'application/vnd.github.v3+json' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'Requires authentication' });
    const authenticated = await octokit.rest.users.getAuthenticated();
    expect(authenticated.status).toBe(200);
    expect(typeof authenticated.data.login).toBe('string');
  });

  it('answers 400 on malformed JSON', async () => {
    const response = await fetch(`${baseUrl}/repos/${owner}/${repo}/deployments`, {
      method: 'POST',
      headers: { authorization: 'Bearer ghs_test_token', 'content-type': 'application/json' },
      body: '{"ref": "main",',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'Problems parsing JSON' });
  });

  it('answers 404 on routes GitHub does not have (or the mock does not model)', async () => {
    const unknown = await rejection(octokit.request(`GET /repos/${owner}/${repo}/no-such-thing`));
    expect(unknown.status).toBe(404);
    expect(unknown.data).toMatchObject({ message: 'Not Found' });
    const wrongMethod = await rejection(octokit.request(`PUT /repos/${owner}/${repo}/deployments`));
    expect(wrongMethod.status).toBe(404);
  });

  it('refuses an override that violates the response schema, serves a valid one', async () => {
    expect(() =>
      mock.override('repos/get-deployment', { status: 200, body: { id: 'not-a-number', sha: 5 } }),
    ).toThrow(/violates the response schema/);
    expect(() => mock.override('repos/get-deployment', { status: 302, body: {} })).toThrow(
      /does not document/,
    );

    const example = await octokit.rest.repos.getDeployment({ owner, repo, deployment_id: 1 });
    mock.override('repos/get-deployment', {
      status: 200,
      body: { ...example.data, id: 777, environment: 'pr-9' },
    });
    const overridden = await octokit.rest.repos.getDeployment({ owner, repo, deployment_id: 777 });
    expect(overridden.data.id).toBe(777);
    expect(overridden.data.environment).toBe('pr-9');
  });

  it('lets a test simulate an undocumented error GitHub sends, once', async () => {
    mock.override(
      'repos/create-deployment',
      { status: 403, body: { message: 'Resource not accessible by integration' } },
      { times: 1 },
    );
    const create = () => octokit.rest.repos.createDeployment({ owner, repo, ref: 'main' });
    const first = await rejection(create());
    expect(first.status).toBe(403);
    expect(first.data).toMatchObject({ message: 'Resource not accessible by integration' });
    expect((await create()).status).toBe(201);
  });

  it('validates path and query parameters', async () => {
    const badId = await rejection(octokit.request(`GET /repos/${owner}/${repo}/deployments/not-a-number`));
    expect(badId.status).toBe(422);
    const badPage = await rejection(
      octokit.request(`GET /repos/${owner}/${repo}/pulls`, { state: 'merged', per_page: 10 }),
    );
    expect(badPage.status).toBe(422);
    expect(JSON.stringify(badPage.data)).toContain('state');
  });

  it("negotiates GitHub's media types", async () => {
    const preview = await octokit.request(`GET /repos/${owner}/${repo}/deployments`, {
      headers: { accept: 'application/vnd.github.ant-man-preview+json' },
    });
    expect(preview.status).toBe(200);
    const diff = await rejection(
      octokit.request(`GET /repos/${owner}/${repo}/deployments/1`, {
        headers: { accept: 'application/vnd.github.v3.diff' },
      }),
    );
    expect(diff.status).toBe(415);
  });

  it('serves the paths Dial pages through and 204 deletes', async () => {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: 7,
      per_page: 100,
    });
    expect(Array.isArray(comments)).toBe(true);
    expect(comments.length).toBeGreaterThan(0);
    const deleted = await octokit.rest.issues.deleteComment({ owner, repo, comment_id: 1 });
    expect(deleted.status).toBe(204);
    const compare = await octokit.rest.repos.compareCommits({ owner, repo, base: 'main', head: 'feature' });
    expect(compare.status).toBe(200);
    const limits = await octokit.rest.rateLimit.get();
    expect(limits.data.resources.core.limit).toBeGreaterThan(0);
  });
});
