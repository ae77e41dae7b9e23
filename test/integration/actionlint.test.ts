// The example workflows pass actionlint (the real Go tool, pinned by scripts/install-actionlint.sh), and
// every action.yml meets the metadata rules. Both checks are shown to fail on broken input.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadActionMetadata, repoRoot } from '../harness/action-metadata.js';
import { actionMetadataProblems, allActionProblems, listActions } from '../harness/action-rules.js';

interface LintError {
  message: string;
  filepath: string;
  line: number;
  column: number;
  kind: string;
}

const examplesDir = join(repoRoot, 'workflows-examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
  .sort();
const scratch = mkdtempSync(join(tmpdir(), 'dial-actionlint-'));
let actionlint = '';

beforeAll(() => {
  // Idempotent: prints the cached binary's path, building it with `go install` only the first time.
  actionlint = execFileSync('bash', [join(repoRoot, 'scripts/install-actionlint.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 600_000,
  }).trim();
}, 600_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * actionlint only resolves local actions (`uses: ./`) inside a project: a directory with .git and
 * .github/workflows (an empty .git is enough). A scratch project links this repository's action.yml, actions/ and dist/ and holds
 * the examples with `dial-dev/dial@v1` pointed at `./`, so actionlint checks their inputs against the
 * real root action.yml (and that its bundle exists) — the released reference would not be checked.
 */
function project(name: string, workflows: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  mkdirSync(join(dir, '.git'));
  for (const entry of ['action.yml', 'actions', 'dist']) {
    if (existsSync(join(repoRoot, entry))) symlinkSync(join(repoRoot, entry), join(dir, entry));
  }
  for (const [file, text] of Object.entries(workflows)) {
    writeFileSync(
      join(dir, '.github', 'workflows', file),
      text.replace(
        /dial-dev\/dial(\/actions\/[\w-]+)?@v1\b/g,
        (_m, sub?: string) => `./${sub?.slice(1) ?? ''}`,
      ),
    );
  }
  return dir;
}

function lint(dir: string): { status: number | null; errors: LintError[] } {
  const files = readdirSync(join(dir, '.github', 'workflows')).map((f) => join('.github', 'workflows', f));
  // shellcheck/pyflakes are off so the result does not depend on what else this machine has installed.
  const run = spawnSync(actionlint, ['-format', '{{json .}}', '-shellcheck=', '-pyflakes=', ...files], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  const errors = run.stdout.trim() === '' ? [] : (JSON.parse(run.stdout) as LintError[]);
  return { status: run.status, errors };
}

/** './', './actions/<n>', 'dial-dev/dial@v1', 'dial-dev/dial/actions/<n>@v1' -> 'dial' or <n>. */
function dialActionName(uses: string): string | undefined {
  const match = /^(?:\.\/|dial-dev\/dial\/?)(?:actions\/([\w-]+))?(?:@.*)?$/.exec(uses);
  return match === null ? undefined : (match[1] ?? 'dial');
}

const show = (errors: LintError[]): string[] =>
  errors.map((e) => `${e.filepath}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);

describe('workflows-examples', () => {
  it('has an example per profile', () => {
    const profiles = examples.map(
      (f) => readFileSync(join(examplesDir, f), 'utf8').match(/profile: (\S+)/)?.[1],
    );
    expect(new Set(profiles)).toEqual(new Set(['prototype', 'production', 'mission-critical']));
  });

  it('passes actionlint, with local action inputs checked against action.yml', () => {
    expect(existsSync(join(repoRoot, 'action.yml'))).toBe(true);
    const workflows = Object.fromEntries(
      examples.map((f) => [f, readFileSync(join(examplesDir, f), 'utf8')]),
    );
    const result = lint(project('examples', workflows));
    expect(show(result.errors)).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('uses only actions that exist, with inputs they declare', () => {
    const known = new Set(listActions());
    for (const file of examples) {
      const doc = parse(readFileSync(join(examplesDir, file), 'utf8')) as {
        jobs: Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
      };
      for (const job of Object.values(doc.jobs)) {
        for (const step of job.steps ?? []) {
          const name = dialActionName(step.uses ?? '');
          if (name === undefined) continue;
          expect(known).toContain(name);
          const meta = loadActionMetadata(name);
          for (const input of Object.keys(step.with ?? {})) {
            expect(Object.keys(meta.inputs)).toContain(input);
          }
          for (const [input, spec] of Object.entries(meta.inputs)) {
            if (spec.required === true && spec.default === undefined)
              expect(Object.keys(step.with ?? {})).toContain(input);
          }
        }
      }
    }
  });

  it('reports a broken workflow, so the check above can fail', () => {
    const broken = [
      'name: broken',
      'on: push',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: dial-dev/dial@v1',
      '        with:',
      '          profile: ${{ github.event.pull_request.number }',
      '          not-an-input: x',
      '      - run: echo ${{ steps.nope.outputs.x }}',
      '        timeout-minutes: ten',
      '',
    ].join('\n');
    const result = lint(project('broken', { 'broken.yml': broken }));
    expect(result.status).toBe(1);
    const messages = show(result.errors).join('\n');
    expect(messages).toMatch(/broken\.yml:10:\d+: .*(expression|\$\{\{)/);
    expect(messages).toMatch(/broken\.yml:11:\d+: input "not-an-input" is not defined/);
    expect(messages).toMatch(/broken\.yml:12:\d+: .*"nope"/);
    expect(messages).toMatch(/broken\.yml:13:\d+: .*/);
  });
});

describe('action.yml metadata', () => {
  it('holds for the root action and every actions/<name>/action.yml', () => {
    expect(listActions()).toContain('dial');
    expect(allActionProblems()).toEqual([]);
  });

  it('catches a broken action.yml', () => {
    const dir = join(scratch, 'bad-action');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'action.yml'),
      [
        'name: Bad',
        'inputs:',
        '  level:',
        '    required: false',
        'outputs:',
        '  result: {}',
        'runs:',
        '  using: node20',
        '  main: dist/bad/index.js',
        '',
      ].join('\n'),
    );
    expect(
      actionMetadataProblems(loadActionMetadata(dir)).map((p) => p.replace(/^.*action\.yml: /, '')),
    ).toEqual([
      'description is required',
      'branding.icon is required',
      'branding.color is required',
      "runs.using must be node24, not 'node20'",
      "runs.main 'dist/bad/index.js' does not exist (npm run build)",
      "input 'level' has no description",
      "input 'level' is optional but has no default",
      "output 'result' has no description",
    ]);
  });

  it('accepts a complete action.yml', () => {
    const dir = join(scratch, 'good-action');
    cpSync(join(repoRoot, 'test/fixtures/echo-action'), dir, { recursive: true });
    mkdirSync(join(dir, 'dist', 'echo'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'echo', 'index.js'), '');
    const yml = readFileSync(join(dir, 'action.yml'), 'utf8')
      .replace('main: main.mjs', 'main: dist/echo/index.js')
      .replace('post: post.mjs', 'post: dist/echo/index.js');
    writeFileSync(join(dir, 'action.yml'), yml);
    expect(actionMetadataProblems(loadActionMetadata(dir))).toEqual([]);
  });
});
