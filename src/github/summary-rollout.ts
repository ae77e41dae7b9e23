// A rollout as the job summary: what a reviewer at an approval gate, or anyone after a rollback, needs to
// judge it without other tools — the steps with their weights and verdicts, every check with its numbers
// and the explanation of the decision, and charts of the weight and of canary against baseline (error
// rate, share of slow requests) over time. Every chart has its numbers in a table beside it: GitHub's
// mermaid lags upstream, and a chart it cannot draw must not hide the evidence.

import { analyze, type AnalysisResult } from '../analysis/engine.js';
import { parseEvidence } from '../analysis/evidence.js';
import type { Measurement } from '../analysis/measurement.js';
import { num, percent } from '../analysis/outcome.js';
import type { AnalysisSpec, CompareCheck } from '../analysis/spec.js';
import { formatDuration } from '../config/duration.js';
import type { CurrentRelease, RolloutRecord } from '../rollout/record.js';
import { capAnnotations, cell, code, escapeHtml, fitSummary } from './limits.js';
import { withTable, CANARY_BASELINE_PALETTE, mermaidBlock, xyChart } from './mermaid.js';

export type RolloutResult =
  | 'promoted'
  | 'rolled-back'
  | 'inconclusive'
  | 'failed'
  | 'deployed'
  | 'progressing'
  | 'paused'
  | 'promoting'
  | 'rolling-back';

/** Requests of one arm over a window: all, failed, and (when a latency check counts them) slow. */
export interface ArmWindow {
  total: number;
  bad: number;
  slow?: number;
}

/** One analysis window: when it ended, the canary's effective weight, both arms' counts. */
export interface SeriesPoint {
  at: string;
  weight: number;
  canary: ArmWindow;
  baseline: ArmWindow;
}

export interface SummaryStep {
  /** 1-based, as the reader counts. */
  step: number;
  weight: number;
  effectiveWeight: number;
  startedAt: string;
  finishedAt?: string;
  verdict?: string;
  reason?: string;
}

export interface SummaryCheck {
  name: string;
  status: string;
  /** The judge's sentence with the numbers, the test and the threshold. */
  detail: string;
  type?: string;
  critical?: boolean;
}

export interface RolloutSummaryInput {
  service: string;
  namespace: string;
  /** The release id. */
  release: string;
  /** Image name → reference (digests included). */
  images: Record<string, string>;
  result: RolloutResult;
  reason?: string;
  steps: SummaryStep[];
  /** Every step's weight as planned, so the steps not reached are shown too. */
  plannedWeights?: number[];
  series?: SeriesPoint[];
  checks?: SummaryCheck[];
  /** The analysis engine's explanation (src/analysis/explain.ts). */
  explanation?: string;
  /** The latency check's bound, for the slow-requests chart's title. */
  latencyThresholdMs?: number;
  router?: string;
  /** The workflow run, for links. */
  runUrl?: string;
  /** Where the traffic is now, in percent (as the action's `weights` output). */
  weights?: { canary: number; requested: number; stable: number };
  /** Paused before a gated step: which, and the GitHub environment whose approval continues it. */
  gate?: { step: number; weight: number; environment: string };
  /** When the summary is written: a step still running is charted until then. */
  now?: string;
}

const HEADLINE: Record<RolloutResult, string> = {
  promoted: '✅ promoted',
  'rolled-back': '❌ rolled back',
  inconclusive: '⚠️ inconclusive, rolled back',
  failed: '❌ failed',
  deployed: '✅ deployed',
  progressing: '⏳ in progress',
  paused: '⏸️ waiting for approval',
  promoting: '⏳ promoting',
  'rolling-back': '⏳ rolling back',
};

const VERDICT: Record<string, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '⚠️ inconclusive',
  running: '⏳ running',
};

/** Points a chart (and the table beside it) shows at most: more windows are merged. */
export const MAX_CHART_POINTS = 20;

const ms = (iso: string): number => Date.parse(iso);

