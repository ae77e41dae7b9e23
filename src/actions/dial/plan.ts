// The root action's dry run: dial.yaml resolved with the inputs over it, the plan in the log, the job
// summary and the outputs; nothing touched.
import * as core from '@actions/core';
import { ConfigError } from '../../config/issues.js';
import { loadConfig } from '../../config/load.js';
import { renderPlanMarkdown } from '../../github/summary-plan.js';
import { buildPlan, type Plan } from '../../plan/plan.js';
import { renderPlanText } from '../../plan/render-text.js';
import { inputLabel } from '../common/inputs.js';
import { reportConfigError } from '../common/report.js';
import { readSettings } from './settings.js';

export function setPlanOutputs(plan: Plan): void {
  core.setOutput('valid', 'true');
  core.setOutput('plan', JSON.stringify(plan));
  core.setOutput('profile', plan.profile);
  core.setOutput('service', plan.service);
  core.setOutput('namespace', plan.namespace);
  core.setOutput('steps', plan.steps.map((step) => step.weight).join(','));
}

export async function dryRun(): Promise<void> {
  const settings = readSettings();
  let resolved;
  try {
    resolved = await loadConfig({ ...settings, label: inputLabel });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    core.setOutput('valid', 'false');
    reportConfigError(error);
    process.exitCode = 1;
    return;
  }
  const plan = buildPlan(resolved);
  setPlanOutputs(plan);
  core.info(renderPlanText(plan));
  await core.summary.addRaw(renderPlanMarkdown(plan, 'Dial plan (dry run)')).write();
}
