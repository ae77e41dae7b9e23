import { describe, expect, it } from '@jest/globals';
import {
  driftNote,
  readingOf,
  splitFixed,
  splitRelative,
  trackShares,
  weightedReplicaPlan,
} from '../../../src/traffic/weights.js';

const weights = Array.from({ length: 101 }, (_, i) => i);

describe('weightedReplicaPlan', () => {
  it('keeps the stable at its size and gives canary and baseline ceil(stable × w / 100), at least 1', () => {
    expect(weightedReplicaPlan(0, 4)).toEqual({ stable: 4, canary: 0, baseline: 0 });
    expect(weightedReplicaPlan(10, 4)).toEqual({ stable: 4, canary: 1, baseline: 1 });
    expect(weightedReplicaPlan(25, 4)).toEqual({ stable: 4, canary: 1, baseline: 1 });
    expect(weightedReplicaPlan(26, 4)).toEqual({ stable: 4, canary: 2, baseline: 2 });
    expect(weightedReplicaPlan(100, 4)).toEqual({ stable: 4, canary: 4, baseline: 4 });
    expect(weightedReplicaPlan(5, 0)).toEqual({ stable: 0, canary: 1, baseline: 1 });
  });
});

describe('trackShares', () => {
  it('adds up to 100 with canary = baseline for every weight, capping at 50 % each', () => {
    for (const w of weights) {
      const s = trackShares(w);
      expect(s.canary + s.baseline + s.stable).toBe(100);
      expect(s.canary).toBe(s.baseline);
      expect(s.stable).toBeGreaterThanOrEqual(0);
      expect(s.canary).toBe(Math.min(w, 50));
      expect(s.capped).toBe(w > 50);
    }
    expect(trackShares(130).asked).toBe(100);
    expect(trackShares(-3).canary).toBe(0);
  });
});

describe('splitFixed', () => {
  it('keeps the total exactly, canary = baseline', () => {
    for (const total of [100, 80, 33, 1, 0])
      for (const w of weights) {
        const p = splitFixed(total, trackShares(w));
        expect(p.stable + p.canary + p.baseline).toBe(total);
        expect(p.canary).toBe(p.baseline);
        expect(p.stable).toBeGreaterThanOrEqual(0);
      }
    expect(splitFixed(80, trackShares(10))).toEqual({ stable: 64, canary: 8, baseline: 8 });
  });
});

describe('splitRelative', () => {
  it('finds the smallest factor that keeps every part whole and in exact proportion', () => {
    expect(splitRelative(100, trackShares(10))).toEqual({ factor: 1, stable: 80, canary: 10, baseline: 10 });
    expect(splitRelative(1, trackShares(10))).toEqual({ factor: 10, stable: 8, canary: 1, baseline: 1 });
    expect(splitRelative(3, trackShares(25))).toEqual({ factor: 4, stable: 6, canary: 3, baseline: 3 });
    for (const user of [1, 2, 3, 7, 50])
      for (const w of weights) {
        const p = splitRelative(user, trackShares(w));
        expect(p.stable + p.canary + p.baseline).toBe(user * p.factor);
        expect(p.canary * 100).toBe(user * p.factor * trackShares(w).canary);
      }
  });
});

describe('readings', () => {
  it('are percent of what the tracks get, with a drift note only when they differ from what was written', () => {
    const r = readingOf({ stable: 8, canary: 1, baseline: 1 });
    expect(r).toEqual({ canary: 10, baseline: 10, stable: 80 });
    expect(driftNote(r, 10, 'x')).toBeUndefined();
    expect(driftNote(r, 25, 'HTTPRoute shop/web')).toMatch(
      /drift: HTTPRoute shop\/web has canary 10 %.*Dial last wrote 25/,
    );
    expect(driftNote(r, undefined, 'x')).toBeUndefined();
  });
});
