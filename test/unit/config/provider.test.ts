import { describe, expect, it } from '@jest/globals';
import { toProviderConfig } from '../../../src/config/provider.js';
import { validateAgainstSchema } from '../../../src/config/schema-validator.js';

const withProvider = (provider: Record<string, unknown>) => ({
  service: 'checkout',
  manifests: ['deploy'],
  analysis: { provider },
});

describe('provider section', () => {
  it('maps to the ProviderConfig src/metrics takes, durations as seconds', () => {
    expect(
      toProviderConfig({
        type: 'prometheus',
        url: 'https://mimir.example.com/prometheus',
        auth: { type: 'bearer', tokenEnv: 'MIMIR_TOKEN' },
        headers: { 'X-Scope-OrgID': 'shop' },
        timeout: '15s',
        retries: 1,
      }),
    ).toEqual({
      type: 'prometheus',
      url: 'https://mimir.example.com/prometheus',
      auth: { type: 'bearer', tokenEnv: 'MIMIR_TOKEN' },
      headers: { 'X-Scope-OrgID': 'shop' },
      timeoutSeconds: 15,
      retries: 1,
    });
    expect(toProviderConfig({ type: 'newrelic', accountId: 42, region: 'eu' })).toEqual({
      type: 'newrelic',
      accountId: 42,
      region: 'eu',
    });
    expect(toProviderConfig({ type: 'cloudwatch', region: 'eu-west-1', timeout: '1m' })).toEqual({
      type: 'cloudwatch',
      region: 'eu-west-1',
      timeoutSeconds: 60,
    });
  });

  it('accepts each provider with its own fields', () => {
    for (const provider of [
      { type: 'prometheus', url: 'http://prometheus:9090', onlineCheck: 'ready' },
      { type: 'datadog', site: 'datadoghq.eu', apiKeyEnv: 'DD_KEY' },
      { type: 'newrelic', accountId: 1, region: 'us' },
      { type: 'cloudwatch', region: 'eu-west-1' },
      { type: 'http', url: 'https://metrics.example.com/q?e={{query}}', valuePath: 'data.value' },
    ])
      expect(validateAgainstSchema(withProvider(provider))).toEqual([]);
  });

  it('rejects fields of another provider and missing credentials references', () => {
    const messages = (provider: Record<string, unknown>) =>
      validateAgainstSchema(withProvider(provider)).map((p) => `${p.path.join('.')}: ${p.message}`);
    expect(messages({ type: 'datadog', auth: { type: 'none' } })).toEqual([
      'analysis.provider.auth: field `auth` does not apply to type `datadog`',
    ]);
    expect(messages({ type: 'prometheus', url: 'http://p:9090', auth: { type: 'bearer' } })).toEqual([
      'analysis.provider.auth.tokenEnv: missing required field `tokenEnv` for type `bearer`',
    ]);
    expect(messages({ type: 'newrelic', accountId: 1, region: 'ap' })).toEqual([
      'analysis.provider.region: must be one of us, eu (got "ap")',
    ]);
    expect(messages({ type: 'prometheus' })).toEqual([
      'analysis.provider.url: missing required field `url` for type `prometheus`',
    ]);
  });
});
