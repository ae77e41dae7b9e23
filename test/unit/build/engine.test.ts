// The build engine end to end with stand-ins: a local node:http registry that knows some tags, and a
// `buildah` that records its calls. What is built, what is skipped, what a failure leaves, what push: false does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImages, type BuildLog, type BuildSettings } from '../../../src/build/engine.js';
import { hashContext } from '../../../src/build/context-hash.js';
import { ConfigError } from '../../../src/config/issues.js';

const KNOWN = `sha256:${'a'.repeat(64)}`;
const PUSHED = `sha256:${'0'.repeat(64)}`;

let dir: string;
let server: Server;
let host: string;
let calls: string;
const known = new Set<string>();
const heads: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dial-engine-'));
  server = createServer((req, res) => {
    heads.push(`${req.method} ${req.url}`);
    const found = req.method === 'HEAD' && known.has(req.url ?? '');
    res
      .writeHead(found ? 200 : 404, found ? { 'docker-content-digest': KNOWN, 'content-type': 'x' } : {})
      .end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  calls = join(dir, 'calls.log');
  writeFileSync(
    join(bin, 'buildah'),
    `#!/bin/sh
echo "$*" >> "${calls}"
[ -n "$FAIL_ON" ] && case "$*" in *"$FAIL_ON"*) echo "Error: no space left on device" >&2; exit 125 ;; esac
prev=""
for a in "$@"; do [ "$prev" = --digestfile ] && echo "${PUSHED}" > "$a"; prev="$a"; done
echo "STEP 1/1: COPY"
`,
  );
  chmodSync(join(bin, 'buildah'), 0o755);
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  known.clear();
  heads.length = 0;
  writeFileSync(calls, '');
});

