// The root action's dry run, run from the built bundle the way the runner runs it.
import { afterAll, describe, expect, it } from '@jest/globals';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../harness/run-action.js';
import { removeTempDirs, tempDir } from '../unit/config/fixture.js';

afterAll(removeTempDirs);

/** A workspace holding a copy of examples/, as a checkout of a repository using Dial would. */
function workspace(): string {
  const dir = tempDir('dial-plan-');
  cpSync('examples', join(dir, 'examples'), { recursive: true });
  return dir;
}

describe('dial action, dry run', () => {
  it('prints the plan, writes the summary and sets every output (production example)', async () => {
    const run = await runAction({
      action: 'dial',
      inputs: { 'dry-run': 'true', file: 'examples/checkout/dial.yaml' },
      workspace: workspace(),
    });
    expect(run.annotations).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      valid: 'true',
      profile: 'production',
      service: 'checkout',
      namespace: 'shop',
      steps: '10,25,50,100',
    });
    const plan = JSON.parse(run.outputs.plan ?? '{}') as {
      steps: Array<{ weight: number; bakeSeconds: number }>;
      analysis: { checks: Array<{ name: string; thresholds: Record<string, number> }> };
      manifests: { files: string[] };
    };
    expect(plan.steps.map((s) => s.bakeSeconds)).toEqual([180, 180, 180, 0]);
    expect(plan.analysis.checks.find((c) => c.name === 'latency')?.thresholds.thresholdMs).toBe(300);
    expect(plan.manifests.files).toContain('examples/checkout/deploy/httproute.yaml');
    // The log carries the readable plan; the summary the tables and the schedule.
    expect(run.stdout).toContain('Plan for checkout (profile production, canary)');
    expect(run.stdout).toMatch(/HTTPRoute\s+checkout\s+backend weights/);
    expect(run.summary).toContain('## Dial plan (dry run): `checkout`');
    expect(run.summary).toContain('| 1 | 10% | 3m |  | profile production |');
    expect(run.summary).toContain('```mermaid\ngantt');
    expect(run.summary).toMatch(/\| latency \| compare \| canary share of requests slower than 300 ms/);
  });

  it('applies inputs over the file and names them as sources', async () => {
    const run = await runAction({
      action: 'dial',
      inputs: {
        'dry-run': 'true',
        file: 'examples/checkout/dial.yaml',
        profile: 'mission-critical',
        steps: '20, 50, 100',
        namespace: 'shop-canary',
        set: 'strategy.watch=45m\nanalysis.noData=rollback',
        image: 'registry.example.com/shop/checkout:2.0.0',
      },
      workspace: workspace(),
    });
    expect(run.annotations).toEqual([]);
    expect(run.outputs).toMatchObject({
      profile: 'mission-critical',
      steps: '20,50,100',
      namespace: 'shop-canary',
    });
    const plan = JSON.parse(run.outputs.plan ?? '{}') as {
      watchSeconds: number;
      steps: Array<{ approval?: string }>;
      images: Array<{ ref?: string }>;
      sources: Record<string, string>;
      analysis: { noData: string };
    };
    expect(plan.watchSeconds).toBe(45 * 60);
    expect(plan.steps.map((s) => s.approval ?? '')).toEqual(['', '', 'production']);
    expect(plan.images[0]?.ref).toBe('registry.example.com/shop/checkout:2.0.0');
    expect(plan.analysis.noData).toBe('rollback');
    expect(plan.sources).toMatchObject({
      'strategy.steps': 'input steps',
      'strategy.bake': 'examples/checkout/dial.yaml',
      'strategy.watch': 'input set strategy.watch',
      profile: 'input profile',
    });
    expect(run.summary).toContain('approval production :milestone');
  });

  it.each([
    ['notes', 'prototype', '100'],
    ['payments', 'mission-critical', '5,10,25,50,100'],
  ])('plans the %s example (%s)', async (name, profile, steps) => {
    const run = await runAction({
      action: 'dial',
      inputs: { 'dry-run': 'true', file: `examples/${name}/dial.yaml` },
      workspace: workspace(),
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ valid: 'true', profile, steps, service: name });
  });

  it('runs for real without dry-run: validated and planned, then stopped by the missing cluster, nothing applied', async () => {
    const run = await runAction({
      action: 'dial',
      inputs: { file: 'examples/notes/dial.yaml', image: 'registry.example.com/labs/notes:1.0.0' },
      workspace: workspace(),
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      valid: 'true',
      profile: 'prototype',
      steps: '100',
      result: 'failed',
    });
    expect(run.outputs.reason).toMatch(/^no Kubernetes configuration found/);
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([
      expect.objectContaining({ title: 'dial dial failed' }),
    ]);
  });

  it('rejects a dry-run value that is not a boolean', async () => {
    const run = await runAction({
      action: 'dial',
      inputs: { 'dry-run': 'maybe', file: 'examples/checkout/dial.yaml' },
      workspace: workspace(),
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toMatch(/dry-run/);
    expect(run.outputs.plan).toBeUndefined();
  });
});
