import { describe, expect, it } from '@jest/globals';
import {
  REGRESSION_GRID,
  eValue,
  newMixtureTest,
  rejects,
  updateMixtureTest,
  type MixtureTest,
} from '../../../src/analysis/sequential.js';
import { mulberry32, poisson, type Random } from '../../../bench/analysis/random.js';

/** Central hypergeometric pmf, computed independently of the code under test. */
function hypergeometric(nC: number, nB: number, m: number, x: number): number {
  const choose = (n: number, k: number): number => {
    let r = 1;
    for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
    return r;
  };
  return (choose(nC, x) * choose(nB, m - x)) / choose(nC + nB, m);
}

function binomial(random: Random, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
}

/**
 * Simulates one analysis: `intervals` windows of Poisson traffic with the given bad rates, the test looked
 * at after every window. Returns the interval it rejected at, or -1.
 */
function simulate(
  random: Random,
  opts: {
    intervals: number;
    canaryMean: number;
    baselineMean: number;
    canaryBad: (t: number) => number;
    baselineBad: (t: number) => number;
    alpha: number;
  },
): number {
  let test: MixtureTest = newMixtureTest(1, REGRESSION_GRID);
  for (let t = 0; t < opts.intervals; t++) {
    const nC = poisson(random, opts.canaryMean);
    const nB = poisson(random, opts.baselineMean);
    const canary = { total: nC, bad: binomial(random, nC, opts.canaryBad(t)) };
    const baseline = { total: nB, bad: binomial(random, nB, opts.baselineBad(t)) };
    test = updateMixtureTest(test, canary, baseline);
    if (rejects(test, opts.alpha)) return t;
  }
  return -1;
}

describe('mixture likelihood-ratio test on the conditional counts', () => {
  it('starts at e = 1 and ignores windows without bad requests or without traffic', () => {
    let test = newMixtureTest(1, REGRESSION_GRID);
    expect(eValue(test)).toBeCloseTo(1, 12);
    test = updateMixtureTest(test, { total: 100, bad: 0 }, { total: 100, bad: 0 });
    test = updateMixtureTest(test, { total: 0, bad: 0 }, { total: 100, bad: 5 });
    expect(eValue(test)).toBeCloseTo(1, 12);
  });

  it('is a fair bet under the null: the expected one-window likelihood ratio is exactly 1', () => {
    for (const [nC, nB, m] of [
      [10, 10, 3],
      [7, 30, 9],
      [50, 40, 45],
    ] as const) {
      for (const c of newMixtureTest(1, REGRESSION_GRID).components) {
        let expectation = 0;
        for (let x = Math.max(0, m - nB); x <= Math.min(nC, m); x++) {
          const single: MixtureTest = { nullRatio: 1, components: [{ ...c, weight: 1, logLR: 0 }] };
          const after = updateMixtureTest(single, { total: nC, bad: x }, { total: nB, bad: m - x });
          expectation += hypergeometric(nC, nB, m, x) * eValue(after);
        }
        expect(expectation).toBeCloseTo(1, 9);
      }
    }
  });

  it('grows with canary-heavy bad requests and shrinks with baseline-heavy ones', () => {
    const start = newMixtureTest(1, REGRESSION_GRID);
    const worse = updateMixtureTest(start, { total: 100, bad: 8 }, { total: 100, bad: 1 });
    const better = updateMixtureTest(start, { total: 100, bad: 1 }, { total: 100, bad: 8 });
    expect(eValue(worse)).toBeGreaterThan(1);
    expect(eValue(better)).toBeLessThan(1);
  });

  it('uses each arm’s own traffic: the same bad counts mean more when the canary served less', () => {
    const start = newMixtureTest(1, REGRESSION_GRID);
    const smallCanary = updateMixtureTest(start, { total: 20, bad: 4 }, { total: 180, bad: 4 });
    const equal = updateMixtureTest(start, { total: 100, bad: 4 }, { total: 100, bad: 4 });
    expect(eValue(smallCanary)).toBeGreaterThan(10);
    expect(eValue(equal)).toBeLessThan(1);
  });

  it('keeps its α in an A/A simulation checked every interval (fixed seed)', () => {
    const random = mulberry32(20260101);
    const alpha = 0.05;
    const runs = 1000;
    let rejected = 0;
    for (let r = 0; r < runs; r++) {
      const at = simulate(random, {
        intervals: 180,
        canaryMean: 10,
        baselineMean: 10,
        canaryBad: () => 0.02,
        baselineBad: () => 0.02,
        alpha,
      });
      if (at >= 0) rejected++;
    }
    // The bound is α (Ville's inequality); the binomial noise of 1000 runs at 5 % is about 0.7 %.
    expect(rejected / runs).toBeLessThanOrEqual(alpha);
  });

  it('keeps its α with unequal traffic and a shared incident', () => {
    const random = mulberry32(7);
    const alpha = 0.05;
    const runs = 500;
    let rejected = 0;
    const incident = (t: number) => (t >= 20 && t < 50 ? 0.2 : 0.01);
    for (let r = 0; r < runs; r++) {
      const at = simulate(random, {
        intervals: 120,
        canaryMean: 5,
        baselineMean: 45,
        canaryBad: incident,
        baselineBad: incident,
        alpha,
      });
      if (at >= 0) rejected++;
    }
    expect(rejected / runs).toBeLessThanOrEqual(alpha);
  });

  it('detects a real regression (4× errors) in nearly every run', () => {
    const random = mulberry32(99);
    let detected = 0;
    for (let r = 0; r < 200; r++) {
      const at = simulate(random, {
        intervals: 180,
        canaryMean: 50,
        baselineMean: 50,
        canaryBad: () => 0.02,
        baselineBad: () => 0.005,
        alpha: 0.05,
      });
      if (at >= 0) detected++;
    }
    expect(detected / 200).toBeGreaterThanOrEqual(0.98);
  });
});
