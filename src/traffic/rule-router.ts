// The Router over a route object the user owns (an HTTPRoute, a VirtualService): every change is one
// conditional merge patch of its rules and Dial's annotations, so the route never lacks a backend and
// a concurrent writer is never overwritten blindly; finalize gives the rules' backends back exactly.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Cluster, ObjectRef } from '../rollout/ports.js';
import {
  describeRef,
  jsonAnnotation,
  ORIGINAL_ANNOTATION,
  patchOf,
  same,
  updateObject,
  WEIGHT_ANNOTATION,
  writtenWeight,
  type Json,
  type RouterTarget,
} from './objects.js';
import type { HeaderMatch, ReplicaPlan, Router, WeightReading } from './router.js';
import {
  parseRuleState,
  restoreRules,
  trackWeights,
  weightRules,
  type RuleModel,
  type RuleState,
} from './rules.js';
import {
  cappedNote,
  driftNote,
  readingOf,
  trackShares,
  weightedReplicaPlan,
  type TrackShares,
} from './weights.js';

export abstract class RuleRouter implements Router {
  abstract readonly type: string;
  /** dial.yaml's field naming the object, for messages. */
  protected abstract readonly field: string;
  /** At most this many rules (HTTPRoute: 16). */
  protected readonly maxRules: number = Infinity;

  constructor(
    protected readonly cluster: Cluster,
    protected readonly target: RouterTarget,
  ) {}

  /** The route object (its apiVersion may come from discovery). */
  protected abstract objectRef(): Promise<ObjectRef>;
  protected abstract rulesOf(route: KubernetesObject): Json[];
  /** The spec part of a merge patch that sets the rules. */
  protected abstract rulesPatch(rules: Json[]): Json;
  /** The rule model for the user's Service `service` (from the state, or found in the route). */
  protected abstract model(service: string): RuleModel;
  /** The Service names the route's rules send requests to (candidates for the user's Service). */
  protected abstract candidates(route: KubernetesObject): string[];
  /** Picks the user's Service among the candidates. */
  protected abstract resolve(candidates: string[], what: string): Promise<string>;
  /** Makes what the tracks' backends need (Services, subsets) before the route points at them. */
  protected abstract prepare(service: string): Promise<void>;
  /** Removes what prepare made, after the route is back. */
  protected abstract cleanup(service: string): Promise<void>;

  replicaPlan(weight: number, stableReplicas: number): ReplicaPlan {
    return weightedReplicaPlan(weight, stableReplicas);
  }

  protected async route(): Promise<{ ref: ObjectRef; route: KubernetesObject }> {
    const ref = await this.objectRef();
    const route = await this.cluster.get(ref);
    if (!route)
      throw new Error(
        `${describeRef(ref)} does not exist: ${this.field} in dial.yaml names the object Dial shifts (default: the service name)`,
      );
    return { ref, route };
  }

  private state(route: KubernetesObject): RuleState | undefined {
    return parseRuleState(jsonAnnotation(route, ORIGINAL_ANNOTATION));
  }

  private async service(ref: ObjectRef, route: KubernetesObject): Promise<string> {
    return this.state(route)?.service ?? (await this.resolve(this.candidates(route), describeRef(ref)));
  }

  /** Writes the weights (and the header rules as `header` says); returns the route as stored. */
  private async write(
    shares: TrackShares,
    header: HeaderMatch | null | undefined,
  ): Promise<{ ref: ObjectRef; route: KubernetesObject; model: RuleModel }> {
    const { ref, route: before } = await this.route();
    const model = this.model(await this.service(ref, before));
    await this.prepare(model.service);
    const route = await updateObject(this.cluster, ref, (current) => {
      const { rules, state } = weightRules(this.rulesOf(current), this.state(current), model, shares, header);
      if (rules.length > this.maxRules)
        throw new Error(
          `${describeRef(ref)} would have ${rules.length} rules with Dial's header rules; at most ${this.maxRules} are allowed`,
        );
      return this.patch(current, rules, {
        [ORIGINAL_ANNOTATION]: JSON.stringify(state),
        [WEIGHT_ANNOTATION]: String(shares.asked),
      });
    });
    return { ref, route, model };
  }

  private patch(
    current: KubernetesObject,
    rules: Json[],
    set: Record<string, string>,
    remove: string[] = [],
  ): Json | undefined {
    return patchOf(
      current,
      same(rules, this.rulesOf(current)) ? undefined : this.rulesPatch(rules),
      set,
      remove,
    );
  }

  async setWeight(weight: number): Promise<WeightReading> {
    const shares = trackShares(weight);
    const { ref, route, model } = await this.write(shares, undefined);
    return this.reading(ref, route, model, [cappedNote(shares)]);
  }

  async readWeight(): Promise<WeightReading> {
    const { ref, route } = await this.route();
    return this.reading(ref, route, this.model(await this.service(ref, route)), []);
  }

  private reading(
    ref: ObjectRef,
    route: KubernetesObject,
    model: RuleModel,
    notes: (string | undefined)[],
  ): WeightReading {
    const rules = trackWeights(this.rulesOf(route), model);
    const written = writtenWeight(route);
    const what = describeRef(ref);
    const first = rules[0];
    if (!first) {
      const reading = readingOf({ stable: 1, canary: 0, baseline: 0 });
      return readingOf({ stable: 1, canary: 0, baseline: 0 }, [
        ...notes,
        `${what} sends requests to Service ${model.service} itself, not to its tracks`,
        written !== undefined && written > 0 ? driftNote(reading, written, what) : undefined,
      ]);
    }
    const reading = readingOf(first.weights);
    const total = first.weights.stable + first.weights.canary + first.weights.baseline;
    return readingOf(first.weights, [
      ...notes,
      first.others > 0
        ? `other backends of the rule keep their share (weight ${first.others} beside the tracks' ${total}); the percentages are of the tracks' part`
        : undefined,
      rules.some((r) => !same(readingOf(r.weights), reading))
        ? `the ${rules.length} rules routing to Service ${model.service} have different weights`
        : undefined,
      driftNote(reading, written, what),
    ]);
  }

  async setHeaderRoute(match: HeaderMatch): Promise<void> {
    const { route } = await this.route();
    await this.write(trackShares(writtenWeight(route) ?? 0), match);
  }

  /** All requests to the stable track; Dial's header rules removed (the canary is about to go). */
  async reset(): Promise<void> {
    await this.write(trackShares(0), null);
  }

  async finalize(): Promise<void> {
    const ref = await this.objectRef();
    const route = await this.cluster.get(ref);
    const service = (route ? this.state(route)?.service : undefined) ?? this.target.service;
    if (route) {
      const model = this.model(service);
      await updateObject(this.cluster, ref, (current) =>
        this.patch(current, restoreRules(this.rulesOf(current), this.state(current), model), {}, [
          ORIGINAL_ANNOTATION,
          WEIGHT_ANNOTATION,
        ]),
      );
    }
    await this.cleanup(service);
  }
}
