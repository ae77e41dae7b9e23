// Prometheus request shape and answer handling against a local server (the real-Prometheus behaviour is
// covered by test/integration/prometheus-provider.test.ts).

import { describe, expect, it } from '@jest/globals';
import { PrometheusProvider } from '../../../src/metrics/prometheus.js';
import type { MetricQuery } from '../../../src/metrics/provider.js';
import { fixture } from './fixtures.js';
import { useLocalServer } from './local-server.js';

const window = { start: new Date('2025-11-27T10:40:00Z'), end: new Date('2025-11-27T10:45:00Z') };
const q = (query: string, extra: Partial<MetricQuery> = {}): MetricQuery => ({
  name: 'errors',
  query,
  window,
  ...extra,
});

const server = useLocalServer();

describe('PrometheusProvider requests', () => {
  it('POSTs an instant query at the window end, under the URL path prefix, with bearer auth', async () => {
    server.reply({ body: fixture('prometheus-vector.json') });
    const provider = new PrometheusProvider(
      { type: 'prometheus', url: `${server.url}/prom`, auth: { type: 'bearer', tokenEnv: 'PROM_TOKEN' } },
      { PROM_TOKEN: 'tok-123' },
    );
    const result = await provider.query(q('sum(rate(http_requests_total{code=~"5.."}[5m]))'));
    expect(result).toEqual({ kind: 'value', value: 0.0125, at: new Date(1764240300123) });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/prom/api/v1/query');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBe('Bearer tok-123');
    const form = new URLSearchParams(request?.body);
    expect(form.get('query')).toBe('sum(rate(http_requests_total{code=~"5.."}[5m]))');
    expect(form.get('time')).toBe(String(window.end.getTime() / 1000) + '.000');
  });

  it('POSTs a range query with start, end and step; basic auth and custom headers', async () => {
    server.reply({
      body: {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: {},
              values: [
                [1764240000, '1'],
                [1764240060, 'NaN'],
                [1764240120, '3'],
              ],
            },
          ],
        },
      },
    });
    const provider = new PrometheusProvider(
      {
        type: 'prometheus',
        url: server.url,
        auth: { type: 'basic', username: 'dial', passwordEnv: 'PROM_PASSWORD' },
        headers: { 'X-Scope-OrgID': 'team-a' },
        headersFromEnv: { 'X-Api-Key': 'PROM_API_KEY' },
      },
      { PROM_PASSWORD: 'pw', PROM_API_KEY: 'key-9' },
    );
    const result = await provider.query(q('up', { stepSeconds: 60 }));
    expect(result).toEqual({
      kind: 'series',
      points: [
        { at: new Date(1764240000000), value: 1 },
        { at: new Date(1764240120000), value: 3 },
      ],
    });
    const [request] = server.requests;
    expect(request?.path).toBe('/api/v1/query_range');
    const form = new URLSearchParams(request?.body);
    expect(Object.fromEntries(form)).toEqual({
      query: 'up',
      start: '1764240000.000',
      end: '1764240300.000',
      step: '60',
    });
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('dial:pw').toString('base64')}`);
    expect(request?.headers['x-scope-orgid']).toBe('team-a');
    expect(request?.headers['x-api-key']).toBe('key-9');
  });
});

describe('PrometheusProvider answers', () => {
  const provider = (): PrometheusProvider =>
    new PrometheusProvider({ type: 'prometheus', url: server.url }, {});

  it('reads a scalar', async () => {
    server.reply({ body: { status: 'success', data: { resultType: 'scalar', result: [1764240300, '42'] } } });
    expect(await provider().query(q('scalar(up)'))).toEqual({
      kind: 'value',
      value: 42,
      at: new Date(1764240300000),
    });
  });

  it('reads +Inf as Infinity (a real answer of histogram_quantile)', async () => {
    server.reply({
      body: {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: [1, '+Inf'] }] },
      },
    });
    expect(await provider().query(q('x'))).toMatchObject({ kind: 'value', value: Infinity });
  });

  it('NaN is no-data with the reason, never a number', async () => {
    server.reply({
      body: {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: [1, 'NaN'] }] },
      },
    });
    const result = await provider().query(q('sum(rate(errors[5m])) / sum(rate(requests[5m]))'));
    expect(result).toEqual({
      kind: 'no-data',
      reason: 'query "errors" returned NaN (e.g. a ratio over zero requests)',
    });
  });

  it('an empty vector is no-data, marked empty (a NaN is not)', async () => {
    server.reply({ body: { status: 'success', data: { resultType: 'vector', result: [] } } });
    expect(await provider().query(q('absent_metric'))).toEqual({
      kind: 'no-data',
      reason: 'query "errors" returned an empty vector (no series matched)',
      empty: true,
    });
  });

  it('refuses a range vector from an instant query with advice', async () => {
    server.reply({ body: { status: 'success', data: { resultType: 'matrix', result: [] } } });
    await expect(provider().query(q('up[5m]'))).rejects.toThrow(
      /range vector; wrap it in a function such as rate\(\)/,
    );
  });

  it('reports a missing secret by variable name at creation', () => {
    expect(
      () =>
        new PrometheusProvider(
          { type: 'prometheus', url: server.url, auth: { type: 'bearer', tokenEnv: 'NOT_SET_TOKEN' } },
          {},
        ),
    ).toThrow('prometheus: bearer token is missing: environment variable NOT_SET_TOKEN is not set');
  });

  it('is offline when /-/ready is not 200', async () => {
    server.reply({ status: 503, body: 'Service Unavailable' });
    const ready = new PrometheusProvider(
      { type: 'prometheus', url: server.url, onlineCheck: 'ready', retries: 0 },
      {},
    );
    expect(await ready.isOnline()).toBe(false);
    expect(server.requests[0]?.path).toBe('/-/ready');
  });
});
