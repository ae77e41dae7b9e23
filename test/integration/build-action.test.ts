// The build action (dist/build, run through the runner-faithful harness) against the test bed's real
// registry (docker-registry over plain HTTP) with the real buildah: the first run builds and pushes, a
// second run of the same source asks the registry and builds nothing, a changed file gives a new tag.
// Images are FROM scratch (no base image can be pulled here). buildah keeps its images in a private vfs
// store per test file (CONTAINERS_STORAGE_CONF), so runs beside this one never share its storage.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueName } from '../helpers/names.js';
import { runAction, type ActionRun } from '../harness/run-action.js';

const registry = process.env.REGISTRY ?? '';
const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: hello }
spec:
  selector: { matchLabels: { app: hello } }
  template:
    metadata: { labels: { app: hello } }
    spec: { containers: [{ name: hello, image: hello }] }
`;

let root: string;
let env: Record<string, string>;
let noBuilderPath: string;
let builderCalls: string;

beforeAll(() => {
  if (!/^127\.0\.0\.1:\d+$/.test(registry))
    throw new Error(`REGISTRY is not the bed's registry: "${registry}"`);
  root = mkdtempSync(join(tmpdir(), 'dial-build-action-'));
  // A private buildah store: the vfs driver, as the action uses by default.
  const storage = join(root, 'storage');
  mkdirSync(storage);
  const conf = join(root, 'storage.conf');
  writeFileSync(
    conf,
    `[storage]\ndriver = "vfs"\ngraphroot = "${join(storage, 'root')}"\nrunroot = "${join(storage, 'run')}"\n`,
  );
  env = { CONTAINERS_STORAGE_CONF: conf };
  // For the runs that must not build: a `buildah` (and `docker`) that records the call and fails.
  const bin = join(root, 'no-builder');
  mkdirSync(bin);
  builderCalls = join(root, 'builder-calls.log');
  writeFileSync(builderCalls, '');
  for (const tool of ['buildah', 'docker']) {
    writeFileSync(join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> "${builderCalls}"\nexit 1\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  noBuilderPath = `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A workspace with one FROM scratch image in its own repository of the bed's registry. */
function service(name: string): { workspace: string; repository: string } {
  const workspace = join(root, name);
  const repository = `${registry}/${name}/hello`;
  mkdirSync(join(workspace, 'deploy'), { recursive: true });
  mkdirSync(join(workspace, 'app'), { recursive: true });
  writeFileSync(join(workspace, 'deploy', 'deployment.yaml'), DEPLOYMENT);
  writeFileSync(
    join(workspace, 'dial.yaml'),
    `service: hello\nprofile: prototype\nmanifests: [deploy]\nimages:\n  - { name: hello, context: app, repository: ${repository} }\n`,
  );
  writeFileSync(join(workspace, 'app', 'Containerfile'), 'FROM scratch\nCOPY . /srv/\n');
  writeFileSync(join(workspace, 'app', '.dockerignore'), '*.log\n');
  writeFileSync(join(workspace, 'app', 'hello.txt'), `hello from ${name}\n`);
  writeFileSync(join(workspace, 'app', 'debug.log'), 'first\n');
  return { workspace, repository };
}

function build(
  workspace: string,
  inputs: Record<string, string> = {},
  extraEnv: Record<string, string> = {},
) {
  return runAction({
    action: 'build',
    inputs: { 'tls-verify': 'false', ...inputs },
    workspace,
    env: { ...env, ...extraEnv },
    timeoutMs: 150_000,
  });
}

/** The same action with no working builder on PATH: it must not need one. */
function buildWithoutBuilder(workspace: string, inputs: Record<string, string> = {}) {
  return build(workspace, inputs, { PATH: noBuilderPath });
}

async function registryDigest(repository: string, tag: string): Promise<string | null> {
  const [host, ...path] = repository.split('/');
  const response = await fetch(`http://${host}/v2/${path.join('/')}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: MANIFEST_ACCEPT },
  });
  if (response.status === 404) return null;
  expect(response.status).toBe(200);
  return response.headers.get('docker-content-digest');
}

