// The builders' command lines, run against stand-in `buildah` and `docker` programs that record their
// arguments: argument arrays only (shell metacharacters arrive as plain text), no password on a command line.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildah, docker, findBuilder, type BuildRequest } from '../../../src/build/builders.js';
import { parseRepository } from '../../../src/build/reference.js';

const ZEROS = '0'.repeat(64);
const RECORDER = `#!/bin/sh
# Records one call: a separator, then every argument on its own line, then standard input if asked.
printf '%s\\n' "--- $(basename "$0")" >> "$FAKE_LOG"
for a in "$@"; do printf '%s\\n' "$a" >> "$FAKE_LOG"; done
prev=""
for a in "$@"; do
  case "$prev" in
    --digestfile) echo "sha256:${ZEROS}" > "$a" ;;
    --metadata-file) echo '{"containerimage.digest":"sha256:${'1'.repeat(64)}"}' > "$a" ;;
  esac
  prev="$a"
done
if [ "$1" = login ]; then printf 'stdin: %s\\n' "$(cat)" >> "$FAKE_LOG"; fi
if [ -n "$FAKE_FAIL" ]; then echo "error: it broke" >&2; exit 3; fi
echo "STEP 1/1: done"
`;

let dir: string;
let bin: string;
let log: string;
let work: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dial-builders-'));
  bin = join(dir, 'bin');
  work = join(dir, 'work');
  log = join(dir, 'calls.log');
  mkdirSync(bin);
  mkdirSync(work);
  for (const name of ['buildah', 'docker']) {
    writeFileSync(join(bin, name), RECORDER);
    chmodSync(join(bin, name), 0o755);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The recorded calls since the log was last cleared: argument lists, the program's name first. */
function calls(): string[][] {
  if (!existsSync(log)) return [];
  const text = readFileSync(log, 'utf8');
  writeFileSync(log, '');
  return text
    .split(/^--- /m)
    .filter(Boolean)
    .map((call) => call.replace(/\n$/, '').split('\n'));
}

const evil = '$(touch PWNED); `touch PWNED2` | rm -rf / ; echo';

function request(overrides: Partial<BuildRequest> = {}): BuildRequest {
  const lines: string[] = [];
  return {
    context: join(dir, `ctx ${evil}`),
    containerfile: join(dir, `ctx ${evil}`, 'Containerfile'),
    tags: ['127.0.0.1:5000/shop/app:abc123abc123', '127.0.0.1:5000/shop/app:9b2e4d6f'],
    push: true,
    tlsVerify: false,
    registry: '127.0.0.1:5000',
    workDir: work,
    onLine: (line) => lines.push(line),
    env: { PATH: `${bin}:/usr/bin:/bin`, FAKE_LOG: log, HOME: dir },
    ...overrides,
  };
}

describe('buildah', () => {
  it('builds with vfs, chroot and a fixed timestamp, then pushes each tag and reads the digest', async () => {
    calls();
    const outcome = await buildah.build(request());
    expect(outcome).toEqual({ digest: `sha256:${ZEROS}` });
    const [bud, push1, push2] = calls();
    const ctx = join(dir, `ctx ${evil}`);
    expect(bud).toEqual([
      'buildah',
      '--storage-driver',
      'vfs',
      'bud',
      '--timestamp',
      '0',
      '--file',
      join(ctx, 'Containerfile'),
      '--isolation',
      'chroot',
      '--tag',
      '127.0.0.1:5000/shop/app:abc123abc123',
      '--tag',
      '127.0.0.1:5000/shop/app:9b2e4d6f',
      ctx,
    ]);
    expect(push1?.slice(0, 4)).toEqual(['buildah', '--storage-driver', 'vfs', 'push']);
    expect(push1).toContain('--tls-verify=false');
    expect(push1?.slice(-2)).toEqual([
      '127.0.0.1:5000/shop/app:abc123abc123',
      'docker://127.0.0.1:5000/shop/app:abc123abc123',
    ]);
    expect(push2?.slice(-1)).toEqual(['docker://127.0.0.1:5000/shop/app:9b2e4d6f']);
    expect(existsSync(join(dir, 'PWNED')) || existsSync(join(process.cwd(), 'PWNED'))).toBe(false);
  });

  it('leaves storage driver and isolation to STORAGE_DRIVER / BUILDAH_ISOLATION, and builds only without push', async () => {
    calls();
    const env = { ...request().env, STORAGE_DRIVER: 'overlay', BUILDAH_ISOLATION: 'oci' };
    await expect(buildah.build(request({ env, push: false, tlsVerify: true }))).resolves.toEqual({});
    const recorded = calls();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).not.toContain('--storage-driver');
    expect(recorded[0]).not.toContain('--isolation');
  });

  it('gives credentials through a private auth file, never on the command line', async () => {
    calls();
    const credentials = {
      username: 'ada',
      password: 'pa$$ word',
      source: 'input registry-username',
      origin: 'input' as const,
    };
    await buildah.build(request({ credentials }));
    const recorded = calls();
    for (const call of recorded) expect(call.join(' ')).not.toContain('pa$$ word');
    const push = recorded[1] ?? [];
    const authFile = push[push.indexOf('--authfile') + 1] ?? '';
    expect(authFile.startsWith(work)).toBe(true);
  });

  it('fails with the tool output tail', async () => {
    const env = { ...request().env, FAKE_FAIL: '1' };
    await expect(buildah.build(request({ env }))).rejects.toMatchObject({
      message: 'buildah bud exited with 3',
      tail: expect.arrayContaining(['error: it broke']),
    });
  });
});

