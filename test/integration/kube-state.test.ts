// The rollout record in the cluster (src/kube/state-store.ts) against the real API server: create, read,
// replace with optimistic concurrency, conflicts that say who wrote, records Dial cannot read, the size
// guard. Needs the test bed (globalSetup starts it, or reuses `npm run -s testbed -- up`).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ConfigMapStateStore, StateFormatError, type StateStoreOptions } from '../../src/kube/state-store.js';
import { StateConflictError } from '../../src/rollout/ports.js';
import { emptyRecord, type ReleaseEntry, type RolloutRecord } from '../../src/rollout/record.js';

const ns = `dial-state-${Math.random().toString(36).slice(2, 8)}`;
let kc: KubeConfig;
let core: CoreV1Api;

const store = (service: string, options: StateStoreOptions = {}) =>
  new ConfigMapStateStore(kc, ns, service, { identity: 'acme/shop/42/1', ...options });

const record = (service: string, changes: Partial<RolloutRecord> = {}): RolloutRecord => ({
  ...emptyRecord(service, ns, service, 'replicas', new Date('2026-03-01T12:00:00Z')),
  ...changes,
});

/** The error a promise rejected with (fails the test if it resolved). */
async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  expect(process.env.KUBECONFIG).toBeTruthy();
  kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: ns } } });
});

