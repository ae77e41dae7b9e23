// Flagger's documented default analysis: request success rate ≥ 99 % per 1-minute interval; 5 failed
// checks (cumulative) → rollback; promotion after 5 passing checks (e.g. stepWeight 10 up to 50 %).
// An interval without requests is a failed check ("no values found", Flagger #1035).

import { sum, type Engine, type EngineOutcome } from './engine.js';

const INTERVAL_SECONDS = 60;
const MIN_SUCCESS_RATE = 0.99;
const FAILED_CHECKS_TO_ROLLBACK = 5;
const PASSED_CHECKS_TO_PROMOTE = 5;

export const flagger: Engine = {
  name: 'flagger',
  run(_scenario, truth, traffic): EngineOutcome {
    const perInterval = Math.max(1, Math.round(INTERVAL_SECONDS / truth.bucketSeconds));
    let failed = 0;
    let passed = 0;
    for (let from = 0; from + perInterval <= truth.buckets; from += perInterval) {
      const total = sum(traffic.canary.total, from, from + perInterval);
      const errors = sum(traffic.canary.errors, from, from + perInterval);
      const at = (from + perInterval) * truth.bucketSeconds;
      if (total === 0 || 1 - errors / total < MIN_SUCCESS_RATE) {
        failed++;
        if (failed >= FAILED_CHECKS_TO_ROLLBACK) return { decision: 'rollback', atSeconds: at };
      } else {
        passed++;
        if (passed >= PASSED_CHECKS_TO_PROMOTE) return { decision: 'promote', atSeconds: at };
      }
    }
    return { decision: 'none', atSeconds: truth.buckets * truth.bucketSeconds };
  },
};
