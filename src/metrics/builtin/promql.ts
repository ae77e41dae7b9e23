// The pieces every builtin source is made of: label matchers, counter increases over the measurement
// window, and a latency threshold mapped onto a histogram bucket. Pure functions of their inputs.
//
// Windows: the measurement loop (src/analysis/loop.ts) asks for the increase over the window since the
// last measurement and fills `{{window}}` with its length. Prometheus' increase() needs two samples inside
// the range to answer, so these queries need a window of at least two scrape intervals
// (`analysis.interval ≥ 2 × analysis.provider.scrapeInterval`; src/metrics/builtin/config.ts checks it).
import type { CountQueries } from '../../analysis/spec.js';

/** The arm a query counts: the canary, or the baseline it is compared with. */
export type Arm = 'canary' | 'baseline';

/**
 * What the queries select: the service's namespace and its workload. Dial names the per-track
 * Deployments and Services `<workload>-canary` and `<workload>-baseline` (src/rollout/tracks.ts).
 */
export interface BuiltinTarget {
  namespace: string;
  workload: string;
}

/** What a check counts as bad: failed requests (5xx), or requests slower than thresholdMs. */
export type BuiltinMetric = { metric: 'errors' } | { metric: 'latency'; thresholdMs: number };

/** A label matcher; PromQL anchors regular expressions at both ends. */
export type Matcher = readonly [label: string, op: '=' | '=~' | '!=' | '!~', value: string];

/** A latency histogram: its `_bucket` series and the upper bounds of its finite buckets. */
export interface Histogram {
  bucket: string;
  unit: 'ms' | 's';
  /** Ascending upper bounds in `unit` (the `+Inf` bucket is implied). */
  buckets: readonly number[];
}

/** Where a latency threshold lands: the smallest bucket bound at or above it. */
export interface LatencyBucket {
  thresholdMs: number;
  /** The bound in the histogram's unit, and in milliseconds. */
  bound: number;
  boundMs: number;
  unit: 'ms' | 's';
  /** The bucket as written in the queries (`le="0.3"`, or a regex over its spellings). */
  le: string;
  /** True when thresholdMs is a bucket bound; false when it falls between two. */
  exact: boolean;
  /** For the plan: what a threshold between buckets means. */
  note?: string;
}

/** The two queries of one arm; for latency, the bucket the threshold mapped onto. */
export type ArmQueries = CountQueries & { bucket?: LatencyBucket };

/** A latency threshold no bucket can express (above the largest finite bound). */
export class BuiltinQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuiltinQueryError';
  }
}

/** `<workload>-canary` / `<workload>-baseline`: the per-track Deployment and Service names. */
export function trackName(target: BuiltinTarget, arm: Arm): string {
  return `${target.workload}-${arm}`;
}

