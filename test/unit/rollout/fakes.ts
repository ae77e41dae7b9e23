// In-memory fakes of the rollout engine's ports, for unit tests without I/O. The cluster models
// Deployments closely enough to check ordering invariants (ready pods only after a wait, fewer at once
// on a scale-down), the store has real optimistic concurrency, the clock advances instantly.
import type { KubernetesObject, V1Deployment, V1Pod, V1PodTemplateSpec } from '@kubernetes/client-node';
import { newEvidence, type AnalysisResult } from '../../../src/analysis/index.js';
import {
  RolloutEngine,
  type EngineDeps,
  type NewRelease,
  type ServiceRef,
} from '../../../src/rollout/engine.js';
import type { StepJudge, StepJudgeInput, StepVerdict } from '../../../src/rollout/judge.js';
import {
  LockHeldError,
  RolloutFailedError,
  StateConflictError,
  type Clock,
  type Cluster,
  type Lock,
  type LockHolder,
  type ObjectRef,
  type Reporter,
  type StateStore,
  type WaitOptions,
} from '../../../src/rollout/ports.js';
import type { RolloutRecord, StepAnalysis, StepPlan } from '../../../src/rollout/record.js';
import { trackName } from '../../../src/rollout/tracks.js';
import { ReplicaRouter } from '../../../src/traffic/replicas.js';
import type { HeaderMatch, ReplicaPlan, Router, WeightReading } from '../../../src/traffic/router.js';

export const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Thrown by the killing wrappers: the process "dies" here. */
export class Killed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Killed';
  }
}

// ---- cluster -----------------------------------------------------------------------------------------

export type Call =
  | { op: 'getDeployment'; name: string }
  | { op: 'apply'; objects: KubernetesObject[]; force: boolean }
  | { op: 'delete'; kind: string; name: string }
  | { op: 'scale'; name: string; replicas: number }
  | { op: 'wait'; kind: string; name: string }
  | { op: 'listPods'; selector: string }
  | { op: 'exists'; kind: string; name: string }
  | { op: 'hasAutoscaler'; name: string }
  | {
      op: 'router';
      method: 'setWeight' | 'readWeight' | 'reset' | 'finalize' | 'setHeaderRoute';
      weight?: number;
    };

/** One line per call, easy to search: `apply Deployment/web-canary=1 Deployment/web-baseline=1`. */
export function describeCall(call: Call): string {
  switch (call.op) {
    case 'apply':
      return (
        `apply${call.force ? '!' : ''} ` +
        call.objects
          .map((o) => {
            const replicas = (o as V1Deployment).spec?.replicas;
            return `${o.kind}/${o.metadata?.name}${o.kind === 'Deployment' && replicas !== undefined ? `=${replicas}` : ''}`;
          })
          .join(' ')
      );
    case 'delete':
      return `delete ${call.kind}/${call.name}`;
    case 'scale':
      return `scale ${call.name}=${call.replicas}`;
    case 'wait':
      return `wait ${call.name}`;
    case 'getDeployment':
      return `get ${call.name}`;
    case 'listPods':
      return `pods ${call.selector}`;
    case 'exists':
      return `exists ${call.kind}/${call.name}`;
    case 'hasAutoscaler':
      return `hpa ${call.name}`;
    case 'router':
      return `router.${call.method}${call.weight !== undefined ? ` ${call.weight}` : ''}`;
  }
}

const MUTATIONS = new Set<Call['op']>(['apply', 'delete', 'scale', 'wait']);

/** What a Deployment looks like for comparisons: no server bookkeeping. */
export interface DeploymentView {
  name: string;
  replicas: number;
  ready: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  selector: unknown;
  template: unknown;
}

