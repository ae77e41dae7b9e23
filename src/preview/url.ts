// Does the preview's URL answer, as seen from the runner? Polled until it answers below 500 or the time
// is up. A runner outside the cluster's network may never reach it: that is reported as what was tried
// (the URL, the last error), not as a failed preview; a URL that answers 5xx until the end is a failure.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface UrlCheck {
  url: string;
  outcome: 'answered' | 'failing' | 'unreachable' | 'skipped';
  status?: number;
  attempts: number;
  /** One line saying what was checked and what came back. */
  detail: string;
}

export interface UrlCheckOptions {
  timeoutMs: number;
  /** Sent with every request (a header-routed preview's header). */
  headers?: Record<string, string>;
  /**
   * Where to send the requests instead of the URL's host (`http://10.0.0.5:8080`), the URL's host
   * going in the Host header, as `curl --connect-to` does: a runner that reaches the gateway but not
   * by the host's DNS name.
   */
  connectTo?: string;
  intervalMs?: number;
  /** Per request. */
  requestTimeoutMs?: number;
  progress?: (line: string) => void;
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

export async function checkUrl(url: string, options: UrlCheckOptions): Promise<UrlCheck> {
  if (options.timeoutMs <= 0)
    return { url, outcome: 'skipped', attempts: 0, detail: `${url} not checked (url-timeout 0)` };
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 2000;
  let attempts = 0;
  let lastStatus: number | undefined;
  let lastError: string | undefined;
  for (;;) {
    attempts++;
    try {
      const timeoutMs = Math.min(options.requestTimeoutMs ?? 10_000, Math.max(1000, deadline - Date.now()));
      const headers = { 'user-agent': 'dial-preview-check', ...options.headers };
      lastStatus = await (options.connectTo
        ? viaAddress(url, options.connectTo, headers, timeoutMs)
        : viaFetch(url, headers, timeoutMs));
      lastError = undefined;
      if (lastStatus < 500)
        return {
          url,
          outcome: 'answered',
          status: lastStatus,
          attempts,
          detail: `GET ${url}${sent(options)} answered HTTP ${lastStatus}${attempts > 1 ? ` after ${attempts} attempts` : ''}`,
        };
    } catch (error) {
      lastError = reasonOf(error);
      lastStatus = undefined;
    }
    if (Date.now() + interval >= deadline) break;
    options.progress?.(
      `${url}: ${lastStatus !== undefined ? `HTTP ${lastStatus}` : lastError}; trying again`,
    );
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  const seconds = Math.round(options.timeoutMs / 1000);
  if (lastStatus !== undefined)
    return {
      url,
      outcome: 'failing',
      status: lastStatus,
      attempts,
      detail: `GET ${url}${sent(options)} answered HTTP ${lastStatus} for ${seconds} s (${attempts} attempts)`,
    };
  return {
    url,
    outcome: 'unreachable',
    attempts,
    detail:
      `GET ${url}${sent(options)} was not reachable from the runner for ${seconds} s (${attempts} attempts, last: ${lastError ?? 'no answer'}); ` +
      'the workloads are ready — the runner may be outside the network that reaches the preview',
  };
}

/** ` with x-dial-preview: 7` (through 127.0.0.1:8080): what the detail line names beside the URL. */
function sent(options: UrlCheckOptions): string {
  const headers = Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`);
  return (
    (headers.length > 0 ? ` with ${headers.join(', ')}` : '') +
    (options.connectTo ? ` (through ${new URL(options.connectTo).host})` : '')
  );
}

async function viaFetch(url: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers });
  await response.body?.cancel();
  return response.status;
}

/** One GET to `address` with the URL's path and its host as the Host header (fetch cannot set Host). */
function viaAddress(
  url: string,
  address: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<number> {
  const target = new URL(url);
  const to = new URL(address);
  const send = to.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: to.hostname.replace(/^\[|\]$/g, ''),
        port: to.port || undefined,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers: { ...headers, host: target.host },
        servername: target.hostname,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer in ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', (error) => reject(Object.assign(new Error(error.message), { cause: error })));
    req.end();
  });
}
