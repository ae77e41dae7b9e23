// Bad input through the built build action (dist/build, run as the runner runs it): every case exits 1
// with exactly one ::error:: that names the input or the dial.yaml field, sets no output, writes no
// summary, and builds nothing (a stand-in `buildah` first on PATH records any call).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../harness/run-action.js';
import { removeTempDirs, workspace } from '../unit/config/fixture.js';

const SERVICE = `service: shop
profile: prototype
manifests: [deploy]
images:
  - name: app
    context: app
    repository: 127.0.0.1:1/shop/app
`;
const CONTAINERFILE = 'FROM scratch\nCOPY hello.txt /hello.txt\n';

let bin: string;
let calls: string;

beforeAll(() => {
  bin = mkdtempSync(join(tmpdir(), 'dial-build-bin-'));
  calls = join(bin, 'calls.log');
  for (const tool of ['buildah', 'docker']) {
    writeFileSync(join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> "${calls}"\nexit 1\n`);
    chmodSync(join(bin, tool), 0o755);
  }
});
afterAll(() => {
  removeTempDirs();
  rmSync(bin, { recursive: true, force: true });
});

interface Case {
  name: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  files?: Record<string, string>;
  /** The input named in the annotation's title (`input <name>`), or the dial.yaml field and line. */
  input?: string;
  field?: string;
  line?: number;
  message: RegExp;
}

const cases: Case[] = [
  {
    name: 'push that is not a boolean',
    inputs: { push: 'yes' },
    input: 'push',
    message: /^input push must be true or false \(got "yes"\)$/,
  },
  {
    name: 'tls-verify that is not a boolean',
    inputs: { 'tls-verify': 'off' },
    input: 'tls-verify',
    message: /must be true or false/,
  },
  {
    name: 'tag-commit that is not a boolean',
    inputs: { 'tag-commit': '1' },
    input: 'tag-commit',
    message: /must be true or false/,
  },
  {
    name: 'tag-commit without a commit',
    inputs: { 'tag-commit': 'true' },
    env: { GITHUB_SHA: '' },
    input: 'tag-commit',
    message: /needs the commit in GITHUB_SHA/,
  },
  {
    name: 'unknown builder',
    inputs: { builder: 'kaniko' },
    input: 'builder',
    message: /must be one of auto, buildah, docker \(got "kaniko"\)/,
  },
  {
    name: 'image name with shell metacharacters',
    inputs: { images: 'app,`id`;$(touch${IFS}/tmp/dial-pwned)' },
    input: 'images',
    message:
      /must list image names from dial\.yaml: .* \(got "`id`;\$\(touch\$\{IFS\}\/tmp\/dial-pwned\)"\)$/,
  },
  {
    name: 'image not in dial.yaml',
    inputs: { images: 'web' },
    input: 'images',
    message: /^input images names an unknown image `web`; images in dial\.yaml: app$/,
  },
  {
    name: 'username without password',
    inputs: { 'registry-username': 'ada' },
    input: 'registry-password',
    message: /is empty, but registry-username is given/,
  },
  {
    name: 'password without username (and never shown)',
    inputs: { 'registry-password': 'hunter2-very-secret' },
    input: 'registry-username',
    message: /is empty, but registry-password is given/,
  },
  {
    name: "username with ':'",
    inputs: { 'registry-username': 'ada:x', 'registry-password': 'hunter2-very-secret' },
    input: 'registry-username',
    message: /may not contain ':'/,
  },
  {
    name: 'dial.yaml that does not exist (a file name with metacharacters)',
    inputs: { file: 'dial.yaml; touch /tmp/dial-pwned' },
    field: '(document)',
    line: 1,
    message: /cannot read dial\.yaml; touch \/tmp\/dial-pwned: file not found/,
  },
  {
    name: 'containerfile that does not exist',
    files: {
      'dial.yaml': SERVICE.replace('    context: app\n', '    context: app\n    containerfile: Buildfile\n'),
    },
    field: 'images[0].containerfile',
    line: 7,
    message: /^`Buildfile` does not exist in the context `app`$/,
  },
  {
    name: 'context without a Containerfile or Dockerfile',
    files: { 'app/Containerfile': '' },
    field: 'images[0].context',
    line: 6,
    message: /^no Containerfile or Dockerfile in `app`/,
  },
  {
    name: 'context outside the workspace',
    files: { 'dial.yaml': SERVICE.replace('context: app', 'context: ../elsewhere') },
    field: 'images[0].context',
    line: 6,
    message: /is outside the workspace/,
  },
  {
    name: 'bad .dockerignore pattern',
    files: { 'app/.dockerignore': 'node_modules\n[abc\n' },
    field: 'images[0].context',
    line: 6,
    message: /^\.dockerignore line 2: `\[abc` is not a valid pattern: unclosed character class$/,
  },
  {
    name: 'repository that is not an image repository',
    files: { 'dial.yaml': SERVICE.replace('127.0.0.1:1/shop/app', 'Shop/App:latest') },
    field: 'images[0].repository',
    line: 7,
    message: /^must be text matching .* \(got "Shop\/App:latest"\)$/,
  },
  {
    name: 'dial.yaml without images',
    files: { 'dial.yaml': SERVICE.replace(/images:[\s\S]*$/, '') },
    field: 'images',
    line: 1,
    message: /^no images to build: add `images` to dial\.yaml$/,
  },
];

function workspaceFor(test: Case): string {
  const base: Record<string, string> = {
    'dial.yaml': SERVICE,
    'app/Containerfile': CONTAINERFILE,
    'app/hello.txt': 'hello\n',
  };
  const files = { ...base, ...test.files };
  if (test.files?.['app/Containerfile'] === '') {
    delete files['app/Containerfile'];
  }
  const dir = workspace(files);
  mkdirSync(join(dir, 'app'), { recursive: true });
  return dir;
}

describe('build action rejects bad input before anything runs', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, test) => {
    writeFileSync(calls, '');
    const run = await runAction({
      action: 'build',
      inputs: { 'tls-verify': 'false', ...test.inputs },
      workspace: workspaceFor(test),
      env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, ...test.env },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toHaveLength(1);
    const [error] = run.annotations;
    expect(error?.level).toBe('error');
    if (test.input !== undefined) {
      expect(error?.title).toBe(`input ${test.input}`);
      expect(error?.message.startsWith(`input ${test.input} `)).toBe(true);
    } else {
      const file = test.inputs?.file ?? 'dial.yaml';
      expect(error).toMatchObject({ file, line: test.line, title: `${file}: ${test.field}` });
    }
    expect(error?.message).toMatch(test.message);
    expect(run.outputs).toEqual({});
    expect(run.summary).toBe('');
    expect(readFileSync(calls, 'utf8')).toBe('');
    expect(existsSync('/tmp/dial-pwned')).toBe(false);
    expect(run.stdout + run.stderr).not.toContain('hunter2-very-secret');
  });
});
