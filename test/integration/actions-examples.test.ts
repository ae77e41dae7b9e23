// Every example workflow's Dial steps, run in order through the runner-faithful harness against the test
// bed, the way the runner would run the workflow on a push to main: jobs in `needs` order, `if:` evaluated
// (status functions, needs/steps outputs), `${{ }}` in inputs filled from the outputs of earlier steps and
// jobs and from secrets, post steps run at the end of their job, and the approval of an `environment:`
// granted. Replaced for the bed: the build step by fixed image references (its own tests cover it), `run:`
// steps and actions/checkout (the fixture's workspace is the checkout), `for: 5m` by `for: 6s`; the
// dial.yaml gives 6 s bakes and an analysis every 2 s. Prints each example's wall time.
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { loadActionMetadata, repoRoot } from '../harness/action-metadata.js';
import { runAction, type ActionRun } from '../harness/run-action.js';
import { uniqueName } from '../helpers/names.js';
import { editDial, kubeconfigContent, Saturation, serviceWithV1 } from './support/actions.js';
import { exporterQueries, type ServiceFixture } from './support/service-fixture.js';
import { CounterTraffic } from './support/traffic.js';

// ---- the workflow as the runner sees it ---------------------------------------------------------------

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: unknown;
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  jobs: Record<string, Job>;
}

type Value = string | number | boolean | null;

interface Context {
  github: Record<string, string>;
  secrets: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;
  needs: Record<string, { outputs: Record<string, string>; result: string }>;
  /** failure() is true once a step of this job (or a job it needs) failed. */
  failed: boolean;
}

/**
 * GitHub's expression language as far as the examples use it: context paths (`steps.x.outputs.y`,
 * `needs.j.outputs.o`, `secrets.S`, `github.event_name`), string/number/boolean literals, `== != && || !`,
 * parentheses and the status functions. Anything else fails the test rather than being guessed.
 */
function evaluate(expression: string, context: Context): Value {
  const tokens =
    expression.match(/'(?:[^']|'')*'|[A-Za-z_][\w.-]*(?:\(\))?|==|!=|&&|\|\||!|\(|\)|\d+(?:\.\d+)?|\S/g) ??
    [];
  let i = 0;
  const truthy = (v: Value) => v !== null && v !== false && v !== '' && v !== 0;
  const text = (v: Value) => (v === null ? '' : String(v));
  const primary = (): Value => {
    const token = tokens[i++];
    if (token === undefined) throw new Error(`expression ends early: ${expression}`);
    if (token === '(') {
      const value = or();
      if (tokens[i++] !== ')') throw new Error(`missing ) in ${expression}`);
      return value;
    }
    if (token === '!') return !truthy(primary());
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (token.endsWith('()')) {
      const fn = token.slice(0, -2);
      if (fn === 'always') return true;
      if (fn === 'success') return !context.failed;
      if (fn === 'failure') return context.failed;
      if (fn === 'cancelled') return false;
      throw new Error(`unsupported function ${fn}() in ${expression}`);
    }
    const path = token.split('.');
    let node: unknown = context;
    for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
    if (node === undefined) return null;
    if (typeof node === 'object') throw new Error(`${token} is an object in ${expression}`);
    return node as Value;
  };
  const compare = (): Value => {
    const left = primary();
    const op = tokens[i];
    if (op !== '==' && op !== '!=') return left;
    i++;
    const equal = text(left).toLowerCase() === text(primary()).toLowerCase();
    return op === '==' ? equal : !equal;
  };
  const and = (): Value => {
    let value = compare();
    while (tokens[i] === '&&') {
      i++;
      const right = compare();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  const or = (): Value => {
    let value = and();
    while (tokens[i] === '||') {
      i++;
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  };
  const value = or();
  if (i !== tokens.length) throw new Error(`cannot evaluate ${expression} (at ${tokens[i]})`);
  return value;
}

/** `if:` as the runner reads it: without a status function, `success() && (...)` is implied. */
function condition(text: string | undefined, context: Context): boolean {
  if (text === undefined) return !context.failed;
  const expr = text.replace(/^\s*\$\{\{\s*([\s\S]*?)\s*\}\}\s*$/, '$1');
  const status = /\b(success|failure|always|cancelled)\(\)/.test(expr);
  const value = evaluate(status ? expr : `success() && (${expr})`, context);
  return value !== null && value !== false && value !== '' && value !== 0;
}

/** `${{ ... }}` inside a string, as text. */
function interpolate(value: unknown, context: Context): string {
  return String(value).replace(/\$\{\{\s*([\s\S]*?)\s*\}\}/g, (_m, expr: string) => {
    const v = evaluate(expr, context);
    return v === null ? '' : String(v);
  });
}

/** './', 'dial-dev/dial@v1', 'dial-dev/dial/actions/<n>@v1' -> 'dial' or <n>; undefined otherwise. */
function dialAction(uses: string | undefined): string | undefined {
  const match = /^(?:\.\/|dial-dev\/dial\/?)(?:actions\/([\w-]+))?(?:@.*)?$/.exec(uses ?? '');
  return match === null ? undefined : (match[1] ?? 'dial');
}

function jobOrder(workflow: Workflow): string[] {
  const order: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name)) return;
    const needs = workflow.jobs[name]?.needs ?? [];
    for (const need of typeof needs === 'string' ? [needs] : needs) visit(need);
    order.push(name);
  };
  Object.keys(workflow.jobs).forEach(visit);
  return order;
}

