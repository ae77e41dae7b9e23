// The sticky comment through the contract mock of GitHub's description (with memory in front): found by
// its marker on any page, updated in place, skipped when unchanged, cut to GitHub's limit, never a
// second one — also when two runs race — and never a person's comment that quotes the marker.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  COMMENT_LIMIT,
  FOOTER_MARK,
  StickyComment,
  contentOf,
  fitComment,
  previewMarker,
} from '../../../src/github/comments.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/octokit.js';
import { FakeGitHub, type Identity } from '../../helpers/github-fake.js';

const repo = { owner: 'Codertocat', repo: 'Hello-World' };
const PERSON: Identity = { login: 'octocat', type: 'User', id: 583231 };
const marker = previewMarker('web');
const body = (text: string, stamp = '10:00') =>
  `${marker}\n${text}\n${FOOTER_MARK}\n<sub>Updated ${stamp} UTC</sub>`;

describe('StickyComment', () => {
  let gh: FakeGitHub;
  let client: GitHubClient;
  const lines: string[] = [];
  const log = { info: (l: string) => lines.push(l), warn: (l: string) => lines.push(`warning: ${l}`) };
  const sticky = (c: GitHubClient = client) => new StickyComment(c, repo, 2, marker, log);

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    client = createGitHubClient({ token: 'ghs_test', baseUrl: gh.url, pacing: 'none' });
  });
  beforeEach(() => {
    gh.reset();
    lines.length = 0;
  });
  afterAll(async () => gh.stop());

  it('creates one comment, then updates it in place, and skips a write when only the footer differs', async () => {
    const first = await sticky().upsert(body('deploying'));
    expect(first.action).toBe('created');
    const second = await sticky().upsert(body('ready'));
    expect(second).toEqual({ action: 'updated', id: first.id, deleted: [] });
    const third = await sticky().upsert(body('ready', '10:05'));
    expect(third.action).toBe('unchanged');
    expect(gh.commentsOn(2)).toHaveLength(1);
    expect(gh.commentsOn(2)[0]?.body).toBe(body('ready'));
    expect(gh.sequence()).toEqual([
      'GET issues/list-comments',
      'POST issues/create-comment',
      'GET issues/list-comments',
      'PATCH issues/update-comment',
      'GET issues/list-comments',
    ]);
  });

  it('finds its comment on a later page, among 150 others', async () => {
    for (let i = 0; i < 120; i++) gh.seedComment(2, `comment ${i}`, PERSON);
    const { id } = await sticky().upsert(body('deploying'));
    for (let i = 0; i < 30; i++) gh.seedComment(2, `later ${i}`, PERSON);
    const again = await sticky().upsert(body('ready'));
    expect(again).toMatchObject({ action: 'updated', id });
    const pages = gh.mock.requestsFor('issues/list-comments').map((r) => r.query.get('page') ?? '1');
    expect(pages.slice(-2)).toEqual(['1', '2']);
    expect(gh.commentsOn(2).filter((c) => c.body.startsWith(marker))).toHaveLength(1);
  });

  it("leaves a person's comment that quotes the marker alone (GITHUB_TOKEN cannot call GET /user)", async () => {
    const quoted = gh.seedComment(2, body('a person pasting the marker'), PERSON);
    const result = await sticky().upsert(body('deploying'));
    expect(result.action).toBe('created');
    expect(result.id).not.toBe(quoted.id);
    expect(gh.commentsOn(2).find((c) => c.id === quoted.id)?.body).toBe(body('a person pasting the marker'));
    expect(gh.calls((r) => r.operationId === 'users/get-authenticated')).toEqual([
      'GET users/get-authenticated 403',
    ]);
    // Asked once per run.
    await sticky().upsert(body('ready'));
    expect(gh.commentsOn(2)).toHaveLength(2);
  });

  it("with a person's token, that person's marked comment is the sticky one", async () => {
    gh.identities.set('ghp_person', PERSON);
    const personal = createGitHubClient({ token: 'ghp_person', baseUrl: gh.url, pacing: 'none' });
    const mine = gh.seedComment(2, body('deploying'), PERSON);
    const other = gh.seedComment(2, body('someone else'), { login: 'hubot', type: 'User', id: 7 });
    const result = await sticky(personal).upsert(body('ready'));
    expect(result).toEqual({ action: 'updated', id: mine.id, deleted: [] });
    expect(gh.commentsOn(2).find((c) => c.id === other.id)).toBeDefined();
  });

  it('two runs racing end with one comment: the oldest wins, the rest deleted', async () => {
    const other = createGitHubClient({ token: 'ghs_other_run', baseUrl: gh.url, pacing: 'none' });
    for (let round = 0; round < 5; round++) {
      gh.reset();
      const [a, b] = await Promise.all([
        sticky().upsert(body(`run A ${round}`)),
        sticky(other).upsert(body(`run B ${round}`)),
      ]);
      const left = gh.commentsOn(2);
      expect(left).toHaveLength(1);
      expect(a.id).toBe(left[0]!.id);
      expect(b.id).toBe(left[0]!.id);
      // Both created one (they listed before either created), so one was deleted.
      expect(gh.calls((r) => r.operationId === 'issues/create-comment')).toHaveLength(2);
      expect(gh.calls((r) => r.operationId === 'issues/delete-comment').length).toBeGreaterThanOrEqual(1);
      expect(gh.mock.requests.every((r) => r.status < 400 || r.operationId === 'issues/delete-comment')).toBe(
        true,
      );
    }
  });

  it('removes duplicates an earlier race left, keeping the oldest', async () => {
    const bot = { login: 'github-actions[bot]', type: 'Bot' as const, id: 41898282 };
    const oldest = gh.seedComment(2, body('one'), bot);
    const dup = gh.seedComment(2, body('two'), bot);
    const result = await sticky().upsert(body('three'));
    expect(result).toEqual({ action: 'updated', id: oldest.id, deleted: [dup.id] });
    expect(gh.commentsOn(2).map((c) => c.id)).toEqual([oldest.id]);
  });

  it('cuts a body over 65,536 characters, keeping the footer and closing what it opened', async () => {
    const huge = `${marker}\n<details><summary>objects</summary>\n\n\`\`\`text\n${'x'.repeat(80)}\n`.padEnd(
      70_000,
      'y\n',
    );
    const fitted = fitComment(`${huge}\n${FOOTER_MARK}\n<sub>Updated</sub>`);
    expect(fitted.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(fitted).toContain('at most 65,536 characters');
    expect(fitted.endsWith('<sub>Updated</sub>')).toBe(true);
    expect(fitted).toMatch(/```\n<\/details>/);
    const result = await sticky().upsert(`${huge}\n${FOOTER_MARK}\n<sub>Updated</sub>`);
    expect(result.action).toBe('created');
    expect(gh.commentsOn(2)[0]!.body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  });

  it('compares content without the footer', () => {
    expect(contentOf(body('a', '1'))).toBe(contentOf(body('a', '2')));
    expect(contentOf(body('a'))).not.toBe(contentOf(body('b')));
  });
});