function workspace(images: string[]): string {
  const ws = mkdtempSync(join(dir, 'ws-'));
  mkdirSync(join(ws, 'deploy'));
  writeFileSync(join(ws, 'deploy', 'd.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
  const lines = images.map((name) => {
    mkdirSync(join(ws, name));
    writeFileSync(join(ws, name, 'Containerfile'), 'FROM scratch\nCOPY . /\n');
    writeFileSync(join(ws, name, `${name}.txt`), name);
    return `  - { name: ${name}, context: ${name}, repository: ${host}/shop/${name} }`;
  });
  writeFileSync(
    join(ws, 'dial.yaml'),
    `service: shop\nprofile: prototype\nmanifests: [deploy]\nimages:\n${lines.join('\n')}\n`,
  );
  return ws;
}

function settings(ws: string, over: Partial<BuildSettings> = {}): BuildSettings {
  return {
    file: 'dial.yaml',
    workspace: ws,
    images: [],
    push: true,
    tlsVerify: false,
    tagCommit: false,
    commit: '9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b',
    builder: 'auto',
    tempDir: dir,
    env: { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: dir },
    ...over,
  };
}

function recorder() {
  const lines: string[] = [];
  const log: BuildLog = {
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    secret: () => undefined,
    group: async (title, fn) => {
      lines.push(`[${title}]`);
      return fn();
    },
    tool: (fn) => fn((line) => lines.push(`  | ${line}`)),
  };
  return { log, lines };
}

const buildahCalls = () => readFileSync(calls, 'utf8').split('\n').filter(Boolean);
const tagOf = async (ws: string, name: string) =>
  (await hashContext(join(ws, name), join(ws, name, 'Containerfile'))).tag;

describe('buildImages', () => {
  it('builds what the registry lacks, skips what it has, and finds the builder only when needed', async () => {
    const ws = workspace(['api', 'web']);
    known.add(`/v2/shop/api/manifests/${await tagOf(ws, 'api')}`);
    const { log, lines } = recorder();
    const report = await buildImages(settings(ws), log);
    const webTag = await tagOf(ws, 'web');
    expect(report.failure).toBeUndefined();
    expect(report.builder).toBe('buildah');
    expect(report.results.map((r) => [r.name, r.status, r.ref])).toEqual([
      ['api', 'skipped', `${host}/shop/api:${await tagOf(ws, 'api')}@${KNOWN}`],
      ['web', 'built', `${host}/shop/web:${webTag}@${PUSHED}`],
    ]);
    // `buildah --version` once (finding the builder), then bud and push for web only.
    // `buildah --version` once (finding the builder), then bud and push, for web only.
    const recorded = buildahCalls();
    const subcommand = (call: string) =>
      call.split(' ').find((arg) => !arg.startsWith('-') && arg !== 'vfs') ?? call;
    expect(recorded.map(subcommand)).toEqual(['--version', 'bud', 'push']);
    expect(
      buildahCalls()
        .slice(1)
        .every((c) => c.includes('/shop/web:')),
    ).toBe(true);
    expect(lines).toContain(`  | STEP 1/1: COPY`);
  });

  it('needs no builder at all when every tag is in the registry', async () => {
    const ws = workspace(['api']);
    known.add(`/v2/shop/api/manifests/${await tagOf(ws, 'api')}`);
    const report = await buildImages(settings(ws, { builder: 'docker' }), recorder().log);
    expect(report.results.map((r) => r.status)).toEqual(['skipped']);
    expect(report.builder).toBeUndefined();
    expect(buildahCalls()).toEqual([]);
  });

  it('builds only the images asked for', async () => {
    const ws = workspace(['api', 'web']);
    const report = await buildImages(settings(ws, { images: ['web'] }), recorder().log);
    expect(report.results.map((r) => r.name)).toEqual(['web']);
    expect(heads.every((h) => h.includes('/shop/web/'))).toBe(true);
  });

  it('stops at the first failure, naming the image and what the builder said', async () => {
    const ws = workspace(['api', 'web']);
    const env = { ...settings(ws).env, FAIL_ON: 'bud' };
    const report = await buildImages(settings(ws, { env }), recorder().log);
    expect(report.results).toEqual([]);
    expect(report.failure?.image).toBe('api');
    expect(report.failure?.message.split('\n')[0]).toBe(
      'buildah bud exited with 125: Error: no space left on device',
    );
    expect(heads.some((h) => h.includes('/shop/web/'))).toBe(false);
  });

  it('with push off, builds without pushing and goes on when the registry cannot be asked', async () => {
    const ws = workspace(['api']);
    const yaml = readFileSync(join(ws, 'dial.yaml'), 'utf8').replace(host, '127.0.0.1:0');
    writeFileSync(join(ws, 'dial.yaml'), yaml);
    const { log, lines } = recorder();
    const report = await buildImages(settings(ws, { push: false }), log);
    const tag = await tagOf(ws, 'api');
    expect(report.results.map((r) => [r.status, r.ref, r.digest])).toEqual([
      ['built-not-pushed', `127.0.0.1:0/shop/api:${tag}`, undefined],
    ]);
    expect(lines.some((l) => l.startsWith('warning: cannot ask 127.0.0.1:0 whether'))).toBe(true);
    expect(buildahCalls().some((c) => c.includes(' push '))).toBe(false);
  });

  it('with push on, an unreachable registry is a failure, before any build', async () => {
    const ws = workspace(['api']);
    writeFileSync(
      join(ws, 'dial.yaml'),
      readFileSync(join(ws, 'dial.yaml'), 'utf8').replace(host, '127.0.0.1:0'),
    );
    const report = await buildImages(settings(ws), recorder().log);
    expect(report.failure?.message).toMatch(
      /^cannot ask 127\.0\.0\.1:0 whether 127\.0\.0\.1:0\/shop\/api:[0-9a-f]{12} exists/,
    );
    expect(buildahCalls()).toEqual([]);
  });

  it('tags the commit too with tag-commit', async () => {
    const ws = workspace(['api']);
    const report = await buildImages(settings(ws, { tagCommit: true }), recorder().log);
    expect(report.results[0]?.tags).toEqual([
      await tagOf(ws, 'api'),
      '9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b',
    ]);
    expect(buildahCalls().filter((c) => c.includes(' push '))).toHaveLength(2);
  });

  it('reports every context problem at once, before touching the registry', async () => {
    const ws = workspace(['api', 'web']);
    rmSync(join(ws, 'api', 'Containerfile'));
    writeFileSync(join(ws, 'web', '.dockerignore'), '[\n');
    const error = await buildImages(settings(ws), recorder().log).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => [i.path.join('.'), i.origin])).toEqual([
      ['images.0.context', { kind: 'file', file: 'dial.yaml', line: 5, col: 27 }],
      ['images.1.context', { kind: 'file', file: 'dial.yaml', line: 6, col: 27 }],
    ]);
    expect(heads).toEqual([]);
  });
});
