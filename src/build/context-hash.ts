// The content hash of a build context: the same source gives the same hash (and so the same image tag) on
// any runner, whatever the order the file system lists it in, the files' times, owners or the umask.
//
// What goes in, in a stable order (sorted by path): every file, folder and symlink of the context that the
// ignore file (`.containerignore`, else `.dockerignore`, Docker's rules) lets through, each as its kind,
// its content's sha256 (a symlink: its target) and its relative path; and the Containerfile's content.
// The mode is taken as git records it (plain or executable file, folder, symlink): a checkout made under
// another umask must not change the tag, while `chmod +x` does.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { IgnoreMatcher, IgnorePatternError, readIgnoreFile } from './ignore.js';

export const IGNORE_FILES = ['.containerignore', '.dockerignore'] as const;
const FORMAT = 'dial-context-hash v1';
const SMALL_FILE = 4 * 1024 * 1024;

export interface ContextHash {
  /** sha256 of the context, 64 hex digits. */
  digest: string;
  /** The image tag: the first 12 hex digits of the digest. */
  tag: string;
  /** Files, folders and symlinks hashed. */
  entries: number;
  /** Bytes of file content hashed. */
  bytes: number;
  /** Paths left out by the ignore file (a folder left out whole counts once). */
  excluded: number;
  /** The ignore file that applied, if any. */
  ignoreFile?: string;
}

/** A problem with the context that stops the build before it starts (bad ignore file, no Containerfile). */
export class ContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContextError';
  }
}

/** One hashed path: its record is `<kind> <content sha256 | symlink target | -> <JSON path>`. */
export interface HashedEntry {
  path: string;
  record: string;
}

/** The context digest from the Containerfile's content and the entries, in whatever order they came. */
export function contextDigest(containerfile: Buffer | string, entries: readonly HashedEntry[]): string {
  const hash = createHash('sha256');
  hash.update(`${FORMAT}\n`);
  hash.update(`containerfile ${createHash('sha256').update(containerfile).digest('hex')}\n`);
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const entry of sorted) hash.update(`${entry.record}\n`);
  return hash.digest('hex');
}

async function fileDigest(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  if (size <= SMALL_FILE) {
    hash.update(await readFile(path));
  } else {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

async function loadIgnore(context: string): Promise<{ matcher: IgnoreMatcher; file?: string }> {
  for (const name of IGNORE_FILES) {
    let text: string;
    try {
      text = await readFile(join(context, name), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw error;
    }
    try {
      return { matcher: new IgnoreMatcher(readIgnoreFile(text)), file: name };
    } catch (error) {
      if (error instanceof IgnorePatternError) throw new ContextError(`${name} ${error.message}`);
      throw error;
    }
  }
  return { matcher: new IgnoreMatcher([]) };
}

/**
 * Hashes the context folder `context` (absolute) with the Containerfile at `containerfile` (absolute; it
 * may lie inside the context or elsewhere in the workspace).
 */
export async function hashContext(context: string, containerfile: string): Promise<ContextHash> {
  let containerfileText: Buffer;
  try {
    containerfileText = await readFile(containerfile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ContextError('the Containerfile does not exist');
    if (code === 'EISDIR') throw new ContextError('the Containerfile is a folder');
    throw error;
  }
  const { matcher, file: ignoreFile } = await loadIgnore(context);
  const entries: HashedEntry[] = [];
  let bytes = 0;
  let excluded = 0;

  const walk = async (dir: string, rel: string): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const abs = join(dir, name);
      const stat = await lstat(abs);
      const out = !matcher.empty && matcher.excludes(path);
      if (stat.isDirectory()) {
        if (out && !matcher.mayReincludeBelow(path)) {
          excluded += 1;
          continue;
        }
        if (!out) entries.push({ path, record: `d - ${JSON.stringify(path)}` });
        else excluded += 1;
        await walk(abs, path);
        continue;
      }
      if (out) {
        excluded += 1;
        continue;
      }
      if (stat.isFile()) {
        const kind = (stat.mode & 0o100) !== 0 ? 'x' : 'f';
        bytes += stat.size;
        entries.push({ path, record: `${kind} ${await fileDigest(abs, stat.size)} ${JSON.stringify(path)}` });
      } else if (stat.isSymbolicLink()) {
        entries.push({ path, record: `l ${JSON.stringify(await readlink(abs))} ${JSON.stringify(path)}` });
      } else {
        // Sockets, FIFOs, devices: only that they are there.
        entries.push({ path, record: `o - ${JSON.stringify(path)}` });
      }
    }
  };
  try {
    await walk(context, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ContextError('the context folder does not exist');
    throw error;
  }

  const digest = contextDigest(containerfileText, entries);
  return {
    digest,
    tag: digest.slice(0, 12),
    entries: entries.length,
    bytes,
    excluded,
    ...(ignoreFile ? { ignoreFile } : {}),
  };
}
