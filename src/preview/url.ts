// Does the preview's URL answer, as seen from the runner? Polled until it answers below 500 or the time
// is up. A runner outside the cluster's network may never reach it: that is reported as what was tried
// (the URL, the last error), not as a failed preview; a URL that answers 5xx until the end is a failure.
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
      const response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(
          Math.min(options.requestTimeoutMs ?? 10_000, Math.max(1000, deadline - Date.now())),
        ),
        headers: { 'user-agent': 'dial-preview-check' },
      });
      await response.body?.cancel();
      lastStatus = response.status;
      lastError = undefined;
      if (response.status < 500)
        return {
          url,
          outcome: 'answered',
          status: response.status,
          attempts,
          detail: `GET ${url} answered HTTP ${response.status}${attempts > 1 ? ` after ${attempts} attempts` : ''}`,
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
      detail: `GET ${url} answered HTTP ${lastStatus} for ${seconds} s (${attempts} attempts)`,
    };
  return {
    url,
    outcome: 'unreachable',
    attempts,
    detail:
      `GET ${url} was not reachable from the runner for ${seconds} s (${attempts} attempts, last: ${lastError ?? 'no answer'}); ` +
      'the workloads are ready — the runner may be outside the network that reaches the preview',
  };
}
