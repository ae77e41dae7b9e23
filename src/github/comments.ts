// ONE comment per pull request and service, kept up to date in place ("sticky").
//
// - Found by a hidden, versioned marker on its first line: `<!-- dial:preview:v1 service=<name> -->`.
// - Authored by the same identity. GITHUB_TOKEN and GitHub App tokens may not call GET /user (403
//   "Resource not accessible by integration"), so the rule is: a marked comment is Dial's when its author
//   is a bot account (`user.type` Bot: github-actions[bot] for GITHUB_TOKEN, `<app>[bot]` for an App) —
//   a person cannot post as one — or, for a personal token, the token's own user (GET /user, asked only
//   when a person's comment carries the marker). A person quoting the marker is never edited or deleted.
// - Every page of comments is searched.
// - Updated in place; not written at all when nothing but the footer (time, log link) would change.
// - Kept under GitHub's 65,536 characters (GitHub answers 422 above).
// - Two runs racing can both create one: after creating, the comments are listed again and the oldest
//   marked comment wins; the others are deleted (a 404 there means the other run deleted it first).
import type { RepoRef } from './context.js';
import { githubMessage, httpStatus, type GitHubClient, type GitHubLog } from './octokit.js';

export const COMMENT_LIMIT = 65_536;
/** Everything after this line is the footer (updated time, log link): not compared. */
export const FOOTER_MARK = '<!-- dial:footer -->';

export function previewMarker(service: string): string {
  return `<!-- dial:preview:v1 service=${service} -->`;
}

export interface IssueComment {
  id: number;
  body: string;
  login: string;
  bot: boolean;
  createdAt: string;
}

export interface UpsertResult {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  /** Duplicates removed (a race's losers). */
  deleted: number[];
}

interface ApiComment {
  id: number;
  body?: string;
  user: { login: string; type: string } | null;
  created_at: string;
}

function toComment(c: ApiComment): IssueComment {
  return {
    id: c.id,
    body: c.body ?? '',
    login: c.user?.login ?? '',
    bot: c.user?.type === 'Bot',
    createdAt: c.created_at,
  };
}

function oldestFirst(a: IssueComment, b: IssueComment): number {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  return ta !== tb && Number.isFinite(ta) && Number.isFinite(tb) ? ta - tb : a.id - b.id;
}

/** The part of a body that counts as its content: up to the footer. */
export function contentOf(body: string): string {
  const at = body.indexOf(FOOTER_MARK);
  return (at < 0 ? body : body.slice(0, at)).trimEnd();
}

/**
 * The body cut to GitHub's limit (UTF-16 length, which is never less than GitHub's count): the footer is
 * kept, the content cut, open details and code blocks closed, and a line says so.
 */
