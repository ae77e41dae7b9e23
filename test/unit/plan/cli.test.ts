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
