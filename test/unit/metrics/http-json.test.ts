// The generic HTTP/JSON provider: URL/body templates (encoded, never a shell), a dotted path into the answer.

import { describe, expect, it } from '@jest/globals';
import { HttpJsonProvider } from '../../../src/metrics/http-json.js';
import { fixture } from './fixtures.js';
import { useLocalServer } from './local-server.js';

const window = { start: new Date('2025-11-27T10:40:00Z'), end: new Date('2025-11-27T10:45:00Z') };

const server = useLocalServer();

describe('HttpJsonProvider', () => {
  it('fills the URL template URL-encoded and picks the value by path', async () => {
    server.reply({ body: fixture('prometheus-vector.json') });
    const provider = new HttpJsonProvider(
      {
        type: 'http',
        url: `${server.url}/api/v1/query?query={{query}}&time={{end}}&from={{ start }}`,
        valuePath: 'data.result[0].value[1]',
        auth: { type: 'bearer', tokenEnv: 'METRICS_TOKEN' },
      },
      { METRICS_TOKEN: 't0k' },
    );
    const query = 'sum(rate(x{a="b c"}[5m])) & $(rm -rf /)';
    expect(await provider.query({ name: 'q', query, window })).toEqual({
      kind: 'value',
      value: 0.0125,
      at: window.end,
    });
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.query.get('query')).toBe(query);
    expect(request?.query.get('time')).toBe('1764240300');
    expect(request?.query.get('from')).toBe('1764240000');
    expect(request?.headers.authorization).toBe('Bearer t0k');
  });

  it('POSTs a JSON body template with RFC 3339 times and the query JSON-escaped', async () => {
    server.reply({ body: { result: { errorRate: 0.02 } } });
    const provider = new HttpJsonProvider(
      {
        type: 'http',
        url: `${server.url}/metrics`,
        method: 'POST',
        body: '{"q": "{{query}}", "from": "{{start}}", "to": "{{end}}"}',
        timeFormat: 'rfc3339',
        valuePath: 'result.errorRate',
      },
      {},
    );
    const result = await provider.query({ name: 'q', query: 'errors "5xx"\nonly', window });
    expect(result).toMatchObject({ kind: 'value', value: 0.02 });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      q: 'errors "5xx"\nonly',
      from: '2025-11-27T10:40:00.000Z',
      to: '2025-11-27T10:45:00.000Z',
    });
  });

  it('a missing path or a null value is no-data; a string number is read', async () => {
    const provider = new HttpJsonProvider(
      { type: 'http', url: `${server.url}/m`, valuePath: 'data.result[0].value[1]' },
      {},
    );
    server.reply({ body: { status: 'success', data: { resultType: 'vector', result: [] } } });
    expect(await provider.query({ name: 'q', query: '', window })).toEqual({
      kind: 'no-data',
      reason: 'query "q" (data.result[0].value[1]): path not found in the response',
    });
    server.reply({ body: { data: { result: [{ value: [1, null] }] } } });
    expect(await provider.query({ name: 'q', query: '', window })).toMatchObject({ kind: 'no-data' });
    server.reply({ body: { data: { result: [{ value: [1, '17.5'] }] } } });
    expect(await provider.query({ name: 'q', query: '', window })).toMatchObject({
      kind: 'value',
      value: 17.5,
    });
  });

  it('unix-ms times, and a 404 is a ProviderError', async () => {
    server.reply({ status: 404, body: { message: 'no such dashboard' } });
    const provider = new HttpJsonProvider(
      { type: 'http', url: `${server.url}/m?from={{start}}`, valuePath: 'v', timeFormat: 'unix-ms' },
      {},
    );
    await expect(provider.query({ name: 'q', query: '', window })).rejects.toMatchObject({
      name: 'ProviderError',
      status: 404,
    });
    expect(server.requests[0]?.query.get('from')).toBe('1764240000000');
    expect(server.requests).toHaveLength(1);
  });
});
