// A rollout as a GitHub Deployment of the commit (task `deploy` or `deploy:canary`, payload {service,
// namespace, release, images}), moved queued → in_progress (each step) → success / failure / error. A
// rollout spans several action runs (deploy → canary → canary → promote, or the root action's paused and
// approved jobs): each run looks for the newest deployment of the environment with the same service,
// namespace and release that has not ended, and continues it instead of creating another. Statuses are
// guarded per service (an older run never writes over a newer deployment of the same service), and only
// the same service's superseded deployments become inactive, so a monorepo's services share one
// environment. GitHub is never a reason to fail or hold up a rollout: any problem is one warning, and
// the run goes on without it.
import * as core from '@actions/core';
import { readRunContext, type RunContext } from '../../github/context.js';
import {
  Deployments,
  type DeploymentMatch,
  type DeploymentRef,
  type DeploymentState,
} from '../../github/deployments.js';
import { createGitHubClient, githubMessage, httpStatus } from '../../github/octokit.js';
import type { Outcome } from '../../rollout/engine.js';
import type { Reporter, RolloutStage } from '../../rollout/ports.js';
import type { RolloutRecord } from '../../rollout/record.js';
import type { CommandOptions, RolloutCommand, Target } from '../../settings/target.js';
import type { GitHubDeploymentSettings } from './inputs.js';

export interface RolloutIdentity {
  service: string;
  namespace: string;
  release: string;
  images: Record<string, string>;
  task: 'deploy' | 'deploy:canary';
  /** False for analyze: it judges a rollout and continues its deployment, never starts one. */
  create: boolean;
}

/** A deployment in one of these states is over: a new rollout of the same release gets a new one. */
const ENDED = new Set<DeploymentState | undefined>(['inactive', 'failure', 'error']);

function payloadOf(d: DeploymentRef): Record<string, unknown> {
  let payload = d.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload) as unknown;
    } catch {
      return {};
    }
  }
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
}

/** Dial's rollout deployments of this service (not its previews, not other services', not a job's own). */
function sameService(service: string): DeploymentMatch {
  return (d) => (d.task === 'deploy' || d.task === 'deploy:canary') && payloadOf(d).service === service;
}

/** What the command works on, as the deployment names it; undefined when there is nothing to record. */
export function rolloutIdentity(
  command: RolloutCommand,
  target: Target,
  record: RolloutRecord | undefined,
  options: CommandOptions,
): RolloutIdentity | undefined {
  const base = { service: target.service, namespace: target.namespace };
  const prepared = target.prepared;
  if (prepared && (command === 'deploy' || command === 'canary' || command === 'rollout')) {
    // The engine refuses another release while one is in progress: a deployment for that run would be
    // newer than the rollout's own and stop its statuses.
    if (record?.current && record.current.id !== prepared.release.id) return undefined;
    const plain = command === 'deploy' || prepared.steps.length === 0;
    const { id, images } = prepared.release;
    return { ...base, release: id, images, task: plain ? 'deploy' : 'deploy:canary', create: true };
  }
  const current = record?.current;
  if (current)
    return {
      ...base,
      release: current.id,
      images: current.images,
      task: 'deploy:canary',
      create: command !== 'analyze',
    };
  // rollback --to-previous: the release serving now is the one returned from.
  const serving = record?.history[0];
  if (command === 'rollback' && options.toPrevious && serving)
    return { ...base, release: serving.id, images: serving.images, task: 'deploy', create: true };
  return undefined;
}

/** The status a finished command leaves: success, failure, or in_progress while the rollout goes on. */
export function finalStatus(
  outcome: Pick<Outcome, 'result' | 'reason' | 'record'>,
  command: RolloutCommand,
): { state: DeploymentState; description: string } {
  const { result, reason } = outcome;
  if (command === 'analyze') return { state: 'in_progress', description: `analysis ${result}: ${reason}` };
  switch (result) {
    case 'promoted':
    case 'deployed':
      return { state: 'success', description: `${result}: ${reason}` };
    case 'rolled-back':
    case 'inconclusive':
    case 'failed':
      return { state: 'failure', description: reason };
    case 'paused':
      return { state: 'in_progress', description: `waiting: ${reason}` };
    default: {
      const current = outcome.record.current;
      if (!current) return { state: 'in_progress', description: reason };
      return {
        state: 'in_progress',
        description: canaryLine(current.weight, current.step + 1, current.steps.length),
      };
    }
  }
}

