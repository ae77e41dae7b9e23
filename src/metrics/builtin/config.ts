// From dial.yaml to builtin queries: which source a router's metrics come from, what the queries select,
// and whether the analysis interval is long enough for the provider's scrape interval. The plan
// (src/plan/plan.ts) and the analysis (src/analysis/from-config.ts) both ask here, so the queries the
// plan shows are the ones the rollout runs.
//
// Sources by router:
//   replicas      → self (the service's own metrics by the pod's track label; see self.ts)
//   gateway-api   → router.implementation: envoy (default), istio, linkerd or traefik
//   istio         → istio
//   smi           → router.implementation: linkerd (default: the mesh that implements SMI today) or envoy
//   ingress-nginx → ingress-nginx
//   emissary      → envoy
//
// Why envoy is gateway-api's default: most conformant implementations are Envoy-based, and those that
// keep an Envoy cluster per backend Service (Contour, kgateway, Cilium) report canary and baseline apart
// in envoy_cluster_* — Envoy Gateway does not (one cluster per route rule), and istio, linkerd and traefik
// have their own metrics; the test bed's Traefik says `implementation: traefik`.
import { durationSeconds, formatDuration } from '../../config/duration.js';
import type { DialConfig, RouterConfig, RouterImplementation } from '../../config/types.js';
import { builtinQueries, type BuiltinCheckQueries } from './index.js';
import type { Arm, BuiltinTarget } from './promql.js';
import type { BuiltinOptions, BuiltinSourceName } from './source.js';

export const DEFAULT_GATEWAY_IMPLEMENTATION: RouterImplementation = 'envoy';
export const DEFAULT_SMI_IMPLEMENTATION: RouterImplementation = 'linkerd';
/**
 * The scrape interval assumed when dial.yaml does not state one: Prometheus' example configuration and
 * Istio's bundled Prometheus scrape every 15 s. Assuming faster would let a too-short interval through,
 * and every window would then come back empty (no data, never a promotion, but after the whole horizon).
 */
export const DEFAULT_SCRAPE_INTERVAL = '15s';
/** increase() needs two samples inside its range: a window must span two scrape intervals. */
export const SCRAPES_PER_WINDOW = 2;

/** The source of a router's layer-7 metrics. */
export function builtinSourceFor(router: Pick<RouterConfig, 'type' | 'implementation'>): BuiltinSourceName {
  switch (router.type) {
    case 'replicas':
      return 'self';
    case 'istio':
      return 'istio';
    case 'ingress-nginx':
      return 'ingress-nginx';
    case 'emissary':
      return 'envoy';
    case 'smi':
      return router.implementation ?? DEFAULT_SMI_IMPLEMENTATION;
    case 'gateway-api':
      return router.implementation ?? DEFAULT_GATEWAY_IMPLEMENTATION;
  }
}

export interface BuiltinSetup {
  source: BuiltinSourceName;
  /** How the source was chosen, for the plan: `gateway-api, implementation traefik`. */
  chosenBy: string;
  target: BuiltinTarget;
  options: BuiltinOptions;
  scrapeIntervalSeconds: number;
  /** The shortest analysis interval the queries answer with: SCRAPES_PER_WINDOW × scrape interval. */
  minIntervalSeconds: number;
}

export type BuiltinAvailability = { ok: true; setup: BuiltinSetup } | { ok: false; reason: string };

/** The builtin queries' setting for this configuration, or why it has none (a provider without PromQL). */
export function builtinSetup(config: DialConfig): BuiltinAvailability {
  const analysis = config.analysis ?? {};
  const provider = analysis.provider;
  if (provider !== undefined && provider.type !== 'prometheus') {
    return {
      ok: false,
      reason: `builtin queries are PromQL and the provider is \`${provider.type}\``,
    };
  }
  const router = config.router ?? { type: 'replicas' as const };
  const source = builtinSourceFor(router);
  const scrapeIntervalSeconds = durationSeconds(provider?.scrapeInterval ?? DEFAULT_SCRAPE_INTERVAL);
  const options: BuiltinOptions = { ...(analysis.builtin ?? {}) };
  return {
    ok: true,
    setup: {
      source,
      chosenBy:
        router.type === 'gateway-api' || router.type === 'smi'
          ? `router ${router.type}, implementation ${source}${router.implementation === undefined ? ' by default' : ''}`
          : `router ${router.type}`,
      target: { namespace: config.namespace ?? 'default', workload: config.workload?.name ?? config.service },
      options,
      scrapeIntervalSeconds,
      minIntervalSeconds: SCRAPES_PER_WINDOW * scrapeIntervalSeconds,
    },
  };
}

/** The builtin queries of one check (compare: both arms; burn-rate: `arms: ['canary']`). */
export function builtinCheckQueries(
  setup: BuiltinSetup,
  metric: 'errors' | 'latency',
  thresholdMs: number | undefined,
  arms: readonly Arm[] = ['canary', 'baseline'],
): BuiltinCheckQueries {
  if (metric === 'latency' && thresholdMs === undefined) {
    return { ok: false, source: setup.source, problem: 'latency needs thresholdMs' };
  }
  return builtinQueries(
    setup.source,
    setup.target,
    metric === 'latency' && thresholdMs !== undefined ? { metric, thresholdMs } : { metric: 'errors' },
    setup.options,
    arms,
  );
}

/** Why an analysis interval is too short for the builtin queries, or undefined when it is long enough. */
export function intervalProblem(setup: BuiltinSetup, intervalSeconds: number): string | undefined {
  if (intervalSeconds >= setup.minIntervalSeconds) return undefined;
  return (
    `analysis.interval ${formatDuration(intervalSeconds)} is shorter than ${SCRAPES_PER_WINDOW} × the scrape interval ` +
    `${formatDuration(setup.scrapeIntervalSeconds)} (analysis.provider.scrapeInterval, default ${DEFAULT_SCRAPE_INTERVAL}): ` +
    `Prometheus' increase() needs ${SCRAPES_PER_WINDOW} samples inside each measurement window, so the builtin queries would find no data. ` +
    `Set analysis.interval to ${formatDuration(setup.minIntervalSeconds)} or more, or state analysis.provider.scrapeInterval if Prometheus scrapes these metrics more often`
  );
}
