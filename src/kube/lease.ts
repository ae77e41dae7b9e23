// One rollout per service at a time: a coordination.k8s.io/v1 Lease `dial-<service>` in its namespace.
// There is no controller to hand the lock out, so every change is an optimistic write (create, or replace
// naming the resourceVersion that was read): of two runs racing for a free or expired lease, exactly one
// write succeeds; the other reads again and is refused. The holder renews every third of the lease's
// duration while it works; a run that died leaves a lease that expires, and a rerun of the same workflow
// run (another attempt) takes over at once.
import {
  ApiException,
  CoordinationV1Api,
  V1MicroTime,
  type KubeConfig,
  type V1Lease,
} from '@kubernetes/client-node';
import { LockHeldError, type Lock, type LockHolder } from '../rollout/ports.js';
import { lockIdentity, parseIdentity, sameRun } from './identity.js';
import { DEFAULT_FIELD_MANAGER, describeApiError, dialLabels, dialObjectName } from './state-store.js';

export const DEFAULT_LEASE_SECONDS = 60;

/** The lease was lost while working (another holder took it, it was deleted, or renewals kept failing). */
export class LockLostError extends Error {
  constructor(
    message: string,
    readonly holder?: LockHolder,
  ) {
    super(message);
    this.name = 'LockLostError';
  }
}

export interface LeaseLockOptions {
  /** Default lockIdentity(). */
  identity?: string;
  /** Default 60. */
  leaseDurationSeconds?: number;
  /** Field manager of the writes; default `dial`. */
  fieldManager?: string;
  /** The clock expiry is judged by; default the system clock. */
  now?: () => Date;
  /** Told about takeovers and failed renewals. */
  onWarning?: (line: string) => void;
}

/** Why acquire() could take the lease. */
export type AcquireReason = 'free' | 'released' | 'expired' | 'same identity' | 'same run' | 'forced';

/** What the last acquire() did: the reason, and the holder it took over from (if any). */
export interface Acquired {
  reason: AcquireReason;
  previous?: LockHolder;
}

export class LeaseLock implements Lock {
  /** The Lease's name: `dial-<service>`. */
  readonly name: string;
  readonly identity: string;
  readonly leaseDurationSeconds: number;
  /** API requests made so far. */
  requests = 0;
  /** What the last successful acquire() did. */
  acquired?: Acquired;
  private readonly api: CoordinationV1Api;
  private readonly fieldManager: string;
  private readonly now: () => Date;
  /** The Lease as we last wrote it while holding it; undefined when not holding. */
  private lease?: V1Lease;
  private controller?: AbortController;
  private timer?: NodeJS.Timeout;
  private renewal?: Promise<void>;
  private lastRenewed = 0;

  constructor(
    kc: KubeConfig,
    readonly namespace: string,
    readonly service: string,
    private readonly options: LeaseLockOptions = {},
  ) {
    this.api = kc.makeApiClient(CoordinationV1Api);
    this.name = dialObjectName(service);
    this.identity = options.identity ?? lockIdentity();
    this.leaseDurationSeconds = options.leaseDurationSeconds ?? DEFAULT_LEASE_SECONDS;
    if (!Number.isInteger(this.leaseDurationSeconds) || this.leaseDurationSeconds < 1)
      throw new Error(`leaseDurationSeconds must be a whole number ≥ 1 (got ${this.leaseDurationSeconds})`);
    this.fieldManager = options.fieldManager ?? DEFAULT_FIELD_MANAGER;
    this.now = options.now ?? (() => new Date());
  }

  /** `Lease <namespace>/<name>`, as messages name it. */
  get where(): string {
    return `Lease ${this.namespace}/${this.name}`;
  }

