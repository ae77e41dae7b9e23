// The rollout commands' own inputs, checked the same way for the CLI (`--weight`) and the actions
// (`input weight`): whole percentages, durations, RFC 1123 names, booleans; every message names the input.
import { describe, expect, it } from '@jest/globals';
import {
  InputError,
  parseBoolean,
  parseDuration,
  parseLabel,
  parseWeight,
} from '../../../src/settings/inputs.js';

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return { input: error.input, message: error.message };
    throw error;
  }
  throw new Error('no InputError');
};

describe('inputs shared by the CLI and the actions', () => {
  it('weights: whole percentages 0..99, named as given', () => {
    expect(parseWeight(' 25 ', 'input weight', 'the promote action')).toBe(25);
    expect(parseWeight('0', '--weight', '`dial promote`')).toBe(0);
    expect(problem(() => parseWeight('100', '--weight', '`dial promote`'))).toEqual({
      input: '--weight',
      message: '--weight must be a whole percentage from 0 to 99 (got "100"); use `dial promote` for 100',
    });
    expect(problem(() => parseWeight('', 'input weight', 'x')).message).toBe(
      'input weight is required: the canary weight in percent, 0 to 99',
    );
    expect(() => parseWeight('10; rm -rf /', 'input weight', 'x')).toThrow(InputError);
  });

  it('durations: 30s, 5m, 1h30m; empty is not given; zero and words are refused', () => {
    expect(parseDuration('1h30m', 'input for')).toBe(5400);
    expect(parseDuration('', 'input for')).toBeUndefined();
    expect(problem(() => parseDuration('soon', 'input for')).message).toBe(
      'input for must be a duration such as 30s, 5m or 1h30m (got "soon")',
    );
    expect(problem(() => parseDuration('0s', 'input for')).message).toBe(
      'input for must be longer than 0s (got "0s")',
    );
  });

  it('names: RFC 1123 labels only, so nothing else reaches an API path', () => {
    expect(parseLabel('checkout-2', 'input service')).toBe('checkout-2');
    expect(parseLabel(' ', 'input service')).toBeUndefined();
    for (const bad of ['Checkout', 'web_1', '-web', 'web;ls', '$(id)', '`id`', 'a'.repeat(64)])
      expect(problem(() => parseLabel(bad, 'input namespace')).message).toMatch(
        /^input namespace must be an RFC 1123 label/,
      );
  });

  it('booleans: the YAML 1.2 core spellings, a default when empty', () => {
    expect(parseBoolean('True', 'input approved', false)).toBe(true);
    expect(parseBoolean('', 'input approved', true)).toBe(true);
    expect(problem(() => parseBoolean('yes', 'input approved', false)).message).toBe(
      'input approved must be true or false (got "yes")',
    );
  });
});
