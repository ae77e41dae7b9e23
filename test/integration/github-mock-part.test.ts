// The GitHub part as `testbed up` runs it: a detached process serving the contract mock.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import type { RunningPart } from '../../testbed/src/part.js';
import { github } from '../../testbed/src/parts/github.js';
import { alive } from '../../testbed/src/proc.js';

describe('github part', () => {
  let dir: string;
  let running: RunningPart;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dial-github-part-test-'));
    running = await github.start({ dir, log: () => undefined });
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports GITHUB_API_URL on loopback and answers Octokit there', async () => {
    const apiUrl = running.env.GITHUB_API_URL ?? '';
    expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const octokit = getOctokit('any-token', { baseUrl: apiUrl });
    const created = await octokit.rest.repos.createDeployment({ owner: 'acme', repo: 'shop', ref: 'main' });
    expect(created.status).toBe(201);
    const rejected = await octokit
      .request('POST /repos/acme/shop/deployments', { environment: 'pr-1' })
      .catch((error: unknown) => error);
    expect(rejected).toMatchObject({ status: 422 });
    // The served process logs one line per request (no token) into the part's folder, before it answers:
    // the lines are there once the answers are.
    const log = readFileSync(join(dir, 'github', 'github-mock.log'), 'utf8');
    expect(log).toContain('POST /repos/acme/shop/deployments -> 201 repos/create-deployment');
    expect(log).toContain('-> 422');
    expect(log).not.toContain('any-token');
  });

  it('stops its process', async () => {
    // Its own mock: stopping the one the other test uses would make that test depend on running first.
    const own = await github.start({ dir: mkdtempSync(join(dir, 'stop-')), log: () => undefined });
    const [pid] = own.pids;
    expect(alive(pid ?? -1)).toBe(true);
    await own.stop();
    expect(alive(pid ?? -1)).toBe(false);
    await expect(github.check?.(own.env)).rejects.toThrow();
  }, 60_000);
});
