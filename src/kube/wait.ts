// Waiting until a Deployment, StatefulSet or DaemonSet has rolled out — by watch (watch.ts), with a
// deadline, a progress line every few seconds, and on failure a diagnosis from the pods (diagnose.ts).
import { RolloutFailedError, type WaitOptions } from '../rollout/ports.js';
import type { KubeApis } from './api.js';
import { diagnose, type WorkloadRef } from './diagnose.js';
import { watchCollection, type WatchEventType, type WatchTarget } from './watch.js';

export type { WorkloadRef };

/** Where a workload is in its rollout, from its spec and status alone (pure). */
export interface RolloutState {
  done: boolean;
  /** Set when the rollout cannot succeed any more (ProgressDeadlineExceeded). */
  failed?: string;
  /** `1/3 updated, 0/3 available` */
  progress: string;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** The fields rollout checks read; the same in client-node's typed objects and a watch's raw JSON. */
interface Workload {
  metadata?: { generation?: number; name?: string; namespace?: string; uid?: string };
  spec?: {
    replicas?: number;
    paused?: boolean;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    desiredNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    conditions?: Condition[];
  };
}

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;

const unsupported = (kind: string) =>
  new Error(`cannot wait for the rollout of a ${kind}: only ${WORKLOAD_KINDS.join(', ')}`);

/** The rollout state of a Deployment, StatefulSet or DaemonSet object (as listed or watched). */
export function rolloutState(kind: string, object: unknown): RolloutState {
  const w = (object ?? {}) as Workload;
  const status = w.status ?? {};
  const generation = w.metadata?.generation ?? 0;
  const observed = status.observedGeneration ?? 0;
  const stale = observed < generation;
  const waitingForController = (progress: string): RolloutState => ({
    done: false,
    progress: `${progress} (waiting for the controller to see generation ${generation})`,
  });

  switch (kind) {
    case 'Deployment': {
      const want = w.spec?.replicas ?? 1;
      const updated = status.updatedReplicas ?? 0;
      const available = status.availableReplicas ?? 0;
      const total = status.replicas ?? 0;
      let progress = `${updated}/${want} updated, ${available}/${want} available`;
      if (total > updated) progress += `, ${total - updated} old pending termination`;
      if (w.spec?.paused) progress += ' (paused)';
      const progressing = status.conditions?.find((c) => c.type === 'Progressing');
      if (!stale && progressing?.reason === 'ProgressDeadlineExceeded') {
        return {
          done: false,
          failed: `exceeded its progress deadline${progressing.message ? ` (${progressing.message})` : ''}`,
          progress,
        };
      }
      if (stale) return waitingForController(progress);
      return { done: updated === want && available === want && total === updated, progress };
    }
    case 'StatefulSet': {
      const want = w.spec?.replicas ?? 1;
      const ready = status.readyReplicas ?? 0;
      const updated = status.updatedReplicas ?? 0;
      const strategy = w.spec?.updateStrategy?.type ?? 'RollingUpdate';
      const partition = w.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
      const progress = `${updated}/${want} updated, ${ready}/${want} ready`;
      if (stale) return waitingForController(progress);
      let updatedEnough = true;
      if (strategy === 'RollingUpdate') {
        // With a partition only the ordinals at or above it are updated, so the revisions never meet.
        updatedEnough =
          partition > 0 ? updated >= want - partition : status.updateRevision === status.currentRevision;
      }
      return { done: updatedEnough && ready === want, progress };
    }
    case 'DaemonSet': {
      const desired = status.desiredNumberScheduled ?? 0;
      const updated = status.updatedNumberScheduled ?? 0;
      const available = status.numberAvailable ?? 0;
      const progress = `${updated}/${desired} updated, ${available}/${desired} available`;
      if (stale) return waitingForController(progress);
      const onDelete = w.spec?.updateStrategy?.type === 'OnDelete';
      return { done: (onDelete || updated === desired) && available === desired, progress };
    }
    default:
      throw unsupported(kind);
  }
}

/** `5m`, `1m30s`, `20s`: durations in progress lines. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m < 60) return rest ? `${m}m${rest}s` : `${m}m`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
}

const DEFAULT_PROGRESS_SECONDS = 10;

/**
 * Resolves when the workload has rolled out; throws RolloutFailedError (with a diagnosis of its pods)
 * when its progress deadline is exceeded, it is deleted, or `deadlineSeconds` pass first.
 */
export async function waitRollout(apis: KubeApis, ref: WorkloadRef, options: WaitOptions): Promise<void> {
  // Refused before any request.
  if (!(WORKLOAD_KINDS as readonly string[]).includes(ref.kind)) throw unsupported(ref.kind);
  const what = `${ref.kind} ${ref.namespace}/${ref.name}`;
  const target: WatchTarget = { apiVersion: 'apps/v1', ...ref };
  const started = Date.now();
  const deadline = formatSeconds(options.deadlineSeconds);
  let unsubscribe: (() => void) | undefined;
  let latest: unknown;
  let exists = false;

  type Outcome = { ok: true } | { ok: false; reason: string };
  const outcome = await new Promise<Outcome>((resolve, reject) => {
    let settled = false;
    const finish = (o: Outcome | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(ticker);
      options.signal?.removeEventListener('abort', onAbort);
      unsubscribe?.();
      if (o instanceof Error) reject(o);
      else resolve(o);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: `did not roll out within ${deadline}` }),
      options.deadlineSeconds * 1000,
    );
    const every = (options.progressEverySeconds ?? DEFAULT_PROGRESS_SECONDS) * 1000;
    // Reports the state the watch last delivered; the timer only paces the lines, it queries nothing.
    const ticker = setInterval(() => {
      if (!options.onProgress) return;
      const elapsed = formatSeconds((Date.now() - started) / 1000);
      const state = exists ? rolloutState(ref.kind, latest).progress : 'no status yet';
      options.onProgress(`${what}: ${state} (${elapsed} of ${deadline})`);
    }, every);
    const onAbort = () =>
      finish(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    unsubscribe = followWorkload(
      apis,
      target,
      (type, object) => {
        if (type === 'DELETED') return finish({ ok: false, reason: 'was deleted while waiting for it' });
        if (object === undefined) {
          // Not there at all (SYNC of an empty list): nothing will roll out.
          return finish(new Error(`${what} not found`));
        }
        exists = true;
        latest = object;
        const state = rolloutState(ref.kind, object);
        if (state.failed) finish({ ok: false, reason: state.failed });
        else if (state.done) finish({ ok: true });
      },
      (err) => finish(err ?? new Error(`watch of ${what} ended unexpectedly`)),
    );
  });

