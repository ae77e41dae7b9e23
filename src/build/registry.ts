// A small client of the OCI distribution API: does a tag exist (HEAD /v2/<name>/manifests/<tag>), with
// which digest; read a manifest and put it under another tag. Authentication as registries ask for it:
// a 401 carries `WWW-Authenticate: Bearer realm=…,service=…,scope=…` (a token is fetched from the realm,
// with the credentials as Basic auth when there are any, anonymously otherwise) or `Basic realm=…`.
// With tls-verify off, HTTPS is tried without checking the certificate, then plain HTTP (like Docker and
// containers/image for an insecure registry).
import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Credentials } from './credentials.js';

export const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
] as const;

const MAX_BODY = 8 * 1024 * 1024;

export interface RegistryOptions {
  /** host[:port] where the API answers. */
  host: string;
  tlsVerify: boolean;
  credentials?: Credentials;
  /** Called with every token obtained, so the caller can mask it. */
  onSecret?: (secret: string) => void;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Attempts for a request that failed on the network or with 5xx/429 (default 3). */
  attempts?: number;
  /** Pause before the second attempt, doubled after (default 500 ms). */
  retryDelayMs?: number;
  userAgent?: string;
}

export interface ManifestInfo {
  digest: string;
  mediaType: string;
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** The first challenge of a WWW-Authenticate header: `Bearer realm="…",service="…",scope="a,b"`. */
export function parseChallenge(header: string): Challenge | undefined {
  const match = /^\s*([A-Za-z][A-Za-z0-9._-]*)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const scheme = (match[1] as string).toLowerCase();
  const params: Record<string, string> = {};
  const rest = match[2] as string;
  const param = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/gy;
  let m: RegExpExecArray | null;
  while ((m = param.exec(rest)) !== null && m[0] !== '') {
    params[(m[1] as string).toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return { scheme, params };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function errorDetail(reply: Reply): string {
  try {
    const parsed = JSON.parse(reply.body.toString('utf8')) as {
      errors?: Array<{ code?: string; message?: string }>;
    };
    const first = parsed.errors?.[0];
    if (first) return `: ${[first.code, first.message].filter(Boolean).join(' ')}`;
  } catch {
    // not JSON: the status says it
  }
  return '';
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
]);

export class RegistryClient {
  private scheme: 'https' | 'http' | undefined;
  private readonly tokens = new Map<string, string>();

  constructor(private readonly options: RegistryOptions) {
    this.scheme = options.tlsVerify ? 'https' : undefined;
  }

  /** Digest and media type of `path:reference`, or undefined when the registry does not have it. */
  async manifestInfo(path: string, reference: string): Promise<ManifestInfo | undefined> {
    const reply = await this.send('HEAD', `/v2/${path}/manifests/${reference}`, 'pull', path);
    if (reply.status === 404) return undefined;
    if (reply.status !== 200) throw this.failure(reply, `HEAD ${path}:${reference}`);
    const digest = header(reply.headers, 'docker-content-digest');
    const mediaType = header(reply.headers, 'content-type') ?? '';
    if (digest && /^sha256:[0-9a-f]{64}$/.test(digest)) return { digest, mediaType };
    // Some registries leave the digest out of a HEAD: it is the sha256 of the manifest as stored.
    const manifest = await this.getManifest(path, reference);
    return manifest && { digest: manifest.digest, mediaType: manifest.mediaType };
  }

  async getManifest(
    path: string,
    reference: string,
  ): Promise<{ body: Buffer; mediaType: string; digest: string } | undefined> {
    const reply = await this.send('GET', `/v2/${path}/manifests/${reference}`, 'pull', path);
    if (reply.status === 404) return undefined;
    if (reply.status !== 200) throw this.failure(reply, `GET ${path}:${reference}`);
    const digest = `sha256:${createHash('sha256').update(reply.body).digest('hex')}`;
    return { body: reply.body, mediaType: header(reply.headers, 'content-type') ?? '', digest };
  }

  /** Stores `body` under `tag`; returns the digest the registry reports. */
  async putManifest(path: string, tag: string, body: Buffer, mediaType: string): Promise<string> {
    const reply = await this.send('PUT', `/v2/${path}/manifests/${tag}`, 'pull,push', path, {
      body,
      contentType: mediaType,
    });
    if (reply.status !== 201 && reply.status !== 200) throw this.failure(reply, `PUT ${path}:${tag}`);
    return (
      header(reply.headers, 'docker-content-digest') ??
      `sha256:${createHash('sha256').update(body).digest('hex')}`
    );
  }

  private failure(reply: Reply, what: string): RegistryError {
    const hint =
      reply.status === 401 || reply.status === 403
        ? this.options.credentials
          ? ` (credentials from ${this.options.credentials.source} were refused)`
          : ' (no credentials for this registry: give registry-username/registry-password or log in first)'
        : '';
    return new RegistryError(
      `${what} on ${this.options.host} answered ${reply.status}${errorDetail(reply)}${hint}`,
      reply.status,
    );
  }

  private basic(): string | undefined {
    const c = this.options.credentials;
    return c ? `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` : undefined;
  }

  private async send(
    method: string,
    path: string,
    actions: string,
    repository: string,
    payload?: { body: Buffer; contentType: string },
  ): Promise<Reply> {
    const scopeKey = `repository:${repository}:${actions}`;
    const headers: Record<string, string> = { accept: MANIFEST_TYPES.join(', ') };
    if (payload) headers['content-type'] = payload.contentType;
    const cached = this.tokens.get(scopeKey);
    const first = await this.request(
      method,
      path,
      cached ? { ...headers, authorization: cached } : headers,
      payload?.body,
    );
    if (first.status !== 401) return first;
    const challenge = parseChallenge(header(first.headers, 'www-authenticate') ?? '');
    let authorization: string | undefined;
    if (challenge?.scheme === 'bearer') {
      authorization = `Bearer ${await this.token(challenge.params, scopeKey)}`;
    } else if (challenge?.scheme === 'basic') {
      authorization = this.basic();
      if (!authorization) return first;
    } else return first;
    this.tokens.set(scopeKey, authorization);
    return this.request(method, path, { ...headers, authorization }, payload?.body);
  }

  private async token(params: Record<string, string>, scope: string): Promise<string> {
    const realm = params.realm;
    if (!realm) throw new RegistryError(`${this.options.host} asked for a Bearer token without a realm`);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryError(`${this.options.host} gave a token realm that is not a URL: ${realm}`);
    }
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope || scope);
    const basic = this.basic();
    const reply = await this.requestUrl('GET', url, basic ? { authorization: basic } : {});
    if (reply.status !== 200) {
      throw new RegistryError(
        `the token service ${url.origin}${url.pathname} answered ${reply.status}${
          reply.status === 401 || reply.status === 403
            ? this.options.credentials
              ? ` (credentials from ${this.options.credentials.source} were refused)`
              : ' (no credentials for this registry)'
            : ''
        }`,
        reply.status,
      );
    }
    let token: string | undefined;
    try {
      const parsed = JSON.parse(reply.body.toString('utf8')) as { token?: string; access_token?: string };
      token = parsed.token || parsed.access_token;
    } catch {
      // handled below
    }
    if (!token) throw new RegistryError(`the token service ${url.origin}${url.pathname} gave no token`);
    this.options.onSecret?.(token);
    return token;
  }

  private async request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
  ): Promise<Reply> {
    if (this.scheme)
      return this.requestUrl(method, new URL(`${this.scheme}://${this.options.host}${path}`), headers, body);
    // tls-verify off and not known yet: HTTPS without checking the certificate, else plain HTTP.
    try {
      const reply = await this.requestUrl(
        method,
        new URL(`https://${this.options.host}${path}`),
        headers,
        body,
        1,
      );
      this.scheme = 'https';
      return reply;
    } catch (error) {
      if (error instanceof RegistryError && error.status !== undefined) throw error;
      this.scheme = 'http';
      return this.requestUrl(method, new URL(`http://${this.options.host}${path}`), headers, body);
    }
  }

  private async requestUrl(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body?: Buffer,
    attempts = this.options.attempts ?? 3,
  ): Promise<Reply> {
    let delay = this.options.retryDelayMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await this.once(method, url, headers, body);
        if ((reply.status >= 500 || reply.status === 429) && attempt < attempts) {
          await new Promise((resolve) => setTimeout(resolve, delay));
          delay *= 2;
          continue;
        }
        return reply;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (attempt >= attempts || !RETRYABLE_CODES.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 2;
      }
    }
  }

  private once(method: string, url: URL, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeout = this.options.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method,
          headers: {
            'user-agent': this.options.userAgent ?? 'dial-build',
            ...headers,
            ...(body ? { 'content-length': String(body.length) } : {}),
          },
          timeout,
          ...(url.protocol === 'https:' && !this.options.tlsVerify ? { rejectUnauthorized: false } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY) {
              req.destroy(
                new RegistryError(`${method} ${url.pathname}: response larger than ${MAX_BODY} bytes`),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => {
        const error = new Error(`${method} ${url.origin}${url.pathname} timed out after ${timeout} ms`);
        (error as NodeJS.ErrnoException).code = 'ETIMEDOUT';
        req.destroy(error);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}
