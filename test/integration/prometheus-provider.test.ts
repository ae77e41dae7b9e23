// The Prometheus provider against the test bed's real Prometheus scraping the test exporter every second.
// Uses the shared bed when PROMETHEUS_URL / DIAL_TEST_EXPORTER_URL are set, else starts the part itself.
// Every series carries a `run` label unique to this file's run, so a shared, long-lived bed does not leak in.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createProvider } from '../../src/metrics/factory.js';
import {
  ProviderError,
  ProviderUnavailableError,
  type MetricResult,
  type Provider,
} from '../../src/metrics/provider.js';
import { ExporterClient } from '../../testbed/src/exporter/client.js';
import { prometheusPart } from '../../testbed/src/parts/prometheus.js';
import type { RunningPart } from '../../testbed/src/part.js';

const RUN = `t${Date.now().toString(36)}`;
const COUNTER = 'dial_test_requests_total';
const HISTOGRAM = 'dial_test_latency_seconds';

let running: RunningPart | undefined;
let bedDir: string | undefined;
let prometheusUrl: string;
let exporter: ExporterClient;
let provider: Provider;

const sel = (arm: string): string => `${COUNTER}{run="${RUN}",arm="${arm}"}`;

function now(): { start: Date; end: Date } {
  const end = new Date();
  return { start: new Date(end.getTime() - 60_000), end };
}

async function instant(query: string, name = 'test'): Promise<MetricResult> {
  return provider.query({ name, query, window: now() });
}

function valueOf(result: MetricResult): number {
  if (result.kind !== 'value') throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  return result.value;
}

/** Polls an instant query until `accept` holds (Prometheus sees new values only after a scrape). */
async function until(query: string, accept: (value: number) => boolean, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last: MetricResult | undefined;
  while (Date.now() < deadline) {
    last = await instant(query);
    if (last.kind === 'value' && accept(last.value)) return last.value;
    await sleep(200);
  }
  throw new Error(`${query} did not reach the expected value; last ${JSON.stringify(last)}`);
}

