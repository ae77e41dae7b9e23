// What a rollout command acts on, and the command itself, shared by the CLI and the actions: a release
// prepared from dial.yaml (deploy, canary, rollout), or a service named directly or by dial.yaml (analyze,
// promote, rollback, status: the record in the cluster says the rest). dial.yaml's code is loaded only
// when a file is used, so promote and rollback start without it.
import type { OverrideInputs, OverrideLabel } from '../config/overrides.js';
import type { ResolvedConfig } from '../config/load.js';
import type { Outcome } from '../rollout/engine.js';
import { openService, type OpenedService, type OpenSettings } from '../rollout/open.js';
import type { PreparedRelease } from '../rollout/release.js';

export type RolloutCommand = 'deploy' | 'canary' | 'analyze' | 'promote' | 'rollback' | 'rollout' | 'status';

/** The commands that deploy something: they need dial.yaml and prepare a release from it. */
export function needsRelease(command: RolloutCommand): boolean {
  return command === 'deploy' || command === 'canary' || command === 'rollout';
}

export interface TargetRequest {
  command: RolloutCommand;
  /** dial.yaml, relative to the workspace; undefined when the command was given none. */
  file?: string;
  workspace: string;
  overrides: OverrideInputs;
  /** Image references to deploy (`name=ref`, or one ref for a single-image service). */
  images?: string;
  /** How overrides are named in messages: `--steps` or `input steps`. */
  label: OverrideLabel;
  service?: string;
  namespace?: string;
}

export interface Target {
  service: string;
  namespace: string;
  /** dial.yaml resolved, and the release it describes, when the command used the file. */
  resolved?: ResolvedConfig;
  prepared?: PreparedRelease;
  warnings: string[];
}

/** The release cannot be deployed as dial.yaml describes it (e.g. an analysis without queries). */
export class ReleaseProblems extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((problem) => `${file}: ${problem}`).join('\n'));
    this.name = 'ReleaseProblems';
  }
}

/** Thrown when neither a service nor dial.yaml names what to act on. */
export class NoTargetError extends Error {}

/** Reads dial.yaml when the command needs it (or names the service by it); touches no cluster. */
export async function resolveTarget(request: TargetRequest): Promise<Target> {
  const release = needsRelease(request.command);
  if (release || (request.file !== undefined && request.service === undefined)) {
    const [{ loadConfig }, { prepareRelease }] = await Promise.all([
      import('../config/load.js'),
      import('../rollout/release.js'),
    ]);
    const resolved = await loadConfig({
      file: request.file ?? 'dial.yaml',
      workspace: request.workspace,
      overrides: request.overrides,
      ...(request.images !== undefined ? { images: request.images } : {}),
      label: request.label,
    });
    const prepared = await prepareRelease(resolved, request.workspace, request.namespace);
    if (release && prepared.problems.length > 0) throw new ReleaseProblems(resolved.file, prepared.problems);
    return {
      service: resolved.config.service,
      namespace: prepared.namespace,
      resolved,
      prepared,
      warnings: prepared.warnings,
    };
  }
  if (request.service === undefined) throw new NoTargetError(`${request.command} needs a service`);
  return { service: request.service, namespace: request.namespace ?? 'default', warnings: [] };
}

/**
 * When a command needs the metric provider: the analysing ones at once (a missing secret fails before
 * anything is applied), promote only for its watch after promotion, the others never.
 */
export function analysisFor(command: RolloutCommand): OpenSettings['analysis'] {
  if (command === 'rollout' || command === 'analyze') return 'eager';
  return command === 'promote' ? 'lazy' : 'none';
}

/** The engine for the target, wired as openService wires it. */
export function openTarget(
  target: Target,
  command: RolloutCommand,
  open: Omit<OpenSettings, 'service' | 'namespace' | 'workload' | 'router' | 'settings'>,
): Promise<OpenedService> {
  const { prepared, resolved } = target;
  return openService({
    analysis: analysisFor(command),
    ...open,
    service: target.service,
    namespace: target.namespace,
    ...(prepared && resolved
      ? {
          workload: prepared.workload,
          router: resolved.config.router ?? { type: 'replicas' },
          ...(needsRelease(command) ? { settings: prepared.release.settings } : {}),
        }
      : {}),
  });
}

export interface CommandOptions {
  /** canary: the weight to move to. */
  weight?: number;
  /** analyze: seconds to judge for; undefined = until the analysis decides. */
  seconds?: number;
  /** rollback: return a finished release to the one before. */
  toPrevious?: boolean;
  /** rollout: pass approval gates. */
  approve?: boolean;
  /** deploy: take fields another field manager owns. */
  force?: boolean;
}

/** Runs one command (not status) on the engine. */
export async function runCommand(
  command: Exclude<RolloutCommand, 'status'>,
  service: OpenedService,
  target: Target,
  options: CommandOptions,
): Promise<Outcome> {
  const { engine } = service;
  const prepared = target.prepared;
  const release = () => {
    if (!prepared) throw new Error(`${command} needs dial.yaml`);
    return prepared;
  };
  switch (command) {
    case 'deploy':
      return engine.deploy(release().release, { force: options.force === true });
    case 'canary':
      return engine.canary(release().release, options.weight ?? 0);
    case 'rollout':
      return release().steps.length === 0
        ? engine.deploy(release().release)
        : engine.rollout(release().release, release().steps, { approve: options.approve === true });
    case 'analyze':
      return engine.analyze(options.seconds);
    case 'promote':
      return engine.promote();
    case 'rollback':
      return engine.rollback({ toPrevious: options.toPrevious === true });
  }
}
