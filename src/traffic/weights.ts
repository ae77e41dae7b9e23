// Weights as the mesh and gateway routers write them: the canary and the baseline get the same share,
// the stable the rest, and the numbers always add up to the router's total. Pure arithmetic, shared by
// every router that splits by request rather than by pod.
import { percent, type ReplicaPlan, type WeightReading } from './router.js';

/**
 * Pods per track when a router splits requests by weight: the stable keeps its size (it still takes
 * most requests), canary and baseline get the same number, enough for their share of the stable's
 * load: max(1, ceil(stable × weight / 100)), none at weight 0.
 */
export function weightedReplicaPlan(weight: number, stableReplicas: number): ReplicaPlan {
  const stable = Math.max(0, stableReplicas);
  if (weight <= 0) return { stable, baseline: 0, canary: 0 };
  const arm = Math.max(1, Math.ceil((stable * Math.min(weight, 100)) / 100));
  return { stable, baseline: arm, canary: arm };
}

/** Integer percent per track for a requested canary weight. */
export interface TrackShares {
  canary: number;
  baseline: number;
  stable: number;
  /** The weight asked for (rounded to a whole percent, within 0..100). */
  asked: number;
  /** True when the canary got less than asked because the baseline must get as much (asked > 50). */
  capped: boolean;
}

/** canary w %, baseline w %, stable 100 − 2w %; above 50 % the canary and the baseline stop at 50 % each. */
export function trackShares(weight: number): TrackShares {
  const asked = Math.min(100, Math.max(0, Math.round(weight)));
  const arm = Math.min(asked, 50);
  return { canary: arm, baseline: arm, stable: 100 - 2 * arm, asked, capped: asked > 50 };
}

/** Why a reading differs from what was asked, when it is capped. */
export function cappedNote(shares: TrackShares): string | undefined {
  return shares.capped
    ? `canary weight ${shares.asked} % capped at ${shares.canary} %: the baseline gets as much as the canary, the stable the rest (${shares.stable} %)`
    : undefined;
}

/**
 * A share of `total` (an integer weight a user's backend had) split into the tracks so that the parts
 * add up to exactly `total`, canary = baseline (both rounded down, the stable takes the remainder).
 * For routers whose weights must keep summing to a fixed total (Istio: 100).
 */
export function splitFixed(
  total: number,
  shares: TrackShares,
): { stable: number; canary: number; baseline: number } {
  const arm = Math.floor((total * shares.canary) / 100);
  return { stable: total - 2 * arm, canary: arm, baseline: arm };
}

/**
 * Relative weights (Gateway API, SMI): the user's backend of weight `userWeight` next to others. Returns
 * the smallest factor all weights are multiplied by so that the tracks' parts are whole numbers in the
 * exact proportion asked, and the parts (already multiplied).
 */
export function splitRelative(
  userWeight: number,
  shares: TrackShares,
): { factor: number; stable: number; canary: number; baseline: number } {
  for (const factor of [1, 2, 4, 5, 10, 20, 25, 50, 100]) {
    const whole = userWeight * factor;
    if ((whole * shares.canary) % 100 === 0) {
      const arm = (whole * shares.canary) / 100;
      return { factor, stable: whole - 2 * arm, canary: arm, baseline: arm };
    }
  }
  // Unreachable: factor 100 always divides.
  const arm = userWeight * shares.canary;
  return { factor: 100, stable: userWeight * 100 - 2 * arm, canary: arm, baseline: arm };
}

/** Track weights as read back, in the router's own units. */
export interface TrackWeights {
  stable: number;
  canary: number;
  baseline: number;
}

/** The reading in percent of what the three tracks get together. */
export function readingOf(weights: TrackWeights, notes: (string | undefined)[] = []): WeightReading {
  const all = weights.stable + weights.canary + weights.baseline;
  const reading: WeightReading = {
    canary: percent(weights.canary, all),
    baseline: percent(weights.baseline, all),
    stable: all <= 0 ? 0 : percent(weights.stable, all),
  };
  const note = notes.filter((n): n is string => n !== undefined && n !== '').join('; ');
  return note ? { ...reading, note } : reading;
}

/**
 * A note when the weights read back are not those Dial last wrote for `written` (someone else changed
 * the object since), undefined when they are.
 */
export function driftNote(
  reading: WeightReading,
  written: number | undefined,
  what: string,
): string | undefined {
  if (written === undefined) return undefined;
  const expected = trackShares(written);
  const same =
    Math.abs(reading.canary - expected.canary) < 0.05 &&
    Math.abs(reading.baseline - expected.baseline) < 0.05 &&
    Math.abs(reading.stable - expected.stable) < 0.05;
  return same
    ? undefined
    : `drift: ${what} has canary ${reading.canary} %, baseline ${reading.baseline} %, stable ${reading.stable} % but Dial last wrote ${expected.canary} / ${expected.baseline} / ${expected.stable} % (weight ${written}); someone else changed it`;
}