export class FakeCluster implements Cluster {
  readonly calls: Call[] = [];
  /** Called after every call (reads too), with the call and the cluster as it is then. */
  readonly observers: ((call: Call, cluster: FakeCluster) => void)[] = [];
  /** Deployments with an HPA. */
  readonly autoscaled = new Set<string>();
  /** Deployments whose rollout never becomes ready (waitRollout throws RolloutFailedError). */
  readonly failing = new Set<string>();
  /** Called before every mutating call with its 1-based count; a throw kills the caller there. */
  beforeMutation: ((count: number, call: Call) => void) | undefined;
  /** Template changes per Deployment (a change restarts its pods). */
  readonly templateChanges = new Map<string, number>();
  mutations = 0;
  private readonly objects = new Map<string, KubernetesObject>();

  constructor(readonly namespace = 'shop') {}

  private key(kind: string, name: string): string {
    return `${kind}/${name}`;
  }

  private record(call: Call): void {
    if (MUTATIONS.has(call.op)) {
      this.mutations++;
      this.beforeMutation?.(this.mutations, call);
    }
    this.calls.push(copy(call));
  }

  private observe(call: Call): void {
    for (const observer of this.observers) observer(call, this);
  }

  /** Puts a ready Deployment in place (as if applied and rolled out by someone else). */
  seedDeployment(
    name: string,
    replicas: number,
    template: V1PodTemplateSpec,
    selector = { app: 'web' },
  ): void {
    this.objects.set(this.key('Deployment', name), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: this.namespace, labels: { app: 'web' }, annotations: {} },
      spec: { replicas, selector: { matchLabels: selector }, template: copy(template) },
      status: { replicas, readyReplicas: replicas },
    } as V1Deployment);
  }

  seed(object: KubernetesObject): void {
    this.objects.set(this.key(object.kind ?? '', object.metadata?.name ?? ''), copy(object));
  }

  deployment(name: string): V1Deployment | undefined {
    const d = this.objects.get(this.key('Deployment', name));
    return d ? (copy(d) as V1Deployment) : undefined;
  }

  object(kind: string, name: string): KubernetesObject | undefined {
    const o = this.objects.get(this.key(kind, name));
    return o ? copy(o) : undefined;
  }

  ready(name: string): number {
    return (
      (this.objects.get(this.key('Deployment', name)) as V1Deployment | undefined)?.status?.readyReplicas ?? 0
    );
  }

  replicas(name: string): number | undefined {
    return (this.objects.get(this.key('Deployment', name)) as V1Deployment | undefined)?.spec?.replicas;
  }

  deploymentNames(): string[] {
    return [...this.objects.keys()]
      .filter((k) => k.startsWith('Deployment/'))
      .map((k) => k.slice('Deployment/'.length))
      .sort();
  }

  /** Every object, sorted, Deployments as DeploymentView: for comparing two runs' end states. */
  snapshot(): unknown[] {
    return [...this.objects.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, o]) => {
        if (o.kind !== 'Deployment') return { key, object: o };
        const d = o as V1Deployment;
        const view: DeploymentView = {
          name: d.metadata?.name ?? '',
          replicas: d.spec?.replicas ?? 0,
          ready: d.status?.readyReplicas ?? 0,
          labels: d.metadata?.labels ?? {},
          annotations: d.metadata?.annotations ?? {},
          selector: d.spec?.selector,
          template: d.spec?.template,
        };
        return { key, deployment: view };
      });
  }

  /** The calls as lines (see describeCall), optionally only those that change something. */
  log(options: { mutations?: boolean; router?: boolean } = {}): string[] {
    return this.calls
      .filter(
        (c) => !options.mutations || MUTATIONS.has(c.op) || (options.router === true && c.op === 'router'),
      )
      .map(describeCall);
  }

  /** Lets a router (or a test) put its own calls in the same ordered log. */
  note(call: Call): void {
    this.record(call);
    this.observe(call);
  }

  getDeployment(_namespace: string, name: string): Promise<V1Deployment | undefined> {
    const call: Call = { op: 'getDeployment', name };
    this.record(call);
    const d = this.deployment(name);
    this.observe(call);
    return Promise.resolve(d);
  }

  apply(objects: KubernetesObject[], options: { force?: boolean } = {}): Promise<KubernetesObject[]> {
    const call: Call = { op: 'apply', objects, force: options.force === true };
    this.record(call);
    const stored: KubernetesObject[] = [];
    for (const object of objects) {
      const name = object.metadata?.name ?? '';
      const key = this.key(object.kind ?? '', name);
      const existing = this.objects.get(key);
      if (object.kind !== 'Deployment') {
        const merged = existing
          ? {
              ...copy(existing),
              ...copy(object),
              metadata: { ...existing.metadata, ...copy(object.metadata) },
            }
          : copy(object);
        this.objects.set(key, merged);
        stored.push(copy(merged));
        continue;
      }
      const next = copy(object) as V1Deployment;
      if (!existing) {
        const replicas = next.spec?.replicas ?? 1;
        const created: V1Deployment = {
          ...next,
          spec: { ...next.spec!, replicas },
          status: { replicas, readyReplicas: 0 },
        };
        this.objects.set(key, created);
        stored.push(copy(created));
        continue;
      }
      const old = existing as V1Deployment;
      if (next.spec?.selector && JSON.stringify(next.spec.selector) !== JSON.stringify(old.spec?.selector))
        return Promise.reject(new Error(`Deployment ${name}: spec.selector is immutable`));
      const replicas = next.spec?.replicas ?? old.spec?.replicas ?? 1;
      const template = next.spec?.template ?? old.spec?.template;
      if (JSON.stringify(template) !== JSON.stringify(old.spec?.template))
        this.templateChanges.set(name, (this.templateChanges.get(name) ?? 0) + 1);
      const merged: V1Deployment = {
        ...old,
        metadata: {
          ...old.metadata,
          labels: { ...(old.metadata?.labels ?? {}), ...(next.metadata?.labels ?? {}) },
          annotations: { ...(old.metadata?.annotations ?? {}), ...(next.metadata?.annotations ?? {}) },
        },
        spec: { ...old.spec!, ...next.spec!, replicas, template: template! },
        status: { replicas, readyReplicas: Math.min(old.status?.readyReplicas ?? 0, replicas) },
      };
      this.objects.set(key, merged);
      stored.push(copy(merged));
    }
    this.observe(call);
    return Promise.resolve(stored);
  }

  delete(ref: { apiVersion: string; kind: string; namespace: string; name: string }): Promise<void> {
    const call: Call = { op: 'delete', kind: ref.kind, name: ref.name };
    this.record(call);
    this.objects.delete(this.key(ref.kind, ref.name));
    this.observe(call);
    return Promise.resolve();
  }

  scaleDeployment(_namespace: string, name: string, replicas: number): Promise<void> {
    const call: Call = { op: 'scale', name, replicas };
    this.record(call);
    const d = this.objects.get(this.key('Deployment', name)) as V1Deployment | undefined;
    if (!d) return Promise.reject(new Error(`deployments.apps "${name}" not found`));
    d.spec = { ...d.spec!, replicas };
    d.status = { ...d.status, replicas, readyReplicas: Math.min(d.status?.readyReplicas ?? 0, replicas) };
    this.observe(call);
    return Promise.resolve();
  }

  waitRollout(ref: { kind: string; namespace: string; name: string }, _options: WaitOptions): Promise<void> {
    const call: Call = { op: 'wait', kind: ref.kind, name: ref.name };
    this.record(call);
    const d = this.objects.get(this.key(ref.kind, ref.name)) as V1Deployment | undefined;
    if (!d) return Promise.reject(new Error(`${ref.kind} ${ref.name} not found`));
    if (this.failing.has(ref.name))
      return Promise.reject(
        new RolloutFailedError(`${ref.kind} ${ref.name} did not become ready`, {
          summary: `CrashLoopBackOff: pod ${ref.name}-abc container web`,
          reasons: ['CrashLoopBackOff'],
          details: [],
        }),
      );
    d.status = { ...d.status, readyReplicas: d.spec?.replicas ?? 0 };
    this.observe(call);
    return Promise.resolve();
  }

  listPods(_namespace: string, labelSelector: string): Promise<V1Pod[]> {
    const call: Call = { op: 'listPods', selector: labelSelector };
    this.record(call);
    this.observe(call);
    return Promise.resolve([]);
  }

  exists(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): Promise<boolean> {
    const call: Call = { op: 'exists', kind: ref.kind, name: ref.name };
    this.record(call);
    const found = this.objects.has(this.key(ref.kind, ref.name));
    this.observe(call);
    return Promise.resolve(found);
  }

  hasAutoscaler(_namespace: string, deployment: string): Promise<boolean> {
    const call: Call = { op: 'hasAutoscaler', name: deployment };
    this.record(call);
    this.observe(call);
    return Promise.resolve(this.autoscaled.has(deployment));
  }

  /** API groups served, for apiVersions (the routers' discovery). */
  readonly served = new Map<string, string[]>();

  get(ref: ObjectRef): Promise<KubernetesObject | undefined> {
    return Promise.resolve(this.object(ref.kind, ref.name));
  }

  list(ref: { kind: string; labelSelector?: string }): Promise<KubernetesObject[]> {
    const wanted = (ref.labelSelector ?? '')
      .split(',')
      .filter(Boolean)
      .map((term) => term.split('='));
    return Promise.resolve(
      [...this.objects.values()]
        .filter((o) => o.kind === ref.kind)
        .filter((o) => wanted.every(([k, v]) => o.metadata?.labels?.[k ?? ''] === v))
        .map((o) => copy(o)),
    );
  }

  /** A JSON merge patch; no resourceVersion bookkeeping (never a conflict). */
  patch(ref: ObjectRef, patch: object): Promise<KubernetesObject | undefined> {
    const key = this.key(ref.kind, ref.name);
    const existing = this.objects.get(key);
    if (!existing) return Promise.reject(new Error(`${ref.kind} ${ref.name} not found`));
    const merged = mergePatch(copy(existing), copy(patch)) as KubernetesObject;
    this.objects.set(key, merged);
    return Promise.resolve(copy(merged));
  }

  apiVersions(group: string): Promise<string[]> {
    return Promise.resolve(this.served.get(group) ?? []);
  }
}

