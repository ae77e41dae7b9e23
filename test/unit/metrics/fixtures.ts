// Recorded response shapes of the real APIs (see fixtures/), read as JSON for the local servers.
import { readFileSync } from 'node:fs';

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;
}
