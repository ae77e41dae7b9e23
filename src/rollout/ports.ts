// The seams between the pure rollout state machine and the world. The engine (engine.ts) only ever calls
// these interfaces, so its transitions are tested without I/O, and the CLI and the actions plug the real
// implementations in (src/kube for the cluster, state store and lock; src/traffic for routers).
import type { KubernetesObject, V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { RolloutRecord } from './record.js';

/** Progress lines and results for a person: the CLI prints them, the actions log and summarise them. */
export interface Reporter {
  info(line: string): void;
  warn(line: string): void;
  /** A long wait's progress, once per interval (step, weight, requests per arm, verdict). */
  progress(line: string): void;
  /** A new part of the work begins (a step, the promotion, the rollback): the actions group their log by it. */
  section?(title: string): void;
  /** The same parts as data, for what tracks the rollout elsewhere (the GitHub deployment's statuses). */
  stage?(stage: RolloutStage): void;
}

/** A part of the work the engine has reached; `step` once its weight is set and read back. */
export type RolloutStage =
  | { kind: 'step'; step: number; total: number; requested: number; effective: number }
  | { kind: 'analysis' | 'promote' | 'rollback'; release: string; weight: number }
  | { kind: 'watch'; release: string; seconds: number };

/** Time as the engine sees it: real in the CLI and actions, simulated in tests. */
export interface Clock {
  now(): Date;
  sleepUntil(time: Date, signal?: AbortSignal): Promise<void>;
}

/** Why a rollout did not become ready, from the pods' events and container states. */
export interface RolloutDiagnosis {
  /** One line: `ImagePullBackOff: pod web-canary-7d9f-abcde container web: image "x" not found`. */
  summary: string;
  /** Reasons found, most telling first (ImagePullBackOff, CrashLoopBackOff, Unschedulable, ...). */
  reasons: string[];
  details: string[];
}

export class RolloutFailedError extends Error {
  constructor(
    message: string,
    readonly diagnosis: RolloutDiagnosis,
  ) {
    super(message);
    this.name = 'RolloutFailedError';
  }
}

export interface WaitOptions {
  /** Fail after this many seconds without the workload becoming ready (progress deadline). */
  deadlineSeconds: number;
  /** Called at most every `progressEverySeconds` while waiting. */
  onProgress?: (line: string) => void;
  progressEverySeconds?: number;
  signal?: AbortSignal;
}

/** The cluster as the engine needs it (implemented over @kubernetes/client-node in src/kube). */
export interface Cluster {
  getDeployment(namespace: string, name: string): Promise<V1Deployment | undefined>;
  /** Server-side apply with Dial's one field manager; returns the objects as the server stored them. */
  apply(objects: KubernetesObject[], options?: { force?: boolean }): Promise<KubernetesObject[]>;
  /** Deletes if present (404 is success). */
  delete(ref: { apiVersion: string; kind: string; namespace: string; name: string }): Promise<void>;
  /** Sets spec.replicas through the scale subresource (never touches the pod template). */
  scaleDeployment(namespace: string, name: string, replicas: number): Promise<void>;
  /** Waits by watch until the Deployment/StatefulSet/DaemonSet has rolled out; RolloutFailedError with a diagnosis otherwise. */
  waitRollout(ref: { kind: string; namespace: string; name: string }, options: WaitOptions): Promise<void>;
  listPods(namespace: string, labelSelector: string): Promise<V1Pod[]>;
  /** True when the object exists (any kind the server serves). */
  exists(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): Promise<boolean>;
  /** True when a HorizontalPodAutoscaler in the namespace scales this Deployment. */
  hasAutoscaler(namespace: string, deployment: string): Promise<boolean>;
  /** The object as the server has it (any kind it serves), or undefined when absent or not served. */
  get(ref: ObjectRef): Promise<KubernetesObject | undefined>;
  /** Objects of a kind in a namespace, optionally by label selector (`app=web,tier=api`). */
  list(ref: {
    apiVersion: string;
    kind: string;
    namespace: string;
    labelSelector?: string;
  }): Promise<KubernetesObject[]>;
  /**
   * A JSON merge patch (RFC 7386) with field manager `dial`: only the fields the patch names change.
   * A `metadata.resourceVersion` in the patch makes it conditional: returns undefined when the object
   * changed since (HTTP 409), so the caller reads again and retries. Throws when the object is absent.
   */
  patch(ref: ObjectRef, patch: object): Promise<KubernetesObject | undefined>;
  /** The versions the server serves of an API group, its preferred version first; [] when not served. */
  apiVersions(group: string): Promise<string[]>;
}

/** One object by kind and name (namespace empty or absent for cluster-scoped kinds). */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Where the rollout's record lives (a ConfigMap per service), written with optimistic concurrency. */
export interface StateStore {
  /** The record and its version, or undefined when this service has none yet. */
  read(): Promise<{ record: RolloutRecord; version: string } | undefined>;
  /**
   * Writes the record if the stored version is still `expected` (undefined = create); returns the new
   * version. Throws StateConflictError when someone else wrote meanwhile.
   */
  write(record: RolloutRecord, expected: string | undefined): Promise<string>;
}

export class StateConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateConflictError';
  }
}

/** Who holds the lock, as the Lease records it. */
export interface LockHolder {
  /** `repository/run_id/attempt` in Actions, `user@host/pid` from a terminal. */
  identity: string;
  acquiredAt: string;
  renewedAt: string;
  expiresAt: string;
}

/** One rollout per service at a time: a coordination.k8s.io Lease. */
export interface Lock {
  /**
   * Takes the lease when it is free, expired, held by this same identity, held by an earlier attempt of
   * the same run (`sameRun`), or `force` (--break-lock). Otherwise throws LockHeldError.
   */
  acquire(options?: { force?: boolean }): Promise<void>;
  /** Renews every third of the lease duration until released; a lost lease aborts `signal`. */
  keepAlive(): AbortSignal;
  release(): Promise<void>;
  holder(): Promise<LockHolder | undefined>;
}

export class LockHeldError extends Error {
  constructor(
    message: string,
    readonly holder: LockHolder,
  ) {
    super(message);
    this.name = 'LockHeldError';
  }
}