/** RFC 7386: objects merge key by key, null deletes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * Watches that the Service (all three tracks) never lacks ready endpoints once it has had some.
 * Returns the violations seen: one line per call after which no pod was ready.
 */
export function watchEndpoints(cluster: FakeCluster, workload = 'web'): string[] {
  const violations: string[] = [];
  let armed = false;
  const check = (call: Call, c: FakeCluster) => {
    const ready =
      c.ready(trackName(workload, 'stable')) +
      c.ready(trackName(workload, 'baseline')) +
      c.ready(trackName(workload, 'canary'));
    if (ready > 0) armed = true;
    else if (armed) violations.push(`no ready endpoint after: ${describeCall(call)}`);
  };
  cluster.observers.push(check);
  return violations;
}

// ---- router ------------------------------------------------------------------------------------------

/** A router that puts its calls in the cluster's log, around a real one (the replica router by default). */
export class RecordingRouter implements Router {
  readonly type: string;
  constructor(
    private readonly cluster: FakeCluster,
    private readonly inner: Router,
  ) {
    this.type = inner.type;
  }
  replicaPlan(weight: number, stableReplicas: number): ReplicaPlan {
    return this.inner.replicaPlan(weight, stableReplicas);
  }
  setWeight(weight: number): Promise<WeightReading> {
    this.cluster.note({ op: 'router', method: 'setWeight', weight });
    return this.inner.setWeight(weight);
  }
  readWeight(): Promise<WeightReading> {
    this.cluster.note({ op: 'router', method: 'readWeight' });
    return this.inner.readWeight();
  }
  setHeaderRoute(match: HeaderMatch): Promise<void> {
    this.cluster.note({ op: 'router', method: 'setHeaderRoute' });
    return this.inner.setHeaderRoute(match);
  }
  reset(): Promise<void> {
    this.cluster.note({ op: 'router', method: 'reset' });
    return this.inner.reset();
  }
  finalize(): Promise<void> {
    this.cluster.note({ op: 'router', method: 'finalize' });
    return this.inner.finalize();
  }
}

