// Builtin layer-7 queries: for each metrics source (one file each), the PromQL that counts an arm's
// requests and its failed or slow requests, as compare checks and SLO burn-rate guards take them, so
// nobody writes PromQL by hand. Which source a service uses follows from its router (config.ts).
import { ENVOY_SOURCE } from './envoy.js';
import { INGRESS_NGINX_SOURCE } from './ingress-nginx.js';
import { ISTIO_SOURCE } from './istio.js';
import { LINKERD_SOURCE } from './linkerd.js';
import {
  BuiltinQueryError,
  type Arm,
  type ArmQueries,
  type BuiltinMetric,
  type BuiltinTarget,
} from './promql.js';
import { SELF_SOURCE } from './self.js';
import type { BuiltinOptions, BuiltinSource, BuiltinSourceName } from './source.js';
import { TRAEFIK_SOURCE } from './traefik.js';

export type { BuiltinOptions, BuiltinSource, BuiltinSourceName } from './source.js';
export {
  BuiltinQueryError,
  leSpellings,
  pickBucket,
  type Arm,
  type ArmQueries,
  type BuiltinMetric,
  type BuiltinTarget,
  type Histogram,
  type LatencyBucket,
} from './promql.js';

export const BUILTIN_SOURCES: Readonly<Record<BuiltinSourceName, BuiltinSource>> = {
  istio: ISTIO_SOURCE,
  envoy: ENVOY_SOURCE,
  linkerd: LINKERD_SOURCE,
  'ingress-nginx': INGRESS_NGINX_SOURCE,
  traefik: TRAEFIK_SOURCE,
  self: SELF_SOURCE,
};

/** The queries of the arms a check needs, or why there are none. */
export type BuiltinCheckQueries =
  | { ok: true; source: BuiltinSourceName; arms: Partial<Record<Arm, ArmQueries>> }
  | { ok: false; source: BuiltinSourceName; problem: string };

/** One source's queries for each of `arms` (compare: canary and baseline; burn-rate: the canary). */
export function builtinQueries(
  source: BuiltinSourceName,
  target: BuiltinTarget,
  metric: BuiltinMetric,
  options: BuiltinOptions = {},
  arms: readonly Arm[] = ['canary', 'baseline'],
): BuiltinCheckQueries {
  const queries = BUILTIN_SOURCES[source].queries;
  try {
    return {
      ok: true,
      source,
      arms: Object.fromEntries(arms.map((arm) => [arm, queries(arm, target, metric, options)])),
    };
  } catch (error) {
    if (error instanceof BuiltinQueryError) return { ok: false, source, problem: error.message };
    throw error;
  }
}
