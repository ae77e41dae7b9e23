// Registry credentials, looked up where the container tools keep them, first found wins:
//   1. the action's inputs (registry-username / registry-password), for every registry;
//   2. $REGISTRY_AUTH_FILE, then $XDG_RUNTIME_DIR/containers/auth.json and ~/.config/containers/auth.json
//      (podman / buildah / skopeo `login`; keys are hosts, or host/namespace/repository for one repository);
//   3. the Docker config ($DOCKER_CONFIG/config.json, else ~/.docker/config.json): a credential helper
//      named for the host in `credHelpers`, else `credsStore`, else the `auths` entry (`auth` = base64 of
//      user:password, or `username` and `password`), as `docker login` and docker/login-action write it.
// Nothing here prints a secret; the caller masks what it uses.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HUB } from './reference.js';

export interface Credentials {
  username: string;
  password: string;
  /** Where they came from, for the log: `input registry-username`, a file path, a helper's name. */
  source: string;
  /** Which tools find them on their own: Docker reads only its config, buildah reads both. */
  origin: 'input' | 'containers' | 'docker';
}

export interface CredentialOptions {
  env?: NodeJS.ProcessEnv;
  /** From the action's inputs; used for every registry. */
  explicit?: { username: string; password: string };
  /** Something went wrong reading a file or a helper; the lookup goes on. */
  warn?: (message: string) => void;
  /** Runs `docker-credential-<helper> get`; replaceable in tests. */
  runHelper?: (helper: string, serverUrl: string) => Promise<string>;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

interface AuthFile {
  auths?: Record<string, AuthEntry>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', DOCKER_HUB, 'registry-1.docker.io'];

/** `https://host:5000/v2/` -> `host:5000`; `host/ns/repo` stays (auth.json allows repository keys). */
function normalizeKey(key: string): string {
  const withoutScheme = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const host = withoutScheme.replace(/\/+$/, '');
  if (/^https?:\/\//i.test(key)) return host.split('/')[0] ?? host;
  return host;
}

function isHub(host: string): boolean {
  return HUB_KEYS.includes(host);
}

/** Keys to try for a repository, most specific first: host/a/b, host/a, host. */
function candidates(registry: string, path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = parts.length; i >= 1; i--) out.push(`${registry}/${parts.slice(0, i).join('/')}`);
  out.push(registry);
  return out;
}

function decodeEntry(
  entry: AuthEntry,
  source: string,
  origin: Credentials['origin'],
  warn: (m: string) => void,
): Credentials | undefined {
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source, origin };
    warn(`${source}: an \`auth\` entry is not base64 of user:password; ignored`);
    return undefined;
  }
  if (entry.username && entry.password)
    return { username: entry.username, password: entry.password, source, origin };
  if (entry.identitytoken) warn(`${source}: identity tokens are not supported; ignored`);
  return undefined;
}

async function readAuthFile(path: string, warn: (m: string) => void): Promise<AuthFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') warn(`cannot read ${path}: ${(error as Error).message}`);
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not a JSON object');
    return parsed as AuthFile;
  } catch (error) {
    warn(`${path} is not valid JSON (${(error as Error).message}); ignored`);
    return undefined;
  }
}

function lookupAuths(
  auths: Record<string, AuthEntry> | undefined,
  registry: string,
  path: string,
): AuthEntry | undefined {
  if (!auths) return undefined;
  const byKey = new Map(Object.entries(auths).map(([key, entry]) => [normalizeKey(key), entry]));
  const hosts = isHub(registry) ? HUB_KEYS.map(normalizeKey) : [registry];
  for (const host of hosts) {
    for (const key of candidates(host, path)) {
      const entry = byKey.get(key);
      if (entry) return entry;
    }
  }
  return undefined;
}

function defaultRunHelper(helper: string, serverUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      `docker-credential-${helper}`,
      ['get'],
      { timeout: 30_000, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(String(stderr).trim() || error.message));
        else resolve(String(stdout));
      },
    );
    child.stdin?.end(serverUrl);
  });
}

async function fromHelper(
  helper: string,
  registry: string,
  options: CredentialOptions,
  warn: (m: string) => void,
): Promise<Credentials | undefined> {
  const serverUrl = isHub(registry) ? 'https://index.docker.io/v1/' : registry;
  try {
    const out = JSON.parse(await (options.runHelper ?? defaultRunHelper)(helper, serverUrl)) as {
      Username?: string;
      Secret?: string;
    };
    if (!out.Username || !out.Secret) return undefined;
    if (out.Username === '<token>') {
      warn(`docker-credential-${helper} gave an identity token for ${registry}; not supported, ignored`);
      return undefined;
    }
    return {
      username: out.Username,
      password: out.Secret,
      source: `docker-credential-${helper}`,
      origin: 'docker',
    };
  } catch (error) {
    // "credentials not found in native keychain" is an ordinary miss.
    const message = (error as Error).message;
    if (!/not found/i.test(message)) warn(`docker-credential-${helper} failed for ${registry}: ${message}`);
    return undefined;
  }
}

/** The credentials for `registry` (a host as in parseRepository) and repository `path`, if any. */
export async function findCredentials(
  registry: string,
  path: string,
  options: CredentialOptions = {},
): Promise<Credentials | undefined> {
  if (options.explicit) return { ...options.explicit, source: 'input registry-username', origin: 'input' };
  const env = options.env ?? process.env;
  const warn = options.warn ?? (() => undefined);
  const home = env.HOME || homedir();

  const containerFiles: string[] = [];
  if (env.REGISTRY_AUTH_FILE) containerFiles.push(env.REGISTRY_AUTH_FILE);
  if (env.XDG_RUNTIME_DIR) containerFiles.push(join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
  containerFiles.push(join(env.XDG_CONFIG_HOME || join(home, '.config'), 'containers', 'auth.json'));
  for (const file of containerFiles) {
    const parsed = await readAuthFile(file, warn);
    const entry = lookupAuths(parsed?.auths, registry, path);
    const found = entry && decodeEntry(entry, file, 'containers', warn);
    if (found) return found;
  }

  const dockerFile = join(env.DOCKER_CONFIG || join(home, '.docker'), 'config.json');
  const docker = await readAuthFile(dockerFile, warn);
  if (!docker) return undefined;
  const helpers = Object.fromEntries(
    Object.entries(docker.credHelpers ?? {}).map(([key, helper]) => [normalizeKey(key), helper]),
  );
  const helper =
    (isHub(registry) ? HUB_KEYS.map((k) => helpers[normalizeKey(k)]).find(Boolean) : undefined) ??
    helpers[registry] ??
    docker.credsStore;
  if (helper) {
    const found = await fromHelper(helper, registry, options, warn);
    if (found) return found;
  }
  const entry = lookupAuths(docker.auths, registry, path);
  return entry && decodeEntry(entry, dockerFile, 'docker', warn);
}

/** An auth file (containers' auth.json format, which Docker's config also reads) holding one credential. */
export function authFileFor(registry: string, credentials: Credentials): string {
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  const key = isHub(registry) ? 'https://index.docker.io/v1/' : registry;
  return JSON.stringify({ auths: { [key]: { auth } } });
}
