// What the pod runner (runner.ts, on the host) and the pod server (server.ts, inside the bed's network
// namespace) say to each other: one JSON object per line, commands on the server's stdin, events on its
// stdout. Types only, so both can run as .ts files with Node's type stripping.

/** How one pod answers, from its first container's env (see podBehaviour in runner.ts). */
export interface ServedPod {
  uid: string;
  namespace: string;
  name: string;
  /** The first container's image: the `x-dial-image` header. */
  image: string;
  /** DIAL_POD_VERSION (default: the image): the body, and the `x-dial-version` header. */
  version: string;
  /** DIAL_POD_ERROR_RATE, 0..1: exactly floor(n·rate) of the first n requests fail, evenly spread. */
  errorRate: number;
  /** DIAL_POD_ERROR_STATUS (default 500): the status of a failed request. */
  errorStatus: number;
  /** DIAL_POD_LATENCY_MS: the median latency (default 0). */
  latencyMs: number;
  /** DIAL_POD_LATENCY_SIGMA: sigma of the lognormal latency (default 0: every answer takes latencyMs). */
  latencySigma: number;
  /** The pod's IP (inside the bed's pod range). */
  ip: string;
  /** The first container's containerPorts (TCP), or [8080]. */
  ports: number[];
}

export type Command =
  { op: 'serve'; pod: ServedPod } | { op: 'stop'; uid: string } | { op: 'ping'; id: number };

export type PodEvent =
  | { event: 'started'; pid: number }
  | { event: 'listening'; uid: string; address: string }
  | { event: 'closed'; uid: string; address: string }
  | { event: 'stopped'; uid: string }
  | { event: 'pong'; id: number; pods: number }
  | { event: 'error'; uid?: string; address?: string; message: string };
