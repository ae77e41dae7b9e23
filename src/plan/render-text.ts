// The plan as plain text for a terminal or the job log: aligned columns, one fact per line.
import { formatDuration } from '../config/duration.js';
import type { Plan } from './plan.js';

export function renderPlanText(plan: Plan): string {
  const out: string[] = [];
  const field = (label: string, value: string) => out.push(`  ${label.padEnd(12)} ${value}`);
  out.push(`Plan for ${plan.service} (profile ${plan.profile}, ${plan.strategy})`, '');
  field('namespace', `${plan.namespace}  [${plan.sources.namespace ?? 'default'}]`);
  field('workload', `${plan.workload.kind}/${plan.workload.name}`);
  field(
    'router',
    plan.strategy === 'canary' ? `${plan.router.type} (port ${plan.router.port})` : 'none (rolling update)',
  );
  for (const image of plan.images)
    field('image', `${image.name}: ${image.ref ?? `${image.repository}:<built from ${image.context}>`}`);
  plan.manifests.files.forEach((file, i) => field(i === 0 ? 'manifests' : '', file));
  out.push('');

  out.push('Steps');
  out.push(
    table(
      ['#', 'weight', 'bake', 'gate', 'source'],
      plan.steps.map((step) => [
        String(step.index),
        `${step.weight}%`,
        step.bakeSeconds > 0
          ? formatDuration(step.bakeSeconds)
          : plan.strategy === 'canary'
            ? 'promote'
            : 'rollout',
        step.approval ? `approval: ${step.approval}` : '',
        step.source,
      ]),
    ),
  );
  if (plan.watchSeconds > 0)
    out.push(`  then watch ${formatDuration(plan.watchSeconds)} after promotion; a failure rolls back`);
  out.push(
    `  progress deadline ${formatDuration(plan.progressDeadlineSeconds)} per rollout; minimum duration ${formatDuration(plan.minimumSeconds)}`,
  );
  out.push('');

  if (plan.analysis) {
    const a = plan.analysis;
    out.push(
      `Analysis  every ${formatDuration(a.intervalSeconds)}, alpha ${a.alpha}, no data: ${a.noData}, provider ${a.provider ? `${a.provider.type}${a.provider.url ? ` ${a.provider.url}` : ''}` : 'none'}`,
    );
    out.push(
      table(
        ['check', 'kind', 'rule', 'queries', 'source'],
        a.checks.map((check) => [check.name, check.kind, check.rule, check.queries, check.source]),
      ),
    );
    out.push(...builtinLines(plan));
    out.push('');
  }
  if (plan.smoke)
    out.push(
      `Smoke check  GET ${plan.smoke.path} expects ${plan.smoke.expectStatus} within ${formatDuration(plan.smoke.timeoutSeconds)}`,
      '',
    );
  if (plan.router.objects.length > 0) {
    out.push('Objects changed');
    out.push(
      table(
        ['kind', 'name', 'change'],
        plan.router.objects.map((o) => [o.kind, o.name, o.change]),
      ),
    );
    out.push('');
  }
  for (const [when, hooks] of Object.entries(plan.hooks))
    if (hooks.length > 0) out.push(`Hooks ${when}: ${hooks.join(', ')}`);
  out.push(
    plan.preview.enabled
      ? `Preview  ${plan.preview.mode} per pull request, ttl ${formatDuration(plan.preview.ttlSeconds ?? 0)}, idle ${formatDuration(plan.preview.idleTimeoutSeconds ?? 0)}${plan.preview.host ? `, host ${plan.preview.host}` : ''}`
      : 'Preview  off',
  );
  return out.join('\n');
}

/**
 * Where the builtin queries read from and a line per check naming what it counts; the query text itself
 * is in `dial plan --json` (analysis.checks[].builtin).
 */
function builtinLines(plan: Plan): string[] {
  const a = plan.analysis;
  const b = a?.builtin;
  if (!a || !b) return [];
  if ('unavailable' in b) return [`  no builtin queries: ${b.unavailable}`];
  const out = [
    `  builtin queries: ${b.source} (${b.chosenBy}) in namespace ${b.namespace}, canary ${b.canary}, baseline ${b.baseline}`,
    `    scraped every ${formatDuration(b.scrapeIntervalSeconds)}: needs an interval of at least ${formatDuration(b.minIntervalSeconds)}`,
  ];
  const checks = a.checks.filter((check) => check.builtin !== undefined);
  const width = Math.max(0, ...checks.map((check) => check.name.length));
  for (const check of checks) {
    const q = check.builtin;
    if (!q) continue;
    out.push(
      `    ${check.name.padEnd(width)}  ${q.source} ${q.problem ? `cannot count it: ${q.problem}` : q.counts}`,
    );
    for (const note of q.notes) out.push(`    ${''.padEnd(width)}  note: ${note}`);
  }
  if (b.problem) out.push(`  problem: ${b.problem}`);
  return out;
}

/** Left-aligned columns, two spaces apart, indented by two. */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
