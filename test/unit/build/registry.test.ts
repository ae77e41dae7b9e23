// The distribution API client against a local node:http registry: HEAD on a manifest, the 401 dances
// (Bearer token from the realm, Basic), copying a manifest to another tag, retries, plain HTTP fallback.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Credentials } from '../../../src/build/credentials.js';
import {
  MANIFEST_TYPES,
  parseChallenge,
  RegistryClient,
  RegistryError,
} from '../../../src/build/registry.js';

const OCI = 'application/vnd.oci.image.manifest.v1+json';
const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI, layers: [] }));
const digest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
const creds: Credentials = { username: 'ada', password: 's3cret pass', source: 'test', origin: 'input' };
const basicOf = (c: Credentials) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

/** A registry with one repository `shop/app`; its auth mode and quirks are set per test. */
const fake = {
  auth: 'none' as 'none' | 'bearer' | 'basic',
  omitDigest: false,
  failuresLeft: 0,
  tokenStatus: 200,
  manifests: new Map<string, { body: Buffer; type: string }>(),
  seen: [] as Seen[],
  reset() {
    this.auth = 'none';
    this.omitDigest = false;
    this.failuresLeft = 0;
    this.tokenStatus = 200;
    this.manifests = new Map([
      ['shop/app:v1', { body: manifest, type: OCI }],
      [`shop/app:${digest}`, { body: manifest, type: OCI }],
    ]);
    this.seen = [];
  },
};

let server: Server;
let host: string;
const TOKEN = 'token-for-shop-app';

function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  fake.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (url.pathname === '/token') {
    const anonymous = req.headers.authorization === undefined;
    if (fake.tokenStatus !== 200 || (!anonymous && req.headers.authorization !== basicOf(creds))) {
      res.writeHead(fake.tokenStatus === 200 ? 401 : fake.tokenStatus).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: anonymous ? 'anonymous-token' : TOKEN }));
    return;
  }
  if (fake.failuresLeft > 0) {
    fake.failuresLeft -= 1;
    res.writeHead(503).end();
    return;
  }
  const match = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
  const push = req.method === 'PUT';
  const scope = `repository:${match?.[1] ?? ''}:${push ? 'pull,push' : 'pull'}`;
  if (fake.auth === 'bearer' && req.headers.authorization !== `Bearer ${TOKEN}`) {
    res.writeHead(401, {
      'www-authenticate': `Bearer realm="http://${host}/token",service="fake-registry",scope="${scope}"`,
      'content-type': 'application/json',
    });
    res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
    return;
  }
  if (fake.auth === 'basic' && req.headers.authorization !== basicOf(creds)) {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="fake"' }).end();
    return;
  }
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const key = `${match[1]}:${match[2]}`;
  if (push) {
    const stored = { body, type: req.headers['content-type'] ?? '' };
    const d = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    fake.manifests.set(key, stored);
    fake.manifests.set(`${match[1]}:${d}`, stored);
    res.writeHead(201, { 'docker-content-digest': d }).end();
    return;
  }
  const found = fake.manifests.get(key);
  if (!found) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN' }] }));
    return;
  }
  const d = `sha256:${createHash('sha256').update(found.body).digest('hex')}`;
  res.writeHead(200, {
    'content-type': found.type,
    'content-length': String(found.body.length),
    ...(fake.omitDigest ? {} : { 'docker-content-digest': d }),
  });
  res.end(req.method === 'HEAD' ? undefined : found.body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => fake.reset());

// The fake is plain HTTP, as the test bed's registry: tls-verify false, as a workflow would set it.
const client = (options: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) =>
  new RegistryClient({ host, tlsVerify: false, retryDelayMs: 1, ...options });

