// Turning the numbers backends send (often as strings: "0.5", "NaN", "+Inf") into MetricResults.
// NaN and null are "no data" with a reason, never a crash and never a silent zero.

import type { MetricResult } from './provider.js';

/** A sample value as a number: accepts numbers and Prometheus' text forms; undefined when it is not one. */
export function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

/** One value; NaN or null becomes no-data explaining where it came from. */
export function valueResult(raw: unknown, at: Date, source: string): MetricResult {
  if (raw === null || raw === undefined)
    return { kind: 'no-data', reason: `${source} returned a null value` };
  const value = toNumber(raw);
  if (value === undefined) return { kind: 'no-data', reason: `${source} returned a non-numeric value` };
  if (Number.isNaN(value)) {
    return { kind: 'no-data', reason: `${source} returned NaN (e.g. a ratio over zero requests)` };
  }
  return { kind: 'value', value, at };
}

/** A series without its NaN/null points; no-data when nothing is left. */
export function seriesResult(points: Array<{ at: Date; raw: unknown }>, source: string): MetricResult {
  const kept: Array<{ at: Date; value: number }> = [];
  for (const point of points) {
    const value = toNumber(point.raw);
    if (value !== undefined && !Number.isNaN(value)) kept.push({ at: point.at, value });
  }
  if (kept.length === 0) {
    return {
      kind: 'no-data',
      reason:
        points.length === 0
          ? `${source} returned no points`
          : `${source} returned only NaN/null points (${points.length})`,
    };
  }
  return { kind: 'series', points: kept };
}
