// Generated traffic for the demo and the data-plane tests: steady GET requests through the test bed's
// gateway (Traefik at GATEWAY_URL, on loopback) for one route's Host, at a fixed rate. Bounded three
// ways: a rate, a maximum count and a maximum time; it stops by itself at either bound, on stop(), and
// its sockets are closed then. Every answer is classified by the pod that gave it (header x-dial-pod):
// the stable, canary or baseline track of the workload, or `gateway` when no pod answered (Traefik's own
// 404/502/503, a refused connection, a timeout).
import { Agent, request } from 'node:http';

export type Arm = 'stable' | 'canary' | 'baseline' | 'gateway';
export const ARMS: readonly Arm[] = ['canary', 'baseline', 'stable', 'gateway'];

export interface LoadOptions {
  /** The gateway's entry point: loopback only. */
  gatewayUrl: string;
  /** The Host header that selects the route. */
  host: string;
  /** The Deployment the tracks are named after (`<workload>-canary-…` pods are the canary's). */
  workload: string;
  /** Requests per second. */
  rate: number;
  /** At most this many requests in all. */
  maxRequests: number;
  /** At most this long, in seconds. */
  maxSeconds: number;
  /** Per request (default 5 s). */
  timeoutMs?: number;
}

export interface Answer {
  /** Milliseconds since the load started, when it was sent. */
  at: number;
  arm: Arm;
  /** HTTP status; 0 when no answer came (its error in `error`). */
  status: number;
  version?: string;
  ms: number;
  error?: string;
}

export interface ArmStats {
  requests: number;
  /** Answers with a 5xx status (for `gateway`: every request no pod answered). */
  errors: number;
  p50?: number;
  p95?: number;
}

export type WindowStats = Record<Arm, ArmStats> & { seconds: number; requests: number };

function quantile(sorted: number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Counts and latency quantiles per arm of a list of answers. */
export function summarize(answers: readonly Answer[], seconds: number): WindowStats {
  const out = { seconds, requests: answers.length } as WindowStats;
  for (const arm of ARMS) {
    const mine = answers.filter((a) => a.arm === arm);
    const times = mine
      .filter((a) => a.status !== 0)
      .map((a) => a.ms)
      .sort((a, b) => a - b);
    const p50 = quantile(times, 0.5);
    const p95 = quantile(times, 0.95);
    out[arm] = {
      requests: mine.length,
      errors: mine.filter((a) => arm === 'gateway' || a.status >= 500 || a.status === 0).length,
      ...(p50 !== undefined ? { p50 } : {}),
      ...(p95 !== undefined ? { p95 } : {}),
    };
  }
  return out;
}

/** Which track a pod belongs to, by Dial's names: `<workload>-canary-…`, `<workload>-baseline-…`, else stable. */
export function armOf(pod: string | undefined, workload: string): Arm {
  if (!pod) return 'gateway';
  if (pod.startsWith(`${workload}-canary-`)) return 'canary';
  if (pod.startsWith(`${workload}-baseline-`)) return 'baseline';
  return 'stable';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const TICK_MS = 20;

export class LoadGenerator {
  private readonly url: URL;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private timer: NodeJS.Timeout | undefined;
  private t0 = 0;
  /** Requests due so far by the schedule (some skipped when the machine fell behind), and those sent. */
  private scheduled = 0;
  private sent = 0;
  private inFlight = 0;
  private idle: Array<() => void> = [];
  private readonly answers: Answer[] = [];
  private mark = 0;
  private markAt = 0;
  private stopReason: string | undefined;
  private bound: string | undefined;
  private ended: Array<(reason: string) => void> = [];

  constructor(private readonly options: LoadOptions) {
    this.url = new URL(options.gatewayUrl);
    if (!LOOPBACK.has(this.url.hostname))
      throw new Error(`the load generator sends to loopback only, not ${options.gatewayUrl}`);
    if (!(options.rate > 0) || !(options.maxRequests > 0) || !(options.maxSeconds > 0))
      throw new Error('the load needs a positive rate, maximum count and maximum time');
  }

  /** Starts sending: request n at n / rate seconds after the start (late ticks catch up, at most 1 s). */
  start(): void {
    if (this.timer || this.stopReason) return;
    this.t0 = performance.now();
    this.markAt = 0;
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    const elapsed = performance.now() - this.t0;
    if (elapsed >= this.options.maxSeconds * 1000)
      return this.atBound(`reached ${this.options.maxSeconds} s`);
    const due = Math.floor((elapsed / 1000) * this.options.rate) + 1;
    // Behind by more than a second (a busy machine): skip ahead rather than burst.
    if (due - this.scheduled > this.options.rate) this.scheduled = due - Math.ceil(this.options.rate);
    while (this.scheduled < due) {
      if (this.sent >= this.options.maxRequests)
        return this.atBound(`sent the maximum of ${this.options.maxRequests} requests`);
      this.scheduled += 1;
      this.sent += 1;
      this.send(elapsed);
    }
  }

  private send(at: number): void {
    this.inFlight += 1;
    const t = performance.now();
    const done = (answer: Omit<Answer, 'at' | 'ms'>) => {
      this.answers.push({ ...answer, at, ms: performance.now() - t });
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.idle.splice(0)) wake();
    };
    const timeoutMs = this.options.timeoutMs ?? 5_000;
    const req = request(
      {
        host: this.url.hostname.replace(/^\[|\]$/g, ''),
        port: this.url.port,
        path: '/',
        method: 'GET',
        agent: this.agent,
        headers: { host: this.options.host, 'user-agent': 'dial-demo-load' },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const pod = res.headers['x-dial-pod'];
          const version = res.headers['x-dial-version'];
          done({
            arm: armOf(typeof pod === 'string' ? pod : undefined, this.options.workload),
            status: res.statusCode ?? 0,
            ...(typeof version === 'string' ? { version } : {}),
          });
        });
        res.on('error', (error) => done({ arm: 'gateway', status: 0, error: error.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', (error) => done({ arm: 'gateway', status: 0, error: error.message }));
    req.end();
  }

  private atBound(reason: string): void {
    this.bound ??= reason;
    this.stop(reason);
  }

  /** Stops sending (idempotent); answers still coming in are counted. */
  stop(reason = 'stopped'): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.stopReason) return;
    this.stopReason = reason;
    for (const notify of this.ended.splice(0)) notify(reason);
  }

  /** Resolves with the reason once the load has stopped sending. */
  whenStopped(): Promise<string> {
    if (this.stopReason) return Promise.resolve(this.stopReason);
    return new Promise((resolve) => this.ended.push(resolve));
  }

  /** Which bound stopped it (the time or the count), if one did. */
  get boundReached(): string | undefined {
    return this.bound;
  }

  /** Stops, waits for the requests in flight (each ends by its timeout at the latest), closes the sockets. */
  async close(): Promise<void> {
    this.stop();
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    this.agent.destroy();
  }

  /** Answers since the last call (or the start): what the load saw over that window. */
  window(): WindowStats {
    const now = this.timer || this.stopReason ? performance.now() - this.t0 : 0;
    const slice = this.answers.slice(this.mark);
    this.mark = this.answers.length;
    const seconds = Math.max(0, now - this.markAt) / 1000;
    this.markAt = now;
    return summarize(slice, seconds);
  }

  /** Every answer so far, for totals over any span (`at` in ms since the start). */
  all(): readonly Answer[] {
    return this.answers;
  }

  /** Milliseconds since the start. */
  elapsedMs(): number {
    return this.t0 === 0 ? 0 : performance.now() - this.t0;
  }

  get requestsSent(): number {
    return this.sent;
  }
}
