// The test bed's OCI registry: Debian's `docker-registry` (distribution 2.8) on loopback, storing blobs on
// the filesystem inside the bed's dir. Exports REGISTRY=127.0.0.1:PORT (plain HTTP: push with
// --tls-verify=false).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Part, PartContext, RunningPart } from '../part.js';
import { freePort, startReadyDaemon } from '../proc.js';

export const REGISTRY_BINARY = 'docker-registry';

async function answersV2(host: string): Promise<true | undefined> {
  // The distribution API's version check: 200 (or 401 with auth) means the registry serves requests.
  const response = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(2000) });
  await response.body?.cancel();
  if (response.status !== 200) throw new Error(`GET /v2/ answered ${response.status}`);
  return true;
}

export function registryConfig(storageDir: string, port: number): string {
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
    const port = await freePort();
    const config = join(dir, 'config.yml');
    writeFileSync(config, registryConfig(storage, port));
    const host = `127.0.0.1:${port}`;
    const { pid, stop } = await startReadyDaemon('registry', REGISTRY_BINARY, ['serve', config], {
      logFile: join(dir, 'registry.log'),
      cwd: dir,
      what: `registry on ${host}`,
      probe: () => answersV2(host),
    });
    return { name: 'registry', env: { REGISTRY: host }, pids: [pid], stop };
  },
  async check(env) {
    const host = env.REGISTRY;
    if (host === undefined) throw new Error('registry: REGISTRY is not set');
    await answersV2(host);
  },
};
