// The replica-ratio router: no mesh, one shared Service in front of every track, so each pod gets an
// equal share of requests and the canary's weight is its share of the ready pods. Weights therefore
// come in steps of one pod; the effective weight is what the engine reports everywhere.
import type { Cluster } from '../rollout/ports.js';
import { trackName } from '../rollout/tracks.js';
import { percent, type HeaderMatch, type ReplicaPlan, type Router, type WeightReading } from './router.js';

/**
 * Pods per track for `weight` % of `stable` pods. Candidates keep the baseline as large as the canary,
 * at most 2× the stable's pods in all (a rollout's surge), and the stable at most its own size; among
 * them the closest weight wins, then the one that leaves the most stable pods running (adopting a
 * Deployment should not replace its pods when it can be avoided), then the fewest pods.
 * Weight 0 = no canary pod behind the Service.
 */
export function replicaRatioPlan(weight: number, stable: number): ReplicaPlan {
  if (weight <= 0 || stable <= 0) return { stable, baseline: 0, canary: 0 };
  if (weight >= 100) return { stable: 0, baseline: 0, canary: Math.max(1, stable) };
  const target = weight / 100;
  // Pods short of the stable's own count: among equally close plans, keep the capacity the stable had.
  const short = (s: number, canary: number) => Math.max(0, stable - (s + 2 * canary));
  let best: ReplicaPlan & { error: number } = { stable, baseline: 1, canary: 1, error: Infinity };
  for (let canary = 1; canary <= stable; canary++) {
    for (let s = stable; s >= 0; s--) {
      if (s + 2 * canary > 2 * stable) continue;
      const error = Math.round(Math.abs(canary / (s + 2 * canary) - target) * 1000);
      const better =
        error < best.error ||
        (error === best.error && s > best.stable) ||
        (error === best.error && s === best.stable && short(s, canary) < short(best.stable, best.canary)) ||
        (error === best.error &&
          s === best.stable &&
          short(s, canary) === short(best.stable, best.canary) &&
          canary < best.canary);
      if (better) best = { stable: s, baseline: canary, canary, error };
    }
  }
  return { stable: best.stable, baseline: best.baseline, canary: best.canary };
}

export class ReplicaRouter implements Router {
  readonly type = 'replicas';

  constructor(
    private readonly cluster: Cluster,
    private readonly namespace: string,
    private readonly workload: string,
  ) {}

  replicaPlan(weight: number, stableReplicas: number): ReplicaPlan {
    return replicaRatioPlan(weight, stableReplicas);
  }

  /** The engine has already scaled the tracks; the weight is what their ready pods make it. */
  async setWeight(_weight?: number): Promise<WeightReading> {
    return this.readWeight();
  }

  async readWeight(): Promise<WeightReading> {
    const ready = async (name: string) =>
      (await this.cluster.getDeployment(this.namespace, name))?.status?.readyReplicas ?? 0;
    const [stable, baseline, canary] = await Promise.all([
      ready(trackName(this.workload, 'stable')),
      ready(trackName(this.workload, 'baseline')),
      ready(trackName(this.workload, 'canary')),
    ]);
    const all = stable + baseline + canary;
    return {
      canary: percent(canary, all),
      baseline: percent(baseline, all),
      stable: percent(stable, all),
      note: `${canary} canary, ${baseline} baseline and ${stable} stable pods ready behind the Service`,
    };
  }

  setHeaderRoute(match: HeaderMatch): Promise<void> {
    return Promise.reject(
      new Error(
        `router replicas cannot route by header ${match.name}: every pod behind the Service gets an equal share; use a mesh or gateway router`,
      ),
    );
  }

  /** Nothing to undo in routing: the engine removes the canary and baseline pods. */
  async reset(): Promise<void> {}

  async finalize(): Promise<void> {}
}