describe('docker buildx', () => {
  it('logs in with the password on standard input, builds and pushes with a metadata file', async () => {
    calls();
    const credentials = {
      username: 'ada',
      password: 'secret-pw',
      source: 'input registry-username',
      origin: 'input' as const,
    };
    const outcome = await docker.build(request({ credentials }));
    expect(outcome).toEqual({ digest: `sha256:${'1'.repeat(64)}` });
    const [login, build] = calls();
    expect(login).toEqual([
      'docker',
      'login',
      '127.0.0.1:5000',
      '--username',
      'ada',
      '--password-stdin',
      'stdin: secret-pw',
    ]);
    expect(build?.slice(0, 5)).toEqual([
      'docker',
      'buildx',
      'build',
      '--file',
      join(dir, `ctx ${evil}`, 'Containerfile'),
    ]);
    expect(build).toContain('type=image,push=true,registry.insecure=true');
    expect(build?.at(-1)).toBe(join(dir, `ctx ${evil}`));
  });
});

describe('findBuilder', () => {
  it('takes buildah when it runs, and says what is missing otherwise', async () => {
    await expect(findBuilder('auto', request().env)).resolves.toBe(buildah);
    await expect(findBuilder('docker', request().env)).resolves.toBe(docker);
    const empty = { PATH: join(dir, 'nothing-here') };
    await expect(findBuilder('auto', empty)).rejects.toThrow(/no image builder found/);
    await expect(findBuilder('buildah', empty)).rejects.toThrow(/buildah --version/);
  });
});

describe('parseRepository', () => {
  it('splits registry host and path as Docker does', () => {
    expect(parseRepository('127.0.0.1:5000/demo/hello')).toMatchObject({
      registry: '127.0.0.1:5000',
      apiHost: '127.0.0.1:5000',
      path: 'demo/hello',
      qualified: '127.0.0.1:5000/demo/hello',
    });
    expect(parseRepository('ghcr.io/org/app')).toMatchObject({ registry: 'ghcr.io', path: 'org/app' });
    expect(parseRepository('localhost/app')).toMatchObject({ registry: 'localhost', path: 'app' });
    expect(parseRepository('nginx')).toMatchObject({
      registry: 'docker.io',
      apiHost: 'registry-1.docker.io',
      path: 'library/nginx',
      qualified: 'docker.io/library/nginx',
    });
    expect(parseRepository('org/app')).toMatchObject({ registry: 'docker.io', path: 'org/app' });
    expect(parseRepository('docker.io/nginx')).toMatchObject({
      path: 'library/nginx',
      name: 'docker.io/nginx',
    });
  });
});
