// The image builders: buildah (daemonless; vfs storage and chroot isolation unless the environment picks
// others through buildah's own STORAGE_DRIVER / BUILDAH_ISOLATION) and docker buildx. Both build with the
// creation time and file times set to the epoch (buildah --timestamp 0, SOURCE_DATE_EPOCH=0 for buildx),
// so the same context gives the same image. Every command is an argument array.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { authFileFor, type Credentials } from './credentials.js';
import { runTool, works } from './tool.js';

export type BuilderChoice = 'auto' | 'buildah' | 'docker';
export const BUILDER_CHOICES: readonly BuilderChoice[] = ['auto', 'buildah', 'docker'];

export interface BuildRequest {
  /** Absolute context folder and Containerfile. */
  context: string;
  containerfile: string;
  /** Fully qualified references to tag (and push): `host/path:tag`. */
  tags: string[];
  push: boolean;
  tlsVerify: boolean;
  /** Registry host as in the repository (the key of an auth file). */
  registry: string;
  credentials?: Credentials;
  /** A private folder for the run's files (auth file, digest file). */
  workDir: string;
  /** Every output line of the builder. */
  onLine: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface BuildOutcome {
  /** Manifest digest in the registry (sha256:…) when pushed. */
  digest?: string;
}

export interface Builder {
  kind: 'buildah' | 'docker';
  build(request: BuildRequest): Promise<BuildOutcome>;
}

const BUILD_TIMEOUT_MS = 60 * 60 * 1000;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

let fileCounter = 0;
function privateFile(dir: string, name: string): string {
  fileCounter += 1;
  return join(dir, `${name}-${process.pid}-${fileCounter}`);
}

async function writePrivate(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}

export const buildah: Builder = {
  kind: 'buildah',
  async build(req) {
    const env = req.env ?? process.env;
    const global = env.STORAGE_DRIVER ? [] : ['--storage-driver', 'vfs'];
    const bud = ['bud', '--timestamp', '0', '--file', req.containerfile];
    if (!env.BUILDAH_ISOLATION) bud.push('--isolation', 'chroot');
    for (const tag of req.tags) bud.push('--tag', tag);
    bud.push(req.context);
    await runTool({
      command: 'buildah',
      what: 'buildah bud',
      args: [...global, ...bud],
      env,
      onLine: req.onLine,
      timeoutMs: BUILD_TIMEOUT_MS,
    });
    if (!req.push) return {};

    const authArgs: string[] = [];
    if (req.credentials) {
      // Through a private file, not --creds: a password on a command line is visible to every process.
      const authFile = privateFile(req.workDir, 'auth.json');
      await writePrivate(authFile, authFileFor(req.registry, req.credentials));
      authArgs.push('--authfile', authFile);
    }
    let digest: string | undefined;
    for (const tag of req.tags) {
      const digestFile = privateFile(req.workDir, 'digest');
      const push = ['push', '--digestfile', digestFile, ...authArgs];
      if (!req.tlsVerify) push.push('--tls-verify=false');
      push.push(tag, `docker://${tag}`);
      await runTool({
        command: 'buildah',
        what: `buildah push ${tag}`,
        args: [...global, ...push],
        env,
        onLine: req.onLine,
        timeoutMs: BUILD_TIMEOUT_MS,
      });
      const pushed = (await readFile(digestFile, 'utf8')).trim();
      if (!DIGEST.test(pushed)) throw new Error(`buildah push wrote no digest for ${tag} (got "${pushed}")`);
      digest ??= pushed;
    }
    return { digest };
  },
};

export const docker: Builder = {
  kind: 'docker',
  async build(req) {
    const env = { ...(req.env ?? process.env), SOURCE_DATE_EPOCH: '0' };
    if (req.push && req.credentials && req.credentials.origin !== 'docker') {
      // Docker reads only its own config: log in there, the password on standard input.
      const server = req.registry === 'docker.io' ? 'https://index.docker.io/v1/' : req.registry;
      await runTool({
        command: 'docker',
        what: `docker login ${server}`,
        args: ['login', server, '--username', req.credentials.username, '--password-stdin'],
        input: req.credentials.password,
        env,
        onLine: req.onLine,
        timeoutMs: 60_000,
      });
    }
    const metadata = privateFile(req.workDir, 'metadata.json');
    const args = ['buildx', 'build', '--file', req.containerfile, '--metadata-file', metadata];
    for (const tag of req.tags) args.push('--tag', tag);
    if (req.push)
      args.push('--output', `type=image,push=true${req.tlsVerify ? '' : ',registry.insecure=true'}`);
    args.push(req.context);
    await runTool({
      command: 'docker',
      what: 'docker buildx build',
      args,
      env,
      onLine: req.onLine,
      timeoutMs: BUILD_TIMEOUT_MS,
    });
    if (!req.push) return {};
    const parsed = JSON.parse(await readFile(metadata, 'utf8')) as Record<string, unknown>;
    const digest = parsed['containerimage.digest'];
    if (typeof digest !== 'string' || !DIGEST.test(digest))
      throw new Error('docker buildx wrote no image digest in its metadata file');
    return { digest };
  },
};

/** The builder to use: the one asked for (checked to work), or with `auto` buildah, else docker buildx. */
export async function findBuilder(
  choice: BuilderChoice,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Builder> {
  const hasBuildah = () => works('buildah', ['--version'], env);
  const hasBuildx = () => works('docker', ['buildx', 'version'], env);
  if (choice === 'buildah') {
    if (await hasBuildah()) return buildah;
    throw new Error('builder buildah: `buildah --version` does not run (is buildah installed?)');
  }
  if (choice === 'docker') {
    if (await hasBuildx()) return docker;
    throw new Error('builder docker: `docker buildx version` does not run (is docker buildx installed?)');
  }
  if (await hasBuildah()) return buildah;
  if (await hasBuildx()) return docker;
  throw new Error(
    'no image builder found: install buildah (apt-get install buildah) or docker with buildx, or set input builder',
  );
}
