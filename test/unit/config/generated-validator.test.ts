import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { out, validatorSource } from '../../../schema/build-validator.mjs';

describe('generated validator', () => {
  it('is in step with schema/dial.schema.json (regenerate: node schema/build-validator.mjs)', async () => {
    const fresh = await validatorSource(readFileSync('schema/dial.schema.json', 'utf8'));
    expect(readFileSync(out, 'utf8')).toBe(fresh);
  });
});
