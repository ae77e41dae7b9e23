// A pull request's preview from start to end:
//   up    — the pull request still at this commit? a deployment (queued), the comment, the manifests placed
//           in the preview namespace (or refused), in_progress, the namespace with its quota, a plain deploy
//           waited for, the URL checked, success (environment_url) or failure, superseded deployments
//           inactive, the comment updated;
//   down  — the namespace deleted, every deployment of the environment inactive, the comment updated;
//   sweep — every preview of the repository: closed pull request or TTL passed → removed; no new commit
//           for the idle timeout → asleep (workloads at zero, deployment inactive).
// An older run never writes over a newer one: a run whose commit is no longer the pull request's head, or
// whose deployment is no longer the environment's newest, stops and says so.
import type { KubeConfig, KubernetesObject, V1Service } from '@kubernetes/client-node';
import { durationSeconds } from '../config/duration.js';
import { loadConfig } from '../config/load.js';
import type { DialConfig } from '../config/types.js';
import { KubeCluster } from '../kube/cluster.js';
import { describeRef } from '../traffic/objects.js';
import { StickyComment, previewMarker } from '../github/comments.js';
import { pullRequestInfo, type PullRequestInfo, type RepoRef } from '../github/context.js';
import { Deployments, describeDeployment, isNewer, type DeploymentRef } from '../github/deployments.js';
import { LockHeldError } from '../rollout/ports.js';
import { githubMessage, httpStatus, type GitHubClient } from '../github/octokit.js';
import { openService } from '../rollout/open.js';
import { prepareRelease, releaseId, type PreparedRelease } from '../rollout/release.js';
import { PreviewCluster, previewLabels, type PreviewEntry, type PreviewMeta } from './cluster.js';
import { HeaderPreviews, headerWorkload, requireDialProduction, type HeaderWorkload } from './header.js';
import { describePart, productionRoute, type ProductionRoute } from './header-routes.js';
import { ANNOTATION_HEADER, ANNOTATION_ROUTE, previewNamespace, previewUrl } from './names.js';
import { placePreviewObjects } from './objects.js';
import { renderComment, type PreviewView } from './report.js';
import { checkUrl } from './url.js';

export interface PreviewLog {
  info(line: string): void;
  warn(line: string): void;
  /** Something a reader of the run should see (an annotation in Actions). */
  notice(line: string): void;
  progress(line: string): void;
}

export interface PreviewContext {
  gh: GitHubClient;
  repo: RepoRef & { fullName: string };
  runUrl: string;
  /** The cluster, read when first needed (a skipped run needs none). */
  kc: () => KubeConfig;
  log: PreviewLog;
  /** How long the preview's URL may take to answer (0: not checked). */
  urlTimeoutMs: number;
  urlIntervalMs?: number;
  /** Send the URL check here instead, with the URL's host as Host (see url.ts: as `curl --connect-to`). */
  urlConnectTo?: string;
  now?: () => Date;
}

export type PreviewResultKind = 'deployed' | 'removed' | 'swept' | 'skipped' | 'outdated' | 'failed';

export interface SweptPreview {
  namespace: string;
  service: string;
  pr: number;
  action: 'removed' | 'sleeping' | 'kept';
  reason: string;
}

export interface PreviewResult {
  result: PreviewResultKind;
  reason: string;
  view?: PreviewView;
  deploymentId?: number;
  commentId?: number;
  swept?: SweptPreview[];
}

export interface UpRequest {
  file: string;
  workspace: string;
  /** `name=ref` lines, or one reference. */
  images?: string;
  pr: PullRequestInfo;
}

export interface DownRequest {
  pr: number;
  merged: boolean;
  /** From dial.yaml when it could be read; else every service's preview of the pull request. */
  service?: string;
}

interface UpJob {
  pr: PullRequestInfo;
  service: string;
  prepared: PreparedRelease;
  config: DialConfig;
  environment: string;
  ttlSeconds: number;
  idleSeconds: number;
}

