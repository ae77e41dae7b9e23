import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import type { OverrideInputs } from '../../../src/config/overrides.js';
import { renderPlanMarkdown } from '../../../src/github/summary-plan.js';
import { buildPlan } from '../../../src/plan/plan.js';
import { renderPlanText } from '../../../src/plan/render-text.js';

async function planOf(example: string, overrides: OverrideInputs = {}) {
  const resolved = await loadConfig({
    file: `examples/${example}/dial.yaml`,
    workspace: resolve('.'),
    overrides,
    label: (name) => `input ${name}`,
  });
  return buildPlan(resolved);
}

describe('buildPlan', () => {
  it('production: steps with bakes, the last one promotes, checks with thresholds and sources', async () => {
    const plan = await planOf('checkout');
    expect(plan.steps.map((s) => [s.weight, s.bakeSeconds, s.analysis])).toEqual([
      [10, 180, true],
      [25, 180, true],
      [50, 180, true],
      [100, 0, false],
    ]);
    expect(plan.steps.every((s) => s.approval === undefined)).toBe(true);
    expect(plan.minimumSeconds).toBe(540);
    expect(plan.sources['strategy.bake']).toBe('examples/checkout/dial.yaml');
    expect(plan.sources['strategy.steps']).toBe('profile production');
    const latency = plan.analysis?.checks.find((c) => c.name === 'latency');
    expect(latency).toMatchObject({ kind: 'compare', queries: 'builtin (gateway-api)', critical: true });
    expect(latency?.thresholds).toMatchObject({ thresholdMs: 300, alpha: 0.025, tolerance: 1 });
    // alpha 0.05 of the analysis shared by its two compare checks, as the engine tests them.
    expect(plan.analysis?.alpha).toBe(0.05);
    expect(plan.analysis?.checks.find((c) => c.name === 'saturation')).toMatchObject({
      kind: 'threshold',
      thresholds: { max: 0.25 },
      critical: false,
    });
    expect(plan.router.objects.map((o) => `${o.kind}/${o.name}`)).toEqual([
      'Deployment/checkout-canary',
      'Deployment/checkout-baseline',
      'Service/checkout-stable',
      'Service/checkout-canary',
      'Service/checkout-baseline',
      'HTTPRoute/checkout',
    ]);
  });

  it('mission-critical: approval before the last step, a watch, burn-rate guards from the SLOs', async () => {
    const plan = await planOf('payments');
    const last = plan.steps[plan.steps.length - 1];
    expect(last).toMatchObject({ weight: 100, approval: 'payments-production' });
    expect(plan.steps.slice(0, -1).every((s) => s.approval === undefined && s.bakeSeconds === 900)).toBe(
      true,
    );
    expect(plan.watchSeconds).toBe(1800);
    expect(plan.analysis?.noData).toBe('rollback');
    const burn = plan.analysis?.checks.filter((c) => c.kind === 'burn-rate') ?? [];
    expect(burn.map((c) => [c.name, c.thresholds.objective])).toEqual([
      ['slo-availability', 0.9995],
      ['slo-fast-checkout', 0.99],
    ]);
  });

  it('prototype: one rolling step, a smoke check, previews, no analysis', async () => {
    const plan = await planOf('notes');
    expect(plan.strategy).toBe('rolling');
    expect(plan.steps).toEqual([
      { index: 1, weight: 100, bakeSeconds: 0, analysis: false, source: 'profile prototype' },
    ]);
    expect(plan.analysis).toBeUndefined();
    expect(plan.smoke).toEqual({ path: '/', expectStatus: 200, timeoutSeconds: 60 });
    expect(plan.preview).toMatchObject({ enabled: true, mode: 'namespace', ttlSeconds: 7 * 86400 });
  });

  it('inputs change the plan and are named as its source', async () => {
    const plan = await planOf('checkout', { steps: '20,100', bake: '1m' });
    expect(plan.steps.map((s) => [s.weight, s.bakeSeconds, s.source])).toEqual([
      [20, 60, 'input steps'],
      [100, 0, 'input steps'],
    ]);
  });
});

describe('renderers', () => {
  it('text: aligned steps and checks', async () => {
    const text = renderPlanText(await planOf('payments'));
    expect(text).toContain('Plan for payments (profile mission-critical, canary)');
    expect(text).toMatch(/5 {2}100% {4}promote {2}approval: payments-production {2}profile mission-critical/);
    expect(text).toContain('then watch 30m after promotion');
  });

  it('markdown: steps table, checks table, a gantt with a table beside it', async () => {
    const md = renderPlanMarkdown(await planOf('payments'));
    expect(md).toContain(
      '| 5 | 100% | promote | approval: `payments-production` | profile mission-critical |',
    );
    expect(md).toContain('```mermaid\ngantt\n  dateFormat YYYY-MM-DD HH:mm:ss');
    expect(md).toContain('approval payments-production :milestone, t5, 2000-01-01 01:00:00, 0s');
    expect(md).toContain('  watch :t7, 2000-01-01 01:00:00, 1800s');
    expect(md).toContain('| 1h | 1h30m | watch |');
    expect(md).toMatch(/\| slo-availability \| burn-rate \| .*99\.95% budget/);
  });

  it('markdown: a rolling plan has no schedule and keeps pipes out of cells', async () => {
    const plan = await planOf('notes');
    plan.manifests.files.push('odd|name.yaml');
    const md = renderPlanMarkdown(plan);
    expect(md).not.toContain('gantt');
    expect(md).toContain('`odd\\|name.yaml`');
  });
});
