// From a resolved dial.yaml to the release the engine deploys: the manifests read, the images set, the
// namespace resolved, and an id that is the same for the same manifests and images, so a rerun of the
// same release resumes it instead of starting another.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { analysisSpecFromConfig } from '../analysis/from-config.js';
import { durationSeconds } from '../config/duration.js';
import type { ResolvedConfig } from '../config/load.js';
import { toProviderConfig } from '../config/provider.js';
import { readManifests, resolveNamespace, substituteImages } from '../kube/manifests.js';
import type { NewRelease } from './engine.js';
import type { ReleaseSettings, StepPlan } from './record.js';

export interface PreparedRelease {
  release: NewRelease;
  namespace: string;
  workload: string;
  steps: StepPlan[];
  warnings: string[];
  /** Problems that must stop the run before anything is applied (e.g. an analysis without queries). */
  problems: string[];
}

/** `checkout-3f9a1c07d2`: the service and a hash of everything applied (objects with their images). */
export function releaseId(service: string, objects: KubernetesObject[]): string {
  const hash = createHash('sha256').update(JSON.stringify(objects)).digest('hex').slice(0, 10);
  return `${service}-${hash}`;
}

export async function prepareRelease(
  resolved: ResolvedConfig,
  workspace: string,
  namespaceInput: string | undefined,
): Promise<PreparedRelease> {
  const { config, profile } = resolved;
  const read = await readManifests(
    resolved.manifestFiles.map((file) => join(workspace, file)),
    workspace,
  );
  const images = (config.images ?? [])
    .filter((image) => resolved.imageRefs[image.name] !== undefined)
    .map((image) => ({ repository: image.repository, ref: resolved.imageRefs[image.name]! }));
  const substituted = substituteImages(read, images);
  const placed = resolveNamespace(substituted.objects, {
    ...(namespaceInput ? { input: namespaceInput } : {}),
    ...(config.namespace ? { file: config.namespace } : {}),
  });
  const strategy = config.strategy ?? {};
  const bake = durationSeconds(strategy.bake ?? '0s');
  const canary = strategy.type !== 'rolling';
  const stepsIn = canary ? (strategy.steps ?? []) : [];
  const steps: StepPlan[] = stepsIn.map((step, i) => {
    const weight = typeof step === 'number' ? step : step.weight;
    const last = i === stepsIn.length - 1;
    const own = typeof step === 'number' ? undefined : step.bake;
    const gate = typeof step !== 'number' && step.approval === true;
    return {
      weight,
      bakeSeconds: last ? 0 : own ? durationSeconds(own) : bake,
      analysis: !last,
      ...((gate || last) && strategy.approval ? { approval: strategy.approval.environment } : {}),
    };
  });
  const problems: string[] = [];
  const watch = canary && strategy.watch ? durationSeconds(strategy.watch) : 0;
  const settings: ReleaseSettings = {
    progressDeadlineSeconds: durationSeconds(strategy.progressDeadline ?? '10m'),
    ...(watch > 0 ? { watchSeconds: watch } : {}),
  };
  if (canary && steps.some((s) => s.analysis)) {
    if (!config.analysis?.provider) {
      problems.push(
        'analysis.provider: a canary needs a metrics provider to judge it (Dial never promotes without evidence)',
      );
    } else {
      const mapped = analysisSpecFromConfig(config, profile, bake);
      problems.push(...mapped.problems);
      settings.analysis = { provider: toProviderConfig(config.analysis.provider), spec: mapped.spec };
    }
  }
  const imageRefs = Object.fromEntries(
    (config.images ?? [])
      .filter((image) => resolved.imageRefs[image.name] !== undefined)
      .map((image) => [image.name, resolved.imageRefs[image.name]!]),
  );
  return {
    release: {
      id: releaseId(config.service, placed.objects),
      images: imageRefs,
      objects: placed.objects,
      settings,
    },
    namespace: placed.namespace,
    workload: config.workload?.name ?? config.service,
    steps,
    warnings: substituted.warnings,
    problems,
  };
}
