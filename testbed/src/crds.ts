// Loads the routers' published CRDs (see crd-sources.ts) and installs them, waiting until Established.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiextensionsV1Api,
  loadYaml,
  type KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { CRD_SOURCES, type CrdSource } from './crd-sources.js';
import { goModDirs } from './gomod.js';
import { waitFor } from './proc.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const moduleRef = (s: CrdSource): string => `${s.module}@${s.version}`;

/** The CRDs of every source, ready to create (apiextensions.k8s.io/v1). */
export async function loadCrds(
  sources: CrdSource[] = CRD_SOURCES,
  extraModules: string[] = [],
): Promise<{ crds: V1CustomResourceDefinition[]; dirs: Map<string, string> }> {
  const dirs = await goModDirs([...new Set([...sources.map(moduleRef), ...extraModules])]);
  const crds: V1CustomResourceDefinition[] = [];
  for (const src of sources) {
    const dir = dirs.get(moduleRef(src));
    if (!dir) throw new Error(`test bed: ${moduleRef(src)} is not in the module cache`);
    const found = new Map<string, V1CustomResourceDefinition>();
    for (const file of src.files) {
      // Parse only the documents that mention a wanted name (the files hold many large CRDs).
      // client-node's loadYaml turns apiextensions.k8s.io/v1 into its typed model (its typed API
      // sends only the fields it knows, by their TypeScript names: x_kubernetes_validations, ...);
      // kinds it does not know (v1beta1) come back as plain objects.
      const docs = readFileSync(join(dir, file), 'utf8').split(/^---[ \t]*$/m);
      for (const text of docs.filter((d) => src.names.some((n) => d.includes(n)))) {
        let obj: unknown;
        try {
          obj = loadYaml(text);
        } catch (err) {
          throw new Error(`test bed: ${moduleRef(src)}/${file}: ${(err as Error).message}`);
        }
        if (!isObj(obj) || obj.kind !== 'CustomResourceDefinition' || !isObj(obj.metadata)) continue;
        const name = String(obj.metadata.name);
        if (!src.names.includes(name)) continue;
        found.set(
          name,
          obj.apiVersion === 'apiextensions.k8s.io/v1beta1'
            ? loadYaml<V1CustomResourceDefinition>(JSON.stringify(v1beta1ToV1(obj)))
            : (obj as unknown as V1CustomResourceDefinition),
        );
      }
    }
    for (const name of src.names) {
      const crd = found.get(name);
      if (!crd) throw new Error(`test bed: ${name} not found in ${moduleRef(src)} (${src.files.join(', ')})`);
      if (src.withoutConversionWebhook) withoutWebhook(crd, src.withoutConversionWebhook.storageVersion);
      crd.metadata!.annotations = { ...crd.metadata!.annotations, 'dial.dev/source': moduleRef(src) };
      crds.push(crd);
    }
  }
  return { crds, dirs };
}

/**
 * apiextensions.k8s.io/v1beta1 → v1, as the apiserver's own conversion does: the top-level validation,
 * subresources and printer columns move into each version; the schema root gets `type: object`
 * (v1 requires structural schemas).
 */
export function v1beta1ToV1(crd: Obj): Obj {
  const spec = { ...(crd.spec as Obj) };
  const validation = isObj(spec.validation) ? (spec.validation.openAPIV3Schema as Obj) : undefined;
  const schema = { type: 'object', ...(validation ?? { 'x-kubernetes-preserve-unknown-fields': true }) };
  const columns = Array.isArray(spec.additionalPrinterColumns)
    ? (spec.additionalPrinterColumns as Obj[]).map(({ JSONPath, ...rest }) => ({
        ...rest,
        jsonPath: JSONPath,
      }))
    : undefined;
  const versions = (
    Array.isArray(spec.versions)
      ? (spec.versions as Obj[])
      : [{ name: spec.version, served: true, storage: true }]
  ).map((v) => ({
    name: v.name,
    served: v.served,
    storage: v.storage,
    schema: { openAPIV3Schema: isObj(v.schema) ? v.schema.openAPIV3Schema : schema },
    ...((v.subresources ?? spec.subresources) ? { subresources: v.subresources ?? spec.subresources } : {}),
    ...(columns ? { additionalPrinterColumns: columns } : {}),
  }));
  const out: Obj = {
    group: spec.group,
    names: spec.names,
    scope: spec.scope,
    versions,
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: crd.metadata,
    spec: out,
  };
}

function withoutWebhook(crd: V1CustomResourceDefinition, storageVersion: string): void {
  if (!crd.spec.versions.some((v) => v.name === storageVersion)) {
    throw new Error(`test bed: ${crd.metadata?.name} has no version ${storageVersion}`);
  }
  crd.spec.conversion = { strategy: 'None' };
  for (const v of crd.spec.versions) v.storage = v.name === storageVersion;
}

/** Creates the CRDs (in parallel) and waits until each is Established. */
export async function installCrds(
  kc: KubeConfig,
  crds: V1CustomResourceDefinition[],
  timeoutMs = 60000,
): Promise<void> {
  const api = kc.makeApiClient(ApiextensionsV1Api);
  await Promise.all(
    crds.map(async (body) => {
      try {
        await api.createCustomResourceDefinition({ body });
      } catch (err) {
        if ((err as { code?: number }).code !== 409) {
          throw new Error(`test bed: creating CRD ${body.metadata?.name}: ${(err as Error).message}`);
        }
      }
    }),
  );
  await Promise.all(
    crds.map((c) =>
      waitFor(
        `CRD ${c.metadata?.name} Established`,
        async () => {
          const got = await api.readCustomResourceDefinition({ name: c.metadata!.name! });
          return got.status?.conditions?.some((x) => x.type === 'Established' && x.status === 'True')
            ? true
            : undefined;
        },
        { timeoutMs, intervalMs: 100 },
      ),
    ),
  );
}
