// Root action: resolve dial.yaml with the inputs over it and show the plan. Only the dry run exists in
// this version; a real rollout is refused before anything is touched.
import * as core from '@actions/core';
import { ConfigError, formatPath } from '../../config/issues.js';
import { loadConfig } from '../../config/load.js';
import { renderPlanMarkdown } from '../../github/summary-plan.js';
import { buildPlan } from '../../plan/plan.js';
import { renderPlanText } from '../../plan/render-text.js';
import { readSettings } from './settings.js';

async function run(): Promise<void> {
  const settings = readSettings();
  let resolved;
  try {
    resolved = await loadConfig({
      ...settings,
      label: (name) => `input ${name === 'images' ? 'image' : name}`,
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    core.setOutput('valid', 'false');
    for (const issue of error.issues) {
      const field = formatPath(issue.path);
      if (issue.origin.kind === 'file') {
        const { file, line, col } = issue.origin;
        core.error(issue.message, { file, startLine: line, startColumn: col, title: `${file}: ${field}` });
      } else core.error(`${field}: ${issue.message}`, { title: `${issue.origin.name}` });
    }
    core.info(`${error.issues.length} problem(s) in the configuration; nothing was done.`);
    process.exitCode = 1;
    return;
  }
  const plan = buildPlan(resolved);
  core.setOutput('valid', 'true');
  core.setOutput('plan', JSON.stringify(plan));
  core.setOutput('profile', plan.profile);
  core.setOutput('service', plan.service);
  core.setOutput('namespace', plan.namespace);
  core.setOutput('steps', plan.steps.map((step) => step.weight).join(','));
  core.info(renderPlanText(plan));
  await core.summary
    .addRaw(renderPlanMarkdown(plan, settings.dryRun ? 'Dial plan (dry run)' : 'Dial plan'))
    .write();
  if (!settings.dryRun) {
    core.error(
      'dry-run: false asks for a real rollout, but the rollout engine is not in this version of the root action. Nothing was applied. Set dry-run: true to get the plan.',
      { title: 'dial: rollout not available' },
    );
    process.exitCode = 1;
  }
}

run().catch((error: unknown) => {
  core.setFailed(error instanceof Error ? error.message : String(error));
});
