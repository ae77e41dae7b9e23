// Waiting on a condition, the one way tests wait (see test/README.md): a probe polled until it gives a
// value, a deadline, and a message that says what was awaited and what was last seen. Never a fixed sleep.

import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this long (default 30 s). Keep it below the test's own timeout, so this message wins. */
  timeoutMs?: number;
  /** Pause between two probes (default 200 ms). */
  intervalMs?: number;
}

const text = (value: unknown): string => {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/**
 * Polls `probe` until it returns a value other than undefined, and returns that value. A probe says "not
 * yet" by returning undefined or by throwing; a throw's message is the best way to say what it saw
 * (e.g. `throw new Error(\`2/3 pods Ready\`)`), since it ends up in the timeout message. A probe that
 * hangs is abandoned at the deadline. Throws
 * `Error('timed out after Xs waiting for <what>: <last error or last value>')`.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 200;
  const deadline = performance.now() + timeoutMs;
  const timedOut = Symbol('timed out');
  let last = '';
  for (;;) {
    const abandon = new AbortController();
    try {
      const outcome = await Promise.race([
        probe(),
        sleep(Math.max(0, deadline - performance.now()), timedOut, { signal: abandon.signal }),
      ]);
      if (outcome === timedOut) {
        last = `the probe did not answer${last ? ` (before that: ${last})` : ''}`;
      } else if (outcome !== undefined) {
        return outcome as T;
      } else {
        last = 'the probe returned undefined';
      }
    } catch (error) {
      last = text(error);
    } finally {
      abandon.abort();
    }
    const left = deadline - performance.now();
    if (left <= 0) {
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}: ${last}`);
    }
    await sleep(Math.min(intervalMs, left));
  }
}
