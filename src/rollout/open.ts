// Wires the engine to the real world for one service: the cluster, the record and the Lease through
// client-node, the router named by dial.yaml (or by the record, for commands that take only the
// service), and the analysis the release recorded. The CLI and the actions share this.
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeCluster } from '../kube/cluster.js';
import { lockIdentity } from '../kube/identity.js';
import { LeaseLock } from '../kube/lease.js';
import { ConfigMapStateStore } from '../kube/state-store.js';
import type { RouterConfig } from '../config/types.js';
import { createRouter } from '../traffic/index.js';
import { RolloutEngine } from './engine.js';
import type { AnalysisSpec } from '../analysis/spec.js';
import { ProviderStepJudge, type StepJudge } from './judge.js';
import type { Provider } from '../metrics/provider.js';
import type { Clock, Lock, Reporter } from './ports.js';
import type { ReleaseSettings, RolloutRecord } from './record.js';

export interface OpenSettings {
  kc: KubeConfig;
  service: string;
  namespace: string;
  /** From dial.yaml; else the record's; else the service name. */
  workload?: string;
  /** From dial.yaml (the whole `router` section, or just its type); else the record's; else `replicas`. */
  router?: RouterConfig | string;
  /** The release's settings from dial.yaml; else the release in progress's. */
  settings?: ReleaseSettings;
  breakLock?: boolean;
  /**
   * When the metric provider is made: `eager` (default) now, so a missing secret fails before anything
   * is applied; `lazy` at the first measurement (promote: only its watch measures); `none` never
   * (deploy, rollback). The providers' code is loaded only then.
   */
  analysis?: 'eager' | 'lazy' | 'none';
  reporter: Reporter;
  clock?: Clock;
}

export interface OpenedService {
  engine: RolloutEngine;
  namespace: string;
  record: RolloutRecord | undefined;
  cluster: KubeCluster;
  lock: LeaseLock;
  /** API requests made by every part, for the benchmark. */
  requests(): number;
}

export const realClock: Clock = {
  now: () => new Date(),
  sleepUntil: (time, signal) =>
    new Promise((resolve, reject) => {
      const ms = Math.max(0, time.getTime() - Date.now());
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
        },
        { once: true },
      );
    }),
};

/** The lock with --break-lock applied to every acquire. */
function breaking(lock: LeaseLock, force: boolean): Lock {
  return {
    acquire: (options) => lock.acquire({ force: force || options?.force === true }),
    keepAlive: () => lock.keepAlive(),
    release: () => lock.release(),
    holder: () => lock.holder(),
  };
}

export async function openService(settings: OpenSettings): Promise<OpenedService> {
  const identity = lockIdentity();
  const cluster = new KubeCluster(settings.kc);
  const store = new ConfigMapStateStore(settings.kc, settings.namespace, settings.service, { identity });
  const lock = new LeaseLock(settings.kc, settings.namespace, settings.service, {
    identity,
    onWarning: (line) => settings.reporter.warn(line),
  });
  // Commands given dial.yaml know everything already; the others learn it from the record.
  const complete =
    settings.workload !== undefined && settings.router !== undefined && settings.settings !== undefined;
  const record = complete ? undefined : (await store.read())?.record;
  const workload = settings.workload ?? record?.workload.name ?? settings.service;
  const given = typeof settings.router === 'string' ? { type: settings.router } : settings.router;
  const routerConfig = (given ??
    record?.routerConfig ?? { type: record?.router ?? 'replicas' }) as RouterConfig;
  const router = createRouter(routerConfig, cluster, {
    namespace: settings.namespace,
    workload,
    service: settings.service,
    config: routerConfig,
  });
  const clock = settings.clock ?? realClock;
  const releaseSettings = settings.settings ?? record?.current?.settings;
  const analysis = settings.analysis === 'none' ? undefined : releaseSettings?.analysis;
  let provider: Promise<Provider> | undefined;
  const makeProvider = () =>
    (provider ??= import('../metrics/factory.js').then((m) => m.createProvider(analysis!.provider)));
  if (analysis && settings.analysis !== 'lazy') await makeProvider();
  const judge: StepJudge | undefined = analysis
    ? lazyJudge(
        makeProvider,
        (bake) =>
          // A step lasts its bake: a pass needs the whole bake, and the analysis decides by its end.
          bake > 0 ? { ...analysis.spec, minDurationSeconds: bake, maxDurationSeconds: bake } : analysis.spec,
        clock,
      )
    : undefined;
  const watched = analysis ? watchSpec(analysis.spec) : undefined;
  const watchJudge = watched ? lazyJudge(makeProvider, watched, clock) : undefined;
  const engine = new RolloutEngine(
    {
      cluster,
      store,
      lock: breaking(lock, settings.breakLock === true),
      router,
      clock,
      reporter: settings.reporter,
      identity,
      ...(judge ? { judge } : {}),
      ...(watchJudge ? { watchJudge } : {}),
    },
    {
      service: settings.service,
      namespace: settings.namespace,
      workload,
      routerConfig,
      progressDeadlineSeconds: releaseSettings?.progressDeadlineSeconds ?? 600,
    },
  );
  return {
    engine,
    namespace: settings.namespace,
    record,
    cluster,
    lock,
    requests: () => cluster.requests + store.requests + lock.requests,
  };
}

/** A judge whose provider is made (and its code loaded) when it first measures. */
function lazyJudge(
  provider: () => Promise<Provider>,
  specFor: (bakeSeconds: number) => AnalysisSpec,
  clock: Clock,
): StepJudge {
  return {
    judge: async (input) => new ProviderStepJudge(await provider(), specFor, clock).judge(input),
  };
}

/**
 * The watch after promotion judges the new stable by the analysis' threshold checks only: compare checks
 * need a baseline and burn-rate checks the canary's own series, both gone once it is promoted. Every
 * threshold check is critical here (the release already serves everyone); no data holds, never fails.
 */
export function watchSpec(spec: AnalysisSpec): ((seconds: number) => AnalysisSpec) | undefined {
  const checks = spec.checks
    .filter((check) => check.type === 'threshold')
    .map((check) => ({ ...check, critical: true, noData: 'hold' as const }));
  if (checks.length === 0) return undefined;
  return (seconds) => ({
    ...spec,
    noData: 'hold',
    checks,
    minDurationSeconds: seconds,
    maxDurationSeconds: seconds,
  });
}
