// The bed's data plane: Traefik v3 as the Gateway API implementation, routing real HTTP requests by the
// HTTPRoutes tests (and Dial) write, to real servers at the kwok pods' addresses. Needs root (network
// namespaces); CI runs as root.
//
//   - Pod network (gateway/network.ts): a /22 inside 198.18.0.0/15 that lives only in a network namespace
//     this part creates (`dialbed-<bed id>`, a veth pair to the host, the /22 routed into it and local
//     there). The kube part gives each fake node a /24 of it as podCIDR, so kwok's pods get those IPs.
//     Recorded in the part's state (`resources`), so `down` removes the namespace, the veth and the route
//     even after a crash; beds that vanished without `down` are swept at the next start.
//   - Pod runner (gateway/runner.ts, on the host) watches the pods and has one server (gateway/server.ts)
//     inside the namespace serve every Ready pod on its IP and ports, answering as its env says
//     (DIAL_POD_ERROR_RATE, DIAL_POD_ERROR_STATUS, DIAL_POD_LATENCY_MS, DIAL_POD_LATENCY_SIGMA,
//     DIAL_POD_VERSION), with headers x-dial-pod and x-dial-image.
//   - Traefik (gateway/traefik.ts) with the kubernetesGateway provider on the bed's apiserver, the `web`
//     entryPoint on 127.0.0.1 (a port picked, then confirmed as its own in /proc: startOnPickedPorts),
//     /metrics and /ping on a `metrics` entryPoint the kernel picks the port of; a GatewayClass `traefik`
//     and a Gateway `dial-test/dial-test` whose listener has the web port and accepts routes from every
//     namespace. Prometheus (the prometheus part) scrapes /metrics every second through a file_sd target
//     file this part writes, so the order the parts start in does not matter.
//
// Exports GATEWAY_URL (the web entryPoint) and TRAEFIK_METRICS_URL.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiextensionsV1Api, KubeConfig } from '@kubernetes/client-node';
import { createNetwork, podNetwork, removeNetwork, type PodNetwork } from '../gateway/network.js';
import {
  apiserverAnswers,
  applyGateway,
  ensureTraefik,
  gatewayProgrammed,
  traefikArgs,
} from '../gateway/traefik.js';
import type { Part, PartContext, RunningPart } from '../part.js';
import {
  groupRssKiB,
  listeningPorts,
  startDaemon,
  startOnPickedPorts,
  stopGroups,
  waitFor,
  type Daemon,
} from '../proc.js';
import { scrapeTargetsDir, TRAEFIK_JOB } from './prometheus.js';

/** The CRDs Traefik 3.6's Gateway provider watches: without one its cache never syncs (every route 404s). */
const NEEDED_CRDS = [
  'gatewayclasses.gateway.networking.k8s.io',
  'gateways.gateway.networking.k8s.io',
  'httproutes.gateway.networking.k8s.io',
  'grpcroutes.gateway.networking.k8s.io',
  'referencegrants.gateway.networking.k8s.io',
  'backendtlspolicies.gateway.networking.k8s.io',
];

/** How long to wait for the kube part (started at the same time) to have its apiserver and CRDs up. */
const KUBE_TIMEOUT_MS = 180_000;
const READY_TIMEOUT_MS = 60_000;

/** A module beside gateway/network.ts: .ts under jest (Node strips the types), .js once compiled. */
function entry(name: string): string {
  const self = fileURLToPath(import.meta.url);
  return fileURLToPath(new URL(`../gateway/${name}${extname(self)}`, import.meta.url));
}

/** Whether any process runs with its working directory inside dir (the kube part's daemons do). */
function anyProcessIn(dir: string): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === dir || cwd.startsWith(dir + sep)) return true;
    } catch {
      /* exited, or not ours to read */
    }
  }
  return false;
}

async function answers(url: string, expect?: number): Promise<true> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  if (expect !== undefined && response.status !== expect)
    throw new Error(`${url} answered ${response.status}`);
  return true;
}

/**
 * The kube part's admin kubeconfig, once its apiserver answers and the CRDs Traefik watches are
 * Established. Fails at once when the kube part gave up (its daemons started and none is left).
 */
