// The measurement loop: asks the Provider for each check's queries over the window since the last
// measurement, feeds the pure engine, and repeats every interval until a decision. Due time = last
// window end + interval (Argo Rollouts' "last finished + interval"), so a resumed job picks up exactly
// where the persisted evidence stopped. The benchmark drives it with a simulated clock and provider.

import {
  ProviderUnavailableError,
  type MetricResult,
  type Provider,
  type TimeWindow,
} from '../metrics/provider.js';
import { analyze, type AnalysisResult } from './engine.js';
import { newEvidence, type Evidence } from './evidence.js';
import type { CheckSample, CountsReading, Measurement, ValueReading } from './measurement.js';
import type { AnalysisSpec, CheckSpec, CountQueries } from './spec.js';

/** When the next measurement is due: the last counted window's end (or the start) plus the interval. */
export function nextDue(spec: AnalysisSpec, evidence: Evidence): Date {
  const from = Date.parse(evidence.lastWindowEnd ?? evidence.startedAt);
  return new Date(from + spec.intervalSeconds * 1000);
}

/**
 * One number from a provider answer. A series counts by its last point (the value at window end).
 * NaN and ±Inf (0/0 on an idle service, Argo #1466) are no data, not a crash.
 */
export function readValue(result: MetricResult): ValueReading {
  if (result.kind === 'no-data') return { kind: 'no-data', reason: result.reason };
  const value = result.kind === 'value' ? result.value : result.points.at(-1)?.value;
  if (value === undefined) return { kind: 'no-data', reason: 'empty series' };
  if (!Number.isFinite(value)) return { kind: 'no-data', reason: `value is ${value}` };
  return { kind: 'value', value };
}

/**
 * Fills the window into a query: `{{window}}` becomes its length as a PromQL-style duration (`10s`) and
 * `{{windowSeconds}}` the bare number, so `sum(increase(http_requests_total[{{window}}]))` asks for
 * exactly the increments since the last measurement.
 */
export function renderQuery(query: string, window: TimeWindow): string {
  const seconds = Math.max(1, Math.round((window.end.getTime() - window.start.getTime()) / 1000));
  return query.replaceAll('{{window}}', `${seconds}s`).replaceAll('{{windowSeconds}}', String(seconds));
}

/**
 * A reading, an answer that matched no series at all (`empty`: the only no-data that may mean zero), or
 * the provider being down: kept apart so neither a down provider nor a NaN is ever read as "zero bad".
 */
type Answer = ValueReading | { kind: 'empty'; reason: string } | { kind: 'unavailable'; reason: string };

async function ask(
  provider: Provider,
  name: string,
  query: string,
  window: TimeWindow,
  signal?: AbortSignal,
): Promise<Answer> {
  try {
    const result = await provider.query({ name, query: renderQuery(query, window), window }, signal);
    if (result.kind === 'no-data' && result.empty === true) return { kind: 'empty', reason: result.reason };
    return readValue(result);
  } catch (error) {
    // A provider that is down is missing evidence (the no-data policy decides); a broken query or
    // rejected credentials will not fix themselves and must surface.
    if (error instanceof ProviderUnavailableError) return { kind: 'unavailable', reason: error.message };
    throw error;
  }
}

/**
 * Counts of one arm. No requests series means no data. A bad-requests query that matched no series at
 * all while the total has a value means zero bad requests: Prometheus has no 5xx series until the first
 * 5xx happens, and treating that as "no data" is what made Flagger roll back healthy low-traffic
 * canaries (#1035). That empty answer is the one exception: a NaN, a null, a missing value or a provider
 * that is down is no data with its reason, never "zero bad" (it would pass a canary on no evidence).
 */
export async function readCounts(
  provider: Provider,
  name: string,
  queries: CountQueries,
  window: TimeWindow,
  signal?: AbortSignal,
): Promise<CountsReading> {
  const [total, bad] = await Promise.all([
    ask(provider, `${name}/total`, queries.total, window, signal),
    ask(provider, `${name}/bad`, queries.bad, window, signal),
  ]);
  if (total.kind !== 'value') return { kind: 'no-data', reason: `requests: ${total.reason}` };
  if (bad.kind === 'value') return { kind: 'counts', total: total.value, bad: bad.value };
  if (bad.kind === 'empty') return { kind: 'counts', total: total.value, bad: 0 };
  return { kind: 'no-data', reason: `bad requests: ${bad.reason}` };
}

async function sample(
  provider: Provider,
  check: CheckSpec,
  window: TimeWindow,
  signal?: AbortSignal,
): Promise<CheckSample> {
  switch (check.type) {
    case 'threshold': {
      const value = await ask(provider, check.name, check.query, window, signal);
      return {
        type: 'threshold',
        value: value.kind === 'value' ? value : { kind: 'no-data', reason: value.reason },
      };
    }
    case 'compare': {
      const [canary, baseline] = await Promise.all([
        readCounts(provider, `${check.name}/canary`, check.canary, window, signal),
        readCounts(provider, `${check.name}/baseline`, check.baseline, window, signal),
      ]);
      return { type: 'compare', canary, baseline };
    }
    case 'burn-rate':
      return {
        type: 'burn-rate',
        canary: await readCounts(provider, `${check.name}/canary`, check.canary, window, signal),
      };
  }
}

/** Measures every check over one window. */
export async function measure(
  provider: Provider,
  spec: AnalysisSpec,
  window: TimeWindow,
  signal?: AbortSignal,
): Promise<Measurement> {
  const samples: Record<string, CheckSample> = {};
  const taken = await Promise.all(spec.checks.map((check) => sample(provider, check, window, signal)));
  spec.checks.forEach((check, i) => {
    const s = taken[i];
    if (s !== undefined) samples[check.name] = s;
  });
  return { window, samples };
}

/** Measures the window [last window end, now] and judges. Call it at or after nextDue(). */
export async function measureAndAnalyze(
  provider: Provider,
  spec: AnalysisSpec,
  evidence: Evidence,
  now: Date,
  signal?: AbortSignal,
): Promise<AnalysisResult> {
  const start = new Date(evidence.lastWindowEnd ?? evidence.startedAt);
  const m = await measure(provider, spec, { start, end: now }, signal);
  return analyze(spec, evidence, [m], now);
}

/** Time as the loop sees it: real time in the action, simulated time in the benchmark and tests. */
export interface Clock {
  now(): Date;
  sleepUntil(time: Date, signal?: AbortSignal): Promise<void>;
}

export interface RunOptions {
  /** Evidence to resume; absent = a new analysis starting now. */
  evidence?: Evidence;
  /** Called after every measurement, e.g. to persist the evidence before the next one. */
  onResult?: (result: AnalysisResult) => void | Promise<void>;
  signal?: AbortSignal;
}

/** Measures every interval until the analysis is done; returns the deciding result. */
export async function runAnalysis(
  provider: Provider,
  spec: AnalysisSpec,
  clock: Clock,
  options: RunOptions = {},
): Promise<AnalysisResult> {
  let evidence = options.evidence ?? newEvidence(clock.now());
  for (;;) {
    await clock.sleepUntil(nextDue(spec, evidence), options.signal);
    options.signal?.throwIfAborted();
    const result = await measureAndAnalyze(provider, spec, evidence, clock.now(), options.signal);
    await options.onResult?.(result);
    if (result.done) return result;
    evidence = result.evidence;
  }
}