// ---- state store -------------------------------------------------------------------------------------

/** A StateStore in memory: JSON in and out (no shared references), versions checked on every write. */
export class MemoryStore implements StateStore {
  private stored: { json: string; version: number } | undefined;
  /** Every record written, in order. */
  readonly written: RolloutRecord[] = [];
  reads = 0;

  read(): Promise<{ record: RolloutRecord; version: string } | undefined> {
    this.reads++;
    if (!this.stored) return Promise.resolve(undefined);
    return Promise.resolve({
      record: JSON.parse(this.stored.json) as RolloutRecord,
      version: String(this.stored.version),
    });
  }

  write(record: RolloutRecord, expected: string | undefined): Promise<string> {
    const current = this.stored ? String(this.stored.version) : undefined;
    if (expected !== current)
      return Promise.reject(
        new StateConflictError(
          `the record changed: expected version ${expected ?? '(none)'}, found ${current ?? '(none)'}`,
        ),
      );
    const json = JSON.stringify(record);
    this.stored = { json, version: (this.stored?.version ?? 0) + 1 };
    this.written.push(JSON.parse(json) as RolloutRecord);
    return Promise.resolve(String(this.stored.version));
  }

  get record(): RolloutRecord | undefined {
    return this.stored ? (JSON.parse(this.stored.json) as RolloutRecord) : undefined;
  }

