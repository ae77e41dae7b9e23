import { describe, expect, it } from '@jest/globals';
import {
  ANNOTATIONS_PER_STEP,
  COMMENT_MAX_CHARS,
  SUMMARY_MAX_BYTES,
  capAnnotations,
  cell,
  code,
  fitComment,
  fitMarkdown,
  fitSummary,
  utf8Bytes,
} from '../../../src/github/limits.js';

function table(rows: number, width = 40): string[] {
  return [
    '| n | value |',
    '|---:|---|',
    ...Array.from({ length: rows }, (_, i) => `| ${i} | ${'x'.repeat(width)} |`),
  ];
}

describe('fitting GitHub limits', () => {
  it('leaves a document that fits alone', () => {
    const md = ['## t', '', ...table(10), '', 'end'].join('\n');
    expect(fitSummary(md)).toBe(md);
    expect(fitComment(md)).toBe(md);
  });

  it('cuts the largest table first, says how many rows are not shown, keeps what follows', () => {
    const md = ['## big', '', ...table(30_000), '', '## small', '', ...table(3), '', 'the end'].join('\n');
    expect(utf8Bytes(md)).toBeGreaterThan(SUMMARY_MAX_BYTES);
    const fitted = fitSummary(md);
    expect(utf8Bytes(fitted)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(fitted).toMatch(/\n\n_… \d+ more rows not shown \(GitHub's 1 MiB job summary limit\)\._\n/);
    const omitted = Number(/_… (\d+) more rows/.exec(fitted)![1]);
    const kept = fitted.split('\n').filter((l) => /^\| \d+ \| x{40} \|$/.test(l)).length;
    expect(kept + omitted).toBe(30_003);
    expect(fitted).toContain('## small');
    expect(fitted.endsWith('the end')).toBe(true);
    // The small table keeps its rows: only the large one was cut.
    expect(fitted).toContain('## small\n\n| n | value |\n|---:|---|\n| 0 |');
  });

  it('counts bytes for summaries and UTF-16 units for comments', () => {
    const md = ['| a |', '|---|', ...Array.from({ length: 20_000 }, () => '| 🟥🟦 ünïcode |')].join('\n');
    const summary = fitSummary(md, 900_000);
    expect(utf8Bytes(summary)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES - 900_000);
    const comment = fitComment(md);
    expect(comment.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(comment).toContain("GitHub's 65,536 character comment limit");
    expect(fitComment(md, 1000).length).toBeLessThanOrEqual(COMMENT_MAX_CHARS - 1000);
  });

  it('without tables, drops whole lines from the end and closes what was left open', () => {
    const md = [
      '<!-- dial:preview v1 -->',
      '<details><summary>log</summary>',
      '',
      '```text',
      ...Array.from({ length: 5000 }, (_, i) => `line ${i} ${'y'.repeat(30)}`),
      '```',
      '',
      '</details>',
    ].join('\n');
    const fitted = fitComment(md);
    expect(fitted.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(fitted.startsWith('<!-- dial:preview v1 -->')).toBe(true);
    const lines = fitted.split('\n');
    expect(lines.filter((l) => l === '```')).toHaveLength(1);
    expect(fitted).toMatch(/```\n\n<\/details>\n\n_… the rest is not shown/);
  });

  it('never cuts a table inside a code fence', () => {
    const fence = ['```', ...table(2000), '```'];
    const fitted = fitMarkdown(fence.join('\n'), (t) => t.length < 10_000, 'test');
    expect(fitted).not.toContain('more rows not shown');
    expect(fitted).toContain('the rest is not shown (test)');
    expect(fitted.split('\n').filter((l) => l === '```')).toHaveLength(2);
  });

  it('says so when nothing fits', () => {
    expect(fitMarkdown('a\nb', () => false, 'x')).toBe('_Not shown (x)._');
  });
});

describe('annotations and cells', () => {
  it('caps annotations at what a step shows, the last saying how many more', () => {
    const many = Array.from({ length: 14 }, (_, i) => `problem ${i}`);
    const capped = capAnnotations(many);
    expect(capped).toHaveLength(ANNOTATIONS_PER_STEP);
    expect(capped[ANNOTATIONS_PER_STEP - 1]).toBe('… and 5 more problems: see the job summary.');
    expect(capAnnotations(many.slice(0, 3))).toEqual(many.slice(0, 3));
  });

  it('keeps table cells one cell and code spans whole', () => {
    expect(cell('a | b\nc <script>')).toBe('a \\| b c &lt;script&gt;');
    expect(code('x|y')).toBe('`x\\|y`');
    expect(code('x|y', false)).toBe('`x|y`');
    expect(code('a `b` c')).toBe('`` a `b` c ``');
  });
});
