// .dockerignore / .containerignore matching with Docker's rules. The single-pattern cases are the ones
// moby/patternmatcher checks its own MatchesOrParentMatches with (a pattern matching a parent folder
// excludes what is inside it), so a divergence from Docker shows here.
import { describe, expect, it } from '@jest/globals';
import { cleanPath, IgnoreMatcher, IgnorePatternError, readIgnoreFile } from '../../../src/build/ignore.js';

const matcher = (...patterns: string[]) =>
  new IgnoreMatcher(patterns.map((pattern, i) => ({ pattern, line: i + 1 })));

// [pattern, path, excluded] — from moby/patternmatcher TestMatches (`inexact` = excluded through a parent).
const single: Array<[string, string, boolean]> = [
  ['**', 'file', true],
  ['**', 'dir/file', true],
  ['**/', 'dir/file', true],
  ['**/**', 'dir/file', true],
  ['dir/**', 'dir/file', true],
  ['dir/**', 'dir/dir2/file', true],
  ['**/dir', 'dir', true],
  ['**/dir', 'dir/file', true],
  ['**/dir2/*', 'dir/dir2/file', true],
  ['**/dir2/**', 'dir/dir2/dir3/file', true],
  ['**file', 'file', true],
  ['**file', 'dir/file', true],
  ['**/file', 'dir/file', true],
  ['**file', 'dir/dir/file', true],
  ['**/file', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file.txt', true],
  ['**/file*txt', 'dir/dir/file.txt', true],
  ['**/file*.txt', 'dir/dir/file.txt', true],
  ['**/file*.txt*', 'dir/dir/file.txt', true],
  ['**/**/*.txt', 'dir/dir/file.txt', true],
  ['**/**/*.txt2', 'dir/dir/file.txt', false],
  ['**/*.txt', 'file.txt', true],
  ['**/**/*.txt', 'file.txt', true],
  ['a**/*.txt', 'a/file.txt', true],
  ['a**/*.txt', 'a/dir/file.txt', true],
  ['a**/*.txt', 'a/dir/dir/file.txt', true],
  ['a/*.txt', 'a/dir/file.txt', false],
  ['a/*.txt', 'a/file.txt', true],
  ['a/*.txt**', 'a/file.txt', true],
  ['a[b-d]e', 'ae', false],
  ['a[b-d]e', 'ace', true],
  ['a[b-d]e', 'aae', false],
  ['a[^b-d]e', 'aze', true],
  ['.*', '.foo', true],
  ['.*', 'foo', false],
  ['abc.def', 'abcdef', false],
  ['abc.def', 'abc.def', true],
  ['abc.def', 'abcZdef', false],
  ['abc?def', 'abcZdef', true],
  ['abc?def', 'abcdef', false],
  ['**/foo/bar', 'foo/bar', true],
  ['**/foo/bar', 'dir/foo/bar', true],
  ['**/foo/bar', 'dir/dir2/foo/bar', true],
  ['abc/**', 'abc', false],
  ['abc/**', 'abc/def', true],
  ['abc/**', 'abc/def/ghi', true],
  ['**/.foo', '.foo', true],
  ['**/.foo', 'bar.foo', false],
  ['a(b)c/def', 'a(b)c/def', true],
  ['a(b)c/def', 'a(b)c/xyz', false],
  ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a\\\\', 'a\\', true],
  // filepath.Match's own cases
  ['*', 'abc', true],
  ['a*', 'ab/c', true], // through its parent `ab`
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[^e-g]', 'abc', true],
  ['a?b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
];

describe('IgnoreMatcher', () => {
  it.each(single)('%s against %s: excluded %s', (pattern, path, excluded) => {
    expect(matcher(pattern).excludes(path)).toBe(excluded);
  });

  it('applies `!` exceptions in order: the last matching line wins', () => {
    expect(matcher('*.go', '!fileutils.go').excludes('fileutils.go')).toBe(false);
    expect(matcher('!fileutils.go', '*.go').excludes('fileutils.go')).toBe(true);
    expect(matcher('docs', '!docs/README.md').excludes('docs/README.md')).toBe(false);
    expect(matcher('docs', '!docs/README.md').excludes('docs/other.md')).toBe(true);
    expect(matcher('docs/', '!docs/README.md').excludes('docs/README.md')).toBe(false);
    expect(matcher('docs/*', '!docs/README.md').excludes('docs/README.md')).toBe(false);
    expect(matcher('**', '!util/docker/web').excludes('util/docker/web/foo')).toBe(false);
    expect(matcher('**', '!util/docker/web', 'util/docker/web/foo').excludes('util/docker/web/foo')).toBe(
      true,
    );
    expect(matcher('**', '!dist/*.whl').excludes('dist/a-1.0+g1-py3-none-any.whl')).toBe(false);
    expect(matcher('*.md', '!README*.md', 'README-secret.md').excludes('README.md')).toBe(false);
    expect(matcher('*.md', '!README*.md', 'README-secret.md').excludes('README-secret.md')).toBe(true);
  });

  it('says when an excluded folder may hold re-included files', () => {
    expect(matcher('node_modules').mayReincludeBelow('node_modules')).toBe(false);
    expect(matcher('docs', '!docs/README.md').mayReincludeBelow('docs')).toBe(true);
    expect(matcher('docs', '!docs/README.md').mayReincludeBelow('docs/api')).toBe(false);
    expect(matcher('*', '!src').mayReincludeBelow('src')).toBe(true);
    expect(matcher('*', '!src').mayReincludeBelow('test')).toBe(false);
    expect(matcher('*', '!**/keep.txt').mayReincludeBelow('any/where')).toBe(true);
    expect(matcher('build', '!build/*/out').mayReincludeBelow('build/x')).toBe(true);
  });

  it('refuses what Go refuses as a pattern, naming the line', () => {
    for (const bad of ['[', 'a[', '[^', '[^bc', '[]a]', '[-]', '[x-]', '[-x]', '[a-b-c]', '\\', '!']) {
      expect(() => matcher('ok', bad)).toThrow(IgnorePatternError);
    }
    expect(() => matcher('ok', '[')).toThrow(
      /^line 2: `\[` is not a valid pattern: unclosed character class$/,
    );
  });
});

describe('readIgnoreFile', () => {
  it('reads patterns as Docker does: comments, blanks, leading slash, `!`, BOM, CRLF', () => {
    const text =
      '\uFEFFtest1\r\n/test2\n/a/file/here\n\nlastfile\n# comment\n  # not a comment\n! /inverted/abs/path\n!\n! \n./x/../y/\n';
    expect(readIgnoreFile(text).map((p) => p.pattern)).toEqual([
      'test1',
      'test2',
      'a/file/here',
      'lastfile',
      '# not a comment',
      '!inverted/abs/path',
      '!',
      '!',
      'y',
    ]);
    expect(readIgnoreFile(text).map((p) => p.line)).toEqual([1, 2, 3, 5, 7, 8, 9, 10, 11]);
  });

  it('cleans paths like Go', () => {
    expect(cleanPath('')).toBe('.');
    expect(cleanPath('a//b/./c/..')).toBe('a/b');
    expect(cleanPath('../a')).toBe('../a');
    expect(cleanPath('/../a/')).toBe('/a');
    expect(cleanPath('a/..')).toBe('.');
  });
});
