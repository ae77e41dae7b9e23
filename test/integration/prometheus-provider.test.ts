// The Prometheus provider against the test bed's real Prometheus scraping the test exporter every second.
// Uses the shared bed when PROMETHEUS_URL / DIAL_TEST_EXPORTER_URL are set, else starts the part itself.
// Every metric name and series is unique to this file's run, so a shared, long-lived bed does not leak in.
//
// What the tests assert is what they control: the counts they drove, as Prometheus scraped them. They wait
// for scraped samples (never a fixed sleep) and evaluate at the timestamp of a sample they have seen, so
// the machine's speed changes neither which samples a query sees nor its answer. Rates are never compared
// with a rate measured on the wall clock: rate() is checked as the scraped increase divided by the range.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { uniqueName } from '../helpers/names.js';
import { waitUntil } from '../helpers/wait.js';

const RUN = uniqueName('run');
// The exporter's metrics are shared by every test using the bed, and a metric keeps the label names it was
// declared with: names of this run's own, so no other test (or run) declares them differently.
const METRIC_PREFIX = `dial_test_${RUN.replace(/-/g, '_')}`;
const COUNTER = `${METRIC_PREFIX}_requests_total`;
const HISTOGRAM = `${METRIC_PREFIX}_latency_seconds`;
/** Longer than any test here runs: a range that holds every sample of a series the test created. */
const WHOLE_SERIES = '10m';
const WHOLE_SERIES_SECONDS = 600;
/** How long a test waits for Prometheus to scrape what it drove (1 s scrapes; generous for a busy machine). */
const SCRAPE_WAIT_MS = 20_000;
/** A test's timeout: longer than its waits together, so a wait's own message says what did not happen. */
const timeoutFor = (waits: number): number => waits * SCRAPE_WAIT_MS + 10_000;

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

/** An instant query evaluated at `atMs` (the window's end), as an analysis step makes it. */
function at(atMs: number): { start: Date; end: Date } {
  return { start: new Date(atMs - 60_000), end: new Date(atMs) };
}

async function instant(query: string, name = 'test', window = now()): Promise<MetricResult> {
  return provider.query({ name, query, window });
}

function valueOf(result: MetricResult): number {
  if (result.kind !== 'value') throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  return result.value;
}

interface Sample {
  /** Prometheus' timestamp of the scrape, in ms. */
  t: number;
  v: number;
}

/** The raw samples of one series that Prometheus holds in `range` before `atMs`, oldest first. */
async function scrapedSamples(selector: string, atMs = Date.now(), range = WHOLE_SERIES): Promise<Sample[]> {
  const response = await fetch(new URL('/api/v1/query', prometheusUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: `${selector}[${range}]`, time: (atMs / 1000).toFixed(3) }).toString(),
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { result: Array<{ values: Array<[number, string]> }> };
  };
  if (body.status !== 'success' || body.data === undefined) throw new Error(`prometheus: ${body.error}`);
  if (body.data.result.length > 1) throw new Error(`${selector} matched ${body.data.result.length} series`);
  return (body.data.result[0]?.values ?? []).map(([t, v]) => ({ t: Math.round(t * 1000), v: Number(v) }));
}

const show = (samples: Sample[]): string =>
  samples.length === 0 ? 'no sample yet' : `samples ${samples.map((s) => s.v).join(', ')}`;

/** Waits until the scraped samples of `selector` satisfy `accept`; returns them. */
function scraped(selector: string, what: string, accept: (samples: Sample[]) => boolean): Promise<Sample[]> {
  return waitUntil(
    `Prometheus to scrape ${what} of ${selector}`,
    async () => {
      const samples = await scrapedSamples(selector);
      if (accept(samples)) return samples;
      throw new Error(show(samples));
    },
    { timeoutMs: SCRAPE_WAIT_MS },
  );
}