/** How one mode puts a preview in the cluster; the GitHub side around it is the same (PreviewRunner.deploy). */
interface PreviewPlan {
  /** Where its objects go (the view's and the deployment payload's `namespace`). */
  namespace: string;
  /** `in web-pr-7`, `beside production in shop`: for statuses and messages. */
  where: string;
  header?: { name: string; value: string };
  /** Why there may be no URL, for the log. */
  noUrl: string;
  /** Reads and checks, changes nothing; may refuse. Fills the view's URL, objects and notes. */
  prepare(view: PreviewView): Promise<void>;
  /** Applies and waits; returns why this run is outdated instead (`stale`, asked before applying). */
  apply(view: PreviewView, stale: () => Promise<string | undefined>): Promise<string | undefined>;
}

const label = (name: string) => `input ${name === 'images' ? 'image' : name}`;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A header-routed preview as read and built, before anything is written. */
interface HeaderReady {
  route: ProductionRoute;
  built: HeaderWorkload;
  url: string | undefined;
}

interface Connection {
  kc: KubeConfig;
  kube: KubeCluster;
  cluster: PreviewCluster;
  headers: HeaderPreviews;
}

export class PreviewRunner {
  private readonly deployments: Deployments;
  private readonly now: () => Date;
  private kube: Connection | undefined;

  constructor(private readonly ctx: PreviewContext) {
    this.now = ctx.now ?? (() => new Date());
    this.deployments = new Deployments(
      ctx.gh,
      { owner: ctx.repo.owner, repo: ctx.repo.repo },
      { logUrl: ctx.runUrl, log: ctx.log },
    );
  }

  private get cluster(): PreviewCluster {
    return this.connect().cluster;
  }

  private get headers(): HeaderPreviews {
    return this.connect().headers;
  }

  private connect(): Connection {
    if (!this.kube) {
      const kc = this.ctx.kc();
      const kube = new KubeCluster(kc);
      const listAll = async (labelSelector: string) =>
        (await kube.apis.apps.listDeploymentForAllNamespaces({ labelSelector })).items;
      this.kube = {
        kc,
        kube,
        cluster: new PreviewCluster(kc, this.now),
        headers: new HeaderPreviews(kube, listAll, this.now),
      };
    }
    return this.kube;
  }

  private get repo(): RepoRef {
    return { owner: this.ctx.repo.owner, repo: this.ctx.repo.repo };
  }

  private comment(pr: number, service: string): StickyComment {
    return new StickyComment(this.ctx.gh, this.repo, pr, previewMarker(service), this.ctx.log);
  }

  /** The pull request as GitHub has it now; undefined when it no longer exists. */
  private async pull(number: number): Promise<PullRequestInfo | undefined> {
    try {
      const { data } = await this.ctx.gh.rest.pulls.get({ ...this.repo, pull_number: number });
      return pullRequestInfo(data);
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw error;
    }
  }

  // ---- up ------------------------------------------------------------------------------------------

  async up(request: UpRequest): Promise<PreviewResult> {
    const { pr } = request;
    const resolved = await loadConfig({
      file: request.file,
      workspace: request.workspace,
      overrides: {},
      ...(request.images ? { images: request.images } : {}),
      label,
    });
    const { config, profile } = resolved;
    const service = config.service;
    const settings = config.preview ?? {};
    if (settings.enabled !== true)
      return {
        result: 'skipped',
        reason:
          `previews are off for ${service} (preview.enabled is ${String(settings.enabled ?? false)} with profile ${profile}); ` +
          'set preview.enabled: true in dial.yaml to get one',
      };
    const current = await this.pull(pr.number);
    if (current === undefined || current.state === 'closed')
      return {
        result: 'skipped',
        reason: `pull request #${pr.number} is ${current ? 'closed' : 'gone'}: no preview`,
      };
    if (current.headSha !== pr.headSha) {
      const reason =
        `pull request #${pr.number} is at ${current.headSha.slice(0, 7)} now; this run for ` +
        `${pr.headSha.slice(0, 7)} is outdated and changes nothing (the run for the newer commit deploys it)`;
      this.ctx.log.notice(reason);
      return { result: 'outdated', reason };
    }
    const prepared = await prepareRelease(resolved, request.workspace, undefined);
    for (const warning of prepared.warnings) this.ctx.log.warn(warning);
    const job: UpJob = {
      pr,
      service,
      prepared,
      config,
      environment: previewNamespace(service, pr.number),
      ttlSeconds: durationSeconds(settings.ttl ?? '7d'),
      idleSeconds: durationSeconds(settings.idleTimeout ?? '0s'),
    };
    return this.deploy(job, settings.mode === 'header' ? this.headerPlan(job) : this.namespacePlan(job));
  }

