// The demo's checkout of the sample service: demo/ copied into a private folder with the test bed's own
// values in place of the placeholders the committed files carry (the image repository in the bed's
// registry, the bed's Prometheus, the run's namespace and route hostname), as a team would write them
// once for its cluster. Everything else — the releases' manifests and their env — is as committed.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';

/** The committed files' placeholders. */
export const PLACEHOLDER_REPOSITORY = 'registry.dial.test/dial-demo/hello';
export const SERVICE = 'hello';
export const DIAL_FILE = 'demo/dial.yaml';
export const RELEASES = ['v1', 'v2', 'v3'] as const;
export type ReleaseName = (typeof RELEASES)[number];

export interface DemoWorkspace {
  dir: string;
  /** The image repository in the bed's registry. */
  repository: string;
  /** The route's hostname: requests name it in their Host header. */
  host: string;
}

/** `--set` value that picks a release's manifests (the shared Service and route, and its Deployment). */
export function manifestsOf(release: ReleaseName): string {
  return `manifests=[demo/deploy,demo/releases/${release}]`;
}

function edit(path: string, change: (doc: Document) => void): void {
  const docs = readFileSync(path, 'utf8')
    .split(/^---\s*$/m)
    .map((text) => parseDocument(text));
  for (const doc of docs) change(doc);
  writeFileSync(path, docs.map((doc) => doc.toString()).join('---\n'));
}

export function makeWorkspace(
  root: string,
  dir: string,
  bed: { registry: string; prometheusUrl: string; namespace: string },
): DemoWorkspace {
  cpSync(join(root, 'demo'), join(dir, 'demo'), { recursive: true });
  const repository = `${bed.registry}/dial-demo/${SERVICE}`;
  const host = `${SERVICE}.${bed.namespace}.dial.test`;
  edit(join(dir, DIAL_FILE), (doc) => {
    doc.setIn(['namespace'], bed.namespace);
    doc.setIn(['images', 0, 'repository'], repository);
    doc.setIn(['analysis', 'provider', 'url'], bed.prometheusUrl);
  });
  edit(join(dir, 'demo', 'deploy', 'httproute.yaml'), (doc) => doc.setIn(['spec', 'hostnames'], [host]));
  for (const release of readdirSync(join(dir, 'demo', 'releases'))) {
    const folder = join(dir, 'demo', 'releases', release);
    for (const file of readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)))
      edit(join(folder, file), (doc) => {
        const containers = doc.getIn(['spec', 'template', 'spec', 'containers']) as
          { items?: unknown[] } | undefined;
        (containers?.items ?? []).forEach((_, i) => {
          const path = ['spec', 'template', 'spec', 'containers', i, 'image'];
          const image = doc.getIn(path);
          if (typeof image === 'string' && image.startsWith(`${PLACEHOLDER_REPOSITORY}:`))
            doc.setIn(path, `${repository}${image.slice(PLACEHOLDER_REPOSITORY.length)}`);
        });
      });
  }
  return { dir, repository, host };
}

/** A release's env as its manifest sets it (DIAL_POD_*), for the output. */
export function releaseEnv(dir: string, release: ReleaseName): Record<string, string> {
  const doc = parseDocument(readFileSync(join(dir, 'demo', 'releases', release, 'deployment.yaml'), 'utf8'));
  const env = doc.getIn(['spec', 'template', 'spec', 'containers', 0, 'env']) as
    { toJSON(): Array<{ name: string; value: string }> } | undefined;
  return Object.fromEntries((env?.toJSON() ?? []).map((e) => [e.name, String(e.value)]));
}
