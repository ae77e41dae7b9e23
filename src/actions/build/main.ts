// Build action: build and push the images of dial.yaml, tagged with the content hash of their contexts,
// skipping those the registry already has. Inputs are checked first; the engine is loaded only then.
import * as core from '@actions/core';
import { ConfigError } from '../../config/issues.js';
import { actionLog, reportConfigIssues, reportInputProblems, writeOutputs } from './report.js';
import { readSettings } from './settings.js';

async function run(): Promise<void> {
  const read = readSettings();
  if ('problems' in read) {
    reportInputProblems(read.problems);
    process.exitCode = 1;
    return;
  }
  const { buildImages } = await import('../../build/engine.js');
  const { renderBuildSummary } = await import('../../build/summary.js');
  let report;
  try {
    report = await buildImages(read.settings, actionLog);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    reportConfigIssues(error.issues);
    process.exitCode = 1;
    return;
  }
  writeOutputs(report);
  await core.summary.addRaw(renderBuildSummary(report)).write();
  const built = report.results.filter((r) => r.status !== 'skipped').length;
  core.info(`${built} image(s) built, ${report.results.length - built} already in the registry.`);
  if (report.failure) {
    core.error(report.failure.message, { title: `dial build: ${report.failure.image}` });
    process.exitCode = 1;
  }
}

run().catch((error: unknown) => {
  core.setFailed(error instanceof Error ? error.message : String(error));
});
