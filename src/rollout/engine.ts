// The rollout engine: runs the pure state machine (machine.ts) against the world through the ports, and
// persists the record after every event, so a run killed anywhere is resumed or rolled back by the next.
// Every command holds the service's Lease for its whole duration. The CLI and the actions call these.
import type { KubernetesObject, V1Deployment, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { RouterConfig } from '../config/types.js';
import type { Router } from '../traffic/router.js';
import * as effects from './effects.js';
import type { StepJudge, StepVerdict } from './judge.js';
import { decide, reduce, type Event } from './machine.js';
import type { Clock, Cluster, Lock, Reporter, StateStore } from './ports.js';
import {
  emptyRecord,
  HISTORY_LIMIT,
  type CurrentRelease,
  type ReleaseEntry,
  type ReleaseSettings,
  type RolloutRecord,
  type StepAnalysis,
  type StepPlan,
} from './record.js';
import { clone, RELEASE_ANNOTATION } from './tracks.js';
import { windowRow, type SeriesRow } from './series.js';
import { parseEvidence } from '../analysis/evidence.js';

export type OutcomeResult =
  'deployed' | 'promoted' | 'rolled-back' | 'inconclusive' | 'paused' | 'progressing' | 'passed' | 'failed';

export interface Outcome {
  result: OutcomeResult;
  reason: string;
  record: RolloutRecord;
  /** The release this command worked on as last seen, also once it finished (steps, weights, images). */
  release?: CurrentRelease;
  /** The last analysis this command measured or read: a step's, or the post-promotion watch's. */
  analysis?: StepAnalysis;
}

export interface EngineDeps {
  cluster: Cluster;
  store: StateStore;
  lock: Lock;
  router: Router;
  clock: Clock;
  reporter: Reporter;
  /** Absent when the service has no analysis configured (steps then only bake). */
  judge?: StepJudge;
  /**
   * Judges the new stable during the release's watch window after a promotion (strategy.watch): the
   * analysis' threshold checks, as there is no baseline any more. Absent: the watch is skipped, with a warning.
   */
  watchJudge?: StepJudge;
  /** Identity written as the release's starter (the Lease holder's). */
  identity: string;
}

export interface ServiceRef {
  service: string;
  namespace: string;
  workload: string;
  /** Stored in the record, so commands given only the service rebuild the same router. */
  routerConfig?: RouterConfig;
  progressDeadlineSeconds: number;
}

/** A release as the inputs describe it: the manifests with images and namespace already resolved. */
export interface NewRelease {
  id: string;
  settings: ReleaseSettings;
  images: Record<string, string>;
  objects: KubernetesObject[];
}

export class RolloutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RolloutError';
  }
}

function isWorkload(object: KubernetesObject, name: string): boolean {
  return object.kind === 'Deployment' && object.metadata?.name === name;
}

