// Names unique to one test run, so concurrent runs sharing a bed (two `npm test`s, a soak beside a shell)
// and leftovers of earlier runs never meet: namespaces, label values, image tags, temp files.

import { randomBytes } from 'node:crypto';

/**
 * `<prefix>-<8 random hex digits>`: lower-case letters, digits and '-', so it is valid as a Kubernetes
 * object name (keep the prefix short: at most 63 characters in all), a label value and an image tag.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}
