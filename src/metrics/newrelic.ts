// New Relic NRQL through NerdGraph: POST https://api.newrelic.com/graphql (api.eu.newrelic.com for EU
// accounts) with the user key in `API-Key`, the NRQL in actor.account(id).nrql(query).results.
// NRQL goes in as a GraphQL variable, never spliced into the GraphQL text. The window is added as
// SINCE/UNTIL (epoch ms) unless the query sets its own; a range adds TIMESERIES <step> SECONDS.

import { ProviderError, type MetricQuery, type MetricResult, type Provider } from './provider.js';
import type { NewRelicConfig } from './config.js';
import { HttpTransport, isRecord } from './http.js';
import { extraHeaders, readSecret, type SecretEnv } from './secrets.js';
import { seriesResult, valueResult } from './samples.js';

const NAME = 'newrelic';

const ENDPOINTS = {
  us: 'https://api.newrelic.com/graphql',
  eu: 'https://api.eu.newrelic.com/graphql',
} as const;

const NRQL_QUERY =
  'query DialNrql($accountId: Int!, $nrql: Nrql!) { actor { account(id: $accountId) { nrql(query: $nrql) { results } } } }';

const ONLINE_QUERY = 'query DialOnline { actor { user { id } } }';

/** Result-row fields that describe the row rather than hold the measured value. */
const META_FIELDS = new Set(['beginTimeSeconds', 'endTimeSeconds', 'facet', 'timestamp', 'comparison']);

export class NewRelicProvider implements Provider {
  readonly type = NAME;
  private readonly url: URL;
  private readonly http: HttpTransport;

  constructor(
    private readonly config: NewRelicConfig,
    env: SecretEnv = process.env,
  ) {
    if (!Number.isInteger(config.accountId)) {
      throw new ProviderError(`${NAME}: accountId must be the numeric account id`, NAME);
    }
    this.url = new URL(config.url ?? ENDPOINTS[config.region ?? 'us']);
    this.http = new HttpTransport({
      provider: NAME,
      headers: {
        ...extraHeaders(config.headers, config.headersFromEnv, env, NAME),
        'api-key': readSecret(env, config.apiKeyEnv ?? 'NEW_RELIC_API_KEY', 'user API key', NAME),
      },
      http: config,
    });
  }

  async query(q: MetricQuery, signal?: AbortSignal): Promise<MetricResult> {
    const nrql = windowed(q);
    const data = await this.graphql(NRQL_QUERY, { accountId: this.config.accountId, nrql }, q.name, signal);
    const account = path(data, ['actor', 'account', 'nrql', 'results']);
    const rows = Array.isArray(account) ? account.filter(isRecord) : [];
    const source = `NRQL "${q.name}"`;
    if (q.stepSeconds !== undefined) {
      const points = rows.map((row) => ({
        at: new Date(Number(row.endTimeSeconds ?? row.beginTimeSeconds) * 1000),
        raw: rowValue(row),
      }));
      return seriesResult(points, source);
    }
    const [only] = rows;
    if (only === undefined) return { kind: 'no-data', reason: `${source} returned no rows` };
    if (rows.length > 1) {
      throw new ProviderError(
        `${NAME}: ${source} returned ${rows.length} rows; a check needs one: remove FACET or TIMESERIES`,
        NAME,
      );
    }
    return valueResult(rowValue(only), q.window.end, source);
  }

  async isOnline(signal?: AbortSignal): Promise<boolean> {
    try {
      const data = await this.graphql(ONLINE_QUERY, {}, 'online', signal);
      return path(data, ['actor', 'user', 'id']) !== undefined;
    } catch (error) {
      if (signal?.aborted) throw error;
      return false;
    }
  }

  private async graphql(
    query: string,
    variables: Record<string, unknown>,
    name: string,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const body = await this.http.sendJson(
      {
        method: 'POST',
        url: this.url,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      },
      signal,
      graphqlErrors,
    );
    // GraphQL reports query errors (bad NRQL, unknown account) with HTTP 200.
    const errors = graphqlErrors(body);
    if (errors !== undefined) throw new ProviderError(`${NAME}: ${name}: ${errors}`, NAME);
    return isRecord(body) ? body.data : undefined;
  }
}

/** The NRQL with the window appended when the query does not set one itself. */
export function windowed(q: MetricQuery): string {
  let nrql = q.query.trim();
  if (!/\bSINCE\b/i.test(nrql)) nrql += ` SINCE ${q.window.start.getTime()} UNTIL ${q.window.end.getTime()}`;
  if (q.stepSeconds !== undefined && !/\bTIMESERIES\b/i.test(nrql)) {
    nrql += ` TIMESERIES ${Math.max(1, Math.round(q.stepSeconds))} SECONDS`;
  }
  return nrql;
}

/**
 * The measured value of a result row: its one non-meta field. Functions like percentile() nest
 * their answer one level down ({"percentile.duration": {"95": 0.2}}).
 */
function rowValue(row: Record<string, unknown>): unknown {
  const fields = Object.entries(row).filter(([key]) => !META_FIELDS.has(key));
  const [first] = fields;
  if (first === undefined) return undefined;
  const value = first[1];
  if (isRecord(value)) {
    const inner = Object.values(value);
    return inner.length === 1 ? inner[0] : undefined;
  }
  return value;
}

function graphqlErrors(body: unknown): string | undefined {
  if (!isRecord(body) || !Array.isArray(body.errors) || body.errors.length === 0) return undefined;
  return body.errors
    .map((e) => (isRecord(e) && typeof e.message === 'string' ? e.message : String(e)))
    .join('; ');
}

function path(value: unknown, keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = isRecord(current) ? current[key] : undefined;
  return current;
}
