import { describe, expect, it } from '@jest/globals';
import {
  ganttAxis,
  ganttChart,
  ganttLabel,
  ganttTime,
  mermaidBlock,
  mermaidBlocks,
  niceMax,
  xyChart,
  xyNumber,
} from '../../../src/github/mermaid.js';

/** The gantt lexer's comment rules: a line starting `%`, or whose first character is followed by `%`. */
function readAsComment(line: string): boolean {
  return /^\s*(%|[^}]%)/.test(line);
}

describe('gantt text', () => {
  it('writes % and the characters that end a task as entities mermaid shows as themselves', () => {
    expect(ganttLabel('5% bake')).toBe('5#37; bake');
    expect(ganttLabel('100% promote')).toBe('100#37; promote');
    expect(ganttLabel('a: b; #c')).toBe('a#58; b#59; #35;c');
    expect(ganttLabel('  two\nlines ')).toBe('two lines');
    expect(ganttLabel('')).toBe('-');
  });

  it('hides a leading keyword that would make the task a statement', () => {
    expect(ganttLabel('title of the step')).toBe('#116;itle of the step');
    expect(ganttLabel('section 2')).toBe('#115;ection 2');
    expect(ganttLabel('2000-01-01 is a date')).toBe('#50;000-01-01 is a date');
    expect(ganttLabel('approval production')).toBe('approval production');
  });

  it('never writes a task line the lexer reads as a comment, whatever the weight', () => {
    const tasks = Array.from({ length: 100 }, (_, i) => ({
      label: `${i + 1}% bake`,
      startSeconds: i * 60,
      durationSeconds: 60,
    }));
    const text = ganttChart([{ name: 'rollout', tasks }]);
    const lines = text.split('\n').filter((line) => line.includes(' :'));
    expect(lines).toHaveLength(100);
    expect(lines.filter(readAsComment)).toEqual([]);
    // The old way of writing them would have lost the single-digit weights.
    expect(tasks.map((t) => `  ${t.label} :x`).filter(readAsComment)).toHaveLength(9);
  });

  it('uses local wall-clock times from a fixed midnight and durations in seconds', () => {
    expect(ganttTime(0)).toBe('2000-01-01 00:00:00');
    expect(ganttTime(900)).toBe('2000-01-01 00:15:00');
    expect(ganttTime(86400 + 3661)).toBe('2000-01-02 01:01:01');
    expect(ganttTime(31 * 86400 + 60)).toBe('2000-02-01 00:01:00');
    expect(ganttTime(366 * 86400)).toBe('2001-01-01 00:00:00');
    const text = ganttChart([
      {
        name: 'rollout',
        tasks: [
          { label: '5% bake', startSeconds: 0, durationSeconds: 900 },
          { label: 'gate', startSeconds: 900, durationSeconds: 0, milestone: true },
          { label: 'watch', startSeconds: 900, durationSeconds: 1800, tags: ['crit'] },
        ],
      },
    ]);
    expect(text).toBe(
      [
        'gantt',
        '  dateFormat YYYY-MM-DD HH:mm:ss',
        '  axisFormat %H:%M',
        '  tickInterval 5minute',
        '  todayMarker off',
        '  section rollout',
        '  5#37; bake :t1, 2000-01-01 00:00:00, 900s',
        '  gate :milestone, t2, 2000-01-01 00:15:00, 0s',
        '  watch :crit, t3, 2000-01-01 00:15:00, 1800s',
      ].join('\n'),
    );
    expect(text).not.toMatch(/dateFormat X/);
  });

  it('fits the ticks to the span: at most 10, and the day named past 24 hours', () => {
    expect(ganttAxis(540)).toEqual({ tickInterval: '1minute', axisFormat: '%H:%M' });
    expect(ganttAxis(5400)).toEqual({ tickInterval: '10minute', axisFormat: '%H:%M' });
    expect(ganttAxis(60)).toEqual({ tickInterval: '10second', axisFormat: '%H:%M:%S' });
    expect(ganttAxis(6 * 3600)).toEqual({ tickInterval: '1hour', axisFormat: '%H:%M' });
    expect(ganttAxis(3 * 86400)).toEqual({ tickInterval: '12hour', axisFormat: 'day %-j %H:%M' });
    expect(ganttAxis(8 * 86400)).toEqual({ tickInterval: '1day', axisFormat: 'day %-j' });
    for (const span of [1, 59, 600, 3599, 86399, 86400 * 30])
      expect(span / ganttSeconds(ganttAxis(span).tickInterval)).toBeLessThanOrEqual(10);
  });
});

function ganttSeconds(interval: string): number {
  const m = /^(\d+)(second|minute|hour|day|week)$/.exec(interval)!;
  const unit = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 }[m[2] as 'second'];
  return Number(m[1]) * unit;
}

describe('xychart text', () => {
  it('starts with the palette, says xychart-beta, quotes every string and fixes the y range', () => {
    const text = xyChart({
      title: 'Error "rate"',
      x: { title: 'elapsed', labels: ['1m', '2m'] },
      y: { title: 'percent' },
      series: [
        { kind: 'line', values: [0.5, 4.25] },
        { kind: 'line', values: [0.123456, 0] },
      ],
      palette: ['#d62728', '#1f77b4'],
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      '%%{init: {"xyChart":{"width":600,"height":320},"themeVariables":{"xyChart":{"plotColorPalette":"#d62728, #1f77b4"}}}}%%',
    );
    expect(lines.slice(1)).toEqual([
      'xychart-beta',
      `  title "Error 'rate'"`,
      '  x-axis "elapsed" ["1m", "2m"]',
      '  y-axis "percent" 0 --> 5',
      '  line [0.5, 4.25]',
      '  line [0.1235, 0]',
    ]);
  });

  it('writes plain decimals and round maxima', () => {
    expect(xyNumber(1e-7)).toBe('0');
    expect(xyNumber(12)).toBe('12');
    expect(xyNumber(Number.NaN)).toBe('0');
    expect([0, 0.3, 1, 1.1, 2.2, 4.4, 7, 11, 96].map(niceMax)).toEqual([1, 0.5, 1, 2, 2.5, 5, 10, 20, 100]);
  });
});

describe('blocks', () => {
  it('fences a block and finds every block of a document again', () => {
    const md = ['# x', '', ...mermaidBlock('gantt\n  a'), '', 'text', ...mermaidBlock('xychart-beta')].join(
      '\n',
    );
    expect(mermaidBlocks(md)).toEqual(['gantt\n  a', 'xychart-beta']);
  });
});
