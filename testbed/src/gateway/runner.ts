// The pod runner: serves every Ready pod of the bed on its own IP and ports, as a kubelet would run it,
// so the gateway (Traefik) reaches a real server at each endpoint.
//
// The apiserver listens on the host's loopback, which the bed's network namespace cannot reach, so this
// process runs on the host: it watches the pods of every namespace (client-node's informer: list, then
// watch, again after the watch ends) and tells ONE pod server inside the namespace (server.ts, started as
// `ip netns exec <netns> node server.js`) what to listen on, one JSON command per line on its stdin.
//
// A pod is served from the moment it is Ready with an IP in the bed's pod range until it is deleted (and
// DELETED_GRACE_MS more, as a terminating pod keeps serving while the endpoints and the proxy catch up;
// a new pod given its IP takes the address over at once) or its phase is Succeeded or Failed. How it
// answers comes from its first container (podBehaviour): the env DIAL_POD_* and the image.
//
// `node runner.js --kubeconfig FILE --netns NAME --pod-cidr CIDR --ready-file FILE [--served-file FILE]`.
// Runs as its own process, compiled (lib/) or as this .ts file (Node 24 strips the types), so it imports
// only packages and types.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { realpathSync, renameSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { CoreV1Api, KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node';
import type { Command, PodEvent, ServedPod } from './protocol.js';

/** How long a deleted pod is still served (unless another pod takes its address). */
export const DELETED_GRACE_MS = 3_000;
export const DEFAULT_PORT = 8080;

/** The env names a pod's first container sets to choose how it answers (literal values only). */
export const POD_ENV = {
  errorRate: 'DIAL_POD_ERROR_RATE',
  errorStatus: 'DIAL_POD_ERROR_STATUS',
  latencyMs: 'DIAL_POD_LATENCY_MS',
  latencySigma: 'DIAL_POD_LATENCY_SIGMA',
  version: 'DIAL_POD_VERSION',
} as const;

function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = ipToInt(ip);
  const b = ipToInt(base ?? '');
  if (a === undefined || b === undefined) return false;
  const size = 2 ** (32 - Number(bits ?? 32));
  return Math.floor(a / size) === Math.floor(b / size);
}

/**
 * How the pod answers, from its first container: DIAL_POD_ERROR_RATE (0..1, default 0),
 * DIAL_POD_ERROR_STATUS (default 500), DIAL_POD_LATENCY_MS (median, default 0), DIAL_POD_LATENCY_SIGMA
 * (lognormal sigma, default 0), DIAL_POD_VERSION (default: the image); its TCP containerPorts, or 8080.
 * A value that does not parse (or is out of range) counts as unset, with a warning.
 */
export function podBehaviour(
  pod: V1Pod,
  warn: (line: string) => void = () => undefined,
): ServedPod | undefined {
  const container = pod.spec?.containers?.[0];
  const ip = pod.status?.podIP;
  if (!container || !ip || !pod.metadata?.uid || !pod.metadata.name) return undefined;
  const env = new Map((container.env ?? []).map((e) => [e.name, e.value]));
  const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const number = (name: string, fallback: number, ok: (n: number) => boolean): number => {
    const text = env.get(name);
    if (text === undefined || text.trim() === '') return fallback;
    const n = Number(text);
    if (Number.isFinite(n) && ok(n)) return n;
    warn(`${where}: ${name}=${text} is not valid; using ${fallback}`);
    return fallback;
  };
  const ports = (container.ports ?? [])
    .filter((p) => (p.protocol ?? 'TCP') === 'TCP')
    .map((p) => p.containerPort);
  const image = container.image ?? '';
  return {
    uid: pod.metadata.uid,
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name,
    image,
    version: env.get(POD_ENV.version) ?? image,
    errorRate: number(POD_ENV.errorRate, 0, (n) => n >= 0 && n <= 1),
    errorStatus: number(POD_ENV.errorStatus, 500, (n) => Number.isInteger(n) && n >= 100 && n <= 599),
    latencyMs: number(POD_ENV.latencyMs, 0, (n) => n >= 0 && n <= 600_000),
    latencySigma: number(POD_ENV.latencySigma, 0, (n) => n >= 0 && n <= 10),
    ip,
    ports: ports.length > 0 ? [...new Set(ports)] : [DEFAULT_PORT],
  };
}

