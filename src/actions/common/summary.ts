// A command's outcome as the job summary, through the one rollout renderer (src/github/summary-rollout.ts:
// steps, checks with their numbers, charts with tables beside them, images, the approval gate). Reviewers
// of a gated environment see nothing but what the run shows, so the evidence is all there.
import { readRunContext } from '../../github/context.js';
import {
  renderRolloutSummary,
  rolloutSummaryInput,
  type RolloutResult,
  type RolloutSummaryInput,
} from '../../github/summary-rollout.js';
import type { Outcome } from '../../rollout/engine.js';
import type { RolloutCommand, Target } from '../../settings/target.js';
import { releaseOf, weightsOf } from './outputs.js';

/** The run's page, for the summary's link; none when the event payload cannot be read. */
function runLink(): string {
  try {
    return readRunContext().runUrl;
  } catch {
    return '';
  }
}

/** The summary's result: analyze's verdicts (passed, failed) leave the rollout in progress. */
function resultOf(outcome: Outcome, command: RolloutCommand | 'post'): RolloutResult | undefined {
  if (command === 'analyze' || outcome.result === 'passed') return undefined;
  return outcome.result;
}

export function summaryInput(
  outcome: Outcome,
  target: Pick<Target, 'service' | 'namespace' | 'prepared'>,
  command: RolloutCommand | 'post',
): RolloutSummaryInput {
  const runUrl = runLink();
  const result = resultOf(outcome, command);
  if (outcome.release) {
    // The command's last analysis: a step's is judged again from its evidence (a finished step's is no
    // longer on the release); the watch after promotion judged other checks, so its explanation is shown.
    const last = outcome.analysis;
    const watch = last !== undefined && last.step >= outcome.release.steps.length;
    return rolloutSummaryInput(outcome.record, {
      release: last && !watch ? { ...outcome.release, analysis: last } : outcome.release,
      reason: outcome.reason,
      ...(watch && last.explanation ? { analysis: { checks: [], explanation: last.explanation } } : {}),
      ...(result ? { result } : {}),
      ...(runUrl ? { runUrl } : {}),
    });
  }
  // A plain deploy or a return to the release before: no canary, so no steps to show.
  const release = releaseOf(outcome, { ...target, warnings: [] });
  return {
    service: target.service,
    namespace: target.namespace,
    release: release.id || '—',
    images: release.images,
    result: result ?? 'progressing',
    reason: outcome.reason,
    steps: [],
    weights: weightsOf(outcome),
    router: outcome.record.router,
    ...(runUrl ? { runUrl } : {}),
  };
}

/** Markdown for the step summary, within GitHub's 1 MiB. */
export function renderSummary(
  outcome: Outcome,
  target: Pick<Target, 'service' | 'namespace' | 'prepared'>,
  command: RolloutCommand | 'post',
): string {
  return renderRolloutSummary(summaryInput(outcome, target, command));
}