const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export class RolloutEngine {
  private record: RolloutRecord | undefined;
  private version: string | undefined;
  private signal: AbortSignal | undefined;
  private lastRelease: CurrentRelease | undefined;
  private lastAnalysis: StepAnalysis | undefined;

  constructor(
    private readonly deps: EngineDeps,
    private readonly ref: ServiceRef,
  ) {}

  // ---- reading -------------------------------------------------------------------------------------

  async status(): Promise<RolloutRecord | undefined> {
    return (await this.deps.store.read())?.record;
  }

  // ---- commands (each holds the lock) --------------------------------------------------------------

  /** Plain deploy: apply every object and wait for its workloads. Refused while a canary is in progress. */
  deploy(release: NewRelease, options: { force?: boolean } = {}): Promise<Outcome> {
    return this.locked(async () => {
      const record = await this.load();
      if (record.current)
        throw new RolloutError(
          `release ${record.current.id} of ${this.ref.service} is in progress (${record.phase}); promote or roll it back first`,
        );
      return this.plainDeploy(release, options.force ?? false, 'deployed');
    });
  }

  /** Starts a canary of `release` with these steps (or resumes the same release) and runs it to the end. */
  rollout(release: NewRelease, steps: StepPlan[], options: { approve?: boolean } = {}): Promise<Outcome> {
    return this.locked(async () => {
      const started = await this.begin(release, steps);
      if ('outcome' in started) return started.outcome;
      return this.run(options.approve ?? false);
    });
  }

  /** Starts a canary (if none) and moves it to `weight` (one step, for teams composing their own). */
  canary(release: NewRelease, weight: number): Promise<Outcome> {
    return this.locked(async () => {
      const step = { weight, bakeSeconds: 0, analysis: false };
      const started = await this.begin(release, [step], { replan: false });
      if ('outcome' in started) return started.outcome;
      if (started.resumed) {
        const current = this.current();
        const steps = [...current.steps, step];
        await this.save({ ...this.record!, current: { ...current, steps, step: steps.length - 1 } });
      }
      const current = this.current();
      await this.execSetWeight(current.step, weight);
      const now = this.current();
      return this.outcome(
        'progressing',
        `canary at ${now.weight.requested}% (effective ${now.weight.effective}%)`,
      );
    });
  }

  /**
   * Judges the running canary at its current weight for `seconds` (or until the analysis decides, when
   * undefined). Records the verdict; promotes or rolls back nothing (the caller decides).
   */
  analyze(seconds: number | undefined): Promise<Outcome> {
    return this.locked(async () => {
      await this.load();
      const current = this.current();
      const judge = this.requireJudge();
      this.deps.reporter.section?.(`analysis of ${current.id} at ${current.weight.requested}%`);
      this.deps.reporter.stage?.({ kind: 'analysis', release: current.id, weight: current.weight.requested });
      const verdict = await judge.judge({
        step: current.step,
        bakeSeconds: seconds ?? 0,
        ...(current.analysis ? { resume: current.analysis } : {}),
        onMeasured: (analysis) => this.measured(analysis),
        ...(this.signal ? { signal: this.signal } : {}),
      });
      await this.recordAnalysis(verdict.analysis);
      const result =
        verdict.verdict === 'pass' ? 'passed' : verdict.verdict === 'fail' ? 'failed' : 'inconclusive';
      return this.outcome(result, verdict.reason);
    });
  }

  /** Makes the canary the stable release. Needs nothing but the service: the record says what to do. */
  promote(reason = 'promoted on request'): Promise<Outcome> {
    return this.locked(async () => {
      await this.load();
      const current = this.current();
      if (this.record!.phase === 'rolling-back')
        throw new RolloutError(
          `release ${current.id} of ${this.ref.service} is being rolled back (${current.decision?.reason ?? 'rollback decided'}); ` +
            `run rollback to finish it`,
        );
      if (this.record!.phase !== 'promoting')
        await this.apply({ type: 'decided', action: 'promote', reason, at: this.now() });
      return this.promoteAndWatch();
    });
  }

  /** All traffic to stable and the canary removed; with `toPrevious`, returns a finished release to the one before. */
  rollback(options: { toPrevious?: boolean; reason?: string } = {}): Promise<Outcome> {
    return this.locked(async () => {
      const record = await this.load();
      if (options.toPrevious) return this.toPrevious(record);
      if (!record.current)
        return this.outcome('rolled-back', 'nothing in progress: the stable release is serving');
      if (record.phase !== 'rolling-back')
        await this.apply({
          type: 'decided',
          action: 'rollback',
          reason: options.reason ?? 'rolled back on request',
          at: this.now(),
        });
      return this.finishRollback();
    });
  }

  /**
   * A post step's clean-up: rolls `release` back only while it is still in progress, was started by
   * `startedBy` and is not waiting at an approval gate; anything else is left as it is (undefined).
   * Decided under the lock, so a rollout another run owns is never touched.
   */
  abandon(release: string, startedBy: string, reason: string): Promise<Outcome | undefined> {
    return this.locked(async () => {
      const record = await this.load();
      const current = record.current;
      if (current?.id !== release || current.startedBy !== startedBy || record.phase === 'paused')
        return undefined;
      if (record.phase !== 'rolling-back')
        await this.apply({ type: 'decided', action: 'rollback', reason, at: this.now() });
      return this.finishRollback();
    });
  }

  // ---- the loop ------------------------------------------------------------------------------------

  private async run(approve: boolean): Promise<Outcome> {
    for (;;) {
      this.signal?.throwIfAborted();
      const action = decide(this.record!);
      switch (action.type) {
        case 'idle':
          return this.outcome(this.lastResult(), this.record!.history[0]?.reason ?? 'done');
        case 'await-approval':
          if (!approve) {
            await this.apply({ type: 'paused', step: action.step });
            return this.outcome(
              'paused',
              `step ${action.step + 1} needs the approval of environment ${action.environment}; run again with approval to continue`,
            );
          }
          await this.apply({ type: 'approved', step: action.step });
          break;
        case 'set-weight':
          await this.execSetWeight(action.step, action.weight);
          break;
        case 'bake':
          await this.execBake(action.step, action.analysis);
          break;
        case 'promote':
          if (this.record!.phase !== 'promoting')
            await this.apply({ type: 'decided', action: 'promote', reason: action.reason, at: this.now() });
          return this.promoteAndWatch();
        case 'rollback':
          return this.finishRollback();
      }
    }
  }

  private async execSetWeight(step: number, weight: number): Promise<void> {
    const current = this.current();
    const total = current.steps.length;
    this.deps.reporter.section?.(`step ${step + 1}${total > 0 ? `/${total}` : ''}: ${weight}%`);
    this.deps.reporter.info(`step ${step + 1}${total > 0 ? `/${total}` : ''}: canary to ${weight}%`);
    const reading = await effects.setWeight(this.effects(), current, weight);
    if (reading.note) this.deps.reporter.info(`  ${reading.note}`);
    this.deps.reporter.info(
      `  effective weight ${reading.canary}% canary, ${reading.baseline}% baseline, ${reading.stable}% stable`,
    );
    this.deps.reporter.stage?.({
      kind: 'step',
      step: step + 1,
      total: total > 0 ? total : step + 1,
      requested: weight,
      effective: reading.canary,
    });
    await this.apply({
      type: 'weight-set',
      step,
      requested: weight,
      effective: reading.canary,
      at: this.now(),
    });
  }

  private async execBake(step: number, analysis: boolean): Promise<void> {
    const current = this.current();
    const plan = current.steps[step]!;
    if (analysis) {
      const decided =
        current.analysis?.step === step && current.analysis.done === true ? current.analysis : undefined;
      const verdict = decided
        ? {
            verdict: decided.verdict as StepVerdict['verdict'],
            reason: decided.reason ?? '',
            analysis: decided,
          }
        : await this.requireJudge().judge({
            step,
            bakeSeconds: plan.bakeSeconds,
            ...(current.analysis ? { resume: current.analysis } : {}),
            onMeasured: (a) => this.measured(a),
            ...(this.signal ? { signal: this.signal } : {}),
          });
      await this.recordAnalysis(verdict.analysis);
      if (verdict.verdict === 'pass') {
        await this.apply({ type: 'step-passed', step, reason: verdict.reason, at: this.now() });
        return;
      }
      // Fail rolls back; inconclusive does too: Dial never promotes on missing evidence, and a canary
      // left half-way with nobody watching is worse than the stable release.
      const why = verdict.verdict === 'fail' ? verdict.reason : `inconclusive: ${verdict.reason}`;
      await this.apply({ type: 'decided', action: 'rollback', reason: why, at: this.now() });
      return;
    }
    const started = current.stepLog.find((l) => l.step === step)?.startedAt ?? this.now().toISOString();
    const until = new Date(Date.parse(started) + plan.bakeSeconds * 1000);
    if (until > this.now()) {
      this.deps.reporter.progress(`step ${step + 1}: baking until ${until.toISOString()} (no analysis)`);
      await this.deps.clock.sleepUntil(until, this.signal);
    }
    await this.apply({ type: 'step-passed', step, reason: `baked ${plan.bakeSeconds}s`, at: this.now() });
  }

  private async finishPromote(): Promise<Outcome> {
    const current = this.current();
    this.deps.reporter.section?.(`promote ${current.id}`);
    this.deps.reporter.stage?.({ kind: 'promote', release: current.id, weight: current.weight.requested });
    await effects.promote(this.effects(), current);
    await this.apply({
      type: 'finished',
      result: 'promoted',
      template: current.template,
      images: current.images,
      at: this.now(),
    });
    return this.outcome('promoted', current.decision?.reason ?? 'promoted');
  }

  private async finishRollback(): Promise<Outcome> {
    const current = this.current();
    this.deps.reporter.section?.(`roll back ${current.id}`);
    this.deps.reporter.stage?.({ kind: 'rollback', release: current.id, weight: current.weight.requested });
    await effects.rollback(this.effects(), current);
    await this.apply({
      type: 'finished',
      result: 'rolled-back',
      template: current.template,
      images: current.images,
      at: this.now(),
    });
    const reason = current.decision?.reason ?? 'rolled back';
    return this.outcome(reason.startsWith('inconclusive') ? 'inconclusive' : 'rolled-back', reason);
  }

  /**
   * Promotes, then judges the new stable for the release's watch window (strategy.watch); a failed watch
   * returns the service to the release before (as `rollback --to-previous`). No data is not a failure:
   * the canary already passed its steps. A run killed during the watch does not resume it.
   */
  private async promoteAndWatch(): Promise<Outcome> {
    const watchSeconds = this.current().settings.watchSeconds ?? 0;
    const steps = this.current().steps.length;
    const promoted = await this.finishPromote();
    if (watchSeconds <= 0) return promoted;
    const id = this.record!.history[0]?.id ?? '';
    if (!this.deps.watchJudge) {
      this.deps.reporter.warn(
        `strategy.watch: ${id} is not watched after promotion: the watch judges the analysis' threshold checks (there is no baseline any more), and there are none`,
      );
      return promoted;
    }
    this.deps.reporter.section?.(`watch ${id} for ${watchSeconds}s after promotion`);
    this.deps.reporter.stage?.({ kind: 'watch', release: id, seconds: watchSeconds });
    const verdict = await this.deps.watchJudge.judge({
      step: steps,
      bakeSeconds: watchSeconds,
      onMeasured: async (analysis) => {
        this.lastAnalysis = analysis;
        this.deps.reporter.progress(
          `watch: ${analysis.verdict ?? 'inconclusive'}${analysis.reason ? ` — ${analysis.reason}` : ''}`,
        );
      },
      ...(this.signal ? { signal: this.signal } : {}),
    });
    this.lastAnalysis = verdict.analysis;
    if (verdict.verdict !== 'fail')
      return this.outcome('promoted', `${promoted.reason}; watched ${watchSeconds}s: ${verdict.reason}`);
    this.deps.reporter.warn(`the watch after promoting ${id} failed: ${verdict.reason}`);
    const back = await this.toPrevious(this.record!);
    return this.outcome('rolled-back', `watch after promotion failed (${verdict.reason}); ${back.reason}`);
  }

  // ---- starting a release --------------------------------------------------------------------------

  /** A new release record, the same release resumed, or a plain deploy when nothing is stable yet. */
  private async begin(
    release: NewRelease,
    steps: StepPlan[],
    options: { replan: boolean } = { replan: true },
  ): Promise<{ resumed: boolean } | { outcome: Outcome }> {
    const record = await this.load();
    if (record.current) {
      if (record.current.id !== release.id)
        throw new RolloutError(
          `release ${record.current.id} of ${this.ref.service} is in progress (${record.phase}, step ${record.current.step + 1}); ` +
            `promote or roll it back first, or run again with the same images to resume it`,
        );
      this.deps.reporter.info(
        `resuming release ${release.id} (${record.phase}, step ${record.current.step + 1})`,
      );
      const current = record.current;
      if (
        options.replan &&
        steps.length > 0 &&
        current.decision === undefined &&
        JSON.stringify(current.steps) !== JSON.stringify(steps)
      ) {
        // Started by hand (`canary`) or with other steps: walk these from the weight it has now, judging it there.
        const at = current.weight.requested;
        const index = Math.max(
          0,
          steps.findIndex((s) => s.weight >= at),
        );
        const kept = current.stepLog
          .filter((l) => l.step === current.step && l.finishedAt === undefined && steps[index]?.weight === at)
          .map((l) => ({ ...l, step: index }));
        const { analysis: _stale, ...rest } = current;
        await this.save({ ...record, current: { ...rest, steps, step: index, stepLog: kept } });
      }
      return { resumed: true };
    }
    const stable = await this.deps.cluster.getDeployment(this.ref.namespace, this.ref.workload);
    const last = record.history[0];
    if (last?.id === release.id && (last.result === 'promoted' || last.result === 'deployed'))
      return {
        outcome: this.outcome(
          last.result,
          `${release.id} is already the stable release of ${this.ref.service}`,
        ),
      };
    // A first deploy killed before it was recorded left its own release on the stable: finish it.
    const interrupted = stable?.metadata?.annotations?.[RELEASE_ANNOTATION] === release.id;
    if (!stable || interrupted) {
      this.deps.reporter.info(
        `first release of ${this.ref.service}: nothing stable to compare with, so a plain deploy (never a 100 % canary)`,
      );
      return { outcome: await this.plainDeploy(release, false, 'deployed') };
    }
    const workload = release.objects.find((o) => isWorkload(o, this.ref.workload)) as
      V1Deployment | undefined;
    if (!workload?.spec?.template)
      throw new RolloutError(`the manifests have no Deployment/${this.ref.workload} with a pod template`);
    const others = release.objects.filter((o) => !isWorkload(o, this.ref.workload));
    // Objects the new version needs that do not exist yet are created now (nothing live uses them);
    // the ones that exist change only at promotion, so the stable release keeps its own until then.
    const missing: KubernetesObject[] = [];
    for (const object of others) {
      const exists = await this.deps.cluster.exists({
        apiVersion: object.apiVersion ?? '',
        kind: object.kind ?? '',
        name: object.metadata?.name ?? '',
        ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}),
      });
      if (!exists) missing.push(object);
    }
    if (missing.length > 0) {
      this.deps.reporter.info(
        `creating ${missing.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')} (new in this release)`,
      );
      await this.deps.cluster.apply(missing);
    }
    const current: CurrentRelease = {
      id: release.id,
      settings: release.settings,
      images: release.images,
      startedAt: this.now().toISOString(),
      startedBy: this.deps.identity,
      template: clone(workload.spec.template),
      baselineTemplate: clone(stable.spec?.template ?? {}),
      objects: others.filter((o) => !missing.includes(o)).map((o) => clone(o)),
      ...(workload.spec.replicas !== undefined ? { manifestReplicas: workload.spec.replicas } : {}),
      stableReplicas: stable.spec?.replicas ?? 1,
      steps,
      step: 0,
      weight: { requested: 0, effective: 0 },
      stepLog: [],
    };
    this.deps.reporter.info(
      `canary of ${release.id}: Deployment ${this.ref.namespace}/${this.ref.workload} keeps serving; ` +
        `${this.ref.workload}-canary and ${this.ref.workload}-baseline are added`,
    );
    await this.save({ ...record, phase: 'progressing', current, updatedAt: this.now().toISOString() });
    return { resumed: false };
  }

  private async plainDeploy(release: NewRelease, force: boolean, result: 'deployed'): Promise<Outcome> {
    const objects = release.objects.map((o) =>
      isWorkload(o, this.ref.workload)
        ? {
            ...o,
            metadata: {
              ...o.metadata,
              annotations: { ...o.metadata?.annotations, [RELEASE_ANNOTATION]: release.id },
            },
          }
        : o,
    );
    await this.deps.cluster.apply(objects, { force });
    for (const object of release.objects.filter((o) => ROLLOUT_KINDS.has(o.kind ?? ''))) {
      await this.deps.cluster.waitRollout(
        {
          kind: object.kind!,
          namespace: object.metadata?.namespace ?? this.ref.namespace,
          name: object.metadata?.name ?? '',
        },
        {
          deadlineSeconds: this.ref.progressDeadlineSeconds,
          onProgress: (line) => this.deps.reporter.progress(line),
          ...(this.signal ? { signal: this.signal } : {}),
        },
      );
    }
    const workload = release.objects.find((o) => isWorkload(o, this.ref.workload)) as
      V1Deployment | undefined;
    const entry: ReleaseEntry = {
      id: release.id,
      images: release.images,
      template: clone(workload?.spec?.template ?? null),
      result,
      finishedAt: this.now().toISOString(),
    };
    await this.save({
      ...this.record!,
      phase: 'idle',
      history: [entry, ...this.record!.history].slice(0, HISTORY_LIMIT),
      updatedAt: this.now().toISOString(),
    });
    return this.outcome('deployed', `${release.id} deployed and ready`);
  }

  private async toPrevious(record: RolloutRecord): Promise<Outcome> {
    if (record.current)
      throw new RolloutError(
        `release ${record.current.id} is in progress: roll it back without --to-previous first`,
      );
    const serving = record.history.filter((h) => h.result === 'promoted' || h.result === 'deployed');
    const previous = serving[1];
    if (!previous || previous.template === null)
      throw new RolloutError(`no earlier release of ${this.ref.service} is recorded to return to`);
    this.deps.reporter.info(`returning ${this.ref.service} from ${serving[0]!.id} to ${previous.id}`);
    const id = `${previous.id}`;
    await effects.restore(this.effects(), previous.template as V1PodTemplateSpec, id);
    const entry: ReleaseEntry = {
      ...previous,
      result: 'deployed',
      finishedAt: this.now().toISOString(),
      reason: `returned from ${serving[0]!.id} to ${previous.id}`,
    };
    await this.save({
      ...record,
      history: [entry, ...record.history].slice(0, HISTORY_LIMIT),
      updatedAt: this.now().toISOString(),
    });
    return this.outcome('rolled-back', entry.reason!);
  }

  // ---- plumbing ------------------------------------------------------------------------------------

  private async locked<T>(body: () => Promise<T>): Promise<T> {
    this.lastRelease = undefined;
    this.lastAnalysis = undefined;
    await this.deps.lock.acquire();
    this.signal = this.deps.lock.keepAlive();
    try {
      return await body();
    } finally {
      await this.deps.lock.release();
      this.signal = undefined;
    }
  }

  private async load(): Promise<RolloutRecord> {
    const stored = await this.deps.store.read();
    this.record =
      stored?.record ??
      emptyRecord(this.ref.service, this.ref.namespace, this.ref.workload, this.deps.router.type, this.now());
    this.version = stored?.version;
    this.remember(this.record);
    return this.record;
  }

  private async save(given: RolloutRecord): Promise<void> {
    const routerConfig = this.ref.routerConfig;
    const record = routerConfig ? { ...given, router: routerConfig.type, routerConfig } : given;
    this.version = await this.deps.store.write(record, this.version);
    this.record = record;
    this.remember(record);
  }

  /** Keeps the release and its analysis for the outcome: finishing a release removes both from the record. */
  private remember(record: RolloutRecord): void {
    if (record.current) this.lastRelease = record.current;
    if (record.current?.analysis) this.lastAnalysis = record.current.analysis;
  }

  private apply(event: Event): Promise<void> {
    return this.save(reduce(this.record!, event));
  }

  /** Persists a measurement with its window's counts for the charts, then says where it stands. */
  private async measured(analysis: StepAnalysis): Promise<void> {
    const current = this.current();
    const spec = current.settings.analysis?.spec;
    const before = current.analysis?.step === analysis.step ? current.analysis.evidence : undefined;
    const row = spec
      ? windowRow(
          spec,
          before ? parseEvidence(before) : undefined,
          parseEvidence(analysis.evidence),
          current.weight.effective,
        )
      : undefined;
    await this.apply({ type: 'analysis', analysis, ...(row ? { row } : {}) });
    this.progress(analysis.verdict ?? 'inconclusive', analysis.reason ?? '', row);
  }

  /** Persists the step's final analysis unless the last measurement already wrote exactly it. */
  private async recordAnalysis(analysis: StepAnalysis): Promise<void> {
    if (JSON.stringify(this.record?.current?.analysis) !== JSON.stringify(analysis))
      await this.apply({ type: 'analysis', analysis });
  }

  private current(): CurrentRelease {
    const current = this.record?.current;
    if (!current)
      throw new RolloutError(
        `no canary of ${this.ref.service} is in progress in namespace ${this.ref.namespace}`,
      );
    return current;
  }

  private requireJudge(): StepJudge {
    if (!this.deps.judge)
      throw new RolloutError(
        `${this.ref.service} has no analysis configured (analysis.provider and checks in dial.yaml)`,
      );
    return this.deps.judge;
  }

  private effects(): effects.EffectContext {
    return {
      cluster: this.deps.cluster,
      router: this.deps.router,
      reporter: this.deps.reporter,
      namespace: this.ref.namespace,
      service: this.ref.service,
      workload: this.ref.workload,
      progressDeadlineSeconds: this.ref.progressDeadlineSeconds,
      ...(this.signal ? { signal: this.signal } : {}),
    };
  }

  /**
   * One line per measurement: step, weight, requests per arm so far, the last window's error and slow
   * shares per arm, and where the evidence stands.
   */
  private progress(verdict: string, reason: string, row?: SeriesRow): void {
    const current = this.record?.current;
    if (!current) return;
    const total = current.steps.length;
    const requests = current.analysis?.requests;
    const share = (bad: number | null, all: number) =>
      bad === null || all <= 0 ? undefined : `${((bad / all) * 100).toFixed(1)}%`;
    const window = row
      ? [
          `errors ${share(row[3], row[2]) ?? '–'} vs ${share(row[6], row[5]) ?? '–'}`,
          ...(row[4] !== null
            ? [`slow ${share(row[4], row[2]) ?? '–'} vs ${share(row[7], row[5]) ?? '–'}`]
            : []),
        ].join(', ') + ' (canary vs baseline, last window); '
      : '';
    const seen = requests
      ? `canary ${Math.round(requests.canary)} req, baseline ${Math.round(requests.baseline)} req; `
      : '';
    this.deps.reporter.progress(
      `step ${current.step + 1}${total > 0 ? `/${total}` : ''} weight ${current.weight.requested}% ` +
        `(effective ${current.weight.effective}%): ${seen}${window}${verdict}${reason ? ` — ${reason}` : ''}`,
    );
  }

  private lastResult(): OutcomeResult {
    const last = this.record?.history[0];
    if (!last) return 'deployed';
    if (last.result === 'rolled-back')
      return last.reason?.startsWith('inconclusive') ? 'inconclusive' : 'rolled-back';
    return last.result === 'failed' ? 'failed' : last.result;
  }

  private outcome(result: OutcomeResult, reason: string): Outcome {
    return {
      result,
      reason,
      record: this.record!,
      ...(this.lastRelease ? { release: this.lastRelease } : {}),
      ...(this.lastAnalysis ? { analysis: this.lastAnalysis } : {}),
    };
  }

  private now(): Date {
    return this.deps.clock.now();
  }
}
