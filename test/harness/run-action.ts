// Runs a built action bundle the way the GitHub runner runs a `node24` action: `node <runs.main>` in
// GITHUB_WORKSPACE with a clean environment of INPUT_*, GITHUB_* and RUNNER_* variables, fresh
// environment files per step, then reads outputs, state, env, path, summary and workflow commands back.
// Action tests go through here, so what ships in dist/ is what is tested.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ActionMetadata, loadActionMetadata } from './action-metadata.js';
import { FileCommandError, parseKeyValueFile, parsePathFile } from './file-commands.js';
import { defaultEvent, eventContext } from './github-context.js';
import { type Annotation, CommandProcessor } from './workflow-commands.js';

export type { Annotation } from './workflow-commands.js';
export { MaskedValueLeakError } from './workflow-commands.js';

export interface RunActionOptions {
  /** 'dial' = root action.yml; a bare name = actions/<name>/action.yml; a path = that directory. */
  action: string;
  /** Applied with the action.yml defaults like the runner does (names match case-insensitively). */
  inputs?: Record<string, string>;
  /** Extra environment; applied last, so it can override any runner variable. */
  env?: Record<string, string>;
  /** Default 'push'. */
  eventName?: string;
  /** Payload written to GITHUB_EVENT_PATH (default: a realistic payload fixture for eventName). */
  event?: object;
  /** GITHUB_WORKSPACE and cwd (default: a fresh temp dir). */
  workspace?: string;
  /** STATE_* for a post run. */
  state?: Record<string, string>;
  /** Which entry of action.yml runs. Default 'main'. */
  phase?: 'main' | 'post';
  /** Default 30 000 ms; the bundle is killed and the promise rejects after it. */
  timeoutMs?: number;
}

export interface ActionRun {
  exitCode: number;
  /** What the runner would record: a non-zero exit or a broken environment file fails the step. */
  conclusion: 'success' | 'failure';
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  /** Variables written to GITHUB_ENV. */
  env: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  /** Directories written to GITHUB_PATH, in the order they end up on PATH. */
  path: string[];
  /** Titles of ::group:: sections. */
  groups: string[];
  durationMs: number;
}

// A step summary above this is refused by the runner with an error annotation.
const summaryLimitBytes = 1024 * 1024;

interface RunnerDirs {
  root: string;
  workspace: string;
  runnerTemp: string;
  toolCache: string;
  home: string;
  eventPath: string;
}

function assertNode24(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 24) {
    throw new Error(
      `runs.using node24 needs Node 24, but the tests run on ${process.version}: run them through npm scripts`,
    );
  }
}

function prepareDirs(opts: RunActionOptions, eventName: string): RunnerDirs {
  const root = mkdtempSync(join(tmpdir(), 'dial-runner-'));
  const dirs: RunnerDirs = {
    root,
    workspace: opts.workspace ?? join(root, 'work', 'checkout-service', 'checkout-service'),
    runnerTemp: join(root, 'temp'),
    toolCache: join(root, 'tool-cache'),
    home: join(root, 'home'),
    eventPath: join(root, 'workflow', 'event.json'),
  };
  for (const dir of [dirs.workspace, dirs.runnerTemp, dirs.toolCache, dirs.home, dirname(dirs.eventPath)]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(dirs.eventPath, JSON.stringify(opts.event ?? defaultEvent(eventName), null, 2));
  return dirs;
}

function runnerVariables(
  meta: ActionMetadata,
  opts: RunActionOptions,
  dirs: RunnerDirs,
): Record<string, string> {
  const eventName = opts.eventName ?? 'push';
  const event = eventContext(eventName, JSON.parse(readFileSync(dirs.eventPath, 'utf8')) as object);
  const repo = event.GITHUB_REPOSITORY ?? '';
  return {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: dirs.workspace,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: dirs.eventPath,
    GITHUB_RUN_ID: '15400123456',
    GITHUB_RUN_NUMBER: '87',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    // A step without an id gets `__<action>`; a local action has no repository or ref of its own.
    GITHUB_ACTION: `__${opts.action === 'dial' ? 'self' : basename(meta.dir)}`,
    GITHUB_ACTION_REPOSITORY: '',
    GITHUB_ACTION_REF: '',
    GITHUB_ACTION_PATH: meta.dir,
    GITHUB_WORKFLOW: 'Deploy',
    GITHUB_WORKFLOW_REF: `${repo}/.github/workflows/deploy.yml@${event.GITHUB_REF ?? ''}`,
    GITHUB_WORKFLOW_SHA: event.GITHUB_SHA ?? '',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_REF_PROTECTED: 'false',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 2',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: dirs.runnerTemp,
    RUNNER_TOOL_CACHE: dirs.toolCache,
    RUNNER_WORKSPACE: dirname(dirs.workspace),
    ...event,
  };
}

// The few `${{ }}` expressions that appear in input defaults; anything else fails loudly.
function evaluateDefault(value: string, context: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_match, expr: string) => {
    const resolved = context[expr];
    if (resolved === undefined)
      throw new Error(`harness cannot evaluate \${{ ${expr} }} in an input default`);
    return resolved;
  });
}

