// GitHub's size limits for what Dial writes, and how Markdown is cut to fit them: the longest tables lose
// rows first (with a note saying how many), and only then is the end of the document dropped, never in
// the middle of a code fence, a <details> or a chart's table. Plus the small escapes table cells need.

/** A step's job summary: above it GitHub shows an error annotation and drops the summary. */
export const SUMMARY_MAX_BYTES = 1024 * 1024;
/** At most this many step summaries are shown per job. */
export const SUMMARIES_PER_JOB = 20;
/** An issue or pull-request comment body: above it the API answers 422. */
export const COMMENT_MAX_CHARS = 65_536;
/** Error (and, separately, warning) annotations shown per step; more are dropped. */
export const ANNOTATIONS_PER_STEP = 10;
/** Annotations shown per job. */
export const ANNOTATIONS_PER_JOB = 50;
/** A custom deployment protection rule's status report. */
export const PROTECTION_REPORT_MAX_CHARS = 1024;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

type Segment =
  { kind: 'text'; lines: string[] } | { kind: 'table'; head: string[]; rows: string[]; omitted: number };

const isRow = (line: string): boolean => line.trimStart().startsWith('|');
const isDelimiter = (line: string): boolean => /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line);

/** Tables (header, delimiter, rows) apart from everything else; fenced code is never a table. */
function segments(markdown: string): Segment[] {
  const lines = markdown.split('\n');
  const out: Segment[] = [];
  let text: string[] = [];
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) fenced = !fenced;
    const next = lines[i + 1];
    if (!fenced && isRow(line) && next !== undefined && isDelimiter(next)) {
      let end = i + 2;
      while (end < lines.length && isRow(lines[end]!)) end++;
      if (text.length > 0) out.push({ kind: 'text', lines: text });
      text = [];
      out.push({ kind: 'table', head: [line, next], rows: lines.slice(i + 2, end), omitted: 0 });
      i = end - 1;
      continue;
    }
    text.push(line);
  }
  if (text.length > 0) out.push({ kind: 'text', lines: text });
  return out;
}

function render(parts: Segment[], what: string): string {
  const lines: string[] = [];
  for (const part of parts) {
    if (part.kind === 'text') lines.push(...part.lines);
    else {
      lines.push(...part.head, ...part.rows);
      // A line right after a table would become one of its rows: a blank line ends the table first.
      if (part.omitted > 0)
        lines.push('', `_… ${part.omitted} more row${part.omitted === 1 ? '' : 's'} not shown (${what})._`);
    }
  }
  return lines.join('\n');
}

/** Closes what a cut left open: a code fence, <details>, a chart's two-cell table. */
function closing(lines: string[]): string[] {
  let fenced = false;
  let details = 0;
  let tables = 0;
  for (const line of lines) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) continue;
    details += (line.match(/<details\b/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
    tables += (line.match(/<table\b/g) ?? []).length - (line.match(/<\/table>/g) ?? []).length;
  }
  const out: string[] = [];
  if (fenced) out.push('```');
  for (let i = 0; i < tables; i++) out.push('', '</td></tr></table>');
  for (let i = 0; i < details; i++) out.push('', '</details>');
  return out;
}

/**
 * Markdown cut until `fits` accepts it: the table with the most text loses half its rows (a note says how
 * many are not shown), again and again; when no table has rows left, whole lines are dropped from the end
 * and what was left open is closed, with a note.
 */
export function fitMarkdown(markdown: string, fits: (text: string) => boolean, what: string): string {
  if (fits(markdown)) return markdown;
  const parts = segments(markdown);
  for (;;) {
    let largest: Extract<Segment, { kind: 'table' }> | undefined;
    let size = 0;
    for (const part of parts) {
      if (part.kind !== 'table' || part.rows.length === 0) continue;
      const bytes = part.rows.reduce((sum, row) => sum + row.length, 0);
      if (bytes > size) [largest, size] = [part, bytes];
    }
    if (!largest) break;
    const keep = Math.floor(largest.rows.length / 2);
    largest.omitted += largest.rows.length - keep;
    largest.rows = largest.rows.slice(0, keep);
    const text = render(parts, what);
    if (fits(text)) return text;
  }
  // Tables alone were not enough: keep the longest head of the document that fits with its closing.
  const lines = render(parts, what).split('\n');
  const cut = (n: number): string => {
    const head = lines.slice(0, n);
    return [...head, ...closing(head), '', `_… the rest is not shown (${what})._`, ''].join('\n');
  };
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(cut(mid))) low = mid;
    else high = mid - 1;
  }
  const text = cut(low);
  return fits(text) ? text : `_Not shown (${what})._`;
}

/** A job summary within GitHub's 1 MiB (less `reserve` bytes for what else the step writes). */
export function fitSummary(markdown: string, reserve = 0): string {
  const budget = SUMMARY_MAX_BYTES - reserve;
  return fitMarkdown(markdown, (text) => utf8Bytes(text) <= budget, "GitHub's 1 MiB job summary limit");
}

/**
 * A comment body within GitHub's 65,536 characters (less `reserve`, e.g. for a marker appended later).
 * Counted in UTF-16 code units, which is never fewer than the characters GitHub counts. A hidden marker
 * at the top survives: cutting keeps the beginning.
 */
export function fitComment(markdown: string, reserve = 0): string {
  const budget = COMMENT_MAX_CHARS - reserve;
  return fitMarkdown(markdown, (text) => text.length <= budget, "GitHub's 65,536 character comment limit");
}

/** At most `max` annotations; the last one says how many more there were. */
export function capAnnotations(texts: string[], max = ANNOTATIONS_PER_STEP): string[] {
  if (texts.length <= max) return texts;
  return [...texts.slice(0, max - 1), `… and ${texts.length - max + 1} more problems: see the job summary.`];
}

/** Text for a table cell: pipes escaped, one line, no HTML. */
export function cell(text: string): string {
  return escapeHtml(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

/** Plain text in Markdown: `<` and `&` cannot start HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An inline code span that survives backticks in the text (and pipes, inside a table cell). */
export function code(text: string, inTable = true): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const ticks = '`'.repeat(Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const body = inTable ? flat.replace(/\|/g, '\\|') : flat;
  return ticks.length > 1 || body.startsWith('`') ? `${ticks} ${body} ${ticks}` : `${ticks}${body}${ticks}`;
}
