// GitHub's Accept negotiation and error bodies as the contract mock produces them.
import { describe, expect, it } from '@jest/globals';
import type { ErrorObject } from 'ajv';
import { negotiate } from '../../testbed/src/github/accept.js';
import { validationFailed } from '../../testbed/src/github/errors.js';

describe('Accept negotiation', () => {
  it.each([
    [undefined],
    [''],
    ['application/vnd.github.v3+json'],
    ['application/vnd.github+json'],
    ['application/json'],
    ['application/vnd.github.ant-man-preview+json'],
    ['application/vnd.github.v3.full+json'],
    ['*/*'],
    ['text/plain;q=0.5, application/*'],
  ])('answers %p with JSON', (accept) => {
    expect(negotiate(accept, [])).toEqual({ kind: 'json' });
  });

  it('serves another representation only when the operation offers it', () => {
    expect(negotiate('application/vnd.github.v3.diff', ['application/vnd.github.diff'])).toEqual({
      kind: 'other',
      mediaType: 'application/vnd.github.diff',
    });
    expect(negotiate('application/vnd.github.v3.diff', [])).toBeUndefined();
    expect(negotiate('text/html', [])).toBeUndefined();
  });

  it('honours quality values, skipping q=0', () => {
    expect(
      negotiate('application/json;q=0, application/vnd.github.diff', ['application/vnd.github.diff']),
    ).toEqual({ kind: 'other', mediaType: 'application/vnd.github.diff' });
    expect(
      negotiate('application/vnd.github.diff;q=0.2, application/json;q=0.9', ['application/vnd.github.diff']),
    ).toEqual({ kind: 'json' });
  });
});

function ajvError(
  partial: Partial<ErrorObject> & Pick<ErrorObject, 'keyword' | 'instancePath'>,
): ErrorObject {
  return { schemaPath: '#', params: {}, ...partial };
}

describe('422 bodies', () => {
  it('names missing and invalid fields the way GitHub does, once each', () => {
    const body = validationFailed([
      ajvError({ keyword: 'required', instancePath: '/requestBody', params: { missingProperty: 'ref' } }),
      ajvError({ keyword: 'type', instancePath: '/requestBody/task', message: 'must be string' }),
      ajvError({ keyword: 'type', instancePath: '/requestBody/task', message: 'must be string' }),
      ajvError({ keyword: 'maximum', instancePath: '/query/per_page', message: 'must be <= 100' }),
    ]);
    expect(body.status).toBe('422');
    expect(body.errors).toEqual([
      { code: 'missing_field', field: 'ref', message: '"ref" wasn\'t supplied.' },
      { code: 'invalid', field: 'task', message: "For 'task' (body), must be string." },
      { code: 'invalid', field: 'per_page', message: "For 'per_page' (query), must be <= 100." },
    ]);
    expect(body.message.split('\n')[0]).toBe('Invalid request.');
    expect(body.message).toContain('"ref" wasn\'t supplied.');
  });
});
