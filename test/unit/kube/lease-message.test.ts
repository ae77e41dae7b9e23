import { describe, expect, it } from '@jest/globals';
import { V1MicroTime, type V1Lease } from '@kubernetes/client-node';
import { inHowLong, leaseHolder, lockHeldMessage, takeoverReason, toDate } from '../../../src/kube/lease.js';

const t0 = new Date('2026-03-01T12:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function lease(holder: string | undefined, renewedSecondsAgo: number, duration = 60): V1Lease {
  return {
    metadata: { name: 'dial-web', namespace: 'shop' },
    spec: {
      ...(holder ? { holderIdentity: holder } : {}),
      leaseDurationSeconds: duration,
      // As client-node 2.0.1 returns them: strings, not Dates.
      acquireTime: '2026-03-01T11:50:00.000000Z' as unknown as V1MicroTime,
      renewTime: at(-renewedSecondsAgo).toISOString().replace('Z', '000Z') as unknown as V1MicroTime,
    },
  };
}

describe('the lease as Dial reads it', () => {
  it('sends microsecond times, as the API server wants MicroTime', () => {
    expect(JSON.stringify({ t: new V1MicroTime(t0.getTime()) })).toBe('{"t":"2026-03-01T12:00:00.000000Z"}');
  });

  it('reads times back whether they are strings or Dates', () => {
    expect(toDate('2026-03-01T12:00:00.123456Z')?.toISOString()).toBe('2026-03-01T12:00:00.123Z');
    expect(toDate(new V1MicroTime(t0.getTime()))?.getTime()).toBe(t0.getTime());
    expect(toDate(undefined)).toBeUndefined();
    expect(toDate('not a time')).toBeUndefined();
  });

  it('names the holder, its times and when it expires (renewTime + duration)', () => {
    expect(leaseHolder(lease('acme/shop/42/1', 13))).toEqual({
      identity: 'acme/shop/42/1',
      acquiredAt: '2026-03-01T11:50:00.000Z',
      renewedAt: '2026-03-01T11:59:47.000Z',
      expiresAt: '2026-03-01T12:00:47.000Z',
    });
    expect(leaseHolder(lease(undefined, 0))).toBeUndefined();
  });
});

describe('takeoverReason', () => {
  const holder = (identity: string, renewedSecondsAgo: number) =>
    leaseHolder(lease(identity, renewedSecondsAgo))!;

  it('takes a released, expired, own or same-run lease, or any when forced', () => {
    expect(takeoverReason(undefined, 'me@h/1', t0, false)).toBe('released');
    expect(takeoverReason(holder('me@h/1', 5), 'me@h/1', t0, false)).toBe('same identity');
    expect(takeoverReason(holder('you@h/2', 61), 'me@h/1', t0, false)).toBe('expired');
    expect(takeoverReason(holder('acme/shop/42/1', 5), 'acme/shop/42/2', t0, false)).toBe('same run');
    expect(takeoverReason(holder('you@h/2', 5), 'me@h/1', t0, true)).toBe('forced');
  });

  it('refuses a live lease of another run', () => {
    expect(takeoverReason(holder('you@h/2', 5), 'me@h/1', t0, false)).toBeUndefined();
    expect(takeoverReason(holder('acme/shop/41/1', 59), 'acme/shop/42/1', t0, false)).toBeUndefined();
    // Exactly at renewTime + duration it is not expired yet.
    expect(takeoverReason(holder('you@h/2', 60), 'me@h/1', t0, false)).toBeUndefined();
  });
});

describe('lockHeldMessage', () => {
  it('names the holder and its run, when the lease expires, and how to break it', () => {
    const holder = leaseHolder(lease('acme/shop/42/1', 13))!;
    const message = lockHeldMessage(holder, 'Lease shop/dial-web', 'web', t0, 'https://github.com');
    expect(message).toContain('Lease shop/dial-web is held by acme/shop/42/1');
    expect(message).toContain('https://github.com/acme/shop/actions/runs/42, attempt 1');
    expect(message).toContain('expires at 2026-03-01T12:00:47.000Z (in 47 s)');
    expect(message).toContain(
      'rerun with --break-lock (CLI) or break-lock: true (action) if that run is gone',
    );
  });

  it('says how long in words a person reads', () => {
    expect(inHowLong(t0, at(47))).toBe('in 47 s');
    expect(inHowLong(t0, at(0.2))).toBe('in 1 s');
    expect(inHowLong(t0, at(600))).toBe('in 10 min');
    expect(inHowLong(t0, at(-5))).toBe('in 0 s');
  });
});
