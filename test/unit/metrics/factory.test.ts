// createProvider: the right provider per type, secrets read (and checked) at creation, never echoed.

import { describe, expect, it } from '@jest/globals';
import { createProvider } from '../../../src/metrics/factory.js';
import { ProviderError } from '../../../src/metrics/provider.js';
import type { ProviderConfig } from '../../../src/metrics/config.js';

describe('createProvider', () => {
  const env = { DD_API_KEY: 'a', DD_APP_KEY: 'b', NEW_RELIC_API_KEY: 'c' };

  it.each<[ProviderConfig, string]>([
    [{ type: 'prometheus', url: 'http://127.0.0.1:9090' }, 'prometheus'],
    [{ type: 'datadog', site: 'datadoghq.eu' }, 'datadog'],
    [{ type: 'newrelic', accountId: 1, region: 'eu' }, 'newrelic'],
    [{ type: 'cloudwatch', region: 'eu-west-1' }, 'cloudwatch'],
    [{ type: 'http', url: 'http://127.0.0.1:1/x', valuePath: 'v' }, 'http'],
  ])('%o -> %s', (config, type) => {
    expect(createProvider(config, env).type).toBe(type);
  });

  it('refuses an unknown type', () => {
    const config = { type: 'graphite', url: 'http://x' } as unknown as ProviderConfig;
    expect(() => createProvider(config, env)).toThrow('unknown metric provider type "graphite"');
  });

  it('names a missing variable and never shows the secrets it did read', () => {
    const attempt = () =>
      createProvider(
        {
          type: 'prometheus',
          url: 'http://x',
          auth: { type: 'basic', usernameEnv: 'PROM_USER', passwordEnv: 'PROM_PW' },
        },
        { PROM_USER: 'super-secret-user' },
      );
    expect(attempt).toThrow(ProviderError);
    expect(attempt).toThrow(
      'prometheus: basic-auth password is missing: environment variable PROM_PW is not set',
    );
    expect(attempt).not.toThrow(/super-secret-user/);
  });

  it('refuses a client certificate without its key', () => {
    expect(() =>
      createProvider({ type: 'prometheus', url: 'https://x', tls: { certFile: '/tmp/c.pem' } }, {}),
    ).toThrow('prometheus: tls.certFile needs tls.keyFile');
  });
});
