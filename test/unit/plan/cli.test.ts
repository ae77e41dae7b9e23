import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src/cli/cli.js';
import { removeTempDirs, tempDir } from '../config/fixture.js';

afterAll(removeTempDirs);

async function cli(args: string[], cwd = resolve('.')) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

describe('dial CLI', () => {
  it('plan --json prints the plan with flags applied', async () => {
    const run = await cli([
      'plan',
      '-f',
      'examples/checkout/dial.yaml',
      '--steps',
      '30,100',
      '--set',
      'strategy.watch=5m',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.out) as {
      steps: Array<{ weight: number; source: string }>;
      watchSeconds: number;
    };
    expect(plan.steps.map((s) => [s.weight, s.source])).toEqual([
      [30, '--steps'],
      [100, '--steps'],
    ]);
    expect(plan.watchSeconds).toBe(300);
  });

  it('validate prints every problem as file:line:col: field: message and exits 1', async () => {
    const dir = tempDir('dial-cli-');
    mkdirSync(join(dir, 'deploy'));
    writeFileSync(join(dir, 'deploy', 'd.yaml'), 'kind: Deployment\n');
    writeFileSync(
      join(dir, 'dial.yaml'),
      'service: checkout\nprofile: fast\nmanifests: [deploy]\nstrategy:\n  bake_time: 1m\n',
    );
    const run = await cli(['validate'], dir);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toEqual([
      'dial.yaml:2:10: profile: must be one of prototype, production, mission-critical (got "fast")',
      'dial.yaml:5:3: strategy.bake_time: unknown field `bake_time`; did you mean `bake`?',
      '2 problem(s); nothing was done.',
      '',
    ]);
  });

  it('names a bad flag value after the flag', async () => {
    const run = await cli(['plan', '-f', 'examples/checkout/dial.yaml', '--profile', 'fast']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('--profile: profile: must be one of prototype, production, mission-critical');
  });

  it('prints the schema, help, and refuses unknown commands and flags', async () => {
    const schema = await cli(['schema']);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.out)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
    expect((await cli(['--help'])).out).toContain('dial plan -f dial.yaml');
    expect((await cli(['deploy'])).code).toBe(1);
    expect((await cli(['plan', '--colour'])).err).toContain("Unknown option '--colour'");
  });
});

describe('dial rollout commands: bad input is refused before the cluster is touched', () => {
  // No kubeconfig anywhere: a command that got as far as the cluster would fail on that instead.
  const noCluster = { KUBECONFIG: '/nonexistent/kubeconfig' };
  const withEnv = async (args: string[]) => {
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = noCluster.KUBECONFIG;
    try {
      return await cli(args);
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
  };

  it('names --weight when it is missing or out of range', async () => {
    const missing = await withEnv(['canary', '-f', 'examples/notes/dial.yaml']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('--weight is required');
    const big = await withEnv(['canary', '-f', 'examples/notes/dial.yaml', '--weight', '150']);
    expect(big.code).toBe(1);
    expect(big.err).toContain('--weight must be a whole percentage from 0 to 99 (got "150")');
  });

  it('asks analyze for a duration and promote for the service', async () => {
    const analyze = await withEnv(['analyze', '--service', 'web', '-n', 'shop']);
    expect(analyze.err).toContain('analyze needs --for DURATION or --until-decision');
    const bad = await withEnv(['analyze', '--service', 'web', '--for', 'soon']);
    expect(bad.err).toContain('--for must be a duration such as 30s, 5m or 1h30m (got "soon")');
    const promote = await withEnv(['promote']);
    expect(promote.code).toBe(1);
    expect(promote.err).toMatch(/cannot read dial\.yaml|needs --service NAME/);
  });

  it('reports dial.yaml problems with file and line and applies nothing', async () => {
    const dir = tempDir('dial-cli-rollout-');
    writeFileSync(join(dir, 'dial.yaml'), 'service: web\nmanifests: [deploy]\nrouter: { type: mesh }\n');
    const run = await withEnv(['rollout', '-w', dir, '--image', 'web=registry.test/web:1']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('dial.yaml:3:');
    expect(run.err).toContain('nothing was done');
    expect(run.err).not.toContain('kubeconfig');
  });
});