  /** The GitHub side every mode shares: deployment and statuses, the comment, the URL check, superseded ones inactive. */
  private async deploy(job: UpJob, plan: PreviewPlan): Promise<PreviewResult> {
    const { pr, service, environment } = job;
    const view: PreviewView = {
      service,
      pr: pr.number,
      status: 'deploying',
      namespace: plan.namespace,
      environment,
      sha: pr.headSha,
      images: job.prepared.release.images,
      ...(plan.header ? { header: plan.header } : {}),
      expiresAt: new Date(this.now().getTime() + job.ttlSeconds * 1000),
      idleSeconds: job.idleSeconds,
      logUrl: this.ctx.runUrl,
      updatedAt: this.now(),
    };
    const deployment = await this.createDeployment(job, view);
    if ('result' in deployment) return deployment;
    view.deploymentId = deployment.id;
    const outdated = (why: string): PreviewResult => ({
      result: 'outdated',
      reason: `${why}; the comment is left to the newer run`,
      view,
      deploymentId: deployment.id,
    });
    const queued = await this.deployments.setStatus(deployment, 'queued', { description: 'preview queued' });
    if (!queued.written) return outdated(queued.message);
    const sticky = this.comment(pr.number, service);
    let commentId = (await sticky.upsert(renderComment(view))).id;

    try {
      await plan.prepare(view);
      const started = await this.deployments.setStatus(deployment, 'in_progress', {
        description: `deploying ${plan.where}`,
      });
      if (!started.written) return outdated(started.message);
      const stale = await plan.apply(view, async () => {
        const newest = await this.deployments.newest(environment);
        return newest !== undefined && newest.id !== deployment.id && isNewer(newest, deployment)
          ? `${describeDeployment(newest)} is newer: this run does not deploy over it`
          : undefined;
      });
      if (stale) return outdated(stale);
      await this.checkView(view, plan);
      const done = await this.deployments.setStatus(deployment, 'success', {
        description: `preview ready ${plan.where}`,
        ...(view.url ? { environmentUrl: view.url } : {}),
      });
      if (!done.written) return outdated(done.message);
      const superseded = await this.deployments.deactivate(environment, deployment);
      if (superseded.deactivated.length > 0)
        this.ctx.log.info(
          `superseded deployments marked inactive: ${superseded.deactivated.map((id) => `#${id}`).join(', ')}`,
        );
      view.status = 'ready';
      view.updatedAt = this.now();
      commentId = (await sticky.upsert(renderComment(view))).id;
      return {
        result: 'deployed',
        reason: `preview of ${service} for #${pr.number} ready ${plan.where}${view.url ? ` at ${view.url}` : ''}`,
        view,
        deploymentId: deployment.id,
        commentId,
      };
    } catch (error) {
      const reason = message(error);
      view.status = 'failed';
      view.reason = reason;
      view.updatedAt = this.now();
      const failed = await this.deployments
        .setStatus(deployment, 'failure', { description: reason.split('\n')[0] ?? reason })
        .catch((e: unknown) => ({ written: false, message: githubMessage(e) }));
      if (failed.written) commentId = (await sticky.upsert(renderComment(view))).id;
      return { result: 'failed', reason, view, deploymentId: deployment.id, commentId };
    }
  }

