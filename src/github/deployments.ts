// GitHub Deployments for rollouts and previews: one deployment per run at the commit deployed, its
// statuses moved queued → in_progress → success / failure (log_url = the run, environment_url on
// success), superseded deployments of the environment made inactive by Dial itself (GitHub's
// auto_inactive skips transient environments), and never a write over a newer run's deployment: before
// every status the environment's newest deployment is read, and when it is not this run's, nothing is
// written and the caller is told why. Rollouts scope both the guard and the deactivation to their own
// service (`match` on the payload): a monorepo's services share an environment without touching each other.
import type { RepoRef } from './context.js';
import { githubMessage, type GitHubClient, type GitHubLog } from './octokit.js';

export type DeploymentState = 'queued' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

export interface DeploymentRequest {
  environment: string;
  /** The commit deployed: a pull request's head SHA (never refs/pull/N/merge, never a branch). */
  sha: string;
  /** `deploy` for plain rollouts, `deploy:canary` for canaries, `deploy:preview` for previews. */
  task: 'deploy' | 'deploy:canary' | 'deploy:preview';
  payload: { service: string; images: Record<string, string>; [key: string]: unknown };
  /** Previews: true (the environment goes away). */
  transient: boolean;
  /** The production environment (the Environments page shows it apart). */
  production: boolean;
  description?: string;
}

export interface DeploymentRef {
  id: number;
  sha: string;
  environment: string;
  createdAt: string;
  task?: string;
  /** As created (GitHub answers an object, or a string for a payload given as JSON text). */
  payload?: unknown;
}

/** Which of an environment's deployments a guard or a deactivation considers (default: all). */
export type DeploymentMatch = (d: DeploymentRef) => boolean;

export interface StatusWrite {
  written: boolean;
  /** The newer deployment that stopped the write. */
  newer?: DeploymentRef;
  message: string;
}

export interface Deactivation {
  deactivated: number[];
  /** Already inactive: left alone. */
  alreadyInactive: number[];
  /** Newer than the one kept: left alone. */
  newer: number[];
}

/** GitHub refuses descriptions over 140 characters. */
const DESCRIPTION_LIMIT = 140;

function short(sha: string): string {
  return sha.slice(0, 7);
}

function clip(text: string): string {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}…`;
}

interface DeploymentLike {
  id: number;
  sha: string;
  environment: string;
  created_at: string;
  task?: string;
  payload?: unknown;
}

function refOf(d: DeploymentLike): DeploymentRef {
  return {
    id: d.id,
    sha: d.sha,
    environment: d.environment,
    createdAt: d.created_at,
    ...(d.task !== undefined ? { task: d.task } : {}),
    ...(d.payload !== undefined ? { payload: d.payload } : {}),
  };
}

/** a was created after b (ids grow with time and break ties within a second). */
export function isNewer(a: DeploymentRef, b: DeploymentRef): boolean {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  if (ta !== tb && Number.isFinite(ta) && Number.isFinite(tb)) return ta > tb;
  return a.id > b.id;
}

function newestOf(list: DeploymentRef[]): DeploymentRef | undefined {
  let best: DeploymentRef | undefined;
  for (const ref of list) if (best === undefined || isNewer(ref, best)) best = ref;
  return best;
}

export function describeDeployment(d: DeploymentRef): string {
  return `deployment #${d.id} of ${short(d.sha)} (created ${d.createdAt})`;
}

export class Deployments {
  private readonly repo: RepoRef;

  constructor(
    private readonly gh: GitHubClient,
    repo: RepoRef,
    private readonly options: { logUrl: string; log: GitHubLog },
  ) {
    // Only owner and repo: any other field would go into the query string.
    this.repo = { owner: repo.owner, repo: repo.repo };
  }

  async create(request: DeploymentRequest): Promise<DeploymentRef> {
    const response = await this.gh.rest.repos.createDeployment({
      ...this.repo,
      ref: request.sha,
      task: request.task,
      environment: request.environment,
      payload: request.payload,
      transient_environment: request.transient,
      production_environment: request.production,
      required_contexts: [],
      auto_merge: false,
      ...(request.description ? { description: clip(request.description) } : {}),
    });
    const data = response.data;
    if (!('id' in data)) throw new Error(`GitHub did not create the deployment: ${data.message ?? ''}`);
    return refOf(data);
  }

