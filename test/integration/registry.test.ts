// The bed's real registry and daemonless builder: build a FROM scratch image with buildah, push it to
// docker-registry, and read the manifest back through the OCI distribution API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAndPush } from '../../testbed/src/buildah.js';
import type { RunningPart } from '../../testbed/src/part.js';
import { alive } from '../../testbed/src/proc.js';
import { registry } from '../../testbed/src/parts/registry.js';

// What a client must accept to be given OCI and Docker schema 2 manifests (and indexes) as stored.
const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

function manifestHead(host: string, name: string, reference: string): Promise<Response> {
  return fetch(`http://${host}/v2/${name}/manifests/${reference}`, {
    method: 'HEAD',
    headers: { accept: MANIFEST_ACCEPT },
  });
}

describe('registry part and buildah', () => {
  let dir: string;
  let running: RunningPart;
  let host: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dial-registry-test-'));
    running = await registry.start({ dir, log: () => undefined });
    host = running.env.REGISTRY ?? '';
  });

  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function scratchContext(name: string, text: string): string {
    const context = join(dir, name);
    mkdirSync(context, { recursive: true });
    writeFileSync(join(context, 'hello.txt'), text);
    writeFileSync(join(context, 'Containerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
    return context;
  }

  it('serves the distribution API on loopback and reports its pid', async () => {
    expect(host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(running.pids).toHaveLength(1);
    expect(alive(running.pids[0] ?? -1)).toBe(true);
    await expect(registry.check?.(running.env)).resolves.toBeUndefined();
  });

  it.each(['oci', 'docker'] as const)(
    'builds FROM scratch, pushes (%s manifest), and a manifest HEAD returns the pushed digest',
    async (format) => {
      const context = scratchContext(`ctx-${format}`, `hello from ${format} at ${Date.now()}\n`);
      const image = `${host}/demo/hello:${format}`;
      const pushed = await buildAndPush({ store: { dir: join(dir, 'buildah') }, context, image, format });
      expect(pushed.digest).toMatch(/^sha256:[0-9a-f]{64}$/);

      const byTag = await manifestHead(host, 'demo/hello', format);
      expect(byTag.status).toBe(200);
      expect(byTag.headers.get('docker-content-digest')).toBe(pushed.digest);
      expect(byTag.headers.get('content-type')).toBe(
        format === 'oci'
          ? 'application/vnd.oci.image.manifest.v1+json'
          : 'application/vnd.docker.distribution.manifest.v2+json',
      );
      const byDigest = await manifestHead(host, 'demo/hello', pushed.digest);
      expect(byDigest.status).toBe(200);
    },
  );

  it('answers 404 for a tag that was never pushed', async () => {
    const missing = await manifestHead(host, 'demo/hello', 'never-pushed');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('docker-content-digest')).toBeNull();
  });

  it('stops its process group', async () => {
    // Its own registry: stopping the one the other tests use would make them depend on running first.
    const own = await registry.start({ dir: mkdtempSync(join(dir, 'stop-')), log: () => undefined });
    const [pid] = own.pids;
    expect(alive(pid ?? -1)).toBe(true);
    await own.stop();
    expect(alive(pid ?? -1)).toBe(false);
    await expect(registry.check?.(own.env)).rejects.toThrow();
  });
});
