import { describe, expect, it } from '@jest/globals';
import { mergeLayers, sourceOf } from '../../../src/config/merge.js';

describe('mergeLayers', () => {
  const profile = {
    source: 'profile production',
    values: {
      strategy: { type: 'canary', steps: [10, 25, 50, 100], bake: '5m' },
      analysis: { interval: '10s', checks: [{ name: 'errors' }, { name: 'latency' }] },
    },
  };

  it('merges mappings field by field and replaces lists whole', () => {
    const file = {
      source: 'dial.yaml',
      values: { strategy: { steps: [20, 100] }, analysis: { checks: [{ name: 'mine' }] } },
    };
    const { value, sources } = mergeLayers([profile, file]);
    expect(value).toEqual({
      strategy: { type: 'canary', steps: [20, 100], bake: '5m' },
      analysis: { interval: '10s', checks: [{ name: 'mine' }] },
    });
    expect(sources.get('strategy.steps')).toBe('dial.yaml');
    expect(sources.get('strategy.bake')).toBe('profile production');
    expect(sources.get('analysis.checks')).toBe('dial.yaml');
  });

  it('lets a later layer win for a scalar, and remembers which', () => {
    const file = { source: 'dial.yaml', values: { strategy: { bake: '2m' } } };
    const input = { source: 'input bake', values: { strategy: { bake: '1m' } } };
    const { value, sources } = mergeLayers([profile, file, input]);
    expect((value.strategy as Record<string, unknown>).bake).toBe('1m');
    expect(sources.get('strategy.bake')).toBe('input bake');
  });

  it('finds the source of a value inside a list from the list itself', () => {
    const { sources } = mergeLayers([profile]);
    expect(sourceOf(sources, ['analysis', 'checks', 1, 'name'])).toBe('profile production');
    expect(sourceOf(sources, ['nothing'])).toBeUndefined();
  });

  it('forgets the source of a scalar that a later mapping replaces', () => {
    const { sources } = mergeLayers([
      { source: 'dial.yaml', values: { smoke: 'yes' } },
      { source: 'input set smoke.path', values: { smoke: { path: '/health' } } },
    ]);
    expect([...sources]).toEqual([['smoke.path', 'input set smoke.path']]);
    expect(sourceOf(sources, ['smoke', 'timeout'])).toBeUndefined();
  });

  it('does not share objects between layers and the result', () => {
    const { value } = mergeLayers([profile]);
    (value.strategy as { steps: number[] }).steps.push(1);
    expect(profile.values.strategy.steps).toEqual([10, 25, 50, 100]);
  });
});