interface StepRun {
  job: string;
  step: string;
  action: string;
  run: ActionRun;
}

interface ExampleRun {
  jobs: Record<string, { result: string; outputs: Record<string, string> }>;
  steps: StepRun[];
  wallMs: number;
}

async function runWorkflow(
  file: string,
  f: ServiceFixture,
  builtImages: string,
  log: (line: string) => void,
): Promise<ExampleRun> {
  const workflow = parse(readFileSync(join(repoRoot, 'workflows-examples', file), 'utf8')) as Workflow;
  const github = {
    event_name: 'push',
    ref: 'refs/heads/main',
    sha: '9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b',
    actor: 'ada-example',
    repository: 'dial-dev/checkout-service',
  };
  const secrets = { KUBECONFIG: kubeconfigContent(), GITHUB_TOKEN: 'ghs_exampleTokenForTheBed0123456789' };
  const jobs: ExampleRun['jobs'] = {};
  const steps: StepRun[] = [];
  const started = performance.now();
  for (const name of jobOrder(workflow)) {
    const job = workflow.jobs[name]!;
    const needs = typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []);
    const needsContext = Object.fromEntries(needs.map((n) => [n, jobs[n]!]));
    const jobContext: Context = {
      github,
      secrets,
      steps: {},
      needs: needsContext,
      failed: needs.some((n) => jobs[n]?.result === 'failure'),
    };
    if (!condition(job.if, jobContext)) {
      jobs[name] = { result: 'skipped', outputs: {} };
      log(`${file}: job ${name} skipped`);
      continue;
    }
    if (job.environment !== undefined) log(`${file}: job ${name}: environment approval granted`);
    const context: Context = { ...jobContext, failed: false };
    const posts: Array<() => Promise<void>> = [];
    for (const [index, step] of job.steps.entries()) {
      const id = step.id ?? `__step${index}`;
      const action = dialAction(step.uses);
      if (!condition(step.if, context)) {
        context.steps[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        continue;
      }
      if (action === undefined || action === 'build') {
        // actions/checkout and run: steps do nothing here; the build step gives fixed image references.
        const outputs: Record<string, string> =
          action === 'build'
            ? { 'image-refs': builtImages, images: JSON.stringify({ web: builtImages.split('=')[1] }) }
            : {};
        context.steps[id] = { outputs, outcome: 'success', conclusion: 'success' };
        continue;
      }
      const inputs = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([key, value]) => [key, interpolate(value, context)]),
      );
      if (inputs.for === '5m') inputs.for = '6s';
      const run = await runAction({ action, inputs, workspace: f.workspace, timeoutMs: 180_000 });
      steps.push({ job: name, step: step.name ?? id, action, run });
      log(
        `${file}: ${name} / ${step.name ?? id}: ${run.conclusion} ${run.outputs.result ?? ''} ${run.outputs.reason ?? ''}`,
      );
      for (const a of run.annotations) log(`  ${a.level} ${a.title ?? ''}: ${a.message}`);
      const outcome = run.conclusion;
      context.steps[id] = { outputs: run.outputs, outcome, conclusion: outcome };
      if (outcome === 'failure') context.failed = true;
      const meta = loadActionMetadata(action);
      if (meta.runs.post !== undefined)
        posts.unshift(async () => {
          const post = await runAction({
            action,
            inputs,
            phase: 'post',
            state: run.state,
            workspace: f.workspace,
            timeoutMs: 120_000,
          });
          steps.push({ job: name, step: `post ${step.name ?? id}`, action, run: post });
        });
    }
    for (const post of posts) await post();
    jobs[name] = {
      result: context.failed ? 'failure' : 'success',
      outputs: Object.fromEntries(
        Object.entries(job.outputs ?? {}).map(([key, value]) => [key, interpolate(value, context)]),
      ),
    };
  }
  return { jobs, steps, wallMs: performance.now() - started };
}

