// A command's outcome as the job summary: the result and why, the steps (weight, effective weight,
// duration, verdict), the last analysis with its explanation, and the images. Reviewers of a gated
// environment see nothing but what the run shows, so the evidence is here, in plain tables.
import { formatDuration } from '../../config/duration.js';
import type { Outcome } from '../../rollout/engine.js';
import type { CurrentRelease } from '../../rollout/record.js';
import type { Target } from '../../settings/target.js';
import { evidenceOf, releaseOf, weightsOf } from './outputs.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function seconds(from: string, to: string | undefined): string {
  if (to === undefined) return 'running';
  return formatDuration(Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)));
}

function stepsTable(release: CurrentRelease): string[] {
  const total = release.steps.length;
  const rows = release.steps.map((plan, i) => {
    const log = release.stepLog.find((entry) => entry.step === i);
    const gate = plan.approval ? ` (approval \`${cell(plan.approval)}\`)` : '';
    if (!log) {
      const last = i === total - 1 && plan.weight >= 100;
      return `| ${i + 1}/${total} | ${plan.weight}%${gate} | — | — | ${last ? 'promotion' : 'not reached'} | |`;
    }
    // A step the canary action left for the next weight without a verdict of the engine's own.
    const next = release.stepLog.find((entry) => entry.step === i + 1);
    const left = log.finishedAt === undefined && next !== undefined;
    const end = log.finishedAt ?? (left ? next.startedAt : undefined);
    const verdict = log.verdict ?? (left ? '—' : 'running');
    const reason = log.reason ?? (left ? `moved on to ${next.weight}%` : '');
    return `| ${i + 1}/${total} | ${log.weight}%${gate} | ${log.effectiveWeight}% | ${seconds(log.startedAt, end)} | ${verdict} | ${cell(reason)} |`;
  });
  return [
    '| step | weight | effective weight | duration | verdict | reason |',
    '|---|---:|---:|---:|---|---|',
    ...rows,
    '',
  ];
}

/** Markdown for the step summary of `action` (e.g. `canary`, `dial`). */
export function renderOutcome(action: string, outcome: Outcome, target: Target): string {
  const md: string[] = [];
  const release = releaseOf(outcome, target);
  md.push(`## Dial ${action}: **${outcome.result}** — \`${target.service}\` in \`${target.namespace}\``, '');
  md.push(cell(outcome.reason), '');
  const w = weightsOf(outcome);
  md.push(
    `Release \`${release.id || '—'}\` · canary **${w.canary}%** (asked ${w.requested}%) · stable **${w.stable}%**`,
    '',
  );
  if (outcome.result === 'paused') {
    const current = outcome.record.current;
    const step = current?.steps[current.step];
    if (step?.approval)
      md.push(
        `Waiting before step ${current!.step + 1} (${step.weight}%) for the approval of environment \`${cell(step.approval)}\`: ` +
          `a job with \`environment: ${cell(step.approval)}\` running this action again with \`approved: true\` continues from here.`,
        '',
      );
  }
  if (outcome.release && outcome.release.steps.length > 0)
    md.push('### Steps', '', ...stepsTable(outcome.release));
  const evidence = evidenceOf(outcome.analysis);
  if (evidence) {
    const watch = outcome.release === undefined || evidence.step >= outcome.release.steps.length;
    md.push(
      `### ${watch ? 'Watch after promotion' : `Analysis at step ${evidence.step + 1}`}: ${evidence.verdict}`,
      '',
      `${cell(evidence.reason)} · ${evidence.measurements} measurement(s) · canary ${Math.round(evidence.requests.canary)} requests, baseline ${Math.round(evidence.requests.baseline)} requests`,
      '',
    );
    if (evidence.explanation) md.push('```text', evidence.explanation.replace(/```/g, "'''"), '```', '');
  }
  const images = Object.entries(release.images);
  if (images.length > 0) {
    md.push('### Images', '', '| image | reference |', '|---|---|');
    for (const [name, ref] of images) md.push(`| ${cell(name)} | \`${cell(ref)}\` |`);
    md.push('');
  }
  return md.join('\n');
}
