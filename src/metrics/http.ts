// The HTTP layer every HTTP-based provider shares: one attempt = one node:http(s) request bounded by a
// timeout; network errors, timeouts, 5xx and 429 are retried with backoff (p-retry), honouring Retry-After;
// everything else comes back to the provider, which knows how its API words errors.
// node:https (not fetch) because custom CAs, client certificates and skip-verify are plain Agent options there.

import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { ProviderError, ProviderUnavailableError } from './provider.js';
import { HTTP_DEFAULTS, type HttpConfig, type TlsConfig } from './config.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpTransportOptions {
  /** Provider name, the prefix of every error message. */
  provider: string;
  /** Headers sent with every request (auth, custom headers); values are never logged. */
  headers: Record<string, string>;
  http: HttpConfig;
}

/** A failure worth another attempt: network error, timeout, 5xx, 429. */
class RetryableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableError';
  }
}

// TLS verification failures are configuration problems: retrying cannot fix them.
const TLS_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/;

/** Origin and path only: query strings and userinfo may carry secrets or long queries. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function tlsAgentOptions(tls: TlsConfig | undefined): https.AgentOptions {
  if (tls === undefined) return {};
  return {
    ...(tls.caFile !== undefined ? { ca: readFileSync(tls.caFile, 'utf8') } : {}),
    ...(tls.certFile !== undefined ? { cert: readFileSync(tls.certFile, 'utf8') } : {}),
    ...(tls.keyFile !== undefined ? { key: readFileSync(tls.keyFile, 'utf8') } : {}),
    ...(tls.serverName !== undefined ? { servername: tls.serverName } : {}),
    rejectUnauthorized: tls.insecureSkipVerify !== true,
  };
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return '';
}

export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: false });
  private readonly httpsAgent: https.Agent;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryAfterMs: number;

  constructor(private readonly options: HttpTransportOptions) {
    const cfg = options.http;
    this.timeoutMs = (cfg.timeoutSeconds ?? HTTP_DEFAULTS.timeoutSeconds) * 1000;
    this.retries = cfg.retries ?? HTTP_DEFAULTS.retries;
    this.retryDelayMs = (cfg.retryDelaySeconds ?? HTTP_DEFAULTS.retryDelaySeconds) * 1000;
    this.maxRetryAfterMs = (cfg.maxRetryAfterSeconds ?? HTTP_DEFAULTS.maxRetryAfterSeconds) * 1000;
    if (cfg.tls?.certFile !== undefined && cfg.tls.keyFile === undefined) {
      throw new ProviderError(`${options.provider}: tls.certFile needs tls.keyFile`, options.provider);
    }
    this.httpsAgent = new https.Agent({ keepAlive: false, ...tlsAgentOptions(cfg.tls) });
  }

  /**
   * Sends the request, retrying retryable failures. Resolves with any other response (2xx, 3xx, 4xx but 429)
   * for the provider to interpret; rejects with ProviderUnavailableError once retries are spent, with
   * ProviderError on TLS failures, and with the caller's abort reason when `signal` aborts.
   */
  async send(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    const { provider } = this.options;
    let attempts = 0;
    try {
      return await pRetry(
        async () => {
          attempts += 1;
          const response = await this.attempt(request, signal);
          if (response.status >= 500 || response.status === 429) {
            throw new RetryableError(
              `HTTP ${response.status}${summarize(response.body)}`,
              response.status,
              parseRetryAfter(headerValue(response.headers['retry-after'])),
            );
          }
          return response;
        },
        {
          retries: this.retries,
          minTimeout: this.retryDelayMs,
          factor: 2,
          randomize: true,
          signal,
          shouldRetry: ({ error }) => error instanceof RetryableError,
          onFailedAttempt: async ({ error, retriesLeft, retryDelay }) => {
            // Honour the server's Retry-After on top of our own backoff, capped so a job cannot stall.
            if (!(error instanceof RetryableError) || error.retryAfterMs === undefined || retriesLeft === 0)
              return;
            const extra = Math.min(error.retryAfterMs, this.maxRetryAfterMs) - retryDelay;
            if (extra > 0) await sleep(extra, undefined, { signal });
          },
        },
      );
    } catch (error) {
      if (error instanceof RetryableError) {
        throw new ProviderUnavailableError(
          `${provider}: ${request.method} ${describeUrl(request.url)} failed after ${attempts} attempt(s): ${error.message}`,
          provider,
          error.status,
        );
      }
      throw error;
    }
  }

  /**
   * Sends the request and parses a 2xx JSON body. Other statuses become ProviderError with the text
   * `explain` extracts from the body (APIs word their errors differently); 401/403 say so plainly.
   */
  async sendJson(
    request: HttpRequest,
    signal?: AbortSignal,
    explain: (body: unknown) => string | undefined = () => undefined,
  ): Promise<unknown> {
    const { provider } = this.options;
    const response = await this.send(request, signal);
    const parsed = parseJson(response.body);
    if (response.status < 200 || response.status >= 300) {
      const detail =
        (parsed.ok ? explain(parsed.value) : undefined) ?? summarize(response.body).replace(/^: /, '');
      const what =
        response.status === 401 || response.status === 403 ? 'credentials rejected' : 'request rejected';
      throw new ProviderError(
        `${provider}: ${what} by ${describeUrl(request.url)} (HTTP ${response.status})${detail ? `: ${detail}` : ''}`,
        provider,
        response.status,
      );
    }
    if (!parsed.ok) {
      throw new ProviderError(
        `${provider}: ${describeUrl(request.url)} answered HTTP ${response.status} with a body that is not JSON${summarize(response.body)}`,
        provider,
        response.status,
      );
    }
    return parsed.value;
  }

  private attempt(request: HttpRequest, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    const isHttps = request.url.protocol === 'https:';
    const transport = isHttps ? https : http;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.options.headers,
      ...request.headers,
    };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    return new Promise<HttpResponse>((resolve, reject) => {
      const fail = (error: unknown): void => {
        if (signal?.aborted) return reject(signal.reason);
        if (timeout.aborted)
          return reject(new RetryableError(`no complete answer within ${this.timeoutMs} ms`));
        const code = errorCode(error);
        const message = error instanceof Error ? error.message : String(error);
        if (TLS_ERROR.test(code)) {
          return reject(
            new ProviderError(
              `${this.options.provider}: TLS failure talking to ${describeUrl(request.url)}: ${message} (${code}); check tls.caFile / tls.serverName`,
              this.options.provider,
            ),
          );
        }
        reject(new RetryableError(code ? `${message} (${code})` : message));
      };
      const req = transport.request(
        request.url,
        {
          method: request.method,
          headers,
          agent: isHttps ? this.httpsAgent : this.httpAgent,
          signal: combined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', fail);
      req.end(request.body);
    });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The start of a response body, for error messages (bounded: bodies can be large HTML pages). */
function summarize(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ');
  if (text === '') return '';
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

/** Narrowing helpers for JSON answers. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
