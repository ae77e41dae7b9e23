// The root action's post step: when the job failed or was cancelled while this job's rollout was
// half-way, roll it back. Only a rollout this job started is touched: the release id and lock identity
// saved by the main phase must still be the record's current release and its starter, and a release
// waiting at an approval gate is left for the approved job to continue. Input rollback-on-failure: false
// turns it off. The GitHub deployment the main step recorded gets the rollback (failure).
import * as core from '@actions/core';
import { loadKubeConfig } from '../../kube/client.js';
import { openService } from '../../rollout/open.js';
import { LockHeldError } from '../../rollout/ports.js';
import { parseBoolean } from '../../settings/inputs.js';
import { finishSaved } from '../common/github-deployment.js';
import { InputReader } from '../common/inputs.js';
import { GroupedReporter } from '../common/reporter.js';
import { renderSummary } from '../common/summary.js';

export async function post(): Promise<void> {
  const release = core.getState('release');
  try {
    await cleanUp(release);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    core.setFailed(
      `dial post: could not roll back release ${release}: ${message}; finish it with the rollback action (service and namespace)`,
    );
  }
}

async function cleanUp(release: string): Promise<void> {
  const finished = core.getState('finished');
  if (release === '') return core.info('dial post: this job started no rollout; nothing to clean up');
  if (finished !== '')
    return core.info(`dial post: release ${release} ended in this job (${finished}); nothing to clean up`);
  if (!parseBoolean(core.getInput('rollback-on-failure'), 'input rollback-on-failure', true))
    return core.info(`dial post: rollback-on-failure is false; release ${release} is left as it is`);
  const [service, namespace, identity] = ['service', 'namespace', 'identity'].map((k) => core.getState(k));
  const input = new InputReader();
  const cluster = input.cluster();
  const github = input.github();
  const reporter = new GroupedReporter();
  const opened = await openService({
    kc: loadKubeConfig(cluster),
    service: service!,
    namespace: namespace!,
    reporter,
    analysis: 'none',
  });
  let outcome;
  try {
    outcome = await opened.engine.abandon(
      release,
      identity!,
      `the job stopped before release ${release} finished (failed or cancelled); rolled back by the post step`,
    );
  } catch (error) {
    // Another run holds the service's lock: the rollout is in its hands now, never ours to touch.
    if (!(error instanceof LockHeldError)) throw error;
    return core.info(`dial post: ${error.message}; release ${release} is left as it is`);
  } finally {
    reporter.close();
  }
  if (!outcome)
    return core.info(
      `dial post: release ${release} is not in progress under this run any more (finished, waiting at an approval gate, or started by another run); left as it is`,
    );
  core.warning(`${outcome.result}: ${outcome.reason}`, { title: 'dial post: rolled back' });
  await finishSaved(github, outcome, core.getState('github-deployment'));
  await core.summary
    .addRaw(renderSummary(outcome, { service: service!, namespace: namespace! }, 'post'))
    .write();
}
