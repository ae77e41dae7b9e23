// `npm run demo [-- --keep] [--short]`: the whole pipeline on this machine. It brings the test bed up
// (reusing a running one), builds the sample service (demo/) with the build action's engine and pushes it
// to the bed's registry, deploys v1, then runs the production profile with short bakes through the `dial`
// CLI's own code (runCli: the code `npx dial` runs) twice: v2 (healthy) is promoted, v3 (errors and slow
// answers, set in its manifest's env) is rolled back by the analysis. Generated requests flow through the
// bed's real gateway (Traefik, routing by the HTTPRoute Dial moves) to pods that answer as their release
// says; Prometheus scrapes Traefik; the analysis reads those PromQL answers. Writes a report (Markdown with
// the job summary's tables and charts, HTML, PNG). Ctrl-C stops cleanly: the load, chromium, the
// namespace, and the bed if this run started it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { repoRoot } from '../../testbed/src/paths.js';
import { buildImages, type BuildLog } from '../build/engine.js';
import { runCli } from '../cli/cli.js';
import { formatDuration } from '../config/duration.js';
import { TRACK_LABEL } from '../rollout/tracks.js';
import { demoBed, type DemoBed } from './bed.js';
import type { Chromium } from './chromium.js';
import { LoadGenerator, summarize, type WindowStats } from './load.js';
import { RecordWatcher } from './records.js';
import { renderHtml, renderReport, resultWord, type DemoReport, type ReleaseRun } from './report.js';
import {
  DIAL_FILE,
  makeWorkspace,
  manifestsOf,
  releaseEnv,
  SERVICE,
  type DemoWorkspace,
  type ReleaseName,
} from './workspace.js';

const HELP = `npm run demo [-- options]

Brings the test bed up (or reuses it), builds the sample service in demo/, deploys v1, then rolls out
v2 (healthy: promoted) and v3 (errors and slow answers: rolled back) with the production profile and
short bakes, under generated load through the bed's gateway. Writes a report (Markdown, HTML, PNG).

  --keep             leave the test bed, the namespace and the workspace up, to explore with dial status
  --keep-namespace   leave the namespace (with the service in it) but handle the bed as usual
  --short            shorter bakes (steps 20, 100; bake 10s), as the test runs it
  --namespace NAME   the namespace to use (default dial-demo-<random>); it must not exist
  --out DIR          where the report goes (default demo-output/<namespace>)
  -h, --help
`;

interface Mode {
  /** CLI flags on top of dial.yaml (none: dial.yaml's steps and bake). */
  flags: string[];
  steps: number[];
  bake: string;
  rate: number;
  maxSeconds: number;
}

const MODES: Record<'full' | 'short', Mode> = {
  full: { flags: [], steps: [10, 50, 100], bake: '20s', rate: 50, maxSeconds: 300 },
  short: {
    flags: ['--steps', '20,100', '--bake', '10s'],
    steps: [20, 100],
    bake: '10s',
    rate: 50,
    maxSeconds: 180,
  },
};

const ABOUT: Record<ReleaseName, string> = {
  v1: 'the first release: a plain deploy (nothing to compare with yet)',
  v2: 'healthy: answers like v1',
  v3: 'bad: 20 % of answers fail (HTTP 500), and they are slower',
};

class DemoError extends Error {}

