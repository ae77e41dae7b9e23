// Datadog metrics query API v1: GET https://api.<site>/api/v1/query?from=&to=&query= with the API and
// application keys in DD-API-KEY / DD-APPLICATION-KEY. The answer is a list of series, each a pointlist of
// [epoch ms, value|null]. An instant check takes the last non-null point of its one series, so count queries
// should roll the window up into one point, e.g. `sum:requests{...}.as_count().rollup(sum, 300)`.

import { ProviderError, type MetricQuery, type MetricResult, type Provider } from './provider.js';
import type { DatadogConfig } from './config.js';
import { HttpTransport, isRecord } from './http.js';
import { extraHeaders, readSecret, type SecretEnv } from './secrets.js';
import { seriesResult } from './samples.js';

const NAME = 'datadog';

export class DatadogProvider implements Provider {
  readonly type = NAME;
  private readonly base: URL;
  private readonly http: HttpTransport;

  constructor(config: DatadogConfig, env: SecretEnv = process.env) {
    const site = config.site ?? 'datadoghq.com';
    this.base = new URL(config.url ?? `https://api.${site}`);
    this.http = new HttpTransport({
      provider: NAME,
      headers: {
        ...extraHeaders(config.headers, config.headersFromEnv, env, NAME),
        'dd-api-key': readSecret(env, config.apiKeyEnv ?? 'DD_API_KEY', 'API key', NAME),
        'dd-application-key': readSecret(
          env,
          config.applicationKeyEnv ?? 'DD_APP_KEY',
          'application key',
          NAME,
        ),
      },
      http: config,
    });
  }

  async query(q: MetricQuery, signal?: AbortSignal): Promise<MetricResult> {
    const url = new URL('/api/v1/query', this.base);
    url.searchParams.set('from', String(Math.floor(q.window.start.getTime() / 1000)));
    url.searchParams.set('to', String(Math.ceil(q.window.end.getTime() / 1000)));
    url.searchParams.set('query', q.query);
    const body = await this.http.sendJson({ method: 'GET', url }, signal, explainError);
    const source = `query "${q.name}"`;
    if (!isRecord(body)) throw new ProviderError(`${NAME}: ${source}: answer is not a JSON object`, NAME);
    if (body.status === 'error') {
      throw new ProviderError(`${NAME}: ${source}: ${String(body.error ?? 'error without message')}`, NAME);
    }
    const series = Array.isArray(body.series) ? body.series.filter(isRecord) : [];
    const [only] = series;
    if (only === undefined) return { kind: 'no-data', reason: `${source} returned no series`, empty: true };
    if (series.length > 1) {
      const scopes = series.slice(0, 3).map((s) => String(s.scope ?? s.expression ?? '?'));
      throw new ProviderError(
        `${NAME}: ${source} returned ${series.length} series (${scopes.join(', ')}); a check needs exactly one: ` +
          `aggregate it (e.g. sum:metric{...} without "by {...}")`,
        NAME,
      );
    }
    const points = (Array.isArray(only.pointlist) ? only.pointlist : []).map((p: unknown) =>
      Array.isArray(p) && typeof p[0] === 'number'
        ? { at: new Date(p[0]), raw: p[1] }
        : { at: new Date(NaN), raw: null },
    );
    const result = seriesResult(points, source);
    if (q.stepSeconds !== undefined || result.kind !== 'series') return result;
    const last = result.points[result.points.length - 1];
    return last === undefined
      ? { kind: 'no-data', reason: `${source} returned no points` }
      : { kind: 'value', ...last };
  }

  /** /api/v1/validate answers {"valid": true} for a good API key. */
  async isOnline(signal?: AbortSignal): Promise<boolean> {
    try {
      const body = await this.http.sendJson(
        { method: 'GET', url: new URL('/api/v1/validate', this.base) },
        signal,
      );
      return isRecord(body) && body.valid === true;
    } catch (error) {
      if (signal?.aborted) throw error;
      return false;
    }
  }
}

/** Datadog errors come as {"errors": ["..."]} (4xx) or {"status":"error","error":"..."}. */
function explainError(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (Array.isArray(body.errors)) return body.errors.map(String).join('; ');
  return typeof body.error === 'string' ? body.error : undefined;
}
