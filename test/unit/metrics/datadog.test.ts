// Datadog /api/v1/query: request shape (from/to/query, DD-API-KEY, DD-APPLICATION-KEY) and the recorded answers.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DatadogProvider } from '../../../src/metrics/datadog.js';
import { ProviderError } from '../../../src/metrics/provider.js';
import { fixture } from './fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

const window = { start: new Date('2025-11-27T10:40:00Z'), end: new Date('2025-11-27T10:45:00Z') };
const env = { DD_API_KEY: 'api-key-1', DD_APP_KEY: 'app-key-2' };

let server: LocalServer;
let provider: DatadogProvider;
beforeAll(async () => {
  server = await startLocalServer();
  provider = new DatadogProvider(
    { type: 'datadog', url: server.url, retries: 1, retryDelaySeconds: 0.01 },
    env,
  );
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(() => server.close());

describe('DatadogProvider', () => {
  const query = 'sum:trace.http.request.errors{service:web,version:canary}.as_count()';

  it('sends GET /api/v1/query with from/to in epoch seconds and both keys', async () => {
    server.reply({ body: fixture('datadog-query.json') });
    await provider.query({ name: 'errors', query, window });
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/api/v1/query');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ from: '1764240000', to: '1764240300', query });
    expect(request?.headers['dd-api-key']).toBe('api-key-1');
    expect(request?.headers['dd-application-key']).toBe('app-key-2');
  });

  it('an instant check takes the last non-null point', async () => {
    server.reply({ body: fixture('datadog-query.json') });
    expect(await provider.query({ name: 'errors', query, window })).toEqual({
      kind: 'value',
      value: 4,
      at: new Date(1764240240000),
    });
  });

  it('a range check returns the points, nulls dropped', async () => {
    server.reply({ body: fixture('datadog-query.json') });
    const result = await provider.query({ name: 'errors', query, window, stepSeconds: 60 });
    expect(result.kind === 'series' && result.points.map((p) => p.value)).toEqual([3, 5, 2, 4]);
  });

  it('no series is no-data', async () => {
    server.reply({ body: fixture('datadog-query-empty.json') });
    expect(await provider.query({ name: 'errors', query, window })).toEqual({
      kind: 'no-data',
      reason: 'query "errors" returned no series',
      empty: true,
    });
  });

  it('grouped series: asks the user to aggregate', async () => {
    server.reply({ body: fixture('datadog-query-grouped.json') });
    await expect(
      provider.query({ name: 'cpu', query: 'avg:system.cpu.user{*} by {host}', window }),
    ).rejects.toThrow(/returned 2 series \(host:a, host:b\); a check needs exactly one/);
  });

  it("a rejected query is a ProviderError with Datadog's message, not retried", async () => {
    server.reply({
      status: 400,
      body: { errors: ["Error parsing query: unable to parse avg:: Rule 'scope_expr' didn't match"] },
    });
    const failure = provider.query({ name: 'bad', query: 'avg::', window });
    await expect(failure).rejects.toThrow(ProviderError);
    await expect(failure).rejects.toThrow(/HTTP 400\): Error parsing query/);
    expect(server.requests).toHaveLength(1);
  });

  it('isOnline validates the API key', async () => {
    server.reply({ body: { valid: true } });
    expect(await provider.isOnline()).toBe(true);
    expect(server.requests[0]?.path).toBe('/api/v1/validate');
    server.reply({ status: 403, body: { errors: ['Forbidden'] } });
    expect(await provider.isOnline()).toBe(false);
  });

  it('needs both keys from the environment', () => {
    expect(() => new DatadogProvider({ type: 'datadog' }, { DD_API_KEY: 'x' })).toThrow(
      'datadog: application key is missing: environment variable DD_APP_KEY is not set',
    );
  });
});
