// Human explanation of an analysis result: the verdict and its reason first, then one line per check
// with its numbers, test and threshold. Plain text so it fits logs, annotations and job summaries.

import type { CheckOutcome } from './outcome.js';
import type { Decision } from './truth-table.js';

const HEADLINE: Record<Decision['verdict'], string> = {
  pass: 'PASS — promote',
  fail: 'FAIL — roll back',
  inconclusive: 'INCONCLUSIVE',
};

export function explain(
  result: Decision & { checks: CheckOutcome[]; elapsedSeconds: number; evidence: { measurements: number } },
): string {
  const minutes = (result.elapsedSeconds / 60).toFixed(1);
  const state = result.done ? HEADLINE[result.verdict] : 'RUNNING';
  const lines = [
    `Analysis ${state} after ${minutes} min, ${result.evidence.measurements} measurements: ${result.reason}.`,
  ];
  for (const o of result.checks) {
    const tag = `${o.type}${o.critical ? ', critical' : ''}${o.noData ? ', no data in last window' : ''}`;
    lines.push(`- ${o.name} [${tag}]: ${o.status.toUpperCase()} — ${o.detail}`);
  }
  return lines.join('\n');
}
