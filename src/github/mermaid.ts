// Small builders for the mermaid text Dial writes into job summaries, with the conventions that render the
// same in every mermaid version GitHub may run (its version lags upstream and is not published; these were
// checked with 10.9, 11.3, 11.17 and 12.3 in headless Chromium, see test/render):
//
// gantt
// - `dateFormat YYYY-MM-DD HH:mm:ss` with fixed LOCAL start times from GANTT_EPOCH and durations in seconds
//   (`900s`). `dateFormat X` reads integers as milliseconds from mermaid 11.12 on (every bar at 0), and
//   epoch offsets are drawn in the reader's time zone; a local midnight start shows `00:00` everywhere.
// - `tickInterval` and `axisFormat` fitted to the span (`%H:%M` wraps after 24 h: longer spans name the day).
// - No task line whose first character is followed by `%` (the lexer takes it for a comment and drops the
//   task: `5% bake` vanishes, `10% bake` stays): every `%` in a label is written `#37;`, which mermaid
//   shows as `%`. `:` `#` `;` are written as entities too; a label starting with a keyword is escaped.
// - `todayMarker off`: today is years away from the fixed start.
//
// xychart-beta
// - The keyword `xychart-beta` (bare `xychart` only parses in late 11.x), quoted strings, explicit y range.
// - Its first series is pale lavender by default and there is no legend before 11.17: an init directive
//   sets a palette, and the series are named in the table beside the chart (callers do that).

/** Local midnight of an arbitrary day, so the axis reads as elapsed time in every time zone. */
export const GANTT_EPOCH = { year: 2000, month: 1, day: 1 };

export interface GanttTask {
  label: string;
  /** Seconds from the start of the chart. */
  startSeconds: number;
  /** Seconds; a milestone is drawn at its start and may have 0. */
  durationSeconds: number;
  milestone?: boolean;
  /** Mermaid's task tags: drawn in other colours. */
  tags?: Array<'crit' | 'done' | 'active'>;
}

export interface GanttSection {
  name: string;
  tasks: GanttTask[];
}

/** Lines a gantt keyword would claim when a task label starts with them. */
const GANTT_KEYWORDS =
  /^(?:gantt|dateFormat|inclusiveEndDates|topAxis|axisFormat|tickInterval|includes|excludes|todayMarker|weekday|weekend|title|accTitle|accDescr|accDescription|section|click|call|href|displayMode|\d{4}-\d\d-\d\d)/i;

