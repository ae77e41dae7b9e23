// Amazon CloudWatch GetMetricData through the AWS SDK, which signs (SigV4), retries and parses for us.
// A check's query is YAML or JSON: a list of MetricDataQuery objects exactly as the API takes them
// (Expression or MetricStat); exactly one of them returns data (set ReturnData: false on helpers).

import https from 'node:https';
import { readFileSync } from 'node:fs';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { parse as parseYaml } from 'yaml';
import {
  ProviderError,
  ProviderUnavailableError,
  type MetricQuery,
  type MetricResult,
  type Provider,
} from './provider.js';
import { HTTP_DEFAULTS, type CloudWatchConfig } from './config.js';
import { isRecord } from './http.js';

const NAME = 'cloudwatch';

/** GetMetricData pages; a window of one check never needs many. */
const MAX_PAGES = 20;

export class CloudWatchProvider implements Provider {
  readonly type = NAME;
  private readonly client: CloudWatchClient;

  constructor(config: CloudWatchConfig) {
    const tls = config.tls;
    const timeoutMs = (config.timeoutSeconds ?? HTTP_DEFAULTS.timeoutSeconds) * 1000;
    this.client = new CloudWatchClient({
      ...(config.region !== undefined ? { region: config.region } : {}),
      ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
      maxAttempts: (config.retries ?? HTTP_DEFAULTS.retries) + 1,
      requestHandler: {
        requestTimeout: timeoutMs,
        connectionTimeout: timeoutMs,
        httpsAgent: new https.Agent({
          ...(tls?.caFile !== undefined ? { ca: readFileSync(tls.caFile, 'utf8') } : {}),
          ...(tls?.certFile !== undefined ? { cert: readFileSync(tls.certFile, 'utf8') } : {}),
          ...(tls?.keyFile !== undefined ? { key: readFileSync(tls.keyFile, 'utf8') } : {}),
          ...(tls?.serverName !== undefined ? { servername: tls.serverName } : {}),
          rejectUnauthorized: tls?.insecureSkipVerify !== true,
        }),
      },
    });
  }

  async query(q: MetricQuery, signal?: AbortSignal): Promise<MetricResult> {
    const queries = parseQueries(q);
    const results = new Map<string, { timestamps: Date[]; values: number[] }>();
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const output = await this.send(
        () =>
          this.client.send(
            new GetMetricDataCommand({
              MetricDataQueries: queries,
              StartTime: q.window.start,
              EndTime: q.window.end,
              ScanBy: 'TimestampAscending',
              ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
            }),
            { abortSignal: signal },
          ),
        q.name,
      );
      for (const result of output.MetricDataResults ?? []) merge(results, result, q.name);
      nextToken = output.NextToken;
      pages += 1;
    } while (nextToken !== undefined && pages < MAX_PAGES);

    const source = `query "${q.name}"`;
    const returned = queries.filter((m) => m.ReturnData !== false).map((m) => m.Id ?? '');
    const [id] = returned;
    const data = id !== undefined ? results.get(id) : undefined;
    if (data === undefined || data.values.length === 0) {
      return { kind: 'no-data', reason: `${source} returned no datapoints in the window`, empty: true };
    }
    const points = data.timestamps
      .map((at, i) => ({ at, value: data.values[i] ?? NaN }))
      .filter((p) => !Number.isNaN(p.value))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const last = points[points.length - 1];
    if (last === undefined) return { kind: 'no-data', reason: `${source} returned only NaN datapoints` };
    return q.stepSeconds !== undefined
      ? { kind: 'series', points }
      : { kind: 'value', value: last.value, at: last.at };
  }

  /** A cheap authenticated call; needs cloudwatch:ListMetrics. */
  async isOnline(signal?: AbortSignal): Promise<boolean> {
    try {
      await this.send(
        () =>
          this.client.send(new ListMetricsCommand({ Namespace: 'Dial/OnlineProbe' }), {
            abortSignal: signal,
          }),
        'online',
      );
      return true;
    } catch (error) {
      if (signal?.aborted) throw error;
      return false;
    }
  }

  /** SDK errors as ProviderError (client faults) or ProviderUnavailableError (retries spent). */
  private async send<T>(call: () => Promise<T>, name: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Error) || error.name === 'AbortError') throw error;
      const meta = sdkMetadata(error);
      const detail = `${NAME}: ${name}: ${error.name}: ${error.message}`;
      const retryable =
        meta.status === undefined || meta.status >= 500 || meta.status === 429 || meta.throttling;
      if (retryable) {
        throw new ProviderUnavailableError(
          `${detail} (after ${meta.attempts ?? '?'} attempt(s))`,
          NAME,
          meta.status,
        );
      }
      throw new ProviderError(detail, NAME, meta.status);
    }
  }
}

function sdkMetadata(error: Error): { status?: number; attempts?: number; throttling: boolean } {
  const record: Record<string, unknown> = { ...error };
  const metadata = isRecord(record.$metadata) ? record.$metadata : {};
  const retryable = isRecord(record.$retryable) ? record.$retryable : {};
  return {
    ...(typeof metadata.httpStatusCode === 'number' ? { status: metadata.httpStatusCode } : {}),
    ...(typeof metadata.attempts === 'number' ? { attempts: metadata.attempts } : {}),
    throttling: retryable.throttling === true,
  };
}

/** The check's query text as MetricDataQueries, with the mistakes AWS would reject named early. */
export function parseQueries(q: MetricQuery): MetricDataQuery[] {
  let parsed: unknown;
  try {
    parsed = parseYaml(q.query);
  } catch (error) {
    throw new ProviderError(`${NAME}: ${q.name}: query is not YAML/JSON: ${(error as Error).message}`, NAME);
  }
  const items: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  const list = items.filter(isMetricDataQuery);
  if (list.length === 0 || list.length !== items.length) {
    throw new ProviderError(
      `${NAME}: ${q.name}: every MetricDataQuery needs an Id and exactly one of Expression or MetricStat`,
      NAME,
    );
  }
  const returning = list.filter((item) => item.ReturnData !== false);
  if (returning.length !== 1) {
    throw new ProviderError(
      `${NAME}: ${q.name}: ${returning.length} queries return data; a check needs exactly one (set ReturnData: false on the others)`,
      NAME,
    );
  }
  return list;
}

/** The checks AWS would fail first; AWS validates the rest and its answer is reported as a ProviderError. */
function isMetricDataQuery(item: unknown): item is MetricDataQuery {
  if (!isRecord(item) || typeof item.Id !== 'string') return false;
  if (item.Expression !== undefined && typeof item.Expression !== 'string') return false;
  if (item.MetricStat !== undefined && !isRecord(item.MetricStat)) return false;
  return (item.Expression === undefined) !== (item.MetricStat === undefined);
}

function merge(
  into: Map<string, { timestamps: Date[]; values: number[] }>,
  result: MetricDataResult,
  name: string,
): void {
  if (result.StatusCode === 'InternalError' || result.StatusCode === 'Forbidden') {
    const messages = (result.Messages ?? []).map((m) => m.Value ?? m.Code ?? '').join('; ');
    throw new ProviderError(`${NAME}: ${name}: ${result.Id ?? '?'} ${result.StatusCode}: ${messages}`, NAME);
  }
  const id = result.Id ?? '';
  const entry = into.get(id) ?? { timestamps: [], values: [] };
  entry.timestamps.push(...(result.Timestamps ?? []));
  entry.values.push(...(result.Values ?? []));
  into.set(id, entry);
}
