// The rule rewriting the Gateway API and Istio routers share. A route object has an ordered list of
// rules (HTTPRoute `spec.rules`, VirtualService `spec.http`), each with a list of weighted backends
// (`backendRefs`, `route`). Dial changes only the rules that send requests to the user's Service: that
// backend becomes three (stable, canary, baseline); a header route is a copy of such a rule placed
// before it, with one more header match and only the canary behind it. The backends of every rule Dial
// changed are kept (in order) so that finalize gives them back exactly.
import { copy, isJson, objs, str, type Json } from './objects.js';
import type { HeaderMatch } from './router.js';
import type { TrackShares, TrackWeights } from './weights.js';

export type Track = 'stable' | 'canary' | 'baseline';
export const TRACKS: readonly Track[] = ['stable', 'canary', 'baseline'];

/** Names of the rules Dial adds for a header route: `dial-header-<n>`. */
export const HEADER_RULE_PREFIX = 'dial-header-';

export const isHeaderRule = (rule: Json): boolean => str(rule.name)?.startsWith(HEADER_RULE_PREFIX) === true;

/** How one kind of route object spells its rules' backends. */
export interface RuleModel {
  /** The user's Service. */
  readonly service: string;
  entries(rule: Json): Json[];
  withEntries(rule: Json, entries: Json[]): Json;
  isUser(entry: Json): boolean;
  trackOf(entry: Json): Track | undefined;
  weightOf(entry: Json, entries: Json[]): number;
  /** The rule's original backends with the user's Service split into the tracks. */
  weighted(original: Json[], shares: TrackShares): Json[];
  /** Without a record of the original: Dial's track backends folded back into the user's Service. */
  fold(current: Json[]): Json[];
  /** A copy of `rule` matching only requests with the header, to `canary` alone. */
  headerRule(rule: Json, n: number, header: HeaderMatch, canary: Json): Json;
}

/** What the annotation keeps: the user's Service and, per rule Dial changed (in order), its backends. */
export interface RuleState {
  service: string;
  rules: { backends: Json[] }[];
}

export function parseRuleState(raw: unknown): RuleState | undefined {
  if (!isJson(raw) || typeof raw.service !== 'string') return undefined;
  return { service: raw.service, rules: objs(raw.rules).map((r) => ({ backends: objs(r.backends) })) };
}

const hasTrack = (model: RuleModel, rule: Json) =>
  model.entries(rule).some((e) => model.trackOf(e) !== undefined);
const hasUser = (model: RuleModel, rule: Json) => model.entries(rule).some((e) => model.isUser(e));

/**
 * The rules with the tracks weighted as `shares` asks, and the state to keep. `header`: undefined keeps
 * Dial's header rules, null removes them, a match replaces them (one before every rule Dial weights).
 */
export function weightRules(
  rules: Json[],
  prior: RuleState | undefined,
  model: RuleModel,
  shares: TrackShares,
  header: HeaderMatch | null | undefined,
): { rules: Json[]; state: RuleState } {
  const state: RuleState = { service: model.service, rules: copy(prior?.rules ?? []) };
  const out: Json[] = [];
  let n = 0;
  for (const rule of rules) {
    if (isHeaderRule(rule)) {
      if (header === undefined) out.push(rule);
      continue;
    }
    const tracked = hasTrack(model, rule);
    if (!tracked && !hasUser(model, rule)) {
      out.push(rule);
      continue;
    }
    const current = model.entries(rule);
    // A rule still routing to the user's Service (the first time, or someone put it back): its
    // backends as they are now are the ones to give back.
    if (!tracked) state.rules[n] = { backends: copy(current) };
    state.rules[n] ??= { backends: model.fold(current) };
    const weighted = model.withEntries(rule, model.weighted(copy(state.rules[n]!.backends), shares));
    if (header) {
      const canary = model.entries(weighted).find((e) => model.trackOf(e) === 'canary');
      if (canary) out.push(model.headerRule(weighted, n, header, canary));
    }
    out.push(weighted);
    n++;
  }
  if (n === 0) throw new Error(`no rule routes to Service ${model.service}`);
  return { rules: out, state };
}

/** The rules as they were: Dial's header rules gone, the original backends back. */
export function restoreRules(rules: Json[], prior: RuleState | undefined, model: RuleModel): Json[] {
  const out: Json[] = [];
  let n = 0;
  for (const rule of rules) {
    if (isHeaderRule(rule)) continue;
    const tracked = hasTrack(model, rule);
    if (!tracked && !hasUser(model, rule)) {
      out.push(rule);
      continue;
    }
    out.push(
      tracked
        ? model.withEntries(rule, copy(prior?.rules[n]?.backends ?? model.fold(model.entries(rule))))
        : rule,
    );
    n++;
  }
  return out;
}

/** Track weights per rule Dial weights (in the route's units), and the weight of other backends beside. */
export function trackWeights(rules: Json[], model: RuleModel): { weights: TrackWeights; others: number }[] {
  const out: { weights: TrackWeights; others: number }[] = [];
  for (const rule of rules) {
    if (isHeaderRule(rule) || !hasTrack(model, rule)) continue;
    const weights: TrackWeights = { stable: 0, canary: 0, baseline: 0 };
    let others = 0;
    const entries = model.entries(rule);
    for (const e of entries) {
      const t = model.trackOf(e);
      if (t) weights[t] += model.weightOf(e, entries);
      else others += model.weightOf(e, entries);
    }
    out.push({ weights, others });
  }
  return out;
}
