import { describe, expect, it } from '@jest/globals';
import { lockIdentity, parseIdentity, sameRun } from '../../../src/kube/identity.js';

const actions = (run: string, attempt?: string, repository = 'acme/shop') => ({
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: repository,
  GITHUB_RUN_ID: run,
  ...(attempt ? { GITHUB_RUN_ATTEMPT: attempt } : {}),
});

describe('lockIdentity', () => {
  it('names the repository, the run and the attempt in GitHub Actions', () => {
    expect(lockIdentity(actions('9876543210', '2'))).toBe('acme/shop/9876543210/2');
    // A runner always sets the attempt; without it, it is the first.
    expect(lockIdentity(actions('42'))).toBe('acme/shop/42/1');
  });

  it('names user@host/pid from a terminal', () => {
    expect(lockIdentity({ USER: 'ada' }, { hostname: 'laptop', pid: 4242 })).toBe('ada@laptop/4242');
    expect(lockIdentity({}, { user: 'grace', hostname: 'ci-box', pid: 7 })).toBe('grace@ci-box/7');
    // The real process: its own pid and host.
    expect(lockIdentity({ USER: 'ada' })).toMatch(new RegExp(`^ada@[^/@\\s]+/${process.pid}$`));
  });

  it('keeps the terminal identity parseable whatever the user and host are called', () => {
    const id = lockIdentity({ USER: 'dom ain/ada@x' }, { hostname: 'my host', pid: 1 });
    expect(id).toBe('dom-ain-ada-x@my-host/1');
    expect(parseIdentity(id)).toEqual({ kind: 'local', user: 'dom-ain-ada-x', host: 'my-host', pid: 1 });
  });

  it('uses the terminal form outside Actions, or when the runner variables are missing', () => {
    const local = { hostname: 'h', pid: 1, user: 'u' };
    expect(lockIdentity({ ...actions('42', '1'), GITHUB_ACTIONS: 'false' }, local)).toBe('u@h/1');
    expect(lockIdentity({ GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/shop' }, local)).toBe('u@h/1');
  });
});

describe('parseIdentity', () => {
  it('reads both forms back', () => {
    expect(parseIdentity('acme/shop/42/3')).toEqual({
      kind: 'actions',
      repository: 'acme/shop',
      runId: '42',
      attempt: 3,
    });
    expect(parseIdentity('ada@laptop/4242')).toEqual({
      kind: 'local',
      user: 'ada',
      host: 'laptop',
      pid: 4242,
    });
    expect(parseIdentity('kubectl-by-hand')).toEqual({ kind: 'other', text: 'kubectl-by-hand' });
  });
});

describe('sameRun', () => {
  it('is true for two attempts of the same run of the same repository', () => {
    expect(sameRun('acme/shop/42/1', 'acme/shop/42/2')).toBe(true);
    expect(sameRun('acme/shop/42/2', 'acme/shop/42/2')).toBe(true);
  });

  it('is false for another run, another repository, or anything but Actions identities', () => {
    expect(sameRun('acme/shop/42/1', 'acme/shop/43/1')).toBe(false);
    expect(sameRun('acme/shop/42/1', 'acme/cart/42/1')).toBe(false);
    expect(sameRun('ada@laptop/42', 'ada@laptop/42')).toBe(false);
    expect(sameRun('acme/shop/42/1', 'ada@laptop/42')).toBe(false);
    expect(sameRun('', '')).toBe(false);
  });
});
