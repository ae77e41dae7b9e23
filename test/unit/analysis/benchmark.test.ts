// A CI-sized run of the analysis benchmark: the committed scenario file parses, the result JSON has
// exactly BENCHMARK.md's fields, and dial meets the targets that 50 runs can check.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseScenarios, ScenarioError } from '../../../bench/analysis/scenario.js';
import { resultJson, runScenario, type ScenarioRun } from '../../../bench/analysis/run.js';
import { checkTargets } from '../../../bench/analysis/targets.js';

const scenarios = parseScenarios(readFileSync('bench/scenarios/analysis.json', 'utf8'));
const smoke = [
  'r1-good',
  'r100-good-incident',
  'r100-errors-10x',
  'r10-errors-100x',
  'r100-errors-4x',
  'r10-latency-2x',
];
const FIELDS = [
  'decisionTimeMedianMin',
  'engine',
  'excessFailedMedian',
  'rollbackRate',
  'runs',
  'scenario',
  'ttdMedianMin',
  'ttdP90Min',
];

describe('analysis benchmark (smoke, 50 runs)', () => {
  const runs: ScenarioRun[] = [];
  const get = (scenario: string, engine: string) =>
    runs.find((r) => r.result.scenario === scenario && r.result.engine === engine)?.result;

  it('covers 1, 10 and 100 req/s, error multiples, latency and a shared incident', () => {
    const names = scenarios.map((s) => s.name);
    for (const rate of [1, 10, 100]) {
      for (const kind of [
        'good',
        'good-incident',
        'errors-2x',
        'errors-4x',
        'errors-10x',
        'errors-100x',
        'latency-1.1x',
        'latency-2x',
      ]) {
        expect(names).toContain(`r${rate}-${kind}`);
      }
    }
    expect(() => parseScenarios('{"scenarios":[{"name":"x"}]}')).toThrow(ScenarioError);
    const one = scenarios[0]!;
    expect(() => parseScenarios(JSON.stringify({ scenarios: [one, one] }))).toThrow(
      `scenarios[1].name "${one.name}" is used twice`,
    );
  });

  it('runs every engine and writes BENCHMARK.md’s result fields', async () => {
    for (const s of scenarios.filter((x) => smoke.includes(x.name))) {
      runs.push(...(await runScenario(s, ['dial', 'flagger', 'kayenta', 'oracle'], 50, 42)));
    }
    const json = resultJson(runs);
    expect(json.results).toHaveLength(smoke.length * 4);
    for (const r of json.results) expect(Object.keys(r).sort()).toEqual(FIELDS);
    // Same seed, same numbers.
    const again = await runScenario(
      scenarios.find((s) => s.name === 'r100-errors-4x')!,
      ['dial'],
      50,
      42,
    );
    expect(again[0]?.result).toEqual(get('r100-errors-4x', 'dial'));
  });

  it('dial meets the targets a smoke run can check', () => {
    const met = Object.fromEntries(checkTargets(runs).map((c) => [c.target, c]));
    expect(met['100 req/s 10× errors: median ≤ 30 s']?.met).toBe(true);
    expect(met['10 req/s 50 % errors: median ≤ 30 s']?.met).toBe(true);
    expect(get('r1-good', 'dial')!.rollbackRate).toBeLessThanOrEqual(0.06);
    expect(get('r100-good-incident', 'dial')!.rollbackRate).toBeLessThanOrEqual(0.06);
    expect(get('r10-latency-2x', 'dial')!.rollbackRate).toBeGreaterThanOrEqual(0.95);
  });

  it('beats the reference policies where they are known to be weak', () => {
    // Flagger rolls back a healthy canary during a shared incident; the conditional test does not.
    expect(get('r100-good-incident', 'flagger')!.rollbackRate).toBeGreaterThan(0.5);
    // Kayenta waits for its 30-minute window: ≥ 5× more failed requests than dial.
    const dial = get('r100-errors-10x', 'dial')!.excessFailedMedian;
    expect(dial * 5).toBeLessThanOrEqual(get('r100-errors-10x', 'kayenta')!.excessFailedMedian);
    // No engine beats the oracle's information floor by much.
    expect(get('r100-errors-10x', 'oracle')!.ttdMedianMin!).toBeLessThanOrEqual(
      get('r100-errors-10x', 'dial')!.ttdMedianMin!,
    );
  });
});
