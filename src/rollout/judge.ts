// Analysis between steps: runs the measurement loop (src/analysis) for one step's bake, persisting the
// evidence and the next measurement due after every measurement, and resuming from them, so a rerun
// neither counts a window twice nor forgets what was counted.
import {
  nextDue,
  parseEvidence,
  runAnalysis,
  serializeEvidence,
  type AnalysisResult,
  type AnalysisSpec,
  type Evidence,
} from '../analysis/index.js';
import type { Provider } from '../metrics/provider.js';
import type { Clock } from './ports.js';
import type { StepAnalysis } from './record.js';

export interface StepVerdict {
  verdict: 'pass' | 'fail' | 'inconclusive';
  reason: string;
  analysis: StepAnalysis;
}

export interface StepJudgeInput {
  step: number;
  bakeSeconds: number;
  /** Evidence persisted by an earlier run of this same step. */
  resume?: StepAnalysis;
  /** Persist before the next measurement; a throw stops the analysis. */
  onMeasured: (analysis: StepAnalysis, result: AnalysisResult) => Promise<void>;
  signal?: AbortSignal;
}

/** Judges the canary against the baseline during one step. */
export interface StepJudge {
  judge(input: StepJudgeInput): Promise<StepVerdict>;
}

/** Requests each arm has served, summed over the compare checks' first arm counts (for progress lines). */
export function requestsSeen(evidence: Evidence): { canary: number; baseline: number } {
  for (const check of Object.values(evidence.checks)) {
    if (check.type === 'compare') return { canary: check.canary.total, baseline: check.baseline.total };
  }
  return { canary: 0, baseline: 0 };
}

export function stepAnalysis(step: number, spec: AnalysisSpec, result: AnalysisResult): StepAnalysis {
  return {
    step,
    evidence: serializeEvidence(result.evidence),
    nextDue: nextDue(spec, result.evidence).toISOString(),
    verdict: result.verdict,
    done: result.done,
    reason: result.reason,
    explanation: result.explanation,
    requests: requestsSeen(result.evidence),
  };
}

/** The analysis engine behind a provider, with the spec for a step of a given bake. */
export class ProviderStepJudge implements StepJudge {
  constructor(
    private readonly provider: Provider,
    private readonly specFor: (bakeSeconds: number) => AnalysisSpec,
    private readonly clock: Clock,
  ) {}

  async judge(input: StepJudgeInput): Promise<StepVerdict> {
    const spec = this.specFor(input.bakeSeconds);
    const evidence =
      input.resume !== undefined && input.resume.step === input.step
        ? parseEvidence(input.resume.evidence)
        : undefined;
    let last: StepAnalysis | undefined;
    const result = await runAnalysis(this.provider, spec, this.clock, {
      ...(evidence ? { evidence } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
      onResult: async (r) => {
        last = stepAnalysis(input.step, spec, r);
        await input.onMeasured(last, r);
      },
    });
    return {
      verdict: result.verdict,
      reason: result.reason,
      analysis: last ?? stepAnalysis(input.step, spec, result),
    };
  }
}