afterAll(async () => {
  await core?.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('ConfigMapStateStore', () => {
  it('creates, reads and replaces the record of a service in one labelled ConfigMap', async () => {
    const state = store('web');
    expect(await state.read()).toBeUndefined();

    const v1 = await state.write(record('web'), undefined);
    const read1 = await state.read();
    expect(read1).toEqual({ record: record('web'), version: v1 });

    const cm = await core.readNamespacedConfigMap({ name: 'dial-web', namespace: ns });
    expect(cm.metadata?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'dial',
      'dial.dev/service': 'web',
    });
    expect(cm.metadata?.annotations?.['dial.dev/written-by']).toBe('acme/shop/42/1');
    expect(JSON.parse(cm.data?.['record.json'] ?? '{}')).toEqual(record('web'));

    const progressing = record('web', { phase: 'paused', updatedAt: '2026-03-01T12:05:00.000Z' });
    const v2 = await state.write(progressing, v1);
    expect(v2).not.toBe(v1);
    expect(await state.read()).toEqual({ record: progressing, version: v2 });
    // read, create, read, (get for the test), replace, read: one request each.
    expect(state.requests).toBe(5);
  });

  it('refuses a write based on a stale version, naming who wrote meanwhile', async () => {
    const first = store('api', { identity: 'acme/shop/42/1' });
    const v1 = await first.write(record('api'), undefined);
    const other = store('api', { identity: 'acme/shop/77/1' });
    await other.write(record('api', { phase: 'progressing' }), v1);

    const error = await rejection(first.write(record('api', { phase: 'rolling-back' }), v1));
    expect(error).toBeInstanceOf(StateConflictError);
    expect(error.message).toMatch(
      new RegExp(
        `^ConfigMap ${ns}/dial-api changed since version ${v1} was read \\(now version \\d+, written by acme/shop/77/1, field manager "dial" \\(Update at .*\\)\\): another run wrote the rollout state`,
      ),
    );
    expect((await first.read())?.record.phase).toBe('progressing');
  });

  it('names the field manager when a person edited the ConfigMap by hand', async () => {
    const state = store('edited');
    const v1 = await state.write(record('edited'), undefined);
    const cm = await core.readNamespacedConfigMap({ name: 'dial-edited', namespace: ns });
    cm.metadata!.annotations = { ...cm.metadata?.annotations, note: 'looked at it' };
    await core.replaceNamespacedConfigMap({
      name: 'dial-edited',
      namespace: ns,
      body: cm,
      fieldManager: 'kubectl-edit',
    });

    const error = await rejection(state.write(record('edited', { phase: 'paused' }), v1));
    expect(error).toBeInstanceOf(StateConflictError);
    // Named first, even when Dial also wrote within the same second (managedFields' resolution).
    expect(error.message).toMatch(/field managers? "kubectl-edit"( and "dial")? \(Update at /);
  });

  it('refuses to create a record someone else created meanwhile', async () => {
    await store('dup', { identity: 'acme/shop/1/1' }).write(record('dup'), undefined);
    const error = await rejection(store('dup', { identity: 'ada@laptop/9' }).write(record('dup'), undefined));
    expect(error).toBeInstanceOf(StateConflictError);
    expect(error.message).toMatch(
      new RegExp(
        `^someone else created ConfigMap ${ns}/dial-dup meanwhile \\(now version \\d+, written by acme/shop/1/1, `,
      ),
    );
  });

  it('says so when the record was deleted since it was read', async () => {
    const state = store('gone');
    const v1 = await state.write(record('gone'), undefined);
    await core.deleteNamespacedConfigMap({ name: 'dial-gone', namespace: ns });
    const error = await rejection(state.write(record('gone'), v1));
    expect(error).toBeInstanceOf(StateConflictError);
    expect(error.message).toBe(
      `ConfigMap ${ns}/dial-gone was deleted since version ${v1} was read: read the state again before deciding`,
    );
  });

  it('lets exactly one of two concurrent writers with the same expected version win', async () => {
    const v1 = await store('race').write(record('race'), undefined);
    for (let round = 0; round < 5; round++) {
      const base = (await store('race').read())!.version;
      const writers = ['acme/shop/1/1', 'acme/shop/2/1'].map((identity) => store('race', { identity }));
      const results = await Promise.allSettled(
        writers.map((w, i) =>
          w.write(record('race', { updatedAt: `2026-03-01T12:0${round}:0${i}.000Z` }), base),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(StateConflictError);
      const winner = results.findIndex((r) => r.status === 'fulfilled');
      const now = (await store('race').read())!;
      expect(now.version).toBe((won[0] as PromiseFulfilledResult<string>).value);
      expect(now.record.updatedAt).toBe(`2026-03-01T12:0${round}:0${winner}.000Z`);
    }
    expect(v1).toBeTruthy();
  });

  it('refuses a record written by a newer Dial, or not by Dial, naming the ConfigMap', async () => {
    const newer = { ...record('future'), version: 2 };
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'dial-future' }, data: { 'record.json': JSON.stringify(newer) } },
    });
    const error = await rejection(store('future').read());
    expect(error).toBeInstanceOf(StateFormatError);
    expect(error.message).toBe(
      `ConfigMap ${ns}/dial-future holds a rollout record of version 2, written by a newer Dial (this one reads version 1): upgrade Dial`,
    );

    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'dial-foreign' }, data: { other: 'x' } },
    });
    const foreign = await rejection(store('foreign').read());
    expect(foreign).toBeInstanceOf(StateFormatError);
    expect(foreign.message).toContain(`ConfigMap ${ns}/dial-foreign has no \`record.json\``);
  });

  it('keeps a large record under the ConfigMap limit by dropping the oldest templates, and says so', async () => {
    const warnings: string[] = [];
    const state = store('big', { onWarning: (line) => warnings.push(line) });
    const entry = (id: string): ReleaseEntry => ({
      id,
      images: { big: `registry.example/big:${id}` },
      template: {
        spec: { containers: [{ name: 'big', image: `registry.example/big:${id}` }] },
        pad: 'x'.repeat(300 * 1024),
      },
      result: 'promoted',
      finishedAt: '2026-03-01T12:00:00.000Z',
    });
    const large = record('big', { history: ['r5', 'r4', 'r3', 'r2', 'r1'].map(entry) });
    await state.write(large, undefined);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toContain(`dropped the pod template of release r1`);
    expect(warnings[0]).toContain(`ConfigMap ${ns}/dial-big under 900 KiB`);
    expect(state.lastWriteNotes).toEqual(warnings);
    const stored = (await state.read())!.record;
    expect(stored.history.map((e) => e.id)).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
    expect(stored.history.map((e) => e.template === null)).toEqual([false, false, true, true, true]);
  });
});