/** `2026-03-04 10:15:07 UTC`. */
export function utc(iso: string): string {
  const t = ms(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function elapsed(seconds: number): string {
  return formatDuration(Math.max(0, Math.round(seconds)));
}

/** A short x-axis label: `m:ss` on a grid finer than a minute, else `12m`, `1h30m`. */
function tick(seconds: number, gridSeconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (gridSeconds >= 60) return elapsed(s);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Charts as wide as a job summary: their category labels need the room. */
const CHART_SIZE = { width: 900, height: 360 };

function verdictText(verdict: string | undefined, finished: boolean): string {
  if (verdict === undefined) return finished ? '' : VERDICT.running!;
  return VERDICT[verdict] ?? cell(verdict);
}

// From 1 s: a rollback decided within seconds still gets one chart point per window (a line needs two).
const GRID_SECONDS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

/** A round bucket width that cuts `spanSeconds` into at most `max` buckets. */
export function gridSeconds(spanSeconds: number, max = MAX_CHART_POINTS): number {
  const fit = GRID_SECONDS.find((width) => Math.ceil(spanSeconds / width) <= max);
  return fit ?? Math.ceil(spanSeconds / max / 86400) * 86400;
}

const add = (a: ArmWindow, b: ArmWindow): ArmWindow => ({
  total: a.total + b.total,
  bad: a.bad + b.bad,
  ...(a.slow !== undefined || b.slow !== undefined ? { slow: (a.slow ?? 0) + (b.slow ?? 0) } : {}),
});

/**
 * Windows summed into buckets of one round width from `t0` (ms), labelled by their end; empty buckets are
 * left out. Counts add up, so a bucket's rate is the rate of all its requests; its weight is the latest.
 */
export function bucketSeries(
  series: SeriesPoint[],
  t0: number,
  max = MAX_CHART_POINTS,
): { points: Array<SeriesPoint & { end: number }>; widthSeconds: number } {
  const ordered = [...series].sort((a, b) => ms(a.at) - ms(b.at));
  const widthSeconds = gridSeconds(
    Math.max(0, ms(ordered[ordered.length - 1]?.at ?? '') - t0) / 1000 || 0,
    max,
  );
  const width = widthSeconds * 1000;
  const buckets = new Map<number, SeriesPoint & { end: number }>();
  for (const p of ordered) {
    // A window ending exactly on a bucket's end belongs to that bucket.
    const index = Math.max(0, Math.ceil((ms(p.at) - t0) / width) - 1);
    const bucket = buckets.get(index);
    buckets.set(
      index,
      bucket
        ? {
            ...bucket,
            weight: p.weight,
            canary: add(bucket.canary, p.canary),
            baseline: add(bucket.baseline, p.baseline),
          }
        : { ...p, end: t0 + (index + 1) * width },
    );
  }
  return { points: [...buckets.values()].sort((a, b) => a.end - b.end), widthSeconds };
}

const share = (part: number, total: number): number => (total > 0 ? (100 * part) / total : 0);

function counts(part: number | undefined, total: number): string {
  if (part === undefined) return '—';
  // Prometheus' increase() extrapolates: counts come fractional, shown as the judge shows them (8.11/42.6).
  return `${num(part)}/${num(total)} (${percent(part, total)})`;
}

/** When the rollout started: its first step (or first window). */
function origin(input: RolloutSummaryInput): number {
  const times = [...input.steps.map((s) => ms(s.startedAt)), ...(input.series ?? []).map((p) => ms(p.at))];
  const valid = times.filter((t) => !Number.isNaN(t));
  return valid.length > 0 ? Math.min(...valid) : 0;
}

function stepsSection(input: RolloutSummaryInput): string[] {
  const md = [
    '### Steps',
    '',
    '| step | weight | effective | started | duration | verdict | reason |',
    '|---:|---:|---:|---|---:|---|---|',
  ];
  const byStep = new Map(input.steps.map((s) => [s.step, s]));
  const count = Math.max(input.plannedWeights?.length ?? 0, ...input.steps.map((s) => s.step));
  for (let n = 1; n <= count; n++) {
    const s = byStep.get(n);
    if (!s) {
      const weight = input.plannedWeights?.[n - 1];
      // The last step of a promoted release is the promotion itself (never a 100 % canary).
      const promotion = n === count && (input.result === 'promoted' || input.result === 'promoting');
      md.push(
        `| ${n} | ${weight === undefined ? '' : `${weight}%`} | | | | ${promotion ? HEADLINE[input.result] : 'not reached'} | |`,
      );
      continue;
    }
    // A step the canary action left for the next weight has no verdict of the engine's own: it ended
    // when the next began.
    const next = byStep.get(n + 1);
    const left = s.finishedAt === undefined && next !== undefined;
    const end = s.finishedAt ?? (left ? next.startedAt : undefined);
    const duration = end !== undefined ? elapsed((ms(end) - ms(s.startedAt)) / 1000) : 'running';
    const verdict = left && s.verdict === undefined ? '—' : verdictText(s.verdict, end !== undefined);
    const reason = s.reason ?? (left ? `moved on to ${next.weight}%` : '');
    md.push(
      `| ${n} | ${s.weight}% | ${s.effectiveWeight}% | ${utc(s.startedAt)} | ${duration} | ${verdict} | ${cell(reason)} |`,
    );
  }
  md.push('');
  return md;
}

function checksSection(input: RolloutSummaryInput): string[] {
  if (!input.checks?.length && !input.explanation) return [];
  const md = ['### Analysis', ''];
  const headline = input.explanation?.split('\n')[0];
  if (headline) md.push(`> ${escapeHtml(headline)}`, '');
  if (input.checks?.length) {
    md.push('| check | status | numbers, test and threshold |', '|---|---|---|');
    for (const c of input.checks) {
      const kind = [c.type, c.critical ? 'critical' : undefined].filter(Boolean).join(', ');
      md.push(
        `| ${code(c.name)}${kind ? ` (${kind})` : ''} | ${VERDICT[c.status] ?? cell(c.status)} | ${cell(c.detail)} |`,
      );
    }
    md.push('');
  }
  if (input.explanation)
    md.push(
      '<details><summary>The explanation of the decision</summary>',
      '',
      '```text',
      input.explanation.replace(/```/g, "'''"),
      '```',
      '',
      '</details>',
      '',
    );
  return md;
}

const FINAL: Partial<Record<RolloutResult, { weight: number; label: string }>> = {
  promoted: { weight: 100, label: 'promoted' },
  promoting: { weight: 100, label: 'promoting' },
  'rolled-back': { weight: 0, label: 'rolled back' },
  inconclusive: { weight: 0, label: 'rolled back' },
  failed: { weight: 0, label: 'rolled back' },
  'rolling-back': { weight: 0, label: 'rolling back' },
};

/**
 * Each step's weights and when it held them: until the next step started (a gate holds it), or its end;
 * the step still running holds them until `end` (now).
 */
function intervals(
  input: RolloutSummaryInput,
  end: number,
): Array<SummaryStep & { from: number; to: number; running: boolean }> {
  const steps = [...input.steps].sort((a, b) => ms(a.startedAt) - ms(b.startedAt));
  return steps.map((s, i) => {
    const next = steps[i + 1];
    const running = !next && s.finishedAt === undefined;
    const to = next ? ms(next.startedAt) : s.finishedAt !== undefined ? ms(s.finishedAt) : end;
    return { ...s, from: ms(s.startedAt), to, running };
  });
}

function weightSection(input: RolloutSummaryInput, t0: number, end: number): string[] {
  if (input.steps.length === 0) return [];
  const held = intervals(input, end);
  const width = gridSeconds((end - t0) / 1000) * 1000;
  const buckets = Math.max(1, Math.ceil((end - t0) / width));
  // xychart spaces its categories evenly, so they must be evenly timed: each bucket shows the highest
  // weight held during it (a short step is never lost between two samples).
  const labels: string[] = [];
  const effective: number[] = [];
  const requested: number[] = [];
  for (let i = 0; i < buckets; i++) {
    const [from, to] = [t0 + i * width, t0 + (i + 1) * width];
    const during = held.filter((s) => s.from < to && (s.to > from || s.running));
    labels.push(tick((to - t0) / 1000, width / 1000));
    effective.push(Math.max(0, ...during.map((s) => s.effectiveWeight)));
    requested.push(Math.max(0, ...during.map((s) => s.weight)));
  }
  const last = held[held.length - 1]!;
  const outcome = last.finishedAt !== undefined ? FINAL[input.result] : undefined;
  if (outcome) {
    labels.push('end');
    effective.push(outcome.weight);
    requested.push(outcome.weight);
  }
  const chart = xyChart({
    title: 'Canary weight over time',
    x: { title: `elapsed (end of each ${elapsed(width / 1000)})`, labels },
    y: { title: 'weight (percent)', min: 0, max: 100 },
    ...CHART_SIZE,
    series: [
      { kind: 'bar', values: effective },
      { kind: 'line', values: requested },
    ],
    palette: ['#1f77b4', '#ff7f0e'],
  });
  const table = [
    '🟦 bars: effective weight · 🟧 line: requested weight',
    '',
    '| from | to | requested | effective |',
    '|---:|---:|---:|---:|',
  ];
  for (const s of held) {
    const to = s.running ? 'now' : elapsed((s.to - t0) / 1000);
    table.push(`| ${elapsed((s.from - t0) / 1000)} | ${to} | ${s.weight}% | ${s.effectiveWeight}% |`);
  }
  if (outcome)
    table.push(
      `| ${elapsed((last.to - t0) / 1000)} | end | ${outcome.weight}% (${outcome.label}) | ${outcome.weight}% |`,
    );
  return ['### Canary weight over time', '', ...withTable(mermaidBlock(chart), table)];
}

function compareSection(
  title: string,
  what: string,
  points: Array<SeriesPoint & { end: number }>,
  t0: number,
  widthSeconds: number,
  pick: (arm: ArmWindow) => number | undefined,
): string[] {
  const chart = xyChart({
    title,
    x: {
      title: `elapsed (end of each ${elapsed(widthSeconds)})`,
      labels: points.map((p) => tick((p.end - t0) / 1000, widthSeconds)),
    },
    y: { title: 'percent of requests' },
    ...CHART_SIZE,
    series: [
      { kind: 'line', values: points.map((p) => share(pick(p.canary) ?? 0, p.canary.total)) },
      { kind: 'line', values: points.map((p) => share(pick(p.baseline) ?? 0, p.baseline.total)) },
    ],
    palette: CANARY_BASELINE_PALETTE,
  });
  const table = [
    `🟥 line: canary · 🟦 line: baseline — requests ${what}`,
    '',
    '| elapsed | weight | canary | baseline |',
    '|---:|---:|---:|---:|',
    ...points.map(
      (p) =>
        `| ${elapsed((p.end - t0) / 1000)} | ${p.weight}% | ${counts(pick(p.canary), p.canary.total)} | ${counts(pick(p.baseline), p.baseline.total)} |`,
    ),
  ];
  return [`### ${title}`, '', ...withTable(mermaidBlock(chart), table)];
}

function seriesSections(input: RolloutSummaryInput, t0: number): string[] {
  if (!input.series?.length) return [];
  const { points, widthSeconds } = bucketSeries(input.series, t0);
  const md = compareSection(
    'Error rate: canary vs baseline',
    'that failed',
    points,
    t0,
    widthSeconds,
    (arm) => arm.bad,
  );
  if (input.series.some((p) => p.canary.slow !== undefined || p.baseline.slow !== undefined)) {
    const bound = input.latencyThresholdMs !== undefined ? ` (> ${input.latencyThresholdMs} ms)` : '';
    md.push(
      ...compareSection(
        `Slow requests${bound}: canary vs baseline`,
        `slower than ${input.latencyThresholdMs !== undefined ? `${input.latencyThresholdMs} ms` : 'the bound'}`,
        points,
        t0,
        widthSeconds,
        (arm) => arm.slow,
      ),
    );
  }
  if (points.length < input.series.length)
    md.push(
      `_${input.series.length} analysis windows, summed into ${points.length} of ${elapsed(widthSeconds)} each._`,
      '',
    );
  return md;
}

/** GitHub-flavoured Markdown for a rollout's job summary, within GitHub's 1 MiB. */
export function renderRolloutSummary(input: RolloutSummaryInput): string {
  const md: string[] = [`## Dial rollout of ${code(input.service, false)}: ${HEADLINE[input.result]}`, ''];
  if (input.reason) md.push(`**Why:** ${escapeHtml(input.reason)}`, '');
  const facts = [
    `release ${code(input.release, false)}`,
    `namespace ${code(input.namespace, false)}`,
    ...(input.router ? [`router **${escapeHtml(input.router)}**`] : []),
    ...(input.runUrl ? [`[the run](${input.runUrl})`] : []),
  ];
  md.push(facts.join(' · '), '');
  const w = input.weights;
  if (w) md.push(`canary **${w.canary}%** (asked ${w.requested}%) · stable **${w.stable}%**`, '');
  if (input.gate) {
    const env = code(input.gate.environment, false);
    md.push(
      `Waiting before step ${input.gate.step} (${input.gate.weight}%) for the approval of environment ${env}: ` +
        `a job with \`environment: ${escapeHtml(input.gate.environment)}\` running this action again with ` +
        '`approved: true` continues from here.',
      '',
    );
  }
  const images = Object.entries(input.images);
  if (images.length > 0) {
    md.push('| image | reference |', '|---|---|');
    for (const [name, ref] of images) md.push(`| ${code(name)} | ${code(ref)} |`);
    md.push('');
  }
  const t0 = origin(input);
  const running = input.steps.some((s) => s.finishedAt === undefined);
  const end = Math.max(
    t0,
    ...[
      ...input.steps.map((s) => s.finishedAt ?? s.startedAt),
      ...(input.series ?? []).map((p) => p.at),
      ...(running && input.now !== undefined ? [input.now] : []),
    ]
      .map(ms)
      .filter((t) => !Number.isNaN(t)),
  );
  md.push(...stepsSection(input), ...checksSection(input), ...weightSection(input, t0, end));
  md.push(...seriesSections(input, t0));
  return fitSummary(md.join('\n'));
}

/** The failures of a rollout as annotation texts (the run's page shows them above the logs). */
export function rolloutAnnotations(input: RolloutSummaryInput): string[] {
  const out: string[] = [];
  const steps = [...input.steps].sort((a, b) => a.step - b.step);
  const at = steps[steps.length - 1];
  const where = at ? ` at step ${at.step} (${at.weight}%, effective ${at.effectiveWeight}%)` : '';
  const why = input.reason ? `: ${input.reason}` : '';
  const subject = `${input.service} in ${input.namespace}`;
  if (input.result === 'rolled-back') out.push(`Dial rolled back ${subject}${where}${why}`);
  else if (input.result === 'inconclusive')
    out.push(`Dial's analysis of ${subject} was inconclusive${where}; rolled back${why}`);
  else if (input.result === 'failed') out.push(`Dial's rollout of ${subject} failed${where}${why}`);
  else return [];
  for (const c of input.checks ?? [])
    if (c.status === 'fail' || (input.result === 'inconclusive' && c.status === 'inconclusive'))
      out.push(
        `${input.service}: check '${c.name}' ${c.status === 'fail' ? 'failed' : 'was inconclusive'}: ${c.detail}`,
      );
  return capAnnotations(out);
}

// ---------------------------------------------------------------------------------------------------
// The per-window counts a record keeps for the charts (proposed field: CurrentRelease.series).

export { SERIES_CAP, appendSeries, type SeriesRow } from '../rollout/series.js';
import { seriesRowOf, type SeriesRow } from '../rollout/series.js';

/**
 * The row for one measurement: failed requests from the first `errors` compare check, slow ones from the
 * first `latency` compare check (totals from the errors check when both exist). Undefined when neither
 * brought counts for both arms.
 */
export function seriesRow(
  spec: AnalysisSpec,
  m: Measurement,
  effectiveWeight: number,
): SeriesRow | undefined {
  const countsOf = (metric: CompareCheck['metric']) => {
    const check = spec.checks.find((c): c is CompareCheck => c.type === 'compare' && c.metric === metric);
    const sample = check ? m.samples[check.name] : undefined;
    if (sample?.type !== 'compare' || sample.canary.kind !== 'counts' || sample.baseline.kind !== 'counts')
      return undefined;
    return { canary: sample.canary, baseline: sample.baseline };
  };
  return seriesRowOf(m.window.end.getTime(), effectiveWeight, countsOf('errors'), countsOf('latency'));
}

/** Rows back to the summary's points. */
export function expandSeries(rows: readonly SeriesRow[]): SeriesPoint[] {
  return rows.map(([end, weight, ct, cb, cs, bt, bb, bs]) => ({
    at: new Date(end * 1000).toISOString(),
    weight,
    canary: { total: ct, bad: cb, ...(cs !== null ? { slow: cs } : {}) },
    baseline: { total: bt, bad: bb, ...(bs !== null ? { slow: bs } : {}) },
  }));
}

export interface FromRecordOptions {
  /** The release to show: by default the record's current one (pass it for a release that just finished). */
  release?: CurrentRelease;
  /** The last analysis result: its checks and explanation are shown as they are. */
  analysis?: Pick<AnalysisResult, 'checks' | 'explanation'>;
  result?: RolloutResult;
  reason?: string;
  runUrl?: string;
  /** The time the checks are judged at when they are re-judged from the evidence (default: the decision). */
  now?: Date;
}

function resultOf(record: RolloutRecord, release: CurrentRelease): RolloutResult {
  const finished = record.history.find((h) => h.id === release.id);
  if (finished && record.current?.id !== release.id) return finished.result;
  switch (record.phase) {
    case 'paused':
      return 'paused';
    case 'promoting':
      return 'promoting';
    case 'rolling-back':
      return 'rolling-back';
    default:
      return 'progressing';
  }
}

/** The checks as the persisted evidence judges them (no new measurements), when the spec is recorded. */
function rejudge(
  release: CurrentRelease,
  now: Date,
): Pick<AnalysisResult, 'checks' | 'explanation'> | undefined {
  const recorded = release.settings.analysis?.spec;
  const persisted = release.analysis;
  if (!recorded || !persisted) return undefined;
  // Judged as the step was (src/rollout/open.ts): a step lasts its bake, so a pass needs the whole bake and
  // the analysis ends with it. With the recorded spec's longer horizon a passed step would read undecided.
  const bake = release.steps[persisted.step]?.bakeSeconds ?? 0;
  let spec = bake > 0 ? { ...recorded, minDurationSeconds: bake, maxDurationSeconds: bake } : recorded;
  const finished = release.stepLog.find((l) => l.step === persisted.step)?.finishedAt;
  const at = finished ? new Date(finished) : now;
  try {
    const evidence = parseEvidence(persisted.evidence);
    // A decided analysis ended at its own horizon (the analyze action's `for`, a bake): judged at `at`
    // with a longer one, a check that passed at the end would read undecided.
    if (persisted.done === true) {
      const elapsed = Math.max(0, (at.getTime() - Date.parse(evidence.startedAt)) / 1000);
      spec = {
        ...spec,
        minDurationSeconds: Math.min(spec.minDurationSeconds, elapsed),
        maxDurationSeconds: Math.min(spec.maxDurationSeconds, elapsed),
      };
    }
    const result = analyze(spec, evidence, [], at);
    return { checks: result.checks, explanation: persisted.explanation ?? result.explanation };
  } catch {
    return persisted.explanation ? { checks: [], explanation: persisted.explanation } : undefined;
  }
}

/**
 * The summary's input from the record (and the last analysis result, when the caller has it). The
 * per-window series is read from `release.series` (SeriesRow[]) once the record keeps it.
 */
export function rolloutSummaryInput(
  record: RolloutRecord,
  options: FromRecordOptions = {},
): RolloutSummaryInput {
  const release = options.release ?? record.current;
  if (!release)
    throw new Error(`${record.service}: no release in progress to summarize (pass options.release)`);
  const finished = record.history.find((h) => h.id === release.id);
  const now = options.now ?? new Date(release.decision?.at ?? release.analysis?.nextDue ?? record.updatedAt);
  const analysis = options.analysis ?? rejudge(release, now);
  const spec = release.settings.analysis?.spec;
  const latency = spec?.checks.find((c): c is CompareCheck => c.type === 'compare' && c.metric === 'latency');
  const rows = (release as CurrentRelease & { series?: SeriesRow[] }).series;
  const reason = options.reason ?? release.decision?.reason ?? finished?.reason;
  const result = options.result ?? resultOf(record, release);
  // A release still in progress holds its weight; a finished one left all traffic to the stable.
  const live = record.current?.id === release.id ? release.weight : { requested: 0, effective: 0 };
  const gated = release.steps[release.step];
  return {
    service: record.service,
    namespace: record.namespace,
    release: release.id,
    images: release.images,
    result,
    ...(reason !== undefined ? { reason } : {}),
    weights: {
      canary: live.effective,
      requested: live.requested,
      stable: Math.round((100 - live.effective) * 10) / 10,
    },
    ...(result === 'paused' && gated?.approval
      ? { gate: { step: release.step + 1, weight: gated.weight, environment: gated.approval } }
      : {}),
    steps: [...release.stepLog]
      .sort((a, b) => a.step - b.step)
      .map((s) => ({
        step: s.step + 1,
        weight: s.weight,
        effectiveWeight: s.effectiveWeight,
        startedAt: s.startedAt,
        ...(s.finishedAt !== undefined ? { finishedAt: s.finishedAt } : {}),
        ...(s.verdict !== undefined ? { verdict: s.verdict } : {}),
        ...(s.reason !== undefined ? { reason: s.reason } : {}),
      })),
    plannedWeights: release.steps.map((s) => s.weight),
    ...(rows?.length ? { series: expandSeries(rows) } : {}),
    ...(analysis?.checks.length ? { checks: analysis.checks } : {}),
    ...(analysis?.explanation ? { explanation: analysis.explanation } : {}),
    ...(latency?.latencyThresholdMs !== undefined ? { latencyThresholdMs: latency.latencyThresholdMs } : {}),
    router: record.router,
    ...(options.runUrl ? { runUrl: options.runUrl } : {}),
    now: (options.now ?? new Date(record.updatedAt)).toISOString(),
  };
}
