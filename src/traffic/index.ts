// The routers by dial.yaml's `router.type`: the replica ratio (no mesh) and the mesh and gateway routers,
// which split requests by weight between per-track Services (see track-services.ts).
import type { RouterConfig } from '../config/types.js';
import type { Cluster } from '../rollout/ports.js';
import { EmissaryRouter } from './emissary.js';
import { GatewayApiRouter } from './gateway-api.js';
import { IngressNginxRouter } from './ingress-nginx.js';
import { IstioRouter } from './istio.js';
import type { RouterTarget } from './objects.js';
import { ReplicaRouter } from './replicas.js';
import type { Router } from './router.js';
import { SmiRouter } from './smi.js';

export type { RouterTarget } from './objects.js';
export type { HeaderMatch, ReplicaPlan, Router, WeightReading } from './router.js';
export { EmissaryRouter } from './emissary.js';
export { GatewayApiRouter } from './gateway-api.js';
export { IngressNginxRouter } from './ingress-nginx.js';
export { IstioRouter } from './istio.js';
export { ReplicaRouter } from './replicas.js';
export { SmiRouter } from './smi.js';
export { COMPARED_LABEL, trackServiceName } from './track-services.js';
export { weightedReplicaPlan } from './weights.js';

/** The router dial.yaml names, for the rollout of `target.workload` in `target.namespace`. */
export function createRouter(config: RouterConfig, cluster: Cluster, target: RouterTarget): Router {
  const routed: RouterTarget = { ...target, config };
  switch (config.type) {
    case 'replicas':
      return new ReplicaRouter(cluster, target.namespace, target.workload);
    case 'gateway-api':
      return new GatewayApiRouter(cluster, routed);
    case 'istio':
      return new IstioRouter(cluster, routed);
    case 'smi':
      return new SmiRouter(cluster, routed);
    case 'ingress-nginx':
      return new IngressNginxRouter(cluster, routed);
    case 'emissary':
      return new EmissaryRouter(cluster, routed);
    default:
      throw new Error(
        `router.type ${String((config as { type: unknown }).type)} is not one Dial knows (replicas, gateway-api, istio, smi, ingress-nginx, emissary)`,
      );
  }
}
