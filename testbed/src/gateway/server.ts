// The pod server: ONE process inside the bed's network namespace that listens on the addresses of the
// Ready pods and answers as each pod's spec says. The pod runner (runner.ts, on the host, where the
// apiserver is) starts it with `ip netns exec <netns> node server.js` and tells it what to serve, one JSON
// command per line on its stdin (types in protocol.ts); it reports on stdout, one JSON event per line.
// It exits when its stdin ends (the runner is gone).
//
// Runs as its own process: compiled (lib/) or as this .ts file (Node 24 strips the types); so it imports
// only Node's modules and types.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import type { Command, PodEvent, ServedPod } from './protocol.js';

interface PodState {
  spec: ServedPod;
  /** Requests answered so far: the error choice depends only on this count (deterministic). */
  count: number;
  random: () => number;
  /** Listening servers by address `ip:port`. */
  listeners: Map<string, Server>;
}

const pods = new Map<string, PodState>();
/** Which pod (uid) holds each address: a new pod given a deleted pod's IP takes the address over. */
const owners = new Map<string, string>();

function emit(event: PodEvent): void {
  process.stdout.write(JSON.stringify(event) + '\n');
}

/** mulberry32: a small seeded PRNG, so one pod's latencies are the same sequence on every run. */
function seeded(text: string): () => number {
  let a = 2166136261;
  for (let i = 0; i < text.length; i += 1) a = Math.imul(a ^ text.charCodeAt(i), 16777619) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whether request number n (1, 2, ...) fails: exactly floor(n·rate) of the first n fail, evenly spread. */
function fails(n: number, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return Math.floor(n * rate + 1e-9) > Math.floor((n - 1) * rate + 1e-9);
}

/** A lognormal latency in ms: the median times exp(sigma·Z), Z standard normal (Box–Muller). */
function latencyMs(spec: ServedPod, random: () => number): number {
  if (spec.latencyMs <= 0) return 0;
  if (spec.latencySigma <= 0) return spec.latencyMs;
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return spec.latencyMs * Math.exp(spec.latencySigma * z);
}

function handle(uid: string, req: IncomingMessage, res: ServerResponse): void {
  const pod = pods.get(uid);
  req.resume(); // the body is not read, only drained
  if (!pod) {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('pod gone\n');
    return;
  }
  pod.count += 1;
  const { spec } = pod;
  const status = fails(pod.count, spec.errorRate) ? spec.errorStatus : 200;
  const answer = () =>
    res
      .writeHead(status, {
        'content-type': 'text/plain; charset=utf-8',
        'x-dial-pod': spec.name,
        'x-dial-image': spec.image,
        'x-dial-version': spec.version,
      })
      .end(`${spec.version}\n`);
  const delay = latencyMs(spec, pod.random);
  if (delay > 0) setTimeout(answer, delay);
  else answer();
}

function closeListener(uid: string, address: string): void {
  const pod = pods.get(uid);
  const server = pod?.listeners.get(address);
  if (!pod || !server) return;
  pod.listeners.delete(address);
  if (owners.get(address) === uid) owners.delete(address);
  server.close();
  server.closeAllConnections();
  emit({ event: 'closed', uid, address });
}

function listen(uid: string, address: string, attempt = 1): void {
  const pod = pods.get(uid);
  if (!pod || pod.listeners.has(address)) return;
  const holder = owners.get(address);
  if (holder !== undefined && holder !== uid) closeListener(holder, address);
  const [host, port] = [
    address.slice(0, address.lastIndexOf(':')),
    Number(address.slice(address.lastIndexOf(':') + 1)),
  ];
  const server = createServer((req, res) => handle(uid, req, res));
  // Longer than any proxy keeps an idle connection (Traefik: 90 s), so the pod never closes a connection
  // the proxy is about to send a request on (which would be a 502).
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  pod.listeners.set(address, server);
  owners.set(address, uid);
  server.on('error', (error: NodeJS.ErrnoException) => {
    pod.listeners.delete(address);
    if (owners.get(address) === uid) owners.delete(address);
    if (error.code === 'EADDRINUSE' && attempt < 20) {
      setTimeout(() => listen(uid, address, attempt + 1), 50 * attempt);
      return;
    }
    emit({ event: 'error', uid, address, message: error.message });
  });
  server.listen(port, host, () => emit({ event: 'listening', uid, address }));
}

function serve(spec: ServedPod): void {
  let pod = pods.get(spec.uid);
  if (!pod) {
    pod = { spec, count: 0, random: seeded(`${spec.namespace}/${spec.name}`), listeners: new Map() };
    pods.set(spec.uid, pod);
  }
  pod.spec = spec;
  const wanted = new Set(spec.ports.map((port) => `${spec.ip}:${port}`));
  for (const address of [...pod.listeners.keys()]) if (!wanted.has(address)) closeListener(spec.uid, address);
  for (const address of wanted) listen(spec.uid, address);
}

function stop(uid: string): void {
  const pod = pods.get(uid);
  if (!pod) return;
  for (const address of [...pod.listeners.keys()]) closeListener(uid, address);
  pods.delete(uid);
  emit({ event: 'stopped', uid });
}

function onLine(line: string): void {
  if (line.trim() === '') return;
  let command: Command;
  try {
    command = JSON.parse(line) as Command;
  } catch {
    emit({ event: 'error', message: `not JSON: ${line.slice(0, 200)}` });
    return;
  }
  switch (command.op) {
    case 'serve':
      serve(command.pod);
      break;
    case 'stop':
      stop(command.uid);
      break;
    case 'ping':
      emit({ event: 'pong', id: command.id, pods: pods.size });
      break;
    default:
      emit({ event: 'error', message: `unknown command: ${line.slice(0, 200)}` });
  }
}

const input = createInterface({ input: process.stdin });
input.on('line', onLine);
input.on('close', () => process.exit(0));
emit({ event: 'started', pid: process.pid });