const tty = process.stdout.isTTY === true;
const paint = (code: string, text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = (text: string) => paint('1', text);
const green = (text: string) => paint('32', text);
const red = (text: string) => paint('31', text);
const dim = (text: string) => paint('2', text);

const started = performance.now();
let quiet = false;

function say(line = ''): void {
  if (!quiet) process.stdout.write(`${line}\n`);
}

/** Lines of the cleanup, also after an interrupt has silenced the rest. */
function note(line: string): void {
  process.stdout.write(`${line}\n`);
}

function clock(): string {
  const s = Math.floor((performance.now() - started) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function section(title: string): void {
  say('');
  say(`${dim(`[${clock()}]`)} ${bold(title)}`);
}

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

const ms = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value)} ms`);

/** `canary 15 req, 3 × 5xx (20.0 %), p50 121 ms, p95 250 ms`. */
function armLine(name: string, s: WindowStats['canary']): string {
  const errors =
    s.errors > 0 ? `${s.errors} × 5xx (${((100 * s.errors) / s.requests).toFixed(1)} %)` : 'no 5xx';
  return `${name} ${s.requests} req, ${errors}, p50 ${ms(s.p50)}, p95 ${ms(s.p95)}`;
}

function loadLine(w: WindowStats): string {
  const parts = [
    armLine('canary', w.canary),
    armLine('baseline', w.baseline),
    armLine('stable', w.stable),
  ].filter((_, i) => [w.canary, w.baseline, w.stable][i]!.requests > 0);
  if (w.gateway.requests > 0) parts.push(red(`${w.gateway.requests} answered by no pod`));
  return `last ${w.seconds.toFixed(1)} s, ${w.requests} answers: ${parts.join(' · ') || 'none'}`;
}

interface Context {
  options: { keep: boolean; keepNamespace: boolean; mode: Mode; short: boolean };
  root: string;
  namespace: string;
  tmp: string;
  bed?: DemoBed;
  kc?: KubeConfig;
  namespaceCreated: boolean;
  workspace?: DemoWorkspace;
  load?: LoadGenerator;
  watcher?: RecordWatcher;
  chromium?: Chromium;
  cleaned?: boolean;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = (error as Error).message;
    }
    if (performance.now() > deadline)
      throw new DemoError(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${last}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs one `dial` command through the CLI's code, printing its lines (and the load after each measurement). */
async function dial(ctx: Context, args: string[]): Promise<{ code: number; last: string }> {
  let last = '';
  const print = (stream: 'out' | 'err') => (text: string) => {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      if (stream === 'out') last = line;
      say(`  ${dim('dial │')} ${line.replace(/^\s+… /, '… ')}`);
      if (ctx.load && /^\s*… step \d+\/\d+ weight /.test(line))
        say(`  ${dim('load │')} ${loadLine(ctx.load.window())}`);
    }
  };
  const code = await runCli(args, { out: print('out'), err: print('err'), cwd: ctx.workspace!.dir });
  return { code, last };
}

async function createNamespace(ctx: Context): Promise<void> {
  const core = ctx.kc!.makeApiClient(CoreV1Api);
  await core.createNamespace({
    body: { metadata: { name: ctx.namespace, labels: { 'app.kubernetes.io/part-of': 'dial-demo' } } },
  });
  ctx.namespaceCreated = true;
  // Pods are refused until the namespace's default ServiceAccount exists.
  await waitFor(
    `the default ServiceAccount of ${ctx.namespace}`,
    () => core.readNamespacedServiceAccount({ name: 'default', namespace: ctx.namespace }),
    60_000,
  );
}

async function build(ctx: Context): Promise<string> {
  const ws = ctx.workspace!;
  const storage = join(ctx.tmp, 'containers');
  mkdirSync(storage, { recursive: true });
  const conf = join(ctx.tmp, 'storage.conf');
  // A private buildah store for this run (removed at the end), so nothing lingers in the machine's own.
  writeFileSync(
    conf,
    `[storage]\ndriver = "vfs"\ngraphroot = "${storage}/root"\nrunroot = "${storage}/run"\n`,
  );
  const prefix = `  ${dim('build │')}`;
  const log: BuildLog = {
    info: (message) => say(`${prefix} ${message}`),
    warning: (message) => say(`${prefix} warning: ${message}`),
    secret: () => undefined,
    group: (title, fn) => {
      say(`${prefix} ${title}`);
      return fn();
    },
    tool: (fn) => fn((line) => say(`${prefix}   ${dim(line)}`)),
  };
  const report = await buildImages(
    {
      file: DIAL_FILE,
      workspace: ws.dir,
      images: [],
      push: true,
      // The bed's registry speaks plain HTTP on loopback (the action's input tls-verify: false).
      tlsVerify: false,
      tagCommit: false,
      commit: '',
      builder: 'auto',
      tempDir: ctx.tmp,
      env: { ...process.env, CONTAINERS_STORAGE_CONF: conf },
    },
    log,
  );
  if (report.failure)
    throw new DemoError(`building ${report.failure.image} failed: ${report.failure.message}`);
  const image = report.results[0];
  if (!image?.digest) throw new DemoError('the build pushed no image');
  return image.ref;
}

/** Waits until the route serves the stable release through the gateway (every answer from a pod, 200). */
async function servedThroughGateway(ctx: Context): Promise<void> {
  const load = ctx.load!;
  const from = load.all().length;
  await waitFor(
    `Traefik to route ${ctx.workspace!.host} to the pods`,
    async () => {
      const answers = load.all().slice(from);
      const recent = answers.slice(-25);
      if (recent.length === 25 && recent.every((a) => a.arm === 'stable' && a.status === 200)) return true;
      const bad = recent.filter((a) => a.arm !== 'stable' || a.status !== 200);
      throw new Error(
        `${answers.length} answers, of the last ${recent.length} ${bad.length} not from a pod or not 200`,
      );
    },
    60_000,
  );
}

async function release(
  ctx: Context,
  name: ReleaseName,
  image: string,
  expect: 'deployed' | 'promoted' | 'rolled-back',
): Promise<ReleaseRun> {
  const ws = ctx.workspace!;
  const env = releaseEnv(ws.dir, name);
  const pod = Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const command = expect === 'deployed' ? 'deploy' : 'rollout';
  const args = [command, '-f', DIAL_FILE, '--image', `${SERVICE}=${image}`, '--set', manifestsOf(name)];
  if (command === 'rollout') args.push(...ctx.options.mode.flags);
  section(`${name} — ${ABOUT[name]}`);
  say(`  ${dim(`demo/releases/${name}/deployment.yaml sets the pods' env: ${pod}`)}`);
  say(`  $ npx dial ${args.map(quote).join(' ')}`);
  const t = performance.now();
  const sentFrom = ctx.load?.elapsedMs() ?? 0;
  ctx.load?.window();
  const { code, last } = await dial(ctx, args);
  const seconds = (performance.now() - t) / 1000;
  const run: ReleaseRun = {
    name,
    about: ABOUT[name],
    command: `npx dial ${args.map(quote).join(' ')}`,
    exitCode: code,
    result: last || `exit ${code}`,
    seconds,
  };
  // The requests sent while the command ran; summed up once the load has ended (all answers in).
  if (ctx.load) run.sent = { fromMs: sentFrom, toMs: ctx.load.elapsedMs() };
  if (command === 'rollout' && ctx.watcher) {
    await ctx.watcher.refresh().catch(() => undefined);
    const seen = ctx.watcher.newest();
    if (seen && Date.parse(seen.startedAt) >= Date.now() - seconds * 1000 - 2000) run.release = seen;
  }
  const word = run.result.split(':')[0];
  const ok = word === expect;
  const headline = `${name} ${resultWord(run.result)} in ${formatDuration(Math.round(seconds))}${run.result.includes(':') ? `: ${run.result.slice(run.result.indexOf(':') + 1).trim()}` : ''}`;
  say(`  ${ok ? green(`✔ ${headline}`) : red(`✘ ${headline} (expected ${expect})`)}`);
  const explanation = run.release?.analysis?.explanation;
  if (explanation) for (const line of explanation.split('\n')) say(`    ${line}`);
  return run;
}

/** Canary and baseline objects left in the namespace (there should be none once a release finished). */
async function leftovers(ctx: Context): Promise<string[]> {
  const apps = ctx.kc!.makeApiClient(AppsV1Api);
  const core = ctx.kc!.makeApiClient(CoreV1Api);
  const [deployments, services] = await Promise.all([
    apps.listNamespacedDeployment({ namespace: ctx.namespace }),
    core.listNamespacedService({ namespace: ctx.namespace }),
  ]);
  const track = (o: { metadata?: { name?: string; labels?: Record<string, string> } }) =>
    o.metadata?.labels?.[TRACK_LABEL] !== undefined || /-(canary|baseline)$/.test(o.metadata?.name ?? '');
  return [
    ...deployments.items.filter(track).map((d) => `Deployment/${d.metadata?.name}`),
    ...services.items.filter(track).map((s) => `Service/${s.metadata?.name}`),
  ];
}

/** Everything this run started or made, in order; safe to call twice and after a partial start. */
async function cleanup(ctx: Context): Promise<void> {
  if (ctx.cleaned) return;
  ctx.cleaned = true;
  await ctx.load?.close().catch(() => undefined);
  await ctx.watcher?.stop().catch(() => undefined);
  await ctx.chromium?.close().catch(() => undefined);
  const keepNamespace = ctx.options.keep || ctx.options.keepNamespace;
  if (ctx.namespaceCreated && !keepNamespace && ctx.kc) {
    await ctx.kc
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: ctx.namespace })
      .then(() => note(`  removed namespace ${ctx.namespace}`))
      .catch((error: unknown) =>
        note(`  could not remove namespace ${ctx.namespace}: ${(error as Error).message}`),
      );
  }
  if (!ctx.options.keep) rmSync(ctx.tmp, { recursive: true, force: true, maxRetries: 3 });
  if (ctx.bed) {
    const stopped = await ctx.bed.release().catch(() => false);
    if (stopped) note('  stopped the test bed (this run started it)');
    else if (ctx.bed.started && ctx.options.keep) note('  the test bed stays up (--keep)');
    else if (!ctx.bed.started) note('  the test bed stays up (it was running before the demo)');
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        keep: { type: 'boolean', default: false },
        'keep-namespace': { type: 'boolean', default: false },
        short: { type: 'boolean', default: false },
        namespace: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const root = repoRoot();
  const mode = values.short ? MODES.short : MODES.full;
  const namespace = values.namespace ?? `dial-demo-${randomBytes(3).toString('hex')}`;
  const ctx: Context = {
    options: { keep: values.keep, keepNamespace: values['keep-namespace'], mode, short: values.short },
    root,
    namespace,
    tmp: mkdtempSync(join(tmpdir(), 'dial-demo-')),
    namespaceCreated: false,
  };
  const out = resolve(values.out ?? join(root, 'demo-output', namespace));

  // Ctrl-C (or SIGTERM): stop what runs and remove what was made; a second one exits at once.
  let stopping = false;
  let stopped: Promise<void> = Promise.resolve();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    quiet = true; // the rollout's lines stop here; the cleanup says what it does
    note('');
    note(`${signal}: stopping the load, removing what the demo made…`);
    stopped = cleanup(ctx).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await demo(ctx, out, () => stopping);
    if (stopping) await stopped;
    return code;
  } catch (error) {
    if (stopping) {
      await stopped;
      return 130;
    }
    say(
      red(`demo: ${error instanceof DemoError ? error.message : ((error as Error).stack ?? String(error))}`),
    );
    await cleanup(ctx);
    return 1;
  }
}

async function demo(ctx: Context, out: string, stopping: () => boolean): Promise<number> {
  const { mode } = ctx.options;
  const { namespace, root } = ctx;
  say(bold('Dial demo: build, deploy v1, promote a healthy v2, roll back a bad v3 — all on this machine.'));
  say('About a minute once the test bed is built (half that with --short).');
  say(
    `Production profile with short bakes: steps ${mode.steps.join(' → ')} %, bake ${mode.bake} per step, ` +
      'a measurement every 3 s (dial.yaml; the profile bakes 5 min). Namespace ' +
      `${namespace}.`,
  );

  if (process.getuid?.() !== 0)
    throw new DemoError(
      'the demo needs root: the test bed gives its pods addresses inside a network namespace it creates (CI runs as root)',
    );
  section('Test bed');
  ctx.bed = await demoBed(ctx.options.keep, say);
  if (stopping()) return 130;
  const env = ctx.bed.state.env;
  for (const name of ['KUBECONFIG', 'GATEWAY_URL', 'PROMETHEUS_URL', 'REGISTRY'])
    if (!env[name]) throw new DemoError(`the test bed exports no ${name}`);
  Object.assign(process.env, env);
  if (ctx.bed.started)
    say(
      `  started the bed for this run: ${ctx.options.keep ? 'it stays up (--keep)' : 'it is stopped at the end'}`,
    );
  say(
    `  Kubernetes ${env.KUBECONFIG} · gateway ${env.GATEWAY_URL} · Prometheus ${env.PROMETHEUS_URL} · registry ${env.REGISTRY}`,
  );
  ctx.kc = new KubeConfig();
  ctx.kc.loadFromFile(env.KUBECONFIG!);
  await createNamespace(ctx);
  ctx.workspace = makeWorkspace(root, join(ctx.tmp, 'workspace'), {
    registry: env.REGISTRY!,
    prometheusUrl: env.PROMETHEUS_URL!,
    namespace,
  });
  say(`  workspace ${ctx.workspace.dir}: demo/ with the bed's registry, Prometheus and namespace filled in`);

  section(`Build: demo/app with the build action's engine, pushed to the bed's registry (${env.REGISTRY})`);
  const image = await build(ctx);
  say(`  image ${image}`);

  const runs: ReleaseRun[] = [];
  runs.push(await release(ctx, 'v1', image, 'deployed'));
  if (runs[0]!.exitCode !== 0) throw new DemoError(`dial deploy of v1 failed (exit ${runs[0]!.exitCode})`);

  section('Traffic');
  ctx.load = new LoadGenerator({
    gatewayUrl: env.GATEWAY_URL!,
    host: ctx.workspace.host,
    workload: SERVICE,
    rate: mode.rate,
    maxRequests: mode.rate * mode.maxSeconds,
    maxSeconds: mode.maxSeconds,
  });
  say(
    `  These requests are generated: ${mode.rate} GET requests per second to ${env.GATEWAY_URL} (Traefik, on loopback) ` +
      `with Host ${ctx.workspace.host}, at most ${mode.rate * mode.maxSeconds} requests or ${mode.maxSeconds} s; ` +
      'they stop by themselves and when the demo ends. Nothing is sent anywhere else.',
  );
  ctx.load.start();
  await servedThroughGateway(ctx);
  const early = ctx.load.window();
  say(
    `  Traefik routes ${ctx.workspace.host} to v1's pods after ${early.seconds.toFixed(1)} s` +
      (early.gateway.requests > 0
        ? ` (${early.gateway.requests} requests sent before it had loaded the new route got its 404)`
        : ''),
  );

  ctx.watcher = new RecordWatcher(ctx.kc, namespace, SERVICE);
  ctx.watcher.start();
  runs.push(await release(ctx, 'v2', image, 'promoted'));
  runs.push(await release(ctx, 'v3', image, 'rolled-back'));
  await ctx.load.close();
  for (const run of runs)
    if (run.sent) {
      const { fromMs, toMs } = run.sent;
      run.load = summarize(
        ctx.load.all().filter((a) => a.at >= fromMs && a.at < toMs),
        (toMs - fromMs) / 1000,
      );
    }
  const record = await ctx.watcher.refresh();
  await ctx.watcher.stop();

  section('After the rollouts');
  const left = await leftovers(ctx);
  say(
    left.length === 0
      ? `  nothing left of the canaries: no canary or baseline Deployment or Service in ${namespace}`
      : red(`  left behind in ${namespace}: ${left.join(', ')}`),
  );
  const sent = ctx.load.requestsSent;
  const during = runs.filter((r) => r.name !== 'v1' && r.load);
  const moved = during.reduce((sum, r) => sum + r.load!.requests, 0);
  const lost = during.reduce((sum, r) => sum + r.load!.gateway.requests, 0);
  const line =
    `  load: ${sent} requests sent, ${ctx.load.all().length} answered; of the ${moved} sent while the weights ` +
    `moved (v2 and v3), ${lost} got no pod's answer (Traefik's own 404/502/503, or none)`;
  say(lost === 0 ? line : red(line));

  section('Report');
  mkdirSync(out, { recursive: true });
  const report: DemoReport = {
    startedAt: new Date(Date.now() - (performance.now() - started)),
    namespace,
    service: SERVICE,
    profileLine: `production profile, steps ${mode.steps.join(' → ')} %, bake ${mode.bake}, a measurement every 3 s`,
    gatewayUrl: env.GATEWAY_URL!,
    host: ctx.workspace.host,
    load: {
      rate: mode.rate,
      maxRequests: mode.rate * mode.maxSeconds,
      maxSeconds: mode.maxSeconds,
      sent,
      ...(ctx.load.boundReached ? { stopped: ctx.load.boundReached } : {}),
    },
    runs,
    ...(record ? { record } : {}),
  };
  const markdown = renderReport(report);
  const mdPath = join(out, 'report.md');
  writeFileSync(mdPath, markdown);
  const drawn = await renderHtml(markdown, join(out, 'report'), root, (browser) => {
    if (browser) ctx.chromium = browser;
    else delete ctx.chromium;
  });
  const show = (path: string) => relative(process.cwd(), path) || path;
  say(`  Markdown  ${show(mdPath)}  (the job summary's tables and mermaid charts, per release)`);
  say(`  HTML      ${show(drawn.html)}  (opens in any browser, no network needed)`);
  if (drawn.png) say(`  PNG       ${show(drawn.png)}`);
  if (drawn.note) say(`  ${drawn.note}`);

  const ok =
    runs[1]?.exitCode === 0 &&
    runs[1].result.startsWith('promoted') &&
    runs[2]?.exitCode === 3 &&
    left.length === 0;
  section(ok ? green('Done: v2 promoted, v3 rolled back') : red('Done, but not as expected'));
  if (ctx.options.keep) {
    say('  Kept up to explore (stop the bed with: npm run -s testbed -- down):');
    say(`    export KUBECONFIG=${env.KUBECONFIG}`);
    say(`    npx dial status --service ${SERVICE} -n ${namespace}`);
    say(`    curl -H 'Host: ${ctx.workspace.host}' ${env.GATEWAY_URL}/`);
    say(`    cd ${ctx.workspace.dir} && npx dial plan -f ${DIAL_FILE}`);
  }
  await cleanup(ctx);
  say(`  wall time ${formatDuration(Math.round((performance.now() - started) / 1000))}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
