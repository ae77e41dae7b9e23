// The resolved plan: what a rollout of this configuration would do, in order, and where each value came
// from. A pure function of the resolved configuration, so `dial plan`, the dry run and tests agree.
import { WORKBOOK_WINDOWS } from '../analysis/burn-rate-judge.js';
import { ANALYSIS_DEFAULTS, compareCheckAlpha } from '../analysis/defaults.js';
import { durationSeconds, formatDuration } from '../config/duration.js';
import type { ResolvedConfig } from '../config/load.js';
import { sourceOf, type Source } from '../config/merge.js';
import { ROUTERS_WITH_BUILTIN_QUERIES } from '../config/semantic.js';
import type { CheckConfig, DialConfig, HookConfig, ProfileName, RouterConfig } from '../config/types.js';
import type { CountQueries } from '../analysis/spec.js';
import { BUILTIN_SOURCES } from '../metrics/builtin/index.js';
import {
  builtinCheckQueries,
  builtinSetup,
  intervalProblem,
  type BuiltinAvailability,
} from '../metrics/builtin/config.js';

export interface PlanStep {
  /** 1-based position. */
  index: number;
  weight: number;
  /** Hold before the next step, with analysis; 0 for the last step (promotion follows). */
  bakeSeconds: number;
  /** GitHub environment whose approval is awaited before this step's weight is set. */
  approval?: string;
  analysis: boolean;
  source: Source;
}

export interface PlanCheck {
  name: string;
  kind: 'compare' | 'threshold' | 'burn-rate' | 'smoke';
  /** The rule in words, e.g. "canary error rate no worse than baseline × 1 (alpha 0.05)". */
  rule: string;
  /** The same rule as numbers, for machines. */
  thresholds: Record<string, number>;
  critical: boolean;
  noData: string;
  /** `builtin (istio)`, `explicit`, or `explicit query` (threshold; the text is in `query`). */
  queries: string;
  query?: string;
  /** The builtin queries the check runs, exactly as the rollout sends them (absent for explicit ones). */
  builtin?: PlanBuiltinQueries;
  source: Source;
}

/** One check's builtin queries: per arm (a burn-rate guard has the canary only), or why there are none. */
export interface PlanBuiltinQueries {
  /** The metrics source (src/metrics/builtin): istio, envoy, linkerd, ingress-nginx, traefik, self. */
  source: string;
  /** What the check counts, in words: `traefik_service_requests_total: bad = code 5xx`. */
  counts: string;
  canary?: CountQueries;
  baseline?: CountQueries;
  /** Latency: the histogram bucket the threshold maps to (the smallest bound ≥ thresholdMs). */
  bucket?: { le: string; boundMs: number; exact: boolean };
  /** E.g. that thresholdMs falls between two buckets. */
  notes: string[];
  /** Why the source cannot count this check (a threshold above every bucket). */
  problem?: string;
}

/** Where the builtin queries read from, and the analysis interval they need. */
export type PlanBuiltin =
  | {
      source: string;
      /** How the source was chosen: `gateway-api, implementation traefik`. */
      chosenBy: string;
      metrics: { requests: string; histogram: string };
      namespace: string;
      /** The per-track names the queries select (Services, Deployments; `self`: the track label). */
      canary: string;
      baseline: string;
      scrapeIntervalSeconds: number;
      /** increase() needs two samples per window: the analysis interval must be at least this. */
      minIntervalSeconds: number;
      /** Set when the analysis interval is shorter than minIntervalSeconds. */
      problem?: string;
    }
  | { unavailable: string };

export interface PlanObject {
  kind: string;
  name: string;
  /** What the rollout does to it. */
  change: string;
}

export interface Plan {
  service: string;
  profile: ProfileName;
  namespace: string;
  strategy: 'canary' | 'rolling';
  workload: { kind: string; name: string };
  images: Array<{ name: string; context: string; containerfile?: string; repository: string; ref?: string }>;
  manifests: { paths: string[]; files: string[] };
  router: { type: string; port: number; objects: PlanObject[] };
  steps: PlanStep[];
  /** Seconds of post-promotion watch; 0 = none. */
  watchSeconds: number;
  progressDeadlineSeconds: number;
  analysis?: {
    intervalSeconds: number;
    alpha: number;
    noData: string;
    provider?: { type: string; url?: string };
    /** Present when a check or SLO runs builtin queries. */
    builtin?: PlanBuiltin;
    checks: PlanCheck[];
  };
  smoke?: { path: string; expectStatus: number; timeoutSeconds: number };
  hooks: Record<string, string[]>;
  preview: {
    enabled: boolean;
    mode?: string;
    ttlSeconds?: number;
    idleTimeoutSeconds?: number;
    host?: string;
  };
  /** Shortest time from first step to done if every analysis passes at once after its bake. */
  minimumSeconds: number;
  /** Field path -> where the value came from: `profile production`, the dial.yaml path, an input. */
  sources: Record<string, Source>;
}

