// Where the committed, trimmed GitHub description lives (found from the checkout root, so the same code
// works from testbed/src under ts-jest and from lib/testbed/src when compiled).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths.js';
import type { JsonObject } from './trim.js';

export const SPEC_PACKAGE = '@octokit/openapi';
/** Pinned: regenerate with `npm run -s compile && node lib/testbed/src/github/trim-spec.js`. */
export const SPEC_VERSION = '23.0.2';
export const SPEC_SOURCE_FILE = 'generated/api.github.com.json';
export const SPEC_FILE = 'testbed/src/github/api.github.com.trimmed.json';

export function trimmedSpecPath(): string {
  return join(repoRoot(), SPEC_FILE);
}

export function loadTrimmedSpec(): JsonObject {
  const parsed: unknown = JSON.parse(readFileSync(trimmedSpecPath(), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${SPEC_FILE} is not a JSON object`);
  }
  return parsed as JsonObject;
}