/** A PromQL double-quoted string's content. */
function quoted(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** A regular expression matching `text` literally (RE2 syntax). */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function selector(metric: string, matchers: readonly Matcher[]): string {
  return `${metric}{${matchers.map(([label, op, value]) => `${label}${op}"${quoted(value)}"`).join(',')}}`;
}

/** The increase of every matching series over the window, summed: one number, or an empty vector. */
export function increase(metric: string, matchers: readonly Matcher[]): string {
  return `sum(increase(${selector(metric, matchers)}[{{window}}]))`;
}

/**
 * Spellings of a bucket bound in the `le` label. Exporters write it their way (Go and Envoy: `1`,
 * `3.6e+06` or `3600000`; JavaScript: `1`, `3600000`), and Prometheus 3 rewrites it on ingestion in its
 * float form (`1.0`, `3.6e+06`), so the matcher accepts each of them.
 */
export function leSpellings(bound: number): string[] {
  const plain = String(bound);
  const [mantissa = plain, exponent = '0'] = bound.toExponential().split('e');
  const exp = Number(exponent);
  // Go's strconv.FormatFloat(x, 'g', -1, 64): exponent form below 1e-4 and from 1e6 on, two digits.
  const go =
    exp < -4 || exp >= 6
      ? `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
      : plain;
  // Prometheus 3's normalisation: the Go form, with `.0` when it has neither a point nor an exponent.
  const normalised = /[.e]/.test(go) ? go : `${go}.0`;
  return [...new Set([plain, go, normalised])];
}

/** The `le` matcher of a bucket bound: exact when it has one spelling, else a regex over them all. */
export function leMatcher(bound: number): Matcher {
  const spellings = leSpellings(bound);
  const [only] = spellings;
  return spellings.length === 1 && only !== undefined
    ? ['le', '=', only]
    : ['le', '=~', spellings.map(literal).join('|')];
}

function formatBound(bound: number, unit: 'ms' | 's'): string {
  return `${bound} ${unit}`;
}

/**
 * The smallest bucket bound at or above thresholdMs. A threshold between two bounds counts as slow only
 * what is above the upper one (the histogram cannot tell apart requests inside a bucket), and the note
 * says so; a threshold above the largest finite bound cannot be counted at all.
 */
export function pickBucket(histogram: Histogram, thresholdMs: number): LatencyBucket {
  const toMs = (bound: number) => (histogram.unit === 's' ? bound * 1000 : bound);
  const bounds = [...histogram.buckets].filter((b) => b > 0 && Number.isFinite(b)).sort((a, b) => a - b);
  // Within a rounding error (0.3 s is 300.00000000000006 ms in floating point).
  const tolerance = 1e-9 * Math.max(1, thresholdMs);
  const index = bounds.findIndex((b) => toMs(b) >= thresholdMs - tolerance);
  const bound = bounds[index];
  if (bound === undefined) {
    const largest = bounds.at(-1);
    throw new BuiltinQueryError(
      `thresholdMs ${thresholdMs} is above the largest bucket of ${histogram.bucket}` +
        `${largest === undefined ? '' : ` (${formatBound(largest, histogram.unit)})`}: no bucket counts the requests slower than it; ` +
        'lower thresholdMs, or set analysis.builtin.buckets to the bounds the histogram really has',
    );
  }
  const boundMs = toMs(bound);
  const exact = Math.abs(boundMs - thresholdMs) <= tolerance;
  const below = bounds[index - 1];
  const matcher = leMatcher(bound);
  return {
    thresholdMs,
    bound,
    boundMs,
    unit: histogram.unit,
    le: `le${matcher[1]}"${quoted(matcher[2])}"`,
    exact,
    ...(exact
      ? {}
      : {
          note:
            `thresholdMs ${thresholdMs} falls between the buckets ${below === undefined ? '0' : formatBound(below, histogram.unit)} and ` +
            `${formatBound(bound, histogram.unit)} of ${histogram.bucket}: requests slower than ${formatBound(bound, histogram.unit)} count as slow; ` +
            'set thresholdMs to a bucket bound to count exactly what you mean',
        }),
  };
}

/**
 * Requests and slow requests of one arm from a histogram: all requests are the `+Inf` bucket, the slow
 * ones all requests minus those in the threshold's bucket. When the bucket does not exist (the histogram
 * has other bounds) while requests were counted, the answer is NaN — no data with a reason — never an
 * empty vector, which would read as "nothing was slow".
 */
export function latencyQueries(
  histogram: Histogram,
  matchers: readonly Matcher[],
  thresholdMs: number,
): ArmQueries {
  const bucket = pickBucket(histogram, thresholdMs);
  const total = increase(histogram.bucket, [...matchers, ['le', '=', '+Inf']]);
  const fast = increase(histogram.bucket, [...matchers, leMatcher(bucket.bound)]);
  return { total, bad: `clamp_min(${total} - ${fast}, 0) or (${total} * NaN)`, bucket };
}

/** Requests and failed requests of one arm from a request counter. */
export function errorQueries(
  metric: string,
  matchers: readonly Matcher[],
  failed: readonly Matcher[],
): ArmQueries {
  return { total: increase(metric, matchers), bad: increase(metric, [...matchers, ...failed]) };
}