beforeAll(async () => {
  const shared = process.env.PROMETHEUS_URL;
  const exporterUrl = process.env.DIAL_TEST_EXPORTER_URL;
  if (shared !== undefined && exporterUrl !== undefined) {
    prometheusUrl = shared;
    exporter = new ExporterClient(exporterUrl);
  } else {
    bedDir = mkdtempSync(join(tmpdir(), 'dial-prom-test-'));
    running = await prometheusPart.start({
      dir: bedDir,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    prometheusUrl = running.env.PROMETHEUS_URL ?? '';
    exporter = new ExporterClient(running.env.DIAL_TEST_EXPORTER_URL ?? '');
  }
  provider = createProvider({ type: 'prometheus', url: prometheusUrl, timeoutSeconds: 5, retries: 1 });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  if (bedDir !== undefined) rmSync(bedDir, { recursive: true, force: true });
});

describe('Prometheus provider on a real Prometheus', () => {
  it('is online, by vector(1) and by /-/ready', async () => {
    expect(await provider.isOnline()).toBe(true);
    const ready = createProvider({ type: 'prometheus', url: prometheusUrl, onlineCheck: 'ready' });
    expect(await ready.isOnline()).toBe(true);
  });

  it('counts: the exact total, and increase() over the window', async () => {
    await exporter.counter({ name: COUNTER, labels: { run: RUN, arm: 'count' }, inc: 0 });
    await until(sel('count'), (v) => v === 0);
    await sleep(3_000); // a few samples at 0, so increase() starts from a known zero
    await exporter.counter({ name: COUNTER, labels: { run: RUN, arm: 'count' }, inc: 120 });
    expect(await until(`sum(${sel('count')})`, (v) => v === 120)).toBe(120);
    await sleep(2_000);
    // The first sample is 0, so Prometheus does not extrapolate before it; only the end (<= half a scrape)
    // can add a little: at least the true 120, at most ~10 % more.
    const increase = valueOf(await instant(`sum(increase(${sel('count')}[10s]))`));
    expect(increase).toBeGreaterThanOrEqual(119.999);
    expect(increase).toBeLessThan(120 * 1.15);
  }, 30_000);

  it('rate() matches the rate the test drove, within 10 %', async () => {
    const labels = { run: RUN, arm: 'rate' };
    await exporter.counter({ name: COUNTER, labels, inc: 0 });
    const tickMs = 100;
    const perTick = 5; // 50 per second
    const began = Date.now();
    let total = 0;
    // Ticks on an absolute schedule, so event-loop lag does not slowly lower the rate.
    for (let tick = 1; Date.now() - began < 7_000; tick += 1) {
      await exporter.counter({ name: COUNTER, labels, inc: perTick });
      total += perTick;
      const wait = began + tick * tickMs - Date.now();
      if (wait > 0) await sleep(wait);
    }
    const elapsedSeconds = (Date.now() - began) / 1000;
    const driven = total / elapsedSeconds;
    const result = await provider.query({
      name: 'rate',
      query: `sum(rate(${sel('rate')}[5s]))`,
      window: { start: new Date(Date.now() - 5_000), end: new Date() },
    });
    const measured = valueOf(result);
    expect(driven).toBeGreaterThan(40); // the driver itself kept up
    expect(Math.abs(measured - driven) / driven).toBeLessThan(0.1);
  }, 30_000);

  it('histogram_quantile over a histogram the test fed', async () => {
    const labels = { run: RUN, arm: 'quantile' };
    const buckets = [0.05, 0.1, 0.25, 0.5, 1];
    await exporter.histogram({ name: HISTOGRAM, labels, buckets });
    const bucket = `${HISTOGRAM}_bucket{run="${RUN}",arm="quantile"}`;
    await until(`count(${bucket})`, (v) => v === buckets.length + 1);
    await sleep(2_000);
    // 90 fast requests (30 ms) and 10 slow ones (700 ms).
    await exporter.histogram({
      name: HISTOGRAM,
      labels,
      observe: [...Array<number>(90).fill(0.03), ...Array<number>(10).fill(0.7)],
    });
    await until(`sum(${HISTOGRAM}_count{run="${RUN}",arm="quantile"})`, (v) => v === 100);
    await sleep(1_500);
    const q = (phi: number): string => `histogram_quantile(${phi}, sum by (le) (increase(${bucket}[15s])))`;
    // Linear interpolation inside the bucket: p95 = 0.5 + 0.5 * (95 - 90) / 10; p50 = 0.05 * 50 / 90.
    expect(valueOf(await instant(q(0.95)))).toBeCloseTo(0.75, 6);
    expect(valueOf(await instant(q(0.5)))).toBeCloseTo((0.05 * 50) / 90, 6);
  }, 30_000);

  it('an empty vector is no-data, not an error', async () => {
    const result = await instant(`${COUNTER}{run="${RUN}",arm="never-written"}`);
    expect(result.kind).toBe('no-data');
    if (result.kind === 'no-data') expect(result.reason).toMatch(/empty vector/);
  });

  it('NaN (zero over zero) is no-data with the reason', async () => {
    await exporter.counter({ name: COUNTER, labels: { run: RUN, arm: 'idle' }, inc: 0 });
    await until(`count_over_time(${sel('idle')}[10s])`, (v) => v >= 2);
    const result = await instant(`sum(rate(${sel('idle')}[10s])) / sum(rate(${sel('idle')}[10s]))`);
    expect(result.kind).toBe('no-data');
    if (result.kind === 'no-data') expect(result.reason).toMatch(/NaN/);
  }, 20_000);

  it('several series: tells the user to aggregate', async () => {
    await exporter.counter({ name: COUNTER, labels: { run: RUN, arm: 'a' }, inc: 1 });
    await exporter.counter({ name: COUNTER, labels: { run: RUN, arm: 'b' }, inc: 1 });
    await until(`count(${COUNTER}{run="${RUN}",arm=~"a|b"})`, (v) => v === 2);
    const failure = instant(`${COUNTER}{run="${RUN}",arm=~"a|b"}`, 'two-arms');
    await expect(failure).rejects.toThrow(ProviderError);
    await expect(failure).rejects.toThrow(/returned 2 series .*exactly one.*sum\(/);
  }, 20_000);

  it("bad PromQL: a ProviderError with Prometheus' own message, not retried", async () => {
    const failure = instant('rate(', 'broken');
    await expect(failure).rejects.toMatchObject({ name: 'ProviderError', status: 400 });
    await expect(failure).rejects.toThrow(/broken: .*parse error/);
  });

  it('a range query returns the points of the window', async () => {
    await exporter.counter({ name: COUNTER, labels: { run: RUN, arm: 'range' }, inc: 7 });
    await until(sel('range'), (v) => v === 7);
    await sleep(4_000);
    const end = new Date();
    const start = new Date(end.getTime() - 3_000);
    const result = await provider.query({
      name: 'range',
      query: sel('range'),
      window: { start, end },
      stepSeconds: 1,
    });
    expect(result.kind).toBe('series');
    if (result.kind !== 'series') return;
    expect(result.points).toHaveLength(4); // start, start+1, start+2, end
    for (const point of result.points) expect(point.value).toBe(7);
    expect(result.points[0]?.at.getTime()).toBeCloseTo(start.getTime(), -1);
  }, 20_000);
});

describe('Prometheus provider against a server that is down', () => {
  let closedPort: number;

  beforeAll(async () => {
    closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
  });

  it('isOnline is false and a query fails clearly after bounded retries', async () => {
    const down = createProvider({
      type: 'prometheus',
      url: `http://127.0.0.1:${closedPort}`,
      retries: 2,
      retryDelaySeconds: 0.05,
    });
    expect(await down.isOnline()).toBe(false);
    const began = Date.now();
    const query = down.query({ name: 'requests', query: 'up', window: now() });
    await expect(query).rejects.toThrow(ProviderUnavailableError);
    await expect(query).rejects.toThrow(
      new RegExp(
        `prometheus: POST http://127.0.0.1:${closedPort}/api/v1/query failed after 3 attempt\\(s\\): .*ECONNREFUSED`,
      ),
    );
    expect(Date.now() - began).toBeLessThan(5_000);
  });
});