function canaryLine(weight: { requested: number; effective: number }, step: number, total: number): string {
  return `canary ${weight.requested}% (effective ${weight.effective}%), step ${step}/${total}`;
}

export class RolloutDeployment {
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private last = '';

  private constructor(
    private readonly api: Deployments,
    readonly ref: DeploymentRef,
    private readonly settings: GitHubDeploymentSettings,
    private readonly match: DeploymentMatch,
  ) {}

  /**
   * Finds the rollout's deployment (or `resume`s the one a main step saved), else creates it (queued);
   * then in_progress. Undefined, after one warning saying why, when GitHub cannot or should not have it.
   */
  static async begin(
    settings: GitHubDeploymentSettings,
    rollout: RolloutIdentity,
    resume?: DeploymentRef,
  ): Promise<RolloutDeployment | undefined> {
    if (!settings.enabled) return undefined;
    const skip = (why: string) => {
      core.warning(`${why}; the rollout goes on without a GitHub deployment`, { title: 'GitHub deployment' });
      return undefined;
    };
    let context: RunContext;
    try {
      context = readRunContext();
    } catch (error) {
      return skip(error instanceof Error ? error.message : String(error));
    }
    if (process.env.GITHUB_ACTIONS !== 'true' || context.repository.owner === '')
      return skip('not running in GitHub Actions (GITHUB_ACTIONS or GITHUB_REPOSITORY unset)');
    if (settings.token === '')
      return skip(
        'input token is empty (pass ${{ github.token }} or a GitHub App token, or set github-deployment: false)',
      );
    const sha = settings.sha || process.env.GITHUB_SHA || '';
    if (sha === '') return skip('no commit to deploy: GITHUB_SHA is unset and input sha is empty');
    const log = { info: (line: string) => core.info(line), warn: (line: string) => core.warning(line) };
    // A rate limit is waited out a minute at most: the rollout goes on either way.
    const gh = createGitHubClient({
      token: settings.token,
      baseUrl: context.apiUrl,
      log,
      maxRateLimitWaitSeconds: 60,
    });
    const api = new Deployments(gh, context.repository, { logUrl: context.runUrl, log });
    const match = sameService(rollout.service);
    try {
      const found = resume ?? (await continued(api, settings.environment, rollout));
      if (found) {
        core.info(`GitHub deployment #${found.id} in ${found.environment}: continued`);
        return new RolloutDeployment(api, found, settings, match);
      }
      if (!rollout.create) {
        core.info(`no GitHub deployment of ${rollout.release} in ${settings.environment} to continue`);
        return undefined;
      }
      const created = await api.create({
        environment: settings.environment,
        sha,
        task: rollout.task,
        payload: {
          service: rollout.service,
          namespace: rollout.namespace,
          release: rollout.release,
          images: rollout.images,
        },
        transient: false,
        production: true,
        description: `${rollout.service} ${rollout.release}`,
      });
      core.info(`GitHub deployment #${created.id} of ${sha.slice(0, 7)} in ${created.environment}: created`);
      const deployment = new RolloutDeployment(api, created, settings, match);
      deployment.status('queued', `${rollout.release} queued`);
      deployment.progress(`${rollout.task === 'deploy' ? 'deploying' : 'rolling out'} ${rollout.release}`);
      await deployment.settled();
      return deployment.stopped ? undefined : deployment;
    } catch (error) {
      return skip(why(error));
    }
  }

  /** in_progress with this description (written in order, in the background). */
  progress(description: string): void {
    this.status('in_progress', description);
  }

  /** The command's outcome; on success the same service's superseded deployments become inactive. */
  async finish(outcome: Outcome, command: RolloutCommand): Promise<void> {
    const { state, description } = finalStatus(outcome, command);
    this.status(state, description);
    await this.settled();
    if (state !== 'success' || this.stopped) return;
    try {
      const result = await this.api.deactivate(
        this.ref.environment,
        this.ref,
        `superseded by deployment #${this.ref.id}`,
        this.match,
      );
      if (result.deactivated.length > 0)
        core.info(
          `GitHub deployments made inactive (superseded): ${result.deactivated.map((id) => `#${id}`).join(', ')}`,
        );
    } catch (error) {
      core.warning(`superseded GitHub deployments not made inactive: ${why(error)}`, {
        title: 'GitHub deployment',
      });
    }
  }

