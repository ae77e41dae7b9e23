// The demo (issue 12) end to end, as a user runs it: `npm run -s demo -- --short` in a child process on the
// shared bed (it reuses the bed this run holds, in a namespace of its own, and never stops it). Asserts v2
// promoted, v3 rolled back with the error check named as the reason, no canary or baseline object left,
// none of the demo's processes left, and the report written with its numbers.
import { afterAll, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { TRACK_LABEL } from '../../src/rollout/tracks.js';
import { uniqueName } from '../helpers/names.js';

const namespace = uniqueName('dial-demo-test');
const out = mkdtempSync(join(tmpdir(), 'dial-demo-test-'));
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  await kc
    .makeApiClient(CoreV1Api)
    .deleteNamespace({ name: namespace })
    .catch(() => undefined);
  rmSync(out, { recursive: true, force: true });
});

/** pid → [parent pid, start time in clock ticks since boot, state] of every process. */
function processTable(): Map<number, [number, string, string]> {
  const table = new Map<number, [number, string, string]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), [Number(fields[1]), fields[19]!, fields[0]!]);
    } catch {
      // exited meanwhile
    }
  }
  return table;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim().slice(0, 120);
  } catch {
    return '?';
  }
}

/** The descendants of `root` now, as `pid:start` (a pid the kernel reuses later has another start time). */
function descendants(root: number): string[] {
  const table = processTable();
  const found = new Set<number>([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, [parent]] of table)
      if (!found.has(pid) && found.has(parent)) {
        found.add(pid);
        grew = true;
      }
  }
  found.delete(root);
  return [...found].map((pid) => `${pid}:${table.get(pid)![1]}`);
}

/** Still running: the same process (same start time), and not a zombie (one runs nothing; init reaps it). */
function alive(process: string): boolean {
  const [pid, start] = process.split(':');
  const entry = processTable().get(Number(pid));
  return entry !== undefined && entry[1] === start && entry[2] !== 'Z';
}

