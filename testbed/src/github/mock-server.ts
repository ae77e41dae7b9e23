// GitHub contract mock: an in-process HTTP server that answers like api.github.com for the operations in
// the trimmed official description. It rejects what GitHub would reject (no token, bad JSON, requests the
// schema forbids), serves the description's example otherwise, and lets a test override a response —
// the override itself is checked against the response schema, so tests cannot drift from the contract.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';
import { negotiate } from './accept.js';
import { errorBody, validationFailed } from './errors.js';
import { loadTrimmedSpec } from './spec-file.js';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule.default;

export interface MockResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** Undefined when the route is not in the description. */
  operationId: string | undefined;
  query: URLSearchParams;
  /** Lower-case names; `authorization` is replaced by its scheme so tokens never reach logs. */
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

export interface OverrideOptions {
  /** Serve the override this many times, then fall back (default: until reset). */
  times?: number;
}

export interface MockOptions {
  /** Keep only the newest N logged requests (a long-running `up` mock); default: keep all. */
  maxLoggedRequests?: number;
  /** Called with each request and its status just before the answer is sent (e.g. a log line per request). */
  onRequest?: (request: LoggedRequest) => void;
}

interface Override {
  response: MockResponse;
  remaining: number;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

// Statuses any GitHub endpoint may answer although the description does not list them.
const UNDOCUMENTED_ERROR = new Ajv({ allErrors: true }).compile({
  type: 'object',
  required: ['message'],
  properties: {
    message: { type: 'string' },
    documentation_url: { type: 'string' },
    status: { type: 'string' },
  },
});

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function loggedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const text = headerValue(value);
    if (text === undefined) continue;
    headers[name] = name === 'authorization' ? `${text.split(' ')[0] ?? ''} [redacted]` : text;
  }
  return headers;
}