  async acquire(options: { force?: boolean } = {}): Promise<void> {
    // Create first: release() deletes the Lease, so it is usually absent and one request takes it. Only a
    // 409 (it exists, or changed under us) reads it and decides by the holder rules; a lost race reads
    // again once more, so the winner then holds a fresh lease and we are refused clearly.
    let current: V1Lease | undefined;
    for (let attempt = 1; ; attempt++) {
      const now = this.now();
      const previous = current ? leaseHolder(current, this.leaseDurationSeconds) : undefined;
      const reason = current
        ? takeoverReason(previous, this.identity, now, options.force === true)
        : ('free' as const);
      if (reason === undefined)
        throw new LockHeldError(lockHeldMessage(previous!, this.where, this.service, now), previous!);
      try {
        this.requests++;
        const written = current
          ? await this.api.replaceNamespacedLease({
              name: this.name,
              namespace: this.namespace,
              body: this.taken(current, now, previous),
              fieldManager: this.fieldManager,
            })
          : await this.api.createNamespacedLease({
              namespace: this.namespace,
              body: this.fresh(now),
              fieldManager: this.fieldManager,
            });
        this.lease = written;
        this.lastRenewed = now.getTime();
        this.acquired = { reason, ...(previous && reason !== 'same identity' ? { previous } : {}) };
        if (previous && (reason === 'expired' || reason === 'same run' || reason === 'forced'))
          this.options.onWarning?.(
            `took over the lock ${this.where} from ${previous.identity} (${reason === 'expired' ? `expired at ${previous.expiresAt}` : reason === 'same run' ? 'an earlier attempt of this run' : 'lock broken on request'})`,
          );
        return;
      } catch (error) {
        // 409: the lease exists (create) or someone changed it between our read and our write (replace).
        if (error instanceof ApiException && error.code === 409 && attempt < 3) {
          current = await this.get();
          continue;
        }
        if (error instanceof ApiException && error.code === 409) {
          const now2 = this.now();
          const winner = await this.holder();
          if (winner && winner.identity !== this.identity)
            throw new LockHeldError(lockHeldMessage(winner, this.where, this.service, now2), winner);
          throw new Error(`${this.where} kept changing while acquiring it; try again`, { cause: error });
        }
        throw new Error(`cannot acquire ${this.where}: ${describeApiError(error)}`, { cause: error });
      }
    }
  }

  keepAlive(): AbortSignal {
    if (this.controller && !this.controller.signal.aborted) return this.controller.signal;
    const controller = new AbortController();
    this.controller = controller;
    if (!this.lease) {
      controller.abort(new LockLostError(`not holding ${this.where}: acquire() it before keepAlive()`));
      return controller.signal;
    }
    const every = Math.max(100, Math.floor((this.leaseDurationSeconds * 1000) / 3));
    this.timer = setInterval(() => {
      if (this.renewal) return; // the previous renewal is still waiting for the API server
      this.renewal = this.renew(controller)
        .catch((error: unknown) =>
          this.options.onWarning?.(`renewing ${this.where} failed: ${String(error)}`),
        )
        .finally(() => {
          this.renewal = undefined;
        });
    }, every);
    this.timer.unref();
    return controller.signal;
  }

  async release(): Promise<void> {
    this.stop();
    await this.renewal;
    const ours = this.lease;
    this.lease = undefined;
    this.controller = undefined;
    if (!ours) return;
    let target: V1Lease | undefined = ours;
    // Delete only what we hold: preconditions on uid and resourceVersion. If the lease changed since our
    // last write, delete it only if it is still ours (renewed by this identity meanwhile).
    for (let attempt = 1; target && attempt <= 2; attempt++) {
      try {
        this.requests++;
        await this.api.deleteNamespacedLease({
          name: this.name,
          namespace: this.namespace,
          body: {
            preconditions: { uid: target.metadata?.uid, resourceVersion: target.metadata?.resourceVersion },
          },
        });
        return;
      } catch (error) {
        if (error instanceof ApiException && error.code === 404) return;
        if (!(error instanceof ApiException && error.code === 409))
          throw new Error(`cannot release ${this.where}: ${describeApiError(error)}`, { cause: error });
        const now = await this.get();
        target = now?.spec?.holderIdentity === this.identity ? now : undefined;
        if (now && !target)
          this.options.onWarning?.(
            `not releasing ${this.where}: it is held by ${now.spec?.holderIdentity ?? 'nobody'} now`,
          );
      }
    }
  }

