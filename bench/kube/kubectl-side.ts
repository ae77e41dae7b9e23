// Side (b): the same object changes made the way Azure/k8s-deploy makes them — one kubectl process per
// operation (execFile with an argument array, never a shell), manifests written to files and applied
// with `kubectl apply -f a,b` (client-side apply, its default), `kubectl rollout status` for each
// workload in turn, `kubectl get -o json` to read objects, `kubectl annotate -f` on what was applied.
// The canary and baseline Deployments are Dial's own (src/rollout/tracks.ts), with the replica counts
// of Dial's replica-ratio router, scaled in the same order (up, wait, down, wait), so both sides ask the
// controllers for exactly the same pods. Every kubectl runs with `-v=6`, which logs one line per HTTP
// request; those lines are the API request count. Discovery is cached in a folder per run (a fresh
// runner's cache: the first invocation fills it, later ones reuse it).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject, V1Deployment, V1PodTemplateSpec } from '@kubernetes/client-node';
import { trackDeployment, trackName, type Track } from '../../src/rollout/tracks.js';
import type { ReplicaPlan } from '../../src/traffic/router.js';
import type { OperationResult } from './dial-side.js';
import { OPERATIONS, REPLICAS, SERVICE, WEIGHTS, plans, releaseObjects, type Operation } from './workload.js';

/** A `-v=6` request line: `"Response" verb="GET" url=…` (klog structured) or `GET https://… 200 OK` (older). */
const REQUEST_LINE = /"Response" verb="[A-Z]+"|\] (?:GET|HEAD|POST|PUT|PATCH|DELETE) https?:\/\//;
const ANNOTATION = 'dial.dev/bench-workflow';
const TIMEOUT = '600s';

export function countRequestLines(stderr: string): number {
  return stderr.split('\n').filter((line) => REQUEST_LINE.test(line)).length;
}

class Kubectl {
  processes = 0;
  requests = 0;
  /** Wall time of the `kubectl rollout status` processes. */
  waitMs = 0;

  constructor(
    private readonly binary: string,
    private readonly kubeconfig: string,
    private readonly cacheDir: string,
    private readonly namespace: string,
    private readonly log: (line: string) => void,
  ) {}

  run(args: string[]): Promise<string> {
    const argv = [
      `--kubeconfig=${this.kubeconfig}`,
      `--cache-dir=${this.cacheDir}`,
      `--namespace=${this.namespace}`,
      '-v=6',
      ...args,
    ];
    this.processes++;
    this.log(`kubectl ${args.join(' ')}`);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      execFile(this.binary, argv, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (args[0] === 'rollout') this.waitMs += performance.now() - started;
        this.requests += countRequestLines(stderr);
        if (error) {
          const said = stderr
            .split('\n')
            .filter((line) => line !== '' && !/^I\d{4} /.test(line))
            .join('\n');
          reject(new Error(`kubectl ${args.join(' ')}: ${said || error.message}`));
        } else resolve(stdout);
      });
    });
  }
}

