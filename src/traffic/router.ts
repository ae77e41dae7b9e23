// The Router seam: how a canary gets its share of traffic. One implementation per router (replica
// ratio here; Gateway API, Istio, SMI, ingress-nginx and Emissary beside it), all driven the same way by
// the rollout engine: it scales the tracks as `replicaPlan` says, then sets and reads back the weight.

/** Pods per track for a requested weight. The engine scales up before it shifts traffic, down after. */
export interface ReplicaPlan {
  stable: number;
  baseline: number;
  canary: number;
}

/** What the router achieved, in percent of all requests. */
export interface WeightReading {
  /** Share of requests the canary gets. */
  canary: number;
  /** Share the baseline gets (equal to the canary's wherever the router can make it so). */
  baseline: number;
  stable: number;
  /** A human note when the reading differs from what was asked (rounding, drift someone else made). */
  note?: string;
}

export interface HeaderMatch {
  name: string;
  value: string;
}

export interface Router {
  /** As written in dial.yaml: `replicas`, `gateway-api`, ... */
  readonly type: string;
  /** Pods per track that serve `weight` percent to the canary, given the stable's replica count. */
  replicaPlan(weight: number, stableReplicas: number): ReplicaPlan;
  /** Sends `weight` percent to the canary (and as much to the baseline); returns what was achieved. */
  setWeight(weight: number): Promise<WeightReading>;
  /** Reads the weights as the cluster has them now. */
  readWeight(): Promise<WeightReading>;
  /** Sends requests carrying the header to the canary, whatever the weight. */
  setHeaderRoute(match: HeaderMatch): Promise<void>;
  /** All traffic to the stable pods only (rollback, before canary and baseline go). Safe to call again. */
  reset(): Promise<void>;
  /**
   * The user's own routing back as it was before the rollout (its Service, every ready pod behind it),
   * and what the router added removed. Promotion calls it before the stable rolls to the new template;
   * rollback after reset and after canary and baseline are gone. Safe to call again.
   */
  finalize(): Promise<void>;
}

/** Percent, rounded to one decimal for display and records. */
export function percent(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}
