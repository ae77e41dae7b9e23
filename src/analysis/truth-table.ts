// From per-check outcomes to the verdict of the whole analysis. Evaluated in this order:
//
// | # | condition                                                        | verdict      | done |
// |---|------------------------------------------------------------------|--------------|------|
// | 0 | the analysis has no checks at all (nothing could be evidence)    | inconclusive | yes  |
// | 1 | a critical check fails                                           | fail         | yes  |
// | 2 | a check's latest measurement had no data, its policy is rollback | fail         | yes  |
// | 3 | same, policy inconclusive                                        | inconclusive | yes  |
// | 4 | every check passes (no-data under `hold` does not pass), and     | pass         | yes  |
// |   | minDuration has elapsed                                          |              |      |
// | 5 | every check decided, a non-critical one failed                   | inconclusive | yes  |
// | 6 | maxDuration reached                                              | inconclusive | yes  |
// | 7 | otherwise (keep measuring)                                       | inconclusive | no   |
//
// Nothing here ever promotes on missing evidence: `hold` keeps the check undecided, and the horizon
// without every check passing is inconclusive (a human decides), never pass.

import type { CheckOutcome, CheckStatus } from './outcome.js';
import type { AnalysisSpec, NoDataPolicy } from './spec.js';

export type Verdict = 'pass' | 'fail' | 'inconclusive';

export interface Decision {
  verdict: Verdict;
  /** True when the analysis has ended; false means "measure again at the next interval". */
  done: boolean;
  /** Which row of the table decided, in words. */
  reason: string;
}

/** The no-data policy that applies to a check: its own, else the analysis-level one. */
export function policyOf(spec: AnalysisSpec, name: string): NoDataPolicy {
  return spec.checks.find((c) => c.name === name)?.noData ?? spec.noData;
}

function names(outcomes: CheckOutcome[]): string {
  return outcomes.map((o) => `'${o.name}'`).join(', ');
}

export function decide(
  spec: AnalysisSpec,
  outcomes: CheckOutcome[],
  elapsedSeconds: number,
  final: boolean,
): Decision {
  // An empty analysis would otherwise pass vacuously after the bake: promotion needs evidence.
  if (spec.checks.length === 0) {
    return { verdict: 'inconclusive', done: true, reason: 'the analysis has no checks; nothing to judge' };
  }
  const criticalFails = outcomes.filter((o) => o.critical && o.status === 'fail');
  if (criticalFails.length > 0) {
    return { verdict: 'fail', done: true, reason: `critical check ${names(criticalFails)} failed` };
  }
  const noData = outcomes.filter((o) => o.noData);
  const rollbackOnMissing = noData.filter((o) => policyOf(spec, o.name) === 'rollback');
  if (rollbackOnMissing.length > 0) {
    return {
      verdict: 'fail',
      done: true,
      reason: `no data for ${names(rollbackOnMissing)} (policy: rollback)`,
    };
  }
  const stopOnMissing = noData.filter((o) => policyOf(spec, o.name) === 'inconclusive');
  if (stopOnMissing.length > 0) {
    return {
      verdict: 'inconclusive',
      done: true,
      reason: `no data for ${names(stopOnMissing)} (policy: inconclusive)`,
    };
  }
  // Under `hold`, a check without fresh data counts as undecided this round.
  const effective = (o: CheckOutcome): CheckStatus => (o.noData ? 'inconclusive' : o.status);
  const open = outcomes.filter((o) => effective(o) === 'inconclusive');
  const failed = outcomes.filter((o) => effective(o) === 'fail');
  if (open.length === 0 && failed.length === 0) {
    if (elapsedSeconds >= spec.minDurationSeconds) {
      return { verdict: 'pass', done: true, reason: 'every check passed' };
    }
    if (!final) {
      return {
        verdict: 'inconclusive',
        done: false,
        reason: `every check passes; baking until ${spec.minDurationSeconds} s (now ${Math.round(elapsedSeconds)} s)`,
      };
    }
  }
  if (open.length === 0 && failed.length > 0) {
    return {
      verdict: 'inconclusive',
      done: true,
      reason: `non-critical check ${names(failed)} failed; not promoting without a human`,
    };
  }
  if (final) {
    return {
      verdict: 'inconclusive',
      done: true,
      reason: `reached ${spec.maxDurationSeconds} s with ${names(open)} undecided`,
    };
  }
  return { verdict: 'inconclusive', done: false, reason: `waiting for ${names(open)}` };
}