export function buildPlan(resolved: ResolvedConfig): Plan {
  const { config, profile, sources } = resolved;
  const from = (...path: Array<string | number>): Source => sourceOf(sources, path) ?? 'default';
  const strategy = config.strategy ?? {};
  const canary = strategy.type !== 'rolling';
  const namespace = config.namespace ?? 'default';
  const workload = {
    kind: config.workload?.kind ?? 'Deployment',
    name: config.workload?.name ?? config.service,
  };
  const router = config.router ?? { type: 'replicas' as const };
  const bake = durationSeconds(strategy.bake ?? '0s');

  const steps: PlanStep[] = canary
    ? (strategy.steps ?? []).map((step, i, all) => {
        const weight = typeof step === 'number' ? step : step.weight;
        const last = i === all.length - 1;
        const own = typeof step === 'number' ? undefined : step.bake;
        const gate = typeof step !== 'number' && step.approval === true;
        return {
          index: i + 1,
          weight,
          bakeSeconds: last ? 0 : own ? durationSeconds(own) : bake,
          ...((gate || last) && strategy.approval ? { approval: strategy.approval.environment } : {}),
          analysis: !last,
          source: from('strategy', 'steps'),
        };
      })
    : [{ index: 1, weight: 100, bakeSeconds: 0, analysis: false, source: from('strategy', 'type') }];

  const watchSeconds = canary && strategy.watch ? durationSeconds(strategy.watch) : 0;
  const analysis = canary ? planAnalysis(config, profile, router, from) : undefined;
  const smoke =
    config.smoke?.enabled === true
      ? {
          path: config.smoke.path ?? '/',
          expectStatus: config.smoke.expectStatus ?? 200,
          timeoutSeconds: durationSeconds(config.smoke.timeout ?? '1m'),
        }
      : undefined;
  const preview = config.preview ?? {};
  return {
    service: config.service,
    profile,
    namespace,
    strategy: canary ? 'canary' : 'rolling',
    workload,
    images: (config.images ?? []).map((image) => ({
      ...image,
      ...(resolved.imageRefs[image.name] ? { ref: resolved.imageRefs[image.name] } : {}),
    })),
    manifests: { paths: config.manifests, files: resolved.manifestFiles },
    router: {
      type: router.type,
      port: router.port ?? 80,
      objects: canary ? routerObjects(config, router) : [],
    },
    steps,
    watchSeconds,
    progressDeadlineSeconds: durationSeconds(strategy.progressDeadline ?? '10m'),
    ...(analysis ? { analysis } : {}),
    ...(smoke ? { smoke } : {}),
    hooks: Object.fromEntries(
      (Object.entries(config.hooks ?? {}) as Array<[string, HookConfig[] | undefined]>).map(
        ([when, hooks]) => [when, (hooks ?? []).map((hook) => `${hook.method ?? 'POST'} ${hook.url}`)],
      ),
    ),
    preview: {
      enabled: preview.enabled === true,
      ...(preview.enabled
        ? {
            mode: preview.mode ?? 'namespace',
            ttlSeconds: durationSeconds(preview.ttl ?? '7d'),
            idleTimeoutSeconds: durationSeconds(preview.idleTimeout ?? '1h'),
            ...(preview.host ? { host: preview.host } : {}),
          }
        : {}),
    },
    minimumSeconds: steps.reduce((sum, step) => sum + step.bakeSeconds, 0) + watchSeconds,
    sources: Object.fromEntries(sources),
  };
}

type From = (...path: Array<string | number>) => Source;

