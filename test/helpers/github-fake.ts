// A GitHub with memory, in front of the test bed's contract mock. Every request goes on to the contract
// mock, which validates it against GitHub's OpenAPI description (422 naming violations, 401 without a
// token, 404 off the description) and logs it; what it answers is this fake's state — comments,
// deployments and their statuses, pull requests — handed to the mock as a one-time override, which the
// mock checks against the response schema before serving it. Requests are handled one at a time, so two
// runs racing interleave request by request, as they do against GitHub.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import {
  GitHubContractMock,
  type LoggedRequest,
  type MockResponse,
} from '../../testbed/src/github/mock-server.js';
import { loadTrimmedSpec } from '../../testbed/src/github/spec-file.js';
import type { Json, JsonObject } from '../../testbed/src/github/trim.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Identity {
  login: string;
  type: 'Bot' | 'User';
  id: number;
}

export const ACTIONS_BOT: Identity = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 };

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: Identity;
  createdAt: string;
  updatedAt: string;
}

export interface FakeDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  payload: unknown;
  transient: boolean;
  production: boolean;
  description: string | null;
  createdAt: string;
  statuses: FakeStatus[];
}

export interface FakeStatus {
  id: number;
  state: string;
  logUrl: string;
  environmentUrl: string;
  description: string;
  createdAt: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  headSha: string;
  headRef: string;
  headRepo: string;
  baseRepo: string;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  commit?: () => void;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The description's example for a component example name (`deployment`, `issue-comment`, ...). */
function examples(): Record<string, Obj> {
  const spec = loadTrimmedSpec();
  const out: Record<string, Obj> = {};
  const all = (spec.components as JsonObject | undefined)?.examples as JsonObject | undefined;
  for (const [name, example] of Object.entries(all ?? {})) {
    const value = (example as JsonObject).value as Json;
    if (isObj(value)) out[name] = value;
    else if (Array.isArray(value) && isObj(value[0])) out[`${name}[0]`] = value[0];
  }
  return out;
}

function errorBody(message: string): Obj {
  return { message, documentation_url: 'https://docs.github.com/rest' };
}

export class FakeGitHub {
  readonly comments: FakeComment[] = [];
  readonly deployments: FakeDeployment[] = [];
  readonly pulls = new Map<number, FakePull>();
  /** Who a token acts as; tokens not listed are GITHUB_TOKEN (github-actions[bot]). */
  readonly identities = new Map<string, Identity>();
  private readonly faults = new Map<string, MockResponse[]>();
  private readonly ex = examples();
  private nextId = 1000;
  private clock = Date.parse('2026-03-02T09:00:00Z');
  private server: Server | undefined;
  private queue: Promise<void> = Promise.resolve();
  owner = 'Codertocat';
  repo = 'Hello-World';

  private constructor(readonly mock: GitHubContractMock) {}

