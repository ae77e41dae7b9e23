// What every Dial action does around one engine command: inputs checked (all problems at once, nothing
// applied), dial.yaml resolved, secrets masked, the cluster opened, the command run with its log grouped
// per step, then outputs, job summary and exit status. The entry points only say which inputs they read.
import * as core from '@actions/core';
import { ConfigError } from '../../config/issues.js';
import { loadKubeConfig } from '../../kube/client.js';
import type { Outcome, OutcomeResult } from '../../rollout/engine.js';
import {
  openTarget,
  ReleaseProblems,
  resolveTarget,
  runCommand,
  type CommandOptions,
  type Target,
  type TargetRequest,
} from '../../settings/target.js';
import { DeploymentTap, RolloutDeployment, rolloutIdentity } from './github-deployment.js';
import { InputReader, reportInputProblems, type ClusterSettings } from './inputs.js';
import { outputValues, type OutputName } from './outputs.js';
import { GroupedReporter } from './reporter.js';
import { reportConfigError } from './report.js';
import { maskProviderSecrets } from './secrets.js';
import { renderSummary } from './summary.js';

/** Also here for entry points that import it with runAction. */
export { reportConfigError } from './report.js';

export interface ActionSpec {
  /** As the summary and messages name it: `canary`, `dial`. */
  name: string;
  /** The outputs its action.yml declares. */
  outputs: readonly OutputName[];
  /** Results that fail the step, unless the input fail-on-rollback is false. */
  failing: readonly OutcomeResult[];
}

export interface ActionSettings {
  target: TargetRequest;
  cluster: ClusterSettings;
  options: CommandOptions;
  failOnRollback: boolean;
}

export interface ActionHooks {
  /** dial.yaml is resolved; no cluster yet (the root action: its plan outputs). */
  resolved?(target: Target): void;
  /** The cluster is open and nothing is applied yet (the root action: what its post step needs). */
  started?(target: Target): void;
  /** The command finished with an outcome (the root action: tells its post step). */
  finished?(outcome: Outcome): void;
}

export async function runAction(
  spec: ActionSpec,
  read: (input: InputReader) => ActionSettings,
  hooks: ActionHooks = {},
): Promise<void> {
  const input = new InputReader();
  const settings = read(input);
  const github = input.github();
  if (reportInputProblems(input)) return fail();
  const reporter = new GroupedReporter();
  const tap = new DeploymentTap(reporter);
  const command = settings.target.command;
  if (command === 'status') throw new Error('the actions do not run status');
  let target: Target | undefined;
  let deployment: RolloutDeployment | undefined;
  try {
    target = await resolveTarget(settings.target);
    for (const warning of target.warnings) core.warning(warning);
    maskProviderSecrets(target.prepared?.release.settings.analysis?.provider);
    hooks.resolved?.(target);
    const kc = loadKubeConfig(settings.cluster);
    const opened = await openTarget(target, command, {
      kc,
      reporter: tap,
      ...(settings.cluster.breakLock ? { breakLock: true } : {}),
    });
    maskProviderSecrets(opened.record?.current?.settings.analysis?.provider);
    hooks.started?.(target);
    const record = opened.record ?? (await opened.engine.status());
    const rollout = rolloutIdentity(command, target, record, settings.options);
    deployment = rollout && (await RolloutDeployment.begin(github, rollout));
    // The root action's post step continues this deployment should it roll the release back.
    if (deployment) {
      core.saveState('github-deployment', JSON.stringify(deployment.ref));
      core.setOutput('deployment-id', String(deployment.ref.id));
    }
    tap.attach(deployment);
    const outcome = await runCommand(command, opened, target, settings.options);
    reporter.close();
    hooks.finished?.(outcome);
    await deployment?.finish(outcome, command);
    await finish(spec, settings, outcome, target);
  } catch (error) {
    reporter.close();
    if (error instanceof ConfigError) {
      setOutputs(spec, { valid: 'false' });
      return fail(reportConfigError(error));
    }
    if (error instanceof ReleaseProblems) {
      for (const problem of error.problems) core.error(problem, { title: error.file });
      return fail(`${error.problems.length} problem(s) in ${error.file}; nothing was applied`);
    }
    const message = error instanceof Error ? error.message : String(error);
    await deployment?.error(message);
    core.error(message, { title: `dial ${spec.name} failed` });
    setOutputs(spec, { result: 'failed', reason: message });
    if (target) await core.summary.addRaw(`## Dial ${spec.name}: **failed**\n\n${message}\n`).write();
    process.exitCode = 1;
  }

  function fail(reason?: string): void {
    if (reason) setOutputs(spec, { result: 'failed', reason });
    process.exitCode = 1;
  }
}

function setOutputs(spec: ActionSpec, values: Partial<Record<OutputName, string>>): void {
  for (const name of spec.outputs) {
    const value = values[name];
    if (value !== undefined) core.setOutput(name, value);
  }
}

async function finish(
  spec: ActionSpec,
  settings: ActionSettings,
  outcome: Outcome,
  target: Target,
): Promise<void> {
  setOutputs(spec, outputValues(outcome, target));
  await core.summary.addRaw(renderSummary(outcome, target, settings.target.command)).write();
  const line = `${outcome.result}: ${outcome.reason}`;
  if (!spec.failing.includes(outcome.result)) return core.info(line);
  if (!settings.failOnRollback) return core.warning(`${line} (fail-on-rollback is false)`);
  core.error(line, { title: `dial ${spec.name}: ${outcome.result}` });
  process.exitCode = 1;
}
