// The test exporter's control protocol, shared by the exporter process and its typed client.
// Metrics are declared on first use; their label names are the keys of the first `labels` seen.

export type Labels = Record<string, string>;

/** POST /control/counter: add `inc` (default 1) or, with `set`, replace the labelled series' value. */
export interface CounterRequest {
  name: string;
  help?: string;
  labels?: Labels;
  inc?: number;
  set?: number;
}

/** POST /control/gauge: set the labelled series. */
export interface GaugeRequest {
  name: string;
  help?: string;
  labels?: Labels;
  set: number;
}

/**
 * POST /control/histogram: observe each value in `observe`; with none, the labelled series is created
 * at zero (so a later increase() sees it start from 0). `buckets` counts only when the metric is declared.
 */
export interface HistogramRequest {
  name: string;
  help?: string;
  labels?: Labels;
  buckets?: number[];
  observe?: number[];
}

/** Answer of every control call. */
export interface ControlResponse {
  ok: boolean;
  error?: string;
}
