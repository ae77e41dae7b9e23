// Monte-Carlo runs of one scenario for a set of engines, and the summary BENCHMARK.md specifies.
// All engines see the same simulated traffic in a run (common random numbers), so differences between
// engines are differences of judgement, not of luck.

import { quantile } from 'simple-statistics';
import { dialEngine } from './engines/dial.js';
import type { Engine, EngineOutcome } from './engines/engine.js';
import { flagger } from './engines/flagger.js';
import { kayenta } from './engines/kayenta.js';
import { oracle } from './engines/oracle.js';
import { mulberry32, runSeed } from './random.js';
import type { Scenario } from './scenario.js';
import { scenarioTruth, simulateRun, type RunTraffic, type ScenarioTruth } from './traffic.js';

export const ENGINE_NAMES = ['dial', 'flagger', 'kayenta', 'oracle'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function engineByName(name: EngineName): Engine {
  switch (name) {
    case 'dial':
      return dialEngine('production');
    case 'flagger':
      return flagger;
    case 'kayenta':
      return kayenta;
    case 'oracle':
      return oracle;
  }
}

/** One row of the result JSON; field names exactly as BENCHMARK.md. Medians are null without data. */
export interface ScenarioResult {
  scenario: string;
  engine: string;
  runs: number;
  rollbackRate: number;
  ttdMedianMin: number | null;
  ttdP90Min: number | null;
  excessFailedMedian: number;
  decisionTimeMedianMin: number;
}

/** The result file as BENCHMARK.md specifies it: `{ results: [...] }`, nothing more. */
export function resultJson(runs: ScenarioRun[]): { results: ScenarioResult[] } {
  return { results: runs.map((r) => r.result) };
}

/** A result plus what target checks need beyond the JSON fields (kept out of the JSON). */
export interface ScenarioRun {
  result: ScenarioResult;
  bad: boolean;
  rps: number;
  /** Share of runs that rolled back within N minutes, for N in WITHIN_MINUTES. */
  rolledBackWithin: Record<string, number>;
}

export const WITHIN_MINUTES = [0.5, 1.5, 3, 7, 10] as const;

/**
 * Canary requests failed beyond the baseline's error rate (at that time) until the decision (promote or
 * rollback), or the horizon without one — BENCHMARK.md's definition. Note that it stops counting at an early
 * promotion of a bad canary, whose failures then go on for everyone: read it beside rollbackRate.
 */
export function excessFailed(truth: ScenarioTruth, traffic: RunTraffic, outcome: EngineOutcome): number {
  const until = outcome.decision === 'none' ? truth.buckets * truth.bucketSeconds : outcome.atSeconds;
  const buckets = Math.min(truth.buckets, Math.ceil(until / truth.bucketSeconds));
  let excess = 0;
  for (let b = 0; b < buckets; b++) {
    excess +=
      (traffic.canary.errors[b] ?? 0) - (traffic.canary.total[b] ?? 0) * (truth.errorRate.baseline[b] ?? 0);
  }
  return excess;
}

function median(values: number[]): number | null {
  return values.length === 0 ? null : quantile(values, 0.5);
}

function round(value: number | null, digits = 2): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export async function runScenario(
  scenario: Scenario,
  engineNames: readonly EngineName[],
  runs: number,
  seed: number,
): Promise<ScenarioRun[]> {
  const truth = scenarioTruth(scenario);
  const engines = engineNames.map(engineByName);
  const outcomes = engines.map(() => ({
    ttd: [] as number[],
    decision: [] as number[],
    excess: [] as number[],
    rollbacks: 0,
  }));
  for (let run = 0; run < runs; run++) {
    const traffic = simulateRun(mulberry32(runSeed(seed, scenario.name, run)), truth);
    for (const [i, engine] of engines.entries()) {
      const outcome = await engine.run(scenario, truth, traffic);
      const acc = outcomes[i];
      if (acc === undefined) continue;
      if (outcome.decision === 'rollback') {
        acc.rollbacks++;
        acc.ttd.push(outcome.atSeconds / 60);
      }
      acc.decision.push(outcome.atSeconds / 60);
      acc.excess.push(excessFailed(truth, traffic, outcome));
    }
  }
  return engines.map((engine, i) => {
    const acc = outcomes[i] ?? { ttd: [], decision: [], excess: [], rollbacks: 0 };
    const rolledBackWithin: Record<string, number> = {};
    for (const m of WITHIN_MINUTES)
      rolledBackWithin[String(m)] = acc.ttd.filter((t) => t <= m).length / Math.max(1, runs);
    const result: ScenarioResult = {
      scenario: scenario.name,
      engine: engine.name,
      runs,
      rollbackRate: round(acc.rollbacks / Math.max(1, runs), 4) ?? 0,
      ttdMedianMin: round(median(acc.ttd)),
      ttdP90Min: round(acc.ttd.length === 0 ? null : quantile(acc.ttd, 0.9)),
      excessFailedMedian: round(median(acc.excess), 1) ?? 0,
      decisionTimeMedianMin: round(median(acc.decision)) ?? 0,
    };
    return { result, bad: scenario.bad, rps: scenario.rps, rolledBackWithin };
  });
}
