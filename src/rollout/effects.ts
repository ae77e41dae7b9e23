// What each action of the state machine does to the cluster. Every effect is safe to run again: a
// resumed run repeats the action the record says is next, and applying, scaling and deleting converge.
// Order is chosen so the Service never loses its ready endpoints: scale up and wait before traffic
// moves or anything scales down.
import type { KubernetesObject, V1Deployment, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { Router, WeightReading } from '../traffic/router.js';
import type { Cluster, Reporter } from './ports.js';
import type { CurrentRelease } from './record.js';
import { RELEASE_ANNOTATION, promotedStable, trackDeployment, trackName, type Track } from './tracks.js';

export interface EffectContext {
  cluster: Cluster;
  router: Router;
  reporter: Reporter;
  namespace: string;
  service: string;
  workload: string;
  progressDeadlineSeconds: number;
  signal?: AbortSignal;
}

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;

export async function requireStable(ctx: EffectContext): Promise<V1Deployment> {
  const stable = await ctx.cluster.getDeployment(ctx.namespace, ctx.workload);
  if (!stable)
    throw new Error(`Deployment ${ctx.namespace}/${ctx.workload} (the stable workload) does not exist`);
  return stable;
}

async function waitTracks(ctx: EffectContext, tracks: Track[]): Promise<void> {
  await Promise.all(
    tracks.map((track) =>
      ctx.cluster.waitRollout(
        { kind: 'Deployment', namespace: ctx.namespace, name: trackName(ctx.workload, track) },
        {
          deadlineSeconds: ctx.progressDeadlineSeconds,
          onProgress: (line) => ctx.reporter.progress(line),
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        },
      ),
    ),
  );
}

function trackObject(
  ctx: EffectContext,
  stable: V1Deployment,
  current: CurrentRelease,
  track: 'canary' | 'baseline',
  replicas: number,
) {
  const template = (track === 'canary' ? current.template : current.baselineTemplate) as V1PodTemplateSpec;
  return trackDeployment({ stable, template, track, replicas, service: ctx.service, release: current.id });
}

/**
 * Scales the tracks to the router's plan for `weight` and routes it. Up first (canary, baseline, stable
 * where they grow), wait until ready, move the traffic, then scale down what shrinks.
 */
export async function setWeight(
  ctx: EffectContext,
  current: CurrentRelease,
  weight: number,
): Promise<WeightReading> {
  const plan = ctx.router.replicaPlan(weight, current.stableReplicas);
  const have = async (track: Track) =>
    (await ctx.cluster.getDeployment(ctx.namespace, trackName(ctx.workload, track)))?.spec?.replicas ?? 0;
  const [stable, canaryBefore, baselineBefore] = await Promise.all([
    requireStable(ctx),
    have('canary'),
    have('baseline'),
  ]);
  const before = { canary: canaryBefore, baseline: baselineBefore, stable: stable.spec?.replicas ?? 0 };
  ctx.reporter.info(
    `weight ${weight}%: ${plan.canary} canary, ${plan.baseline} baseline, ${plan.stable} stable pods (router ${ctx.router.type})`,
  );
  // A mesh or gateway router routes the stable pods alone before the first canary pod exists: the
  // user's Service selects canary pods too, and would give them a pod's share until the first weight.
  if (ctx.router.type !== 'replicas' && before.canary === 0 && before.baseline === 0)
    await ctx.router.setWeight(0);
  await ctx.cluster.apply([
    trackObject(ctx, stable, current, 'canary', Math.max(before.canary, plan.canary)),
    trackObject(ctx, stable, current, 'baseline', Math.max(before.baseline, plan.baseline)),
  ]);
  // A run killed between scaling the stable up and its wait left it behind: wait for it too.
  const stableBehind = (stable.status?.readyReplicas ?? 0) < (stable.spec?.replicas ?? 0);
  if (plan.stable > before.stable)
    await ctx.cluster.scaleDeployment(ctx.namespace, ctx.workload, plan.stable);
  await waitTracks(ctx, [
    'canary',
    'baseline',
    ...(plan.stable > before.stable || stableBehind ? (['stable'] as const) : []),
  ]);
  const routed = await ctx.router.setWeight(weight);
  const shrink: Track[] = [];
  if (plan.canary < before.canary || plan.baseline < before.baseline) {
    await ctx.cluster.apply([
      trackObject(ctx, stable, current, 'canary', plan.canary),
      trackObject(ctx, stable, current, 'baseline', plan.baseline),
    ]);
    shrink.push('canary', 'baseline');
  }
  if (plan.stable < before.stable) {
    await ctx.cluster.scaleDeployment(ctx.namespace, ctx.workload, plan.stable);
    shrink.push('stable');
  }
  if (shrink.length === 0) return routed;
  await waitTracks(ctx, shrink);
  return ctx.router.readWeight();
}

async function removeTracks(ctx: EffectContext): Promise<void> {
  for (const track of ['canary', 'baseline'] as const)
    await ctx.cluster.delete({
      ...DEPLOYMENT,
      namespace: ctx.namespace,
      name: trackName(ctx.workload, track),
    });
}

/** Applies the stable Deployment with `template` and waits until it has rolled out. */
async function applyStable(
  ctx: EffectContext,
  template: unknown,
  replicas: number | undefined,
  release: string,
) {
  const stable = await requireStable(ctx);
  await ctx.cluster.apply(
    [promotedStable(stable, template as V1PodTemplateSpec, replicas, ctx.service, release)],
    // Dial takes the template (and replicas) over from whoever applied the Deployment before: that is
    // what promotion means. Fields it does not send stay with their owners.
    { force: true },
  );
  await waitTracks(ctx, ['stable']);
}

/**
 * The canary's template becomes the stable one (the manifests' replica count unless an autoscaler owns
 * it, else the count the stable had), the other objects of the release are applied, and once the
 * stable has rolled out, canary and baseline are removed.
 */
export async function promote(ctx: EffectContext, current: CurrentRelease): Promise<void> {
  if (current.objects.length > 0) await ctx.cluster.apply(current.objects as KubernetesObject[]);
  const autoscaled = await ctx.cluster.hasAutoscaler(ctx.namespace, ctx.workload);
  const replicas = autoscaled ? undefined : (current.manifestReplicas ?? current.stableReplicas);
  if (autoscaled) {
    // The steps may have scaled the stable down (to 0 at 50 %), and an HPA never scales up from 0:
    // give it back its size before canary and baseline go.
    const live = await requireStable(ctx);
    if ((live.spec?.replicas ?? 0) < current.stableReplicas)
      await ctx.cluster.scaleDeployment(ctx.namespace, ctx.workload, current.stableReplicas);
  }
  ctx.reporter.info(
    `promoting ${current.id}: Deployment ${ctx.namespace}/${ctx.workload} gets the canary's template` +
      (autoscaled ? ' (replicas left to its autoscaler)' : ` with ${replicas} replicas`),
  );
  // The user's own routing first (every ready pod, the canary's included, which passed): a per-track
  // stable route would lose its pods while the stable rolls to the new template.
  await ctx.router.finalize();
  await applyStable(ctx, current.template, replicas, current.id);
  await removeTracks(ctx);
}

/**
 * All traffic back to stable: the stable at its own size (and its own template, should a promotion
 * have started), ready, before the router resets and canary and baseline are removed.
 */
export async function rollback(ctx: EffectContext, current: CurrentRelease): Promise<void> {
  const stable = await requireStable(ctx);
  // A promotion that began wrote its release id on the stable: its template must go back too.
  const promotionStarted = stable.metadata?.annotations?.[RELEASE_ANNOTATION] === current.id;
  if (promotionStarted) {
    ctx.reporter.info(`restoring the stable template of Deployment ${ctx.namespace}/${ctx.workload}`);
    await applyStable(ctx, current.baselineTemplate, current.stableReplicas, `rollback-${current.id}`);
  } else {
    const size = stable.spec?.replicas ?? 0;
    if (size !== current.stableReplicas)
      await ctx.cluster.scaleDeployment(ctx.namespace, ctx.workload, current.stableReplicas);
    // Also when the size is already right: a run killed between scale and wait left it unready.
    if (size !== current.stableReplicas || (stable.status?.readyReplicas ?? 0) < current.stableReplicas)
      await waitTracks(ctx, ['stable']);
  }
  await ctx.router.reset();
  await removeTracks(ctx);
  await ctx.router.finalize();
}

/** Returns the stable to an earlier release's template (`rollback --to-previous`). */
export async function restore(ctx: EffectContext, template: unknown, release: string): Promise<void> {
  await applyStable(ctx, template, undefined, release);
}
