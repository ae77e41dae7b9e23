// Medians over the runs, the table and the result JSON of `npm run bench:kube`.
import type { OperationResult } from './dial-side.js';
import { OPERATIONS, type Operation } from './workload.js';

export type Side = 'dial' | 'kubectl';

export interface RunResult {
  side: Side;
  run: number;
  namespace: string;
  operations: OperationResult[];
  totalMs: number;
  /** Of totalMs, the time spent waiting for rollouts. */
  totalWaitMs: number;
  totalRequests: number;
  totalProcesses: number;
}

export interface Figures {
  ms: number;
  /** Wall time outside rollout waits: the tool's own cost. */
  ownMs: number;
  requests: number;
  processes: number;
}

export interface Summary {
  operations: Array<{ operation: Operation | 'total'; dial: Figures; kubectl: Figures }>;
  /** Median Dial total wall time over median kubectl total wall time. */
  ratio: number;
  /** The same for the time outside rollout waits. */
  ownRatio: number;
  /**
   * Dial's rollout waits alone over kubectl's total: the ratio Dial would reach with no cost of its own,
   * since the controllers take that long to create and remove the pods whoever asks.
   */
  floorRatio: number;
}

export const GOAL = 0.2;

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function totals(side: Side, run: number, namespace: string, operations: OperationResult[]): RunResult {
  const sum = (f: (o: OperationResult) => number) => operations.reduce((s, o) => s + f(o), 0);
  return {
    side,
    run,
    namespace,
    operations,
    totalMs: sum((o) => o.ms),
    totalWaitMs: sum((o) => o.waitMs),
    totalRequests: sum((o) => o.requests),
    totalProcesses: sum((o) => o.processes),
  };
}

/** Per operation, the median of each figure over the runs of a side; `total` is the median of the run totals. */
export function summarize(runs: RunResult[]): Summary {
  const of = (side: Side) => runs.filter((r) => r.side === side);
  const figures = (side: Side, operation: Operation): Figures => {
    const ops = of(side).flatMap((r) => r.operations.filter((o) => o.operation === operation));
    return {
      ms: median(ops.map((o) => o.ms)),
      ownMs: median(ops.map((o) => o.ms - o.waitMs)),
      requests: median(ops.map((o) => o.requests)),
      processes: median(ops.map((o) => o.processes)),
    };
  };
  const total = (side: Side): Figures => ({
    ms: median(of(side).map((r) => r.totalMs)),
    ownMs: median(of(side).map((r) => r.totalMs - r.totalWaitMs)),
    requests: median(of(side).map((r) => r.totalRequests)),
    processes: median(of(side).map((r) => r.totalProcesses)),
  });
  const dial = total('dial');
  const kubectl = total('kubectl');
  return {
    operations: [
      ...OPERATIONS.map((operation) => ({
        operation,
        dial: figures('dial', operation),
        kubectl: figures('kubectl', operation),
      })),
      { operation: 'total' as const, dial, kubectl },
    ],
    ratio: dial.ms / kubectl.ms,
    ownRatio: dial.ownMs / kubectl.ownMs,
    floorRatio: median(of('dial').map((r) => r.totalWaitMs)) / kubectl.ms,
  };
}

const ms = (n: number) => Math.round(n).toString();
const num = (n: number) => (Number.isInteger(n) ? n.toString() : n.toFixed(1));

export function renderTable(summary: Summary, runs: number): string {
  const lines = [
    '| operation | Dial ms | kubectl ms | Dial/kubectl | Dial ms outside waits | kubectl ms outside waits | ' +
      'Dial API requests | kubectl API requests | kubectl processes |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of summary.operations) {
    const name = row.operation === 'total' ? '**total**' : row.operation;
    lines.push(
      `| ${name} | ${ms(row.dial.ms)} | ${ms(row.kubectl.ms)} | ${(row.dial.ms / row.kubectl.ms).toFixed(2)} | ` +
        `${ms(row.dial.ownMs)} | ${ms(row.kubectl.ownMs)} | ` +
        `${num(row.dial.requests)} | ${num(row.kubectl.requests)} | ${num(row.kubectl.processes)} |`,
    );
  }
  const met = summary.ratio <= GOAL;
  lines.push(
    '',
    `Medians of ${runs} run(s) per side (total: median of the run totals). ` +
      `Ratio Dial/kubectl total wall time: ${summary.ratio.toFixed(3)} ` +
      `(goal ≤ ${GOAL}: ${met ? 'MET' : 'NOT MET'}).`,
    `Outside rollout waits (waitRollout / \`kubectl rollout status\`, the tools' own cost): ` +
      `ratio ${summary.ownRatio.toFixed(3)}. Dial's rollout waits alone are ${summary.floorRatio.toFixed(3)} of ` +
      `kubectl's total: the best ratio any client that waits for the same rollouts can reach here.`,
  );
  return lines.join('\n');
}

/** Dial's requests of one run by operation and `VERB path`: what repeats shows here. */
export function renderBreakdown(run: RunResult): string {
  const lines = [`Dial API requests of run ${run.run} by operation (namespace shown as NS):`];
  for (const op of run.operations) {
    lines.push(`  ${op.operation}: ${op.requests}`);
    const rows = Object.entries(op.breakdown ?? {}).sort(([a], [b]) => a.localeCompare(b));
    for (const [key, count] of rows) lines.push(`    ${String(count).padStart(3)}  ${key}`);
  }
  return lines.join('\n');
}
