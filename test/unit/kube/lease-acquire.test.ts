// LeaseLock.acquire against a loopback API server that keeps one Lease the way the API server does
// (create 409s when it exists, replace 409s on a stale resourceVersion): the requests it makes, in order.
import { afterEach, describe, expect, it } from '@jest/globals';
import { LockHeldError } from '../../../src/rollout/ports.js';
import { LeaseLock } from '../../../src/kube/lease.js';
import { json, startFakeApiServer, status, type FakeApiServer, type SeenRequest } from './fake-apiserver.js';

const NS = 'shop';
const PATH = `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases`;
const t0 = new Date('2026-03-01T12:00:00.000Z');

interface LeaseJson {
  metadata: { name: string; namespace: string; resourceVersion?: string; uid?: string };
  spec: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string; acquireTime?: string };
}

/** One Lease kept as the API server keeps it; `before` runs before each request is judged (races). */
function leaseServer(initial: LeaseJson | undefined, before?: (req: SeenRequest) => void) {
  let lease = initial;
  let version = 1;
  const set = (next: LeaseJson | undefined) => {
    lease = next && {
      ...next,
      metadata: { ...next.metadata, resourceVersion: String(++version), uid: 'u1' },
    };
  };
  set(initial);
  return {
    set,
    get: () => lease,
    start: () =>
      startFakeApiServer((req, res) => {
        before?.(req);
        if (req.method === 'POST' && req.path === PATH) {
          if (lease) return status(res, 409, 'AlreadyExists', 'leases "dial-web" already exists');
          set(JSON.parse(req.body) as LeaseJson);
          return json(res, 201, lease);
        }
        if (req.path !== `${PATH}/dial-web`) return status(res, 404, 'NotFound', 'no route');
        if (req.method === 'GET')
          return lease ? json(res, 200, lease) : status(res, 404, 'NotFound', 'leases "dial-web" not found');
        if (req.method === 'PUT') {
          const body = JSON.parse(req.body) as LeaseJson;
          if (!lease) return status(res, 404, 'NotFound', 'not found');
          if (body.metadata.resourceVersion !== lease.metadata.resourceVersion)
            return status(res, 409, 'Conflict', 'the object has been modified');
          set(body);
          return json(res, 200, lease);
        }
        return status(res, 405, 'MethodNotAllowed', req.method);
      }),
  };
}

const heldBy = (identity: string, renewedSecondsAgo: number): LeaseJson => ({
  metadata: { name: 'dial-web', namespace: NS },
  spec: {
    holderIdentity: identity,
    leaseDurationSeconds: 60,
    acquireTime: new Date(t0.getTime() - 600_000).toISOString(),
    renewTime: new Date(t0.getTime() - renewedSecondsAgo * 1000).toISOString(),
  },
});

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const lockFor = (s: FakeApiServer, identity: string, warnings: string[] = []) =>
  new LeaseLock(s.kc, NS, 'web', { identity, now: () => t0, onWarning: (w) => warnings.push(w) });

describe('LeaseLock.acquire creates first', () => {
  it('takes an absent Lease with one request: a create, no read', async () => {
    const fake = leaseServer(undefined);
    server = await fake.start();
    const lock = lockFor(server, 'acme/shop/42/1');
    await lock.acquire();
    expect(server.log()).toEqual([`POST ${PATH}`]);
    expect(lock.requests).toBe(1);
    expect(lock.acquired).toEqual({ reason: 'free' });
    expect(fake.get()?.spec.holderIdentity).toBe('acme/shop/42/1');
  });

  it('on 409 reads the Lease and refuses a live holder of another run, naming it and its expiry', async () => {
    const fake = leaseServer(heldBy('acme/shop/7/1', 10));
    server = await fake.start();
    const lock = lockFor(server, 'acme/shop/42/1');
    const refused = await lock.acquire().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LockHeldError);
    expect((refused as Error).message).toContain('held by acme/shop/7/1');
    expect((refused as Error).message).toContain('it expires at 2026-03-01T12:00:50.000Z');
    expect(server.log()).toEqual([`POST ${PATH}`, `GET ${PATH}/dial-web`]);
    expect(fake.get()?.spec.holderIdentity).toBe('acme/shop/7/1');
  });

  it('on 409 takes over from another attempt of the same run, replacing the version it read', async () => {
    const fake = leaseServer(heldBy('acme/shop/42/1', 10));
    server = await fake.start();
    const warnings: string[] = [];
    const lock = lockFor(server, 'acme/shop/42/2', warnings);
    const read = fake.get()?.metadata.resourceVersion;
    await lock.acquire();
    expect(server.log()).toEqual([`POST ${PATH}`, `GET ${PATH}/dial-web`, `PUT ${PATH}/dial-web`]);
    expect((JSON.parse(server.requests[2]!.body) as LeaseJson).metadata.resourceVersion).toBe(read);
    expect(lock.acquired).toMatchObject({ reason: 'same run', previous: { identity: 'acme/shop/42/1' } });
    expect(fake.get()?.spec.holderIdentity).toBe('acme/shop/42/2');
    expect(warnings.join('\n')).toContain('an earlier attempt of this run');
  });

  it('on 409 takes over an expired Lease of another run', async () => {
    const fake = leaseServer(heldBy('acme/shop/7/1', 120));
    server = await fake.start();
    const lock = lockFor(server, 'acme/shop/42/1');
    await lock.acquire();
    expect(lock.acquired).toMatchObject({ reason: 'expired', previous: { identity: 'acme/shop/7/1' } });
    expect(fake.get()?.spec.holderIdentity).toBe('acme/shop/42/1');
  });

  it('creates again when the Lease it was refused is gone by the time it reads', async () => {
    // The holder releases (deletes) between our create's 409 and our read.
    let reads = 0;
    const fake = leaseServer(heldBy('acme/shop/7/1', 10), (req) => {
      if (req.method === 'GET' && reads++ === 0) fake.set(undefined);
    });
    server = await fake.start();
    const lock = lockFor(server, 'acme/shop/42/1');
    await lock.acquire();
    expect(server.log()).toEqual([`POST ${PATH}`, `GET ${PATH}/dial-web`, `POST ${PATH}`]);
    expect(lock.acquired).toEqual({ reason: 'free' });
  });

  it('is refused, naming the winner, when another run takes the Lease between its read and its write', async () => {
    // The Lease expired; another run replaces it just before our replace is judged: ours names a stale
    // version (409), we read again and find a live holder.
    const fake = leaseServer(heldBy('acme/shop/7/1', 120), (req) => {
      if (req.method === 'PUT') fake.set(heldBy('acme/shop/9/1', 0));
    });
    server = await fake.start();
    const lock = lockFor(server, 'acme/shop/42/1');
    const refused = await lock.acquire().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LockHeldError);
    expect((refused as Error).message).toContain('held by acme/shop/9/1');
    expect(server.log()).toEqual([
      `POST ${PATH}`,
      `GET ${PATH}/dial-web`,
      `PUT ${PATH}/dial-web`,
      `GET ${PATH}/dial-web`,
    ]);
  });
});