async function waitForKube(
  bedDir: string,
  log: (line: string) => void,
): Promise<{ kc: KubeConfig; file: string }> {
  const kubeDir = join(bedDir, 'kube');
  const file = join(kubeDir, 'admin.kubeconfig');
  const deadline = performance.now() + KUBE_TIMEOUT_MS;
  let last = '';
  for (;;) {
    try {
      if (!existsSync(file)) {
        if (existsSync(join(kubeDir, 'kube-apiserver.log')) && !anyProcessIn(kubeDir)) {
          throw new Error('gateway: the kube part stopped before its apiserver was ready');
        }
        throw new Error(`no ${file} yet`);
      }
      const kc = new KubeConfig();
      kc.loadFromString(readFileSync(file, 'utf8'));
      await apiserverAnswers(kc);
      const ext = kc.makeApiClient(ApiextensionsV1Api);
      for (const name of NEEDED_CRDS) {
        const crd = await ext.readCustomResourceDefinition({ name }).catch(() => undefined);
        const established = crd?.status?.conditions?.some(
          (c) => c.type === 'Established' && c.status === 'True',
        );
        if (!established) throw new Error(`CRD ${name} not Established yet`);
      }
      log('gateway: the apiserver and the Gateway API CRDs are ready');
      return { kc, file };
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
      if (last.includes('the kube part stopped')) throw error;
    }
    if (performance.now() > deadline) {
      throw new Error(
        `test bed: timed out after ${KUBE_TIMEOUT_MS} ms waiting for the kube part (last: ${last})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The file_sd target file Prometheus reads (Prometheus re-reads it when it changes). */
function writeScrapeTarget(bedDir: string, metricsHostPort: string): string {
  const dir = scrapeTargetsDir(bedDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${TRAEFIK_JOB}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify([{ targets: [metricsHostPort], labels: {} }], null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  return file;
}

export const gateway: Part = {
  name: 'gateway',

  async start(ctx: PartContext): Promise<RunningPart> {
    if (process.getuid?.() !== 0) {
      throw new Error(
        'gateway: needs root (it creates a network namespace, a veth pair and routes); CI runs as root',
      );
    }
    // Synchronous, before any wait of this bed starts its clock: a cold build takes minutes.
    const traefikBin = ensureTraefik(ctx.log);
    const dir = join(ctx.dir, 'gateway');
    mkdirSync(dir, { recursive: true });
    const t0 = Date.now();
    const lap = (what: string) => ctx.log(`gateway: ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const daemons: Daemon[] = [];
    let net: PodNetwork | undefined;
    let targetFile: string | undefined;
    const stop = async () => {
      await stopGroups(daemons.map((d) => d.pid));
      if (targetFile) rmSync(targetFile, { force: true });
      if (net) await removeNetwork(net);
    };
    try {
      net = await podNetwork(ctx.dir);
      await createNetwork(net);
      lap(`netns ${net.netns}, veth ${net.hostVeth}, pods in ${net.podCidr}`);

      const kube = await waitForKube(ctx.dir, ctx.log);
      lap('kube ready');

      const runner = startDaemon(
        'pod runner',
        process.execPath,
        [
          entry('runner'),
          '--kubeconfig',
          kube.file,
          '--netns',
          net.netns,
          '--pod-cidr',
          net.podCidr,
          '--ready-file',
          join(dir, 'runner.ready'),
          '--served-file',
          join(dir, 'served.json'),
        ],
        { logFile: join(dir, 'runner.log'), cwd: dir },
      );
      daemons.push(runner);

      const env: NodeJS.ProcessEnv = { ...process.env, KUBECONFIG: kube.file };
      delete env.KUBERNETES_SERVICE_HOST; // an in-cluster client would win over KUBECONFIG
      const traefik = await startOnPickedPorts('traefik', traefikBin, ([web]) => traefikArgs(web!), {
        count: 1,
        logFile: join(dir, 'traefik.log'),
        cwd: dir,
        env,
        what: 'traefik to listen',
        probe: async () => true, // its own port is confirmed in /proc; /ping is asked below
        timeoutMs: READY_TIMEOUT_MS,
        log: ctx.log,
        watch: [runner],
      });
      daemons.push(traefik.daemon);
      const webPort = traefik.ports[0]!;
      const metricsPort = await waitFor(
        'traefik /ping on its metrics entryPoint',
        async () => {
          const other = listeningPorts(traefik.pid).filter((p) => p !== webPort);
          if (other.length !== 1) throw new Error(`it listens on ${listeningPorts(traefik.pid).join(', ')}`);
          await answers(`http://127.0.0.1:${other[0]}/ping`, 200);
          return other[0];
        },
        { timeoutMs: READY_TIMEOUT_MS, intervalMs: 50, daemons },
      );
      lap(`traefik on ${webPort} (metrics ${metricsPort})`);

      await waitFor(
        'the pod runner to list the pods',
        async () => existsSync(join(dir, 'runner.ready')) || undefined,
        {
          timeoutMs: READY_TIMEOUT_MS,
          intervalMs: 50,
          daemons,
        },
      );
      await applyGateway(kube.kc, webPort);
      await waitFor('Gateway dial-test/dial-test Programmed', () => gatewayProgrammed(kube.kc), {
        timeoutMs: READY_TIMEOUT_MS,
        intervalMs: 100,
        daemons,
      });
      const gatewayUrl = `http://127.0.0.1:${webPort}`;
      await waitFor(`${gatewayUrl} to answer`, () => answers(`${gatewayUrl}/`), {
        timeoutMs: READY_TIMEOUT_MS,
        daemons,
      });
      const metricsUrl = `http://127.0.0.1:${metricsPort}`;
      targetFile = writeScrapeTarget(ctx.dir, `127.0.0.1:${metricsPort}`);
      lap(
        `ready: Gateway Programmed, RSS traefik ${Math.round(groupRssKiB(traefik.pid) / 1024)} MiB, ` +
          `pod runner ${Math.round(groupRssKiB(runner.pid) / 1024)} MiB`,
      );
      return {
        name: 'gateway',
        env: { GATEWAY_URL: gatewayUrl, TRAEFIK_METRICS_URL: metricsUrl },
        pids: daemons.map((d) => d.pid),
        resources: { podNetwork: JSON.stringify(net) },
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  },

  async check(env) {
    const { GATEWAY_URL: gatewayUrl, TRAEFIK_METRICS_URL: metricsUrl } = env;
    if (gatewayUrl === undefined || metricsUrl === undefined) {
      throw new Error('gateway: GATEWAY_URL or TRAEFIK_METRICS_URL is not set');
    }
    await answers(`${metricsUrl}/ping`, 200);
    await answers(`${gatewayUrl}/`);
  },

  async cleanup(resources) {
    if (resources.podNetwork === undefined) return;
    await removeNetwork(JSON.parse(resources.podNetwork) as PodNetwork);
  },
};