  /** The GitHub deployment of this run; skipped (not failed) when the token may not create one. */
  private async createDeployment(job: UpJob, view: PreviewView): Promise<DeploymentRef | PreviewResult> {
    const { pr, service } = job;
    try {
      return await this.deployments.create({
        environment: job.environment,
        sha: pr.headSha,
        task: 'deploy:preview',
        payload: { service, images: view.images, namespace: view.namespace, pr: pr.number },
        transient: true,
        production: false,
        description: `preview of ${service} for #${pr.number}`,
      });
    } catch (error) {
      if (httpStatus(error) !== 403) throw error;
      const reason =
        `the token cannot create deployments (${githubMessage(error)}): a read-only token, as pull requests ` +
        'from forks and Dependabot get; no preview (see workflows-examples/pr-preview.yml for the fork-safe pattern)';
      this.ctx.log.notice(reason);
      return { result: 'skipped', reason };
    }
  }

  /** The URL checked (with the header for a header-routed preview); a URL that answers 5xx fails the preview. */
  private async checkView(view: PreviewView, plan: PreviewPlan): Promise<void> {
    if (!view.url) {
      this.ctx.log.info(
        `${plan.noUrl}: checked the workloads only (${view.workloads ?? ''}); no URL to check`,
      );
      return;
    }
    view.urlCheck = await checkUrl(view.url, {
      timeoutMs: this.ctx.urlTimeoutMs,
      ...(this.ctx.urlIntervalMs !== undefined ? { intervalMs: this.ctx.urlIntervalMs } : {}),
      ...(view.header ? { headers: { [view.header.name]: view.header.value } } : {}),
      ...(this.ctx.urlConnectTo ? { connectTo: this.ctx.urlConnectTo } : {}),
      progress: (line) => this.ctx.log.progress(line),
    });
    this.ctx.log.info(view.urlCheck.detail);
    if (view.urlCheck.outcome === 'failing') throw new Error(view.urlCheck.detail);
    if (view.urlCheck.outcome === 'unreachable') this.ctx.log.notice(view.urlCheck.detail);
  }

  private meta(job: UpJob, namespace: string, url: string | undefined): PreviewMeta {
    return {
      namespace,
      service: job.service,
      pr: job.pr.number,
      repository: this.ctx.repo.fullName,
      environment: job.environment,
      sha: job.pr.headSha,
      ...(url ? { url } : {}),
      ttlSeconds: job.ttlSeconds,
      idleSeconds: job.idleSeconds,
    };
  }

  /** A namespace of its own: the manifests placed in it (or refused), its quota, a plain deploy waited for. */
  private namespacePlan(job: UpJob): PreviewPlan {
    const { service, prepared, pr } = job;
    const namespace = previewNamespace(service, pr.number);
    const host = job.config.preview?.host;
    const link = host ? previewUrl(host, pr.number) : undefined;
    let objects: KubernetesObject[] = [];
    return {
      namespace,
      where: `in ${namespace}`,
      noUrl: 'no preview.host in dial.yaml',
      prepare: (view) => {
        if (link) view.url = link.url;
        const placement = placePreviewObjects(prepared.release.objects, {
          serviceNamespace: prepared.namespace,
          previewNamespace: namespace,
          ...(link ? { host: link.host } : {}),
        });
        objects = placement.objects;
        view.notes = placement.notes;
        view.objects = objects.map((o) => `${o.kind} ${o.metadata?.name ?? ''}`);
        return Promise.resolve();
      },
      apply: async (view, stale) => {
        const ensured = await this.cluster.ensure(this.meta(job, namespace, link?.url));
        this.ctx.log.info(
          `namespace ${namespace} ${ensured.created ? 'created' : 'updated'} (quota dial-preview)`,
        );
        const entry = (await this.cluster.list(this.ctx.repo.fullName, pr.number)).find(
          (e) => e.namespace === namespace,
        );
        if (entry) view.expiresAt = entry.expiresAt;
        const opened = await openService({
          kc: this.connect().kc,
          service,
          namespace,
          workload: prepared.workload,
          router: 'replicas',
          settings: prepared.release.settings,
          analysis: 'none',
          reporter: this.reporter(),
        });
        const release = { ...prepared.release, id: releaseId(service, objects), objects };
        // Another run of this pull request deploying (a rerun, or one the concurrency group did not cancel):
        // wait for its lock, then deploy only if this run's deployment is still the newest.
        await this.waitForLock(opened.lock, prepared.release.settings.progressDeadlineSeconds * 1000);
        const why = await stale();
        if (why) {
          await opened.lock.release();
          return why;
        }
        // Nothing but Dial manages a preview namespace: fields other managers hold are taken over.
        const outcome = await opened.engine.deploy(release, { force: true });
        this.ctx.log.info(outcome.reason);
        view.workloads = await this.workloads(namespace);
        return undefined;
      },
    };
  }

