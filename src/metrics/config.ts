// Typed provider settings: what dial.yaml's `analysis.provider` resolves into (src/config maps it here).
// Secrets are never literal values: every credential is the NAME of an environment variable that holds it,
// read when the provider is created, and never logged.

/** Credentials sent with every request of an HTTP-based provider. */
export type AuthConfig =
  | { type: 'none' }
  /** `Authorization: Bearer <token>`. */
  | {
      type: 'bearer';
      /** Name of the environment variable holding the token (e.g. `PROMETHEUS_TOKEN`). */
      tokenEnv: string;
    }
  /** `Authorization: Basic base64(user:password)`. */
  | {
      type: 'basic';
      /** Literal user name (not a secret). One of `username` / `usernameEnv` is required. */
      username?: string;
      /** Name of the environment variable holding the user name. */
      usernameEnv?: string;
      /** Name of the environment variable holding the password. */
      passwordEnv: string;
    };

/** TLS options for HTTPS endpoints. Files are PEM and read once when the provider is created. */
export interface TlsConfig {
  /** Extra certificate authority (PEM file) trusted besides the system roots. Default: system roots only. */
  caFile?: string;
  /** Client certificate (PEM file) for mutual TLS; needs `keyFile`. Default: none. */
  certFile?: string;
  /** Private key (PEM file) of the client certificate. Default: none. */
  keyFile?: string;
  /** Name checked against the server certificate instead of the URL's host. Default: the URL's host. */
  serverName?: string;
  /** Accept any server certificate. Only for test setups; never in production. Default: false. */
  insecureSkipVerify?: boolean;
}

/** Transport settings shared by every provider that speaks HTTP. */
export interface HttpConfig {
  /** Time allowed for one attempt (connect, send, full response), in seconds. Default: 10. */
  timeoutSeconds?: number;
  /** Further attempts after a network error, timeout, 5xx or 429. Default: 2 (three attempts in all). */
  retries?: number;
  /** First backoff delay in seconds; doubles each retry (with jitter). Default: 0.5. */
  retryDelaySeconds?: number;
  /** Longest `Retry-After` (429/503) that is honoured, in seconds; longer waits are cut to this. Default: 30. */
  maxRetryAfterSeconds?: number;
  /** Extra request headers with literal, non-secret values (e.g. `X-Scope-OrgID: team-a`). Default: none. */
  headers?: Record<string, string>;
  /** Extra request headers whose values come from environment variables: header name -> variable name. */
  headersFromEnv?: Record<string, string>;
  /** TLS options for https URLs. Default: system roots, verification on. */
  tls?: TlsConfig;
}

/** Prometheus (or a compatible API: Thanos, Mimir, VictoriaMetrics). */
export interface PrometheusConfig extends HttpConfig {
  type: 'prometheus';
  /** Base URL, e.g. `http://prometheus.monitoring:9090` (a path prefix is kept: `https://host/prometheus`). */
  url: string;
  /** Credentials. Default: none. */
  auth?: AuthConfig;
  /**
   * How isOnline probes the server: `query` runs `vector(1)` (works behind gateways and with auth),
   * `ready` asks `/-/ready` (plain Prometheus only). Default: `query`.
   */
  onlineCheck?: 'query' | 'ready';
}

/** Datadog metrics query API (v1 `/api/v1/query`). */
export interface DatadogConfig extends HttpConfig {
  type: 'datadog';
  /** Datadog site; requests go to `https://api.<site>`. Default: `datadoghq.com`. */
  site?: string;
  /** Full API base URL overriding `site` (proxies, tests). Default: derived from `site`. */
  url?: string;
  /** Name of the environment variable holding the API key (`DD-API-KEY`). Default: `DD_API_KEY`. */
  apiKeyEnv?: string;
  /** Name of the environment variable holding the application key (`DD-APPLICATION-KEY`). Default: `DD_APP_KEY`. */
  applicationKeyEnv?: string;
}

/** New Relic NRQL through NerdGraph (GraphQL). */
export interface NewRelicConfig extends HttpConfig {
  type: 'newrelic';
  /** Account id the NRQL runs in. Required. */
  accountId: number;
  /** Data centre: `us` = api.newrelic.com, `eu` = api.eu.newrelic.com. Default: `us`. */
  region?: 'us' | 'eu';
  /** Full NerdGraph URL overriding `region` (proxies, tests). Default: derived from `region`. */
  url?: string;
  /** Name of the environment variable holding the user API key (`API-Key` header). Default: `NEW_RELIC_API_KEY`. */
  apiKeyEnv?: string;
}

/**
 * Amazon CloudWatch GetMetricData. Credentials come from the AWS SDK's default chain (environment,
 * shared config, web identity for GitHub OIDC, instance role); the SDK signs every request itself.
 * A query is a YAML/JSON list of MetricDataQuery objects (Expression or MetricStat), exactly as the API takes them.
 */
export interface CloudWatchConfig {
  type: 'cloudwatch';
  /** AWS region, e.g. `eu-west-1`. Default: the SDK's (AWS_REGION / shared config). */
  region?: string;
  /** Endpoint URL overriding the regional one (VPC endpoints, tests). Default: the SDK's. */
  endpoint?: string;
  /** Time allowed for one attempt, in seconds. Default: 10. */
  timeoutSeconds?: number;
  /** Further attempts on throttling and server errors (the SDK's own retry strategy). Default: 2. */
  retries?: number;
  /** TLS options (custom CA for a VPC endpoint behind a proxy, for example). */
  tls?: TlsConfig;
}

/** Any HTTP endpoint answering JSON: one number picked out of the response by a path. */
export interface HttpJsonConfig extends HttpConfig {
  type: 'http';
  /**
   * URL template. `{{start}}`, `{{end}}` (the window) and `{{query}}` (the check's query text) are replaced,
   * URL-encoded. Required.
   */
  url: string;
  /** HTTP method. Default: `GET`. */
  method?: 'GET' | 'POST';
  /**
   * Request body template for POST (JSON text); `{{start}}`, `{{end}}`, `{{query}}` are replaced, escaped
   * as JSON string content. Default: none.
   */
  body?: string;
  /** Dotted path to the number in the JSON response, e.g. `data.result[0].value[1]`. Required. */
  valuePath: string;
  /** How `{{start}}`/`{{end}}` are written: Unix seconds, Unix milliseconds or RFC 3339. Default: `unix`. */
  timeFormat?: 'unix' | 'unix-ms' | 'rfc3339';
  /** Credentials. Default: none. */
  auth?: AuthConfig;
}

/** Everything `createProvider` accepts; `type` selects the provider. */
export type ProviderConfig =
  PrometheusConfig | DatadogConfig | NewRelicConfig | CloudWatchConfig | HttpJsonConfig;

/** Provider names as written in dial.yaml. */
export type ProviderType = ProviderConfig['type'];

/** Defaults of the HTTP transport, in one place so docs and code agree. */
export const HTTP_DEFAULTS = {
  timeoutSeconds: 10,
  retries: 2,
  retryDelaySeconds: 0.5,
  maxRetryAfterSeconds: 30,
} as const;
