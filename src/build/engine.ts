// Build and push the images of dial.yaml, each tagged with the content hash of its context, skipping
// those the registry already has. In three passes, so nothing is built when anything is wrong:
//   1. plan: read dial.yaml, pick the images, find each Containerfile, hash each context (every problem
//      is reported at once, against its line in dial.yaml);
//   2. per image, ask the registry whether the tag exists (HEAD on the manifest);
//   3. build and push what is missing, with the first builder that works (found only when needed).
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '../config/issues.js';
import { loadConfig } from '../config/load.js';
import { insideWorkspace } from '../config/semantic.js';
import type { ImageConfig } from '../config/types.js';
import { locate, parseYamlSource, type YamlSource } from '../config/yaml-source.js';
import { findBuilder, type Builder, type BuilderChoice } from './builders.js';
import { ContextError, hashContext, type ContextHash } from './context-hash.js';
import { findCredentials, type Credentials } from './credentials.js';
import { parseRepository, type Repository } from './reference.js';
import { RegistryClient } from './registry.js';

export interface BuildSettings {
  /** dial.yaml, relative to the workspace. */
  file: string;
  workspace: string;
  /** Names of the images to build; empty: all of dial.yaml's. */
  images: string[];
  push: boolean;
  tlsVerify: boolean;
  /** Also tag (and push) each image with `commit`. */
  tagCommit: boolean;
  commit: string;
  credentials?: { username: string; password: string };
  builder: BuilderChoice;
  /** Where the run's private folder (auth and digest files) is made; it is removed at the end. */
  tempDir: string;
  env?: NodeJS.ProcessEnv;
}

export interface BuildLog {
  info(message: string): void;
  warning(message: string): void;
  /** Registers a value that must never be shown (a password, a registry token). */
  secret(value: string): void;
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Runs `fn`, showing the builder's output lines it passes on, none of them taken as a workflow command. */
  tool<T>(fn: (line: (text: string) => void) => Promise<T>): Promise<T>;
}

export type ImageStatus = 'built' | 'skipped' | 'built-not-pushed';

export interface ImageResult {
  name: string;
  repository: string;
  /** The content-hash tag. */
  tag: string;
  /** Every tag given: the content hash, and the commit with tag-commit. */
  tags: string[];
  digest?: string;
  /** `repository:tag@sha256:…` (without the digest when not pushed). */
  ref: string;
  status: ImageStatus;
  seconds: number;
  hash: ContextHash;
}

export interface BuildReport {
  results: ImageResult[];
  /** The image that failed and why; the images after it were not attempted. */
  failure?: { image: string; message: string };
  builder?: Builder['kind'];
}

interface Planned {
  image: ImageConfig;
  repository: Repository;
  /** Workspace-relative, for messages. */
  containerfile: string;
  contextAbs: string;
  containerfileAbs: string;
  hash: ContextHash;
  tags: string[];
}

