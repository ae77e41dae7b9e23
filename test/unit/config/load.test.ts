import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, formatIssue, type ConfigIssue } from '../../../src/config/issues.js';
import { loadConfig, type ResolvedConfig } from '../../../src/config/load.js';
import type { OverrideInputs } from '../../../src/config/overrides.js';
import { validateAgainstSchema } from '../../../src/config/schema-validator.js';
import { removeTempDirs, tempDir, VALID, workspace } from './fixture.js';

afterAll(removeTempDirs);

const label = (name: string) => `input ${name}`;

async function load(text: string, overrides: OverrideInputs = {}, files: Record<string, string> = {}) {
  const dir = workspace({ 'dial.yaml': text, ...files });
  return loadConfig({ file: 'dial.yaml', workspace: dir, overrides, label });
}

async function problems(text: string, overrides: OverrideInputs = {}, files: Record<string, string> = {}) {
  try {
    await load(text, overrides, files);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

const line = (issue: ConfigIssue | undefined) => (issue ? formatIssue(issue) : 'no issue');

describe('merge order: profile defaults < dial.yaml < inputs', () => {
  it('takes every default from the profile when the file says nothing', async () => {
    const { config, sources } = await load(VALID);
    expect(config.strategy?.steps).toEqual([10, 25, 50, 100]);
    expect(sources.get('strategy.steps')).toBe('profile production');
    expect(config.analysis?.noData).toBe('hold');
    expect(config.analysis?.checks?.map((c) => c.name)).toEqual(['errors', 'latency']);
  });

  it('steps: the file replaces the profile list, an input replaces the file', async () => {
    const text = `${VALID}strategy:\n  steps: [20, 60, 100]\n`;
    expect((await load(text)).config.strategy?.steps).toEqual([20, 60, 100]);
    const over = await load(text, { steps: '5, 50,100' });
    expect(over.config.strategy?.steps).toEqual([5, 50, 100]);
    expect(over.sources.get('strategy.steps')).toBe('input steps');
  });

  it('bake: input over file over profile, other strategy fields kept (objects merge)', async () => {
    const text = `${VALID}strategy:\n  bake: 2m\n`;
    const fromFile = await load(text);
    expect(fromFile.config.strategy).toMatchObject({ bake: '2m', type: 'canary', steps: [10, 25, 50, 100] });
    expect(fromFile.sources.get('strategy.bake')).toBe('dial.yaml');
    const fromInput = await load(text, { bake: '1m' });
    expect(fromInput.config.strategy?.bake).toBe('1m');
    expect(fromInput.sources.get('strategy.type')).toBe('profile production');
  });

  it('profile: an input switches the defaults the file is merged onto', async () => {
    const text = `${VALID}strategy:\n  bake: 20m\n`;
    const resolved = await load(text, { profile: 'mission-critical' });
    expect(resolved.profile).toBe('mission-critical');
    expect(resolved.config.strategy).toMatchObject({
      bake: '20m',
      steps: [5, 10, 25, 50, 100],
      watch: '30m',
    });
    expect(resolved.config.strategy?.approval).toEqual({ environment: 'production' });
    expect(resolved.config.slos?.[0]?.objective).toBeCloseTo(99.9);
    expect(resolved.sources.get('profile')).toBe('input profile');
  });

  it('profile: production when neither the file nor an input names one', async () => {
    const resolved = await load(VALID.replace('profile: production\n', ''));
    expect(resolved.profile).toBe('production');
    expect(resolved.sources.get('profile')).toBe('default');
  });

  it('namespace: input over file', async () => {
    const resolved = await load(VALID, { namespace: 'shop-staging' });
    expect(resolved.config.namespace).toBe('shop-staging');
    expect(resolved.sources.get('namespace')).toBe('input namespace');
  });

  it('set: any field, parsed as YAML; lists whole', async () => {
    const resolved = await load(VALID, {
      set: ['analysis.noData=rollback', 'strategy.steps=[50, 100]', 'router.port=8080'],
    });
    expect(resolved.config.analysis?.noData).toBe('rollback');
    expect(resolved.config.strategy?.steps).toEqual([50, 100]);
    expect(resolved.config.router).toEqual({ type: 'istio', virtualService: 'checkout', port: 8080 });
    expect(resolved.sources.get('router.port')).toBe('input set router.port');
  });

  it('analysis checks: the file list replaces the profile list as a whole', async () => {
    const text = `${VALID}  checks:\n    - { name: p99, type: threshold, query: "vector(1)", max: 0.5 }\n`;
    const resolved = await load(text);
    expect(resolved.config.analysis?.checks).toEqual([
      { name: 'p99', type: 'threshold', query: 'vector(1)', max: 0.5 },
    ]);
    expect(resolved.config.analysis?.interval).toBe('10s');
  });

  it('prototype: rolling, smoke and previews on', async () => {
    const resolved = await load('service: notes\nprofile: prototype\nmanifests: [deploy]\n');
    expect(resolved.config.strategy?.type).toBe('rolling');
    expect(resolved.config.smoke?.enabled).toBe(true);
    expect(resolved.config.preview).toMatchObject({ enabled: true, ttl: '7d', idleTimeout: '1h' });
  });

  it('resolves manifest folders to their files, sorted, relative to the workspace', async () => {
    const resolved: ResolvedConfig = await load(
      VALID,
      {},
      { 'deploy/service.yaml': 'kind: Service\n', 'deploy/README.md': 'x' },
    );
    expect(resolved.manifestFiles).toEqual(['deploy/deployment.yaml', 'deploy/service.yaml']);
  });

  it('parses image references for the images in the file', async () => {
    const text = `${VALID}images:\n  - { name: checkout, context: app, repository: registry.example.com/shop/checkout }\n`;
    const dir = workspace({ 'dial.yaml': text, 'app/Containerfile': 'FROM scratch\n' });
    const resolved = await loadConfig({
      file: 'dial.yaml',
      workspace: dir,
      overrides: {},
      images: 'registry.example.com/shop/checkout:1.2.3',
      label,
    });
    expect(resolved.imageRefs).toEqual({ checkout: 'registry.example.com/shop/checkout:1.2.3' });
  });
});

describe('errors name the file, line, column and field', () => {
  it('points an unknown field at its key', async () => {
    const issues = await problems(`${VALID}strategy:\n  bake_time: 2m\n`);
    expect(issues.map(line)).toEqual([
      'dial.yaml:13:3: strategy.bake_time: unknown field `bake_time`; did you mean `bake`?',
    ]);
  });

  it('points a step at its item and explains the order rule', async () => {
    const issues = await problems(`${VALID}strategy:\n  steps: [10, 50, 25, 100]\n`);
    expect(issues.map(line)).toEqual([
      'dial.yaml:13:19: strategy.steps[2]: must be greater than the step before (50): weights strictly increase',
    ]);
  });

  it('requires the last step to be 100', async () => {
    const issues = await problems(`${VALID}strategy:\n  steps:\n    - 10\n    - 50\n`);
    expect(issues.map(line)).toEqual([
      'dial.yaml:15:7: strategy.steps[1]: the last step must be 100: a canary ends with all traffic',
    ]);
  });

  it('reports malformed YAML with its position', async () => {
    const issues = await problems('service: checkout\nmanifests: [deploy\n');
    expect(issues[0]?.origin).toMatchObject({ kind: 'file', file: 'dial.yaml', line: 3 });
    expect(issues[0]?.message).toMatch(/^invalid YAML: /);
  });

  it('reports a bad input against the input, not the file', async () => {
    const issues = await problems(VALID, { steps: '10,abc,100' });
    expect(issues).toEqual([
      {
        path: ['strategy', 'steps'],
        message:
          'must be a comma-separated list of whole percentages such as 10,25,50,100 (got "10,abc,100")',
        origin: { kind: 'input', name: 'input steps' },
      },
    ]);
    const range = await problems(VALID, { steps: '10,200' });
    expect(range.map(line)).toEqual(['input steps: strategy.steps[1]: must be between 1 and 100 (got 200)']);
  });

  it('blames the profile line for a profile default that cannot work with the file', async () => {
    // The builtin queries are PromQL, and production's default compare checks need them.
    const text = VALID.replace(
      '    type: prometheus\n    url: http://prometheus.monitoring:9090\n',
      '    type: datadog\n',
    );
    const issues = await problems(text);
    expect(issues.map(line)).toEqual([
      'dial.yaml:2:1: analysis.checks[0]: compare check `errors` needs explicit `queries`: builtin queries are PromQL and the provider is `datadog` (default of profile production)',
      'dial.yaml:2:1: analysis.checks[1]: compare check `latency` needs explicit `queries`: builtin queries are PromQL and the provider is `datadog` (default of profile production)',
    ]);
    // Every router has builtin queries now: replicas reads the service's own metrics by track.
    const replicas = VALID.replace('  type: istio\n  virtualService: checkout\n', '  type: replicas\n');
    await expect(load(replicas)).resolves.toMatchObject({ config: { router: { type: 'replicas' } } });
  });

  it('refuses manifest paths outside the workspace, by .., absolute path or symlink', async () => {
    const outside = tempDir('dial-outside-');
    writeFileSync(join(outside, 'evil.yaml'), 'kind: Secret\n');
    const dir = workspace({
      'dial.yaml': VALID.replace(
        'manifests: [deploy]',
        `manifests: [../x, ${outside}, link, deploy/../../y, missing]`,
      ),
    });
    symlinkSync(outside, join(dir, 'link'));
    let found: ConfigIssue[] = [];
    try {
      await loadConfig({ file: 'dial.yaml', workspace: dir, overrides: {}, label });
    } catch (error) {
      found = (error as ConfigError).issues;
    }
    expect(found.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'manifests.0: `../x` is outside the workspace',
      `manifests.1: \`${outside}\` is absolute: paths are relative to the workspace`,
      'manifests.2: `link` leads outside the workspace through a symlink',
      'manifests.3: `deploy/../../y` is outside the workspace',
      'manifests.4: `missing` does not exist in the workspace',
    ]);
  });

  it('refuses a symlink inside a manifest folder that leads outside', async () => {
    const outside = tempDir('dial-outside-');
    writeFileSync(join(outside, 'evil.yaml'), 'kind: Secret\n');
    const dir = workspace({ 'dial.yaml': VALID });
    mkdirSync(join(dir, 'deploy', 'nested'));
    symlinkSync(join(outside, 'evil.yaml'), join(dir, 'deploy', 'nested', 'evil.yaml'));
    await expect(
      loadConfig({ file: 'dial.yaml', workspace: dir, overrides: {}, label }),
    ).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          message: expect.stringContaining('leads outside the workspace through a symlink'),
        }),
      ],
    });
  });
});

