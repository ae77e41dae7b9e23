// Temporary workspaces with a dial.yaml and real manifests, for the loader and the action's bad-input tests.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout }
spec:
  selector: { matchLabels: { app: checkout } }
  template:
    metadata: { labels: { app: checkout } }
    spec: { containers: [{ name: checkout, image: nginx }] }
`;

const made: string[] = [];

/** A fresh temp folder, removed by removeTempDirs (call it in afterAll). */
export function tempDir(prefix = 'dial-config-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A workspace holding `files` (path -> text); deploy/deployment.yaml exists unless overridden. */
export function workspace(files: Record<string, string>): string {
  const dir = tempDir();
  const all = { 'deploy/deployment.yaml': DEPLOYMENT, ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A valid production dial.yaml on Istio; tests change one thing at a time. */
export const VALID = `service: checkout
profile: production
namespace: shop
manifests: [deploy]
router:
  type: istio
  virtualService: checkout
analysis:
  provider:
    type: prometheus
    url: http://prometheus.monitoring:9090
`;