interface ResolvedInputs {
  env: Record<string, string>;
  unexpected: string[];
}

/** INPUT_<NAME>: spaces become `_`, upper-cased, hyphens kept; every declared input is set, '' if no default. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function resolveInputs(
  meta: ActionMetadata,
  given: Record<string, string>,
  vars: Record<string, string>,
  extraEnv: Record<string, string>,
): ResolvedInputs {
  const expressionContext: Record<string, string> = {
    'github.token': extraEnv.GITHUB_TOKEN ?? '',
    'github.repository': vars.GITHUB_REPOSITORY ?? '',
    'github.repository_owner': vars.GITHUB_REPOSITORY_OWNER ?? '',
    'github.sha': vars.GITHUB_SHA ?? '',
    'github.ref': vars.GITHUB_REF ?? '',
    'github.ref_name': vars.GITHUB_REF_NAME ?? '',
    'github.event_name': vars.GITHUB_EVENT_NAME ?? '',
    'github.workspace': vars.GITHUB_WORKSPACE ?? '',
    'github.actor': vars.GITHUB_ACTOR ?? '',
    'github.run_id': vars.GITHUB_RUN_ID ?? '',
    'github.server_url': vars.GITHUB_SERVER_URL ?? '',
    'github.api_url': vars.GITHUB_API_URL ?? '',
    'runner.temp': vars.RUNNER_TEMP ?? '',
    'runner.os': vars.RUNNER_OS ?? '',
  };
  const declared = new Map(Object.keys(meta.inputs).map((name) => [name.toLowerCase(), name]));
  const env: Record<string, string> = {};
  const supplied = new Set<string>();
  const unexpected: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    const canonical = declared.get(name.toLowerCase());
    if (canonical === undefined) unexpected.push(name);
    else supplied.add(canonical);
    env[inputEnvName(canonical ?? name)] = value;
  }
  for (const [name, spec] of Object.entries(meta.inputs)) {
    if (supplied.has(name)) continue;
    env[inputEnvName(name)] =
      spec.default === undefined ? '' : evaluateDefault(spec.default, expressionContext);
  }
  return { env, unexpected };
}

interface StepFiles {
  GITHUB_OUTPUT: string;
  GITHUB_STATE: string;
  GITHUB_ENV: string;
  GITHUB_PATH: string;
  GITHUB_STEP_SUMMARY: string;
}

// Like the runner: a new, empty set of files per step under RUNNER_TEMP/_runner_file_commands.
function createStepFiles(dirs: RunnerDirs): StepFiles {
  const dir = join(dirs.runnerTemp, '_runner_file_commands');
  mkdirSync(dir, { recursive: true });
  const suffix = randomUUID();
  const files: StepFiles = {
    GITHUB_OUTPUT: join(dir, `set_output_${suffix}`),
    GITHUB_STATE: join(dir, `save_state_${suffix}`),
    GITHUB_ENV: join(dir, `set_env_${suffix}`),
    GITHUB_PATH: join(dir, `add_path_${suffix}`),
    GITHUB_STEP_SUMMARY: join(dir, `step_summary_${suffix}`),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  return files;
}

interface Spawned {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  commands: CommandProcessor;
}

function spawnBundle(
  entry: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<Spawned> {
  return new Promise((resolvePromise, reject) => {
    const commands = new CommandProcessor();
    const started = performance.now();
    const child = spawn(process.execPath, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const text = { stdout: '', stderr: '' };
    const pending = { stdout: '', stderr: '' };
    const lineCount = { stdout: 0, stderr: 0 };
    let failure: Error | undefined;

    // Both streams go through the command processor, line by line, in arrival order. Like .NET's
    // ReadLine, `\n`, `\r\n` and a lone `\r` all end a line.
    const processRaw = (stream: 'stdout' | 'stderr', raw: string): void => {
      for (const line of raw.replace(/\r$/, '').split('\r')) {
        lineCount[stream] += 1;
        try {
          commands.processLine(line, stream, lineCount[stream]);
        } catch (error) {
          failure ??= error instanceof Error ? error : new Error(String(error));
        }
      }
    };
    const feed = (stream: 'stdout' | 'stderr', chunk: string): void => {
      text[stream] += chunk;
      const parts = (pending[stream] + chunk).split('\n');
      pending[stream] = parts.pop() ?? '';
      for (const raw of parts) processRaw(stream, raw);
    };
    const flush = (stream: 'stdout' | 'stderr'): void => {
      if (pending[stream] !== '') processRaw(stream, pending[stream]);
      pending[stream] = '';
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => feed('stdout', chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => feed('stderr', chunk));

    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      failure ??= new Error(`${entry} did not exit within ${timeoutMs} ms`);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      flush('stdout');
      flush('stderr');
      const durationMs = performance.now() - started;
      // Like the runner's log, what comes back never shows a masked value (the ::add-mask:: lines too).
      const stdout = commands.redact(text.stdout);
      const stderr = commands.redact(text.stderr);
      if (failure !== undefined) {
        // Show what the bundle printed, so a failing test explains itself.
        reject(new Error(`${failure.message}\nstdout:\n${stdout}\nstderr:\n${stderr}`, { cause: failure }));
        return;
      }
      const exitCode = code ?? 128 + (signal === null ? 0 : constants.signals[signal]);
      resolvePromise({ exitCode, stdout, stderr, durationMs, commands });
    });
  });
}

function readFileCommand<T>(
  file: string,
  contextName: string,
  parse: (text: string) => T,
  empty: T,
  annotations: Annotation[],
): { value: T; ok: boolean } {
  try {
    return { value: parse(readFileSync(file, 'utf8')), ok: true };
  } catch (error) {
    if (!(error instanceof FileCommandError)) throw error;
    annotations.push({
      level: 'error',
      message: `Unable to process file command '${contextName}' successfully.`,
    });
    annotations.push({ level: 'error', message: error.message });
    return { value: empty, ok: false };
  }
}

interface PhaseInput {
  meta: ActionMetadata;
  opts: RunActionOptions;
  dirs: RunnerDirs;
  phase: 'main' | 'post';
  state: Record<string, string>;
  /** Variables and PATH entries earlier steps of the job added through GITHUB_ENV / GITHUB_PATH. */
  jobEnv: Record<string, string>;
  jobPath: string[];
}

