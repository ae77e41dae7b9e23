import { describe, expect, it } from '@jest/globals';
import { unknownField, validateAgainstSchema } from '../../../src/config/schema-validator.js';

const base = { service: 'checkout', manifests: ['deploy'] };

function messages(data: unknown) {
  return validateAgainstSchema(data).map((p) => ({
    path: p.path.join('.'),
    message: p.message,
    onKey: p.onKey,
  }));
}

describe('schema validation messages', () => {
  it('accepts a minimal descriptor', () => {
    expect(validateAgainstSchema(base)).toEqual([]);
  });

  it('suggests the closest field for an unknown one, pointing at the key', () => {
    expect(messages({ ...base, strategy: { bake_time: '2m' } })).toEqual([
      { path: 'strategy.bake_time', message: 'unknown field `bake_time`; did you mean `bake`?', onKey: true },
    ]);
    expect(messages({ ...base, namspace: 'shop' })[0]?.message).toBe(
      'unknown field `namspace`; did you mean `namespace`?',
    );
  });

  it('lists the known fields when nothing is close', () => {
    expect(unknownField('zzzzzz', ['steps', 'bake'])).toBe(
      'unknown field `zzzzzz`; expected one of steps, bake',
    );
  });

  it('names the allowed values of an enum', () => {
    expect(messages({ ...base, profile: 'staging' })).toEqual([
      {
        path: 'profile',
        message: 'must be one of prototype, production, mission-critical (got "staging")',
        onKey: false,
      },
    ]);
  });

  it('explains durations, labels and ranges in words', () => {
    const found = messages({
      ...base,
      service: 'Checkout_1',
      strategy: { bake: '2 minutes', steps: [10, 150] },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'service',
          message: expect.stringMatching(/^must be an RFC 1123 label/),
        }),
        expect.objectContaining({
          path: 'strategy.bake',
          message: 'must be a duration such as 30s, 5m, 1h, 7d or 1h30m (got "2 minutes")',
        }),
        expect.objectContaining({ path: 'strategy.steps.1', message: 'must be between 1 and 100 (got 150)' }),
      ]),
    );
  });

  it('words open and closed ends of a range naturally', () => {
    const found = messages({
      ...base,
      analysis: { alpha: 0.9 },
      slos: [{ name: 'avail', objective: 100, metric: 'errors' }],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'analysis.alpha',
          message: 'must be more than 0 and at most 0.5 (got 0.9)',
        }),
        expect.objectContaining({
          path: 'slos.0.objective',
          message: 'must be more than 0 and less than 100 (got 100)',
        }),
      ]),
    );
    expect(found.map((f) => f.message).join('\n')).not.toMatch(/between more than/);
  });

  it('says which types are accepted', () => {
    expect(messages({ ...base, strategy: { steps: ['10%'] } })).toEqual([
      {
        path: 'strategy.steps.0',
        message: 'must be a whole number or a mapping (key: value) (got "10%")',
        onKey: false,
      },
    ]);
  });

  it('rejects fields that do not belong to the chosen type, and requires the ones that do', () => {
    const found = messages({ ...base, router: { type: 'gateway-api', virtualService: 'x' } });
    expect(found).toEqual(
      expect.arrayContaining([
        {
          path: 'router.virtualService',
          message: 'field `virtualService` does not apply to type `gateway-api`',
          onKey: true,
        },
        {
          path: 'router.httpRoute',
          message: 'missing required field `httpRoute` for type `gateway-api`',
          onKey: true,
        },
      ]),
    );
    expect(found).toHaveLength(2);
  });

  it('reports every problem at once', () => {
    const found = messages({ service: 'x', profile: 'nope', colour: 'blue', strategy: { steps: [0] } });
    expect(found.map((f) => f.path).sort()).toEqual(['colour', 'manifests', 'profile', 'strategy.steps.0']);
  });
});
