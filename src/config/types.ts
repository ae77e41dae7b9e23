// TypeScript view of dial.yaml. schema/dial.schema.json is the source of truth (Ajv validates against it);
// these types are kept in step by hand, and test/unit/config checks the examples against both.
import type { CountQueries, NoDataPolicy } from '../analysis/spec.js';

export const PROFILES = ['prototype', 'production', 'mission-critical'] as const;
export type ProfileName = (typeof PROFILES)[number];

export const ROUTER_TYPES = ['replicas', 'gateway-api', 'istio', 'smi', 'ingress-nginx', 'emissary'] as const;
export type RouterType = (typeof ROUTER_TYPES)[number];

export type NoData = NoDataPolicy;

/**
 * Which implementation serves a gateway-api (or smi) router, so the builtin queries read its metrics
 * (src/metrics/builtin). gateway-api defaults to envoy, smi to linkerd; smi takes linkerd or envoy only.
 */
export const ROUTER_IMPLEMENTATIONS = ['envoy', 'istio', 'linkerd', 'traefik'] as const;
export type RouterImplementation = (typeof ROUTER_IMPLEMENTATIONS)[number];

export interface ImageConfig {
  name: string;
  context: string;
  containerfile?: string;
  repository: string;
}

export interface RouterConfig {
  type: RouterType;
  port?: number;
  implementation?: RouterImplementation;
  httpRoute?: string;
  virtualService?: string;
  destinationRule?: string;
  trafficSplit?: string;
  ingress?: string;
  mapping?: string;
}

export interface StepObject {
  weight: number;
  bake?: string;
  approval?: boolean;
}
export type StepConfig = number | StepObject;

export interface StrategyConfig {
  type?: 'canary' | 'rolling';
  steps?: StepConfig[];
  bake?: string;
  approval?: { environment: string };
  watch?: string;
  progressDeadline?: string;
}

/** dial.yaml's `analysis.provider`: src/metrics' ProviderConfig with durations instead of seconds. */
export interface ProviderConfigYaml {
  type: 'prometheus' | 'datadog' | 'newrelic' | 'cloudwatch' | 'http';
  url?: string;
  auth?:
    | { type: 'none' }
    | { type: 'bearer'; tokenEnv: string }
    | { type: 'basic'; username?: string; usernameEnv?: string; passwordEnv: string };
  onlineCheck?: 'query' | 'ready';
  /** prometheus: how often the builtin queries' metrics are scraped (default 15s). */
  scrapeInterval?: string;
  site?: string;
  apiKeyEnv?: string;
  applicationKeyEnv?: string;
  accountId?: number;
  region?: string;
  endpoint?: string;
  method?: 'GET' | 'POST';
  body?: string;
  valuePath?: string;
  timeFormat?: 'unix' | 'unix-ms' | 'rfc3339';
  timeout?: string;
  retries?: number;
  headers?: Record<string, string>;
  headersFromEnv?: Record<string, string>;
  tls?: {
    caFile?: string;
    certFile?: string;
    keyFile?: string;
    serverName?: string;
    insecureSkipVerify?: boolean;
  };
}

export type CountQueriesConfig = CountQueries;

export interface CheckConfig {
  name: string;
  type: 'compare' | 'threshold';
  metric?: 'errors' | 'latency';
  thresholdMs?: number;
  tolerance?: number;
  regression?: number;
  minRequests?: number;
  queries?: { canary: CountQueriesConfig; baseline: CountQueriesConfig };
  query?: string;
  min?: number;
  max?: number;
  critical?: boolean;
  noData?: NoData;
}

/** dial.yaml's `analysis.builtin`: what differs from the builtin queries' defaults (src/metrics/builtin). */
export interface BuiltinConfig {
  /** Latency histogram bucket bounds in the histogram's own unit. */
  buckets?: number[];
  /** replicas: request counter name. */
  requests?: string;
  /** replicas: duration histogram name, without `_bucket`. */
  duration?: string;
  durationUnit?: 's' | 'ms';
  codeLabel?: string;
  trackLabel?: string;
  namespaceLabel?: string;
}

export interface AnalysisConfig {
  provider?: ProviderConfigYaml;
  interval?: string;
  alpha?: number;
  noData?: NoData;
  builtin?: BuiltinConfig;
  checks?: CheckConfig[];
}

export interface SloConfig {
  name: string;
  objective: number;
  metric?: 'errors' | 'latency';
  thresholdMs?: number;
  queries?: CountQueriesConfig;
}

export interface SmokeConfig {
  enabled?: boolean;
  path?: string;
  expectStatus?: number;
  timeout?: string;
}

export interface HookConfig {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  timeout?: string;
}

export interface HooksConfig {
  preDeploy?: HookConfig[];
  postDeploy?: HookConfig[];
  postPromote?: HookConfig[];
  onRollback?: HookConfig[];
}

export interface PreviewConfig {
  enabled?: boolean;
  mode?: 'namespace' | 'header';
  ttl?: string;
  idleTimeout?: string;
  host?: string;
  header?: string;
}

/** A dial.yaml document as written (every field but service and manifests optional). */
export interface DialConfig {
  service: string;
  profile?: ProfileName;
  namespace?: string;
  images?: ImageConfig[];
  manifests: string[];
  workload?: { kind?: 'Deployment'; name?: string };
  router?: RouterConfig;
  strategy?: StrategyConfig;
  analysis?: AnalysisConfig;
  slos?: SloConfig[];
  smoke?: SmokeConfig;
  hooks?: HooksConfig;
  preview?: PreviewConfig;
}

/** Profile defaults: any part of a DialConfig except what only the service can know. */
export type ConfigDefaults = Omit<Partial<DialConfig>, 'service' | 'manifests' | 'images'>;
