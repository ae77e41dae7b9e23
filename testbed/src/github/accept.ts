// GitHub's media types: Octokit sends `application/vnd.github.v3+json` by default, previews look like
// `application/vnd.github.<name>-preview+json`, and `.raw`/`.diff`/`.patch`/`.sha`/`.html` ask for other
// representations. Anything with a JSON suffix (or a wildcard) gets the JSON representation.

export type Representation = { kind: 'json' } | { kind: 'other'; mediaType: string };

interface MediaRange {
  type: string;
  q: number;
}

function parseRanges(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const qParam = params.find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { type, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((range) => range.type !== '' && range.q > 0)
    .sort((a, b) => b.q - a.q);
}

export function acceptsJson(mediaType: string): boolean {
  return (
    mediaType === '*/*' ||
    mediaType === 'application/*' ||
    mediaType === 'application/json' ||
    (mediaType.startsWith('application/vnd.github') && mediaType.endsWith('+json'))
  );
}

/**
 * Picks the representation to answer with. `offered` are the non-JSON media types the operation's
 * description lists for its success response (e.g. a diff). Returns undefined when nothing acceptable
 * is offered: GitHub answers that with 415.
 */
export function negotiate(
  accept: string | undefined,
  offered: readonly string[],
): Representation | undefined {
  if (accept === undefined || accept.trim() === '') return { kind: 'json' };
  for (const range of parseRanges(accept)) {
    if (acceptsJson(range.type)) return { kind: 'json' };
    // application/vnd.github.v3.diff and application/vnd.github.diff name the same representation.
    const normalised = range.type.replace(/^application\/vnd\.github\.v3\./, 'application/vnd.github.');
    const match = offered.find((type) => type === normalised || type === range.type);
    if (match !== undefined) return { kind: 'other', mediaType: match };
  }
  return undefined;
}