  /** The holder the Lease names (with when it expires, which may be past), or undefined if none. */
  async holder(): Promise<LockHolder | undefined> {
    const lease = await this.get();
    return lease ? leaseHolder(lease, this.leaseDurationSeconds) : undefined;
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async renew(controller: AbortController): Promise<void> {
    if (controller.signal.aborted || !this.lease) return;
    const now = this.now();
    let base: V1Lease = this.lease;
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        this.requests++;
        const written = await this.api.replaceNamespacedLease({
          name: this.name,
          namespace: this.namespace,
          body: this.renewed(base, now),
          fieldManager: this.fieldManager,
        });
        // release() may have run meanwhile: only a lease we still hold is remembered.
        if (this.lease && this.controller === controller) this.lease = written;
        this.lastRenewed = now.getTime();
        return;
      } catch (error) {
        if (controller.signal.aborted || this.controller !== controller) return;
        if (error instanceof ApiException && error.code === 404)
          return this.lost(controller, `${this.where} was deleted while this run held it`);
        if (error instanceof ApiException && error.code === 409) {
          const current = await this.get().catch(() => undefined);
          if (current && current.spec?.holderIdentity === this.identity) {
            base = current; // changed by something else (labels?), still ours: renew on top of it
            continue;
          }
          const holder = current ? leaseHolder(current, this.leaseDurationSeconds) : undefined;
          return this.lost(
            controller,
            current
              ? `lost the lock ${this.where}: it is now held by ${holder?.identity ?? 'nobody'}`
              : `${this.where} was deleted while this run held it`,
            holder,
          );
        }
        const since = (now.getTime() - this.lastRenewed) / 1000;
        if (since >= this.leaseDurationSeconds)
          return this.lost(
            controller,
            `could not renew ${this.where} for ${Math.round(since)} s (${describeApiError(error)}): it has expired and another run may take it`,
          );
        this.options.onWarning?.(`renewing ${this.where} failed, retrying: ${describeApiError(error)}`);
        return;
      }
    }
  }

  private lost(controller: AbortController, message: string, holder?: LockHolder): void {
    this.stop();
    this.lease = undefined;
    this.options.onWarning?.(message);
    controller.abort(new LockLostError(message, holder));
  }

  private async get(): Promise<V1Lease | undefined> {
    try {
      this.requests++;
      return await this.api.readNamespacedLease({ name: this.name, namespace: this.namespace });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw new Error(`cannot read ${this.where}: ${describeApiError(error)}`, { cause: error });
    }
  }

  private fresh(now: Date): V1Lease {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace, labels: dialLabels(this.service) },
      spec: {
        holderIdentity: this.identity,
        leaseDurationSeconds: this.leaseDurationSeconds,
        acquireTime: new V1MicroTime(now.getTime()),
        renewTime: new V1MicroTime(now.getTime()),
        leaseTransitions: 0,
      },
    };
  }

  /** `current` taken over (or re-taken) by us, as a replace body naming the version we read. */
  private taken(current: V1Lease, now: Date, previous: LockHolder | undefined): V1Lease {
    const mine = previous?.identity === this.identity;
    const acquired = mine ? toDate(current.spec?.acquireTime) : undefined;
    const transitions = current.spec?.leaseTransitions ?? 0;
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: this.metadataOf(current),
      spec: {
        holderIdentity: this.identity,
        leaseDurationSeconds: this.leaseDurationSeconds,
        acquireTime: new V1MicroTime((acquired ?? now).getTime()),
        renewTime: new V1MicroTime(now.getTime()),
        // A change of holder counts; a free (released) lease taken again counts too.
        leaseTransitions: mine ? transitions : previous ? transitions + 1 : transitions,
      },
    };
  }

  private renewed(base: V1Lease, now: Date): V1Lease {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: this.metadataOf(base),
      spec: {
        ...base.spec,
        holderIdentity: this.identity,
        leaseDurationSeconds: this.leaseDurationSeconds,
        acquireTime: new V1MicroTime((toDate(base.spec?.acquireTime) ?? now).getTime()),
        renewTime: new V1MicroTime(now.getTime()),
      },
    };
  }

  /** What a replace sends back: identity, labels and the version read; never managedFields. */
  private metadataOf(lease: V1Lease): V1Lease['metadata'] {
    const meta = lease.metadata ?? {};
    return {
      name: this.name,
      namespace: this.namespace,
      labels: { ...meta.labels, ...dialLabels(this.service) },
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.uid ? { uid: meta.uid } : {}),
      ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
    };
  }
}

