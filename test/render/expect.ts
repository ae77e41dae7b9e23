// What a rendered block must show, read from the mermaid text Dial wrote, and the checks of what the
// browser drew against it. Each check returns the problems it found (empty: as expected), so a failure
// says what a reader would have seen wrong.

/** What probe.js reports for one rendered block. */
export interface Probe {
  parsed: boolean;
  parseError: string | null;
  rendered: boolean;
  renderError: string | null;
  pageSyntaxError?: boolean;
  syntaxError?: boolean;
  tasks?: Array<{ id: string; x: number; width: number; milestone: boolean }>;
  labels?: string[];
  ticks?: string[];
  plots?: Array<{ kind: string; bars: number; points: number; color: string }>;
  xLabels?: string[];
}

export interface ExpectedTask {
  label: string;
  startSeconds: number;
  durationSeconds: number;
  milestone: boolean;
}

/** `#37;` → `%`: what mermaid shows for an entity. */
export function decodeEntities(text: string): string {
  return text.replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

function seconds(dateTime: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(dateTime.trim());
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) / 1000;
}

/** The tasks of a gantt in Dial's convention (`label :tags, id, YYYY-MM-DD HH:mm:ss, Ns`). */
export function ganttTasks(text: string): ExpectedTask[] {
  const tasks: Array<ExpectedTask & { at: number }> = [];
  for (const line of text.split('\n')) {
    const m = /^\s+([^:]+?)\s*:(.+)$/.exec(line);
    if (!m || /^\s*(dateFormat|axisFormat|tickInterval|todayMarker|title|section)\b/.test(line)) continue;
    const parts = m[2]!.split(',').map((p) => p.trim());
    const duration = /^(\d+)s$/.exec(parts[parts.length - 1] ?? '');
    const at = seconds(parts[parts.length - 2] ?? '');
    if (!duration || Number.isNaN(at)) throw new Error(`not Dial's gantt convention: ${line}`);
    tasks.push({
      label: decodeEntities(m[1]!),
      at,
      startSeconds: 0,
      durationSeconds: Number(duration[1]),
      milestone: parts.includes('milestone'),
    });
  }
  const origin = Math.min(...tasks.map((t) => t.at));
  return tasks.map(({ at, ...t }) => ({ ...t, startSeconds: at - origin }));
}

export function renderProblems(probe: Probe): string[] {
  const problems: string[] = [];
  if (!probe.parsed) problems.push(`mermaid.parse failed: ${probe.parseError}`);
  if (!probe.rendered) problems.push(`mermaid.render failed: ${probe.renderError}`);
  if (probe.syntaxError || probe.pageSyntaxError) problems.push('a "Syntax error" diagram is shown');
  return problems;
}

/**
 * One bar per task with every label, and each bar where its start time puts it: the first task's left
 * edge is time 0, the scale comes from the longest bar; a milestone's centre marks its time.
 */
export function ganttProblems(text: string, probe: Probe): string[] {
  const problems = renderProblems(probe);
  const expected = ganttTasks(text);
  const drawn = probe.tasks ?? [];
  if (drawn.length !== expected.length)
    problems.push(`${drawn.length} bars (rect.task) for ${expected.length} tasks`);
  for (const task of expected)
    if (!(probe.labels ?? []).includes(task.label)) problems.push(`task label '${task.label}' missing`);
  if (drawn.length !== expected.length || drawn.length === 0) return problems;
  const longest = expected.reduce((a, b) => (b.durationSeconds > a.durationSeconds ? b : a));
  const longestBar = drawn[expected.indexOf(longest)]!;
  const scale = longestBar.width / Math.max(longest.durationSeconds, 1);
  const firstBar = drawn[0]!;
  const x0 = expected[0]!.milestone ? firstBar.x + firstBar.width / 2 : firstBar.x;
  if (!(scale > 0)) problems.push(`the longest task '${longest.label}' is drawn ${longestBar.width}px wide`);
  expected.forEach((task, i) => {
    const bar = drawn[i]!;
    const left = task.milestone ? bar.x + bar.width / 2 : bar.x;
    const want = x0 + task.startSeconds * scale;
    if (Math.abs(left - want) > 1.5)
      problems.push(
        `'${task.label}' starts at x=${left.toFixed(1)}, expected ${want.toFixed(1)} (t=${task.startSeconds}s)`,
      );
    if (i > 0 && task.startSeconds > 0 && Math.abs(left - x0) < 0.5)
      problems.push(`'${task.label}' is drawn at the chart's origin`);
    if (!task.milestone && Math.abs(bar.width - task.durationSeconds * scale) > 1.5)
      problems.push(
        `'${task.label}' is ${bar.width}px wide, expected ${(task.durationSeconds * scale).toFixed(1)}`,
      );
  });
  // The axis must read as elapsed time from 00:00 in every time zone.
  const first = probe.ticks?.[0];
  if (first !== undefined && !/^(00:00(:00)?|day 1( 00:00)?)$/.test(first))
    problems.push(`the axis starts at '${first}', not 00:00`);
  return problems;
}

/** Series, categories and colours as the text asks: one bar per category, one point per category. */
export function xyProblems(text: string, probe: Probe): string[] {
  const problems = renderProblems(probe);
  const categories = /x-axis[^[]*\[(.*)\]/.exec(text)?.[1]?.match(/"[^"]*"/g) ?? [];
  const series = [...text.matchAll(/^\s+(bar|line) \[(.*)\]$/gm)].map((m) => ({
    kind: m[1]!,
    values: m[2]!.split(',').length,
  }));
  const palette = (/"plotColorPalette":"([^"]*)"/.exec(text)?.[1] ?? '').split(/,\s*/).filter(Boolean);
  const plots = probe.plots ?? [];
  if (plots.length !== series.length) problems.push(`${plots.length} plots for ${series.length} series`);
  series.forEach((s, i) => {
    const plot = plots[i];
    if (!plot) return;
    if (!plot.kind.startsWith(s.kind)) problems.push(`plot ${i} is ${plot.kind}, expected a ${s.kind}`);
    if (s.values !== categories.length)
      problems.push(`series ${i} has ${s.values} values for ${categories.length} categories`);
    const drawn = s.kind === 'bar' ? plot.bars : plot.points;
    if (drawn !== s.values)
      problems.push(
        `${plot.kind} draws ${drawn} ${s.kind === 'bar' ? 'bars' : 'points'}, expected ${s.values}`,
      );
    const colour = palette[i % Math.max(palette.length, 1)];
    if (colour && plot.color.toLowerCase() !== colour.toLowerCase())
      problems.push(`${plot.kind} is drawn in ${plot.color}, expected ${colour}`);
  });
  for (const category of categories) {
    const label = category.slice(1, -1);
    if (!(probe.xLabels ?? []).includes(label)) problems.push(`x-axis label '${label}' missing`);
  }
  return problems;
}

/** The checks that fit the block's kind. */
export function blockProblems(text: string, probe: Probe): string[] {
  const kind = text
    .split('\n')
    .find((line) => !line.startsWith('%%'))
    ?.trim();
  if (kind === 'gantt') return ganttProblems(text, probe);
  if (kind?.startsWith('xychart')) return xyProblems(text, probe);
  return renderProblems(probe);
}
