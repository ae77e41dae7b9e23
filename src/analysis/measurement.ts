// What one measurement brings to the engine: per check, the readings over one window. Counts are
// increments over the window (the loop asks for the increase over [start, end]), so successive windows
// add up without overlap. "No data" is a normal reading, never an exception.

import type { TimeWindow } from '../metrics/provider.js';

/** Requests and bad requests of one arm over the window. */
export type CountsReading =
  { kind: 'counts'; total: number; bad: number } | { kind: 'no-data'; reason: string };

/** A single value (threshold checks). */
export type ValueReading = { kind: 'value'; value: number } | { kind: 'no-data'; reason: string };

export type CheckSample =
  | { type: 'threshold'; value: ValueReading }
  | { type: 'compare'; canary: CountsReading; baseline: CountsReading }
  | { type: 'burn-rate'; canary: CountsReading };

export interface Measurement {
  window: TimeWindow;
  /** Keyed by check name. A check missing here was not measured in this window (treated as no data). */
  samples: Record<string, CheckSample>;
}