const HEARTBEAT_MS = 30_000;

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function plan(settings: BuildSettings, log: BuildLog): Promise<Planned[]> {
  const resolved = await loadConfig({
    file: settings.file,
    workspace: settings.workspace,
    overrides: {},
    label: (name) => `input ${name}`,
  });
  const all = resolved.config.images ?? [];
  let source: YamlSource | undefined;
  const at = async (path: Array<string | number>) => {
    source ??= parseYamlSource(
      await readFile(resolve(settings.workspace, resolved.file), 'utf8'),
      resolved.file,
    ).source;
    return locate(source, path);
  };
  const issues: ConfigIssue[] = [];
  if (all.length === 0) {
    issues.push({
      path: ['images'],
      message: 'no images to build: add `images` to dial.yaml',
      origin: await at([]),
    });
    throw new ConfigError(issues);
  }
  const names = all.map((image) => image.name);
  for (const wanted of settings.images) {
    if (!names.includes(wanted))
      issues.push({
        path: ['images'],
        message: `names an unknown image \`${wanted}\`; images in ${resolved.file}: ${names.join(', ')}`,
        origin: { kind: 'input', name: 'input images' },
      });
  }
  if (issues.length > 0) throw new ConfigError(issues);

  // Paths are compared as real paths (a workspace reached through a symlink too).
  const root = await realpath(resolve(settings.workspace));
  const planned: Planned[] = [];
  for (const [i, image] of all.entries()) {
    if (settings.images.length > 0 && !settings.images.includes(image.name)) continue;
    const candidates = image.containerfile ? [image.containerfile] : ['Containerfile', 'Dockerfile'];
    let containerfile: string | undefined;
    let containerfileAbs: string | undefined;
    for (const candidate of candidates) {
      const rel = posix.normalize(posix.join(image.context, candidate));
      const inside = await insideWorkspace(rel, root);
      if ('real' in inside) {
        containerfile = rel;
        containerfileAbs = inside.real;
        break;
      }
      if (image.containerfile) {
        const message = inside.problem.includes('does not exist')
          ? `\`${image.containerfile}\` does not exist in the context \`${image.context}\``
          : inside.problem;
        issues.push({
          path: ['images', i, 'containerfile'],
          message,
          origin: await at(['images', i, 'containerfile']),
        });
      }
    }
    if (!containerfile || !containerfileAbs) {
      if (!image.containerfile)
        issues.push({
          path: ['images', i, 'context'],
          message: `no Containerfile or Dockerfile in \`${image.context}\`: add one, or name it in \`containerfile\``,
          origin: await at(['images', i, 'context']),
        });
      continue;
    }
    const contextAbs = posix.join(root, image.context);
    try {
      const hash = await hashContext(contextAbs, containerfileAbs);
      const repository = parseRepository(image.repository);
      const tags = [hash.tag];
      if (settings.tagCommit && settings.commit !== hash.tag) tags.push(settings.commit);
      planned.push({ image, repository, containerfile, contextAbs, containerfileAbs, hash, tags });
      const ignored = hash.excluded > 0 ? `, ${hash.excluded} left out by ${hash.ignoreFile}` : '';
      log.info(
        `${image.name}: context ${image.context} (${hash.entries} entries, ${size(hash.bytes)}${ignored}), ` +
          `${containerfile} -> content hash ${hash.digest.slice(0, 16)}…, tag ${hash.tag}`,
      );
    } catch (error) {
      if (!(error instanceof ContextError)) throw error;
      issues.push({
        path: ['images', i, 'context'],
        message: error.message,
        origin: await at(['images', i, 'context']),
      });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return planned;
}

class Session {
  private readonly credentials = new Map<string, Promise<Credentials | undefined>>();
  private readonly clients = new Map<string, RegistryClient>();
  builder?: Builder;

  constructor(
    private readonly settings: BuildSettings,
    private readonly log: BuildLog,
  ) {}

  credentialsFor(repository: Repository): Promise<Credentials | undefined> {
    const key = `${repository.registry}/${repository.path}`;
    let found = this.credentials.get(key);
    if (!found) {
      found = findCredentials(repository.registry, repository.path, {
        env: this.settings.env,
        explicit: this.settings.credentials,
        warn: (message) => this.log.warning(message),
      }).then((c) => {
        if (c) {
          this.log.secret(c.password);
          this.log.info(`registry ${repository.registry}: credentials from ${c.source}`);
        }
        return c;
      });
      this.credentials.set(key, found);
    }
    return found;
  }

  async client(repository: Repository): Promise<RegistryClient> {
    const credentials = await this.credentialsFor(repository);
    const key = `${repository.apiHost} ${credentials?.source ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new RegistryClient({
        host: repository.apiHost,
        tlsVerify: this.settings.tlsVerify,
        credentials,
        onSecret: (token) => this.log.secret(token),
      });
      this.clients.set(key, client);
    }
    return client;
  }
}

/** First line: what failed and the builder's last word; then the builder's last lines. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const tail = ((error as { tail?: string[] }).tail ?? []).filter((line) => line.trim() !== '').slice(-8);
  const last = tail.at(-1);
  if (last === undefined) return message;
  return `${message}: ${last.trim()}\nlast output:\n${tail.join('\n')}`;
}

async function buildOne(
  p: Planned,
  session: Session,
  settings: BuildSettings,
  workDir: string,
  log: BuildLog,
): Promise<ImageResult> {
  const started = Date.now();
  const repo = p.repository;
  const result = (status: ImageStatus, digest?: string): ImageResult => ({
    name: p.image.name,
    repository: repo.name,
    tag: p.hash.tag,
    tags: p.tags,
    ...(digest ? { digest } : {}),
    ref: `${repo.name}:${p.hash.tag}${digest ? `@${digest}` : ''}`,
    status,
    seconds: seconds(started),
    hash: p.hash,
  });

  let existing: { digest: string } | undefined;
  try {
    const client = await session.client(repo);
    existing = await client.manifestInfo(repo.path, p.hash.tag);
  } catch (error) {
    const message = `cannot ask ${repo.registry} whether ${repo.name}:${p.hash.tag} exists: ${describe(error)}`;
    if (settings.push) throw new Error(message, { cause: error });
    log.warning(`${message}; building it anyway (push is off)`);
  }

  if (existing) {
    log.info(`${repo.name}:${p.hash.tag} is already in the registry (${existing.digest}): not built`);
    const commitTag = p.tags[1];
    if (commitTag && !settings.push) log.info(`push is off: ${repo.name}:${commitTag} is not added`);
    if (commitTag && settings.push) {
      const client = await session.client(repo);
      const current = await client.manifestInfo(repo.path, commitTag);
      if (current?.digest !== existing.digest) {
        const manifest = await client.getManifest(repo.path, existing.digest);
        if (!manifest) throw new Error(`${repo.name}@${existing.digest} vanished from the registry`);
        await client.putManifest(repo.path, commitTag, manifest.body, manifest.mediaType);
        log.info(`tagged ${repo.name}:${commitTag} with the same manifest`);
      }
    }
    return result('skipped', existing.digest);
  }

  session.builder ??= await findBuilder(settings.builder, settings.env);
  const builder = session.builder;
  const credentials = settings.push ? await session.credentialsFor(repo) : undefined;
  log.info(
    `${repo.name}:${p.hash.tag} is not in the registry: building with ${builder.kind}` +
      `${settings.push ? ', then pushing' : ' (push is off)'}; tags ${p.tags.join(', ')}`,
  );
  let lastLine = Date.now();
  const heartbeat = setInterval(() => {
    if (Date.now() - lastLine >= HEARTBEAT_MS)
      log.info(`… still building ${p.image.name} (${Math.round(seconds(started))} s)`);
  }, HEARTBEAT_MS);
  let outcome;
  try {
    outcome = await log.tool((line) =>
      builder.build({
        context: p.contextAbs,
        containerfile: p.containerfileAbs,
        tags: p.tags.map((tag) => `${repo.qualified}:${tag}`),
        push: settings.push,
        tlsVerify: settings.tlsVerify,
        registry: repo.registry,
        ...(credentials ? { credentials } : {}),
        workDir,
        env: settings.env,
        onLine: (text) => {
          lastLine = Date.now();
          line(text);
        },
      }),
    );
  } finally {
    clearInterval(heartbeat);
  }
  if (!settings.push) {
    log.info(`built ${repo.name}:${p.hash.tag} in ${seconds(started)} s (not pushed)`);
    return result('built-not-pushed');
  }
  log.info(`pushed ${repo.name}:${p.hash.tag} -> ${outcome.digest} in ${seconds(started)} s`);
  return result('built', outcome.digest);
}

/** Runs the whole build; throws ConfigError before anything is built when dial.yaml or a context is wrong. */
export async function buildImages(settings: BuildSettings, log: BuildLog): Promise<BuildReport> {
  const planned = await plan(settings, log);
  const session = new Session(settings, log);
  const report: BuildReport = { results: [] };
  const workDir = await mkdtemp(join(settings.tempDir, 'dial-build-'));
  try {
    for (const [i, p] of planned.entries()) {
      const title = `${p.image.name} (${i + 1}/${planned.length}): ${p.repository.name}:${p.hash.tag}`;
      try {
        report.results.push(await log.group(title, () => buildOne(p, session, settings, workDir, log)));
      } catch (error) {
        report.failure = { image: p.image.name, message: describe(error) };
        break;
      } finally {
        if (session.builder) report.builder = session.builder.kind;
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return report;
}
