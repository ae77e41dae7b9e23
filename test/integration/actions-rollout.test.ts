// The actions, built and run as the runner runs them (test/harness), against the real bed: the
// composable actions chained by their outputs, the root action's whole profile (promotion, rollback and
// the exit status fail-on-rollback decides), the approval gate and the resumed job, the watch after
// promotion returning to the release before, and the post step, which rolls back only what its own job
// left half-way. Traffic is the exporter's counters at exact counts per tick (support/traffic.ts).
// Every run records the rollout as a GitHub deployment through the contract mock of GitHub's description
// (with memory in front, test/helpers/github-fake.ts): one deployment per rollout across its runs, its
// statuses, the superseded ones of the same service inactive, and GitHub problems only ever warnings.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Deployments } from '../../src/github/deployments.js';
import { createGitHubClient } from '../../src/github/octokit.js';
import { runAction, runPhases, type ActionRun } from '../harness/run-action.js';
import { FakeGitHub, type FakeDeployment } from '../helpers/github-fake.js';
import { uniqueName } from '../helpers/names.js';
import { bedEnv, editDial, kubeconfigContent, Saturation, serviceWithV1 } from './support/actions.js';
import type { ServiceFixture } from './support/service-fixture.js';
import { CounterTraffic } from './support/traffic.js';

type Deployment = { spec?: { template?: { spec?: { containers?: Array<{ image?: string }> } } } };
const image = (d: Deployment | undefined) => d?.spec?.template?.spec?.containers?.[0]?.image;
const json = <T>(text: string | undefined): T => JSON.parse(text ?? 'null') as T;
const STEPS = { steps: [25, 50, 100], bake: '6s' };

interface Evidence {
  step: number;
  verdict: string;
  requests: { canary: number; baseline: number };
  checks: Record<string, { type: string }>;
}

let traffic: CounterTraffic | undefined;
afterEach(async () => {
  await traffic?.stopped();
  traffic = undefined;
});

// The harness's push event: this repository and commit; its run's page is every status's log_url.
const SHA = '9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b';
const RUN_URL = 'https://github.com/dial-dev/checkout-service/actions/runs/15400123456';
let gh: FakeGitHub;
beforeAll(async () => {
  gh = await FakeGitHub.start();
  [gh.owner, gh.repo] = ['dial-dev', 'checkout-service'];
});
afterAll(async () => gh?.stop());

/** The bed's cluster and the fake GitHub, with the job's token (what `${{ github.token }}` gives). */
function env(): Record<string, string> {
  return { ...bedEnv(), GITHUB_API_URL: gh.url, GITHUB_TOKEN: 'ghs_jobTokenForTheBed0123456789' };
}

/** A deployment another run (or another service) made, through the API as anyone would. */
async function seed(environment: string, service: string, release: string, state: 'success' | 'in_progress') {
  const client = createGitHubClient({ token: 'ghs_seed', baseUrl: gh.url, pacing: 'none', retryBaseMs: 1 });
  const log = { info: () => undefined, warn: () => undefined };
  const api = new Deployments(client, { owner: gh.owner, repo: gh.repo }, { logUrl: RUN_URL, log });
  const payload = { service, namespace: 'elsewhere', release, images: {} };
  const ref = await api.create({
    environment,
    sha: SHA,
    task: 'deploy',
    payload,
    transient: false,
    production: true,
  });
  await api.setStatus(ref, state);
  return gh.deployments.find((d) => d.id === ref.id)!;
}

/** The deployments of a release in an environment. */
function deploymentsOf(environment: string, release: string | undefined): FakeDeployment[] {
  return gh.deploymentsOf(environment).filter((d) => (d.payload as { release?: string }).release === release);
}

/** Statuses oldest first, as `state description`. */
const statuses = (d: FakeDeployment | undefined) =>
  (d?.statuses ?? []).map((s) => `${s.state} ${s.description}`).reverse();
const latest = (d: FakeDeployment | undefined) => d?.statuses[0]?.state;
/** A status description as GitHub takes it: at most 140 characters. */
const clip = (text: string) => (text.length <= 140 ? text : `${text.slice(0, 139)}…`);

