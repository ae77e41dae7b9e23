// Secrets the actions handle, masked (core.setSecret) before anything could print them: the metric
// provider's credentials, which dial.yaml names as environment variables (tokenEnv, passwordEnv,
// apiKeyEnv, headersFromEnv, ...), and the AWS credentials CloudWatch reads from its chain.
import * as core from '@actions/core';

const AWS = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/** Masks the value of every environment variable a provider config names (any `...Env` field). */
export function maskProviderSecrets(config: unknown, env: NodeJS.ProcessEnv = process.env): void {
  const mask = (variable: unknown) => {
    const value = typeof variable === 'string' ? env[variable] : undefined;
    if (value !== undefined && value.trim() !== '') core.setSecret(value);
  };
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'headersFromEnv' && typeof value === 'object' && value !== null)
        Object.values(value).forEach(mask);
      else if (key.endsWith('Env')) mask(value);
      else walk(value);
    }
  };
  walk(config);
  if ((config as { type?: unknown } | undefined)?.type === 'cloudwatch') AWS.forEach(mask);
}
