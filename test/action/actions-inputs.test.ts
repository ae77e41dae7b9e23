// The composable actions and the root action's real run, through their built bundles, before any
// cluster: every bad input is named in an error annotation (all of them at once), nothing is applied,
// shell metacharacters reach nothing, and the kubeconfig and provider tokens never reach the log, the
// outputs or the summary (the harness fails a run that prints a masked value).
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../harness/run-action.js';
import { removeTempDirs, VALID, workspace } from '../unit/config/fixture.js';

afterAll(removeTempDirs);

/** A production dial.yaml on the replica router with explicit queries, so it resolves without a cluster. */
const REPLICAS = VALID.replace('  type: istio\n  virtualService: checkout\n', '  type: replicas\n')
  .replace(
    'manifests: [deploy]\n',
    'manifests: [deploy]\nimages: [{ name: checkout, context: ., repository: registry.example.com/shop/checkout }]\n',
  )
  .concat(
    [
      '  checks:',
      '    - name: errors',
      '      type: compare',
      '      metric: errors',
      '      queries:',
      "        canary: { total: 'sum(a)', bad: 'sum(b)' }",
      "        baseline: { total: 'sum(c)', bad: 'sum(d)' }",
      '',
    ].join('\n'),
  );

function errors(run: Awaited<ReturnType<typeof runAction>>) {
  return run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => ({ title: a.title, message: a.message }));
}

describe('bad inputs are named, all at once, and nothing is done', () => {
  it.each([
    [
      'canary',
      { weight: '150' },
      [
        {
          title: 'input weight',
          message: expect.stringMatching(
            /^input weight must be a whole percentage from 0 to 99 \(got "150"\); use the promote action for 100$/,
          ),
        },
      ],
    ],
    [
      'canary',
      {},
      [{ title: 'input weight', message: 'input weight is required: the canary weight in percent, 0 to 99' }],
    ],
    [
      'analyze',
      { service: 'Web_1', for: 'soon', 'break-lock': 'maybe' },
      [
        {
          title: 'input for',
          message: expect.stringContaining(
            'input for must be a duration such as 30s, 5m or 1h30m (got "soon")',
          ),
        },
        {
          title: 'input service',
          message: expect.stringContaining('input service must be an RFC 1123 label'),
        },
        { title: 'input break-lock', message: 'input break-lock must be true or false (got "maybe")' },
      ],
    ],
    [
      'analyze',
      { service: 'web' },
      [{ title: 'input for', message: 'give input for (a duration such as 5m) or until-decision: true' }],
    ],
    [
      'analyze',
      { service: 'web', for: '5m', 'until-decision': 'true' },
      [{ title: 'input for', message: 'give input for or until-decision: true, not both' }],
    ],
    [
      'promote',
      {},
      [
        {
          title: 'input service',
          message: 'input service is required (with input namespace), or input file naming dial.yaml',
        },
      ],
    ],
    [
      'rollback',
      { service: 'web', 'to-previous': 'yes' },
      [{ title: 'input to-previous', message: 'input to-previous must be true or false (got "yes")' }],
    ],
    [
      'dial',
      { approved: 'sometimes', 'fail-on-rollback': 'nope', 'rollback-on-failure': '1' },
      [
        { title: 'input rollback-on-failure', message: expect.stringContaining('must be true or false') },
        { title: 'input approved', message: expect.stringContaining('must be true or false') },
        { title: 'input fail-on-rollback', message: expect.stringContaining('must be true or false') },
      ],
    ],
  ] as const)('%s %j', async (action, inputs, expected) => {
    const run = await runAction({ action, inputs, workspace: workspace({ 'dial.yaml': REPLICAS }) });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual(expect.arrayContaining(expected.map((e) => expect.objectContaining(e))));
    expect(errors(run)).toHaveLength(expected.length);
    expect(run.stdout).toContain('problem(s) in the inputs; nothing was done.');
    // Nothing reached the cluster step: without a cluster that would be a "no Kubernetes configuration" error.
    expect(run.stdout + run.stderr).not.toContain('Kubernetes configuration');
    expect(run.summary).toBe('');
  });
});

describe('shell metacharacters reach nothing but argument lists and API bodies', () => {
  it.each([
    ['deploy', { namespace: 'shop; touch PWNED' }, 'input namespace'],
    ['canary', { weight: '10', image: 'checkout=$(touch PWNED)' }, 'input image'],
    ['rollback', { service: '`touch PWNED`' }, 'input service'],
    ['dial', { image: 'x"; touch PWNED; echo "' }, 'input image'],
    ['dial', { set: 'service=$(touch PWNED)' }, 'input set service'],
  ] as const)('%s %j', async (action, inputs, title) => {
    const dir = workspace({ 'dial.yaml': REPLICAS });
    const run = await runAction({ action, inputs, workspace: dir });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.title)).toContain(title);
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
  });
});

describe('secrets never reach the log, the outputs or the summary', () => {
  const token = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLWZvci1kaWFs.c2lnbmF0dXJl';
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '  - name: far',
    '    cluster: { server: "https://127.0.0.1:1", insecure-skip-tls-verify: true }',
    'users:',
    `  - name: robot`,
    `    user: { token: ${token} }`,
    'contexts:',
    '  - name: far',
    '    context: { cluster: far, user: robot }',
    'current-context: far',
    '',
  ].join('\n');

  it('masks the kubeconfig input and fails clearly when the cluster cannot be reached', async () => {
    const run = await runAction({
      action: 'promote',
      inputs: { service: 'web', namespace: 'shop', kubeconfig },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.annotations).toEqual([
      expect.objectContaining({ level: 'error', title: 'dial promote failed' }),
    ]);
    expect(run.stdout).toContain('::add-mask::***');
    const everything = JSON.stringify(run.outputs) + run.stdout + run.stderr + run.summary;
    expect(everything).not.toContain(token);
  });

  it('masks the provider token dial.yaml names, before it could be printed', async () => {
    const yaml = REPLICAS.replace(
      '    url: http://prometheus.monitoring:9090\n',
      '    url: http://prometheus.monitoring:9090\n    auth: { type: bearer, tokenEnv: PROM_TOKEN }\n',
    );
    const run = await runAction({
      action: 'dial',
      inputs: { image: 'registry.example.com/shop/checkout:2.0.0', kubeconfig },
      workspace: workspace({ 'dial.yaml': yaml }),
      env: { PROM_TOKEN: 'prom-secret-0123456789' },
    });
    expect(run.outputs.valid).toBe('true');
    expect(run.outputs.result).toBe('failed');
    expect(run.stdout.match(/::add-mask::\*\*\*/g)?.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(run.outputs) + run.stdout + run.stderr + run.summary).not.toContain('prom-secret');
  });
});

describe('the root action without dry-run', () => {
  it('validates, plans, then stops at the missing cluster with result failed; nothing applied', async () => {
    const run = await runAction({
      action: 'dial',
      inputs: { image: 'registry.example.com/shop/checkout:2.0.0' },
      workspace: workspace({ 'dial.yaml': REPLICAS }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      valid: 'true',
      profile: 'production',
      service: 'checkout',
      result: 'failed',
    });
    expect(run.outputs.reason).toMatch(/^no Kubernetes configuration found; tried: KUBECONFIG \(not set\)/);
    expect(errors(run)).toEqual([expect.objectContaining({ title: 'dial dial failed' })]);
    // The post step is told of a release only once the cluster is open: here it has nothing to do.
    expect(run.state).toEqual({ isPost: 'true' });
  });
});
