// The shared HTTP layer: retries (5xx, 429 with Retry-After, network), no retry on 4xx, timeouts, abort,
// and TLS options against a real loopback HTTPS server with a private CA.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpTransport, parseRetryAfter } from '../../../src/metrics/http.js';
import { ProviderError, ProviderUnavailableError } from '../../../src/metrics/provider.js';
import type { HttpConfig } from '../../../src/metrics/config.js';
import { makeCA, makeCert, type CertFiles } from '../../../testbed/src/certs.js';
import { startLocalServer, useLocalServer, type LocalServer } from './local-server.js';

// Short retry delays keep the tests quick; the timeout is long, so a busy machine never turns a slow answer
// into a timeout and an extra attempt (only the timeout test sets a short one, against a server that waits).
const fast: HttpConfig = { retries: 2, retryDelaySeconds: 0.01, timeoutSeconds: 20 };

function transport(http: HttpConfig = fast, headers: Record<string, string> = {}): HttpTransport {
  return new HttpTransport({ provider: 'test', headers, http });
}

describe('HttpTransport over plain HTTP', () => {
  const server = useLocalServer();

  const get = (path = '/x') => ({ method: 'GET' as const, url: new URL(path, server.url) });

  it('retries a 503 and returns the success that follows', async () => {
    server.reply({ status: 503, body: 'overloaded' }, { status: 200, body: { ok: 1 } });
    expect(await transport().sendJson(get())).toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it('sends the configured headers with every attempt', async () => {
    server.reply({ status: 502 }, { status: 200, body: {} });
    await transport(fast, { authorization: 'Bearer s3cret', 'x-scope-orgid': 'team-a' }).sendJson(get());
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe('Bearer s3cret');
      expect(request.headers['x-scope-orgid']).toBe('team-a');
    }
  });

  it('gives up after the configured retries with ProviderUnavailableError', async () => {
    server.reply({ status: 500, body: { error: 'boom' } });
    const failure = transport().sendJson(get('/api'));
    await expect(failure).rejects.toThrow(ProviderUnavailableError);
    await expect(failure).rejects.toThrow(
      /test: GET http:\/\/127\.0\.0\.1:\d+\/api failed after 3 attempt\(s\): HTTP 500/,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '1' } }, { status: 200, body: { ok: true } });
    const began = performance.now();
    await transport().sendJson(get());
    // A lower bound only: a busy machine makes the wait longer, never shorter.
    expect(performance.now() - began).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('caps Retry-After at maxRetryAfterSeconds', async () => {
    server.reply({ status: 503, headers: { 'retry-after': '3600' } }, { status: 200, body: {} });
    // Capped, the retry comes after 0.2 s; honoured, after an hour. The deadline sits between the two
    // outcomes (near their geometric mean, 27 s), far from both: no load stretches 0.2 s to 30 s.
    const capped = transport({ ...fast, maxRetryAfterSeconds: 0.2 }).sendJson(get());
    const deadline = new Promise<'an hour'>((resolve) => setTimeout(resolve, 30_000, 'an hour').unref());
    await expect(Promise.race([capped, deadline])).resolves.toEqual({});
    expect(server.requests).toHaveLength(2);
  }, 40_000);

  it('does not retry 401: a ProviderError naming the rejection', async () => {
    server.reply({ status: 401, body: { error: 'invalid token' } });
    const failure = transport().sendJson(get(), undefined, (body) =>
      typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : undefined,
    );
    await expect(failure).rejects.toMatchObject({ name: 'ProviderError', status: 401 });
    await expect(failure).rejects.toThrow(/credentials rejected .*HTTP 401.*invalid token/);
    expect(server.requests).toHaveLength(1);
  });

  it('times out a slow answer, retries it, then reports the timeout', async () => {
    server.reply({ status: 200, body: {}, delayMs: 1_000 });
    const failure = transport({ retries: 1, retryDelaySeconds: 0.01, timeoutSeconds: 0.2 }).sendJson(get());
    await expect(failure).rejects.toThrow(/failed after 2 attempt\(s\): no complete answer within 200 ms/);
    expect(server.requests).toHaveLength(2);
  });

  it("stops at once when the caller's signal aborts", async () => {
    // The server holds its answer past the transport's own timeout: only the abort can end the call with
    // the caller's reason, after one attempt (no retry) — what is asserted, rather than a duration.
    server.reply({ status: 200, body: {}, delayMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('job cancelled')), 100);
    const call = transport({ ...fast, timeoutSeconds: 15 }).sendJson(get(), controller.signal);
    await expect(call).rejects.toThrow('job cancelled');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a 200 that is not JSON as a ProviderError', async () => {
    server.reply({ status: 200, body: '<html>login</html>' });
    await expect(transport().sendJson(get())).rejects.toThrow(/body that is not JSON: <html>login<\/html>/);
  });

  it('keeps query strings out of error messages', async () => {
    server.reply({ status: 500 });
    const url = new URL('/q?api_key=topsecret', server.url);
    await expect(transport({ ...fast, retries: 0 }).sendJson({ method: 'GET', url })).rejects.toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('topsecret') }),
    );
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2_000);
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('HttpTransport over HTTPS', () => {
  let dir: string;
  let ca: CertFiles;
  let client: CertFiles;
  let server: LocalServer;
  let mtls: LocalServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dial-tls-'));
    ca = await makeCA(dir, 'dial-test-ca');
    const serverCert = await makeCert(dir, 'server', ca, {
      subject: '/CN=metrics.test',
      sans: ['IP:127.0.0.1', 'DNS:metrics.test'],
      server: true,
    });
    client = await makeCert(dir, 'client', ca, { subject: '/CN=dial' });
    const tls = { cert: readFileSync(serverCert.cert), key: readFileSync(serverCert.key) };
    server = await startLocalServer(tls);
    mtls = await startLocalServer({
      ...tls,
      ca: readFileSync(ca.cert),
      requestCert: true,
      rejectUnauthorized: true,
    });
    server.reply({ status: 200, body: { ok: true } });
    mtls.reply({ status: 200, body: { ok: true } });
  }, 30_000);
  afterAll(async () => {
    await server.close();
    await mtls.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (base: string) => ({ method: 'GET' as const, url: new URL('/x', base) });

  it('trusts a private CA given as caFile', async () => {
    expect(await transport({ ...fast, tls: { caFile: ca.cert } }).sendJson(get(server.url))).toEqual({
      ok: true,
    });
  });

  it('refuses an unknown CA with a TLS ProviderError, without retrying', async () => {
    const before = server.connections();
    const failure = transport().sendJson(get(server.url));
    await expect(failure).rejects.toThrow(ProviderError);
    await expect(failure).rejects.toThrow(/TLS failure .*check tls.caFile/);
    await expect(failure).rejects.not.toThrow(ProviderUnavailableError);
    expect(server.connections() - before).toBe(1);
  });

  it('skips verification only when insecureSkipVerify is set', async () => {
    const insecure = transport({ ...fast, tls: { insecureSkipVerify: true } });
    expect(await insecure.sendJson(get(server.url))).toEqual({ ok: true });
  });

  it('checks serverName instead of the URL host', async () => {
    const good = transport({ ...fast, tls: { caFile: ca.cert, serverName: 'metrics.test' } });
    expect(await good.sendJson(get(server.url))).toEqual({ ok: true });
    const wrong = transport({ ...fast, tls: { caFile: ca.cert, serverName: 'other.test' } });
    await expect(wrong.sendJson(get(server.url))).rejects.toThrow(/TLS failure/);
  });

  it('presents a client certificate for mutual TLS', async () => {
    const withCert = transport({
      ...fast,
      tls: { caFile: ca.cert, certFile: client.cert, keyFile: client.key },
    });
    expect(await withCert.sendJson(get(mtls.url))).toEqual({ ok: true });
    const without = transport({ ...fast, retries: 0, tls: { caFile: ca.cert } });
    await expect(without.sendJson(get(mtls.url))).rejects.toThrow(ProviderError);
  });
});