async function runPhase(input: PhaseInput): Promise<ActionRun> {
  const { meta, opts, dirs, phase } = input;
  const script = phase === 'main' ? meta.runs.main : meta.runs.post;
  if (script === undefined) throw new Error(`${meta.file} has no runs.${phase}`);
  const entry = join(meta.dir, script);
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: build it first (npm run build)`);

  const extraEnv = opts.env ?? {};
  const vars = runnerVariables(meta, opts, dirs);
  const inputs = resolveInputs(meta, opts.inputs ?? {}, vars, extraEnv);
  const files = createStepFiles(dirs);
  const stateEnv = Object.fromEntries(Object.entries(input.state).map(([k, v]) => [`STATE_${k}`, v]));
  const basePath = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  // A clean environment: nothing from the test process except PATH, so a test cannot pass by accident.
  const env: Record<string, string> = {
    HOME: dirs.home,
    ...input.jobEnv,
    ...inputs.env,
    ...vars,
    ...files,
    ...stateEnv,
    ...extraEnv,
    PATH: [...input.jobPath, extraEnv.PATH ?? basePath].join(':'),
  };

  const ran = await spawnBundle(entry, dirs.workspace, env, opts.timeoutMs ?? 30_000);
  const annotations: Annotation[] = [];
  if (inputs.unexpected.length > 0) {
    const valid = Object.keys(meta.inputs).join("', '");
    annotations.push({
      level: 'warning',
      message: `Unexpected input(s) '${inputs.unexpected.join("', '")}', valid inputs are ['${valid}']`,
    });
  }
  annotations.push(...ran.commands.log.annotations);

  const env2 = readFileCommand(files.GITHUB_ENV, 'env', parseKeyValueFile, {}, annotations);
  const path = readFileCommand(files.GITHUB_PATH, 'path', parsePathFile, [], annotations);
  const outputs = readFileCommand(files.GITHUB_OUTPUT, 'output', parseKeyValueFile, {}, annotations);
  const state = readFileCommand(files.GITHUB_STATE, 'state', parseKeyValueFile, {}, annotations);

  let summary = '';
  const summaryBytes = statSync(files.GITHUB_STEP_SUMMARY).size;
  if (summaryBytes > summaryLimitBytes) {
    annotations.push({
      level: 'error',
      message: `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${summaryLimitBytes / 1024}k, got ${Math.floor(summaryBytes / 1024)}k.`,
    });
  } else {
    summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
    // The runner would mask it; the harness is stricter and refuses a summary carrying a secret.
    ran.commands.assertNotLeaked(summary, 'GITHUB_STEP_SUMMARY');
  }

  const filesOk = env2.ok && path.ok && outputs.ok && state.ok;
  return {
    exitCode: ran.exitCode,
    conclusion: ran.exitCode === 0 && filesOk ? 'success' : 'failure',
    stdout: ran.stdout,
    stderr: ran.stderr,
    // Deprecated ::set-output:: / ::save-state:: are processed during the step, the files after it.
    outputs: { ...ran.commands.log.outputs, ...outputs.value },
    state: { ...ran.commands.log.state, ...state.value },
    env: env2.value,
    summary,
    annotations,
    path: path.value,
    groups: ran.commands.log.groups,
    durationMs: ran.durationMs,
  };
}

function loadNode24Action(action: string): ActionMetadata {
  assertNode24();
  const meta = loadActionMetadata(action);
  if (meta.runs.using !== 'node24') {
    throw new Error(`${meta.file}: runs.using is '${meta.runs.using}', expected 'node24'`);
  }
  return meta;
}

function cleanup(dirs: RunnerDirs): void {
  rmSync(dirs.root, { recursive: true, force: true });
}

/** One entry of the action (main by default, or post with opts.state as the saved state). */
export async function runAction(opts: RunActionOptions): Promise<ActionRun> {
  const meta = loadNode24Action(opts.action);
  const dirs = prepareDirs(opts, opts.eventName ?? 'push');
  try {
    const phase = opts.phase ?? 'main';
    return await runPhase({ meta, opts, dirs, phase, state: opts.state ?? {}, jobEnv: {}, jobPath: [] });
  } finally {
    cleanup(dirs);
  }
}

/**
 * `runs.post-if` (default `always()`): the status functions see the job's status after main. Only the
 * forms actions use are understood; anything else fails loudly rather than guessing.
 */
export function postAllowed(postIf: string | undefined, mainSucceeded: boolean): boolean {
  const expr = (postIf ?? 'always()')
    .trim()
    .replace(/^\$\{\{\s*(.*?)\s*\}\}$/, '$1')
    .replace(/\s+/g, '');
  switch (expr) {
    case 'always()':
    case 'true':
      return true;
    case 'success()':
    case '!failure()':
      return mainSucceeded;
    case 'failure()':
    case '!success()':
      return !mainSucceeded;
    // The harness never cancels a job.
    case 'cancelled()':
      return false;
    case '!cancelled()':
      return true;
    default:
      throw new Error(`harness cannot evaluate post-if: ${postIf ?? ''}`);
  }
}

/** Main, then post with main's saved state, env and path, in the same workspace, as the runner does. */
export async function runPhases(
  opts: Omit<RunActionOptions, 'phase' | 'state'>,
): Promise<{ main: ActionRun; post?: ActionRun }> {
  const meta = loadNode24Action(opts.action);
  const dirs = prepareDirs(opts, opts.eventName ?? 'push');
  try {
    const main = await runPhase({ meta, opts, dirs, phase: 'main', state: {}, jobEnv: {}, jobPath: [] });
    if (meta.runs.post === undefined || !postAllowed(meta.runs['post-if'], main.conclusion === 'success')) {
      return { main };
    }
    const post = await runPhase({
      meta,
      opts,
      dirs,
      phase: 'post',
      state: main.state,
      jobEnv: main.env,
      jobPath: main.path,
    });
    return { main, post };
  } finally {
    cleanup(dirs);
  }
}