  /** The action failed with an error (not a verdict): status error. */
  async error(message: string): Promise<void> {
    this.status('error', message);
    await this.settled();
  }

  settled(): Promise<void> {
    return this.queue;
  }

  private status(state: DeploymentState, description: string): void {
    const key = `${state} ${description}`;
    if (key === this.last) return;
    this.last = key;
    this.queue = this.queue.then(async () => {
      if (this.stopped) return;
      try {
        const write = await this.api.setStatus(this.ref, state, {
          description,
          ...(this.settings.environmentUrl ? { environmentUrl: this.settings.environmentUrl } : {}),
          match: this.match,
        });
        // A newer run's deployment of this service: it owns what GitHub shows now (it was warned about).
        if (!write.written) this.stopped = true;
      } catch (error) {
        this.stopped = true;
        core.warning(
          `GitHub deployment #${this.ref.id} not updated (${state}): ${why(error)}; the rollout goes on`,
          {
            title: 'GitHub deployment',
          },
        );
      }
    });
  }
}

/** The root action's post step: the deployment its main step saved (JSON), given the rollback's outcome. */
export async function finishSaved(
  settings: GitHubDeploymentSettings,
  outcome: Outcome,
  saved: string,
): Promise<void> {
  if (saved === '') return;
  const ref = JSON.parse(saved) as DeploymentRef;
  const payload = payloadOf(ref);
  const rollout: RolloutIdentity = {
    service: String(payload.service ?? outcome.record.service),
    namespace: outcome.record.namespace,
    release: String(payload.release ?? ''),
    images: {},
    task: 'deploy:canary',
    create: false,
  };
  await (await RolloutDeployment.begin(settings, rollout, ref))?.finish(outcome, 'rollback');
}

/** The newest deployment of this service's release in the environment, unless it has ended. */
async function continued(
  api: Deployments,
  environment: string,
  rollout: RolloutIdentity,
): Promise<DeploymentRef | undefined> {
  const mine = (await api.all(environment)).filter((d) => {
    const payload = payloadOf(d);
    return (
      sameService(rollout.service)(d) &&
      payload.namespace === rollout.namespace &&
      payload.release === rollout.release
    );
  });
  const newest = mine.sort((a, b) => b.id - a.id)[0];
  if (!newest) return undefined;
  return ENDED.has(await api.latestState(newest.id)) ? undefined : newest;
}

function why(error: unknown): string {
  const status = httpStatus(error);
  if (status === 403 || status === 404)
    return (
      `the token cannot write deployments (${githubMessage(error)}): give the job \`permissions: deployments: write\` ` +
      '(a pull request from a fork gets a read-only token), or set github-deployment: false'
    );
  return githubMessage(error);
}

/**
 * The engine's reporter, passed through, that also moves the deployment along with the parts the engine
 * reports as data (`stage`): each step once its effective weight is known, the promotion, the rollback,
 * the analysis and the watch.
 */
export class DeploymentTap implements Reporter {
  private deployment: RolloutDeployment | undefined;

  constructor(private readonly inner: Reporter) {}

  attach(deployment: RolloutDeployment | undefined): void {
    this.deployment = deployment;
  }

  info(line: string): void {
    this.inner.info(line);
  }

  warn(line: string): void {
    this.inner.warn(line);
  }

  progress(line: string): void {
    this.inner.progress(line);
  }

  section(title: string): void {
    this.inner.section?.(title);
  }

  stage(stage: RolloutStage): void {
    this.inner.stage?.(stage);
    this.deployment?.progress(stageLine(stage));
  }
}

/** A stage as the deployment status' description says it. */
export function stageLine(stage: RolloutStage): string {
  switch (stage.kind) {
    case 'step':
      return canaryLine({ requested: stage.requested, effective: stage.effective }, stage.step, stage.total);
    case 'analysis':
      return `analysing ${stage.release} at ${stage.weight}%`;
    case 'promote':
      return `promoting ${stage.release}`;
    case 'rollback':
      return `rolling back ${stage.release}`;
    case 'watch':
      return `watching ${stage.release} for ${stage.seconds}s after promotion`;
  }
}