/** Both arms with the same error rate (a canary as good as the stable), or a canary with more errors. */
async function drive(f: ServiceFixture, canary: 'good' | 'bad'): Promise<void> {
  traffic = new CounterTraffic(f.namespace, {
    canary: canary === 'good' ? { ok: 9, errors: 1 } : { ok: 5, errors: 5 },
    baseline: { ok: 9, errors: 1 },
  });
  await traffic.start();
}

function step(f: ServiceFixture, action: string, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ action, inputs, workspace: f.workspace, env: env(), timeoutMs: 150_000 });
}

describe('canary, analyze, promote and rollback chained by their outputs', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-compose', { strategy: STEPS });
  });
  afterAll(async () => f?.cleanup());

  it('walks 25 % → analysis → 50 % → analysis → promotion as one GitHub deployment, then returns to the release before', async () => {
    const environment = uniqueName('production');
    // What the environment held before: this service's last release, and another service beside it.
    const older = await seed(environment, 'web', 'web-older', 'success');
    const other = await seed(environment, 'api', 'api-current', 'success');
    const gha = { environment };
    await drive(f, 'good');
    const c25 = await step(f, 'canary', { ...gha, weight: '25', image: 'web=registry.test/web:v2' });
    expect(c25.annotations).toEqual([]);
    expect(c25.exitCode).toBe(0);
    expect(c25.outputs).toMatchObject({ result: 'progressing', service: 'web', namespace: f.namespace });
    expect(json(c25.outputs.weights)).toMatchObject({ requested: 25 });
    expect(json(c25.outputs.images)).toEqual({ web: 'registry.test/web:v2' });
    expect(c25.groups).toContain('step 1/1: 25%');
    const release = c25.outputs.release!;
    const [deployment] = deploymentsOf(environment, release);
    expect(c25.outputs['deployment-id']).toBe(String(deployment?.id));
    expect(deployment).toMatchObject({
      sha: SHA,
      ref: SHA,
      task: 'deploy:canary',
      payload: { service: 'web', namespace: f.namespace, release, images: { web: 'registry.test/web:v2' } },
      production: true,
      transient: false,
    });
    expect(statuses(deployment)).toEqual([
      `queued ${release} queued`,
      `in_progress rolling out ${release}`,
      expect.stringMatching(/^in_progress canary 25% \(effective [\d.]+%\), step 1\/1$/),
    ]);
    const create = gh.mock
      .requestsFor('repos/create-deployment')
      .find((r) => r.status === 201 && r.body !== undefined);
    expect(create?.body).toMatchObject({ auto_merge: false, required_contexts: [] });
    expect(create?.headers.authorization).toBe('token [redacted]');

    const target = { service: c25.outputs.service!, namespace: c25.outputs.namespace! };
    const a25 = await step(f, 'analyze', { ...target, ...gha, for: '6s' });
    expect(a25.exitCode).toBe(0);
    expect(a25.outputs.result).toBe('passed');
    const evidence = json<Evidence>(a25.outputs.evidence);
    expect(evidence).toMatchObject({ step: 0, verdict: 'pass', checks: { errors: { type: 'compare' } } });
    expect(evidence.requests.canary).toBeGreaterThanOrEqual(20);
    // A progress line per interval: step, weight, requests per arm, verdict.
    expect(a25.stdout).toMatch(
      /… step 1\/1 weight 25% \(effective [\d.]+%\): canary [\d.]+ req, baseline [\d.]+ req; /,
    );
    // The one rollout summary: the step, the check with its numbers and verdict, the charts.
    expect(a25.summary).toContain('## Dial rollout of `web`: ⏳ in progress');
    expect(a25.summary).toMatch(/\| 1 \| 25% \| [\d.]+% \| \d{4}-\d\d-\d\d [\d:]+ UTC \| running \| /);
    expect(a25.summary).toMatch(
      /\| `errors` \(compare(, critical)?\) \| ✅ pass \| canary [\d.]+\/[\d.]+ failed/,
    );
    expect(a25.summary).toContain('```mermaid');
    expect(a25.summary).toMatch(/canary \*\*[\d.]+%\*\* \(asked 25%\) · stable \*\*[\d.]+%\*\*/);
    expect(a25.outputs['deployment-id']).toBe(String(deployment?.id));

    const c50 = await step(f, 'canary', { ...gha, weight: '50', image: 'web=registry.test/web:v2' });
    expect(c50.outputs.result).toBe('progressing');
    expect(c50.outputs.release).toBe(release);
    expect(c50.groups).toContain('step 2/2: 50%');
    const a50 = await step(f, 'analyze', { ...target, ...gha, 'until-decision': 'false', for: '6s' });
    expect(a50.outputs.result).toBe('passed');

    const url = 'https://web.example.test/';
    const promoted = await step(f, 'promote', { ...target, ...gha, 'environment-url': url });
    expect(promoted.annotations).toEqual([]);
    expect(promoted.exitCode).toBe(0);
    expect(promoted.outputs).toMatchObject({ result: 'promoted', release });
    expect(json(promoted.outputs.weights)).toEqual({ canary: 0, requested: 0, stable: 100 });
    expect(promoted.summary).toContain('## Dial rollout of `web`: ✅ promoted');
    expect(promoted.summary).toMatch(
      /\| 1 \| 25% \| [\d.]+% \| [^|]+ UTC \| \d+s \| — \| moved on to 50% \|/,
    );
    expect(promoted.summary).toMatch(
      /\| 2 \| 50% \| [\d.]+% \| [^|]+ UTC \| \d+s \| ✅ pass \| promoted on request \|/,
    );
    expect(promoted.summary).toContain('canary **0%** (asked 0%) · stable **100%**');
    expect(promoted.summary).toContain('| `web` | `registry.test/web:v2` |');
    expect(image(await f.deployment('web'))).toBe('registry.test/web:v2');
    expect(await f.deployment('web-canary')).toBeUndefined();
    expect(await f.deployment('web-baseline')).toBeUndefined();

    // Five runs, one deployment: queued, then in_progress per run and part, then success.
    expect(deploymentsOf(environment, release)).toHaveLength(1);
    expect(statuses(deployment)).toEqual([
      `queued ${release} queued`,
      `in_progress rolling out ${release}`,
      expect.stringMatching(/^in_progress canary 25% \(effective [\d.]+%\), step 1\/1$/),
      `in_progress analysing ${release} at 25%`,
      expect.stringMatching(/^in_progress analysis passed: /),
      expect.stringMatching(/^in_progress canary 50% \(effective [\d.]+%\), step 2\/2$/),
      `in_progress analysing ${release} at 50%`,
      expect.stringMatching(/^in_progress analysis passed: /),
      `in_progress promoting ${release}`,
      'success promoted: promoted on request',
    ]);
    expect(deployment!.statuses.every((s) => s.logUrl === RUN_URL)).toBe(true);
    expect(deployment!.statuses[0]?.environmentUrl).toBe(url);
    // The same service's superseded deployment is inactive; another service's is left as it was.
    expect(statuses(older)).toEqual(['success ', `inactive superseded by deployment #${deployment!.id}`]);
    expect(statuses(other)).toEqual(['success ']);

    const back = await step(f, 'rollback', { ...target, ...gha, 'to-previous': 'true' });
    expect(back.exitCode).toBe(0);
    expect(back.outputs.result).toBe('rolled-back');
    expect(json(back.outputs.images)).toEqual({ web: 'registry.test/web:v1' });
    expect(image(await f.deployment('web'))).toBe('registry.test/web:v1');
    expect(back.summary).toContain('## Dial rollout of `web`: ❌ rolled back');
    expect(latest(deployment)).toBe('failure');
    expect(deployment!.statuses[0]?.description).toBe(clip(back.outputs.reason!));
    // Nothing GitHub's description refuses.
    expect(gh.mock.requests.filter((r) => r.status >= 400)).toEqual([]);
  }, 300_000);
});