  if (outcome.ok) return;
  const diagnosis = await diagnose(apis, ref, latest);
  throw new RolloutFailedError(`${what} ${outcome.reason}: ${diagnosis.summary}`, diagnosis);
}

/** One wait's interest in one workload of a shared watch. */
interface Follower {
  name: string;
  onEvent: (type: WatchEventType, object: unknown) => void;
  /** The shared watch failed (the error) or ended (undefined). */
  onEnd: (err: Error | undefined) => void;
}

/** Waits started together on workloads of one kind in one namespace, served by one list and one watch. */
interface WatchGroup {
  followers: Set<Follower>;
  controller: AbortController;
}

/** Per API client and `apiVersion kind namespace`: the group that later waits may still join. */
const openGroups = new WeakMap<KubeApis, Map<string, WatchGroup>>();

const nameOf = (object: unknown) => (object as { metadata?: { name?: string } } | undefined)?.metadata?.name;

/**
 * Follows one workload: `onEvent` gets its state now (`SYNC`, undefined when absent) and every change.
 * Waits started in the same turn of the event loop (a canary's tracks, waited on with Promise.all) share
 * one list and one watch of their namespace instead of one each: the group starts on the next microtask,
 * field-selected by name when it follows one workload, else the namespace's objects of that kind,
 * filtered here (a field selector cannot name several objects). A 410 re-lists, as watchCollection does.
 * Returns the unsubscribe: the watch stops when its last follower leaves.
 */
export function followWorkload(
  apis: KubeApis,
  target: WatchTarget,
  onEvent: Follower['onEvent'],
  onEnd: Follower['onEnd'],
): () => void {
  const key = `${target.apiVersion} ${target.kind} ${target.namespace ?? ''}`;
  let groups = openGroups.get(apis);
  if (!groups) openGroups.set(apis, (groups = new Map()));
  let group = groups.get(key);
  if (!group) {
    const fresh: WatchGroup = { followers: new Set(), controller: new AbortController() };
    groups.set(key, (group = fresh));
    queueMicrotask(() =>
      startGroup(apis, target, fresh, () => groups.get(key) === fresh && groups.delete(key)),
    );
  }
  const follower: Follower = { name: target.name, onEvent, onEnd };
  group.followers.add(follower);
  const joined = group;
  return () => {
    joined.followers.delete(follower);
    if (joined.followers.size === 0) joined.controller.abort();
  };
}

function startGroup(apis: KubeApis, target: WatchTarget, group: WatchGroup, close: () => void): void {
  close(); // waits started from now on make a group of their own
  if (group.followers.size === 0) return;
  const names = new Set([...group.followers].map((f) => f.name));
  const only = names.size === 1 ? [...names][0] : undefined;
  watchCollection(
    apis,
    {
      apiVersion: target.apiVersion,
      kind: target.kind,
      ...(target.namespace !== undefined ? { namespace: target.namespace } : {}),
      ...(only !== undefined ? { fieldSelector: `metadata.name=${only}` } : {}),
    },
    (event) => {
      // A copy: a follower that finishes leaves the set while we go through it.
      for (const follower of [...group.followers]) {
        if (!group.followers.has(follower)) continue;
        if (event.type === 'SYNC')
          follower.onEvent(
            'SYNC',
            event.items.find((item) => nameOf(item) === follower.name),
          );
        else if (nameOf(event.object) === follower.name) follower.onEvent(event.type, event.object);
      }
    },
    group.controller.signal,
  ).then(
    () => {
      for (const follower of [...group.followers]) follower.onEnd(undefined);
    },
    (err: unknown) => {
      const error = err instanceof Error ? err : new Error(String(err));
      for (const follower of [...group.followers]) follower.onEnd(error);
    },
  );
}
