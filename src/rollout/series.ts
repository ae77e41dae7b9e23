// The per-window counts a release keeps for the summary's charts (canary against baseline over time):
// compact rows in the record, built from the analysis evidence, so charts need no metrics backend later.
import type { AnalysisSpec, CompareCheck } from '../analysis/spec.js';
import type { Evidence } from '../analysis/evidence.js';

/**
 * One analysis window, compact for the record: [window end (epoch seconds), effective weight,
 * canary total, canary failed, canary slow, baseline total, baseline failed, baseline slow]; slow is null
 * when no latency check counts it.
 */
export type SeriesRow = [
  end: number,
  weight: number,
  canaryTotal: number,
  canaryBad: number,
  canarySlow: number | null,
  baselineTotal: number,
  baselineBad: number,
  baselineSlow: number | null,
];

/** Rows a record keeps at most (about 11 KB of JSON); past it adjacent rows are merged pairwise. */
export const SERIES_CAP = 240;

const sumNullable = (a: number | null, b: number | null): number | null =>
  a === null && b === null ? null : (a ?? 0) + (b ?? 0);

/** Appends a window; a full list first halves its resolution (adjacent pairs summed, the later end kept). */
export function appendSeries(rows: readonly SeriesRow[], row: SeriesRow, cap = SERIES_CAP): SeriesRow[] {
  let out = [...rows];
  if (out.length >= cap) {
    const merged: SeriesRow[] = [];
    for (let i = 0; i < out.length; i += 2) {
      const a = out[i]!;
      const b = out[i + 1];
      merged.push(
        b
          ? [
              b[0],
              b[1],
              a[2] + b[2],
              a[3] + b[3],
              sumNullable(a[4], b[4]),
              a[5] + b[5],
              a[6] + b[6],
              sumNullable(a[7], b[7]),
            ]
          : a,
      );
    }
    out = merged;
  }
  out.push(row);
  return out;
}

/**
 * The window between two evidences of one step, as a row: the compare checks' cumulative counts
 * differenced (errors → failed, latency → slow). Undefined when no compare check counted anything new.
 */
export function windowRow(
  spec: AnalysisSpec,
  before: Evidence | undefined,
  after: Evidence,
  effectiveWeight: number,
): SeriesRow | undefined {
  const counts = (metric: CompareCheck['metric']) => {
    const check = spec.checks.find((c): c is CompareCheck => c.type === 'compare' && c.metric === metric);
    const now = check ? after.checks[check.name] : undefined;
    if (now?.type !== 'compare') return undefined;
    const then = check ? before?.checks[check.name] : undefined;
    const was = then?.type === 'compare' ? then : undefined;
    return {
      canary: {
        total: now.canary.total - (was?.canary.total ?? 0),
        bad: now.canary.bad - (was?.canary.bad ?? 0),
      },
      baseline: {
        total: now.baseline.total - (was?.baseline.total ?? 0),
        bad: now.baseline.bad - (was?.baseline.bad ?? 0),
      },
    };
  };
  if (after.lastWindowEnd === null || after.lastWindowEnd === before?.lastWindowEnd) return undefined;
  return seriesRowOf(Date.parse(after.lastWindowEnd), effectiveWeight, counts('errors'), counts('latency'));
}

/** Both arms' counts of one compare check over one window. */
export interface WindowCounts {
  canary: { total: number; bad: number };
  baseline: { total: number; bad: number };
}

/** A row from the errors check's counts and the latency check's (bad = slow), either of which may be absent. */
export function seriesRowOf(
  endMs: number,
  effectiveWeight: number,
  errors: WindowCounts | undefined,
  latency: WindowCounts | undefined,
): SeriesRow | undefined {
  const totals = errors ?? latency;
  if (!totals) return undefined;
  return [
    Math.round(endMs / 1000),
    effectiveWeight,
    totals.canary.total,
    errors?.canary.bad ?? 0,
    latency ? latency.canary.bad : null,
    totals.baseline.total,
    errors?.baseline.bad ?? 0,
    latency ? latency.baseline.bad : null,
  ];
}