describe('workspace paths', () => {
  it('lists a folder once when a symlink inside it leads back up (no endless walk)', async () => {
    const dir = workspace({ 'dial.yaml': VALID, 'deploy/nested/service.yaml': 'kind: Service\n' });
    symlinkSync(join(dir, 'deploy'), join(dir, 'deploy', 'nested', 'again'));
    const looped = await loadConfig({ file: 'dial.yaml', workspace: dir, overrides: {}, label });
    expect(looped.manifestFiles).toEqual(['deploy/deployment.yaml', 'deploy/nested/service.yaml']);
  });

  it('accepts a workspace reached through a symlink, for manifests and build contexts alike', async () => {
    const text = `${VALID}images:\n  - { name: checkout, context: app, repository: registry.example.com/shop/checkout }\n`;
    const real = workspace({ 'dial.yaml': text, 'app/Containerfile': 'FROM scratch\n' });
    const link = join(tempDir('dial-link-'), 'ws');
    symlinkSync(real, link);
    const resolved = await loadConfig({ file: 'dial.yaml', workspace: link, overrides: {}, label });
    expect(resolved.manifestFiles).toEqual(['deploy/deployment.yaml']);
    expect(resolved.config.images?.[0]?.context).toBe('app');
  });
});

describe('examples', () => {
  const root = resolve('examples');
  const names = readdirSync(root);
  it('has one example per profile', () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
  });
  it.each(names)('examples/%s/dial.yaml validates and resolves', async (name) => {
    const resolved = await loadConfig({
      file: `examples/${name}/dial.yaml`,
      workspace: resolve('.'),
      overrides: {},
      label,
    });
    expect(validateAgainstSchema(resolved.config)).toEqual([]);
    expect(resolved.manifestFiles.length).toBeGreaterThanOrEqual(2);
  });
  it('covers every profile', async () => {
    const profiles = new Set<string>();
    for (const name of names) {
      const resolved = await loadConfig({
        file: `examples/${name}/dial.yaml`,
        workspace: resolve('.'),
        overrides: {},
        label,
      });
      profiles.add(resolved.profile);
    }
    expect([...profiles].sort()).toEqual(['mission-critical', 'production', 'prototype']);
  });
});
