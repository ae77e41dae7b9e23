// `npm run bench:kube [-- --runs 3] [--out FILE] [--verbose]`: a 4-step canary of a Deployment on the
// real test bed (deploy v1; canary 10, 25, 50 %; promote) made (a) by Dial's rollout engine with the
// replica-ratio router, through openService as the CLI wires it, and (b) with one kubectl process per
// operation as Azure/k8s-deploy makes it. Runs alternate a, b, a, b, … each in a namespace of its own
// (random suffix, deleted afterwards, outside the timings). Prints the medians per operation and the
// ratio of the total wall times (goal ≤ 0.2), writes the JSON to bench/results/kube-<date>.json (or
// --out). Reuses the test bed when one is up; stops it at the end only if it started it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { loadKubeConfig } from '../../src/kube/client.js';
import { acquireBed, stopBed, type BedState } from '../../testbed/src/bed.js';
import { binDir, repoRoot, versions } from '../../testbed/src/paths.js';
import { runDial } from './dial-side.js';
import { runKubectl } from './kubectl-side.js';
import {
  GOAL,
  renderBreakdown,
  renderTable,
  summarize,
  totals,
  type RunResult,
  type Side,
} from './report.js';
import { REPLICAS, SERVICE, WEIGHTS, plans } from './workload.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function statusCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** A namespace with its default ServiceAccount (pods are refused until it exists). Not timed. */
async function createNamespace(core: CoreV1Api, name: string): Promise<void> {
  await core.createNamespace({
    body: { metadata: { name, labels: { 'app.kubernetes.io/part-of': 'dial-bench-kube' } } },
  });
  for (let waited = 0; ; waited += 100) {
    try {
      await core.readNamespacedServiceAccount({ name: 'default', namespace: name });
      return;
    } catch (err) {
      if (statusCode(err) !== 404 || waited > 60_000) throw err;
      await sleep(100);
    }
  }
}

/** Deletes the namespace and waits until it is gone, so its pods do not load the next run. Not timed. */
async function deleteNamespace(core: CoreV1Api, name: string, log: (line: string) => void): Promise<void> {
  try {
    await core.deleteNamespace({ name });
  } catch (err) {
    if (statusCode(err) === 404) return;
    throw err;
  }
  for (let waited = 0; waited < 120_000; waited += 250) {
    try {
      await core.readNamespace({ name });
    } catch (err) {
      if (statusCode(err) === 404) return;
      throw err;
    }
    await sleep(250);
  }
  log(`bench:kube: namespace ${name} still terminating after 120 s; going on`);
}

async function oneRun(
  side: Side,
  run: number,
  kc: KubeConfig,
  kubeconfig: string,
  kubectl: string,
  log: (line: string) => void,
): Promise<RunResult> {
  const core = kc.makeApiClient(CoreV1Api);
  const namespace = `bench-kube-${side}-${randomBytes(3).toString('hex')}`;
  await createNamespace(core, namespace);
  try {
    const operations =
      side === 'dial'
        ? await runDial(kc, namespace, log)
        : await runKubectl(kubectl, kubeconfig, namespace, log);
    return totals(side, run, namespace, operations);
  } finally {
    await deleteNamespace(core, namespace, log);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      out: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const detail = values.verbose ? say : () => undefined;

  const { state, started } = await acquireBed({ log: say });
  let stopping: Promise<void> | undefined;
  const stop = (bed: BedState) => (stopping ??= stopBed(bed, { log: say }));
  const onSignal = (signal: NodeJS.Signals) => {
    say(`bench:kube: ${signal}${started ? '; stopping the test bed this run started' : ''}`);
    void (started ? stop(state) : Promise.resolve()).finally(() =>
      process.exit(signal === 'SIGINT' ? 130 : 143),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const kubeconfig = state.env.KUBECONFIG;
    if (kubeconfig === undefined) throw new Error('the test bed has no KUBECONFIG');
    const kubectl = join(process.env.DIAL_TESTBED_BIN || binDir(), 'kubectl');
    if (!existsSync(kubectl)) throw new Error(`no kubectl in the test bed's binaries (${kubectl})`);
    const kc = loadKubeConfig({ kubeconfig });

    const results: RunResult[] = [];
    for (let run = 1; run <= runs; run++) {
      for (const side of ['dial', 'kubectl'] as const) {
        say(`bench:kube: run ${run}/${runs}, ${side}`);
        const result = await oneRun(side, run, kc, kubeconfig, kubectl, detail);
        say(
          `  ${side}: ${Math.round(result.totalMs)} ms, ${result.totalRequests} API requests` +
            (side === 'kubectl' ? `, ${result.totalProcesses} kubectl processes` : ''),
        );
        results.push(result);
      }
    }

    const summary = summarize(results);
    process.stdout.write(`${renderTable(summary, runs)}\n`);
    const lastDial = results.filter((r) => r.side === 'dial').at(-1);
    if (lastDial) process.stdout.write(`\n${renderBreakdown(lastDial)}\n`);
    const now = new Date();
    const file =
      values.out ?? join(repoRoot(), 'bench', 'results', `kube-${now.toISOString().slice(0, 10)}.json`);
    const json = {
      benchmark: 'bench:kube',
      date: now.toISOString(),
      goal: `Dial total wall time ≤ ${GOAL} × kubectl's`,
      ratio: summary.ratio,
      ratioOutsideWaits: summary.ownRatio,
      floorRatio: summary.floorRatio,
      met: summary.ratio <= GOAL,
      environment: {
        node: process.version,
        cores: availableParallelism(),
        testbed: { ...versions(), reused: !started },
      },
      workload: {
        service: SERVICE,
        replicas: REPLICAS,
        weights: WEIGHTS,
        plans: WEIGHTS.map((weight, i) => ({ weight, ...plans()[i] })),
      },
      method: {
        runs,
        order: 'alternating dial, kubectl per run; each run in its own namespace',
        dial: 'openService + RolloutEngine per operation, in one Node process; requests = OpenedService.requests()',
        kubectl: 'one kubectl process per call (execFile, -v=6); requests = -v=6 request lines',
        medians: 'per operation over runs; total = median of run totals',
        waits:
          'waitMs = wall time in KubeCluster.waitRollout (union of parallel waits) / kubectl rollout status processes',
      },
      summary: summary.operations,
      runs: results,
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    say(`bench:kube: wrote ${file}`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (started) await stop(state);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:kube: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
