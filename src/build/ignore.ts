// `.containerignore` / `.dockerignore` with Docker's rules (moby/patternmatcher and its ignorefile reader, as
// BuildKit and buildah apply them): one pattern per line, `#` comments, surrounding blanks trimmed, paths
// cleaned and a leading `/` dropped; `*` and `?` stay inside one path segment, `**` spans any number of
// segments (none too), `[a-z]` / `[^a-z]` classes, `\` escapes; a pattern matching a folder excludes
// everything below it; later `!pattern` lines re-include what earlier lines excluded; the last match wins.

export class IgnorePatternError extends Error {
  constructor(
    readonly line: number,
    readonly pattern: string,
    reason: string,
  ) {
    super(`line ${line}: \`${pattern}\` is not a valid pattern: ${reason}`);
    this.name = 'IgnorePatternError';
  }
}

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

interface Pattern {
  /** The cleaned pattern without its `!`. */
  text: string;
  exclusion: boolean;
  type: MatchType;
  regexp?: RegExp;
  /** Path segments of the pattern, for deciding whether a folder can hold re-included files. */
  segments: string[];
}

/** Go's path.Clean for slash-separated paths. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** The patterns of an ignore file, as Docker reads them (ignorefile.ReadAll); `line` numbers for errors. */
export function readIgnoreFile(text: string): Array<{ pattern: string; line: number }> {
  const out: Array<{ pattern: string; line: number }> = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (raw.startsWith('#')) return;
    let pattern = raw.trim();
    if (pattern === '') return;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    out.push({ pattern: invert ? `!${pattern}` : pattern, line: index + 1 });
  });
  return out;
}

/**
 * Checks the syntax the way Go's filepath.Match does: a class must close, may not be empty, may not start
 * or end a range with `-`, and a trailing `\` escapes nothing. Returns the reason, or undefined when valid.
 */
function syntaxProblem(pattern: string): string | undefined {
  const chars = [...pattern];
  let i = 0;
  const escaped = (): string | undefined => {
    // One class item: a literal or an escaped character; `-` and `]` must be escaped here.
    const c = chars[i];
    if (c === undefined || c === '-' || c === ']') return 'malformed character class';
    if (c === '\\') {
      i += 1;
      if (chars[i] === undefined) return 'trailing backslash';
    }
    i += 1;
    return undefined;
  };
  while (i < chars.length) {
    const c = chars[i];
    if (c === '\\') {
      if (i + 1 >= chars.length) return 'trailing backslash';
      i += 2;
      continue;
    }
    if (c !== '[') {
      i += 1;
      continue;
    }
    i += 1;
    if (chars[i] === '^') i += 1;
    let items = 0;
    for (;;) {
      if (i >= chars.length) return 'unclosed character class';
      if (chars[i] === ']' && items > 0) {
        i += 1;
        break;
      }
      const lo = escaped();
      if (lo) return lo;
      if (chars[i] === '-') {
        i += 1;
        const hi = escaped();
        if (hi) return hi;
      }
      items += 1;
    }
  }
  return undefined;
}

// Characters a regular expression gives a meaning that filepath.Match does not.
const REGEXP_ONLY = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);
// What may follow a backslash in a `u` regular expression (a letter there would be a class like \d), outside
// a character class and inside one.
const REGEXP_SYNTAX = /^[\^$\\.*+?()[\]{}|/]$/;
const CLASS_SYNTAX = /^[\^$\\.*+?()[\]{}|/-]$/;

/**
 * Docker's translation to a regular expression, with one deliberate difference: `\x` always means the
 * character x (Docker passes `\d` on to Go's regexp, where it is a digit class).
 */
