// Daemonless image builds for the test bed: buildah with the vfs storage driver in a private directory and
// chroot isolation (no overlayfs, no runc, no daemon needed), pushing over plain HTTP to the bed's registry.
// Commands are argument arrays (execFile), never shell strings.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileP } from './proc.js';

export interface BuildahStore {
  /** Private folder holding buildah's image store and run state (one per test or bed). */
  dir: string;
}

export interface BuildAndPushOptions {
  store: BuildahStore;
  /** Folder sent as the build context. */
  context: string;
  /** Containerfile path (default: Containerfile in the context). */
  containerfile?: string;
  /** Full reference, e.g. 127.0.0.1:5000/demo/hello:1. */
  image: string;
  /** Manifest format to push: OCI (buildah's default) or Docker schema 2. */
  format?: 'oci' | 'docker';
}

export interface PushedImage {
  image: string;
  /** sha256:... of the manifest as the registry stored it. */
  digest: string;
}

const TIMEOUT_MS = 120_000;

function storeArgs(store: BuildahStore): string[] {
  return [
    '--root',
    join(store.dir, 'root'),
    '--runroot',
    join(store.dir, 'runroot'),
    '--storage-driver',
    'vfs',
  ];
}

async function buildah(store: BuildahStore, args: string[]): Promise<string> {
  mkdirSync(store.dir, { recursive: true });
  try {
    const { stdout } = await execFileP('buildah', [...storeArgs(store), ...args], {
      timeout: TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr =
      typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).trim() : '';
    throw new Error(`buildah ${args[0] ?? ''} failed: ${stderr || String(error)}`);
  }
}

/** Builds the context into `image` and pushes it; returns the manifest digest the push reported. */
export async function buildAndPush(options: BuildAndPushOptions): Promise<PushedImage> {
  const format = options.format ?? 'oci';
  const containerfile = options.containerfile ?? join(options.context, 'Containerfile');
  await buildah(options.store, [
    'bud',
    '--isolation',
    'chroot',
    '--format',
    format,
    '--file',
    containerfile,
    '--tag',
    options.image,
    options.context,
  ]);
  const digestFile = join(options.store.dir, `pushed-${Date.now()}-${process.pid}.digest`);
  await buildah(options.store, [
    'push',
    '--tls-verify=false',
    '--format',
    format,
    '--digestfile',
    digestFile,
    options.image,
    `docker://${options.image}`,
  ]);
  const digest = readFileSync(digestFile, 'utf8').trim();
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`buildah push wrote no digest (${digest})`);
  return { image: options.image, digest };
}