export async function runKubectl(
  binary: string,
  kubeconfig: string,
  namespace: string,
  log: (line: string) => void,
): Promise<OperationResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dial-bench-kubectl-'));
  try {
    return await sequence(
      new Kubectl(binary, kubeconfig, join(dir, 'cache'), namespace, log),
      dir,
      namespace,
      log,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sequence(
  kubectl: Kubectl,
  dir: string,
  namespace: string,
  log: (line: string) => void,
): Promise<OperationResult[]> {
  let written = 0;
  /** Writes the objects one file each (as k8s-deploy does) and returns the `-f` argument. */
  const files = (objects: KubernetesObject[]): string =>
    objects
      .map((object) => {
        const file = join(dir, `${++written}-${object.kind}-${object.metadata?.name}.json`);
        writeFileSync(file, `${JSON.stringify(object, null, 2)}\n`);
        return file;
      })
      .join(',');
  const apply = (objects: KubernetesObject[]) => kubectl.run(['apply', '-f', files(objects)]);
  const status = (track: Track) =>
    kubectl.run(['rollout', 'status', `deployment/${trackName(SERVICE, track)}`, `--timeout=${TIMEOUT}`]);
  const scale = (replicas: number) =>
    kubectl.run(['scale', `deployment/${SERVICE}`, `--replicas=${replicas}`]);
  const getStable = async () =>
    JSON.parse(await kubectl.run(['get', 'deployment', SERVICE, '-o', 'json'])) as V1Deployment;
  /** The state k8s-deploy keeps: a record object applied, and the applied objects annotated. */
  const record = async (phase: string, applied: string, detail: Record<string, unknown>) => {
    await apply([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${SERVICE}-rollout-state`, namespace },
        data: { 'record.json': JSON.stringify({ phase, ...detail, updatedAt: new Date().toISOString() }) },
      } as KubernetesObject,
    ]);
    await kubectl.run([
      'annotate',
      '-f',
      applied,
      `${ANNOTATION}={"run":"bench","phase":"${phase}"}`,
      '--overwrite',
    ]);
  };

  const results: OperationResult[] = [];
  const measure = async (operation: Operation, body: () => Promise<string>) => {
    log(`kubectl: ${operation}`);
    const before = { processes: kubectl.processes, requests: kubectl.requests, waitMs: kubectl.waitMs };
    const started = performance.now();
    const note = await body();
    results.push({
      operation,
      ms: performance.now() - started,
      requests: kubectl.requests - before.requests,
      processes: kubectl.processes - before.processes,
      waitMs: kubectl.waitMs - before.waitMs,
      note,
    });
  };

  // deploy v1: apply, wait, record.
  await measure(OPERATIONS[0], async () => {
    const applied = files(releaseObjects(namespace, 'v1'));
    await kubectl.run(['apply', '-f', applied]);
    await status('stable');
    await record('idle', applied, { release: 'v1' });
    return 'deployed';
  });

  // canary 10/25/50: the stable read, canary and baseline applied at the larger of their old and new
  // sizes, the stable grown if it must, each waited for; then what shrinks, waited for; the weights read back.
  const v2 = releaseObjects(namespace, 'v2');
  const canaryTemplate = (v2[0] as V1Deployment).spec!.template as V1PodTemplateSpec;
  let have: ReplicaPlan = { stable: REPLICAS, baseline: 0, canary: 0 };
  let baselineTemplate: V1PodTemplateSpec | undefined;
  const tracks = (stable: V1Deployment, canary: number, baseline: number) => [
    trackDeployment({
      stable,
      template: canaryTemplate,
      track: 'canary',
      replicas: canary,
      service: SERVICE,
      release: 'v2',
    }),
    trackDeployment({
      stable,
      template: baselineTemplate!,
      track: 'baseline',
      replicas: baseline,
      service: SERVICE,
      release: 'v2',
    }),
  ];
  for (const [i, plan] of plans().entries()) {
    await measure(OPERATIONS[i + 1]!, async () => {
      const stable = await getStable();
      baselineTemplate ??= stable.spec!.template;
      const applied = files(
        tracks(stable, Math.max(have.canary, plan.canary), Math.max(have.baseline, plan.baseline)),
      );
      await kubectl.run(['apply', '-f', applied]);
      const grows = plan.stable > have.stable;
      if (grows) await scale(plan.stable);
      await status('canary');
      await status('baseline');
      if (grows) await status('stable');
      if (plan.canary < have.canary || plan.baseline < have.baseline) {
        await apply(tracks(stable, plan.canary, plan.baseline));
        await status('canary');
        await status('baseline');
      }
      if (plan.stable < have.stable) {
        await scale(plan.stable);
        await status('stable');
      }
      have = plan;
      const list = JSON.parse(
        await kubectl.run([
          'get',
          'deployment',
          SERVICE,
          trackName(SERVICE, 'canary'),
          trackName(SERVICE, 'baseline'),
          '-o',
          'json',
        ]),
      ) as { items: V1Deployment[] };
      const ready = (name: string) =>
        list.items.find((d) => d.metadata?.name === name)?.status?.readyReplicas ?? 0;
      const all = ready(SERVICE) + ready(`${SERVICE}-canary`) + ready(`${SERVICE}-baseline`);
      const effective = all === 0 ? 0 : Math.round((ready(`${SERVICE}-canary`) / all) * 1000) / 10;
      await record('progressing', applied, { weight: WEIGHTS[i], effective });
      return `canary at ${WEIGHTS[i]}% (effective ${effective}%)`;
    });
  }

  // promote: the stable gets the new template and its replica count (the release's manifests applied),
  // waited for; canary and baseline deleted; recorded.
  await measure(OPERATIONS[OPERATIONS.length - 1]!, async () => {
    const applied = files(v2);
    await kubectl.run(['apply', '-f', applied]);
    // `kubectl scale` changed spec.replicas behind client-side apply's back: the manifest's count equals
    // the last applied one, so apply leaves the live count alone and it must be set again.
    if (have.stable !== REPLICAS) await scale(REPLICAS);
    await status('stable');
    await kubectl.run(['delete', 'deployment', trackName(SERVICE, 'canary'), trackName(SERVICE, 'baseline')]);
    await record('idle', applied, { release: 'v2' });
    return 'promoted';
  });
  return results;
}
