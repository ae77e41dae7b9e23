// The API clients Dial uses, built on one client-node Configuration so that every request passes the
// same middleware: a request counter (the benchmark reports it) and the exact-body hook server-side
// apply needs (see withBody).
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ApiException,
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  HttpMethod,
  KubernetesObjectApi,
  ServerConfiguration,
  createConfiguration,
  type KubeConfig,
  type Middleware,
  type RequestContext,
  type ResponseContext,
  type V1APIGroupList,
  type V1APIResourceList,
  type V1Status,
} from '@kubernetes/client-node';

const USER_AGENT = 'dial (kubernetes-client-javascript)';

/**
 * API discovery, kept per KubeConfig for the life of the process: every command opens new clients, and
 * asking the server again what it serves cost a request or two per command. Only what was found is kept
 * (client-node asks again for a kind its cached list lacks, apiVersions() for a group it lacks), so a CRD
 * installed meanwhile is still seen.
 */
export interface Discovery {
  /** KubernetesObjectApi's resource lists by apiVersion. */
  resources: Record<string, V1APIResourceList>;
  /** The server's API groups (`/apis`), once fetched. */
  groups?: V1APIGroupList;
}
const discoveries = new WeakMap<KubeConfig, Discovery>();

export function discoveryOf(kc: KubeConfig): Discovery {
  let found = discoveries.get(kc);
  if (!found) discoveries.set(kc, (found = { resources: {} }));
  return found;
}

/** KubernetesObjectApi sharing its discovery cache with every other one made from the same KubeConfig. */
class SharedDiscoveryObjectApi extends KubernetesObjectApi {
  constructor(configuration: ConstructorParameters<typeof KubernetesObjectApi>[0], kc: KubeConfig) {
    super(configuration);
    this.apiVersionResourceCache = discoveryOf(kc).resources;
  }
}

export class KubeApis {
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly autoscaling: AutoscalingV2Api;
  readonly objects: KubernetesObjectApi;
  private count = 0;
  private readonly body = new AsyncLocalStorage<string>();

  constructor(readonly kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig: the current context names no cluster');
    const middleware: Middleware = {
      pre: async (ctx: RequestContext) => {
        this.count++;
        ctx.setHeaderParam('User-Agent', USER_AGENT);
        const body = this.body.getStore();
        if (body !== undefined && ctx.getHttpMethod() === HttpMethod.PATCH) ctx.setBody(body);
        return ctx;
      },
      post: async (rsp: ResponseContext) => rsp,
    };
    const configuration = createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: kc },
      promiseMiddleware: [middleware],
    });
    this.core = new CoreV1Api(configuration);
    this.apps = new AppsV1Api(configuration);
    this.autoscaling = new AutoscalingV2Api(configuration);
    this.objects = new SharedDiscoveryObjectApi(configuration, kc);
  }

  /** API requests made so far (each watch connection counts as one). */
  get requests(): number {
    return this.count;
  }

  /** Counts a request made outside the generated clients (a watch connection). */
  countRequest(): void {
    this.count++;
  }

  /**
   * Runs `call` with every PATCH it makes sending `body` verbatim. KubernetesObjectApi.patch serializes
   * built-in kinds through client-node's typed models, which drop fields the models do not know (newer
   * API fields) and rename others (a CRD's `x-kubernetes-*` schema keys): an apply must send the
   * manifest exactly as written. The store follows the call's async context, so concurrent applies
   * keep their own bodies.
   */
  withBody<T>(body: string, call: () => Promise<T>): Promise<T> {
    return this.body.run(body, call);
  }
}

/** The HTTP status of a failed API call or watch, if it has one. */
export function statusCode(err: unknown): number | undefined {
  if (err instanceof ApiException) return err.code;
  if (typeof err === 'object' && err !== null) {
    const code = (err as { statusCode?: unknown; code?: unknown }).statusCode;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

/** The Status object the API server sent with an error (client-node keeps it as text or as an object). */
export function statusBody(err: unknown): V1Status | undefined {
  if (!(err instanceof ApiException)) return undefined;
  const body: unknown = err.body;
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return typeof parsed === 'object' && parsed !== null ? (parsed as V1Status) : undefined;
}

export const isNotFound = (err: unknown): boolean => statusCode(err) === 404;

/** `what: message (HTTP 422)` from an API error, keeping the original as the cause. */
export function apiError(what: string, err: unknown): Error {
  const status = statusBody(err);
  const code = statusCode(err);
  const message = status?.message ?? (err instanceof Error ? err.message : String(err));
  return new Error(`${what}: ${message}${code !== undefined ? ` (HTTP ${code})` : ''}`, { cause: err });
}
