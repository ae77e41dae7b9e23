// Any HTTP endpoint that answers JSON: the URL (and POST body) are templates with {{start}}, {{end}} and
// {{query}} filled in (URL-encoded in the URL, JSON-escaped in the body; nothing ever reaches a shell),
// and one number is picked out of the answer by a dotted path such as `data.result[0].value[1]`.

import { getProperty } from 'dot-prop';
import { ProviderError, type MetricQuery, type MetricResult, type Provider } from './provider.js';
import type { HttpJsonConfig } from './config.js';
import { HttpTransport } from './http.js';
import { configuredHeaders, type SecretEnv } from './secrets.js';
import { valueResult } from './samples.js';

const NAME = 'http';

const PLACEHOLDER = /\{\{\s*(start|end|query)\s*\}\}/g;

export class HttpJsonProvider implements Provider {
  readonly type = NAME;
  private readonly http: HttpTransport;

  constructor(
    private readonly config: HttpJsonConfig,
    env: SecretEnv = process.env,
  ) {
    if (config.valuePath.trim() === '') throw new ProviderError(`${NAME}: valuePath is required`, NAME);
    if (config.body !== undefined && config.method !== 'POST') {
      throw new ProviderError(`${NAME}: a body needs method: POST`, NAME);
    }
    this.http = new HttpTransport({
      provider: NAME,
      headers: configuredHeaders(config, env, NAME),
      http: config,
    });
  }

  async query(q: MetricQuery, signal?: AbortSignal): Promise<MetricResult> {
    const values = this.placeholders(q);
    const url = new URL(
      this.config.url.replace(PLACEHOLDER, (_, key: string) => encodeURIComponent(values[key] ?? '')),
    );
    const body =
      this.config.body?.replace(PLACEHOLDER, (_, key: string) =>
        JSON.stringify(values[key] ?? '').slice(1, -1),
      ) ?? undefined;
    const answer = await this.http.sendJson(
      {
        method: this.config.method ?? 'GET',
        url,
        ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
      },
      signal,
    );
    const raw: unknown = getProperty(answer, this.config.valuePath);
    const source = `query "${q.name}" (${this.config.valuePath})`;
    if (raw === undefined) return { kind: 'no-data', reason: `${source}: path not found in the response` };
    return valueResult(raw, q.window.end, source);
  }

  /** Online = the endpoint answers with a 2xx JSON body for the last minute. */
  async isOnline(signal?: AbortSignal): Promise<boolean> {
    const end = new Date();
    try {
      await this.query(
        { name: 'online', query: '', window: { start: new Date(end.getTime() - 60_000), end } },
        signal,
      );
      return true;
    } catch (error) {
      if (signal?.aborted) throw error;
      return false;
    }
  }

  private placeholders(q: MetricQuery): Record<string, string> {
    const format = (date: Date): string => {
      switch (this.config.timeFormat ?? 'unix') {
        case 'unix':
          return String(Math.floor(date.getTime() / 1000));
        case 'unix-ms':
          return String(date.getTime());
        case 'rfc3339':
          return date.toISOString();
      }
    };
    return { start: format(q.window.start), end: format(q.window.end), query: q.query };
  }
}
