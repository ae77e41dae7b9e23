// Side (a): Dial. Each operation opens the service through openService (src/rollout/open.ts) exactly as
// the `dial` CLI wires it — `deploy`/`canary` with what dial.yaml gives (workload, router, the release's
// settings), `promote` with only the service and namespace — and runs the engine command. API requests
// are the opened service's counters (cluster + state store + Lease); wall time includes the open.
// The time spent waiting for rollouts (KubeCluster.waitRollout, timed from outside; parallel waits
// count once) is reported apart: the rest is the tool's own cost.
import type { KubeConfig, RequestContext } from '@kubernetes/client-node';
import { KubeCluster } from '../../src/kube/cluster.js';
import type { NewRelease, Outcome } from '../../src/rollout/engine.js';
import { openService, type OpenedService, type OpenSettings } from '../../src/rollout/open.js';
import type { Reporter } from '../../src/rollout/ports.js';
import { releaseId } from '../../src/rollout/release.js';
import { OPERATIONS, SERVICE, WEIGHTS, imageRef, releaseObjects, type Operation } from './workload.js';

export interface OperationResult {
  operation: Operation;
  ms: number;
  /** API requests (Dial: client-node requests, each watch connection one; kubectl: `-v=6` lines). */
  requests: number;
  /** kubectl processes started (0 for Dial). */
  processes: number;
  /** Wall time spent waiting for workloads to roll out (`waitRollout`, `kubectl rollout status`). */
  waitMs: number;
  /** What the operation reported (the outcome for Dial, the effective weight for both). */
  note: string;
  /** Dial only: requests by `VERB path` (namespace shown as NS), to see what repeats. */
  breakdown?: Record<string, number>;
}

/** The requests of the operation being measured, by `VERB path`. */
let requestLog: Record<string, number> = {};
let measuring = false;
const loggedConfigs = new WeakSet<KubeConfig>();

/**
 * Logs every request made with `kc`: generated clients, KubernetesObjectApi (discovery too) and Watch
 * all authenticate through kc.applySecurityAuthentication, so wrapping it sees each one (measurement only).
 */
function logRequests(kc: KubeConfig): void {
  if (loggedConfigs.has(kc)) return;
  loggedConfigs.add(kc);
  const original = kc.applySecurityAuthentication.bind(kc);
  kc.applySecurityAuthentication = async (context: RequestContext) => {
    const url = new URL(context.getUrl());
    const verb = url.searchParams.get('watch') === 'true' ? 'WATCH' : context.getHttpMethod();
    const path = url.pathname.replace(/\/namespaces\/[^/]+/, '/namespaces/NS');
    const key = `${verb} ${path}`;
    // Only during a measured operation: the bench's own namespace set-up and clean-up use kc too.
    if (measuring) requestLog[key] = (requestLog[key] ?? 0) + 1;
    return original(context);
  };
}

/** Wall time during which at least one waitRollout was running. */
class WaitTimer {
  private active = 0;
  private since = 0;
  total = 0;

  enter(): void {
    if (this.active++ === 0) this.since = performance.now();
  }

  leave(): void {
    if (--this.active === 0) this.total += performance.now() - this.since;
  }
}

const waits = new WaitTimer();
let instrumented = false;

/** Times every KubeCluster.waitRollout (measurement only: the call itself is unchanged). */
function instrumentWaits(): void {
  if (instrumented) return;
  instrumented = true;
  const original = KubeCluster.prototype.waitRollout;
  KubeCluster.prototype.waitRollout = async function (this: KubeCluster, ...args) {
    waits.enter();
    try {
      return await original.apply(this, args);
    } finally {
      waits.leave();
    }
  };
}

function release(namespace: string, version: string): NewRelease {
  const objects = releaseObjects(namespace, version);
  return {
    id: releaseId(SERVICE, objects),
    images: { [SERVICE]: imageRef(version) },
    objects,
    settings: { progressDeadlineSeconds: 600 },
  };
}

export async function runDial(
  kc: KubeConfig,
  namespace: string,
  log: (line: string) => void,
): Promise<OperationResult[]> {
  instrumentWaits();
  logRequests(kc);
  const reporter: Reporter = {
    info: (line) => log(line),
    warn: (line) => log(`warning: ${line}`),
    progress: (line) => log(`  … ${line}`),
  };
  const v1 = release(namespace, 'v1');
  const v2 = release(namespace, 'v2');
  // `dial deploy|canary -f dial.yaml`: the CLI passes what the file resolves to.
  const fromFile = (r: NewRelease): OpenSettings => ({
    kc,
    reporter,
    service: SERVICE,
    namespace,
    workload: SERVICE,
    router: 'replicas',
    settings: r.settings,
  });
  // `dial promote --service web -n NS`: only the service; the rest comes from the record.
  const fromRecord: OpenSettings = { kc, reporter, service: SERVICE, namespace };

  const steps: Array<{ operation: Operation; open: OpenSettings; run: Command }> = [
    { operation: OPERATIONS[0], open: fromFile(v1), run: (s) => s.engine.deploy(v1) },
    ...WEIGHTS.map((weight, i) => ({
      operation: OPERATIONS[i + 1]!,
      open: fromFile(v2),
      run: (s: OpenedService) => s.engine.canary(v2, weight),
    })),
    { operation: OPERATIONS[OPERATIONS.length - 1]!, open: fromRecord, run: (s) => s.engine.promote() },
  ];
  const results: OperationResult[] = [];
  for (const step of steps) {
    log(`dial: ${step.operation}`);
    results.push({ operation: step.operation, ...(await measure(step.open, step.run)) });
  }
  return results;
}

/** One CLI command's engine call on the opened service. */
type Command = (service: OpenedService) => Promise<Outcome>;

async function measure(open: OpenSettings, run: Command): Promise<Omit<OperationResult, 'operation'>> {
  const started = performance.now();
  const waited = waits.total;
  requestLog = {};
  measuring = true;
  const service = await openService(open);
  const outcome = await run(service).finally(() => (measuring = false));
  const ms = performance.now() - started;
  const waitMs = waits.total - waited;
  if (outcome.result !== 'deployed' && outcome.result !== 'progressing' && outcome.result !== 'promoted')
    throw new Error(`dial: unexpected outcome ${outcome.result}: ${outcome.reason}`);
  return {
    ms,
    waitMs,
    requests: service.requests(),
    processes: 0,
    note: `${outcome.result}: ${outcome.reason}`,
    breakdown: requestLog,
  };
}
