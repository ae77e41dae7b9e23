// What every engine in the benchmark returns for one simulated run.

import type { Scenario } from '../scenario.js';
import type { RunTraffic, ScenarioTruth } from '../traffic.js';

export interface EngineOutcome {
  /** `none`: no decision before the horizon. */
  decision: 'rollback' | 'promote' | 'none';
  /** Seconds from canary start to the decision (the horizon for `none`). */
  atSeconds: number;
}

export interface Engine {
  name: string;
  run(scenario: Scenario, truth: ScenarioTruth, traffic: RunTraffic): Promise<EngineOutcome> | EngineOutcome;
}

/** Sums a counter over buckets [from, to). */
export function sum(counts: Int32Array, from: number, to: number): number {
  let total = 0;
  for (let b = Math.max(0, from); b < Math.min(counts.length, to); b++) total += counts[b] ?? 0;
  return total;
}