/**
 * client-node 2.0.1 sends V1MicroTime (a Date whose JSON has microseconds) but does not deserialize it:
 * times read back are RFC 3339 strings. Both are accepted here.
 */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' && value !== '') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/** The holder a Lease names, or undefined when it names none (released). */
export function leaseHolder(lease: V1Lease, defaultSeconds = DEFAULT_LEASE_SECONDS): LockHolder | undefined {
  const spec = lease.spec;
  if (!spec?.holderIdentity) return undefined;
  const acquired = toDate(spec.acquireTime);
  const renewed = toDate(spec.renewTime) ?? acquired;
  const seconds = spec.leaseDurationSeconds ?? defaultSeconds;
  const iso = (date: Date | undefined) => (date ? date.toISOString() : new Date(0).toISOString());
  return {
    identity: spec.holderIdentity,
    acquiredAt: iso(acquired ?? renewed),
    renewedAt: iso(renewed),
    // A lease without times has never been renewed: it counts as expired.
    expiresAt: iso(renewed ? new Date(renewed.getTime() + seconds * 1000) : undefined),
  };
}

/** Why `me` may take a lease held by `holder` at `now`, or undefined when it may not. */
export function takeoverReason(
  holder: LockHolder | undefined,
  me: string,
  now: Date,
  force: boolean,
): AcquireReason | undefined {
  if (holder === undefined) return 'released';
  if (holder.identity === me) return 'same identity';
  if (new Date(holder.expiresAt).getTime() < now.getTime()) return 'expired';
  if (sameRun(holder.identity, me)) return 'same run';
  if (force) return 'forced';
  return undefined;
}

/** `in 47 s`, `in 3 min`. */
export function inHowLong(from: Date, to: Date): string {
  const seconds = Math.max(0, Math.ceil((to.getTime() - from.getTime()) / 1000));
  return seconds < 120 ? `in ${seconds} s` : `in ${Math.round(seconds / 60)} min`;
}

/** The refusal: who holds the lock, since when, when it expires, and how to break it. */
export function lockHeldMessage(
  holder: LockHolder,
  where: string,
  service: string,
  now: Date,
  serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com',
): string {
  const parsed = parseIdentity(holder.identity);
  const run =
    parsed.kind === 'actions'
      ? ` (workflow run ${serverUrl}/${parsed.repository}/actions/runs/${parsed.runId}, attempt ${parsed.attempt})`
      : '';
  return (
    `another rollout of ${service} is in progress: ${where} is held by ${holder.identity}${run} since ${holder.acquiredAt}, ` +
    `last renewed ${holder.renewedAt}; it expires at ${holder.expiresAt} (${inHowLong(now, new Date(holder.expiresAt))}) unless renewed. ` +
    'Wait for it, or rerun with --break-lock (CLI) or break-lock: true (action) if that run is gone.'
  );
}