function planAnalysis(
  config: DialConfig,
  profile: ProfileName,
  router: RouterConfig,
  from: From,
): Plan['analysis'] {
  const analysis = config.analysis ?? {};
  const d = ANALYSIS_DEFAULTS[profile];
  const alpha = analysis.alpha ?? d.alpha;
  const noData = analysis.noData ?? d.noData;
  const available = builtinSetup(config);
  const builtin =
    ROUTERS_WITH_BUILTIN_QUERIES.includes(router.type) && available.ok ? `builtin (${router.type})` : 'none';
  const intervalSeconds = durationSeconds(analysis.interval ?? `${d.intervalSeconds}s`);
  // The compare checks share the analysis' alpha, exactly as the engine splits it.
  const compareAlpha = compareCheckAlpha(
    alpha,
    (analysis.checks ?? []).filter((check) => check.type === 'compare').length,
  );
  const checks: PlanCheck[] = (analysis.checks ?? []).map((check, i) =>
    planCheck(check, {
      alpha: compareAlpha,
      noData,
      builtin,
      available,
      source: from('analysis', 'checks', i),
      profile,
    }),
  );
  for (const [i, slo] of (config.slos ?? []).entries()) {
    const objective = slo.objective / 100;
    const bad = slo.metric === 'latency' ? `slower than ${slo.thresholdMs ?? '?'} ms` : 'errors';
    checks.push({
      name: `slo-${slo.name}`,
      kind: 'burn-rate',
      rule: `canary burns the ${slo.objective}% budget (${bad}) slower than ${WORKBOOK_WINDOWS.map((w) => `${w.factor}× over ${formatDuration(w.longSeconds)}/${formatDuration(w.shortSeconds)}`).join(' and ')}`,
      thresholds: {
        objective,
        ...Object.fromEntries(
          WORKBOOK_WINDOWS.map((w) => [`factor${formatDuration(w.longSeconds)}`, w.factor]),
        ),
      },
      critical: true,
      noData,
      queries: slo.queries ? 'explicit' : builtin,
      ...(slo.queries
        ? {}
        : planBuiltinQueries(available, slo.metric ?? 'errors', slo.thresholdMs, ['canary'])),
      source: from('slos', i),
    });
  }
  // Where the builtin queries read from, whenever a check or SLO has no queries of its own.
  const wantsBuiltin =
    (analysis.checks ?? []).some((check) => check.type === 'compare' && !check.queries) ||
    (config.slos ?? []).some((slo) => !slo.queries);
  return {
    intervalSeconds,
    alpha,
    noData,
    ...(analysis.provider
      ? {
          provider: {
            type: analysis.provider.type,
            ...(analysis.provider.url ? { url: analysis.provider.url } : {}),
          },
        }
      : {}),
    ...(wantsBuiltin ? { builtin: builtinSummary(available, intervalSeconds) } : {}),
    checks,
  };
}

function builtinSummary(available: BuiltinAvailability, intervalSeconds: number): PlanBuiltin {
  if (!available.ok) return { unavailable: available.reason };
  const { setup } = available;
  const problem = intervalProblem(setup, intervalSeconds);
  const self = setup.source === 'self';
  return {
    source: setup.source,
    chosenBy: setup.chosenBy,
    metrics: BUILTIN_SOURCES[setup.source].metrics(setup.options),
    namespace: setup.target.namespace,
    canary: self ? 'canary' : `${setup.target.workload}-canary`,
    baseline: self ? 'baseline' : `${setup.target.workload}-baseline`,
    scrapeIntervalSeconds: setup.scrapeIntervalSeconds,
    minIntervalSeconds: setup.minIntervalSeconds,
    ...(problem ? { problem } : {}),
  };
}

/** A check's builtin queries for the plan, as `{ builtin }` to spread into its line (or nothing). */
function planBuiltinQueries(
  available: BuiltinAvailability,
  metric: 'errors' | 'latency',
  thresholdMs: number | undefined,
  arms: Array<'canary' | 'baseline'> = ['canary', 'baseline'],
): { builtin?: PlanBuiltinQueries } {
  if (!available.ok) return {};
  const { setup } = available;
  const source = BUILTIN_SOURCES[setup.source];
  const names = source.metrics(setup.options);
  const made = builtinCheckQueries(setup, metric, thresholdMs, arms);
  if (!made.ok)
    return {
      builtin: {
        source: setup.source,
        counts: metric === 'latency' ? names.histogram : names.requests,
        notes: [],
        problem: made.problem,
      },
    };
  const { canary, baseline } = made.arms;
  const bucket = canary?.bucket ?? baseline?.bucket;
  const plain = (q: CountQueries | undefined) => (q ? { total: q.total, bad: q.bad } : undefined);
  const canaryQueries = plain(canary);
  const baselineQueries = plain(baseline);
  return {
    builtin: {
      source: setup.source,
      counts: bucket
        ? `${names.histogram}: slow = above the ${bucket.bound} ${bucket.unit} bucket (threshold ${bucket.thresholdMs} ms)`
        : `${names.requests}: bad = ${source.failed(setup.options)}`,
      ...(canaryQueries ? { canary: canaryQueries } : {}),
      ...(baselineQueries ? { baseline: baselineQueries } : {}),
      ...(bucket ? { bucket: { le: bucket.le, boundMs: bucket.boundMs, exact: bucket.exact } } : {}),
      notes: bucket?.note ? [bucket.note] : [],
    },
  };
}

