// One entry point from typed settings to a Provider; src/config maps dial.yaml's `analysis.provider` here.

import { ProviderError, type Provider } from './provider.js';
import type { ProviderConfig } from './config.js';
import type { SecretEnv } from './secrets.js';
import { PrometheusProvider } from './prometheus.js';
import { DatadogProvider } from './datadog.js';
import { NewRelicProvider } from './newrelic.js';
import { CloudWatchProvider } from './cloudwatch.js';
import { HttpJsonProvider } from './http-json.js';

/**
 * The provider for `config.type`. Secrets are read from `env` (default process.env) now, so a missing
 * variable fails at start-up with its name, not in the middle of an analysis.
 */
export function createProvider(config: ProviderConfig, env: SecretEnv = process.env): Provider {
  switch (config.type) {
    case 'prometheus':
      return new PrometheusProvider(config, env);
    case 'datadog':
      return new DatadogProvider(config, env);
    case 'newrelic':
      return new NewRelicProvider(config, env);
    case 'cloudwatch':
      return new CloudWatchProvider(config);
    case 'http':
      return new HttpJsonProvider(config, env);
    default: {
      const unknown: { type?: unknown } = config;
      throw new ProviderError(`unknown metric provider type "${String(unknown.type)}"`, String(unknown.type));
    }
  }
}