  get writes(): number {
    return this.written.length;
  }

  /** Someone else writes the record now (another run, a person with kubectl): the version moves on. */
  tamper(change: (record: RolloutRecord) => RolloutRecord): void {
    if (!this.stored) throw new Error('nothing to tamper with');
    const json = JSON.stringify(change(JSON.parse(this.stored.json) as RolloutRecord));
    this.stored = { json, version: this.stored.version + 1 };
  }
}

/** Kills the process right after the `after`-th successful write (the record is persisted, then death). */
export class KillingStore implements StateStore {
  private writes = 0;
  private dead = false;
  constructor(
    private readonly inner: StateStore,
    private readonly after: number,
  ) {}

  read(): Promise<{ record: RolloutRecord; version: string } | undefined> {
    if (this.dead) return Promise.reject(new Killed('read after death'));
    return this.inner.read();
  }

  async write(record: RolloutRecord, expected: string | undefined): Promise<string> {
    if (this.dead) throw new Killed('write after death');
    const version = await this.inner.write(record, expected);
    this.writes++;
    if (this.writes >= this.after) {
      this.dead = true;
      throw new Killed(`killed right after write ${this.writes}`);
    }
    return version;
  }
}

// ---- lock, clock, reporter ---------------------------------------------------------------------------

export class FakeLock implements Lock {
  acquired = 0;
  released = 0;
  held = false;
  /** When set, acquire refuses (another run holds the lease). */
  heldBy: LockHolder | undefined;
  private controller = new AbortController();