const isReady = (pod: V1Pod) =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kubeconfig: { type: 'string' },
      netns: { type: 'string' },
      'pod-cidr': { type: 'string' },
      'ready-file': { type: 'string' },
      'served-file': { type: 'string' },
    },
  });
  const { kubeconfig, netns } = values;
  const podCidr = values['pod-cidr'];
  const readyFile = values['ready-file'];
  if (!kubeconfig || !netns || !podCidr || !readyFile) {
    throw new Error('usage: runner --kubeconfig FILE --netns NAME --pod-cidr CIDR --ready-file FILE');
  }
  const serverEntry = fileURLToPath(
    new URL(`./server${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
  );

  /** What the server has been told to serve, by pod uid. */
  const served = new Map<string, ServedPod>();
  /** `namespace/name` of every pod the server has been told about (until it reports it stopped). */
  const names = new Map<string, string>();
  /** The addresses the server reports listening on, and whose they are. */
  const listening = new Map<string, string>();
  const deleteTimers = new Map<string, NodeJS.Timeout>();
  let server: ChildProcessByStdio<Writable, Readable, null> | undefined;
  let stopping = false;
  let pingId = 0;
  const pongs = new Map<number, () => void>();

  let writeServedTimer: NodeJS.Timeout | undefined;
  const writeServed = () => {
    const file = values['served-file'];
    if (!file || writeServedTimer) return;
    writeServedTimer = setTimeout(() => {
      writeServedTimer = undefined;
      writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(listening), null, 2) + '\n');
      renameSync(`${file}.tmp`, file);
    }, 50);
  };

  const send = (command: Command) => {
    if (server?.stdin.writable) server.stdin.write(JSON.stringify(command) + '\n');
  };

  const onEvent = (event: PodEvent) => {
    const who = (uid?: string) => (uid === undefined ? '' : (names.get(uid) ?? uid));
    switch (event.event) {
      case 'listening':
        listening.set(event.address, who(event.uid));
        log(`serving ${who(event.uid)} on ${event.address}`);
        writeServed();
        break;
      case 'closed':
        if (listening.get(event.address) === who(event.uid)) listening.delete(event.address);
        log(`stopped serving ${who(event.uid)} on ${event.address}`);
        writeServed();
        break;
      case 'stopped':
        names.delete(event.uid);
        break;
      case 'pong':
        pongs.get(event.id)?.();
        pongs.delete(event.id);
        break;
      case 'error':
        log(
          `server error${event.uid ? ` (${who(event.uid)} ${event.address ?? ''})` : ''}: ${event.message}`,
        );
        break;
      default:
        break;
    }
  };

  const startServer = () => {
    // An argument array, no shell: the namespace name and the paths are passed as they are.
    const child = spawn('ip', ['netns', 'exec', netns, process.execPath, serverEntry], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    server = child;
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        onEvent(JSON.parse(line) as PodEvent);
      } catch {
        log(`server: ${line}`);
      }
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log(`the pod server exited (${signal ?? code}); starting it again`);
      listening.clear();
      writeServed();
      setTimeout(() => {
        startServer();
        for (const pod of served.values()) send({ op: 'serve', pod });
      }, 500);
    });
    log(`pod server started in netns ${netns} (pid ${child.pid})`);
  };

  const ping = () =>
    new Promise<void>((resolve, reject) => {
      const id = ++pingId;
      const timer = setTimeout(
        () => reject(new Error('the pod server did not answer a ping in 10 s')),
        10_000,
      );
      pongs.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
      send({ op: 'ping', id });
    });

  const stopPod = (uid: string, why: string) => {
    const pod = served.get(uid);
    if (!pod) return;
    served.delete(uid);
    log(`${pod.namespace}/${pod.name}: ${why}`);
    send({ op: 'stop', uid });
  };

  const onPod = (pod: V1Pod) => {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return stopPod(uid, `phase ${phase}`);
    const known = served.get(uid);
    if (!known && !isReady(pod)) return;
    const ip = pod.status?.podIP;
    if (!ip || !inCidr(ip, podCidr)) {
      if (known) stopPod(uid, `IP ${ip ?? 'none'} outside ${podCidr}`);
      return;
    }
    const spec = podBehaviour(pod, log);
    if (!spec) return;
    if (known && JSON.stringify(known) === JSON.stringify(spec)) return;
    served.set(uid, spec);
    names.set(uid, `${spec.namespace}/${spec.name}`);
    send({ op: 'serve', pod: spec });
  };

  const onDelete = (pod: V1Pod) => {
    const uid = pod.metadata?.uid;
    if (!uid || !served.has(uid) || deleteTimers.has(uid)) return;
    deleteTimers.set(
      uid,
      setTimeout(() => {
        deleteTimers.delete(uid);
        stopPod(uid, 'deleted');
      }, DELETED_GRACE_MS),
    );
  };

  startServer();
  await ping();

  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const informer = makeInformer<V1Pod>(kc, '/api/v1/pods', () => core.listPodForAllNamespaces());
  informer.on('add', onPod);
  informer.on('update', onPod);
  informer.on('delete', onDelete);
  informer.on('error', (error: unknown) => {
    if (stopping) return;
    log(`watching pods failed (${error instanceof Error ? error.message : String(error)}); again in 1 s`);
    setTimeout(() => void informer.start().catch(() => undefined), 1000);
  });
  await informer.start();
  await ping(); // every pod listed so far has been sent to the server before this answers
  writeFileSync(readyFile, `${process.pid}\n`);
  log(`watching pods; ${served.size} served`);

  const shutdown = () => {
    stopping = true;
    void informer.stop();
    server?.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

const entry = process.argv[1];
if (entry !== undefined && realpathSync(entry) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    log(`pod runner failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
