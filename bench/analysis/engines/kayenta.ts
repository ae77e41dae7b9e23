// Kayenta's default judge as documented: per-minute error rates of canary and baseline compared by a
// Mann-Whitney U test at 98 % confidence, judged once at the end of the (30-minute) window; "High"
// (canary significantly higher) → rollback, otherwise promote. Minutes without requests have no rate
// and are dropped (NaN removal). Normal approximation with tie correction: at low traffic most
// per-minute rates are 0, so ties dominate.

import { probit, wilcoxonRankSum } from 'simple-statistics';
import { sum, type Engine, type EngineOutcome } from './engine.js';

const CONFIDENCE = 0.98;

/** Two-sided Mann-Whitney test; true when `x` is significantly higher than `y`. */
export function mannWhitneyHigher(x: number[], y: number[], confidence: number): boolean {
  if (x.length === 0 || y.length === 0) return false;
  const n1 = x.length;
  const n2 = y.length;
  const u = wilcoxonRankSum(x, y) - (n1 * (n1 + 1)) / 2;
  const counts = new Map<number, number>();
  for (const v of [...x, ...y]) counts.set(v, (counts.get(v) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) ties += t * t * t - t;
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  if (variance <= 0) return false;
  const z = (u - (n1 * n2) / 2) / Math.sqrt(variance);
  return z > probit(1 - (1 - confidence) / 2);
}

export const kayenta: Engine = {
  name: 'kayenta',
  run(_scenario, truth, traffic): EngineOutcome {
    const perMinute = Math.max(1, Math.round(60 / truth.bucketSeconds));
    const canary: number[] = [];
    const baseline: number[] = [];
    for (let from = 0; from + perMinute <= truth.buckets; from += perMinute) {
      const ct = sum(traffic.canary.total, from, from + perMinute);
      const bt = sum(traffic.baseline.total, from, from + perMinute);
      if (ct > 0) canary.push(sum(traffic.canary.errors, from, from + perMinute) / ct);
      if (bt > 0) baseline.push(sum(traffic.baseline.errors, from, from + perMinute) / bt);
    }
    const at = truth.buckets * truth.bucketSeconds;
    return {
      decision: mannWhitneyHigher(canary, baseline, CONFIDENCE) ? 'rollback' : 'promote',
      atSeconds: at,
    };
  },
};
