// The routers' CustomResourceDefinitions the bed installs at `up`, read from the projects' own published
// files in their Go modules (module cache), so the apiserver validates objects by their real schemas.
// This file is the one list of those module@version pins.

export interface CrdSource {
  project: string;
  module: string;
  version: string;
  /** YAML files inside the module. */
  files: string[];
  /** metadata.name of each CRD to install from those files (others in the files are skipped). */
  names: string[];
  /**
   * The published definition uses a conversion webhook (a server the bed does not run): install it with
   * `conversion: None` and this version as the storage version. Every version keeps its published schema.
   */
  withoutConversionWebhook?: { storageVersion: string };
}

export const CRD_SOURCES: CrdSource[] = [
  {
    project: 'Gateway API (standard channel)',
    module: 'sigs.k8s.io/gateway-api',
    version: 'v1.6.3', // v1.7.0 needs Go 1.27
    files: [
      'config/crd/standard/gateway.networking.k8s.io_gatewayclasses.yaml',
      'config/crd/standard/gateway.networking.k8s.io_gateways.yaml',
      'config/crd/standard/gateway.networking.k8s.io_httproutes.yaml',
      'config/crd/standard/gateway.networking.k8s.io_grpcroutes.yaml',
      'config/crd/standard/gateway.networking.k8s.io_referencegrants.yaml',
      // Traefik (the gateway part) watches BackendTLSPolicy (3.7 also TLSRoute): without the CRD its cache
      // never syncs and every route answers 404.
      'config/crd/standard/gateway.networking.k8s.io_backendtlspolicies.yaml',
      'config/crd/standard/gateway.networking.k8s.io_tlsroutes.yaml',
    ],
    names: [
      'gatewayclasses.gateway.networking.k8s.io',
      'gateways.gateway.networking.k8s.io',
      'httproutes.gateway.networking.k8s.io',
      'grpcroutes.gateway.networking.k8s.io',
      'referencegrants.gateway.networking.k8s.io',
      'backendtlspolicies.gateway.networking.k8s.io',
      'tlsroutes.gateway.networking.k8s.io',
    ],
  },
  {
    project: 'Istio networking',
    module: 'istio.io/api',
    version: 'v1.32.0',
    files: ['kubernetes/customresourcedefinitions.gen.yaml'],
    names: ['virtualservices.networking.istio.io', 'destinationrules.networking.istio.io'],
  },
  {
    // Published as apiextensions.k8s.io/v1beta1 (removed in Kubernetes 1.22); crds.ts converts it to v1
    // mechanically (the one schema applies to every version, as v1beta1's top-level validation did).
    project: 'SMI TrafficSplit',
    module: 'github.com/servicemeshinterface/smi-sdk-go',
    version: 'v0.5.0',
    files: ['crds/split.yaml'],
    names: ['trafficsplits.split.smi-spec.io'],
  },
  {
    // The file Emissary publishes as emissary-crds.yaml (generated with fix-crds --target=apiserver-kubectl;
    // pkg/api/getambassador.io/crds.yaml is a different target, for Emissary's internal validator).
    project: 'Emissary-ingress Mapping',
    module: 'github.com/emissary-ingress/emissary/v3',
    version: 'v3.10.0',
    files: ['manifests/emissary/emissary-crds.yaml.in'],
    names: ['mappings.getambassador.io'],
    withoutConversionWebhook: { storageVersion: 'v3alpha1' },
  },
];
