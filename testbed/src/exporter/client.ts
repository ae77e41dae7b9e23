// Typed client of the test exporter's control API, for tests and the demo.

import type { ControlResponse, CounterRequest, GaugeRequest, HistogramRequest } from './protocol.js';

export type { CounterRequest, GaugeRequest, HistogramRequest, Labels } from './protocol.js';

export class ExporterClient {
  constructor(readonly baseUrl: string) {}

  /** Adds to a counter (default 1), or replaces its value with `set`. */
  counter(request: CounterRequest): Promise<void> {
    return this.post('/control/counter', request);
  }

  gauge(request: GaugeRequest): Promise<void> {
    return this.post('/control/gauge', request);
  }

  /** Observes samples; with none, creates the labelled histogram at zero. */
  histogram(request: HistogramRequest): Promise<void> {
    return this.post('/control/histogram', request);
  }

  /** Forgets every metric (the next scrape sees none, so Prometheus marks the series stale). */
  reset(): Promise<void> {
    return this.post('/control/reset', {});
  }

  /** The exposition text Prometheus scrapes. */
  async metrics(): Promise<string> {
    const response = await fetch(new URL('/metrics', this.baseUrl));
    if (!response.ok) throw new Error(`exporter /metrics answered ${response.status}`);
    return response.text();
  }

  private async post(path: string, body: object): Promise<void> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as ControlResponse;
    if (!response.ok || !answer.ok) {
      throw new Error(`exporter ${path} refused (${response.status}): ${answer.error ?? 'no reason given'}`);
    }
  }
}