/** A task label that parses as one task in every version: entities for `%`, `:`, `#`, `;`. */
export function ganttLabel(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim() || '-';
  const escaped = flat.replace(/[#%:;]/g, (c) => `#${c.charCodeAt(0)};`);
  // A leading keyword (`title …`, `section …`, a date) is taken as a statement: hide its first letter.
  return GANTT_KEYWORDS.test(escaped) ? `#${escaped.charCodeAt(0)};${escaped.slice(1)}` : escaped;
}

/** Section names allow no entities in mermaid.parse(): drop what could end or comment them. */
function sectionName(text: string): string {
  return (
    text
      .replace(/[#%:;\n]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || '-'
  );
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2000-01-01 00:15:00` for 900: a local wall-clock time that many seconds after GANTT_EPOCH. */
export function ganttTime(offsetSeconds: number): string {
  const s = Math.max(0, Math.round(offsetSeconds));
  const days = Math.floor(s / 86400);
  const rest = s % 86400;
  // Plain arithmetic on the calendar (no Date: the reader's zone must not matter). January has 31 days;
  // longer spans roll into the following months.
  let day = GANTT_EPOCH.day + days;
  let month = GANTT_EPOCH.month;
  let year = GANTT_EPOCH.year;
  for (;;) {
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day <= length) break;
    day -= length;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
}

const TICKS: Array<[seconds: number, interval: string]> = [
  [10, '10second'],
  [30, '30second'],
  [60, '1minute'],
  [120, '2minute'],
  [300, '5minute'],
  [600, '10minute'],
  [900, '15minute'],
  [1800, '30minute'],
  [3600, '1hour'],
  [7200, '2hour'],
  [10800, '3hour'],
  [21600, '6hour'],
  [43200, '12hour'],
  [86400, '1day'],
  [172800, '2day'],
  [604800, '1week'],
];

/** At most this many ticks on a gantt's axis. */
const MAX_TICKS = 10;

/** The tick interval and axis format for a chart spanning this many seconds. */
export function ganttAxis(spanSeconds: number): { tickInterval: string; axisFormat: string } {
  const span = Math.max(spanSeconds, 1);
  const [seconds, tickInterval] =
    TICKS.find(([size]) => span / size <= MAX_TICKS) ?? TICKS[TICKS.length - 1]!;
  // d3's %-j is the day of the year without padding: GANTT_EPOCH is January 1st, so day 1 is the first.
  const axisFormat =
    span < 86400 ? (seconds < 60 ? '%H:%M:%S' : '%H:%M') : seconds >= 86400 ? 'day %-j' : 'day %-j %H:%M';
  return { tickInterval, axisFormat };
}

/** The gantt's mermaid text (no fence). Task ids are `t1`, `t2`, … in order. */
export function ganttChart(sections: GanttSection[], options: { title?: string } = {}): string {
  let end = 0;
  for (const section of sections)
    for (const task of section.tasks) end = Math.max(end, task.startSeconds + task.durationSeconds);
  const { tickInterval, axisFormat } = ganttAxis(end);
  const lines = ['gantt'];
  if (options.title) lines.push(`  title ${options.title.replace(/[#%;\n]/g, ' ')}`);
  lines.push(
    '  dateFormat YYYY-MM-DD HH:mm:ss',
    `  axisFormat ${axisFormat}`,
    `  tickInterval ${tickInterval}`,
    '  todayMarker off',
  );
  let id = 0;
  for (const section of sections) {
    lines.push(`  section ${sectionName(section.name)}`);
    for (const task of section.tasks) {
      id++;
      const tags = [...(task.milestone ? ['milestone'] : []), ...(task.tags ?? [])];
      const duration = Math.max(0, Math.round(task.durationSeconds));
      lines.push(
        `  ${ganttLabel(task.label)} :${[...tags, `t${id}`, ganttTime(task.startSeconds), `${duration}s`].join(', ')}`,
      );
    }
  }
  return lines.join('\n');
}

export interface XySeries {
  kind: 'line' | 'bar';
  values: number[];
}

export interface XyChart {
  title?: string;
  x: { title?: string; labels: string[] };
  y: { title?: string; min?: number; max?: number };
  /** Drawn in order; series i takes palette[i]. */
  series: XySeries[];
  /** CSS colours, e.g. ['#d62728', '#1f77b4']. */
  palette: string[];
  width?: number;
  height?: number;
}

/** Canary red, baseline blue: the palette GitHub readers see for canary-versus-baseline charts. */
export const CANARY_BASELINE_PALETTE = ['#d62728', '#1f77b4'];

/** A quoted xychart string: no quotes or newlines inside. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, "'").replace(/\s+/g, ' ').trim()}"`;
}

/** A number as xychart reads it: plain decimal, no exponent, at most 4 decimals. */
export function xyNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 10000) / 10000;
  return rounded.toFixed(4).replace(/\.?0+$/, '') || '0';
}

/** The smallest 1, 2, 2.5 or 5 × 10^k at least `value` (1 for nothing): a y-axis maximum. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const exponent = Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * 10 ** exponent;
    if (candidate >= value - 1e-12) return Number(candidate.toPrecision(12));
  }
  return 10 ** (exponent + 1);
}

/** The xychart-beta text (no fence), with the palette and size in an init directive on the first line. */
export function xyChart(chart: XyChart): string {
  const init = {
    xyChart: { width: chart.width ?? 600, height: chart.height ?? 320 },
    themeVariables: { xyChart: { plotColorPalette: chart.palette.join(', ') } },
  };
  const all = chart.series.flatMap((s) => s.values);
  const max = chart.y.max ?? niceMax(Math.max(0, ...all) * 1.1);
  const min = chart.y.min ?? 0;
  const lines = [`%%{init: ${JSON.stringify(init)}}%%`, 'xychart-beta'];
  if (chart.title) lines.push(`  title ${quoted(chart.title)}`);
  lines.push(
    `  x-axis ${chart.x.title ? `${quoted(chart.x.title)} ` : ''}[${chart.x.labels.map(quoted).join(', ')}]`,
    `  y-axis ${chart.y.title ? `${quoted(chart.y.title)} ` : ''}${xyNumber(min)} --> ${xyNumber(max)}`,
  );
  for (const series of chart.series)
    lines.push(`  ${series.kind} [${series.values.map(xyNumber).join(', ')}]`);
  return lines.join('\n');
}

/** A fenced mermaid block for Markdown. */
export function mermaidBlock(text: string): string[] {
  return ['```mermaid', text, '```'];
}

/** Every mermaid block of a Markdown document, in order (what test/render renders). */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1] ?? '');
}

/**
 * A chart with its table right after it. The table is the record: GitHub's mermaid may be too old to draw
 * the chart. Stacked, not in two cells of an HTML table: a chart scales to the width it is given, and
 * in a table cell that is what the cell's other content leaves (rendered that way in test/render, the
 * plan's gantt was a thumbnail with unreadable labels).
 */
export function withTable(chart: string[], table: string[]): string[] {
  return [...chart, '', ...table, ''];
}
