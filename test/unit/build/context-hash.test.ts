// The content hash of a build context: the tag must be the same for the same source on any runner, and
// change with anything that changes what the builder sees.
import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ContextError, contextDigest, hashContext } from '../../../src/build/context-hash.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

type Files = Array<[path: string, text: string, mode?: number]>;

const BASE: Files = [
  ['Containerfile', 'FROM scratch\nCOPY . /app\n'],
  ['index.html', '<h1>hello</h1>\n'],
  ['src/app.js', 'console.log(1)\n'],
  ['src/lib/util.js', 'export const x = 1;\n'],
  ['bin/run.sh', '#!/bin/sh\necho run\n', 0o755],
];

/** A context holding `files`, written in the order given (so two orders give two directory layouts). */
function context(files: Files): string {
  const dir = mkdtempSync(join(tmpdir(), 'dial-hash-'));
  made.push(dir);
  for (const [path, text, mode] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    chmodSync(join(dir, path), mode ?? 0o644);
  }
  return dir;
}

const hash = (dir: string, containerfile = 'Containerfile') => hashContext(dir, join(dir, containerfile));

describe('hashContext', () => {
  it('gives a 12-digit tag from a sha256 and counts what it hashed', async () => {
    const h = await hash(context(BASE));
    expect(h.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(h.tag).toBe(h.digest.slice(0, 12));
    expect(h.entries).toBe(5 + 3); // five files, folders src, src/lib and bin
    expect(h.bytes).toBe(BASE.reduce((n, [, text]) => n + Buffer.byteLength(text), 0));
    expect(h.ignoreFile).toBeUndefined();
  });

  it('is the same whatever order the files were created in, their times, and the umask', async () => {
    const a = context(BASE);
    const b = context([...BASE].reverse());
    utimesSync(join(b, 'index.html'), new Date('2001-01-01'), new Date('2001-01-01'));
    chmodSync(join(b, 'src/app.js'), 0o664); // another umask: still a plain file for git
    chmodSync(join(b, 'bin/run.sh'), 0o775);
    expect((await hash(b)).digest).toBe((await hash(a)).digest);
  });

  it('does not depend on the order the file system lists entries in', () => {
    const entries = ['b', 'a/z', 'a', 'a/b', 'é', 'Z', 'a-b'].map((path) => ({
      path,
      record: `f 00 ${path}`,
    }));
    const digest = contextDigest('FROM scratch\n', entries);
    for (let seed = 1; seed <= 20; seed++) {
      // Fisher-Yates driven by a small LCG: a deterministic shuffle per seed, so a failure can be replayed.
      let state = seed;
      const shuffled = [...entries];
      for (let i = shuffled.length - 1; i > 0; i--) {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        const j = state % (i + 1);
        [shuffled[i], shuffled[j]] = [
          shuffled[j] as (typeof entries)[number],
          shuffled[i] as (typeof entries)[number],
        ];
      }
      expect(contextDigest('FROM scratch\n', shuffled)).toBe(digest);
    }
    expect(contextDigest('FROM scratch\n', entries.slice(1))).not.toBe(digest);
  });

  it('changes with a file content, a file name, a new file, an empty folder, and the Containerfile', async () => {
    const base = (await hash(context(BASE))).digest;
    const variants: Files[] = [
      BASE.map(([p, t, m]) => [p, p === 'src/app.js' ? 'console.log(2)\n' : t, m]),
      BASE.map(([p, t, m]) => [p === 'index.html' ? 'index.htm' : p, t, m]),
      [...BASE, ['extra.txt', '']],
      BASE.map(([p, t, m]) => [p, p === 'Containerfile' ? 'FROM scratch\nCOPY . /srv\n' : t, m]),
    ];
    const digests = await Promise.all(variants.map(async (files) => (await hash(context(files))).digest));
    const withFolder = context(BASE);
    mkdirSync(join(withFolder, 'empty'));
    digests.push((await hash(withFolder)).digest);
    expect(new Set([base, ...digests]).size).toBe(1 + digests.length);
  });

  it('changes when a file becomes executable, or a symlink target changes', async () => {
    const plain = context(BASE);
    const executable = context(BASE);
    chmodSync(join(executable, 'index.html'), 0o755);
    expect((await hash(executable)).digest).not.toBe((await hash(plain)).digest);

    const linkA = context(BASE);
    symlinkSync('src/app.js', join(linkA, 'main.js'));
    const linkB = context(BASE);
    symlinkSync('src/lib/util.js', join(linkB, 'main.js'));
    const linkA2 = context(BASE);
    symlinkSync('src/app.js', join(linkA2, 'main.js'));
    expect((await hash(linkA)).digest).not.toBe((await hash(linkB)).digest);
    expect((await hash(linkA)).digest).toBe((await hash(linkA2)).digest);
  });

  it('leaves out what .dockerignore excludes, so changing an excluded file keeps the tag', async () => {
    const ignore: Files = [['.dockerignore', 'node_modules\n*.log\n**/*.tmp\n']];
    const a = context([
      ...BASE,
      ...ignore,
      ['debug.log', 'one'],
      ['node_modules/x/index.js', 'a'],
      ['src/x.tmp', '1'],
    ]);
    const b = context([...BASE, ...ignore, ['debug.log', 'two'], ['node_modules/y/index.js', 'b']]);
    const ha = await hash(a);
    expect(ha.ignoreFile).toBe('.dockerignore');
    expect(ha.excluded).toBe(3); // node_modules (whole), debug.log, src/x.tmp
    expect((await hash(b)).digest).toBe(ha.digest);
    const c = context([...BASE, ...ignore, ['src/app2.js', 'kept']]);
    expect((await hash(c)).digest).not.toBe(ha.digest);
  });

  it('keeps `!` exceptions inside excluded folders', async () => {
    const ignore: Files = [['.dockerignore', 'docs\n!docs/README.md\n']];
    const a = context([...BASE, ...ignore, ['docs/README.md', 'read me'], ['docs/internal.md', 'x']]);
    const b = context([...BASE, ...ignore, ['docs/README.md', 'read me'], ['docs/internal.md', 'y']]);
    const c = context([
      ...BASE,
      ...ignore,
      ['docs/README.md', 'read me, changed'],
      ['docs/internal.md', 'x'],
    ]);
    expect((await hash(a)).digest).toBe((await hash(b)).digest);
    expect((await hash(a)).digest).not.toBe((await hash(c)).digest);
  });

  it('prefers .containerignore to .dockerignore', async () => {
    const files: Files = [...BASE, ['.containerignore', 'secret.txt\n'], ['.dockerignore', 'index.html\n']];
    const a = context([...files, ['secret.txt', 'one']]);
    const b = context([...files, ['secret.txt', 'two']]);
    const ha = await hash(a);
    expect(ha.ignoreFile).toBe('.containerignore');
    expect((await hash(b)).digest).toBe(ha.digest);
  });

  it('hashes a Containerfile outside the context by its content', async () => {
    const dir = context(BASE);
    writeFileSync(join(dir, 'src', 'Other.containerfile'), 'FROM scratch\n');
    const other = await hashContext(join(dir, 'src'), join(dir, 'src', 'Other.containerfile'));
    expect(other.digest).not.toBe((await hash(dir)).digest);
  });

  it('stops with a ContextError on a bad ignore pattern or a missing Containerfile', async () => {
    const bad = context([...BASE, ['.dockerignore', 'ok\n[oops\n']]);
    await expect(hash(bad)).rejects.toThrow(ContextError);
    await expect(hash(bad)).rejects.toThrow(/^\.dockerignore line 2: `\[oops` is not a valid pattern/);
    await expect(hash(context(BASE), 'Dockerfile')).rejects.toThrow(/Containerfile does not exist/);
  });
});
