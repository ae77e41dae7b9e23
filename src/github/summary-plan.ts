// The plan as the job summary: tables for steps and checks, and a mermaid gantt of the schedule with the
// same numbers in a table beside it (GitHub's mermaid lags upstream, so the table is the record).
import { formatDuration } from '../config/duration.js';
import type { Plan } from '../plan/plan.js';
import { fitSummary } from './limits.js';
import { withTable, ganttChart, mermaidBlock, type GanttTask } from './mermaid.js';

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
    md.push('', ...builtinQueries(plan));
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
  return fitSummary(md.join('\n'));
}

/** The builtin queries, folded: where they read from, then each check's PromQL per arm. */
function builtinQueries(plan: Plan): string[] {
  const b = plan.analysis?.builtin;
  if (!plan.analysis || !b) return [];
  if ('unavailable' in b) return [`No builtin queries: ${b.unavailable}.`, ''];
  const md = [
    `<details><summary>Builtin queries: <b>${b.source}</b> (${b.chosenBy}), namespace <code>${b.namespace}</code>, canary <code>${b.canary}</code>, baseline <code>${b.baseline}</code></summary>`,
    '',
    `Prometheus scrapes every ${formatDuration(b.scrapeIntervalSeconds)}, so the interval must be at least ${formatDuration(b.minIntervalSeconds)}.${b.problem ? ` **Problem:** ${b.problem}.` : ''}`,
    '',
  ];
  for (const check of plan.analysis.checks) {
    const q = check.builtin;
    if (!q) continue;
    md.push(`**${check.name}** — ${q.problem ? `cannot be counted: ${q.problem}` : q.counts}`, '');
    for (const note of q.notes) md.push(`> ${note}`, '');
    const lines: string[] = [];
    for (const [arm, queries] of [
      ['canary', q.canary],
      ['baseline', q.baseline],
    ] as const)
      if (queries) lines.push(`# ${arm} requests`, queries.total, `# ${arm} bad`, queries.bad);
    if (lines.length > 0) md.push('```promql', ...lines, '```', '');
  }
  md.push('</details>', '');
  return md;
}

/**
 * A gantt of bakes, approval gates and the watch, with the same schedule as a table. Built by mermaid.ts
 * with the conventions every mermaid version draws alike (local clock times from a fixed midnight,
 * durations in seconds, `%` written as an entity so `5% bake` is not taken for a comment).
 */
function schedule(plan: Plan): string[] {
  const tasks: GanttTask[] = [];
  const rows = ['| from | to | what |', '|---:|---:|---|'];
  let at = 0;
  for (const step of plan.steps) {
    if (step.approval) {
      tasks.push({
        label: `approval ${step.approval}`,
        startSeconds: at,
        durationSeconds: 0,
        milestone: true,
      });
      rows.push(`| ${formatDuration(at)} | ${formatDuration(at)} | approval \`${cell(step.approval)}\` |`);
    }
    if (step.bakeSeconds > 0) {
      const label = `${step.weight}% bake`;
      tasks.push({ label, startSeconds: at, durationSeconds: step.bakeSeconds });
      rows.push(`| ${formatDuration(at)} | ${formatDuration(at + step.bakeSeconds)} | ${label} |`);
    } else {
      // No bake: the step is an instant (promotion, or a weight set and left at once).
      const label = `${step.weight}% ${plan.steps.at(-1) === step ? 'promote' : 'set'}`;
      tasks.push({ label, startSeconds: at, durationSeconds: 0, milestone: true });
      rows.push(`| ${formatDuration(at)} | ${formatDuration(at)} | ${label} |`);
    }
    at += step.bakeSeconds;
  }
  if (plan.watchSeconds > 0) {
    tasks.push({ label: 'watch', startSeconds: at, durationSeconds: plan.watchSeconds });
    rows.push(`| ${formatDuration(at)} | ${formatDuration(at + plan.watchSeconds)} | watch |`);
  }
  return ['### Schedule', '', ...withTable(mermaidBlock(ganttChart([{ name: 'rollout', tasks }])), rows)];
}

/** Keeps table cells intact: pipes and newlines would break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