  acquire(options: { force?: boolean } = {}): Promise<void> {
    if (this.heldBy && !options.force)
      return Promise.reject(new LockHeldError(`held by ${this.heldBy.identity}`, this.heldBy));
    this.acquired++;
    this.held = true;
    this.controller = new AbortController();
    return Promise.resolve();
  }
  keepAlive(): AbortSignal {
    return this.controller.signal;
  }
  /** The lease was lost (someone broke it): the engine should stop. */
  lose(): void {
    this.controller.abort(new Error('lease lost'));
  }
  release(): Promise<void> {
    this.released++;
    this.held = false;
    return Promise.resolve();
  }
  holder(): Promise<LockHolder | undefined> {
    return Promise.resolve(this.heldBy);
  }
}

export class FakeClock implements Clock {
  time = T0;
  readonly sleeps: Date[] = [];
  now(): Date {
    return new Date(this.time);
  }
  sleepUntil(time: Date, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted)
      return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    this.sleeps.push(time);
    this.time = Math.max(this.time, time.getTime());
    return Promise.resolve();
  }
  advance(seconds: number): void {
    this.time += seconds * 1000;
  }
}

export class MemoryReporter implements Reporter {
  readonly lines: { level: 'info' | 'warn' | 'progress'; text: string }[] = [];
  info(line: string): void {
    this.lines.push({ level: 'info', text: line });
  }
  warn(line: string): void {
    this.lines.push({ level: 'warn', text: line });
  }
  progress(line: string): void {
    this.lines.push({ level: 'progress', text: line });
  }
  text(): string {
    return this.lines.map((l) => l.text).join('\n');
  }
}

// ---- judge -------------------------------------------------------------------------------------------

export interface StepScript {
  /** Measurements the step takes before its verdict. */
  measurements: number;
  verdict: StepVerdict['verdict'];
  reason?: string;
}

interface FakeEvidence {
  fake: true;
  step: number;
  measurements: number;
}

/**
 * A judge that takes `measurements` measurements per step (10 s apart on the clock), persisting after
 * each through onMeasured, and resumes from the count in the persisted evidence, like the real one.
 */
export class ScriptedJudge implements StepJudge {
  readonly calls: { step: number; bakeSeconds: number; resume: StepAnalysis | undefined }[] = [];
  /** Every measurement taken, as `step:n`. */
  readonly measured: string[] = [];

  constructor(
    private readonly clock: FakeClock,
    private readonly script: (step: number) => StepScript = () => ({ measurements: 3, verdict: 'pass' }),
    private readonly intervalSeconds = 10,
  ) {}

  static parse(analysis: StepAnalysis): FakeEvidence {
    return JSON.parse(analysis.evidence) as FakeEvidence;
  }

  private analysis(
    step: number,
    measurements: number,
    verdict: StepVerdict['verdict'],
    reason: string,
    done: boolean,
  ): StepAnalysis {
    const evidence: FakeEvidence = { fake: true, step, measurements };
    return {
      step,
      evidence: JSON.stringify(evidence),
      nextDue: new Date(this.clock.now().getTime() + this.intervalSeconds * 1000).toISOString(),
      verdict,
      done,
      reason,
      requests: { canary: measurements * 100, baseline: measurements * 100 },
    };
  }

  private result(analysis: StepAnalysis, measurements: number, done: boolean): AnalysisResult {
    return {
      evidence: { ...newEvidence(this.clock.now()), measurements },
      verdict: (analysis.verdict ?? 'inconclusive') as AnalysisResult['verdict'],
      done,
      reason: analysis.reason ?? '',
      checks: [],
      elapsedSeconds: measurements * this.intervalSeconds,
      ignoredWindows: 0,
      explanation: analysis.reason ?? '',
    };
  }

