// `dial status` as text: what a person asks first — is something in progress, at which step and weight,
// with which images, what the analysis says, who holds the lock, and what ran before.
import type { LockHolder } from '../rollout/ports.js';
import type { RolloutRecord } from '../rollout/record.js';

export function renderStatus(
  record: RolloutRecord | undefined,
  holder: LockHolder | undefined,
  namespace: string,
): string {
  if (!record) return `no rollout recorded in namespace ${namespace}\n`;
  const lines = [
    `${record.service} in ${record.namespace} (Deployment/${record.workload.name}, router ${record.router})`,
  ];
  lines.push(`  phase     ${record.phase}`);
  const current = record.current;
  if (current) {
    const total = current.steps.length;
    lines.push(`  release   ${current.id}, started ${current.startedAt} by ${current.startedBy}`);
    lines.push(
      `  images    ${
        Object.entries(current.images)
          .map(([n, r]) => `${n}=${r}`)
          .join(', ') || '(as in the manifests)'
      }`,
    );
    lines.push(
      `  step      ${Math.min(current.step + 1, Math.max(total, 1))}${total > 0 ? `/${total}` : ''}, weight ${current.weight.requested}% (effective ${current.weight.effective}%)`,
    );
    for (const log of current.stepLog)
      lines.push(
        `    step ${log.step + 1}: ${log.weight}% (effective ${log.effectiveWeight}%) from ${log.startedAt}` +
          (log.verdict ? ` — ${log.verdict}${log.reason ? `: ${log.reason}` : ''}` : ''),
      );
    if (current.analysis) {
      const a = current.analysis;
      lines.push(
        `  analysis  ${a.verdict ?? 'running'}${a.reason ? ` — ${a.reason}` : ''}` +
          (a.requests ? ` (canary ${a.requests.canary} req, baseline ${a.requests.baseline} req)` : '') +
          `; next measurement ${a.nextDue}`,
      );
    }
    if (current.decision) lines.push(`  decision  ${current.decision.action}: ${current.decision.reason}`);
  }
  lines.push(`  lock      ${holder ? `held by ${holder.identity} until ${holder.expiresAt}` : 'free'}`);
  if (record.history.length > 0) {
    lines.push('  history');
    for (const h of record.history)
      lines.push(`    ${h.finishedAt}  ${h.result.padEnd(11)} ${h.id}${h.reason ? ` — ${h.reason}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
