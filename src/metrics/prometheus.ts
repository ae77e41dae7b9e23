// Prometheus HTTP API: instant queries (/api/v1/query at the window's end) and range queries
// (/api/v1/query_range over the window). A check needs exactly one series: an empty vector is no-data,
// several series are a query mistake the user must fix (aggregate with sum/avg), said in plain words.

import { ProviderError, type MetricQuery, type MetricResult, type Provider } from './provider.js';
import type { PrometheusConfig } from './config.js';
import { HttpTransport, isRecord } from './http.js';
import { configuredHeaders, type SecretEnv } from './secrets.js';
import { seriesResult, valueResult } from './samples.js';

const NAME = 'prometheus';

interface Sample {
  metric: Record<string, unknown>;
  value?: unknown;
  values?: unknown;
}

export class PrometheusProvider implements Provider {
  readonly type = NAME;
  private readonly base: URL;
  private readonly http: HttpTransport;

  constructor(
    private readonly config: PrometheusConfig,
    env: SecretEnv = process.env,
  ) {
    // A trailing slash keeps a path prefix (https://host/prometheus/) when joining api/v1/...
    this.base = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
    this.http = new HttpTransport({
      provider: NAME,
      headers: configuredHeaders(config, env, NAME),
      http: config,
    });
  }

  async query(q: MetricQuery, signal?: AbortSignal): Promise<MetricResult> {
    if (q.stepSeconds !== undefined) {
      if (!(q.stepSeconds > 0))
        throw new ProviderError(`${NAME}: ${q.name}: stepSeconds must be positive`, NAME);
      const data = await this.api(
        'api/v1/query_range',
        {
          query: q.query,
          start: seconds(q.window.start),
          end: seconds(q.window.end),
          step: String(q.stepSeconds),
        },
        q.name,
        signal,
      );
      return this.rangeResult(data, q);
    }
    const data = await this.api(
      'api/v1/query',
      { query: q.query, time: seconds(q.window.end) },
      q.name,
      signal,
    );
    return this.instantResult(data, q);
  }

  async isOnline(signal?: AbortSignal): Promise<boolean> {
    try {
      if (this.config.onlineCheck === 'ready') {
        const response = await this.http.send({ method: 'GET', url: new URL('-/ready', this.base) }, signal);
        return response.status === 200;
      }
      const now = new Date();
      const result = await this.query(
        { name: 'online', query: 'vector(1)', window: { start: now, end: now } },
        signal,
      );
      return result.kind === 'value' && result.value === 1;
    } catch (error) {
      if (signal?.aborted) throw error;
      return false;
    }
  }

  /** POSTs the form (long PromQL does not fit in a URL) and returns `data` of a success answer. */
  private async api(
    path: string,
    form: Record<string, string>,
    name: string,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const body = await this.http.sendJson(
      {
        method: 'POST',
        url: new URL(path, this.base),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      },
      signal,
      (answer) =>
        isRecord(answer) && typeof answer.error === 'string' ? `${name}: ${answer.error}` : undefined,
    );
    if (!isRecord(body) || body.status !== 'success' || !isRecord(body.data)) {
      const reason =
        isRecord(body) && typeof body.error === 'string' ? body.error : 'not a Prometheus API answer';
      throw new ProviderError(`${NAME}: ${name}: ${reason}`, NAME);
    }
    return body.data;
  }

  private instantResult(data: Record<string, unknown>, q: MetricQuery): MetricResult {
    const source = `query "${q.name}"`;
    switch (data.resultType) {
      case 'scalar':
        return sampleValue(data.result, source);
      case 'vector': {
        const series = samples(data.result);
        if (series.length === 0) {
          return {
            kind: 'no-data',
            reason: `${source} returned an empty vector (no series matched)`,
            empty: true,
          };
        }
        const one = single(series, q);
        return sampleValue(one.value, source);
      }
      case 'matrix':
        throw new ProviderError(
          `${NAME}: ${source} returned a range vector; wrap it in a function such as rate(), increase() or avg_over_time()`,
          NAME,
        );
      default:
        throw new ProviderError(
          `${NAME}: ${source} returned a ${String(data.resultType)}, not a number`,
          NAME,
        );
    }
  }

  private rangeResult(data: Record<string, unknown>, q: MetricQuery): MetricResult {
    const source = `range query "${q.name}"`;
    if (data.resultType !== 'matrix') {
      throw new ProviderError(`${NAME}: ${source} returned a ${String(data.resultType)}, not a matrix`, NAME);
    }
    const series = samples(data.result);
    if (series.length === 0) return { kind: 'no-data', reason: `${source} returned no series`, empty: true };
    const values = single(series, q).values;
    const points = Array.isArray(values) ? values.map(pair) : [];
    return seriesResult(points, source);
  }
}

function seconds(date: Date): string {
  return (date.getTime() / 1000).toFixed(3);
}

function samples(result: unknown): Sample[] {
  if (!Array.isArray(result)) return [];
  return result.filter(isRecord).map((entry) => ({
    metric: isRecord(entry.metric) ? entry.metric : {},
    value: entry.value,
    values: entry.values,
  }));
}

/** The only series, or a ProviderError telling the user how to make the query return one. */
function single(series: Sample[], q: MetricQuery): Sample {
  const [first] = series;
  if (series.length === 1 && first !== undefined) return first;
  const shown = series
    .slice(0, 3)
    .map((s) => labels(s.metric))
    .join(', ');
  throw new ProviderError(
    `${NAME}: query "${q.name}" returned ${series.length} series (${shown}${series.length > 3 ? ', …' : ''}); ` +
      `a check needs exactly one: aggregate it, e.g. sum(${q.query})`,
    NAME,
  );
}

function labels(metric: Record<string, unknown>): string {
  const parts = Object.entries(metric).map(([k, v]) => `${k}="${String(v)}"`);
  return `{${parts.join(',')}}`;
}

/** [unixSeconds, "value"] -> point. */
function pair(raw: unknown): { at: Date; raw: unknown } {
  if (Array.isArray(raw) && typeof raw[0] === 'number') return { at: new Date(raw[0] * 1000), raw: raw[1] };
  return { at: new Date(NaN), raw: undefined };
}

function sampleValue(raw: unknown, source: string): MetricResult {
  const { at, raw: value } = pair(raw);
  return valueResult(value, at, source);
}
