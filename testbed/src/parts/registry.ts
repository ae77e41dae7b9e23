// The test bed's OCI registry: Debian's `docker-registry` (distribution 2.8) on loopback, storing blobs on
// the filesystem inside the bed's dir. Exports REGISTRY=127.0.0.1:PORT (plain HTTP: push with
// --tls-verify=false). It listens on port 0, so the kernel picks its port as it binds it; the part reads
// that port from /proc (the only port its process listens on).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Part, PartContext, RunningPart } from '../part.js';
import { startOnOwnPort } from '../proc.js';

export const REGISTRY_BINARY = 'docker-registry';

async function answersV2(host: string): Promise<true | undefined> {
  // The distribution API's version check: 200 (or 401 with auth) means the registry serves requests.
  const response = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(2000) });
  await response.body?.cancel();
  if (response.status !== 200) throw new Error(`GET /v2/ answered ${response.status}`);
  return true;
}

/** The registry's config; port 0 (the default) lets the kernel pick the port at bind time. */
export function registryConfig(storageDir: string, port = 0): string {
  return stringify({
    version: 0.1,
    log: { level: 'info', fields: { service: 'registry' } },
    storage: {
      filesystem: { rootdirectory: storageDir },
      // Lets tests delete what they pushed through the API.
      delete: { enabled: true },
    },
    http: { addr: `127.0.0.1:${port}`, headers: { 'X-Content-Type-Options': ['nosniff'] } },
  });
}

export const registry: Part = {
  name: 'registry',
  async start(ctx: PartContext): Promise<RunningPart> {
    const dir = join(ctx.dir, 'registry');
    const storage = join(dir, 'storage');
    mkdirSync(storage, { recursive: true });
    const config = join(dir, 'config.yml');
    writeFileSync(config, registryConfig(storage));
    const { pid, ports, stop } = await startOnOwnPort('registry', REGISTRY_BINARY, ['serve', config], {
      logFile: join(dir, 'registry.log'),
      cwd: dir,
      what: 'the registry to answer GET /v2/',
      probe: (port) => answersV2(`127.0.0.1:${port}`),
    });
    const host = `127.0.0.1:${ports[0]}`;
    return { name: 'registry', env: { REGISTRY: host }, pids: [pid], stop };
  },
  async check(env) {
    const host = env.REGISTRY;
    if (host === undefined) throw new Error('registry: REGISTRY is not set');
    await answersV2(host);
  },
};
