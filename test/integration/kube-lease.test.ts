// The Lease lock (src/kube/lease.ts) against the real API server: acquire, refusal that names the
// holder, takeover after expiry, by another attempt of the same run and by force, release of only our
// own lease, keepAlive that notices a stolen lease, and racing acquirers of which exactly one wins.
// Waits are on conditions with a deadline, never fixed sleeps.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CoordinationV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { LeaseLock, LockLostError, type LeaseLockOptions } from '../../src/kube/lease.js';
import { LockHeldError } from '../../src/rollout/ports.js';
import { waitUntil } from '../helpers/wait.js';

const ns = `dial-lease-${Math.random().toString(36).slice(2, 8)}`;
let kc: KubeConfig;
let core: CoreV1Api;
let coordination: CoordinationV1Api;
const made: LeaseLock[] = [];

function lock(service: string, identity: string, options: LeaseLockOptions = {}): LeaseLock {
  const l = new LeaseLock(kc, ns, service, { identity, ...options });
  made.push(l);
  return l;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const raw = (service: string) => coordination.readNamespacedLease({ name: `dial-${service}`, namespace: ns });

beforeAll(async () => {
  expect(process.env.KUBECONFIG).toBeTruthy();
  kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  core = kc.makeApiClient(CoreV1Api);
  coordination = kc.makeApiClient(CoordinationV1Api);
  await core.createNamespace({ body: { metadata: { name: ns } } });
});

afterEach(async () => {
  // Stop every keepAlive timer a test left running.
  for (const l of made.splice(0)) await l.release().catch(() => undefined);
});

afterAll(async () => {
  await core?.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('LeaseLock', () => {
  it('creates the Lease with the holder, duration, microsecond times and Dial labels', async () => {
    const me = lock('web', 'acme/shop/42/1');
    expect(await me.holder()).toBeUndefined();
    await me.acquire();
    expect(me.acquired).toEqual({ reason: 'free' });

    const lease = await raw('web');
    expect(lease.metadata?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'dial',
      'dial.dev/service': 'web',
    });
    expect(lease.spec).toMatchObject({
      holderIdentity: 'acme/shop/42/1',
      leaseDurationSeconds: 60,
      leaseTransitions: 0,
    });
    // client-node 2.0.1 returns MicroTime as the server's string: microsecond precision survived the trip.
    expect(String(lease.spec?.renewTime)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const holder = await me.holder();
    expect(holder?.identity).toBe('acme/shop/42/1');
    expect(new Date(holder!.expiresAt).getTime() - new Date(holder!.renewedAt).getTime()).toBe(60_000);
    // Acquiring again with the same identity is a renewal, not a transition.
    await me.acquire();
    expect(me.acquired).toEqual({ reason: 'same identity' });
    expect((await raw('web')).spec?.leaseTransitions).toBe(0);
  });

  it('refuses another identity, naming the holder, when it expires and --break-lock', async () => {
    await lock('api', 'acme/shop/42/1').acquire();
    const error = await rejection(lock('api', 'ada@laptop/4242').acquire());
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).holder.identity).toBe('acme/shop/42/1');
    expect(error.message).toContain(`Lease ${ns}/dial-api is held by acme/shop/42/1`);
    expect(error.message).toContain('/acme/shop/actions/runs/42, attempt 1');
    expect(error.message).toMatch(/expires at \d{4}-\d\d-\d\dT[0-9:.]+Z \(in (59|60) s\) unless renewed/);
    expect(error.message).toContain(
      'rerun with --break-lock (CLI) or break-lock: true (action) if that run is gone',
    );
    // Another run of the same repository is another run: refused too.
    await expect(lock('api', 'acme/shop/43/1').acquire()).rejects.toBeInstanceOf(LockHeldError);
  });

  it('takes over a lease that expired (its run died without releasing)', async () => {
    const dead = lock('expiring', 'acme/shop/1/1', { leaseDurationSeconds: 2 });
    await dead.acquire();
    const next = lock('expiring', 'ada@laptop/7', { leaseDurationSeconds: 2 });
    await expect(next.acquire()).rejects.toBeInstanceOf(LockHeldError);
    // acquire throws LockHeldError (naming the holder) until the lease expires: the wait's last message.
    await waitUntil(
      'the expired lease to be taken over',
      async () => {
        await next.acquire();
        return true;
      },
      { timeoutMs: 15_000 },
    );
    expect(next.acquired?.reason).toBe('expired');
    expect(next.acquired?.previous?.identity).toBe('acme/shop/1/1');
    expect((await raw('expiring')).spec).toMatchObject({
      holderIdentity: 'ada@laptop/7',
      leaseTransitions: 1,
    });
  });

  it('lets another attempt of the same run take over at once', async () => {
    await lock('rerun', 'acme/shop/42/1').acquire();
    const rerun = lock('rerun', 'acme/shop/42/2');
    await rerun.acquire();
    expect(rerun.acquired).toMatchObject({ reason: 'same run', previous: { identity: 'acme/shop/42/1' } });
    expect((await rerun.holder())?.identity).toBe('acme/shop/42/2');
  });

  it('breaks the lock when forced', async () => {
    await lock('forced', 'acme/shop/42/1').acquire();
    const breaker = lock('forced', 'ada@laptop/9');
    await breaker.acquire({ force: true });
    expect(breaker.acquired).toMatchObject({ reason: 'forced', previous: { identity: 'acme/shop/42/1' } });
    expect((await breaker.holder())?.identity).toBe('ada@laptop/9');
  });

  it('release deletes only its own lease', async () => {
    const first = lock('release', 'acme/shop/42/1');
    await first.acquire();
    const second = lock('release', 'ada@laptop/9');
    await second.acquire({ force: true });

    await first.release(); // no longer ours: left alone
    expect((await second.holder())?.identity).toBe('ada@laptop/9');

    await second.release();
    expect(await second.holder()).toBeUndefined();
    await second.release(); // twice is fine
  });

  it('keepAlive renews the lease, and aborts its signal when the lease is stolen', async () => {
    const me = lock('alive', 'acme/shop/42/1', { leaseDurationSeconds: 3 });
    await me.acquire();
    const first = (await me.holder())!.renewedAt;
    const signal = me.keepAlive();
    expect(me.keepAlive()).toBe(signal);
    await waitUntil(
      'a renewal',
      async () => {
        const renewedAt = (await me.holder())?.renewedAt;
        if (renewedAt !== undefined && renewedAt > first) return true;
        throw new Error(`renewed at ${renewedAt ?? '(no holder)'}, first at ${first}`);
      },
      { timeoutMs: 10_000 },
    );
    expect(signal.aborted).toBe(false);

    await lock('alive', 'ada@laptop/9').acquire({ force: true });
    await waitUntil('the keepAlive signal to abort', async () => (signal.aborted ? true : undefined), {
      timeoutMs: 10_000,
    });
    expect(signal.reason).toBeInstanceOf(LockLostError);
    expect((signal.reason as Error).message).toBe(
      `lost the lock Lease ${ns}/dial-alive: it is now held by ada@laptop/9`,
    );
    await me.release();
    expect((await me.holder())?.identity).toBe('ada@laptop/9');
  });

  it('lets exactly one of racing acquirers win, whether the lease is absent or expired', async () => {
    const contenders = (service: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        lock(service, `acme/shop/${100 + i}/1`, { leaseDurationSeconds: 30 }),
      );
    const race = async (service: string) => {
      const locks = contenders(service, 4);
      const results = await Promise.allSettled(locks.map((l) => l.acquire()));
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(LockHeldError);
      const winner = locks[results.findIndex((r) => r.status === 'fulfilled')]!;
      expect((await winner.holder())?.identity).toBe(winner.identity);
    };
    await race('race-absent');

    const dead = lock('race-expired', 'gone@host/1', { leaseDurationSeconds: 1 });
    await dead.acquire();
    await waitUntil(
      'the lease to expire',
      async () => {
        const h = await dead.holder();
        if (h && new Date(h.expiresAt).getTime() < Date.now() - 50) return true;
        throw new Error(h ? `held by ${h.identity} until ${h.expiresAt}` : 'no holder');
      },
      { timeoutMs: 15_000 },
    );
    await race('race-expired');
  });
});
