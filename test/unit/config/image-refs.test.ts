import { describe, expect, it } from '@jest/globals';
import { parseImageRefs } from '../../../src/config/overrides.js';

const refsOf = (text: string) => parseImageRefs(text, ['app'], 'image');

describe('image references from the `image` input', () => {
  it.each([
    'registry.example.com/shop/app:1.2.3',
    'registry.example.com/shop/app:Release-1',
    '127.0.0.1:5000/demo/hello:1',
    'localhost/app',
    'Registry.Example.com/app:v1',
    `ghcr.io/o/app@sha256:${'a'.repeat(64)}`,
    `ghcr.io/o/app:1.0@sha256:${'b'.repeat(64)}`,
    'app',
  ])('accepts %s', (ref) => {
    expect(refsOf(`app=${ref}`)).toEqual({ refs: { app: ref }, issues: [] });
  });

  it.each([
    'registry.example.com/Shop/app:1', // upper case in a path component
    'registry.example.com/shop/app:', // empty tag
    'registry.example.com/shop/app:-x', // a tag must not start with `-`
    `registry.example.com/shop/app@sha256:${'a'.repeat(10)}`, // short digest
    'registry.example.com/shop/app:1 ; rm -rf /', // never anything shell-like
  ])('rejects %s, naming the input', (ref) => {
    const { refs, issues } = refsOf(`app=${ref}`);
    expect(refs).toEqual({});
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['images'], origin: { kind: 'input', name: 'image' } });
    expect(issues[0]?.message).toContain('is not an image reference');
  });

  it('needs name=reference when the service has several images', () => {
    const { issues } = parseImageRefs('registry.example.com/a:1', ['a', 'b'], 'image');
    expect(issues[0]?.message).toContain('give name=reference');
  });
});
