// The pure analysis step: (spec, previous evidence, new measurements, now) → (evidence, verdict,
// explanation). No I/O and no clock of its own, so the action, the CLI, the benchmark and the tests all
// run the same code; the measurement loop (loop.ts) feeds it.

import { newBurnRateEvidence, judgeBurnRate, updateBurnRate } from './burn-rate-judge.js';
import { judgeCompare, newCompareEvidence, regressionRatio, updateCompare } from './compare-judge.js';
import { newEvidence, type CheckEvidence, type Evidence } from './evidence.js';
import { explain } from './explain.js';
import type { CheckSample, Measurement } from './measurement.js';
import type { CheckOutcome, JudgeContext } from './outcome.js';
import type { AnalysisSpec, CheckSpec } from './spec.js';
import { judgeThreshold, newThresholdEvidence, updateThreshold } from './threshold-judge.js';
import { decide, type Verdict } from './truth-table.js';

export interface AnalysisResult {
  evidence: Evidence;
  verdict: Verdict;
  done: boolean;
  /** Why the whole analysis stands where it does (the truth-table row). */
  reason: string;
  checks: CheckOutcome[];
  elapsedSeconds: number;
  /** Measurements skipped because their window was already counted (a resume replaying a window). */
  ignoredWindows: number;
  /** Multi-line human explanation for logs and job summaries. */
  explanation: string;
}

function freshEvidence(check: CheckSpec): CheckEvidence {
  switch (check.type) {
    case 'threshold':
      return newThresholdEvidence();
    case 'compare':
      return newCompareEvidence(check);
    case 'burn-rate':
      return newBurnRateEvidence();
  }
}

/**
 * Evidence of the right kind for the check. A check whose type, or (compare) whose tested ratios, changed
 * since the last run starts over: continuing would test other hypotheses than the explanation names.
 */
function evidenceFor(check: CheckSpec, evidence: Evidence): CheckEvidence {
  const existing = evidence.checks[check.name];
  if (existing?.type !== check.type) return freshEvidence(check);
  if (
    check.type === 'compare' &&
    existing.type === 'compare' &&
    (existing.regression.nullRatio !== check.tolerance ||
      existing.futility.nullRatio !== regressionRatio(check))
  ) {
    return freshEvidence(check);
  }
  return existing;
}

function update(
  check: CheckSpec,
  ev: CheckEvidence,
  sample: CheckSample | undefined,
  m: Measurement,
): CheckEvidence {
  const matching = sample?.type === check.type ? sample : undefined;
  if (check.type === 'threshold' && ev.type === 'threshold') {
    return updateThreshold(check, ev, matching?.type === 'threshold' ? matching.value : undefined);
  }
  if (check.type === 'compare' && ev.type === 'compare') {
    return matching?.type === 'compare'
      ? updateCompare(ev, matching.canary, matching.baseline)
      : updateCompare(ev, undefined, undefined);
  }
  if (check.type === 'burn-rate' && ev.type === 'burn-rate') {
    return updateBurnRate(check, ev, matching?.type === 'burn-rate' ? matching.canary : undefined, m.window);
  }
  return ev;
}

function judge(check: CheckSpec, ev: CheckEvidence, ctx: JudgeContext): CheckOutcome {
  if (check.type === 'threshold' && ev.type === 'threshold') return judgeThreshold(check, ev, ctx);
  if (check.type === 'compare' && ev.type === 'compare') return judgeCompare(check, ev, ctx);
  if (check.type === 'burn-rate' && ev.type === 'burn-rate') return judgeBurnRate(check, ev, ctx);
  throw new Error(`check '${check.name}': evidence type ${ev.type} does not match ${check.type}`);
}

/**
 * Folds new measurements into the evidence and judges. `previous` null starts a new analysis at the
 * first window's start (or `now`). A measurement whose window starts before the last counted window end
 * is ignored whole: counts are increments and cannot be split, so counting nothing twice wins over
 * counting a partial window (the loop always asks from lastWindowEnd, so this only drops replays).
 */
export function analyze(
  spec: AnalysisSpec,
  previous: Evidence | null,
  measurements: Measurement[],
  now: Date,
): AnalysisResult {
  const ordered = [...measurements].sort((a, b) => a.window.end.getTime() - b.window.end.getTime());
  let evidence = previous ?? newEvidence(ordered[0]?.window.start ?? now);
  let ignoredWindows = 0;
  for (const m of ordered) {
    const lastEnd = evidence.lastWindowEnd === null ? null : Date.parse(evidence.lastWindowEnd);
    if ((lastEnd !== null && m.window.start.getTime() < lastEnd) || m.window.end <= m.window.start) {
      ignoredWindows++;
      continue;
    }
    const checks: Record<string, CheckEvidence> = {};
    for (const check of spec.checks) {
      checks[check.name] = update(check, evidenceFor(check, evidence), m.samples[check.name], m);
    }
    evidence = {
      ...evidence,
      lastWindowEnd: m.window.end.toISOString(),
      measurements: evidence.measurements + 1,
      checks,
    };
  }
  const elapsedSeconds = (now.getTime() - Date.parse(evidence.startedAt)) / 1000;
  const final = elapsedSeconds >= spec.maxDurationSeconds;
  const ctx: JudgeContext = { now, final };
  const outcomes = spec.checks.map((check) => judge(check, evidenceFor(check, evidence), ctx));
  const decision = decide(spec, outcomes, elapsedSeconds, final);
  const result = { evidence, ...decision, checks: outcomes, elapsedSeconds, ignoredWindows };
  return { ...result, explanation: explain(result) };
}
