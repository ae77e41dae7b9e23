// The information floor: Wald's SPRT on the canary's own requests, knowing the true failure and slow
// probabilities of both arms in every bucket (incidents included). H0: the canary behaves like the
// baseline; H1: it behaves as it truly does. α = β = 0.05, looked at every bucket. A canary whose truth
// equals the baseline's gives the oracle nothing to find: it promotes at once.

import { type Engine, type EngineOutcome } from './engine.js';

const ALPHA = 0.05;
const BETA = 0.05;
const UPPER = Math.log((1 - BETA) / ALPHA);
const LOWER = Math.log(BETA / (1 - ALPHA));

function step(bad: number, total: number, p1: number, p0: number): number {
  if (p1 === p0) return 0;
  const hit = bad === 0 ? 0 : bad * Math.log(p1 / p0);
  const miss = total - bad === 0 ? 0 : (total - bad) * Math.log((1 - p1) / (1 - p0));
  return hit + miss;
}

export const oracle: Engine = {
  name: 'oracle',
  run(_scenario, truth, traffic): EngineOutcome {
    const slowDiffers = truth.slowRate.canary !== truth.slowRate.baseline;
    const errorsDiffer = truth.errorRate.canary.some((p, b) => p !== truth.errorRate.baseline[b]);
    if (!slowDiffers && !errorsDiffer) return { decision: 'promote', atSeconds: 0 };
    let llr = 0;
    for (let b = 0; b < truth.buckets; b++) {
      const total = traffic.canary.total[b] ?? 0;
      llr += step(
        traffic.canary.errors[b] ?? 0,
        total,
        truth.errorRate.canary[b] ?? 0,
        truth.errorRate.baseline[b] ?? 0,
      );
      llr += step(traffic.canary.slow[b] ?? 0, total, truth.slowRate.canary, truth.slowRate.baseline);
      const at = (b + 1) * truth.bucketSeconds;
      if (llr >= UPPER) return { decision: 'rollback', atSeconds: at };
      if (llr <= LOWER) return { decision: 'promote', atSeconds: at };
    }
    return { decision: 'none', atSeconds: truth.buckets * truth.bucketSeconds };
  },
};