function compile(text: string): Pick<Pattern, 'type' | 'regexp'> {
  let source = '^';
  let type: MatchType = 'exact';
  let inClass = false;
  const chars = [...text];
  for (let i = 0, n = 0; i < chars.length; n++) {
    const c = chars[i++] as string;
    if (inClass) {
      if (c === ']') inClass = false;
      if (c === '\\' && i < chars.length) {
        const next = chars[i++] as string;
        source += CLASS_SYNTAX.test(next) ? `\\${next}` : next;
      } else source += c === '[' ? '\\[' : c;
      continue;
    }
    if (c === '*') {
      if (chars[i] === '*') {
        i += 1;
        if (chars[i] === '/') i += 1; // `**/` is `**`
        if (i >= chars.length) {
          // A trailing `**` accepts everything below, like .gitignore.
          if (type === 'exact') type = 'prefix';
          else {
            source += '.*';
            type = 'regexp';
          }
        } else {
          source += '(.*/)?';
          type = 'regexp';
        }
        if (n === 0) type = 'suffix';
      } else {
        source += '[^/]*';
        type = 'regexp';
      }
    } else if (c === '?') {
      source += '[^/]';
      type = 'regexp';
    } else if (REGEXP_ONLY.has(c)) {
      source += `\\${c}`;
    } else if (c === '\\') {
      if (i < chars.length) {
        const next = chars[i++] as string;
        source += REGEXP_SYNTAX.test(next) ? `\\${next}` : next;
        type = 'regexp';
      } else source += '\\\\';
    } else if (c === '[') {
      source += c;
      inClass = true;
      if (chars[i] === '^') source += chars[i++] as string;
      type = 'regexp';
    } else if (c === ']') {
      source += '\\]';
      type = 'regexp';
    } else {
      source += c;
    }
  }
  if (type !== 'regexp') return { type };
  return { type, regexp: new RegExp(`${source}$`, 'u') };
}

function matches(p: Pattern, path: string): boolean {
  switch (p.type) {
    case 'exact':
      return path === p.text;
    case 'prefix':
      return path.startsWith(p.text.slice(0, -2));
    case 'suffix': {
      const suffix = p.text.slice(2);
      if (path.endsWith(suffix)) return true;
      // `**/foo` matches `foo`
      return suffix.startsWith('/') && path === suffix.slice(1);
    }
    case 'regexp':
      return p.regexp?.test(path) ?? false;
  }
}

/** One path segment against one pattern segment (no `**`), for the folder pruning decision. */
function segmentMatches(patternSegment: string, segment: string): boolean {
  const compiled = compile(patternSegment);
  return matches({ text: patternSegment, exclusion: false, segments: [], ...compiled }, segment);
}

export class IgnoreMatcher {
  private readonly patterns: Pattern[] = [];

  /** @param lines patterns as readIgnoreFile returns them; throws IgnorePatternError on a bad one. */
  constructor(lines: ReadonlyArray<{ pattern: string; line: number }>) {
    for (const { pattern: raw, line } of lines) {
      let text = raw.trim();
      if (text === '') continue;
      text = cleanPath(text);
      let exclusion = false;
      if (text.startsWith('!')) {
        if (text.length === 1) throw new IgnorePatternError(line, raw, 'a lone `!` re-includes nothing');
        exclusion = true;
        text = text.slice(1);
      }
      const problem = syntaxProblem(text);
      if (problem) throw new IgnorePatternError(line, raw, problem);
      let compiled;
      try {
        compiled = compile(text);
      } catch (error) {
        throw new IgnorePatternError(line, raw, (error as Error).message);
      }
      this.patterns.push({ text, exclusion, segments: text.split('/'), ...compiled });
    }
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** Whether a context-relative, slash-separated path is excluded (Docker's MatchesOrParentMatches). */
  excludes(path: string): boolean {
    let matched = false;
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
    const parentDirs = parent.split('/');
    for (const p of this.patterns) {
      // An inclusion is only worth checking while unmatched, an exception only while matched.
      if (p.exclusion !== matched) continue;
      let match = matches(p, path);
      if (!match && parent !== '.') {
        for (let i = 1; i <= parentDirs.length && !match; i++)
          match = matches(p, parentDirs.slice(0, i).join('/'));
      }
      if (match) matched = !p.exclusion;
    }
    return matched;
  }

  /**
   * Whether some `!` exception could re-include a path below the excluded folder `dir`, so the walk has to
   * look inside it. Conservative: `**` anywhere in the exception's leading segments counts as "could".
   */
  mayReincludeBelow(dir: string): boolean {
    const parts = dir.split('/');
    return this.patterns.some((p) => {
      if (!p.exclusion) return false;
      for (const [i, part] of parts.entries()) {
        const segment = p.segments[i];
        if (segment === undefined) return true; // the exception names this folder or one above it
        if (segment.includes('**')) return true;
        if (!segmentMatches(segment, part)) return false;
      }
      return true;
    });
  }
}