// ---- the examples on the bed ---------------------------------------------------------------------------

/** The examples of the rollout actions (pr-preview.yml belongs to the preview action and its own tests). */
const examples = [
  'prototype.yml',
  'production.yml',
  'mission-critical.yml',
  'gated-promotion.yml',
  'compose-your-own.yml',
];
const wallTimes: Array<[string, number]> = [];
let traffic: CounterTraffic | undefined;
let fixture: ServiceFixture | undefined;

afterEach(async () => {
  await traffic?.stopped();
  traffic = undefined;
  await fixture?.cleanup();
  fixture = undefined;
});
afterAll(() => {
  if (wallTimes.length > 0)
    console.log(
      `example workflows on the test bed (wall time of their Dial steps):\n${wallTimes
        .map(([file, ms]) => `  ${file.padEnd(22)} ${(ms / 1000).toFixed(1)} s`)
        .join('\n')}`,
    );
});

/** What each example must end with, job by job (Dial steps' `result` outputs in order). */
const expected: Record<string, Record<string, string[]>> = {
  'prototype.yml': { plan: [], deploy: ['deployed'] },
  'production.yml': { release: ['promoted'] },
  'mission-critical.yml': { canary: ['paused'], release: ['promoted'] },
  'gated-promotion.yml': { canary: ['paused'], promote: ['promoted'], rollback: [] },
  'compose-your-own.yml': { release: ['progressing', 'passed', 'progressing', 'passed', 'promoted'] },
};

describe('example workflows, run step by step on the test bed', () => {
  it('has an expectation for every example, and every example exists', () => {
    expect([...examples].sort()).toEqual(Object.keys(expected).sort());
    const present = readdirSync(join(repoRoot, 'workflows-examples'));
    for (const file of examples) expect(present).toContain(file);
  });

  it.each(examples)(
    '%s',
    async (file) => {
      const saturation = new Saturation(uniqueName('ex'));
      const f = await serviceWithV1(`dial-ex-${file.replace(/\.yml$/, '').slice(0, 10)}`, {
        strategy: { steps: [25, 50, 100], bake: '6s', watch: '6s' },
      });
      fixture = f;
      editDial(f, (doc) => {
        // A rolling profile takes no canary steps (dial.yaml would be refused with them).
        if (file === 'prototype.yml') delete doc.strategy;
        const analysis = doc.analysis as { checks: unknown[] };
        analysis.checks.push(saturation.check(0.5));
        // mission-critical's burn-rate guard needs the canary's own counts (5 % errors against a 90 % SLO).
        doc.slos = [
          {
            name: 'availability',
            objective: 90,
            metric: 'errors',
            queries: exporterQueries(f.namespace).canary,
          },
        ];
      });
      await saturation.set(0.1);
      traffic = new CounterTraffic(f.namespace, {
        canary: { ok: 19, errors: 1 },
        baseline: { ok: 19, errors: 1 },
      });
      await traffic.start();
      const lines: string[] = [];
      const result = await runWorkflow(file, f, 'web=registry.test/web:v2', (line) => lines.push(line));
      wallTimes.push([file, result.wallMs]);
      const byJob: Record<string, string[]> = {};
      for (const name of Object.keys(result.jobs)) byJob[name] = [];
      for (const s of result.steps)
        if (!s.step.startsWith('post ')) byJob[s.job]!.push(s.run.outputs.result ?? '');
      // On a mismatch, the step-by-step log (result and reason of every Dial step) is the message.
      if (JSON.stringify(byJob) !== JSON.stringify(expected[file])) throw new Error(lines.join('\n'));
      expect({ file, results: byJob }).toEqual({ file, results: expected[file] });
      for (const s of result.steps) {
        expect({ step: `${s.job} / ${s.step}`, exit: s.run.exitCode, lines }).toMatchObject({ exit: 0 });
        expect(s.run.annotations.filter((a) => a.level === 'error')).toEqual([]);
      }
      const stable = await f.deployment('web');
      expect(stable?.spec?.template?.spec?.containers?.[0]?.image).toBe('registry.test/web:v2');
      expect(await f.deployment('web-canary')).toBeUndefined();
    },
    420_000,
  );
});
