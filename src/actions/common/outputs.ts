// A command's outcome as the actions' outputs: `result`, `reason`, the release and its images, the final
// weights and the last analysis as JSON, so a later step or job can read them with fromJSON().
import type { CheckEvidence, Evidence } from '../../analysis/evidence.js';
import type { Outcome } from '../../rollout/engine.js';
import type { StepAnalysis } from '../../rollout/record.js';
import type { Target } from '../../settings/target.js';

export type OutputName =
  | 'result'
  | 'reason'
  | 'release'
  | 'images'
  | 'weights'
  | 'evidence'
  | 'service'
  | 'namespace'
  | 'paused'
  | 'valid';

export interface Weights {
  /** Percent of requests the canary serves (what the router achieved). */
  canary: number;
  /** Percent asked for. */
  requested: number;
  /** Everything else: the stable release (its baseline pods included). */
  stable: number;
}

export interface EvidenceOutput {
  /** Index of the step judged (0-based); the number of steps for the watch after promotion. */
  step: number;
  verdict: string;
  reason: string;
  explanation: string;
  requests: { canary: number; baseline: number };
  measurements: number;
  startedAt: string;
  lastWindowEnd: string | null;
  /** Per check: counts per arm, the tests' state, or the last value and failures. */
  checks: Record<string, CheckEvidence>;
}

export function weightsOf(outcome: Outcome): Weights {
  const current = outcome.record.current;
  if (!current) return { canary: 0, requested: 0, stable: 100 };
  const canary = current.weight.effective;
  return { canary, requested: current.weight.requested, stable: Math.round((100 - canary) * 10) / 10 };
}

export function evidenceOf(analysis: StepAnalysis | undefined): EvidenceOutput | undefined {
  if (!analysis) return undefined;
  // Read as written (the engine checked it when it measured); no validator is loaded for an output.
  let parsed: Partial<Evidence> | undefined;
  try {
    parsed = JSON.parse(analysis.evidence) as Partial<Evidence>;
  } catch {
    parsed = undefined;
  }
  return {
    step: analysis.step,
    verdict: analysis.verdict ?? 'inconclusive',
    reason: analysis.reason ?? '',
    explanation: analysis.explanation ?? '',
    requests: analysis.requests ?? { canary: 0, baseline: 0 },
    measurements: parsed?.measurements ?? 0,
    startedAt: parsed?.startedAt ?? '',
    lastWindowEnd: parsed?.lastWindowEnd ?? null,
    checks: parsed?.checks ?? {},
  };
}

/** The release acted on: the one in progress or just finished, else the one deployed, else the stable. */
export function releaseOf(outcome: Outcome, target: Target): { id: string; images: Record<string, string> } {
  if (outcome.release) return { id: outcome.release.id, images: outcome.release.images };
  if (target.prepared) return { id: target.prepared.release.id, images: target.prepared.release.images };
  const last = outcome.record.history[0];
  return { id: last?.id ?? '', images: last?.images ?? {} };
}

export function outputValues(outcome: Outcome, target: Target): Record<OutputName, string> {
  const release = releaseOf(outcome, target);
  return {
    result: outcome.result,
    reason: outcome.reason,
    release: release.id,
    images: JSON.stringify(release.images),
    weights: JSON.stringify(weightsOf(outcome)),
    evidence: JSON.stringify(evidenceOf(outcome.analysis) ?? {}),
    service: target.service,
    namespace: target.namespace,
    paused: String(outcome.result === 'paused'),
    valid: 'true',
  };
}
