// Names and labels of a pull request's preview. Namespaces are RFC 1123 labels (63 characters, [a-z0-9-],
// alphanumeric at both ends): `<service>-pr-<n>`, with the service part cut and a hash of the whole
// name added when it would be longer, so two long service names never share a namespace.
import { createHash } from 'node:crypto';

export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
export const LABEL_PR = 'dial.dev/preview-pr';
export const LABEL_EXPIRES = 'dial.dev/preview-expires';
export const LABEL_SERVICE = 'dial.dev/preview-service';
/** A hash of the repository's full name (a label value cannot hold `/`): the sweep's selector. */
export const LABEL_REPO = 'dial.dev/preview-repo';
export const ANNOTATION_REPOSITORY = 'dial.dev/preview-repository';
export const ANNOTATION_CREATED = 'dial.dev/preview-created';
/** The last deploy (a new commit): idle time is counted from it. */
export const ANNOTATION_UPDATED = 'dial.dev/preview-updated';
export const ANNOTATION_IDLE = 'dial.dev/preview-idle-seconds';
export const ANNOTATION_SHA = 'dial.dev/preview-sha';
export const ANNOTATION_ENVIRONMENT = 'dial.dev/preview-environment';
export const ANNOTATION_URL = 'dial.dev/preview-url';
export const ANNOTATION_SLEEPING = 'dial.dev/preview-sleeping';
/** Header-routed previews: the route part written (JSON, see header-routes.ts), so down and sweep undo it. */
export const ANNOTATION_ROUTE = 'dial.dev/preview-route';
/** Header-routed previews: the header name requests carry (its value is the pull request's number). */
export const ANNOTATION_HEADER = 'dial.dev/preview-header';

const MAX = 63;

function hash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** `checkout-pr-7`; `a-very-long-service-name-…-3f9a1c07-pr-7` when the whole would exceed 63 characters. */
export function previewNamespace(service: string, pr: number): string {
  const suffix = `-pr-${pr}`;
  const slug =
    service
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-+|-+$/g, '') || 'preview';
  if (slug.length + suffix.length <= MAX && slug === service) return `${slug}${suffix}`;
  const tag = hash(service, 8);
  const room = MAX - suffix.length - tag.length - 1;
  const head = slug.slice(0, room).replace(/-+$/, '') || 'p';
  return `${head}-${tag}${suffix}`;
}

/** An object name or label value of a header-routed preview beside production: the same rule as namespaces. */
export const previewName = previewNamespace;

/** The repository as a label value: 12 hex characters of a hash of `owner/repo` (lower-cased). */
export function repositoryLabel(fullName: string): string {
  return hash(fullName.toLowerCase(), 12);
}

/** `{pr}` replaced; no scheme means https. Returns the URL and the bare host name routes are given. */
export function previewUrl(template: string, pr: number): { url: string; host: string } {
  const filled = template.replaceAll('{pr}', String(pr)).trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(filled) ? filled : `https://${filled}`;
  const host = new URL(url).hostname;
  return { url, host };
}