  /**
   * The environment's newest deployment (of those `match` accepts). GitHub lists the newest first: one
   * page is enough without a filter, every page is read with one (another service's may fill the first).
   */
  async newest(environment: string, match?: DeploymentMatch): Promise<DeploymentRef | undefined> {
    if (!match) {
      const response = await this.gh.rest.repos.listDeployments({ ...this.repo, environment, per_page: 30 });
      return newestOf(response.data.map(refOf));
    }
    const pages = this.gh.paginate.iterator(this.gh.rest.repos.listDeployments, {
      ...this.repo,
      environment,
      per_page: 100,
    });
    for await (const page of pages) {
      // Newest first: the first page with a match holds the newest match.
      const found = newestOf(page.data.map(refOf).filter(match));
      if (found) return found;
    }
    return undefined;
  }

  /** Every deployment of the environment, every page. */
  async all(environment: string): Promise<DeploymentRef[]> {
    const list = await this.gh.paginate(this.gh.rest.repos.listDeployments, {
      ...this.repo,
      environment,
      per_page: 100,
    });
    return list.map(refOf);
  }

  /** The latest status's state, or undefined when it has none. */
  async latestState(id: number): Promise<DeploymentState | undefined> {
    const response = await this.gh.rest.repos.listDeploymentStatuses({
      ...this.repo,
      deployment_id: id,
      per_page: 1,
    });
    const state = response.data[0]?.state;
    return state === 'pending' ? 'queued' : state;
  }

  /**
   * Writes a status on `deployment` unless a newer deployment of its environment exists: that one
   * belongs to a newer run (a newer commit, or a rerun), and what it shows is left alone.
   */
  async setStatus(
    deployment: DeploymentRef,
    state: DeploymentState,
    details: { description?: string; environmentUrl?: string; match?: DeploymentMatch } = {},
  ): Promise<StatusWrite> {
    const newest = await this.newest(deployment.environment, details.match);
    if (newest !== undefined && newest.id !== deployment.id && isNewer(newest, deployment)) {
      const message =
        `${describeDeployment(newest)} is newer than this run's #${deployment.id} (${short(deployment.sha)}) ` +
        `in ${deployment.environment}: status ${state} not written, the newer one is left alone`;
      this.options.log.warn(message);
      return { written: false, newer: newest, message };
    }
    await this.gh.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: deployment.id,
      state,
      ...(this.options.logUrl ? { log_url: this.options.logUrl } : {}),
      ...(details.description ? { description: clip(details.description) } : {}),
      ...(state === 'success' && details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
    });
    return { written: true, message: `deployment #${deployment.id}: ${state}` };
  }

  /**
   * Marks the environment's deployments inactive: all of them (a preview removed), or those older than
   * `keep` (superseded by it), among those `match` accepts. Pages through every deployment; those already
   * inactive are skipped (one status read each), newer ones are never touched.
   */
  async deactivate(
    environment: string,
    keep?: DeploymentRef,
    description?: string,
    match?: DeploymentMatch,
  ): Promise<Deactivation> {
    const result: Deactivation = { deactivated: [], alreadyInactive: [], newer: [] };
    for (const d of await this.all(environment)) {
      if (keep !== undefined && d.id === keep.id) continue;
      if (match !== undefined && !match(d)) continue;
      if (keep !== undefined && isNewer(d, keep)) {
        result.newer.push(d.id);
        continue;
      }
      if ((await this.latestState(d.id)) === 'inactive') {
        result.alreadyInactive.push(d.id);
        continue;
      }
      try {
        await this.gh.rest.repos.createDeploymentStatus({
          ...this.repo,
          deployment_id: d.id,
          state: 'inactive',
          ...(this.options.logUrl ? { log_url: this.options.logUrl } : {}),
          description: clip(description ?? (keep ? `superseded by deployment #${keep.id}` : 'removed')),
        });
        result.deactivated.push(d.id);
      } catch (error) {
        this.options.log.warn(`deployment #${d.id} not marked inactive: ${githubMessage(error)}`);
      }
    }
    return result;
  }
}
