// The root action's main phase: the dry run, or the whole profile through the engine (engine.rollout;
// a plain deploy for a rolling profile). Before anything is applied it saves, for its post step, which
// release it starts and under which lock identity; once the engine returns, that the rollout ended here.
import * as core from '@actions/core';
import { lockIdentity } from '../../kube/identity.js';
import { buildPlan } from '../../plan/plan.js';
import { InputError, parseBoolean } from '../../settings/inputs.js';
import { runAction } from '../common/run.js';
import { dryRun, setPlanOutputs } from './plan.js';

export async function pipeline(): Promise<void> {
  let dry: boolean;
  try {
    dry = parseBoolean(core.getInput('dry-run'), 'input dry-run', false);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    core.error(error.message, { title: error.input });
    process.exitCode = 1;
    return;
  }
  if (dry) return dryRun();
  await runAction(
    {
      name: 'dial',
      outputs: ['valid', 'result', 'reason', 'release', 'images', 'weights', 'evidence', 'paused'],
      failing: ['rolled-back', 'inconclusive', 'failed'],
    },
    (input) => {
      input.bool('rollback-on-failure', true);
      return {
        target: input.release('rollout'),
        cluster: input.cluster(),
        options: { approve: input.bool('approved', false) },
        failOnRollback: input.bool('fail-on-rollback', true),
      };
    },
    {
      resolved(target) {
        if (target.resolved) setPlanOutputs(buildPlan(target.resolved));
      },
      started(target) {
        core.saveState('release', target.prepared?.release.id ?? '');
        core.saveState('identity', lockIdentity());
        core.saveState('service', target.service);
        core.saveState('namespace', target.namespace);
      },
      finished(outcome) {
        core.saveState('finished', outcome.result);
      },
    },
  );
}