/** GitHub accepts `token X` and `Bearer X` (and Basic for apps); anything else is unauthenticated. */
function hasCredentials(authorization: string | undefined): boolean {
  return authorization !== undefined && /^(token|bearer|basic)\s+\S+/i.test(authorization.trim());
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

type ResponseDescription = { content?: Record<string, { example?: unknown; examples?: unknown }> };

function responsesOf(operation: Operation): Record<string, ResponseDescription> {
  // The description is dereferenced at init, so every response is an object here.
  return (operation.responses ?? {}) as Record<string, ResponseDescription>;
}

function successStatus(operation: Operation): string | undefined {
  return Object.keys(responsesOf(operation))
    .filter((code) => code.startsWith('2'))
    .sort()[0];
}

/** Non-JSON media types the success response offers (e.g. diffs), for Accept negotiation. */
function offeredMediaTypes(operation: Operation): string[] {
  const status = successStatus(operation);
  const content = status === undefined ? undefined : responsesOf(operation)[status]?.content;
  return Object.keys(content ?? {}).filter((type) => type !== 'application/json');
}

function firstExample(media: { example?: unknown; examples?: unknown } | undefined): unknown {
  if (media === undefined) return undefined;
  if (media.example !== undefined) return media.example;
  if (typeof media.examples === 'object' && media.examples !== null) {
    const first: unknown = Object.values(media.examples)[0];
    if (typeof first === 'object' && first !== null && 'value' in first) return first.value;
  }
  return undefined;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

export class GitHubContractMock {
  readonly requests: LoggedRequest[] = [];
  private readonly overrides = new Map<string, Override[]>();
  private server: Server | undefined;
  private requestCounter = 0;

  private constructor(
    private readonly api: OpenAPIBackend,
    private readonly options: MockOptions,
  ) {}

  /** Loads the trimmed description; each validator is compiled on its first use. */
  static async create(options: MockOptions = {}): Promise<GitHubContractMock> {
    const api = new OpenAPIBackend({
      definition: loadTrimmedSpec() as unknown as Document,
      apiRoot: '/',
      validate: true,
      // Compile each validator on first use: most operations and response schemas are never needed in a run.
      quick: true,
      // All violations, not just the first: GitHub's 422 lists them.
      ajvOpts: { allErrors: true },
      customizeAjv: (ajv) => {
        addFormats(ajv);
        // GitHub's own format for x-ratelimit-reset: Unix epoch seconds.
        ajv.addFormat('timestamp', {
          type: 'number',
          validate: (n: number) => Number.isInteger(n) && n >= 0,
        });
        return ajv;
      },
    });
    await api.init();
    return new GitHubContractMock(api, options);
  }

  get url(): string {
    const address = this.server?.address();
    if (address === null || address === undefined || typeof address === 'string') {
      throw new Error('GitHub contract mock is not listening');
    }
    return `http://${address.address}:${(address as AddressInfo).port}`;
  }

  /** Listens on loopback; port 0 picks a free port. Returns the base URL for Octokit. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.server !== undefined) return this.url;
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.send(response, { status: 500, body: errorBody(500, `mock failure: ${message}`) });
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    // Octokit keeps connections alive; close them or `close` waits for their idle timeout.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forget overrides and logged requests (call between tests). */
  reset(): void {
    this.overrides.clear();
    this.requests.length = 0;
  }

  /** Requests that reached a given operation. */
  requestsFor(operationId: string): LoggedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  /**
   * Answer an operation with this response instead of the example. Refused (throws) when the operation is
   * unknown or the response does not match what the description documents for that status.
   */
  override(operationId: string, response: MockResponse, options: OverrideOptions = {}): void {
    const operation = this.api.getOperation(operationId);
    if (operation === undefined) throw new Error(`unknown operation ${operationId}`);
    const documented = responsesOf(operation)[String(response.status)];
    if (documented === undefined) {
      if (response.status < 400 || !UNDOCUMENTED_ERROR(response.body)) {
        throw new Error(
          `${operationId} does not document status ${response.status}; only error statuses with a ` +
            `{ message } body may be added (${describeErrors(UNDOCUMENTED_ERROR.errors)})`,
        );
      }
    } else if (documented.content?.['application/json'] !== undefined) {
      const result = this.api.validateResponse(response.body, operation, response.status);
      if (!result.valid) {
        throw new Error(
          `override for ${operationId} ${response.status} violates the response schema: ${describeErrors(result.errors)}`,
        );
      }
    } else if (response.body !== undefined && documented.content === undefined) {
      throw new Error(`${operationId} ${response.status} has no body in the description`);
    }
    const queue = this.overrides.get(operationId) ?? [];
    queue.push({ response, remaining: options.times ?? Number.POSITIVE_INFINITY });
    this.overrides.set(operationId, queue);
  }

  private takeOverride(operationId: string): MockResponse | undefined {
    const queue = this.overrides.get(operationId);
    const next = queue?.[0];
    if (queue === undefined || next === undefined) return undefined;
    next.remaining -= 1;
    if (next.remaining <= 0) queue.shift();
    return next.response;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://mock.invalid');
    const method = (request.method ?? 'GET').toLowerCase();
    const rawBody = await readBody(request);
    const headers = Object.fromEntries(
      Object.entries(request.headers).flatMap(([k, v]) => {
        const text = headerValue(v);
        return text === undefined ? [] : [[k, text]];
      }),
    );
    const apiRequest = { method, path: url.pathname, query: url.search.slice(1), headers };
    const operation = this.api.matchOperation(apiRequest);
    const entry: LoggedRequest = {
      method: method.toUpperCase(),
      path: url.pathname,
      operationId: operation?.operationId,
      query: url.searchParams,
      headers: loggedHeaders(request),
      body: rawBody,
      status: 0,
    };
    this.requests.push(entry);
    const limit = this.options.maxLoggedRequests;
    if (limit !== undefined && this.requests.length > limit)
      this.requests.splice(0, this.requests.length - limit);
    const reply = (answer: MockResponse): void => {
      entry.status = answer.status;
      // Reported before the answer goes out: a client that has its answer finds the request logged.
      this.options.onRequest?.(entry);
      this.send(response, answer);
    };

    if (operation === undefined || operation.operationId === undefined) {
      return reply({ status: 404, body: errorBody(404, 'Not Found') });
    }
    if (!hasCredentials(headers.authorization)) {
      return reply({ status: 401, body: errorBody(401, 'Requires authentication') });
    }
    const representation = negotiate(headers.accept, offeredMediaTypes(operation));
    if (representation === undefined) {
      const message = `Unsupported 'Accept' header: ${JSON.stringify([headers.accept])}. Must accept 'application/json'.`;
      return reply({ status: 415, body: errorBody(415, message) });
    }
    let body: unknown = undefined;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody) as unknown;
      } catch {
        return reply({ status: 400, body: errorBody(400, 'Problems parsing JSON') });
      }
    }
    entry.body = body;
    const validation = this.api.validateRequest({ ...apiRequest, body }, operation);
    if (!validation.valid) {
      return reply({ status: 422, body: validationFailed(validation.errors ?? []) });
    }

    const operationId = operation.operationId;
    const override = this.takeOverride(operationId);
    if (override !== undefined) return reply(override);
    const status = successStatus(operation) ?? '200';
    const content = responsesOf(operation)[status]?.content;
    if (representation.kind === 'other') {
      const text = firstExample(content?.[representation.mediaType]);
      return reply({
        status: Number(status),
        body: typeof text === 'string' ? text : '',
        headers: { 'content-type': `${representation.mediaType}; charset=utf-8` },
      });
    }
    return reply({ status: Number(status), body: firstExample(content?.['application/json']) });
  }

  private send(response: ServerResponse, answer: MockResponse): void {
    this.requestCounter += 1;
    const headers: Record<string, string> = {
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `DIAL-MOCK-${this.requestCounter}`,
      ...answer.headers,
    };
    let payload = '';
    if (answer.body !== undefined && answer.status !== 204 && answer.status !== 304) {
      if (typeof answer.body === 'string' && headers['content-type'] !== undefined) {
        payload = answer.body;
      } else {
        payload = JSON.stringify(answer.body);
        headers['content-type'] ??= 'application/json; charset=utf-8';
      }
    }
    response.writeHead(answer.status, { ...headers, 'content-length': Buffer.byteLength(payload) });
    response.end(payload);
  }
}