export function fitComment(body: string, limit = COMMENT_LIMIT): string {
  if (body.length <= limit) return body;
  const at = body.indexOf(FOOTER_MARK);
  const footer = at < 0 ? '' : `\n${body.slice(at)}`;
  const note = '\n\n_… cut here: a comment may hold at most 65,536 characters._\n';
  const reserve = footer.length + note.length + 64;
  let content = (at < 0 ? body : body.slice(0, at)).slice(0, Math.max(0, limit - reserve));
  // Keep whole lines, and close what the cut left open.
  content = content.slice(0, Math.max(0, content.lastIndexOf('\n')));
  let closing = '';
  if ((content.match(/^```/gm) ?? []).length % 2 === 1) closing += '\n```';
  const opened = (content.match(/<details>/g) ?? []).length - (content.match(/<\/details>/g) ?? []).length;
  for (let i = 0; i < opened; i++) closing += '\n</details>';
  return `${content}${closing}${note}${footer}`.slice(0, limit);
}

export class StickyComment {
  private selfLogin: string | undefined;
  private askedSelf = false;
  private readonly repo: RepoRef;

  constructor(
    private readonly gh: GitHubClient,
    repo: RepoRef,
    private readonly issueNumber: number,
    private readonly marker: string,
    private readonly log: GitHubLog,
  ) {
    this.repo = { owner: repo.owner, repo: repo.repo };
  }

  /** Dial's marked comments on the pull request, oldest first (every page read). */
  async find(): Promise<IssueComment[]> {
    const all = await this.gh.paginate(this.gh.rest.issues.listComments, {
      ...this.repo,
      issue_number: this.issueNumber,
      per_page: 100,
    });
    const marked = all.map(toComment).filter((c) => c.body.startsWith(this.marker));
    const ours: IssueComment[] = [];
    for (const c of marked) if (await this.isOurs(c)) ours.push(c);
    return ours.sort(oldestFirst);
  }

  /**
   * Creates the comment or updates it in place; removes duplicates a race left. With `create: false`
   * (teardown, sweep) a pull request without the comment gets none: undefined is returned.
   */
  async upsert(rawBody: string): Promise<UpsertResult>;
  async upsert(rawBody: string, options: { create: false }): Promise<UpsertResult | undefined>;
  async upsert(rawBody: string, options: { create?: boolean } = {}): Promise<UpsertResult | undefined> {
    const body = fitComment(rawBody.startsWith(this.marker) ? rawBody : `${this.marker}\n${rawBody}`);
    const found = await this.find();
    const winner = found[0];
    if (winner === undefined) {
      if (options.create === false) return undefined;
      const created = await this.gh.rest.issues.createComment({
        ...this.repo,
        issue_number: this.issueNumber,
        body,
      });
      this.selfLogin ??= created.data.user?.login;
      return this.settle(created.data.id, body);
    }
    const deleted = await this.remove(found.slice(1));
    if (contentOf(winner.body) === contentOf(body)) return { action: 'unchanged', id: winner.id, deleted };
    await this.gh.rest.issues.updateComment({ ...this.repo, comment_id: winner.id, body });
    return { action: 'updated', id: winner.id, deleted };
  }

  /** After creating `mine`: when another run created one too, the oldest stays (with this body). */
  private async settle(mine: number, body: string): Promise<UpsertResult> {
    const found = await this.find();
    const winner = found[0];
    if (winner === undefined || found.length === 1) return { action: 'created', id: mine, deleted: [] };
    const deleted = await this.remove(found.slice(1));
    if (winner.id === mine) return { action: 'created', id: mine, deleted };
    if (contentOf(winner.body) !== contentOf(body))
      await this.gh.rest.issues.updateComment({ ...this.repo, comment_id: winner.id, body });
    this.log.info(
      `another run created the preview comment at the same time: kept the oldest (#${winner.id}), ` +
        `removed ${deleted.map((id) => `#${id}`).join(', ')}`,
    );
    return { action: 'updated', id: winner.id, deleted };
  }

  private async remove(comments: IssueComment[]): Promise<number[]> {
    const deleted: number[] = [];
    for (const c of comments) {
      try {
        await this.gh.rest.issues.deleteComment({ ...this.repo, comment_id: c.id });
        deleted.push(c.id);
      } catch (error) {
        // Another run removed it first: the outcome is the same.
        if (httpStatus(error) === 404) deleted.push(c.id);
        else this.log.warn(`duplicate preview comment #${c.id} not removed: ${githubMessage(error)}`);
      }
    }
    return deleted;
  }

  private async isOurs(c: IssueComment): Promise<boolean> {
    if (c.bot) return true;
    if (this.selfLogin !== undefined) return c.login === this.selfLogin;
    if (!this.askedSelf) {
      this.askedSelf = true;
      try {
        this.selfLogin = (await this.gh.rest.users.getAuthenticated()).data.login;
      } catch (error) {
        // Installation tokens (GITHUB_TOKEN, GitHub Apps) cannot: they comment as a bot.
        this.log.info(`GET /user not allowed for this token (${githubMessage(error)}): bot comments only`);
      }
    }
    return this.selfLogin !== undefined && c.login === this.selfLogin;
  }
}
