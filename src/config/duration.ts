// Durations as written in dial.yaml (`30s`, `5m`, `1h30m`, `7d`); the schema's pattern guarantees the shape.

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const PART = /([0-9]+)([smhd])/g;

export function durationSeconds(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART))
    total += Number(amount) * (UNIT_SECONDS[unit ?? 's'] ?? 1);
  return total;
}

/** Seconds back to the shortest readable form: 90 -> `1m30s`, 3600 -> `1h`. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  let rest = seconds;
  let out = '';
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