describe('RegistryClient', () => {
  it('HEAD 200: the digest from Docker-Content-Digest, asking for OCI and Docker manifest types', async () => {
    await expect(client().manifestInfo('shop/app', 'v1')).resolves.toEqual({ digest, mediaType: OCI });
    const head = fake.seen.find((s) => s.method === 'HEAD');
    expect(head?.url).toBe('/v2/shop/app/manifests/v1');
    for (const type of MANIFEST_TYPES) expect(head?.headers.accept).toContain(type);
  });

  it('HEAD 404: undefined, not an error', async () => {
    await expect(client().manifestInfo('shop/app', 'never-pushed')).resolves.toBeUndefined();
  });

  it('without Docker-Content-Digest, reads the manifest and hashes it', async () => {
    fake.omitDigest = true;
    await expect(client().manifestInfo('shop/app', 'v1')).resolves.toEqual({ digest, mediaType: OCI });
    expect(fake.seen.map((s) => s.method)).toContain('GET');
  });

  it('401 with a Bearer challenge: a token from the realm (Basic credentials, service, scope), then the request', async () => {
    fake.auth = 'bearer';
    const secrets: string[] = [];
    const c = client({ credentials: creds, onSecret: (s) => secrets.push(s) });
    await expect(c.manifestInfo('shop/app', 'v1')).resolves.toEqual({ digest, mediaType: OCI });
    const tokenRequest = fake.seen.find((s) => s.url.startsWith('/token'));
    const query = new URL(tokenRequest?.url ?? '', 'http://x').searchParams;
    expect(query.get('service')).toBe('fake-registry');
    expect(query.get('scope')).toBe('repository:shop/app:pull');
    expect(tokenRequest?.headers.authorization).toBe(basicOf(creds));
    expect(fake.seen.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(secrets).toEqual([TOKEN]);
    // The token is kept for the scope: a second HEAD goes straight through.
    const before = fake.seen.length;
    await expect(c.manifestInfo('shop/app', 'missing')).resolves.toBeUndefined();
    expect(fake.seen.length - before).toBe(1);
  });

  it('asks for an anonymous token without credentials', async () => {
    fake.auth = 'bearer';
    // The fake gives anonymous tokens that it then refuses: a 401 that names the missing credentials.
    await expect(client().manifestInfo('shop/app', 'v1')).rejects.toThrow(
      /HEAD shop\/app:v1 on .* answered 401 \(no credentials for this registry/,
    );
    expect(fake.seen.find((s) => s.url.startsWith('/token'))?.headers.authorization).toBeUndefined();
  });

  it('says whose credentials the token service refused', async () => {
    fake.auth = 'bearer';
    const c = client({ credentials: { ...creds, password: 'wrong', source: '/home/x/.docker/config.json' } });
    await expect(c.manifestInfo('shop/app', 'v1')).rejects.toThrow(
      /token service .* answered 401 \(credentials from \/home\/x\/\.docker\/config\.json were refused\)/,
    );
  });

  it('401 with a Basic challenge: the request again with Basic credentials', async () => {
    fake.auth = 'basic';
    await expect(client({ credentials: creds }).manifestInfo('shop/app', 'v1')).resolves.toEqual({
      digest,
      mediaType: OCI,
    });
    expect(fake.seen.at(-1)?.headers.authorization).toBe(basicOf(creds));
    const refused = client().manifestInfo('shop/app', 'v1');
    await expect(refused).rejects.toBeInstanceOf(RegistryError);
    await expect(client().manifestInfo('shop/app', 'v1')).rejects.toThrow(/answered 401.*no credentials/);
  });

  it('copies a manifest to another tag byte for byte (push scope)', async () => {
    fake.auth = 'bearer';
    const c = client({ credentials: creds });
    const got = await c.getManifest('shop/app', digest);
    expect(got?.digest).toBe(digest);
    await expect(
      c.putManifest('shop/app', 'commit-tag', got?.body ?? Buffer.alloc(0), got?.mediaType ?? ''),
    ).resolves.toBe(digest);
    expect(fake.manifests.get('shop/app:commit-tag')?.type).toBe(OCI);
    const scopes = fake.seen
      .filter((s) => s.url.startsWith('/token'))
      .map((s) => new URL(s.url, 'http://x').searchParams.get('scope'));
    expect(scopes).toEqual(['repository:shop/app:pull', 'repository:shop/app:pull,push']);
  });

  it('retries a 503 and gives up after its attempts', async () => {
    fake.failuresLeft = 2;
    await expect(client({ attempts: 3 }).manifestInfo('shop/app', 'v1')).resolves.toEqual({
      digest,
      mediaType: OCI,
    });
    fake.failuresLeft = 5;
    await expect(client({ attempts: 2 }).manifestInfo('shop/app', 'v1')).rejects.toThrow(/answered 503/);
  });

  it('with tls-verify on, does not fall back to plain HTTP', async () => {
    await expect(client({ tlsVerify: true, attempts: 1 }).manifestInfo('shop/app', 'v1')).rejects.toThrow();
    expect(fake.seen.filter((s) => s.method === 'HEAD')).toHaveLength(0);
  });

  it('fails on a registry that is down', async () => {
    const down = new RegistryClient({ host: '127.0.0.1:0', tlsVerify: false, attempts: 1 });
    await expect(down.manifestInfo('shop/app', 'v1')).rejects.toThrow();
  });
});

describe('parseChallenge', () => {
  it('reads quoted parameters with commas, and bare ones', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull,push"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:a/b:pull,push',
      },
    });
    expect(parseChallenge('Basic realm=fake')).toEqual({ scheme: 'basic', params: { realm: 'fake' } });
    expect(parseChallenge('')).toBeUndefined();
  });
});
