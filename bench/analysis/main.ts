// `npm run bench:analysis -- --scenarios <file.json> [--runs N] [--seed S] [--engines ...] [--out f]
// [--json] [--workers N]`: simulates every scenario --runs times, runs each engine on the same traffic,
// prints a table and the target checks, writes the result JSON (BENCHMARK.md). Scenarios are spread over
// worker threads (one per core by default); results do not depend on the split.

import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ENGINE_NAMES, resultJson, runScenario, type EngineName, type ScenarioRun } from './run.js';
import { parseScenarios, type Scenario } from './scenario.js';
import { renderTable, renderTargets } from './table.js';
import { checkTargets } from './targets.js';

interface Job {
  scenarios: Scenario[];
  engines: EngineName[];
  runs: number;
  seed: number;
}

function parseEngines(text: string): EngineName[] {
  const names = text.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!(ENGINE_NAMES as readonly string[]).includes(n))
      throw new Error(`unknown engine ${n} (${ENGINE_NAMES.join(', ')})`);
  }
  return names as EngineName[];
}

async function runJob(job: Job): Promise<ScenarioRun[]> {
  const out: ScenarioRun[] = [];
  for (const s of job.scenarios) out.push(...(await runScenario(s, job.engines, job.runs, job.seed)));
  return out;
}

function inWorker(job: Job): Promise<ScenarioRun[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once('message', (runs: ScenarioRun[]) => resolve(runs));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`benchmark worker exited with ${code}`));
    });
  });
}

/** Deals scenarios to workers by expected cost (requests simulated), largest first. */
function split(scenarios: Scenario[], workers: number): Scenario[][] {
  const cost = (s: Scenario) => s.rps * s.durationMinutes + 100;
  const bins = Array.from({ length: workers }, () => ({ cost: 0, items: [] as Scenario[] }));
  for (const s of [...scenarios].sort((a, b) => cost(b) - cost(a))) {
    const bin = bins.reduce((a, b) => (b.cost < a.cost ? b : a));
    bin.cost += cost(s);
    bin.items.push(s);
  }
  return bins.map((b) => b.items).filter((items) => items.length > 0);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenarios: { type: 'string' },
      runs: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      engines: { type: 'string', default: ENGINE_NAMES.join(',') },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      workers: { type: 'string', default: String(availableParallelism()) },
    },
  });
  if (values.scenarios === undefined) throw new Error('--scenarios <file.json> is required');
  const scenarios = parseScenarios(readFileSync(values.scenarios, 'utf8'));
  const engines = parseEngines(values.engines);
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  const requestedWorkers = Number(values.workers);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  // NaN here would deal the scenarios to no worker at all and print an empty table.
  if (!Number.isInteger(requestedWorkers) || requestedWorkers < 1)
    throw new Error('--workers must be a positive integer');
  const workers = Math.min(requestedWorkers, scenarios.length);

  const started = performance.now();
  const parts = split(scenarios, workers);
  const results = (
    await Promise.all(
      parts.map((part) => (workers === 1 ? runJob : inWorker)({ scenarios: part, engines, runs, seed })),
    )
  ).flat();
  const order = new Map(scenarios.map((s, i) => [s.name, i]));
  results.sort((a, b) => (order.get(a.result.scenario) ?? 0) - (order.get(b.result.scenario) ?? 0));
  const seconds = (performance.now() - started) / 1000;

  process.stdout.write(`${renderTable(results, engines)}\n\n`);
  if (engines.includes('dial'))
    process.stdout.write(`Targets (dial):\n${renderTargets(checkTargets(results))}\n\n`);
  process.stdout.write(
    `${scenarios.length} scenarios × ${runs} runs, seed ${seed}, ${workers} worker(s), ${seconds.toFixed(1)} s\n`,
  );
  const json = `${JSON.stringify(resultJson(results), null, 2)}\n`;
  if (values.out !== undefined) writeFileSync(values.out, json);
  else if (values.json) process.stdout.write(json);
}

if (isMainThread) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:analysis: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  runJob(workerData as Job).then(
    (runs) => parentPort?.postMessage(runs),
    (error: unknown) => {
      throw error;
    },
  );
}
