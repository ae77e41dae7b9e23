// The BENCHMARK.md targets, checked against a run of the committed scenario set (bench/scenarios/
// analysis.json names its scenarios r<rps>-<kind>). A target whose scenarios are absent is skipped.

import type { ScenarioRun } from './run.js';

export interface TargetCheck {
  target: string;
  met: boolean;
  /** The measured figures behind it. */
  measured: string;
}

function find(runs: ScenarioRun[], scenario: string, engine: string): ScenarioRun | undefined {
  return runs.find((r) => r.result.scenario === scenario && r.result.engine === engine);
}

function fmt(value: number | null): string {
  return value === null ? 'none' : String(value);
}

export function checkTargets(runs: ScenarioRun[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const dialGood = runs.filter((r) => r.result.engine === 'dial' && !r.bad);
  if (dialGood.length > 0) {
    const worst = dialGood.reduce((a, b) => (b.result.rollbackRate > a.result.rollbackRate ? b : a));
    checks.push({
      target: 'false rollback ≤ 5 % on every good canary (incl. shared incident)',
      met: worst.result.rollbackRate <= 0.05,
      measured: `worst ${worst.result.scenario}: ${(100 * worst.result.rollbackRate).toFixed(1)} %`,
    });
  }
  const speed: Array<[string, number, string]> = [
    ['r100-errors-2x', 7, '100 req/s 2× errors: detected ≥ 95 %, median ≤ 7 min'],
    ['r100-errors-4x', 1.5, '100 req/s 4× errors: median ≤ 1.5 min'],
    ['r100-errors-10x', 0.5, '100 req/s 10× errors: median ≤ 30 s'],
    ['r10-errors-10x', 3, '10 req/s 10× errors: median ≤ 3 min'],
    ['r10-errors-100x', 0.5, '10 req/s 50 % errors: median ≤ 30 s'],
  ];
  for (const [scenario, minutes, target] of speed) {
    const r = find(runs, scenario, 'dial');
    if (r === undefined) continue;
    const detected =
      scenario === 'r100-errors-2x' ? r.result.rollbackRate >= 0.95 : r.result.rollbackRate >= 0.5;
    const median = r.result.ttdMedianMin;
    checks.push({
      target,
      met: detected && median !== null && median <= minutes,
      measured: `detected ${(100 * r.result.rollbackRate).toFixed(1)} %, median ${fmt(median)} min`,
    });
  }
  const latency = find(runs, 'r10-latency-1.25x', 'dial');
  if (latency !== undefined) {
    const within = latency.rolledBackWithin['10'] ?? 0;
    checks.push({
      target: '10 req/s latency ×1.25: detected ≥ 95 % within 10 min',
      met: within >= 0.95,
      measured: `${(100 * within).toFixed(1)} % within 10 min, median ${fmt(latency.result.ttdMedianMin)} min`,
    });
  }
  const badErrors = runs.filter(
    (r) => r.result.engine === 'dial' && r.bad && r.rps >= 10 && r.result.scenario.includes('-errors-'),
  );
  for (const r of badErrors) {
    const k = find(runs, r.result.scenario, 'kayenta');
    const o = find(runs, r.result.scenario, 'oracle');
    const d = r.result.excessFailedMedian;
    if (k !== undefined) {
      checks.push({
        target: `${r.result.scenario}: excess failed ≥ 5× fewer than kayenta`,
        met: d * 5 <= k.result.excessFailedMedian,
        measured: `dial ${d}, kayenta ${k.result.excessFailedMedian}`,
      });
    }
    if (o !== undefined) {
      checks.push({
        target: `${r.result.scenario}: excess failed within 2× of oracle`,
        met: d <= 2 * Math.max(o.result.excessFailedMedian, 1),
        measured: `dial ${d}, oracle ${o.result.excessFailedMedian}`,
      });
    }
  }
  return checks;
}
