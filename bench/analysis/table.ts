// The readable output: one markdown row per scenario, one cell per engine with
// "rollback % · median time to detect · median excess failed requests".

import type { ScenarioRun } from './run.js';
import type { TargetCheck } from './targets.js';

function cell(r: ScenarioRun | undefined): string {
  if (r === undefined) return '';
  const x = r.result;
  const ttd = x.ttdMedianMin === null ? '–' : `${x.ttdMedianMin} m`;
  return `${(100 * x.rollbackRate).toFixed(1)} % · ${ttd} · ${x.excessFailedMedian}`;
}

export function renderTable(runs: ScenarioRun[], engines: readonly string[]): string {
  const scenarios = [...new Set(runs.map((r) => r.result.scenario))];
  const lines = [
    `| scenario | bad | ${engines.join(' | ')} |`,
    `|---|---|${engines.map(() => '---').join('|')}|`,
  ];
  for (const name of scenarios) {
    const row = runs.filter((r) => r.result.scenario === name);
    const bad = row[0]?.bad ? 'yes' : 'no';
    lines.push(
      `| ${name} | ${bad} | ${engines.map((e) => cell(row.find((r) => r.result.engine === e))).join(' | ')} |`,
    );
  }
  lines.push('', 'Cells: rollback rate · median time to rollback · median excess failed canary requests.');
  return lines.join('\n');
}

export function renderTargets(checks: TargetCheck[]): string {
  return checks.map((c) => `${c.met ? 'MET    ' : 'NOT MET'}  ${c.target} — ${c.measured}`).join('\n');
}
