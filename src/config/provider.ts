// dial.yaml's provider section -> the ProviderConfig src/metrics' createProvider takes. The two are kept in
// step by the types: this function must produce a ProviderConfig for every provider type.
import type { ProviderConfig } from '../metrics/config.js';
import { durationSeconds } from './duration.js';
import type { ProviderConfigYaml } from './types.js';

export function toProviderConfig(yaml: ProviderConfigYaml): ProviderConfig {
  const timeout = yaml.timeout === undefined ? {} : { timeoutSeconds: durationSeconds(yaml.timeout) };
  const http = { ...timeout, ...pick(yaml, ['retries', 'headers', 'headersFromEnv', 'tls']) };
  // The schema's per-type rules guarantee the required fields (prometheus/http url, newrelic accountId, ...).
  switch (yaml.type) {
    case 'prometheus':
      return { ...http, type: 'prometheus', url: yaml.url ?? '', ...pick(yaml, ['auth', 'onlineCheck']) };
    case 'datadog':
      return { ...http, type: 'datadog', ...pick(yaml, ['site', 'url', 'apiKeyEnv', 'applicationKeyEnv']) };
    case 'newrelic':
      return {
        ...http,
        type: 'newrelic',
        accountId: yaml.accountId ?? 0,
        ...pick(yaml, ['url', 'apiKeyEnv']),
        ...(yaml.region === 'eu' || yaml.region === 'us' ? { region: yaml.region } : {}),
      };
    case 'cloudwatch':
      // No custom headers: the AWS SDK signs its own requests (the schema refuses them here).
      return { ...timeout, type: 'cloudwatch', ...pick(yaml, ['region', 'endpoint', 'retries', 'tls']) };
    case 'http':
      return {
        ...http,
        type: 'http',
        url: yaml.url ?? '',
        valuePath: yaml.valuePath ?? '',
        ...pick(yaml, ['method', 'body', 'timeFormat', 'auth']),
      };
  }
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
