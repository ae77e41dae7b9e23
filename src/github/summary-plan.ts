// The plan as the job summary: tables for steps and checks, and a mermaid gantt of the schedule with the
// same numbers in a table beside it (GitHub's mermaid lags upstream, so the table is the record).
import { formatDuration } from '../config/duration.js';
import type { Plan } from '../plan/plan.js';

export function renderPlanMarkdown(plan: Plan, title = 'Dial plan'): string {
  const md: string[] = [];
  md.push(`## ${title}: \`${plan.service}\``, '');
  md.push(
    `Profile **${plan.profile}** · ${plan.strategy} · namespace \`${plan.namespace}\` · ${plan.workload.kind}/\`${plan.workload.name}\`` +
      (plan.strategy === 'canary' ? ` · router **${plan.router.type}**` : ''),
    '',
  );
  md.push('### Steps', '', '| # | weight | bake | gate | source |', '|---:|---:|---|---|---|');
  for (const step of plan.steps)
    md.push(
      `| ${step.index} | ${step.weight}% | ${step.bakeSeconds > 0 ? formatDuration(step.bakeSeconds) : plan.strategy === 'canary' ? 'promote' : 'rollout'} | ${step.approval ? `approval: \`${cell(step.approval)}\`` : ''} | ${cell(step.source)} |`,
    );
  if (plan.watchSeconds > 0)
    md.push('', `Post-promotion watch: **${formatDuration(plan.watchSeconds)}** (a failure rolls back).`);
  md.push('', `Minimum duration: **${formatDuration(plan.minimumSeconds)}**.`, '');

  if (plan.strategy === 'canary') md.push(...schedule(plan));
  if (plan.analysis) {
    const a = plan.analysis;
    md.push(
      '### Checks',
      '',
      `Every **${formatDuration(a.intervalSeconds)}**, alpha **${a.alpha}**, no data: **${a.noData}**, provider ${a.provider ? `\`${cell(a.provider.type)}\`` : 'none'}.`,
      '',
      '| check | kind | rule | queries | critical | source |',
      '|---|---|---|---|---|---|',
    );
    for (const c of a.checks)
      md.push(
        `| ${cell(c.name)} | ${c.kind} | ${cell(c.rule)} | ${cell(c.queries)} | ${c.critical ? 'yes' : 'no'} | ${cell(c.source)} |`,
      );
    md.push('');
  }
  if (plan.smoke)
    md.push(`Smoke check: \`GET ${cell(plan.smoke.path)}\` expects ${plan.smoke.expectStatus}.`, '');
  md.push('### What would be applied', '', '| kind | name | change |', '|---|---|---|');
  for (const file of plan.manifests.files)
    md.push(`| manifest | \`${cell(file)}\` | server-side apply in \`${plan.namespace}\` |`);
  for (const image of plan.images)
    md.push(`| image | \`${cell(image.ref ?? image.repository)}\` | container \`${image.name}\` |`);
  for (const o of plan.router.objects) md.push(`| ${o.kind} | \`${cell(o.name)}\` | ${cell(o.change)} |`);
  md.push('');
  md.push(
    `Preview environments: ${plan.preview.enabled ? `**${plan.preview.mode}** per pull request, ttl ${formatDuration(plan.preview.ttlSeconds ?? 0)}` : 'off'}.`,
    '',
  );
  md.push('<details><summary>Sources of every value</summary>', '', '| field | source |', '|---|---|');
  for (const [field, source] of Object.entries(plan.sources))
    md.push(`| \`${cell(field)}\` | ${cell(source)} |`);
  md.push('', '</details>', '');
  return md.join('\n');
}

/** A gantt of bakes, approval gates and the watch, with the same schedule as a table. */
function schedule(plan: Plan): string[] {
  const gantt = ['```mermaid', 'gantt', '  dateFormat X', '  axisFormat %H:%M', '  section rollout'];
  const rows = ['| from | to | what |', '|---:|---:|---|'];
  let at = 0;
  for (const step of plan.steps) {
    if (step.approval) {
      gantt.push(`  approval ${step.approval} :milestone, a${step.index}, ${at}, 0s`);
      rows.push(`| ${formatDuration(at)} | ${formatDuration(at)} | approval \`${cell(step.approval)}\` |`);
    }
    const span = Math.max(step.bakeSeconds, 1);
    const label = step.bakeSeconds > 0 ? `${step.weight}% bake` : `${step.weight}% promote`;
    gantt.push(`  ${label} :s${step.index}, ${at}, ${span}s`);
    rows.push(`| ${formatDuration(at)} | ${formatDuration(at + step.bakeSeconds)} | ${label} |`);
    at += step.bakeSeconds;
  }
  if (plan.watchSeconds > 0) {
    gantt.push(`  watch :w, ${at}, ${plan.watchSeconds}s`);
    rows.push(`| ${formatDuration(at)} | ${formatDuration(at + plan.watchSeconds)} | watch |`);
  }
  gantt.push('```');
  return [
    '### Schedule',
    '',
    '<table><tr><td>',
    '',
    ...gantt,
    '',
    '</td><td>',
    '',
    ...rows,
    '',
    '</td></tr></table>',
    '',
  ];
}

/** Keeps table cells intact: pipes and newlines would break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
