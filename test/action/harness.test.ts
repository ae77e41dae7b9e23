// The harness itself, proven on fixture actions independent of Dial: a plain-Node one that writes
// every file and command by hand, and one built on @actions/core like Dial's entry points.
import { afterAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../harness/action-metadata.js';
import { MaskedValueLeakError, runAction, runPhases } from '../harness/run-action.js';

const echo = 'test/fixtures/echo-action';
const coreFixture = 'test/fixtures/core-action';
const scratch = mkdtempSync(join(tmpdir(), 'dial-harness-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the echo fixture with its action.yml edited, for metadata variations. */
function echoVariant(name: string, edit: (yml: string) => string): string {
  const dir = join(scratch, name);
  cpSync(join(repoRoot, echo), dir, { recursive: true });
  const file = join(dir, 'action.yml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

describe('runAction: inputs and environment', () => {
  it('sets INPUT_ variables with the runner name mangling and action.yml defaults', async () => {
    const run = await runAction({ action: echo, inputs: { name: 'Ada', 'Log Level': 'debug' } });
    expect(run.exitCode).toBe(0);
    expect(run.conclusion).toBe('success');
    const inputs: unknown = JSON.parse(run.outputs.inputs ?? '');
    expect(inputs).toEqual({
      INPUT_NAME: 'Ada',
      INPUT_MESSAGE: 'hello',
      'INPUT_DRY-RUN': 'false',
      INPUT_LOG_LEVEL: 'debug',
      INPUT_TOKEN: '',
      INPUT_SECRET: '',
      INPUT_LEAK: 'false',
      'INPUT_EXIT-CODE': '0',
    });
    expect(run.outputs.greeting).toBe('hello Ada');
    expect(run.annotations.filter((a) => a.message.startsWith('Unexpected input'))).toEqual([]);
  });

  it('evaluates ${{ github.token }} defaults and warns about undeclared inputs like the runner', async () => {
    const run = await runAction({
      action: echo,
      inputs: { name: 'Ada', colour: 'blue' },
      env: { GITHUB_TOKEN: 'ghs_exampletoken' },
    });
    const inputs = JSON.parse(run.outputs.inputs ?? '') as Record<string, string>;
    expect(inputs.INPUT_TOKEN).toBe('ghs_exampletoken');
    expect(inputs.INPUT_COLOUR).toBe('blue');
    expect(run.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(/^Unexpected input\(s\) 'colour', valid inputs are \['name', 'message'/),
    });
  });

  it('gives the bundle a clean environment, not the test process one', async () => {
    process.env.DIAL_HARNESS_SHOULD_NOT_LEAK = 'x';
    try {
      const run = await runAction({ action: echo, inputs: { name: 'Ada' } });
      const names = (run.outputs['env-names'] ?? '').split(',');
      expect(names).not.toContain('DIAL_HARNESS_SHOULD_NOT_LEAK');
      expect(names).not.toContain('NODE_OPTIONS');
      expect(names).not.toContain('JEST_WORKER_ID');
      for (const name of [
        'PATH',
        'HOME',
        'CI',
        'GITHUB_ACTIONS',
        'GITHUB_WORKSPACE',
        'GITHUB_REPOSITORY',
        'GITHUB_REPOSITORY_OWNER',
        'GITHUB_SHA',
        'GITHUB_REF',
        'GITHUB_REF_NAME',
        'GITHUB_EVENT_NAME',
        'GITHUB_EVENT_PATH',
        'GITHUB_RUN_ID',
        'GITHUB_RUN_NUMBER',
        'GITHUB_RUN_ATTEMPT',
        'GITHUB_JOB',
        'GITHUB_ACTION',
        'GITHUB_ACTOR',
        'GITHUB_SERVER_URL',
        'GITHUB_API_URL',
        'GITHUB_GRAPHQL_URL',
        'GITHUB_WORKFLOW',
        'GITHUB_ACTION_PATH',
        'RUNNER_OS',
        'RUNNER_TEMP',
        'RUNNER_TOOL_CACHE',
        'GITHUB_OUTPUT',
        'GITHUB_STATE',
        'GITHUB_ENV',
        'GITHUB_PATH',
        'GITHUB_STEP_SUMMARY',
      ]) {
        expect(names).toContain(name);
      }
    } finally {
      delete process.env.DIAL_HARNESS_SHOULD_NOT_LEAK;
    }
  });

  it('runs in the given workspace with the default push payload', async () => {
    const workspace = mkdtempSync(join(scratch, 'ws-'));
    const run = await runAction({ action: echo, inputs: { name: 'Ada' }, workspace });
    expect(run.outputs.cwd).toBe(workspace);
    expect(run.outputs['event-after']).toBe('9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b');
  });

  it('writes a pull_request payload for pull_request and a custom payload when given', async () => {
    const pr = await runAction({ action: echo, inputs: { name: 'Ada' }, eventName: 'pull_request' });
    expect(pr.outputs['event-number']).toBe('42');
    const custom = await runAction({ action: echo, inputs: { name: 'Ada' }, event: { number: 7 } });
    expect(custom.outputs['event-number']).toBe('7');
  });
});

describe('runAction: results', () => {
  it('parses heredoc outputs, state, env, path and the step summary', async () => {
    const run = await runAction({ action: echo, inputs: { name: 'Ada', message: 'first line' } });
    expect(run.outputs.message).toBe('first line\nsecond line');
    expect(run.state).toEqual({ started: 'Ada', note: 'line a\nline b' });
    expect(run.env).toEqual({ ECHO_SEEN: 'yes' });
    expect(run.path).toHaveLength(1);
    expect(run.path[0]).toMatch(/echo-bin$/);
    expect(run.summary).toBe('### Echo\n\n| input | value |\n|---|---|\n| name | Ada |\n');
    expect(run.groups).toEqual(['Inputs']);
    expect(run.durationMs).toBeGreaterThan(0);
  });

  it('unescapes annotation data and properties, and honours ::stop-commands::', async () => {
    const run = await runAction({ action: echo, inputs: { name: 'Ada' } });
    expect(run.annotations).toEqual([
      {
        level: 'warning',
        message: 'first\nsecond 100%',
        file: 'src/a,b.ts',
        line: 3,
        col: 5,
        title: 'Odd: name',
      },
      { level: 'notice', message: 'plain notice' },
      { level: 'debug', message: 'a debug line' },
    ]);
    expect(run.stdout).toContain('::error::not a command while stopped');
  });

  it('reports a non-zero exit code as a failed step with its error annotation', async () => {
    const run = await runAction({ action: echo, inputs: { name: 'Ada', 'exit-code': '3' } });
    expect(run.exitCode).toBe(3);
    expect(run.conclusion).toBe('failure');
    expect(run.annotations).toContainEqual({ level: 'error', message: 'exit code 3', title: 'Echo failed' });
  });

  it('fails loudly when a masked value is printed after ::add-mask::', async () => {
    const secret = 'hunter2-dial-secret';
    const quiet = await runAction({ action: echo, inputs: { name: 'Ada', secret } });
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).toContain('::add-mask::***');
    expect(quiet.stdout).not.toContain(secret);
    const leaking = runAction({ action: echo, inputs: { name: 'Ada', secret, leak: 'true' } });
    await expect(leaking).rejects.toThrow(/appears in stdout \(line \d+\) after it was masked/);
    await leaking.catch((error: unknown) => {
      expect((error as Error).cause).toBeInstanceOf(MaskedValueLeakError);
      expect(String(error)).not.toContain(secret);
    });
  });

  it('refuses an action that is not runs.using node24', async () => {
    const dir = echoVariant('node20', (yml) => yml.replace('using: node24', 'using: node20'));
    await expect(runAction({ action: dir, inputs: { name: 'Ada' } })).rejects.toThrow(/expected 'node24'/);
  });

  it('kills a bundle that outlives timeoutMs', async () => {
    const dir = echoVariant('hang', (yml) => yml.replace('main: main.mjs', 'main: hang.mjs'));
    writeFileSync(join(dir, 'hang.mjs'), 'setInterval(() => {}, 1000);\n');
    await expect(runAction({ action: dir, timeoutMs: 500 })).rejects.toThrow(/did not exit within 500 ms/);
  });

  it('fails the step when an environment file is malformed, as the runner does', async () => {
    const dir = echoVariant('bad-output', (yml) => yml.replace('main: main.mjs', 'main: bad.mjs'));
    writeFileSync(
      join(dir, 'bad.mjs'),
      "import { appendFileSync } from 'node:fs';\nappendFileSync(process.env.GITHUB_OUTPUT, 'x<<EOF\\nno end\\n');\n",
    );
    const run = await runAction({ action: dir });
    expect(run.exitCode).toBe(0);
    expect(run.conclusion).toBe('failure');
    expect(run.annotations).toContainEqual({
      level: 'error',
      message: "Invalid value. Matching delimiter not found 'EOF'",
    });
  });
});

describe('runPhases', () => {
  it('runs post with the state, env and path main saved, and the same inputs', async () => {
    const { main, post } = await runPhases({ action: echo, inputs: { name: 'Ada' } });
    expect(main.conclusion).toBe('success');
    expect(post).toBeDefined();
    expect(post?.outputs).toMatchObject({
      started: 'Ada',
      'note-lines': '2',
      'env-seen': 'yes',
      name: 'Ada',
    });
    expect(post?.outputs['path-first']).toBe(main.path[0]);
    expect(post?.summary).toBe('post saw Ada\n');
  });

  it('runs post after a failed main when post-if is always()', async () => {
    const { main, post } = await runPhases({ action: echo, inputs: { name: 'Ada', 'exit-code': '1' } });
    expect(main.exitCode).toBe(1);
    expect(post?.outputs.started).toBe('Ada');
  });

  it('skips post when post-if is success() and main failed', async () => {
    const dir = echoVariant('post-if-success', (yml) =>
      yml.replace('post-if: always()', 'post-if: success()'),
    );
    const failed = await runPhases({ action: dir, inputs: { name: 'Ada', 'exit-code': '1' } });
    expect(failed.post).toBeUndefined();
    const passed = await runPhases({ action: dir, inputs: { name: 'Ada' } });
    expect(passed.post?.outputs.started).toBe('Ada');
  });

  it('runs a post entry alone with the state given', async () => {
    const run = await runAction({
      action: echo,
      phase: 'post',
      state: { started: 'Grace' },
      inputs: { name: 'x' },
    });
    expect(run.outputs.started).toBe('Grace');
    expect(run.outputs['env-seen']).toBe('');
  });
});

describe('with @actions/core', () => {
  it('reads the toolkit formats: random heredoc delimiters, escaped properties, summary, state', async () => {
    const { main, post } = await runPhases({
      action: coreFixture,
      inputs: { name: 'Ada', token: 's3cr3t-value' },
    });
    expect(main.exitCode).toBe(0);
    expect(main.outputs.report).toBe('name: Ada\nlines: 2');
    expect(JSON.parse(main.outputs.object ?? '')).toEqual({ name: 'Ada', n: 1 });
    expect(main.state).toEqual({ name: 'Ada' });
    expect(main.env).toEqual({ CORE_FIXTURE: 'exported' });
    expect(main.annotations).toContainEqual({
      level: 'error',
      message: 'bad thing, really: 50%',
      file: 'dial.yaml',
      line: 7,
      col: 2,
      title: 'Config: bad',
    });
    expect(main.summary).toContain('<h3>Core fixture</h3>');
    expect(main.stdout).toContain('token length 12');
    expect(post?.outputs).toEqual({ saved: 'Ada', exported: 'exported' });
  });

  it('sees a missing required input fail the step with the toolkit error', async () => {
    const { main, post } = await runPhases({ action: coreFixture });
    expect(main.exitCode).toBe(1);
    expect(main.annotations).toContainEqual({
      level: 'error',
      message: 'Input required and not supplied: name',
    });
    // post-if: success() keeps the post entry from running after the failure.
    expect(post).toBeUndefined();
  });
});
