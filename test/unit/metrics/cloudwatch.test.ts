// CloudWatch through the AWS SDK against a local endpoint: the SDK signs (SigV4) and speaks the service's
// JSON protocol; the server checks the signed Authorization shape and the GetMetricData body.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchProvider, parseQueries } from '../../../src/metrics/cloudwatch.js';
import { ProviderError, ProviderUnavailableError } from '../../../src/metrics/provider.js';
import { isRecord } from '../../../src/metrics/http.js';
import { fixture } from './fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

const window = { start: new Date('2025-11-27T10:40:00Z'), end: new Date('2025-11-27T10:45:00Z') };
const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIDDIALTEST',
  AWS_SECRET_ACCESS_KEY: 'dial-test-secret',
  AWS_EC2_METADATA_DISABLED: 'true',
};

const QUERY = `
- Id: errors
  MetricStat:
    Metric:
      Namespace: AWS/ApplicationELB
      MetricName: HTTPCode_Target_5XX_Count
      Dimensions:
        - Name: TargetGroup
          Value: targetgroup/web-canary/0123456789abcdef
    Period: 60
    Stat: Sum
`;

let server: LocalServer;
let provider: CloudWatchProvider;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const [key, value] of Object.entries(CREDENTIALS)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  server = await startLocalServer();
  provider = new CloudWatchProvider({
    type: 'cloudwatch',
    region: 'eu-west-1',
    endpoint: server.url,
    retries: 1,
  });
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await server.close();
});

const jsonReply = (body: unknown, status = 200, headers: Record<string, string> = {}) => ({
  status,
  body,
  headers: { 'content-type': 'application/x-amz-json-1.0', ...headers },
});

describe('CloudWatchProvider', () => {
  it('sends a SigV4-signed GetMetricData with the queries and the window', async () => {
    server.reply(jsonReply(fixture('cloudwatch-get-metric-data.json')));
    const result = await provider.query({ name: 'errors', query: QUERY, window });
    expect(result).toEqual({ kind: 'value', value: 5, at: new Date(1764240180000) });

    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/');
    expect(request?.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.GetMetricData');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDDIALTEST\/\d{8}\/eu-west-1\/monitoring\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(request?.headers.authorization).not.toContain('dial-test-secret');
    const body: unknown = JSON.parse(request?.body ?? '');
    expect(body).toEqual({
      MetricDataQueries: [
        {
          Id: 'errors',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApplicationELB',
              MetricName: 'HTTPCode_Target_5XX_Count',
              Dimensions: [{ Name: 'TargetGroup', Value: 'targetgroup/web-canary/0123456789abcdef' }],
            },
            Period: 60,
            Stat: 'Sum',
          },
        },
      ],
      StartTime: 1764240000,
      EndTime: 1764240300,
      ScanBy: 'TimestampAscending',
    });
  });

  it('a range returns every datapoint in time order', async () => {
    server.reply(jsonReply(fixture('cloudwatch-get-metric-data.json')));
    const result = await provider.query({ name: 'errors', query: QUERY, window, stepSeconds: 60 });
    expect(result.kind === 'series' && result.points.map((p) => p.value)).toEqual([2, 0, 5]);
  });

  it('follows NextToken pages', async () => {
    server.reply(
      jsonReply({
        MetricDataResults: [
          { Id: 'errors', Timestamps: [1764240060], Values: [1], StatusCode: 'PartialData' },
        ],
        NextToken: 'page-2',
      }),
      jsonReply({
        MetricDataResults: [{ Id: 'errors', Timestamps: [1764240120], Values: [9], StatusCode: 'Complete' }],
      }),
    );
    const result = await provider.query({ name: 'errors', query: QUERY, window });
    expect(result).toMatchObject({ kind: 'value', value: 9 });
    const second: unknown = JSON.parse(server.requests[1]?.body ?? '');
    expect(isRecord(second) && second.NextToken).toBe('page-2');
  });

  it('no datapoints is no-data', async () => {
    server.reply(jsonReply(fixture('cloudwatch-empty.json')));
    expect(await provider.query({ name: 'errors', query: QUERY, window })).toEqual({
      kind: 'no-data',
      reason: 'query "errors" returned no datapoints in the window',
      empty: true,
    });
  });

  it('a rejected request is a ProviderError, not retried', async () => {
    server.reply(
      jsonReply(fixture('cloudwatch-invalid-parameter.json'), 400, {
        'x-amzn-query-error': 'InvalidParameterValue;Sender',
      }),
    );
    const failure = provider.query({ name: 'errors', query: QUERY, window });
    await expect(failure).rejects.toThrow(ProviderError);
    await expect(failure).rejects.not.toThrow(ProviderUnavailableError);
    await expect(failure).rejects.toThrow(/is not valid/);
    expect(server.requests).toHaveLength(1);
  });

  it('server errors are retried by the SDK, then reported as unavailable', async () => {
    server.reply(jsonReply({ __type: 'InternalServiceError', message: 'try later' }, 500));
    await expect(provider.query({ name: 'errors', query: QUERY, window })).rejects.toThrow(
      ProviderUnavailableError,
    );
    expect(server.requests).toHaveLength(2);
  });

  it('isOnline lists metrics in a probe namespace', async () => {
    server.reply(jsonReply({ Metrics: [] }));
    expect(await provider.isOnline()).toBe(true);
    expect(server.requests[0]?.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.ListMetrics');
  });
});

describe('parseQueries', () => {
  const q = (query: string) => ({ name: 'c', query, window });

  it('accepts a single JSON object with an Expression', () => {
    expect(parseQueries(q('{"Id": "e1", "Expression": "SUM(METRICS())", "Period": 60}'))).toEqual([
      { Id: 'e1', Expression: 'SUM(METRICS())', Period: 60 },
    ]);
  });

  it('needs exactly one query that returns data', () => {
    expect(() => parseQueries(q('[{"Id": "a", "Expression": "1"}, {"Id": "b", "Expression": "2"}]'))).toThrow(
      /2 queries return data; .*ReturnData: false/,
    );
  });

  it('needs Id and one of Expression / MetricStat', () => {
    expect(() => parseQueries(q('- Expression: "1"'))).toThrow(
      /needs an Id and exactly one of Expression or MetricStat/,
    );
    expect(() => parseQueries(q('- Id: a'))).toThrow(/exactly one of Expression or MetricStat/);
  });
});