  /** Beside production (header.ts): the pull request's Deployment and Service, then the route part. */
  private headerPlan(job: UpJob): PreviewPlan {
    const { service, prepared, pr } = job;
    const namespace = prepared.namespace;
    const header = { name: job.config.preview?.header ?? 'x-dial-preview', value: String(pr.number) };
    const cluster = this.connect().kube;
    let ready: HeaderReady | undefined;
    return {
      namespace,
      header,
      where: `beside production in ${namespace}`,
      noUrl: "production's route names no host",
      prepare: async (view) => {
        ready = await this.readHeader(job, view);
      },
      apply: async (view, stale) => {
        const { route, built, url } = ready!;
        const why = await stale();
        if (why) return why;
        const name = built.deployment.metadata?.name ?? '';
        await this.headers.apply(this.meta(job, namespace, url), built, {
          [ANNOTATION_ROUTE]: JSON.stringify(route.part(pr.number)),
          [ANNOTATION_HEADER]: header.name,
        });
        await cluster.waitRollout(
          { kind: 'Deployment', namespace, name },
          {
            deadlineSeconds: prepared.release.settings.progressDeadlineSeconds,
            onProgress: (line) => this.ctx.log.progress(line),
          },
        );
        const effect = await route.ensure(
          {
            pr: pr.number,
            header: header.name,
            preview: built.service.metadata?.name ?? '',
            labels: previewLabels({ namespace, service, pr: pr.number, repository: this.ctx.repo.fullName }),
          },
          prepared.release.settings.progressDeadlineSeconds * 1000,
        );
        this.ctx.log.info(
          `${describePart(route.part(pr.number), pr.number)} sends requests with ${header.name}: ${header.value} to Service ${built.service.metadata?.name ?? ''}; ${effect}`,
        );
        view.notes = [...(view.notes ?? []), effect];
        view.workloads = await this.workloads(namespace, name);
        return undefined;
      },
    };
  }

  /** Production's route and Service read, the preview's Deployment and Service built (header.ts); nothing written. */
  private async readHeader(job: UpJob, view: PreviewView): Promise<HeaderReady> {
    const { service, prepared, pr } = job;
    const namespace = prepared.namespace;
    const cluster = this.connect().kube;
    await requireDialProduction(this.connect().kc, namespace, service, prepared.workload);
    const config = job.config.router ?? { type: 'replicas' };
    const target = { namespace, workload: prepared.workload, service, config };
    const route = await productionRoute(cluster, target);
    const at = { apiVersion: 'v1', kind: 'Service', namespace };
    const userService = await cluster.get({ ...at, name: route.service });
    if (!userService)
      throw new Error(
        `Service ${namespace}/${route.service} (behind ${describeRef(route.ref)}) does not exist`,
      );
    const built = headerWorkload({
      objects: prepared.release.objects,
      namespace,
      workload: prepared.workload,
      userService: userService as V1Service,
      services: (await cluster.list(at)) as V1Service[],
      id: { namespace, service, pr: pr.number, repository: this.ctx.repo.fullName },
    });
    const url = route.hosts[0] ? `https://${route.hosts[0]}/` : undefined;
    if (url) view.url = url;
    view.notes = built.notes;
    view.objects = [
      `Deployment ${built.deployment.metadata?.name ?? ''}`,
      `Service ${built.service.metadata?.name ?? ''}`,
      describePart(route.part(pr.number), pr.number),
    ];
    return { route, built, url };
  }