describe('the root action runs the whole profile', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-root', { strategy: STEPS });
  });
  afterAll(async () => f?.cleanup());

  it('promotes a good canary: outputs, a log group per step, the summary; the post step has nothing to do', async () => {
    await drive(f, 'good');
    const environment = uniqueName('production');
    const { main, post } = await runPhases({
      action: 'dial',
      // The cluster from the input (a secret's content): masked, and the harness fails on any leak.
      inputs: { image: 'web=registry.test/web:v2', kubeconfig: kubeconfigContent(), environment },
      workspace: f.workspace,
      env: { GITHUB_API_URL: gh.url, GITHUB_TOKEN: 'ghs_jobTokenForTheBed0123456789' },
      timeoutMs: 180_000,
    });
    expect(main.annotations).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toContain('::add-mask::***');
    expect(main.outputs).toMatchObject({
      valid: 'true',
      result: 'promoted',
      paused: 'false',
      steps: '25,50,100',
      service: 'web',
      namespace: f.namespace,
    });
    expect(main.outputs.release).toMatch(/^web-[0-9a-f]{10}$/);
    expect(json(main.outputs.weights)).toEqual({ canary: 0, requested: 0, stable: 100 });
    expect(json(main.outputs.images)).toEqual({ web: 'registry.test/web:v2' });
    expect(json<Evidence>(main.outputs.evidence)).toMatchObject({ step: 1, verdict: 'pass' });
    expect(main.groups).toEqual(['step 1/3: 25%', 'step 2/3: 50%', `promote ${main.outputs.release}`]);
    expect(main.summary).toContain('## Dial rollout of `web`: ✅ promoted');
    expect(main.summary).toContain(`namespace \`${f.namespace}\``);
    expect(main.summary).toMatch(
      /\| 1 \| 25% \| [\d.]+% \| [^|]+ UTC \| \d+s \| ✅ pass \| every check passed \|/,
    );
    expect(main.summary).toMatch(
      /\| 2 \| 50% \| [\d.]+% \| [^|]+ UTC \| \d+s \| ✅ pass \| every check passed \|/,
    );
    expect(main.summary).toContain('| 3 | 100% | | | | ✅ promoted | |');
    expect(main.summary).toMatch(
      /\| `errors` \(compare(, critical)?\) \| ✅ pass \| canary [\d.]+\/[\d.]+ failed/,
    );
    expect(main.summary.match(/```mermaid/g)?.length).toBeGreaterThanOrEqual(2);
    // One deployment of the commit, walked step by step to success.
    const [deployment, ...more] = gh.deploymentsOf(environment);
    expect(more).toEqual([]);
    expect(main.outputs['deployment-id']).toBe(String(deployment?.id));
    expect(statuses(deployment)).toEqual([
      `queued ${main.outputs.release} queued`,
      `in_progress rolling out ${main.outputs.release}`,
      expect.stringMatching(/^in_progress canary 25% \(effective [\d.]+%\), step 1\/3$/),
      expect.stringMatching(/^in_progress canary 50% \(effective [\d.]+%\), step 2\/3$/),
      `in_progress promoting ${main.outputs.release}`,
      expect.stringMatching(/^success promoted: /),
    ]);
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toContain('ended in this job (promoted); nothing to clean up');
    expect(image(await f.deployment('web'))).toBe('registry.test/web:v2');
  }, 240_000);

  it('rolls back a worse canary and fails the step, unless fail-on-rollback is false', async () => {
    const stable = image(await f.deployment('web'));
    await drive(f, 'bad');
    const environment = uniqueName('production');
    const failing = await step(f, 'dial', { image: 'web=registry.test/web:v3-bad', environment });
    expect(failing.exitCode).toBe(1);
    expect(failing.outputs).toMatchObject({ result: 'rolled-back' });
    expect(failing.outputs.reason).toMatch(/'errors'/);
    expect(failing.annotations).toEqual([
      expect.objectContaining({ level: 'error', title: 'dial dial: rolled-back' }),
    ]);
    expect(failing.summary).toContain('## Dial rollout of `web`: ❌ rolled back');
    expect(failing.summary).toMatch(
      /\| 1 \| 25% \| [\d.]+% \| [^|]+ UTC \| \d+s \| ❌ fail \| critical check 'errors' failed/,
    );
    expect(failing.summary).toMatch(
      /\| `errors` \(compare(, critical)?\) \| ❌ fail \| canary [\d.]+\/[\d.]+ failed/,
    );
    expect(failing.summary).toContain('| 2 | 50% | | | | not reached | |');
    // The deployment fails with the reason; the environment's last success is not superseded.
    const [deployment] = deploymentsOf(environment, failing.outputs.release);
    expect(statuses(deployment).slice(-2)).toEqual([
      `in_progress rolling back ${failing.outputs.release}`,
      `failure ${clip(failing.outputs.reason!)}`,
    ]);
    const tolerated = await step(f, 'dial', {
      image: 'web=registry.test/web:v4-bad',
      'fail-on-rollback': 'false',
    });
    expect(tolerated.exitCode).toBe(0);
    expect(tolerated.outputs.result).toBe('rolled-back');
    expect(tolerated.annotations).toEqual([expect.objectContaining({ level: 'warning' })]);
    expect(image(await f.deployment('web'))).toBe(stable);
    expect(await f.deployment('web-canary')).toBeUndefined();
  }, 240_000);
});

describe('approval gate and the resumed job', () => {
  let f: ServiceFixture;
  const saturation = new Saturation(uniqueName('gate'));
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-gate', {
      strategy: { steps: [25, 100], bake: '6s', approval: { environment: 'production' }, watch: '6s' },
    });
    editDial(f, (doc) => {
      const analysis = doc.analysis as { checks: unknown[] };
      analysis.checks.push(saturation.check(0.5));
    });
    await saturation.set(0.1);
  });
  afterAll(async () => f?.cleanup());

  it('stops at the gate (paused, the job succeeds), and an approved job continues, promotes and watches', async () => {
    await drive(f, 'good');
    const environment = uniqueName('production');
    const first = await runPhases({
      action: 'dial',
      inputs: { image: 'web=registry.test/web:v2', environment },
      workspace: f.workspace,
      env: env(),
      timeoutMs: 150_000,
    });
    expect(first.main.exitCode).toBe(0);
    expect(first.main.outputs).toMatchObject({ result: 'paused', paused: 'true' });
    expect(first.main.outputs.reason).toContain('needs the approval of environment production');
    expect(first.main.summary).toContain('## Dial rollout of `web`: ⏸️ waiting for approval');
    expect(first.main.summary).toContain(
      'Waiting before step 2 (100%) for the approval of environment `production`: a job with `environment: production` running this action again with `approved: true` continues from here.',
    );
    expect(first.main.summary).toMatch(/\| 1 \| 25% \| [\d.]+% \| [^|]+ UTC \| \d+s \| ✅ pass \| /);
    expect(first.main.summary).toContain('| `web` | `registry.test/web:v2` |');
    const [deployment] = deploymentsOf(environment, first.main.outputs.release);
    expect(latest(deployment)).toBe('in_progress');
    expect(statuses(deployment).at(-1)).toMatch(
      /^in_progress waiting: .*needs the approval of environment production/,
    );
    expect(first.post?.stdout).toContain('ended in this job (paused)');
    // Even told nothing about how main ended, the post step leaves a release waiting at its gate.
    const { finished: _finished, ...unfinished } = first.main.state;
    const post = await runAction({
      action: 'dial',
      phase: 'post',
      state: unfinished,
      workspace: f.workspace,
      env: bedEnv(),
    });
    expect(post.stdout).toContain('left as it is');
    expect((await (await f.open()).engine.status())?.phase).toBe('paused');
    expect((await f.deployment('web-canary'))?.spec?.replicas).toBeGreaterThan(0);

    const second = await step(f, 'dial', {
      image: 'web=registry.test/web:v2',
      approved: 'true',
      environment,
    });
    expect(second.exitCode).toBe(0);
    expect(second.outputs.result).toBe('promoted');
    expect(second.outputs.release).toBe(first.main.outputs.release);
    // The approved job continued the paused job's deployment: still one, now successful.
    expect(second.outputs['deployment-id']).toBe(first.main.outputs['deployment-id']);
    expect(gh.deploymentsOf(environment)).toHaveLength(1);
    expect(statuses(deployment).slice(-3)).toEqual([
      `in_progress promoting ${second.outputs.release}`,
      `in_progress watching ${second.outputs.release} for 6s after promotion`,
      expect.stringMatching(/^success promoted: .*watched 6s/),
    ]);
    expect(second.outputs.reason).toMatch(/watched 6s: every check passed/);
    expect(second.groups).toContain(`watch ${second.outputs.release} for 6s after promotion`);
    expect(json<Evidence>(second.outputs.evidence)).toMatchObject({
      step: 2,
      verdict: 'pass',
      checks: { saturation: { type: 'threshold' } },
    });
    expect(image(await f.deployment('web'))).toBe('registry.test/web:v2');
  }, 240_000);
});

describe('the watch after promotion', () => {
  let f: ServiceFixture;
  const saturation = new Saturation(uniqueName('watch'));
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-watch', { strategy: { steps: [25, 100], bake: '6s', watch: '6s' } });
    editDial(f, (doc) => {
      const analysis = doc.analysis as { checks: unknown[] };
      analysis.checks.push(saturation.check(0.5));
    });
  });
  afterAll(async () => f?.cleanup());

  it('returns to the release before when the new stable fails its watch', async () => {
    const before = image(await f.deployment('web'));
    const c = await step(f, 'canary', { weight: '25', image: 'web=registry.test/web:v3' });
    expect(c.outputs.result).toBe('progressing');
    // The new stable saturates: the watch's threshold check fails at its first measurement.
    await saturation.set(0.9);
    const promoted = await step(f, 'promote', { service: 'web', namespace: f.namespace });
    expect(promoted.exitCode).toBe(1);
    expect(promoted.outputs.result).toBe('rolled-back');
    expect(promoted.outputs.reason).toMatch(
      /watch after promotion failed .*'saturation'.*returned from web-\w+ to web-\w+/,
    );
    expect(promoted.groups).toContain(`watch ${promoted.outputs.release} for 6s after promotion`);
    expect(image(await f.deployment('web'))).toBe(before);
  }, 240_000);
});

describe('GitHub deployments never stop a rollout', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-gh', { strategy: STEPS });
  });
  afterAll(async () => f?.cleanup());

  it('deploys with a token that cannot write deployments (403): one warning, no deployment', async () => {
    const environment = uniqueName('production');
    gh.fail('repos/create-deployment', {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const from = gh.mock.requests.length;
    const run = await step(f, 'deploy', { image: 'web=registry.test/web:v2', environment });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(run.outputs['deployment-id']).toBeUndefined();
    expect(run.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        title: 'GitHub deployment',
        message: expect.stringMatching(
          /403 Resource not accessible by integration.*deployments: write.*the rollout goes on without a GitHub deployment$/,
        ),
      }),
    ]);
    expect(gh.mock.requests.slice(from).map((r) => `${r.method} ${r.operationId} ${r.status}`)).toEqual([
      'GET repos/list-deployments 200',
      'POST repos/create-deployment 403',
    ]);
    expect(gh.deploymentsOf(environment)).toEqual([]);
    expect(image(await f.deployment('web'))).toBe('registry.test/web:v2');
    expect(run.summary).toContain('## Dial rollout of `web`: ✅ deployed');
  }, 120_000);

  it('an older run never writes over a newer deployment of the same service; another service never blocks it', async () => {
    const environment = uniqueName('production');
    const gha = { environment };
    const c25 = await step(f, 'canary', { ...gha, weight: '25', image: 'web=registry.test/web:v5' });
    expect(c25.outputs.result).toBe('progressing');
    const [mine] = deploymentsOf(environment, c25.outputs.release);
    // A newer deployment of another service in the environment: this rollout's statuses go on.
    const other = await seed(environment, 'api', 'api-newer', 'in_progress');
    const c50 = await step(f, 'canary', { ...gha, weight: '50', image: 'web=registry.test/web:v5' });
    expect(c50.annotations).toEqual([]);
    expect(statuses(mine).at(-1)).toMatch(/^in_progress canary 50% \(effective [\d.]+%\), step 2\/2$/);
    // Another release while this one is in progress is refused, and records no deployment that would
    // stand in front of this rollout's.
    const refused = await step(f, 'canary', { ...gha, weight: '25', image: 'web=registry.test/web:v6' });
    expect(refused.exitCode).toBe(1);
    expect(refused.outputs.reason).toContain(`release ${c25.outputs.release} of web is in progress`);
    expect(gh.deploymentsOf(environment).map((d) => (d.payload as { service: string }).service)).toEqual([
      'web',
      'api',
    ]);
    // A newer run of this service made its deployment: it owns what GitHub shows now.
    const newer = await seed(environment, 'web', 'web-newer', 'in_progress');
    const before = statuses(mine);
    const back = await step(f, 'rollback', { service: 'web', namespace: f.namespace, ...gha });
    expect(back.exitCode).toBe(0);
    expect(back.outputs.result).toBe('rolled-back');
    expect(back.annotations.map((a) => a.level)).toEqual(['warning']);
    expect(back.annotations[0]?.message).toContain(
      `deployment #${newer.id} of ${SHA.slice(0, 7)} (created ${newer.createdAt}) is newer than this run's #${mine!.id}`,
    );
    expect(statuses(mine)).toEqual(before);
    expect(statuses(newer)).toEqual(['in_progress ']);
    expect(statuses(other)).toEqual(['in_progress ']);
    expect(await f.deployment('web-canary')).toBeUndefined();
  }, 180_000);
});

