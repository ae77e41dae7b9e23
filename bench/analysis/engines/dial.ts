// Dial in the benchmark: the real analysis path (defaultAnalysis → runAnalysis → measure → analyze)
// with a simulated clock and a simulated provider that answers each count query with what Prometheus'
// increase() over the window would return at that bucket.

import type { MetricQuery, MetricResult, Provider } from '../../../src/metrics/provider.js';
import { defaultAnalysis, type AnalysisProfile } from '../../../src/analysis/defaults.js';
import { runAnalysis, type Clock } from '../../../src/analysis/loop.js';
import type { AnalysisSpec } from '../../../src/analysis/spec.js';
import type { Scenario } from '../scenario.js';
import type { ArmTraffic, RunTraffic, ScenarioTruth } from '../traffic.js';
import { sum, type Engine, type EngineOutcome } from './engine.js';

/** Simulated time starts here (any fixed instant works; the engine only sees differences). */
const EPOCH = Date.UTC(2026, 0, 1);

const COUNTERS = ['total', 'errors', 'slow'] as const;
type Counter = (typeof COUNTERS)[number];

/** Queries are `<arm>:<counter>`, e.g. `canary:errors`. */
function parseQuery(query: string): { arm: 'canary' | 'baseline'; counter: Counter } {
  const [arm, counter] = query.split(':');
  if ((arm !== 'canary' && arm !== 'baseline') || !COUNTERS.includes(counter as Counter)) {
    throw new Error(`simulated provider: unknown query ${query}`);
  }
  return { arm, counter: counter as Counter };
}

/** Answers with the sum of the buckets that ended inside (start, end]. */
export class SimulatedProvider implements Provider {
  readonly type = 'simulated';
  constructor(
    private readonly traffic: RunTraffic,
    private readonly bucketSeconds: number,
  ) {}

  query(q: MetricQuery): Promise<MetricResult> {
    const { arm, counter } = parseQuery(q.query);
    const series: ArmTraffic = this.traffic[arm];
    const bucketMs = this.bucketSeconds * 1000;
    const from = Math.floor((q.window.start.getTime() - EPOCH) / bucketMs);
    const to = Math.floor((q.window.end.getTime() - EPOCH) / bucketMs);
    return Promise.resolve({ kind: 'value', value: sum(series[counter], from, to), at: q.window.end });
  }

  isOnline(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/** A clock that jumps to whatever time the loop waits for. */
class SimulatedClock implements Clock {
  private time = EPOCH;
  now(): Date {
    return new Date(this.time);
  }
  sleepUntil(time: Date): Promise<void> {
    this.time = Math.max(this.time, time.getTime());
    return Promise.resolve();
  }
}

/** The profile's default analysis, with the scenario's duration as the horizon and its latency bound. */
export function benchmarkSpec(
  profile: AnalysisProfile,
  scenario: Scenario,
  truth: ScenarioTruth,
): AnalysisSpec {
  const spec = defaultAnalysis(profile, {
    errors: {
      canary: { total: 'canary:total', bad: 'canary:errors' },
      baseline: { total: 'baseline:total', bad: 'baseline:errors' },
    },
    latency: {
      canary: { total: 'canary:total', bad: 'canary:slow' },
      baseline: { total: 'baseline:total', bad: 'baseline:slow' },
      thresholdMs: truth.slowMs,
    },
  });
  return { ...spec, maxDurationSeconds: scenario.durationMinutes * 60 };
}

export function dialEngine(profile: AnalysisProfile = 'production'): Engine {
  return {
    name: 'dial',
    async run(scenario, truth, traffic): Promise<EngineOutcome> {
      const spec = benchmarkSpec(profile, scenario, truth);
      const clock = new SimulatedClock();
      const result = await runAnalysis(new SimulatedProvider(traffic, truth.bucketSeconds), spec, clock);
      const atSeconds = result.elapsedSeconds;
      if (result.verdict === 'fail') return { decision: 'rollback', atSeconds };
      if (result.verdict === 'pass') return { decision: 'promote', atSeconds };
      return { decision: 'none', atSeconds: scenario.durationMinutes * 60 };
    },
  };
}
