// Seeded randomness for the benchmark: mulberry32 (a tiny, well-known 32-bit generator; statistical
// quality is ample for Monte-Carlo traffic) and Poisson counts by Knuth's multiplication method, which is
// exact and fast enough for the per-bucket means here (at most a few hundred).

export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, to derive independent per-scenario seeds from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One seed per (run seed, scenario, run index): every engine sees the same traffic in a run. */
export function runSeed(seed: number, scenario: string, run: number): number {
  return (hashString(scenario) ^ Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(run + 1, 0x85ebca6b)) >>> 0;
}

export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  // Split large means so exp(-mean) never underflows (sum of Poissons is Poisson).
  if (mean > 500) return poisson(random, mean / 2) + poisson(random, mean / 2);
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random();
  while (product > limit) {
    k++;
    product *= random();
  }
  return k;
}