describe('the post step', () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceWithV1('dial-act-post', {
      strategy: { steps: [50, 100], bake: '6s', progressDeadline: '6s' },
    });
  });
  afterAll(async () => f?.cleanup());

  it('rolls back the canary its own job left half-way when the job failed', async () => {
    const environment = uniqueName('production');
    const { main, post } = await runPhases({
      action: 'dial',
      inputs: { image: 'web=registry.test/web:crash-loop-v2', environment },
      workspace: f.workspace,
      env: env(),
      timeoutMs: 120_000,
    });
    expect(main.exitCode).toBe(1);
    expect(main.outputs.result).toBe('failed');
    expect(main.outputs.reason).toMatch(/CrashLoopBackOff|did not roll out/);
    // The error, then the post step's rollback, on the deployment the main step made.
    const [deployment] = gh.deploymentsOf(environment);
    expect(statuses(deployment).slice(-2)).toEqual([
      `error ${clip(main.outputs.reason!)}`,
      expect.stringMatching(/^failure the job stopped before release web-\w+ finished/),
    ]);
    expect(post?.exitCode).toBe(0);
    expect(post?.annotations).toEqual([
      expect.objectContaining({ level: 'warning', title: 'dial post: rolled back' }),
    ]);
    expect(await f.deployment('web-canary')).toBeUndefined();
    expect(await f.deployment('web-baseline')).toBeUndefined();
    expect((await f.deployment('web'))?.status?.readyReplicas).toBe(4);
    const record = await (await f.open()).engine.status();
    expect(record?.phase).toBe('idle');
    expect(record?.history[0]).toMatchObject({
      result: 'rolled-back',
      images: { web: 'registry.test/web:crash-loop-v2' },
    });
  }, 180_000);

  it('never touches a canary another run started', async () => {
    const prepared = await f.prepare('registry.test/web:v3');
    // Started from this test process: its identity is user@host/pid, not the harness's workflow run.
    expect((await (await f.open(prepared)).engine.canary(prepared.release, 50)).result).toBe('progressing');
    const post = await runAction({
      action: 'dial',
      phase: 'post',
      state: {
        isPost: 'true',
        release: prepared.release.id,
        identity: 'dial-dev/checkout-service/15400123456/1',
        service: 'web',
        namespace: f.namespace,
      },
      workspace: f.workspace,
      env: bedEnv(),
    });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('started by another run); left as it is');
    expect((await f.deployment('web-canary'))?.spec?.replicas).toBeGreaterThan(0);
    expect((await (await f.open()).engine.rollback()).result).toBe('rolled-back');
  }, 120_000);
});
