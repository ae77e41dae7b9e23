// New Relic NerdGraph: POST /graphql with API-Key, NRQL as a GraphQL variable in actor.account(id).nrql.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { NewRelicProvider, windowed } from '../../../src/metrics/newrelic.js';
import { isRecord } from '../../../src/metrics/http.js';
import { fixture } from './fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

const window = { start: new Date('2025-11-27T10:40:00Z'), end: new Date('2025-11-27T10:45:00Z') };

let server: LocalServer;
let provider: NewRelicProvider;
beforeAll(async () => {
  server = await startLocalServer();
  provider = new NewRelicProvider(
    { type: 'newrelic', accountId: 1234567, url: `${server.url}/graphql` },
    { NEW_RELIC_API_KEY: 'NRAK-TEST' },
  );
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(() => server.close());

function graphqlBody(): { query: string; variables: Record<string, unknown> } {
  const body: unknown = JSON.parse(server.requests[0]?.body ?? '{}');
  if (!isRecord(body) || typeof body.query !== 'string' || !isRecord(body.variables))
    throw new Error('not GraphQL');
  return { query: body.query, variables: body.variables };
}

describe('NewRelicProvider', () => {
  const nrql = "SELECT count(*) FROM Transaction WHERE appName = 'web' AND error IS true";

  it('POSTs the NRQL as a variable of actor.account(id).nrql with the API-Key header', async () => {
    server.reply({ body: fixture('newrelic-count.json') });
    const result = await provider.query({ name: 'errors', query: nrql, window });
    expect(result).toEqual({ kind: 'value', value: 1000, at: window.end });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/graphql');
    expect(request?.headers['api-key']).toBe('NRAK-TEST');
    expect(request?.headers['content-type']).toBe('application/json');
    const { query, variables } = graphqlBody();
    expect(query).toMatch(/actor \{ account\(id: \$accountId\) \{ nrql\(query: \$nrql\) \{ results \} \} \}/);
    expect(variables).toEqual({
      accountId: 1234567,
      nrql: `${nrql} SINCE 1764240000000 UNTIL 1764240300000`,
    });
  });

  it('keeps a SINCE the user wrote, and adds TIMESERIES for a range', () => {
    expect(windowed({ name: 'x', query: 'SELECT count(*) FROM T SINCE 5 minutes ago', window })).toBe(
      'SELECT count(*) FROM T SINCE 5 minutes ago',
    );
    expect(windowed({ name: 'x', query: 'SELECT count(*) FROM T', window, stepSeconds: 60 })).toBe(
      'SELECT count(*) FROM T SINCE 1764240000000 UNTIL 1764240300000 TIMESERIES 60 SECONDS',
    );
  });

  it('reads nested function results such as percentile()', async () => {
    server.reply({ body: fixture('newrelic-percentile.json') });
    const result = await provider.query({
      name: 'p95',
      query: 'SELECT percentile(duration, 95) FROM Transaction',
      window,
    });
    expect(result).toMatchObject({ kind: 'value', value: 0.231 });
  });

  it('a TIMESERIES range becomes a series without null buckets', async () => {
    server.reply({ body: fixture('newrelic-timeseries.json') });
    const result = await provider.query({
      name: 'rpm',
      query: 'SELECT count(*) FROM Transaction',
      window,
      stepSeconds: 60,
    });
    expect(result).toEqual({
      kind: 'series',
      points: [
        { at: new Date(1764240060000), value: 10 },
        { at: new Date(1764240180000), value: 14 },
      ],
    });
  });

  it('no rows is no-data; a null value is no-data', async () => {
    server.reply({ body: { data: { actor: { account: { nrql: { results: [] } } } } } });
    expect(await provider.query({ name: 'x', query: nrql, window })).toMatchObject({ kind: 'no-data' });
    server.reply({
      body: { data: { actor: { account: { nrql: { results: [{ 'average.duration': null }] } } } } },
    });
    expect(await provider.query({ name: 'x', query: nrql, window })).toMatchObject({
      kind: 'no-data',
      reason: expect.stringMatching(/null/),
    });
  });

  it('GraphQL errors (HTTP 200) are a ProviderError with the NRQL message', async () => {
    server.reply({ body: fixture('newrelic-syntax-error.json') });
    await expect(provider.query({ name: 'broken', query: 'SELECT count(*) FRM T', window })).rejects.toThrow(
      "newrelic: broken: NRQL Syntax Error: Error at line 1 position 8, unexpected 'FRM'",
    );
  });

  it('isOnline asks for the current user', async () => {
    server.reply({ body: fixture('newrelic-user.json') });
    expect(await provider.isOnline()).toBe(true);
    expect(graphqlBody().query).toMatch(/actor \{ user \{ id \} \}/);
    server.reply({ status: 401, body: { errors: [{ message: 'Invalid API key' }] } });
    expect(await provider.isOnline()).toBe(false);
  });
});
