// Following one object by WATCH: list it once for its current state and a resourceVersion, then watch
// from there, re-establishing the watch whenever the server ends it (timeouts are normal) and listing
// again when the version is too old (410 Gone). No polling: the server tells us when something changes.
import { Watch } from '@kubernetes/client-node';
import type { KubeApis } from './api.js';

export interface WatchTarget {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Plural resource names of the kinds Dial watches. */
const RESOURCES: Record<string, string> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  ReplicaSet: 'replicasets',
  Pod: 'pods',
  CustomResourceDefinition: 'customresourcedefinitions',
};

/** How long the server keeps one watch open; below client-node's 30 s inactivity abort. */
const WATCH_SECONDS = 25;
/** Consecutive failed watch connections tolerated (with backoff) before giving up. */
const MAX_FAILURES = 5;

export function collectionPath(target: WatchTarget): string {
  const resource = RESOURCES[target.kind];
  if (!resource) throw new Error(`cannot watch kind ${target.kind}`);
  const base = target.apiVersion.includes('/') ? `/apis/${target.apiVersion}` : `/api/${target.apiVersion}`;
  return target.namespace ? `${base}/namespaces/${target.namespace}/${resource}` : `${base}/${resource}`;
}

/** `SYNC` (from a list: `object` undefined when absent), `ADDED`, `MODIFIED`, `DELETED`. */
export type WatchEventType = 'SYNC' | 'ADDED' | 'MODIFIED' | 'DELETED';

/** The objects of one kind in one namespace (or cluster-wide), narrowed by selectors. */
export interface CollectionTarget {
  apiVersion: string;
  kind: string;
  namespace?: string;
  fieldSelector?: string;
  labelSelector?: string;
}

/** A list (`SYNC`, every object selected now) or one change. */
export type CollectionEvent =
  { type: 'SYNC'; items: unknown[] } | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: unknown };

/**
 * Calls `onEvent` with the object's state now and on every change, until `signal` aborts (then it
 * resolves). Rejects when the API keeps failing.
 */
export function watchObject(
  apis: KubeApis,
  target: WatchTarget,
  onEvent: (type: WatchEventType, object: unknown) => void,
  signal: AbortSignal,
): Promise<void> {
  const { name, ...collection } = target;
  return watchCollection(
    apis,
    { ...collection, fieldSelector: `metadata.name=${name}` },
    (event) => (event.type === 'SYNC' ? onEvent('SYNC', event.items[0]) : onEvent(event.type, event.object)),
    signal,
  );
}

/**
 * Lists the collection (`SYNC`), then watches it from that resourceVersion and calls `onEvent` on every
 * change, until `signal` aborts (then it resolves); lists again after a 410. Rejects when the API keeps
 * failing.
 */
export async function watchCollection(
  apis: KubeApis,
  target: CollectionTarget,
  onEvent: (event: CollectionEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const path = collectionPath({ ...target, name: '' });
  const { fieldSelector, labelSelector } = target;
  const selectors = {
    ...(fieldSelector ? { fieldSelector } : {}),
    ...(labelSelector ? { labelSelector } : {}),
  };
  const watch = new Watch(apis.kc);

  const relist = async (): Promise<string> => {
    const list = await apis.objects.list(
      target.apiVersion,
      target.kind,
      target.namespace,
      undefined,
      undefined,
      undefined,
      fieldSelector,
      labelSelector,
    );
    if (!signal.aborted) onEvent({ type: 'SYNC', items: list.items });
    return list.metadata?.resourceVersion ?? '';
  };

  // One watch connection: resolves with the last resourceVersion seen, or `gone` when it expired.
  const watchOnce = (resourceVersion: string) =>
    new Promise<{ resourceVersion: string; gone: boolean }>((resolve, reject) => {
      let last = resourceVersion;
      let gone = false;
      let serverError: unknown;
      let stop: (() => void) | undefined;
      apis.countRequest();
      watch
        .watch(
          path,
          { resourceVersion, ...selectors, allowWatchBookmarks: true, timeoutSeconds: WATCH_SECONDS },
          (type: string, object: unknown) => {
            if (type === 'ERROR') {
              const code = (object as { code?: number } | undefined)?.code;
              if (code === 410) gone = true;
              else
                serverError = new Error(
                  `watch ${path}: ${(object as { message?: string })?.message ?? type}`,
                );
              return;
            }
            const rv = (object as { metadata?: { resourceVersion?: string } } | undefined)?.metadata
              ?.resourceVersion;
            if (rv) last = rv;
            if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
              if (!signal.aborted) onEvent({ type, object });
            }
          },
          (err: unknown) => {
            if (stop) signal.removeEventListener('abort', stop);
            if (signal.aborted || gone) resolve({ resourceVersion: last, gone });
            else if (serverError) reject(serverError);
            else if (err && !isTimeout(err)) reject(err);
            else resolve({ resourceVersion: last, gone });
          },
        )
        .then((controller) => {
          stop = () => controller.abort();
          if (signal.aborted) stop();
          else signal.addEventListener('abort', stop, { once: true });
        })
        .catch(reject);
    });

  let resourceVersion = await relist();
  let failures = 0;
  while (!signal.aborted) {
    try {
      const ended = await watchOnce(resourceVersion);
      failures = 0;
      resourceVersion = ended.gone && !signal.aborted ? await relist() : ended.resourceVersion;
    } catch (err) {
      if (signal.aborted) break;
      if (++failures > MAX_FAILURES) throw err;
      // A dropped connection: reconnect after a short, growing pause rather than hammering the server.
      await pause(250 * 2 ** failures, signal);
      resourceVersion = await relist().catch(() => resourceVersion);
    }
  }
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Watches until `check` returns a value (its result) or throws (the rejection); rejects after `timeoutMs`
 * naming `what`. `check` sees undefined while the object does not exist.
 */
export async function waitForObject<R>(
  apis: KubeApis,
  target: WatchTarget,
  check: (object: unknown, type: WatchEventType) => R | undefined,
  options: { timeoutMs: number; what: string; signal?: AbortSignal },
): Promise<R> {
  const controller = new AbortController();
  const outer = options.signal;
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      controller.abort();
      fn();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`timed out after ${options.timeoutMs / 1000}s waiting for ${options.what}`)),
        ),
      options.timeoutMs,
    );
    const onAbort = () => finish(() => reject(outer?.reason ?? new Error('aborted')));
    if (outer?.aborted) return onAbort();
    outer?.addEventListener('abort', onAbort, { once: true });
    watchObject(
      apis,
      target,
      (type, object) => {
        try {
          const result = check(type === 'DELETED' ? undefined : object, type);
          if (result !== undefined) finish(() => resolve(result));
        } catch (err) {
          finish(() => reject(err));
        }
      },
      controller.signal,
    ).then(
      () => finish(() => reject(new Error(`watch of ${options.what} ended`))),
      (err: unknown) => finish(() => reject(err)),
    );
  });
}