  async judge(input: StepJudgeInput): Promise<StepVerdict> {
    this.calls.push({
      step: input.step,
      bakeSeconds: input.bakeSeconds,
      resume: input.resume ? copy(input.resume) : undefined,
    });
    const script = this.script(input.step);
    const reason = script.reason ?? `scripted ${script.verdict} after ${script.measurements} measurements`;
    const resumed =
      input.resume && input.resume.step === input.step ? ScriptedJudge.parse(input.resume) : undefined;
    let n = resumed?.measurements ?? 0;
    let last = this.analysis(
      input.step,
      n,
      n >= script.measurements ? script.verdict : 'inconclusive',
      reason,
      n >= script.measurements,
    );
    while (n < script.measurements) {
      input.signal?.throwIfAborted();
      await this.clock.sleepUntil(
        new Date(this.clock.now().getTime() + this.intervalSeconds * 1000),
        input.signal,
      );
      n++;
      this.measured.push(`${input.step}:${n}`);
      const done = n === script.measurements;
      last = this.analysis(
        input.step,
        n,
        done ? script.verdict : 'inconclusive',
        done ? reason : 'measuring',
        done,
      );
      await input.onMeasured(last, this.result(last, n, done));
    }
    return { verdict: script.verdict, reason, analysis: last };
  }
}

// ---- the world: a service `web` in namespace `shop` --------------------------------------------------

export const REF: ServiceRef = {
  service: 'web',
  namespace: 'shop',
  workload: 'web',
  progressDeadlineSeconds: 600,
};

export function template(image: string): V1PodTemplateSpec {
  return { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } };
}

/** The release of image `web:<tag>`: the Deployment `web` and its Service, as manifests give them. */
export function release(
  tag: string,
  options: { replicas?: number; extra?: KubernetesObject[] } = {},
): NewRelease {
  const deployment: V1Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
      selector: { matchLabels: { app: 'web' } },
      template: template(`web:${tag}`),
    },
  };
  const service: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  } as KubernetesObject;
  return {
    id: `web-${tag}`,
    settings: { progressDeadlineSeconds: 600 },
    images: { web: `web:${tag}` },
    objects: [deployment, service, ...(options.extra ?? [])],
  };
}

/** Steps as prepareRelease makes them: analysis during every bake but the last, 100 % last. */
export function steps(weights: number[], bakeSeconds = 300, analysis = true): StepPlan[] {
  return weights.map((weight, i) => {
    const last = i === weights.length - 1;
    return { weight, bakeSeconds: last ? 0 : bakeSeconds, analysis: analysis && !last };
  });
}

export interface World {
  cluster: FakeCluster;
  store: MemoryStore;
  lock: FakeLock;
  clock: FakeClock;
  reporter: MemoryReporter;
  router: RecordingRouter;
  judge: ScriptedJudge;
  /** Endpoint invariant violations seen so far (see watchEndpoints). */
  violations: string[];
  /** A fresh engine (a new process) on this same world; deps may be replaced. */
  engine(overrides?: Partial<EngineDeps>): RolloutEngine;
}

export interface WorldOptions {
  /** Replicas of the existing stable Deployment `web` (image web:1); undefined = no stable yet. */
  stable?: number;
  script?: (step: number) => StepScript;
}

export function world(options: WorldOptions = {}): World {
  const cluster = new FakeCluster();
  if (options.stable !== undefined) {
    cluster.seedDeployment('web', options.stable, template('web:1'));
    cluster.seed(release('1').objects[1]!);
  }
  const store = new MemoryStore();
  const lock = new FakeLock();
  const clock = new FakeClock();
  const reporter = new MemoryReporter();
  const router = new RecordingRouter(cluster, new ReplicaRouter(cluster, 'shop', 'web'));
  const judge = new ScriptedJudge(clock, options.script);
  const violations = watchEndpoints(cluster);
  return {
    cluster,
    store,
    lock,
    clock,
    reporter,
    router,
    judge,
    violations,
    engine: (overrides = {}) =>
      new RolloutEngine(
        { cluster, store, lock, router, clock, reporter, judge, identity: 'acme/web/42/1', ...overrides },
        REF,
      ),
  };
}

/** History without timestamps, for comparing runs. */
export function historyOf(record: RolloutRecord | undefined): unknown[] {
  return (record?.history ?? []).map(({ finishedAt: _at, ...rest }) => rest);
}
