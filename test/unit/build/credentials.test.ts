// Where registry credentials come from: inputs, containers' auth.json, the Docker config (auths, helpers).
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authFileFor, findCredentials } from '../../../src/build/credentials.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function home(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dial-creds-'));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('findCredentials', () => {
  it('takes the inputs first, for any registry', async () => {
    const dir = home({ '.docker/config.json': { auths: { 'ghcr.io': { auth: b64('other:pw') } } } });
    await expect(
      findCredentials('ghcr.io', 'org/app', {
        env: { HOME: dir },
        explicit: { username: 'u', password: 'p' },
      }),
    ).resolves.toEqual({ username: 'u', password: 'p', source: 'input registry-username', origin: 'input' });
  });

  it('reads the Docker config: auths by host or by URL, base64 or username/password', async () => {
    const dir = home({
      '.docker/config.json': {
        auths: {
          'ghcr.io': { auth: b64('ada:pa:ss') },
          'https://registry.example.com/v1/': { username: 'bob', password: 'pw' },
          'https://index.docker.io/v1/': { auth: b64('hub:hubpw') },
        },
      },
    });
    const env = { HOME: dir };
    await expect(findCredentials('ghcr.io', 'org/app', { env })).resolves.toMatchObject({
      username: 'ada',
      password: 'pa:ss',
      origin: 'docker',
      source: join(dir, '.docker/config.json'),
    });
    await expect(findCredentials('registry.example.com', 'shop/x', { env })).resolves.toMatchObject({
      username: 'bob',
    });
    await expect(findCredentials('docker.io', 'library/nginx', { env })).resolves.toMatchObject({
      username: 'hub',
    });
    await expect(findCredentials('quay.io', 'x/y', { env })).resolves.toBeUndefined();
  });

  it('follows $DOCKER_CONFIG', async () => {
    const dir = home({ 'elsewhere/config.json': { auths: { 'ghcr.io': { auth: b64('cfg:pw') } } } });
    await expect(
      findCredentials('ghcr.io', 'a/b', {
        env: { HOME: '/nonexistent', DOCKER_CONFIG: join(dir, 'elsewhere') },
      }),
    ).resolves.toMatchObject({ username: 'cfg' });
  });

  it("prefers $REGISTRY_AUTH_FILE (podman/buildah's) and its per-repository keys", async () => {
    const dir = home({
      'auth.json': {
        auths: { 'ghcr.io/org/app': { auth: b64('repo:pw') }, 'ghcr.io': { auth: b64('host:pw') } },
      },
      '.docker/config.json': { auths: { 'ghcr.io': { auth: b64('docker:pw') } } },
    });
    const env = { HOME: dir, REGISTRY_AUTH_FILE: join(dir, 'auth.json') };
    await expect(findCredentials('ghcr.io', 'org/app', { env })).resolves.toMatchObject({
      username: 'repo',
      origin: 'containers',
    });
    await expect(findCredentials('ghcr.io', 'org/other', { env })).resolves.toMatchObject({
      username: 'host',
    });
  });

  it('asks a credential helper (credHelpers, then credsStore) before auths', async () => {
    const dir = home({
      '.docker/config.json': {
        credHelpers: { 'ecr.example.com': 'ecr-login' },
        credsStore: 'desktop',
        auths: { 'ghcr.io': { auth: b64('plain:pw') } },
      },
    });
    const asked: string[] = [];
    const runHelper = async (helper: string, server: string) => {
      asked.push(`${helper} ${server}`);
      if (helper === 'ecr-login') return JSON.stringify({ Username: 'AWS', Secret: 'ecr-token' });
      throw new Error('credentials not found in native keychain');
    };
    const env = { HOME: dir };
    await expect(findCredentials('ecr.example.com', 'app', { env, runHelper })).resolves.toMatchObject({
      username: 'AWS',
      password: 'ecr-token',
      source: 'docker-credential-ecr-login',
    });
    await expect(findCredentials('ghcr.io', 'a/b', { env, runHelper })).resolves.toMatchObject({
      username: 'plain',
    });
    expect(asked).toEqual(['ecr-login ecr.example.com', 'desktop ghcr.io']);
  });

  it('warns about a broken file and goes on', async () => {
    const dir = home({ '.docker/config.json': '{ not json' });
    const warnings: string[] = [];
    await expect(
      findCredentials('ghcr.io', 'a/b', { env: { HOME: dir }, warn: (m) => warnings.push(m) }),
    ).resolves.toBeUndefined();
    expect(warnings[0]).toMatch(/config\.json is not valid JSON/);
  });
});

describe('authFileFor', () => {
  it('writes one base64 entry, keyed as Docker Hub expects', () => {
    const c = { username: 'u', password: 'p', source: 's', origin: 'input' as const };
    expect(JSON.parse(authFileFor('127.0.0.1:5000', c))).toEqual({
      auths: { '127.0.0.1:5000': { auth: b64('u:p') } },
    });
    expect(Object.keys(JSON.parse(authFileFor('docker.io', c)).auths)).toEqual([
      'https://index.docker.io/v1/',
    ]);
  });
});