function parseRef(run: ActionRun, repository: string): { tag: string; digest: string } {
  const images = JSON.parse(run.outputs.images ?? '{}') as Record<string, string>;
  const escaped = repository.replace(/[.]/g, '\\.');
  const match = new RegExp(`^${escaped}:([0-9a-f]{12})@(sha256:[0-9a-f]{64})$`).exec(images.hello ?? '');
  if (!match) throw new Error(`unexpected images output ${run.outputs.images}\n${run.stdout}`);
  return { tag: match[1] as string, digest: match[2] as string };
}

function expectSuccess(run: ActionRun): void {
  if (run.exitCode !== 0) throw new Error(`the build action failed:\n${run.stdout}\n${run.stderr}`);
  expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
}

describe('build action against the bed registry', () => {
  it('builds and pushes on the first run; the digest is the one the registry reports', async () => {
    const { workspace, repository } = service(uniqueName('dial-build'));
    const run = await build(workspace);
    expectSuccess(run);
    const { tag, digest } = parseRef(run, repository);
    expect(run.outputs.built).toBe('hello');
    expect(run.outputs.skipped).toBe('');
    expect(run.outputs['image-refs']).toBe(`hello=${repository}:${tag}@${digest}`);
    await expect(registryDigest(repository, tag)).resolves.toBe(digest);
    expect(run.stdout).toContain('is not in the registry: building with buildah, then pushing');
    expect(run.stdout).toContain('STEP 2/2: COPY . /srv/'); // buildah's own progress, passed on
    expect(run.groups).toEqual([`hello (1/1): ${repository}:${tag}`]);
    expect(run.summary).toContain('| hello | built and pushed |');
    expect(run.summary).toContain(`\`${repository}:${tag}@${digest}\``);
  }, 180_000);

  it('skips the build when the registry has the tag (no builder call) and adds the commit tag there', async () => {
    const { workspace, repository } = service(uniqueName('dial-build'));
    const first = await build(workspace);
    expectSuccess(first);
    const { tag, digest } = parseRef(first, repository);

    writeFileSync(builderCalls, '');
    const again = await buildWithoutBuilder(workspace, { 'tag-commit': 'true' });
    expectSuccess(again);
    expect(readFileSync(builderCalls, 'utf8')).toBe('');
    expect(again.outputs.built).toBe('');
    expect(again.outputs.skipped).toBe('hello');
    expect(parseRef(again, repository)).toEqual({ tag, digest });
    expect(again.stdout).toContain(`${repository}:${tag} is already in the registry (${digest}): not built`);
    expect(again.summary).toContain('| hello | already in the registry: not built |');
    // The commit tag now names the same manifest.
    const commit = /tagged .*:([0-9a-f]{40}) with the same manifest/.exec(again.stdout)?.[1] ?? '';
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    await expect(registryDigest(repository, commit)).resolves.toBe(digest);
  }, 180_000);

  it('keeps the tag when only an ignored file changes, and gives a new one when a file changes', async () => {
    const { workspace, repository } = service(uniqueName('dial-build'));
    const first = await build(workspace);
    expectSuccess(first);
    const before = parseRef(first, repository);

    writeFileSync(join(workspace, 'app', 'debug.log'), 'second\n');
    writeFileSync(builderCalls, '');
    const ignored = await buildWithoutBuilder(workspace);
    expectSuccess(ignored);
    expect(readFileSync(builderCalls, 'utf8')).toBe('');
    expect(parseRef(ignored, repository)).toEqual(before);

    writeFileSync(join(workspace, 'app', 'hello.txt'), 'hello, changed\n');
    const changed = await build(workspace);
    expectSuccess(changed);
    const after = parseRef(changed, repository);
    expect(after.tag).not.toBe(before.tag);
    expect(after.digest).not.toBe(before.digest);
    expect(changed.outputs.built).toBe('hello');
    await expect(registryDigest(repository, after.tag)).resolves.toBe(after.digest);
    await expect(registryDigest(repository, before.tag)).resolves.toBe(before.digest);
  }, 240_000);
});
