import { describe, expect, it } from '@jest/globals';
import type { AnalysisSpec } from '../../../src/analysis/spec.js';
import { SUMMARY_MAX_BYTES, utf8Bytes } from '../../../src/github/limits.js';
import { mermaidBlocks } from '../../../src/github/mermaid.js';
import {
  SERIES_CAP,
  appendSeries,
  bucketSeries,
  expandSeries,
  renderRolloutSummary,
  rolloutAnnotations,
  rolloutSummaryInput,
  seriesRow,
  type RolloutSummaryInput,
  type SeriesRow,
} from '../../../src/github/summary-rollout.js';
import { SPEC, rolledBackRollout } from '../../render/rollout-fixture.js';

const fixture = rolledBackRollout();

function promoted(): RolloutSummaryInput {
  return {
    service: 'web',
    namespace: 'shop',
    release: 'web-1',
    images: { web: 'registry.example.com/web:v2' },
    result: 'promoted',
    reason: 'every step passed',
    steps: [
      {
        step: 1,
        weight: 10,
        effectiveWeight: 10,
        startedAt: '2026-01-01T00:00:00Z',
        finishedAt: '2026-01-01T00:05:00Z',
        verdict: 'pass',
      },
      {
        step: 2,
        weight: 100,
        effectiveWeight: 100,
        startedAt: '2026-01-01T00:05:00Z',
        finishedAt: '2026-01-01T00:06:00Z',
        verdict: 'pass',
      },
    ],
  };
}

describe('rolloutSummaryInput', () => {
  it('reads a finished release: result from the history, steps counted from 1, the steps not reached', () => {
    const input = rolloutSummaryInput(fixture.after, { release: fixture.release });
    expect(input).toMatchObject({
      service: 'checkout',
      namespace: 'shop',
      release: 'checkout-7f3c2a1',
      result: 'rolled-back',
      reason: "critical check 'errors', 'latency' failed",
      plannedWeights: [10, 25, 50, 100],
      latencyThresholdMs: 300,
      router: 'replicas',
    });
    expect(input.steps.map((s) => [s.step, s.weight, s.effectiveWeight, s.verdict])).toEqual([
      [1, 10, 16.7, 'pass'],
      [2, 25, 25, 'pass'],
      [3, 50, 50, 'fail'],
    ]);
  });

  it('re-judges the persisted evidence into the same checks the engine gave, with its explanation', () => {
    const input = rolloutSummaryInput(fixture.after, { release: fixture.release });
    expect(input.checks).toEqual(fixture.lastAnalysis.checks);
    expect(input.explanation).toBe(fixture.lastAnalysis.explanation);
    // Given the result, it is shown as it is.
    const given = rolloutSummaryInput(fixture.after, {
      release: fixture.release,
      analysis: { checks: [], explanation: 'told' },
    });
    expect(given.explanation).toBe('told');
    expect(given.checks).toBeUndefined();
  });

  it('reads the per-window series the record keeps (proposed CurrentRelease.series)', () => {
    const input = rolloutSummaryInput(fixture.after, { release: fixture.release });
    expect(input.series).toHaveLength(fixture.release.series.length);
    const totals = input.series!.reduce((sum, p) => sum + p.canary.total, 0);
    const evidence = fixture.lastAnalysis.evidence.checks.errors;
    // The last step's windows add up to what its evidence counted.
    const lastStep = input.series!.filter((p) => p.weight === 50).reduce((sum, p) => sum + p.canary.total, 0);
    expect(evidence?.type === 'compare' ? evidence.canary.total : -1).toBe(lastStep);
    expect(totals).toBeGreaterThan(lastStep);
    expect(input.series!.every((p) => p.canary.slow !== undefined)).toBe(true);
  });

  it('reads a release in progress from the record phase', () => {
    expect(rolloutSummaryInput(fixture.beforeFinish).result).toBe('rolling-back');
    expect(() => rolloutSummaryInput(fixture.after)).toThrow('checkout: no release in progress to summarize');
  });
});

