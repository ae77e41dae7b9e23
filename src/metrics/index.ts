// The metrics seam and its providers, for the analysis engine and src/config.
export * from './provider.js';
export type * from './config.js';
export { HTTP_DEFAULTS } from './config.js';
export { createProvider } from './factory.js';
export type { SecretEnv } from './secrets.js';
