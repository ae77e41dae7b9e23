// SLO burn-rate judge on the canary's own error budget: multi-window, multi-burn-rate (Google SRE
// workbook, "Alerting on SLOs"). A window pair fires when both its long and its short window burn the
// budget at least `factor` times faster than the SLO allows; the short window makes it stop firing soon
// after the problem ends. While the canary is younger than a long window, the window holds what exists.
// A window with fewer than minRequests requests cannot fire, so one early error at low traffic cannot.

import type { BurnRateEvidence, BurnSample } from './evidence.js';
import type { CountsReading } from './measurement.js';
import { num, outcomeBase, percent, type CheckOutcome, type JudgeContext } from './outcome.js';
import type { BurnRateCheck, BurnWindow } from './spec.js';
import type { TimeWindow } from '../metrics/provider.js';

const DEFAULT_MIN_REQUESTS = 100;

/** SRE workbook defaults: 2 % of a 30-day budget in 1 h (14.4×), 5 % in 6 h (6×). */
export const WORKBOOK_WINDOWS: BurnWindow[] = [
  { longSeconds: 3600, shortSeconds: 300, factor: 14.4 },
  { longSeconds: 6 * 3600, shortSeconds: 1800, factor: 6 },
];

export function newBurnRateEvidence(): BurnRateEvidence {
  return { type: 'burn-rate', measured: 0, noDataStreak: 0, canary: { total: 0, bad: 0 }, history: [] };
}

export function updateBurnRate(
  check: BurnRateCheck,
  evidence: BurnRateEvidence,
  reading: CountsReading | undefined,
  window: TimeWindow,
): BurnRateEvidence {
  if (reading?.kind !== 'counts') {
    const reason = reading === undefined ? 'not measured' : reading.reason;
    return { ...evidence, noDataStreak: evidence.noDataStreak + 1, lastNoDataReason: reason };
  }
  const total = Math.max(0, reading.total);
  const bad = Math.min(total, Math.max(0, reading.bad));
  const end = window.end.getTime();
  const longest = Math.max(0, ...check.windows.map((w) => w.longSeconds)) * 1000;
  const sample: BurnSample = { end, total, bad };
  // Only what the longest window can still see is kept, so persisted evidence stays bounded.
  const history = [...evidence.history, sample].filter((s) => s.end > end - longest);
  const { lastNoDataReason: _dropped, ...rest } = evidence;
  return {
    ...rest,
    measured: evidence.measured + 1,
    noDataStreak: 0,
    canary: { total: evidence.canary.total + total, bad: evidence.canary.bad + bad },
    history,
  };
}

/** Requests and bad ones in the samples that ended within the last `seconds` before `now`. */
export function windowCounts(
  history: BurnSample[],
  now: Date,
  seconds: number,
): { total: number; bad: number } {
  const from = now.getTime() - seconds * 1000;
  let total = 0;
  let bad = 0;
  for (const s of history) {
    if (s.end > from && s.end <= now.getTime()) {
      total += s.total;
      bad += s.bad;
    }
  }
  return { total, bad };
}

/** How many times faster than allowed the budget burns: (bad/total) / (1 - objective). */
export function burnRate(bad: number, total: number, objective: number): number {
  return total > 0 ? bad / total / (1 - objective) : 0;
}

function duration(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${num(seconds / 60)} m`;
}

export function judgeBurnRate(
  check: BurnRateCheck,
  evidence: BurnRateEvidence,
  ctx: JudgeContext,
): CheckOutcome {
  const base = outcomeBase(check, evidence);
  const minRequests = check.minRequests ?? DEFAULT_MIN_REQUESTS;
  const parts: string[] = [];
  let fired = false;
  for (const w of check.windows) {
    const long = windowCounts(evidence.history, ctx.now, w.longSeconds);
    const short = windowCounts(evidence.history, ctx.now, w.shortSeconds);
    const longBurn = burnRate(long.bad, long.total, check.objective);
    const shortBurn = burnRate(short.bad, short.total, check.objective);
    const fires =
      long.total >= minRequests && short.total > 0 && longBurn >= w.factor && shortBurn >= w.factor;
    fired ||= fires;
    parts.push(
      `${duration(w.longSeconds)}/${duration(w.shortSeconds)} burn ${num(longBurn)}×/${num(shortBurn)}× ` +
        `(${percent(long.bad, long.total)} of ${num(long.total)}) vs ${num(w.factor)}×${fires ? ' FIRING' : ''}`,
    );
  }
  const summary = `SLO ${num(100 * check.objective)} %: ${parts.join('; ')}`;
  if (fired) return { ...base, status: 'fail', detail: `${summary} → error budget burning too fast` };
  if (evidence.canary.total < minRequests) {
    return {
      ...base,
      status: 'inconclusive',
      detail: `${summary}; fewer than ${minRequests} canary requests`,
    };
  }
  return { ...base, status: 'pass', detail: summary };
}