/** Drives a counter and waits until Prometheus has scraped the value it now holds. */
async function countAndScrape(
  labels: { run: string; arm: string },
  inc: number,
  total: number,
): Promise<Sample[]> {
  await exporter.counter({ name: COUNTER, labels, inc });
  return scraped(sel(labels.arm), `the count ${total}`, (samples) => samples.some((s) => s.v === total));
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

  it(
    'counts: the exact total, and increase() within the extrapolation of one scrape interval',
    async () => {
      const labels = { run: RUN, arm: 'count' };
      await countAndScrape(labels, 0, 0);
      // Two scrapes at 120: evaluating between them, the samples up to that time are all stored already.
      await exporter.counter({ name: COUNTER, labels, inc: 120 });
      const samples = await scraped(
        sel('count'),
        'two samples at 120',
        (s) => s.filter((x) => x.v === 120).length >= 2,
      );
      const [a, b] = samples.filter((s) => s.v === 120) as [Sample, Sample];

      // The exact total, and increase() at the time of a sample over a range holding the series' first
      // sample (0): nothing to extrapolate at either end, so exactly the count the test drove.
      expect(valueOf(await instant(`sum(${sel('count')})`, 'total', at(a.t)))).toBe(120);
      const increase = (atMs: number) =>
        instant(`sum(increase(${sel('count')}[${WHOLE_SERIES}]))`, 'increase', at(atMs)).then(valueOf);
      expect(await increase(a.t)).toBeCloseTo(120, 9);

      // Between two samples Prometheus extrapolates past the last one it has, by less than 1.1 of the
      // average gap between the samples in the range (its rule): the bound comes from the samples it scraped.
      const mid = a.t + Math.floor((b.t - a.t) / 2);
      const seen = await scrapedSamples(sel('count'), mid);
      const sampledSeconds = (seen.at(-1)!.t - seen[0]!.t) / 1000;
      const averageGap = sampledSeconds / (seen.length - 1);
      const extrapolated = await increase(mid);
      expect(extrapolated).toBeGreaterThanOrEqual(120);
      expect(extrapolated).toBeLessThanOrEqual(120 * (1 + (1.1 * averageGap) / sampledSeconds));
    },
    timeoutFor(2),
  );

  it(
    'rate() is the count the test drove over the range, not a wall-clock rate',
    async () => {
      const labels = { run: RUN, arm: 'rate' };
      let samples = await countAndScrape(labels, 0, 0);
      // Three steps, each scraped before the next: 0 -> 30 -> 70 -> 120.
      for (const [inc, total] of [
        [30, 30],
        [40, 70],
        [50, 120],
      ] as const) {
        samples = await countAndScrape(labels, inc, total);
      }
      expect(samples.map((s) => s.v).filter((v, i, all) => v !== all[i - 1])).toEqual([0, 30, 70, 120]);
      const last = samples.find((s) => s.v === 120)!;
      const query = (promql: string) => instant(promql, 'rate', at(last.t)).then(valueOf);
      const increase = await query(`sum(increase(${sel('rate')}[${WHOLE_SERIES}]))`);
      const rate = await query(`sum(rate(${sel('rate')}[${WHOLE_SERIES}]))`);
      expect(increase).toBeCloseTo(120, 9);
      expect(rate).toBeCloseTo(120 / WHOLE_SERIES_SECONDS, 12);
      expect(rate * WHOLE_SERIES_SECONDS).toBeCloseTo(increase, 9);
    },
    timeoutFor(4),
  );

  it(
    'histogram_quantile over a histogram the test fed',
    async () => {
      const labels = { run: RUN, arm: 'quantile' };
      const buckets = [0.05, 0.1, 0.25, 0.5, 1];
      const count = `${HISTOGRAM}_count{run="${RUN}",arm="quantile"}`;
      await exporter.histogram({ name: HISTOGRAM, labels, buckets });
      await scraped(count, 'the histogram at zero', (s) => s.some((x) => x.v === 0));
      // 90 fast requests (30 ms) and 10 slow ones (700 ms).
      await exporter.histogram({
        name: HISTOGRAM,
        labels,
        observe: [...Array<number>(90).fill(0.03), ...Array<number>(10).fill(0.7)],
      });
      const samples = await scraped(count, '100 observations', (s) => s.some((x) => x.v === 100));
      // Every bucket comes from the same scrape, so evaluating at its time sees each bucket go from 0 to
      // its count exactly (nothing extrapolated).
      const scrapedAt = samples.find((s) => s.v === 100)!.t;
      const bucket = `${HISTOGRAM}_bucket{run="${RUN}",arm="quantile"}`;
      const q = (phi: number) =>
        instant(
          `histogram_quantile(${phi}, sum by (le) (increase(${bucket}[${WHOLE_SERIES}])))`,
          'quantile',
          at(scrapedAt),
        ).then(valueOf);
      // Linear interpolation inside the bucket: p95 = 0.5 + 0.5 * (95 - 90) / 10; p50 = 0.05 * 50 / 90.
      expect(await q(0.95)).toBeCloseTo(0.75, 6);
      expect(await q(0.5)).toBeCloseTo((0.05 * 50) / 90, 6);
    },
    timeoutFor(2),
  );

  it('an empty vector is no-data, not an error', async () => {
    const result = await instant(`${COUNTER}{run="${RUN}",arm="never-written"}`);
    expect(result.kind).toBe('no-data');
    if (result.kind === 'no-data') expect(result.reason).toMatch(/empty vector/);
  });

  it(
    'NaN (zero over zero) is no-data with the reason',
    async () => {
      await exporter.counter({ name: COUNTER, labels: { run: RUN, arm: 'idle' }, inc: 0 });
      // rate() needs two samples in its range; evaluated at the second, both are in it.
      const samples = await scraped(sel('idle'), 'two samples', (s) => s.length >= 2);
      const rate = `sum(rate(${sel('idle')}[${WHOLE_SERIES}]))`;
      const result = await instant(`${rate} / ${rate}`, 'test', at(samples.at(-1)!.t));
      expect(result.kind).toBe('no-data');
      if (result.kind === 'no-data') expect(result.reason).toMatch(/NaN/);
    },
    timeoutFor(1),
  );

  it(
    'several series: tells the user to aggregate',
    async () => {
      await exporter.counter({ name: COUNTER, labels: { run: RUN, arm: 'a' }, inc: 1 });
      await exporter.counter({ name: COUNTER, labels: { run: RUN, arm: 'b' }, inc: 1 });
      await waitUntil(
        'Prometheus to scrape both series a and b',
        async () => {
          const result = await instant(`count(${COUNTER}{run="${RUN}",arm=~"a|b"})`);
          if (result.kind === 'value' && result.value === 2) return true;
          throw new Error(`count: ${JSON.stringify(result)}`);
        },
        { timeoutMs: SCRAPE_WAIT_MS },
      );
      const failure = instant(`${COUNTER}{run="${RUN}",arm=~"a|b"}`, 'two-arms');
      await expect(failure).rejects.toThrow(ProviderError);
      await expect(failure).rejects.toThrow(/returned 2 series .*exactly one.*sum\(/);
    },
    timeoutFor(1),
  );

  it("bad PromQL: a ProviderError with Prometheus' own message, not retried", async () => {
    const failure = instant('rate(', 'broken');
    await expect(failure).rejects.toMatchObject({ name: 'ProviderError', status: 400 });
    await expect(failure).rejects.toThrow(/broken: .*parse error/);
  });

  it(
    'a range query returns the points of the window',
    async () => {
      await exporter.counter({ name: COUNTER, labels: { run: RUN, arm: 'range' }, inc: 7 });
      // A window of 3 s that scraped samples cover from its start to its end.
      const samples = await scraped(
        sel('range'),
        'samples spanning 3 s',
        (s) => s.length > 0 && s.at(-1)!.t - s[0]!.t >= 3_000,
      );
      const start = new Date(samples[0]!.t);
      const end = new Date(start.getTime() + 3_000);
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
      // Within a few ms: Prometheus' timestamps are float seconds, which ms do not always survive exactly.
      expect(result.points[0]?.at.getTime()).toBeCloseTo(start.getTime(), -1);
    },
    timeoutFor(1),
  );
});

describe('Prometheus provider against a server that is down', () => {
  // Port 0 is never a listening port (binding it means "any port"), so the connection is always
  // refused; a port found free a moment ago could be taken by another process meanwhile.
  const downUrl = 'http://127.0.0.1:0';

  it('isOnline is false and a query fails clearly after bounded retries', async () => {
    const down = createProvider({ type: 'prometheus', url: downUrl, retries: 2, retryDelaySeconds: 0.05 });
    expect(await down.isOnline()).toBe(false);
    const query = down.query({ name: 'requests', query: 'up', window: now() });
    await expect(query).rejects.toThrow(ProviderUnavailableError);
    // The bound is in the count of attempts it reports, not in how long a busy machine took to make them.
    await expect(query).rejects.toThrow(
      /prometheus: POST http:\/\/127\.0\.0\.1:0\/api\/v1\/query failed after 3 attempt\(s\): .*ECONNREFUSED/,
    );
  });
});