describe('renderRolloutSummary', () => {
  const md = renderRolloutSummary(
    rolloutSummaryInput(fixture.after, {
      release: fixture.release,
      runUrl: 'https://github.com/a/b/actions/runs/1',
    }),
  );

  it('shows the outcome, the images and every step with weight, effective weight, duration and verdict', () => {
    expect(md).toContain('## Dial rollout of `checkout`: ❌ rolled back');
    expect(md).toContain("**Why:** critical check 'errors', 'latency' failed");
    expect(md).toContain('[the run](https://github.com/a/b/actions/runs/1)');
    expect(md).toContain('| `checkout` | `registry.example.com/shop/checkout@sha256:9b1e5c0d');
    expect(md).toContain('| 1 | 10% | 16.7% | 2026-03-02 14:00:05 UTC | 5m | ✅ pass | every check passed |');
    expect(md).toMatch(/\| 3 \| 50% \| 50% \| 2026-03-02 14:10:15 UTC \| 20s \| ❌ fail \| critical check/);
    expect(md).toContain('| 4 | 100% | | | | not reached | |');
  });

  it('gives each check its numbers and the decision its explanation', () => {
    expect(md).toContain('> Analysis FAIL — roll back after 0.3 min, 2 measurements');
    expect(md).toMatch(
      /\| `errors` \(compare, critical\) \| ❌ fail \| canary \d+\/\d+ failed \([\d.]+ %\) vs baseline/,
    );
    expect(md).toMatch(/\| `latency` \(compare, critical\) \| ❌ fail \| canary \d+\/\d+ slower than 300 ms/);
    expect(md).toContain('<details><summary>The explanation of the decision</summary>');
    expect(md).toContain(fixture.lastAnalysis.explanation);
  });

  it('draws weight, error rate and slow requests, each chart with its table and its series named', () => {
    const blocks = mermaidBlocks(md);
    expect(blocks).toHaveLength(3);
    for (const block of blocks) {
      expect(block.split('\n')[1]).toBe('xychart-beta');
      const categories = /x-axis[^[]*\[(.*)\]/.exec(block)![1]!.split(',').length;
      for (const [, values] of block.matchAll(/^\s+(?:bar|line) \[(.*)\]$/gm))
        expect(values!.split(',')).toHaveLength(categories);
      expect(categories).toBeLessThanOrEqual(21);
    }
    expect(blocks[0]).toContain('"plotColorPalette":"#1f77b4, #ff7f0e"');
    expect(blocks[1]).toContain('"plotColorPalette":"#d62728, #1f77b4"');
    expect(md).toContain('🟦 bars: effective weight · 🟧 line: requested weight');
    expect(md).toContain('🟥 line: canary · 🟦 line: baseline — requests that failed');
    expect(md).toContain('🟥 line: canary · 🟦 line: baseline — requests slower than 300 ms');
    expect(md).toContain('| 10m30s | end | 0% (rolled back) | 0% |');
    // The weight falls back to 0 at the end: the last category is the outcome.
    expect(blocks[0]).toMatch(/"end"\]/);
    expect(blocks[0]).toMatch(/bar \[16\.7, .*, 50, 0\]/);
    expect(md).toMatch(/_62 analysis windows, summed into 11 of 1m each\._/);
  });

  it('shows the canary worse than the baseline where it was', () => {
    const errorRows = md
      .split('### Error rate')[1]!
      .split('\n')
      .filter((line) => /^\| \d/.test(line));
    const last = errorRows[errorRows.length - 1]!;
    const [canary, baseline] = [...last.matchAll(/\(([\d.]+) %\)/g)].map((m) => Number(m[1]));
    expect(canary).toBeGreaterThan(3 * baseline!);
  });

  it('stays within 1 MiB however long the explanation', () => {
    const input = rolloutSummaryInput(fixture.after, { release: fixture.release });
    const big = renderRolloutSummary({
      ...input,
      checks: Array.from({ length: 20_000 }, (_, i) => ({
        name: `c${i}`,
        status: 'pass',
        detail: 'x'.repeat(60),
      })),
    });
    expect(utf8Bytes(big)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(big).toMatch(/more rows not shown/);
    expect(big).toContain('### Canary weight over time');
  });

  it('a promoted rollout without series: the weight chart ends at 100, no rate charts', () => {
    const out = renderRolloutSummary(promoted());
    expect(out).toContain('✅ promoted');
    expect(mermaidBlocks(out)).toHaveLength(1);
    expect(out).toContain('| 6m | end | 100% (promoted) | 100% |');
    expect(out).not.toContain('Error rate');
  });

  it('a running step says so', () => {
    const running: RolloutSummaryInput = {
      ...promoted(),
      result: 'progressing',
      steps: [{ step: 1, weight: 10, effectiveWeight: 16.7, startedAt: '2026-01-01T00:00:00Z' }],
      plannedWeights: [10, 50, 100],
      now: '2026-01-01T00:02:00Z',
    };
    const out = renderRolloutSummary(running);
    expect(out).toContain('⏳ in progress');
    expect(out).toContain('| 1 | 10% | 16.7% | 2026-01-01 00:00:00 UTC | running | ⏳ running |  |');
    expect(out).toContain('| 0s | now | 10% | 16.7% |');
    // Charted until now, the weight held all along.
    const chart = mermaidBlocks(out)[0]!;
    expect(chart).toContain('x-axis "elapsed (end of each 10s)" ["0:10", "0:20", "0:30", "0:40",');
    expect(chart).toContain(`bar [${Array(12).fill('16.7').join(', ')}]`);
    const now = mermaidBlocks(renderRolloutSummary({ ...running, now: '2026-01-01T00:00:00Z' }))[0]!;
    expect(now).toContain('bar [16.7]');
  });
});

describe('rolloutAnnotations', () => {
  it('a rollback and every failed check are annotations', () => {
    const input = rolloutSummaryInput(fixture.after, { release: fixture.release });
    const notes = rolloutAnnotations(input);
    expect(notes[0]).toBe(
      "Dial rolled back checkout in shop at step 3 (50%, effective 50%): critical check 'errors', 'latency' failed",
    );
    expect(notes.slice(1).map((n) => n.split(':')[0])).toEqual(['checkout', 'checkout']);
    expect(notes[1]).toMatch(/^checkout: check 'errors' failed: canary \d+\/\d+ failed/);
    expect(notes).toHaveLength(3);
  });

  it('nothing for a promotion; inconclusive checks count when the result is inconclusive', () => {
    expect(rolloutAnnotations(promoted())).toEqual([]);
    const notes = rolloutAnnotations({
      ...promoted(),
      result: 'inconclusive',
      reason: 'maxDuration reached',
      checks: [{ name: 'errors', status: 'inconclusive', detail: 'fewer than 500 requests per arm' }],
    });
    expect(notes).toEqual([
      "Dial's analysis of web in shop was inconclusive at step 2 (100%, effective 100%); rolled back: maxDuration reached",
      "web: check 'errors' was inconclusive: fewer than 500 requests per arm",
    ]);
  });
});

describe('the per-window series', () => {
  const row = (end: number, weight = 10): SeriesRow => [end, weight, 100, 1, 5, 100, 0, 3];

  it('halves its resolution when full, keeping every count', () => {
    let rows: SeriesRow[] = [];
    for (let i = 0; i < SERIES_CAP; i++) rows = appendSeries(rows, row(i * 10));
    expect(rows).toHaveLength(SERIES_CAP);
    rows = appendSeries(rows, row(SERIES_CAP * 10, 25));
    expect(rows).toHaveLength(SERIES_CAP / 2 + 1);
    expect(rows[0]).toEqual([10, 10, 200, 2, 10, 200, 0, 6]);
    expect(rows.reduce((sum, r) => sum + r[2], 0)).toBe((SERIES_CAP + 1) * 100);
    expect(rows[rows.length - 1]).toEqual(row(SERIES_CAP * 10, 25));
  });

  it('takes failures from the errors check and slow requests from the latency check', () => {
    const m = {
      window: { start: new Date(0), end: new Date(10_000) },
      samples: {
        errors: {
          type: 'compare' as const,
          canary: { kind: 'counts' as const, total: 100, bad: 2 },
          baseline: { kind: 'counts' as const, total: 90, bad: 1 },
        },
        latency: {
          type: 'compare' as const,
          canary: { kind: 'counts' as const, total: 99, bad: 7 },
          baseline: { kind: 'counts' as const, total: 90, bad: 4 },
        },
      },
    };
    expect(seriesRow(SPEC, m, 16.7)).toEqual([10, 16.7, 100, 2, 7, 90, 1, 4]);
    const errorsOnly: AnalysisSpec = { ...SPEC, checks: SPEC.checks.filter((c) => c.name === 'errors') };
    expect(seriesRow(errorsOnly, m, 10)).toEqual([10, 10, 100, 2, null, 90, 1, null]);
    expect(expandSeries([seriesRow(errorsOnly, m, 10)!])).toEqual([
      {
        at: '1970-01-01T00:00:10.000Z',
        weight: 10,
        canary: { total: 100, bad: 2 },
        baseline: { total: 90, bad: 1 },
      },
    ]);
    const noData = {
      ...m,
      samples: { errors: { ...m.samples.errors, canary: { kind: 'no-data' as const, reason: 'none' } } },
    };
    expect(seriesRow(errorsOnly, noData, 10)).toBeUndefined();
  });

  it('sums windows into round buckets from the start, labelled by their end', () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const points = expandSeries(Array.from({ length: 90 }, (_, i) => row(t0 / 1000 + (i + 1) * 10)));
    const { points: buckets, widthSeconds } = bucketSeries(points, t0);
    expect(widthSeconds).toBe(60);
    expect(buckets).toHaveLength(15);
    expect(buckets[0]).toMatchObject({ end: t0 + 60_000, canary: { total: 600, bad: 6, slow: 30 } });
    expect(buckets.reduce((sum, b) => sum + b.canary.total, 0)).toBe(9000);
  });
});