/** The rows of the first Markdown table after `heading` in `section`, as cells. */
function table(section: string, heading: string): string[][] {
  const from = section.indexOf(heading);
  if (from < 0) throw new Error(`no "${heading}" in the report`);
  const lines = section.slice(from).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

it('runs the whole demo: v2 promoted, v3 rolled back by its errors, nothing left, a report with the numbers', async () => {
  /** pid:start → command line of every process the demo started (sampled every 100 ms). */
  const seen = new Map<string, string>();
  let stdout = '';
  let stderr = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    child = spawn(
      'npm',
      ['run', '-s', 'demo', '--', '--short', '--namespace', namespace, '--keep-namespace', '--out', out],
      { cwd: process.cwd(), env: process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    const pid = child.pid!;
    const sample = setInterval(() => {
      for (const p of descendants(pid)) if (!seen.has(p)) seen.set(p, commandLine(Number(p.split(':')[0])));
    }, 100);
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearInterval(sample);
      resolve(exitCode);
    });
  });
  expect({ code, tail: code === 0 ? '' : `${stdout.slice(-3000)}\n${stderr.slice(-2000)}` }).toEqual({
    code: 0,
    tail: '',
  });

  // What a person watching saw: the generated load said so, a verdict per release with its reason.
  expect(stdout).toContain('These requests are generated');
  expect(stdout).toMatch(/✔ v2 promoted in \S+: every step passed/);
  expect(stdout).toMatch(/✔ v3 rolled back in \S+: critical check 'errors'(, 'latency')? failed/);
  expect(stdout).toMatch(
    /… step 1\/2 weight 20% \(effective 20%\): canary \d+ req, baseline \d+ req; errors /,
  );

  // Nothing of the canaries left; the stable runs v2's template (v3 never replaced it).
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.KUBECONFIG!);
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const track = (o: { metadata?: { name?: string; labels?: Record<string, string> } }) =>
    o.metadata?.labels?.[TRACK_LABEL] !== undefined || /-(canary|baseline)$/.test(o.metadata?.name ?? '');
  const deployments = (await apps.listNamespacedDeployment({ namespace })).items;
  const services = (await core.listNamespacedService({ namespace })).items;
  expect([...deployments, ...services].filter(track).map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([]);
  const stable = deployments.find((d) => d.metadata?.name === 'hello');
  const env = stable?.spec?.template.spec?.containers[0]?.env ?? [];
  expect(env.find((e) => e.name === 'DIAL_POD_VERSION')?.value).toBe('v2');

  // None of its processes (buildah, chromium, node, npm) outlived it.
  expect([...seen].filter(([p]) => alive(p)).map(([p, command]) => `${p} ${command}`)).toEqual([]);

  // The report, with the job summary of each canary release and the numbers behind the verdicts.
  const md = readFileSync(join(out, 'report.md'), 'utf8');
  expect(existsSync(join(out, 'report.html'))).toBe(true);
  if (existsSync('/usr/bin/chromium')) expect(existsSync(join(out, 'report.png'))).toBe(true);
  const [overview, v2, v3] = md.split(/^## Dial rollout of /m);
  expect(table(overview!, '| release | what changed |').map((r) => [r[0], r[2]])).toEqual([
    ['v1', '✅ deployed'],
    ['v2', '✅ promoted'],
    ['v3', '❌ rolled back'],
  ]);
  expect(v2).toMatch(/^`hello`: ✅ promoted/);
  expect(table(v2!, '### Steps').map((r) => [r[0], r[1], r[5]])).toEqual([
    ['1', '20%', '✅ pass'],
    ['2', '100%', '✅ promoted'],
  ]);
  expect(v3).toMatch(/^`hello`: ❌ rolled back/);
  // The errors check named (with the latency check too, should both have crossed in the same window).
  expect(table(v3!, '### Steps').map((r) => [r[0], r[1], r[5], r[6]])).toEqual([
    ['1', '20%', '❌ fail', expect.stringMatching(/^critical check 'errors'(, 'latency')? failed$/)],
    ['2', '100%', 'not reached', ''],
  ]);
  // The errors check as Prometheus measured it: the canary's 5xx, none for the baseline.
  const errors = table(v3!, '### Analysis').find((r) => r[0]?.startsWith('`errors`'));
  expect(errors?.[1]).toBe('❌ fail');
  const measured = /canary ([\d.]+)\/([\d.]+) failed \(([\d.]+) %\) vs baseline 0\/([\d.]+) \(0\.00 %\)/.exec(
    errors?.[2] ?? '',
  );
  expect(measured).not.toBeNull();
  const [canaryBad, canaryTotal, baselineTotal] = [measured![1], measured![2], measured![4]].map(Number);
  expect({
    canaryBad: canaryBad! > 0,
    within: canaryBad! <= canaryTotal!,
    baseline: baselineTotal! > 0,
  }).toEqual({
    canaryBad: true,
    within: true,
    baseline: true,
  });
  // And as the load generator counted it: v3's one canary pod fails exactly ⌊0.2·n⌋ of its first n
  // answers (the pod runner spreads DIAL_POD_ERROR_RATE evenly), the baseline none. The generator may
  // not see the pod's last answer or two (in flight when the canary went away), so its count is within
  // one error of the pod's: errors come one in five.
  const load = table(overview!, '### What the load generator saw');
  const row = (release: string, arm: string) => load.find((r) => r[0] === release && r[1] === arm)!;
  const [canaryRequests, canary5xx] = [Number(row('v3', 'canary')[2]), Number(row('v3', 'canary')[3])];
  expect(Math.abs(canary5xx - Math.floor(0.2 * canaryRequests + 1e-9))).toBeLessThanOrEqual(1);
  expect(row('v3', 'baseline')[3]).toBe('0');
  expect(row('v2', 'canary')[3]).toBe('0');
}, 420_000);