  private reporter() {
    return {
      info: (line: string) => this.ctx.log.info(line),
      warn: (line: string) => this.ctx.log.warn(line),
      progress: (line: string) => this.ctx.log.progress(line),
    };
  }

  /** Takes the service's lock, waiting while another run holds it (at most `timeoutMs`). */
  private async waitForLock(lock: { acquire(): Promise<void> }, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await lock.acquire();
        return;
      } catch (error) {
        if (!(error instanceof LockHeldError) || Date.now() >= deadline) throw error;
        this.ctx.log.progress(`waiting: ${error.message.split('\n')[0] ?? ''}`);
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }

  /** Ready replicas of the namespace's workloads (`only`: of that one Deployment). */
  private async workloads(namespace: string, only?: string): Promise<string> {
    const apps = this.cluster.apis.apps;
    const [deployments, sets] = await Promise.all([
      apps.listNamespacedDeployment({ namespace }),
      only === undefined ? apps.listNamespacedStatefulSet({ namespace }) : { items: [] },
    ]);
    const lines = [
      ...deployments.items
        .filter((d) => only === undefined || d.metadata?.name === only)
        .map(
          (d) =>
            `Deployment ${d.metadata?.name ?? ''} ${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1} ready`,
        ),
      ...sets.items.map(
        (s) =>
          `StatefulSet ${s.metadata?.name ?? ''} ${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1} ready`,
      ),
    ];
    return lines.join(', ') || 'no workloads';
  }

  // ---- down ----------------------------------------------------------------------------------------

  /** Every preview of the repository (of one pull request): namespaces, and header-routed ones beside production. */
  private async entries(pr?: number): Promise<PreviewEntry[]> {
    const namespaces = await this.cluster.list(this.ctx.repo.fullName, pr);
    try {
      return [...namespaces, ...(await this.headers.list(this.ctx.repo.fullName, pr))];
    } catch (error) {
      // Header previews are found by listing Deployments in every namespace: an account that may not
      // still gets its namespace previews handled.
      this.ctx.log.warn(`header-routed previews not listed: ${message(error)}`);
      return namespaces;
    }
  }

  async down(request: DownRequest): Promise<PreviewResult> {
    const entries = (await this.entries(request.pr)).filter(
      (e) => request.service === undefined || e.service === request.service,
    );
    const why = `pull request #${request.pr} ${request.merged ? 'merged' : 'closed'}`;
    if (entries.length === 0 && request.service !== undefined) {
      // No namespace (never deployed, or already removed): the deployments still go inactive.
      const environment = previewNamespace(request.service, request.pr);
      const off = await this.deployments.deactivate(environment, undefined, `${why}: preview removed`);
      const reason = `no preview of ${request.service} for #${request.pr} in the cluster; ${off.deactivated.length} deployment(s) marked inactive`;
      return { result: 'removed', reason };
    }
    if (entries.length === 0)
      return { result: 'skipped', reason: `no preview of #${request.pr} in the cluster` };
    const lines: string[] = [];
    let last: PreviewResult | undefined;
    for (const entry of entries) {
      last = await this.remove(entry, why);
      lines.push(last.reason);
    }
    return { ...last!, result: 'removed', reason: lines.join('; ') };
  }

  private async remove(entry: PreviewEntry, why: string): Promise<PreviewResult> {
    const removal =
      entry.mode === 'header' ? await this.headers.remove(entry) : await this.cluster.remove(entry);
    const off = await this.deployments.deactivate(entry.environment, undefined, `${why}: preview removed`);
    const view = this.entryView(entry, 'removed', `${why}: the preview was removed`);
    const posted = await this.comment(entry.pr, entry.service).upsert(renderComment(view), { create: false });
    const state = removal === 'deleting' ? 'is being deleted' : 'removed';
    return {
      result: 'removed',
      reason: `${describeEntry(entry)} ${state} (${why}); ${off.deactivated.length} deployment(s) marked inactive`,
      view,
      ...(posted ? { commentId: posted.id } : {}),
    };
  }

