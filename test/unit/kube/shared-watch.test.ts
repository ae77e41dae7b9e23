// waitRollout's shared watch against a loopback API server: waits started together in one namespace make
// one list and one watch between them; a 410 re-lists once for all of them.
import { afterEach, describe, expect, it } from '@jest/globals';
import type http from 'node:http';
import { KubeApis } from '../../../src/kube/api.js';
import { waitRollout } from '../../../src/kube/wait.js';
import { waitUntil } from '../../helpers/wait.js';
import { json, startFakeApiServer, status, type FakeApiServer } from './fake-apiserver.js';

const NS = 'shop';
const LIST = `/apis/apps/v1/namespaces/${NS}/deployments`;

const deployment = (name: string, available: number, rv: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: NS, generation: 1, resourceVersion: String(rv) },
  spec: { replicas: 1 },
  status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: available },
});

/** A namespace of Deployments: lists answer from `objects`, watches stay open for the test to feed. */
async function appsServer(objects: Array<ReturnType<typeof deployment>>) {
  const watches: http.ServerResponse[] = [];
  const server = await startFakeApiServer((req, res) => {
    if (req.path === '/apis/apps/v1')
      return json(res, 200, {
        kind: 'APIResourceList',
        groupVersion: 'apps/v1',
        resources: [
          {
            name: 'deployments',
            singularName: 'deployment',
            kind: 'Deployment',
            namespaced: true,
            verbs: ['list', 'watch'],
          },
        ],
      });
    if (req.path !== LIST) return status(res, 404, 'NotFound', req.path);
    if (req.query.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      watches.push(res);
      return;
    }
    const selector = req.query.get('fieldSelector');
    const items = objects.filter((o) => !selector || selector === `metadata.name=${o.metadata.name}`);
    return json(res, 200, { kind: 'DeploymentList', metadata: { resourceVersion: '10' }, items });
  });
  const send = (type: string, object: unknown) =>
    watches.at(-1)!.write(`${JSON.stringify({ type, object })}\n`);
  return { server, watches, send };
}

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const wait = (apis: KubeApis, name: string) =>
  waitRollout(apis, { kind: 'Deployment', namespace: NS, name }, { deadlineSeconds: 20 });

/** Settles to 'done' or the error's message, so a pending wait can be told apart. */
const track = (p: Promise<void>) => {
  const state: { value?: string } = {};
  p.then(
    () => (state.value = 'done'),
    (e: unknown) => (state.value = (e as Error).message),
  );
  return state;
};

describe('waits started together share one list and one watch', () => {
  it('two Deployments: one namespace list and one watch, each wait ending on its own object', async () => {
    const fake = await appsServer([deployment('web-canary', 0, 5), deployment('web-baseline', 0, 6)]);
    server = fake.server;
    const apis = new KubeApis(server.kc);
    const canary = track(wait(apis, 'web-canary'));
    const baseline = track(wait(apis, 'web-baseline'));
    await waitUntil('the watch connection', async () => (fake.watches.length === 1 ? true : undefined), {
      timeoutMs: 10_000,
    });
    fake.send('MODIFIED', deployment('web-canary', 1, 11));
    await waitUntil('the canary wait to end', async () => canary.value, { timeoutMs: 10_000 });
    expect(canary.value).toBe('done');
    expect(baseline.value).toBeUndefined();
    fake.send('MODIFIED', deployment('web-baseline', 1, 12));
    await waitUntil('the baseline wait to end', async () => baseline.value, { timeoutMs: 10_000 });
    expect(baseline.value).toBe('done');
    expect(server.log()).toEqual(['GET /apis/apps/v1', `GET ${LIST}`, `WATCH ${LIST}`]);
    // Several names: no field selector (it cannot name several objects); the watch starts at the list's version.
    expect(server.requests[1]!.query.get('fieldSelector')).toBeNull();
    expect(server.requests[2]!.query.get('resourceVersion')).toBe('10');
    expect(apis.requests).toBe(3);
  });

  it('one Deployment: list and watch selected by its name', async () => {
    const fake = await appsServer([deployment('web', 0, 5), deployment('other', 0, 6)]);
    server = fake.server;
    const apis = new KubeApis(server.kc);
    const web = track(wait(apis, 'web'));
    await waitUntil('the watch connection', async () => (fake.watches.length === 1 ? true : undefined), {
      timeoutMs: 10_000,
    });
    fake.send('MODIFIED', deployment('web', 1, 11));
    await waitUntil('the wait to end', async () => web.value, { timeoutMs: 10_000 });
    expect(web.value).toBe('done');
    expect(server.requests.slice(1).map((r) => r.query.get('fieldSelector'))).toEqual([
      'metadata.name=web',
      'metadata.name=web',
    ]);
  });

  it('a 410 re-lists once for all the waits, then watches again', async () => {
    const objects = [deployment('a', 0, 5), deployment('b', 0, 6)];
    const fake = await appsServer(objects);
    server = fake.server;
    const apis = new KubeApis(server.kc);
    const a = track(wait(apis, 'a'));
    const b = track(wait(apis, 'b'));
    await waitUntil('the watch connection', async () => (fake.watches.length === 1 ? true : undefined), {
      timeoutMs: 10_000,
    });
    // While the watch was expiring, `a` rolled out: the re-list must show it.
    objects[0] = deployment('a', 1, 20);
    fake.send('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' });
    fake.watches[0]!.end();
    await waitUntil(
      'the second watch connection',
      async () => (fake.watches.length === 2 ? true : undefined),
      {
        timeoutMs: 10_000,
      },
    );
    expect(a.value).toBe('done');
    fake.send('MODIFIED', deployment('b', 1, 21));
    await waitUntil('the wait for b to end', async () => b.value, { timeoutMs: 10_000 });
    expect(b.value).toBe('done');
    expect(server.log()).toEqual([
      'GET /apis/apps/v1',
      `GET ${LIST}`,
      `WATCH ${LIST}`,
      `GET ${LIST}`,
      `WATCH ${LIST}`,
    ]);
  });

  it('a Deployment missing from the shared list fails its own wait only', async () => {
    const fake = await appsServer([deployment('a', 0, 5)]);
    server = fake.server;
    const apis = new KubeApis(server.kc);
    const a = track(wait(apis, 'a'));
    const missing = track(wait(apis, 'missing'));
    await waitUntil('the wait for the missing one to fail', async () => missing.value, { timeoutMs: 10_000 });
    expect(missing.value).toBe(`Deployment ${NS}/missing not found`);
    await waitUntil('the watch connection', async () => (fake.watches.length === 1 ? true : undefined), {
      timeoutMs: 10_000,
    });
    fake.send('MODIFIED', deployment('a', 1, 11));
    await waitUntil('the wait for a to end', async () => a.value, { timeoutMs: 10_000 });
    expect(a.value).toBe('done');
  });

  it('waits started one after the other each make their own watch', async () => {
    const fake = await appsServer([deployment('a', 1, 5), deployment('b', 1, 6)]);
    server = fake.server;
    const apis = new KubeApis(server.kc);
    await wait(apis, 'a');
    await wait(apis, 'b');
    // Both were done at the list: no watch was needed by either.
    expect(server.log()).toEqual(['GET /apis/apps/v1', `GET ${LIST}`, `GET ${LIST}`]);
    expect(server.requests.slice(1).map((r) => r.query.get('fieldSelector'))).toEqual([
      'metadata.name=a',
      'metadata.name=b',
    ]);
  });
});
