// For tests driving real traffic through the bed's gateway: a bounded HTTP client for GATEWAY_URL (only
// loopback; every request names the route's host), and a small web app — one Deployment and Service per
// track, an HTTPRoute splitting between them by weight, with an optional header rule — applied the way
// Dial applies manifests (server-side apply).
import { Agent, request } from 'node:http';
import {
  AppsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { GATEWAY_NAME, GATEWAY_NAMESPACE } from './traefik.js';

export interface Answer {
  /** HTTP status, or 0 when the request failed (its error in `error`). */
  status: number;
  /** x-dial-pod and x-dial-image (undefined when a pod did not answer: Traefik's own 404/502/503). */
  pod?: string;
  image?: string;
  body: string;
  error?: string;
  /** Milliseconds from sending to the whole answer. */
  ms: number;
}

/** A client for the bed's gateway: keep-alive connections, a timeout on every request. */
export class GatewayClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });
  private readonly url: URL;

  constructor(
    gatewayUrl: string,
    private readonly timeoutMs = 5_000,
  ) {
    this.url = new URL(gatewayUrl);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(this.url.hostname)) {
      throw new Error(`the gateway client sends to loopback only, not ${gatewayUrl}`);
    }
  }

  /** GET `path` for virtual host `host`; never rejects (a failed request is status 0). */
  get(host: string, headers: Record<string, string> = {}, path = '/'): Promise<Answer> {
    const t0 = performance.now();
    return new Promise((resolve) => {
      const req = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path,
          method: 'GET',
          agent: this.agent,
          headers: { ...headers, host },
          timeout: this.timeoutMs,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              pod: header(res.headers['x-dial-pod']),
              image: header(res.headers['x-dial-image']),
              body,
              ms: performance.now() - t0,
            }),
          );
          res.on('error', (error) => resolve(failed(error, t0)));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer in ${this.timeoutMs} ms`)));
      req.on('error', (error) => resolve(failed(error, t0)));
      req.end();
    });
  }

  /** `count` GETs, `concurrency` at a time, in the order they were answered. */
  async many(
    count: number,
    host: string,
    headers: Record<string, string> = {},
    concurrency = 8,
  ): Promise<Answer[]> {
    const answers: Answer[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        answers.push(await this.get(host, headers));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    return answers;
  }

  close(): void {
    this.agent.destroy();
  }
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const failed = (error: Error, t0: number): Answer => ({
  status: 0,
  body: '',
  error: error.message,
  ms: performance.now() - t0,
});

/** One track of a web app: a Deployment and a Service named `<app>-<track>`. */
export interface Track {
  track: string;
  image: string;
  replicas: number;
  /** The pods' env (DIAL_POD_VERSION, DIAL_POD_ERROR_RATE, ...: see gateway/runner.ts). */
  env?: Record<string, string>;
}

export interface WebApp {
  namespace: string;
  app: string;
  /** The HTTPRoute's hostname: requests name it in their Host header. */
  host: string;
  tracks: Track[];
  /** Requests with this header (name: value) go to `headerTrack`. */
  headerRule?: { name: string; value: string; track: string };
}

export const CONTAINER_PORT = 8080;
export const SERVICE_PORT = 80;
export const serviceName = (app: WebApp, track: string): string => `${app.app}-${track}`;

export function appObjects(app: WebApp): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  for (const t of app.tracks) {
    const labels = { app: app.app, track: t.track };
    objects.push(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: serviceName(app, t.track), namespace: app.namespace, labels },
        spec: {
          replicas: t.replicas,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'web',
                  image: t.image,
                  ports: [{ name: 'http', containerPort: CONTAINER_PORT }],
                  env: Object.entries(t.env ?? {}).map(([name, value]) => ({ name, value })),
                },
              ],
            },
          },
        },
      } as KubernetesObject,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: serviceName(app, t.track), namespace: app.namespace, labels },
        spec: {
          selector: labels,
          ports: [{ name: 'http', port: SERVICE_PORT, targetPort: CONTAINER_PORT }],
        },
      } as KubernetesObject,
    );
  }
  return objects;
}

/** The app's HTTPRoute on the bed's Gateway: the header rule (if any), then the weighted split. */
export function routeObject(app: WebApp, weights: Record<string, number>): KubernetesObject {
  const backend = (track: string, weight?: number) => ({
    name: serviceName(app, track),
    port: SERVICE_PORT,
    ...(weight === undefined ? {} : { weight }),
  });
  const rules: unknown[] = [];
  if (app.headerRule) {
    rules.push({
      matches: [{ headers: [{ name: app.headerRule.name, value: app.headerRule.value }] }],
      backendRefs: [backend(app.headerRule.track)],
    });
  }
  rules.push({ backendRefs: app.tracks.map((t) => backend(t.track, weights[t.track] ?? 0)) });
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: app.app, namespace: app.namespace },
    spec: {
      parentRefs: [{ name: GATEWAY_NAME, namespace: GATEWAY_NAMESPACE }],
      hostnames: [app.host],
      rules,
    },
  } as KubernetesObject;
}

const FIELD_MANAGER = 'dial-test';

export async function apply(kc: KubeConfig, objects: KubernetesObject[]): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kc);
  for (const o of objects) {
    await api.patch(o, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
  }
}

/** Creates the namespace, the tracks and the route (with `weights`); does not wait. */
export async function createApp(kc: KubeConfig, app: WebApp, weights: Record<string, number>): Promise<void> {
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: app.namespace } } });
  await apply(kc, [...appObjects(app), routeObject(app, weights)]);
}

/** Every track's Deployment has all its replicas Ready and updated (throws with what it saw, for waits). */
export async function tracksReady(kc: KubeConfig, app: WebApp): Promise<true> {
  const apps = kc.makeApiClient(AppsV1Api);
  const seen: string[] = [];
  for (const t of app.tracks) {
    const d = await apps.readNamespacedDeployment({
      name: serviceName(app, t.track),
      namespace: app.namespace,
    });
    const ready = d.status?.readyReplicas ?? 0;
    const updated = d.status?.updatedReplicas ?? 0;
    if (ready !== t.replicas || updated !== t.replicas) seen.push(`${t.track} ${ready}/${t.replicas} ready`);
  }
  if (seen.length) throw new Error(seen.join(', '));
  return true;
}

export async function setWeights(
  kc: KubeConfig,
  app: WebApp,
  weights: Record<string, number>,
): Promise<void> {
  await apply(kc, [routeObject(app, weights)]);
}