  private entryView(entry: PreviewEntry, status: PreviewView['status'], reason: string): PreviewView {
    return {
      service: entry.service,
      pr: entry.pr,
      status,
      reason,
      namespace: entry.namespace,
      environment: entry.environment,
      sha: entry.sha,
      images: {},
      ...(entry.header ? { header: { name: entry.header, value: String(entry.pr) } } : {}),
      ...(entry.url ? { url: entry.url } : {}),
      expiresAt: entry.expiresAt,
      idleSeconds: entry.idleSeconds,
      logUrl: this.ctx.runUrl,
      updatedAt: this.now(),
    };
  }

  // ---- sweep ---------------------------------------------------------------------------------------

  async sweep(): Promise<PreviewResult> {
    const entries = await this.entries();
    const pulls = new Map<number, PullRequestInfo | undefined>();
    for (const pr of new Set(entries.map((e) => e.pr))) pulls.set(pr, await this.pull(pr));
    const now = this.now();
    const swept: SweptPreview[] = [];
    for (const entry of entries) {
      const base = { namespace: entry.namespace, service: entry.service, pr: entry.pr };
      try {
        if (entry.terminating) {
          swept.push({ ...base, action: 'removed', reason: 'already being deleted' });
          continue;
        }
        const pull = pulls.get(entry.pr);
        if (pull === undefined || pull.state === 'closed') {
          const why =
            pull === undefined
              ? `pull request #${entry.pr} is gone`
              : `pull request #${entry.pr} ${pull.merged ? 'merged' : 'closed'}`;
          await this.remove(entry, why);
          swept.push({ ...base, action: 'removed', reason: why });
          continue;
        }
        if (now.getTime() >= entry.expiresAt.getTime()) {
          const why = `expired at ${entry.expiresAt.toISOString()} (created ${entry.createdAt.toISOString()})`;
          await this.remove(entry, why);
          swept.push({ ...base, action: 'removed', reason: why });
          continue;
        }
        const idleFor = (now.getTime() - entry.updatedAt.getTime()) / 1000;
        if (!entry.sleeping && entry.idleSeconds > 0 && idleFor >= entry.idleSeconds) {
          const why = `no new commit since ${entry.updatedAt.toISOString()} (idle timeout ${entry.idleSeconds} s)`;
          const scaled =
            entry.mode === 'header' ? await this.headers.sleep(entry) : await this.cluster.sleep(entry);
          await this.deployments.deactivate(entry.environment, undefined, 'asleep: scaled to zero');
          const view = this.entryView(
            entry,
            'sleeping',
            `${why}: scaled to zero (${scaled.join(', ') || 'no workloads'})`,
          );
          await this.comment(entry.pr, entry.service).upsert(renderComment(view), { create: false });
          swept.push({ ...base, action: 'sleeping', reason: why });
          continue;
        }
        swept.push({ ...base, action: 'kept', reason: entry.sleeping ? 'asleep' : 'open and active' });
      } catch (error) {
        this.ctx.log.warn(`${describeEntry(entry)}: ${message(error)}`);
        swept.push({ ...base, action: 'kept', reason: `not swept: ${message(error)}` });
      }
    }
    const count = (action: SweptPreview['action']) => swept.filter((s) => s.action === action).length;
    return {
      result: 'swept',
      reason: `${entries.length} preview(s): ${count('removed')} removed, ${count('sleeping')} put to sleep, ${count('kept')} kept`,
      swept,
    };
  }
}

/** `web-pr-7` (its namespace), `web-pr-7 beside production in shop` (header-routed). */
function describeEntry(entry: PreviewEntry): string {
  return entry.mode === 'header' ? `${entry.name} beside production in ${entry.namespace}` : entry.namespace;
}