function planCheck(
  check: CheckConfig,
  context: {
    alpha: number;
    noData: string;
    builtin: string;
    available: BuiltinAvailability;
    source: Source;
    profile: ProfileName;
  },
): PlanCheck {
  const d = ANALYSIS_DEFAULTS[context.profile];
  const base = {
    name: check.name,
    critical: check.critical ?? check.type === 'compare',
    noData: check.noData ?? context.noData,
    source: context.source,
  };
  if (check.type === 'threshold') {
    const bounds = [
      check.min !== undefined ? `≥ ${check.min}` : undefined,
      check.max !== undefined ? `≤ ${check.max}` : undefined,
    ].filter((part) => part !== undefined);
    return {
      ...base,
      kind: 'threshold',
      rule: `value ${bounds.join(' and ')}`,
      thresholds: {
        ...(check.min !== undefined ? { min: check.min } : {}),
        ...(check.max !== undefined ? { max: check.max } : {}),
      },
      queries: 'explicit query',
      query: check.query ?? '',
    };
  }
  const tolerance = check.tolerance ?? d.tolerance;
  const regression = check.regression ?? d.regression;
  const minRequests = check.minRequests ?? d.minRequests;
  const what =
    check.metric === 'latency'
      ? `share of requests slower than ${check.thresholdMs ?? '?'} ms`
      : 'error rate';
  return {
    ...base,
    kind: 'compare',
    rule: `canary ${what} ≤ baseline × ${tolerance}, alpha ${context.alpha}, ≥ ${minRequests} requests per arm`,
    thresholds: {
      tolerance,
      regression,
      alpha: context.alpha,
      minRequests,
      ...(check.thresholdMs !== undefined ? { thresholdMs: check.thresholdMs } : {}),
    },
    queries: check.queries ? 'explicit' : context.builtin,
    ...(check.queries
      ? {}
      : planBuiltinQueries(context.available, check.metric ?? 'errors', check.thresholdMs)),
  };
}

/** The objects each router changes, so a reviewer sees what a rollout would touch. */
function routerObjects(config: DialConfig, router: RouterConfig): PlanObject[] {
  const name = config.workload?.name ?? config.service;
  const svc = config.service;
  const objects: PlanObject[] = [
    {
      kind: 'Deployment',
      name: `${name}-canary`,
      change: 'the new version; removed after promotion or rollback',
    },
    {
      kind: 'Deployment',
      name: `${name}-baseline`,
      change: "the stable's template, as many pods as the canary; removed with it",
    },
  ];
  const service = (track: string, change: string) =>
    objects.push({ kind: 'Service', name: `${svc}-${track}`, change });
  // Mesh and gateway routers send each track its share through a Service of its own (src/traffic).
  const tracks = () => {
    service('stable', 'selects the stable pods (their pod-template-hash); removed after the rollout');
    service('canary', 'selects canary pods; removed after the rollout');
    service('baseline', 'selects baseline pods; removed after the rollout');
  };
  switch (router.type) {
    case 'replicas':
      objects.push({
        kind: 'Deployment',
        name,
        change: 'replicas scaled so the canary holds its share of pods',
      });
      break;
    case 'gateway-api':
      tracks();
      objects.push({
        kind: 'HTTPRoute',
        name: router.httpRoute ?? name,
        change: 'backend weights stable/baseline/canary per step; restored after',
      });
      break;
    case 'istio':
      if (router.destinationRule)
        objects.push({
          kind: 'DestinationRule',
          name: router.destinationRule,
          change: 'stable, baseline and canary subsets added; removed after',
        });
      else tracks();
      objects.push({
        kind: 'VirtualService',
        name: router.virtualService ?? name,
        change: 'route weights per step; restored after',
      });
      break;
    case 'smi':
      tracks();
      objects.push({
        kind: 'TrafficSplit',
        name: router.trafficSplit ?? name,
        change: 'backend weights per step',
      });
      break;
    case 'ingress-nginx':
      tracks();
      service('canary-and-baseline', 'selects canary and baseline pods (the canary Ingress backend)');
      objects.push({
        kind: 'Ingress',
        name: `${router.ingress ?? name}-canary`,
        change: 'canary-weight annotation per step; removed after',
      });
      break;
    case 'emissary':
      tracks();
      for (const track of ['stable', 'baseline', 'canary'])
        objects.push({
          kind: 'Mapping',
          name: `${router.mapping ?? name}-${track}`,
          change: 'weight per step; removed after',
        });
      break;
  }
  return objects;
}
