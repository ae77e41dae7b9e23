// Credentials are read from environment variables named in the config, once, when a provider is created.
// Error messages name the variable, never its value.

import { ProviderError } from './provider.js';
import type { AuthConfig, HttpConfig } from './config.js';

/** The environment a provider reads its secrets from (process.env in production, a plain object in tests). */
export type SecretEnv = Readonly<Record<string, string | undefined>>;

/** The value of environment variable `name`; a ProviderError naming the variable when it is unset or empty. */
export function readSecret(env: SecretEnv, name: string, what: string, provider: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ProviderError(
      `${provider}: ${what} is missing: environment variable ${name} is not set`,
      provider,
    );
  }
  return value;
}

/** The Authorization header for an auth config, or none. */
export function authorizationHeader(
  auth: AuthConfig | undefined,
  env: SecretEnv,
  provider: string,
): Record<string, string> {
  if (auth === undefined || auth.type === 'none') return {};
  if (auth.type === 'bearer') {
    return { authorization: `Bearer ${readSecret(env, auth.tokenEnv, 'bearer token', provider)}` };
  }
  const username =
    auth.usernameEnv !== undefined
      ? readSecret(env, auth.usernameEnv, 'basic-auth user name', provider)
      : auth.username;
  if (username === undefined) {
    throw new ProviderError(`${provider}: basic auth needs username or usernameEnv`, provider);
  }
  const password = readSecret(env, auth.passwordEnv, 'basic-auth password', provider);
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

/** Literal headers plus headers whose values come from environment variables. */
export function extraHeaders(
  literal: Record<string, string> | undefined,
  fromEnv: Record<string, string> | undefined,
  env: SecretEnv,
  provider: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(literal ?? {})) headers[name.toLowerCase()] = value;
  for (const [name, variable] of Object.entries(fromEnv ?? {})) {
    headers[name.toLowerCase()] = readSecret(env, variable, `header ${name}`, provider);
  }
  return headers;
}

/** All headers from `headers`, `headersFromEnv` and `auth`, sent with every request (auth wins a clash). */
export function configuredHeaders(
  config: Pick<HttpConfig, 'headers' | 'headersFromEnv'> & { auth?: AuthConfig },
  env: SecretEnv,
  provider: string,
): Record<string, string> {
  return {
    ...extraHeaders(config.headers, config.headersFromEnv, env, provider),
    ...authorizationHeader(config.auth, env, provider),
  };
}