  static async start(): Promise<FakeGitHub> {
    const mock = await GitHubContractMock.create();
    await mock.start(0);
    const fake = new FakeGitHub(mock);
    const server = createServer((req, res) => {
      fake.queue = fake.queue.then(() =>
        fake.handle(req, res).catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify(errorBody(`fake failure: ${(error as Error).message}`)));
        }),
      );
    });
    fake.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return fake;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await this.mock.stop();
  }

  /** Forget everything (between tests). */
  reset(): void {
    this.comments.length = 0;
    this.deployments.length = 0;
    this.pulls.clear();
    this.identities.clear();
    this.faults.clear();
    this.mock.reset();
  }

  /** The next call to the operation gets this answer (through the mock, which checks it) instead. */
  fail(operationId: string, response: MockResponse, times = 1): void {
    const list = this.faults.get(operationId) ?? [];
    for (let i = 0; i < times; i++) list.push(response);
    this.faults.set(operationId, list);
  }

  /** The logged requests, as `METHOD operationId status`. */
  calls(filter?: (r: LoggedRequest) => boolean): string[] {
    return this.mock.requests
      .filter((r) => filter?.(r) ?? true)
      .map((r) => `${r.method} ${r.operationId ?? r.path} ${r.status}`);
  }

  /** Calls without the status, runs of the same call collapsed to one. */
  sequence(filter?: (r: LoggedRequest) => boolean): string[] {
    const out: string[] = [];
    for (const r of this.mock.requests.filter((q) => filter?.(q) ?? true)) {
      const line = `${r.method} ${r.operationId ?? r.path}`;
      if (out[out.length - 1] !== line) out.push(line);
    }
    return out;
  }

  addPull(pull: Partial<FakePull> & { number: number; headSha: string }): FakePull {
    const full: FakePull = {
      state: 'open',
      merged: false,
      headRef: 'feature',
      headRepo: `${this.owner}/${this.repo}`,
      baseRepo: `${this.owner}/${this.repo}`,
      ...pull,
    };
    this.pulls.set(full.number, full);
    return full;
  }

  seedComment(issue: number, body: string, user: Identity): FakeComment {
    const comment = this.newComment(issue, body, user);
    this.comments.push(comment);
    return comment;
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  deploymentsOf(environment: string): FakeDeployment[] {
    return this.deployments.filter((d) => d.environment === environment);
  }

  // ---- the request path ----------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    let body: unknown;
    try {
      body = raw.trim() === '' ? undefined : JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const token = (req.headers.authorization ?? '').split(/\s+/)[1] ?? '';
    const route = this.route(req.method ?? 'GET', url, isObj(body) ? body : {}, token);
    let planned: Answer | undefined;
    if (route) {
      const fault = this.faults.get(route.operationId)?.shift();
      planned = fault ?? route.answer();
      this.mock.override(route.operationId, planned, { times: 1 });
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'accept', 'content-type', 'user-agent']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await fetch(`${this.mock.url}${url.pathname}${url.search}`, {
      method: req.method ?? 'GET',
      headers,
      ...(raw !== '' ? { body: raw } : {}),
    });
    const text = await answer.text();
    if (planned && answer.status === planned.status) planned.commit?.();
    else if (planned) this.dropOverride();
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date'].includes(name))
        out[name] = value;
    });
    res.writeHead(answer.status, out);
    res.end(text);
  }

  /** The mock refused the request before serving the planned answer: take the answer back. */
  private dropOverride(): void {
    const log = [...this.mock.requests];
    this.mock.reset();
    this.mock.requests.push(...log);
  }

  private route(
    method: string,
    url: URL,
    body: Obj,
    token: string,
  ): { operationId: string; answer: () => Answer } | undefined {
    const p = url.pathname;
    const q = url.searchParams;
    const repoPath = `/repos/${this.owner}/${this.repo}`;
    const m = (re: RegExp) => p.match(re);
    if (method === 'GET' && p === '/user')
      return { operationId: 'users/get-authenticated', answer: () => this.getUser(token) };
    if (!p.startsWith(`${repoPath}/`)) return undefined;
    const rest = p.slice(repoPath.length);
    let g: RegExpMatchArray | null;
    if (rest === '/deployments' && method === 'POST')
      return { operationId: 'repos/create-deployment', answer: () => this.createDeployment(body) };
    if (rest === '/deployments' && method === 'GET')
      return { operationId: 'repos/list-deployments', answer: () => this.listDeployments(url) };
    if ((g = m(/\/deployments\/(\d+)\/statuses$/)) && method === 'POST')
      return {
        operationId: 'repos/create-deployment-status',
        answer: () => this.createStatus(Number(g![1]), body, token),
      };
    if ((g = m(/\/deployments\/(\d+)\/statuses$/)) && method === 'GET')
      return {
        operationId: 'repos/list-deployment-statuses',
        answer: () => this.listStatuses(Number(g![1]), url),
      };
    if ((g = m(/\/issues\/(\d+)\/comments$/)) && method === 'GET')
      return { operationId: 'issues/list-comments', answer: () => this.listComments(Number(g![1]), url) };
    if ((g = m(/\/issues\/(\d+)\/comments$/)) && method === 'POST')
      return {
        operationId: 'issues/create-comment',
        answer: () => this.createComment(Number(g![1]), body, token),
      };
    if ((g = m(/\/issues\/comments\/(\d+)$/)) && method === 'PATCH')
      return { operationId: 'issues/update-comment', answer: () => this.updateComment(Number(g![1]), body) };
    if ((g = m(/\/issues\/comments\/(\d+)$/)) && method === 'DELETE')
      return { operationId: 'issues/delete-comment', answer: () => this.deleteComment(Number(g![1])) };
    if ((g = m(/\/pulls\/(\d+)$/)) && method === 'GET')
      return { operationId: 'pulls/get', answer: () => this.getPull(Number(g![1])) };
    if (rest === '/pulls' && method === 'GET')
      return { operationId: 'pulls/list', answer: () => this.listPulls(q) };
    return undefined;
  }

  private identity(token: string): Identity {
    return this.identities.get(token) ?? ACTIONS_BOT;
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private userObject(identity: Identity): Obj {
    const base = clone(this.ex['deployment']?.creator) as Obj;
    return {
      ...base,
      login: identity.login,
      id: identity.id,
      type: identity.type,
      url: `https://api.github.com/users/${encodeURIComponent(identity.login)}`,
      html_url: `https://github.com/${encodeURIComponent(identity.login)}`,
    };
  }

  private page<T>(items: T[], url: URL): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? '30') || 30);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string) => {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(n));
      next.searchParams.set('per_page', String(perPage));
      return `<${this.url}${next.pathname}${next.search}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    return { items: slice, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  // ---- users -----------------------------------------------------------------------------------------

  private getUser(token: string): Answer {
    const identity = this.identity(token);
    if (identity.type === 'Bot')
      return { status: 403, body: errorBody('Resource not accessible by integration') };
    const example = clone(
      this.ex['private-user-response-with-public-profile-information'] ??
        this.ex['private-user-response-with-public-and-private-profile-information'],
    ) as Obj;
    return { status: 200, body: { ...example, login: identity.login, id: identity.id, type: 'User' } };
  }

  // ---- comments --------------------------------------------------------------------------------------

  private newComment(issue: number, body: string, user: Identity): FakeComment {
    const at = this.now();
    return { id: this.nextId++, issue, body, user, createdAt: at, updatedAt: at };
  }

  private commentObject(c: FakeComment): Obj {
    const base = clone(this.ex['issue-comment']) as Obj;
    const repoUrl = `https://api.github.com/repos/${this.owner}/${this.repo}`;
    return {
      ...base,
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${repoUrl}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${repoUrl}/issues/${c.issue}`,
      body: c.body,
      user: this.userObject(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
      performed_via_github_app: null,
    };
  }

  private listComments(issue: number, url: URL): Answer {
    const sorted = this.commentsOn(issue).sort((a, b) => a.id - b.id);
    const { items, headers } = this.page(sorted, url);
    return { status: 200, body: items.map((c) => this.commentObject(c)), headers };
  }

  private createComment(issue: number, body: Obj, token: string): Answer {
    const text = typeof body.body === 'string' ? body.body : '';
    if (text.length > 65_536)
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'IssueComment',
              code: 'custom',
              field: 'body',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ],
        },
      };
    const comment = this.newComment(issue, text, this.identity(token));
    return { status: 201, body: this.commentObject(comment), commit: () => this.comments.push(comment) };
  }

  private updateComment(id: number, body: Obj): Answer {
    const comment = this.comments.find((c) => c.id === id);
    if (!comment) return { status: 404, body: errorBody('Not Found') };
    const text = typeof body.body === 'string' ? body.body : comment.body;
    const at = this.now();
    return {
      status: 200,
      body: this.commentObject({ ...comment, body: text, updatedAt: at }),
      commit: () => {
        comment.body = text;
        comment.updatedAt = at;
      },
    };
  }

  private deleteComment(id: number): Answer {
    const index = this.comments.findIndex((c) => c.id === id);
    if (index < 0) return { status: 404, body: errorBody('Not Found') };
    return {
      status: 204,
      commit: () => {
        const at = this.comments.findIndex((c) => c.id === id);
        if (at >= 0) this.comments.splice(at, 1);
      },
    };
  }

  // ---- deployments -----------------------------------------------------------------------------------

  private deploymentObject(d: FakeDeployment): Obj {
    const base = clone(this.ex['deployment']) as Obj;
    const repoUrl = `https://api.github.com/repos/${this.owner}/${this.repo}`;
    return {
      ...base,
      id: d.id,
      node_id: `DE_${d.id}`,
      url: `${repoUrl}/deployments/${d.id}`,
      statuses_url: `${repoUrl}/deployments/${d.id}/statuses`,
      sha: d.sha,
      ref: d.ref,
      task: d.task,
      environment: d.environment,
      original_environment: d.environment,
      payload: d.payload,
      description: d.description,
      transient_environment: d.transient,
      production_environment: d.production,
      creator: this.userObject(ACTIONS_BOT),
      created_at: d.createdAt,
      updated_at: d.statuses[0]?.createdAt ?? d.createdAt,
    };
  }

  private createDeployment(body: Obj): Answer {
    const ref = typeof body.ref === 'string' ? body.ref : '';
    const deployment: FakeDeployment = {
      id: this.nextId++,
      sha: /^[0-9a-f]{40}$/.test(ref) ? ref : 'a'.repeat(40),
      ref,
      task: typeof body.task === 'string' ? body.task : 'deploy',
      environment: typeof body.environment === 'string' ? body.environment : 'production',
      payload: body.payload ?? {},
      transient: body.transient_environment === true,
      production: body.production_environment === true,
      description: typeof body.description === 'string' ? body.description : null,
      createdAt: this.now(),
      statuses: [],
    };
    return {
      status: 201,
      body: this.deploymentObject(deployment),
      commit: () => this.deployments.push(deployment),
    };
  }

  private listDeployments(url: URL): Answer {
    const q = url.searchParams;
    const matches = this.deployments
      .filter((d) => !q.get('environment') || d.environment === q.get('environment'))
      .filter((d) => !q.get('sha') || d.sha === q.get('sha'))
      .filter((d) => !q.get('task') || d.task === q.get('task'))
      .sort((a, b) => b.id - a.id);
    const { items, headers } = this.page(matches, url);
    return { status: 200, body: items.map((d) => this.deploymentObject(d)), headers };
  }

  private statusObject(d: FakeDeployment, s: FakeStatus): Obj {
    const base = clone(this.ex['deployment-status']) as Obj;
    delete base.log_url;
    delete base.environment_url;
    const repoUrl = `https://api.github.com/repos/${this.owner}/${this.repo}`;
    return {
      ...base,
      id: s.id,
      node_id: `DES_${s.id}`,
      url: `${repoUrl}/deployments/${d.id}/statuses/${s.id}`,
      deployment_url: `${repoUrl}/deployments/${d.id}`,
      repository_url: repoUrl,
      state: s.state,
      description: s.description,
      environment: d.environment,
      // target_url is required (GitHub answers "" when none was given; the description says uri, so the
      // run's URL stands in); the optional ones are left out when unset.
      target_url: s.logUrl || `https://github.com/${this.owner}/${this.repo}`,
      ...(s.logUrl ? { log_url: s.logUrl } : {}),
      ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
      creator: this.userObject(ACTIONS_BOT),
      created_at: s.createdAt,
      updated_at: s.createdAt,
    };
  }

  private createStatus(id: number, body: Obj, token: string): Answer {
    void token;
    const d = this.deployments.find((x) => x.id === id);
    if (!d) return { status: 404, body: errorBody('Not Found') };
    const status: FakeStatus = {
      id: this.nextId++,
      state: typeof body.state === 'string' ? body.state : 'pending',
      logUrl: typeof body.log_url === 'string' ? body.log_url : '',
      environmentUrl: typeof body.environment_url === 'string' ? body.environment_url : '',
      description: typeof body.description === 'string' ? body.description : '',
      createdAt: this.now(),
    };
    return { status: 201, body: this.statusObject(d, status), commit: () => d.statuses.unshift(status) };
  }

  private listStatuses(id: number, url: URL): Answer {
    const d = this.deployments.find((x) => x.id === id);
    if (!d) return { status: 404, body: errorBody('Not Found') };
    const { items, headers } = this.page(d.statuses, url);
    return { status: 200, body: items.map((s) => this.statusObject(d, s)), headers };
  }

  // ---- pull requests ---------------------------------------------------------------------------------

  private pullObject(p: FakePull): Obj {
    const base = clone(this.ex['pull-request']) as Obj;
    const head = isObj(base.head) ? base.head : {};
    const baseRef = isObj(base.base) ? base.base : {};
    const repoOf = (template: unknown, fullName: string): Obj => {
      const [owner = '', name = ''] = fullName.split('/');
      const repo = isObj(template) ? template : {};
      const ownerObj = isObj(repo.owner) ? repo.owner : {};
      return {
        ...repo,
        full_name: fullName,
        name,
        owner: { ...ownerObj, login: owner },
        fork: fullName !== p.baseRepo,
      };
    };
    return {
      ...base,
      // The description's own example lists teams without their required `type`.
      requested_teams: [],
      number: p.number,
      state: p.state,
      merged: p.merged,
      merged_at: p.merged ? '2026-03-02T10:00:00Z' : null,
      closed_at: p.state === 'closed' ? '2026-03-02T10:00:00Z' : null,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${p.number}`,
      head: {
        ...head,
        sha: p.headSha,
        ref: p.headRef,
        label: `${p.headRepo.split('/')[0]}:${p.headRef}`,
        repo: repoOf(head.repo, p.headRepo),
      },
      base: { ...baseRef, repo: repoOf(baseRef.repo, p.baseRepo) },
    };
  }

  private getPull(number: number): Answer {
    const pull = this.pulls.get(number);
    if (!pull) return { status: 404, body: errorBody('Not Found') };
    return { status: 200, body: this.pullObject(pull) };
  }

  private listPulls(q: URLSearchParams): Answer {
    const state = q.get('state') ?? 'open';
    const head = q.get('head');
    const pulls = [...this.pulls.values()]
      .filter((p) => state === 'all' || p.state === state)
      .filter((p) => !head || `${p.headRepo.split('/')[0]}:${p.headRef}` === head);
    const simple = clone(this.ex['pull-request-simple-items[0]']) as Obj;
    return {
      status: 200,
      body: pulls.map((p) => {
        const full = this.pullObject(p);
        return {
          ...simple,
          requested_teams: [],
          number: full.number,
          state: full.state,
          html_url: full.html_url,
          head: { ...(simple.head as Obj), ...(full.head as Obj) },
          base: { ...(simple.base as Obj), ...(full.base as Obj) },
          merged_at: full.merged_at,
          closed_at: full.closed_at,
        };
      }),
    };
  }
}

interface WebhookExample {
  name: string;
  examples: Array<
    Record<string, unknown> & { action: string; number: number; pull_request: Record<string, unknown> }
  >;
}

/** A recorded pull_request webhook payload from @octokit/webhooks-examples (a copy: change it freely). */
export function recordedPullRequestEvent(action: string) {
  const webhooks = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookExample[];
  const list = webhooks.find((w) => w.name === 'pull_request')?.examples ?? [];
  const found = list.find((e) => e.action === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no pull_request ${action} example`);
  return structuredClone(found);
}
