// Who is rolling out: the identity a run writes into the Lease (and the state it writes). In GitHub
// Actions it names the workflow run and its attempt, so a rerun (another attempt of the same run) is
// recognised and may take over; from a terminal it names the person, the machine and the process.
import { hostname, userInfo } from 'node:os';

/** What a lock identity says, parsed back. */
export type ParsedIdentity =
  | { kind: 'actions'; repository: string; runId: string; attempt: number }
  | { kind: 'local'; user: string; host: string; pid: number }
  | { kind: 'other'; text: string };

/** Machine facts for the terminal identity; tests pass their own. */
export interface LocalFacts {
  user?: string;
  hostname?: string;
  pid?: number;
}

const ACTIONS = /^([^/\s]+\/[^/\s]+)\/([0-9]+)\/([0-9]+)$/;
const LOCAL = /^([^@/\s]+)@([^/\s]+)\/([0-9]+)$/;

/**
 * `owner/repo/<run id>/<attempt>` in GitHub Actions (GITHUB_ACTIONS=true), `user@host/pid` otherwise.
 * An Actions environment without the repository or run id (not a real runner) gets the terminal form.
 */
export function lockIdentity(env: NodeJS.ProcessEnv = process.env, local: LocalFacts = {}): string {
  const repository = env.GITHUB_REPOSITORY?.trim();
  const runId = env.GITHUB_RUN_ID?.trim();
  if (env.GITHUB_ACTIONS === 'true' && repository && runId) {
    const attempt = env.GITHUB_RUN_ATTEMPT?.trim() || '1';
    return `${repository}/${runId}/${attempt}`;
  }
  const user = clean(local.user ?? env.USER ?? env.LOGNAME ?? env.USERNAME ?? currentUser());
  const host = clean(local.hostname ?? hostname());
  return `${user}@${host}/${local.pid ?? process.pid}`;
}

export function parseIdentity(identity: string): ParsedIdentity {
  const actions = ACTIONS.exec(identity);
  if (actions)
    return {
      kind: 'actions',
      repository: actions[1]!,
      runId: actions[2]!,
      attempt: Number(actions[3]),
    };
  const local = LOCAL.exec(identity);
  if (local) return { kind: 'local', user: local[1]!, host: local[2]!, pid: Number(local[3]) };
  return { kind: 'other', text: identity };
}

/**
 * True when both are Actions identities of the same repository and run id: a rerun is another attempt
 * of the same run, so it may take over the lock the earlier attempt left behind.
 */
export function sameRun(a: string, b: string): boolean {
  const x = parseIdentity(a);
  const y = parseIdentity(b);
  return x.kind === 'actions' && y.kind === 'actions' && x.repository === y.repository && x.runId === y.runId;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Keeps the identity parseable: no `@`, `/` or whitespace inside the user or host part. */
function clean(part: string): string {
  const text = part.trim().replace(/[@/\s]+/g, '-');
  return text === '' ? 'unknown' : text;
}
