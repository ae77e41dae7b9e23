// The shared wait helper: returns the first value, says what it waited for and what it last saw, and does
// not let a hanging probe outlive its deadline.
import { describe, expect, it } from '@jest/globals';
import { waitUntil } from '../../helpers/wait.js';

describe('waitUntil', () => {
  it('returns the first value the probe gives, after the undefined and thrown answers before it', async () => {
    let calls = 0;
    const value = await waitUntil(
      'the third call',
      async () => {
        calls += 1;
        if (calls === 1) return undefined;
        if (calls === 2) throw new Error('not yet');
        return { calls };
      },
      { intervalMs: 1 },
    );
    expect(value).toEqual({ calls: 3 });
  });

  it('returns falsy values other than undefined', async () => {
    expect(await waitUntil('zero', async () => 0)).toBe(0);
    expect(await waitUntil('false', async () => false)).toBe(false);
  });

  it('times out naming what it awaited and the last error', async () => {
    let calls = 0;
    const failure = waitUntil(
      'pods Ready',
      async () => {
        calls += 1;
        throw new Error(`${calls}/3 Ready`);
      },
      { timeoutMs: 50, intervalMs: 5 },
    );
    await expect(failure).rejects.toThrow(/^timed out after 0\.05s waiting for pods Ready: \d+\/3 Ready$/);
  });

  it('times out with the last value when the probe keeps answering undefined', async () => {
    await expect(
      waitUntil('nothing', async () => undefined, { timeoutMs: 20, intervalMs: 5 }),
    ).rejects.toThrow('timed out after 0.02s waiting for nothing: the probe returned undefined');
  });

  it('abandons a probe that hangs at the deadline', async () => {
    const hanging = () => new Promise<number | undefined>(() => undefined);
    await expect(waitUntil('a hanging probe', hanging, { timeoutMs: 30 })).rejects.toThrow(
      /^timed out after 0\.03s waiting for a hanging probe: the probe did not answer/,
    );
  });
});
