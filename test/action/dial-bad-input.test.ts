// Bad dial.yaml or inputs, through the built root action: every case must exit 1 with an ::error::
// annotation naming the file, line, column and field (or the input), set only `valid=false`, and do nothing else.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../harness/run-action.js';
import { removeTempDirs, tempDir, VALID, workspace } from '../unit/config/fixture.js';

afterAll(removeTempDirs);

interface Case {
  name: string;
  yaml?: string;
  inputs?: Record<string, string>;
  /** Extra workspace setup (symlinks, folders). */
  setup?: (dir: string) => void;
  /** Expected first annotation: file position and field, or the input's name. */
  line?: number;
  col?: number;
  field: string;
  input?: string;
  message: RegExp;
}

const cases: Case[] = [
  {
    name: 'malformed YAML',
    yaml: 'service: checkout\nmanifests: [deploy\nprofile: production\n',
    line: 3,
    col: 1,
    field: '(document)',
    message: /^invalid YAML: .*flow sequence/i,
  },
  {
    name: 'duplicate key',
    yaml: `${VALID}namespace: other\n`,
    line: 12,
    col: 1,
    field: '(document)',
    message: /^invalid YAML: Map keys must be unique/,
  },
  {
    name: 'unknown top-level field, with a suggestion',
    yaml: VALID.replace('namespace: shop', 'namspace: shop'),
    line: 3,
    col: 1,
    field: 'namspace',
    message: /^unknown field `namspace`; did you mean `namespace`\?$/,
  },
  {
    name: 'unknown nested field, with a suggestion',
    yaml: `${VALID}strategy:\n  bake_time: 2m\n`,
    line: 13,
    col: 3,
    field: 'strategy.bake_time',
    message: /^unknown field `bake_time`; did you mean `bake`\?$/,
  },
  {
    name: 'steps of the wrong type',
    yaml: `${VALID}strategy:\n  steps: "10,25,50,100"\n`,
    line: 13,
    col: 10,
    field: 'strategy.steps',
    message: /^must be a list \(got "10,25,50,100"\)$/,
  },
  {
    name: 'port of the wrong type',
    yaml: VALID.replace('  virtualService: checkout\n', '  virtualService: checkout\n  port: eighty\n'),
    line: 8,
    col: 9,
    field: 'router.port',
    message: /^must be a whole number \(got "eighty"\)$/,
  },
  {
    name: 'weight above 100',
    yaml: `${VALID}strategy:\n  steps: [10, 150]\n`,
    line: 13,
    col: 15,
    field: 'strategy.steps[1]',
    message: /^must be between 1 and 100 \(got 150\)$/,
  },
  {
    name: 'weight 0',
    yaml: `${VALID}strategy:\n  steps: [0, 100]\n`,
    line: 13,
    col: 11,
    field: 'strategy.steps[0]',
    message: /^must be between 1 and 100 \(got 0\)$/,
  },
  {
    name: 'weights not increasing',
    yaml: `${VALID}strategy:\n  steps: [10, 50, 25, 100]\n`,
    line: 13,
    col: 19,
    field: 'strategy.steps[2]',
    message: /^must be greater than the step before \(50\)/,
  },
  {
    name: 'a repeated weight',
    yaml: `${VALID}strategy:\n  steps:\n    - 50\n    - weight: 50\n      bake: 1m\n    - 100\n`,
    line: 15,
    col: 7,
    field: 'strategy.steps[1]',
    message: /^must be greater than the step before \(50\)/,
  },
  {
    name: 'last step not 100',
    yaml: `${VALID}strategy:\n  steps: [10, 50]\n`,
    line: 13,
    col: 15,
    field: 'strategy.steps[1]',
    message: /^the last step must be 100/,
  },
  {
    name: 'unknown profile',
    yaml: VALID.replace('profile: production', 'profile: staging'),
    line: 2,
    col: 10,
    field: 'profile',
    message: /^must be one of prototype, production, mission-critical \(got "staging"\)$/,
  },
  {
    name: 'unknown router',
    yaml: VALID.replace('type: istio', 'type: linkerd'),
    line: 6,
    col: 9,
    field: 'router.type',
    message: /^must be one of replicas, gateway-api, istio, smi, ingress-nginx, emissary \(got "linkerd"\)$/,
  },
  {
    name: 'unknown provider',
    yaml: VALID.replace('type: prometheus', 'type: graphite'),
    line: 10,
    col: 11,
    field: 'analysis.provider.type',
    message: /^must be one of prometheus, datadog, newrelic, cloudwatch, http \(got "graphite"\)$/,
  },
  {
    name: 'router field that does not match the router type',
    yaml: VALID.replace('type: istio', 'type: gateway-api\n  httpRoute: checkout'),
    line: 8,
    col: 3,
    field: 'router.virtualService',
    message: /^field `virtualService` does not apply to type `gateway-api`$/,
  },
  {
    name: 'router field the type requires is missing',
    yaml: VALID.replace('  virtualService: checkout\n', ''),
    line: 5,
    col: 1,
    field: 'router.virtualService',
    message: /^missing required field `virtualService` for type `istio`$/,
  },
  {
    name: 'manifest path outside the workspace by ..',
    yaml: VALID.replace('manifests: [deploy]', 'manifests: [deploy/../../etc]'),
    line: 4,
    col: 13,
    field: 'manifests[0]',
    message: /^`deploy\/\.\.\/\.\.\/etc` is outside the workspace$/,
  },
  {
    name: 'absolute manifest path',
    yaml: VALID.replace('manifests: [deploy]', 'manifests: [/etc/kubernetes]'),
    line: 4,
    col: 13,
    field: 'manifests[0]',
    message: /is absolute: paths are relative to the workspace$/,
  },
  {
    name: 'manifest folder that is a symlink out of the workspace',
    yaml: VALID.replace('manifests: [deploy]', 'manifests:\n  - deploy\n  - shared'),
    setup: (dir) => symlinkSync(tempDir('dial-elsewhere-'), join(dir, 'shared')),
    line: 6,
    col: 5,
    field: 'manifests[1]',
    message: /^`shared` leads outside the workspace through a symlink$/,
  },
  {
    name: 'manifest path that does not exist',
    yaml: VALID.replace('manifests: [deploy]', 'manifests: [deploy, k8s/overlays/prod]'),
    line: 4,
    col: 21,
    field: 'manifests[1]',
    message: /^`k8s\/overlays\/prod` does not exist in the workspace$/,
  },
  {
    name: 'manifest folder without manifests',
    yaml: VALID.replace('manifests: [deploy]', 'manifests: [docs]'),
    setup: (dir) => {
      mkdirSync(join(dir, 'docs'));
      writeFileSync(join(dir, 'docs', 'README.md'), '# docs\n');
    },
    line: 4,
    col: 13,
    field: 'manifests[0]',
    message: /^`docs` holds no manifest files/,
  },
  {
    name: 'duration in words',
    yaml: `${VALID}strategy:\n  bake: 2 minutes\n`,
    line: 13,
    col: 9,
    field: 'strategy.bake',
    message: /^must be a duration such as 30s, 5m, 1h, 7d or 1h30m \(got "2 minutes"\)$/,
  },
  {
    name: 'service name that is not an RFC 1123 label',
    yaml: VALID.replace('service: checkout', 'service: Checkout_API'),
    line: 1,
    col: 10,
    field: 'service',
    message: /^must be an RFC 1123 label/,
  },
  {
    name: 'missing service',
    yaml: VALID.replace('service: checkout\n', ''),
    line: 1,
    col: 1,
    field: 'service',
    message: /^missing required field `service`$/,
  },
  {
    name: 'compare check without queries on a provider without builtin (PromQL) queries',
    yaml: VALID.replace(
      '    type: prometheus\n    url: http://prometheus.monitoring:9090\n',
      '    type: datadog\n',
    ).concat('  checks:\n    - { name: errors, type: compare, metric: errors }\n'),
    line: 12,
    col: 7,
    field: 'analysis.checks[0]',
    message:
      /^compare check `errors` needs explicit `queries`: builtin queries are PromQL and the provider is `datadog`/,
  },
  {
    name: 'threshold check without bounds',
    yaml: `${VALID}  checks:\n    - { name: p99, type: threshold, query: "vector(1)" }\n`,
    line: 13,
    col: 7,
    field: 'analysis.checks[0]',
    message: /^threshold check `p99` needs `min`, `max` or both$/,
  },
  {
    name: 'check names used twice',
    yaml: `${VALID}  checks:\n    - { name: errors, type: compare, metric: errors }\n    - { name: errors, type: compare, metric: latency, thresholdMs: 300 }\n`,
    line: 14,
    col: 15,
    field: 'analysis.checks[1].name',
    message: /^`errors` is used twice/,
  },
  {
    name: 'bake shorter than the analysis interval',
    yaml: `${VALID}  interval: 1m\nstrategy:\n  bake: 30s\n`,
    line: 14,
    col: 9,
    field: 'strategy.bake',
    message: /^30s is shorter than the analysis interval 1m: no measurement would be taken$/,
  },
  {
    name: 'provider url that is not a URL',
    yaml: VALID.replace('http://prometheus.monitoring:9090', 'prometheus:9090'),
    line: 11,
    col: 10,
    field: 'analysis.provider.url',
    message: /^must be an http or https URL/,
  },
  {
    name: 'empty file',
    yaml: '# nothing yet\n',
    line: 1,
    col: 1,
    field: '(document)',
    message: /^the file is empty/,
  },
  {
    name: 'missing file',
    inputs: { file: 'services/checkout/dial.yaml' },
    line: 1,
    col: 1,
    field: '(document)',
    message: /^cannot read services\/checkout\/dial\.yaml: file not found$/,
  },
  {
    name: 'preview host shared by every pull request',
    yaml: 'service: notes\nprofile: prototype\nmanifests: [deploy]\npreview:\n  host: notes.preview.example.com\n',
    line: 5,
    col: 9,
    field: 'preview.host',
    message: /^must contain \{pr\}/,
  },
  {
    name: 'canary steps on a rolling strategy',
    yaml: 'service: notes\nprofile: prototype\nmanifests: [deploy]\nstrategy:\n  steps: [50, 100]\n',
    line: 5,
    col: 3,
    field: 'strategy.steps',
    message: /^applies only to strategy type canary \(the type here is rolling\)$/,
  },
  {
    name: 'steps input that is not a list of numbers',
    yaml: VALID,
    inputs: { steps: '10,abc,100' },
    input: 'input steps',
    field: 'strategy.steps',
    message: /must be a comma-separated list of whole percentages/,
  },
  {
    name: 'steps input that is not increasing',
    yaml: VALID,
    inputs: { steps: '50,25,100' },
    input: 'input steps',
    field: 'strategy.steps[1]',
    message: /^strategy\.steps\[1\]: must be greater than the step before \(50\)/,
  },
  {
    name: 'unknown profile input',
    yaml: VALID,
    inputs: { profile: 'fast' },
    input: 'input profile',
    field: 'profile',
    message: /must be one of prototype, production, mission-critical \(got "fast"\)/,
  },
  {
    name: 'set input of the wrong type',
    yaml: VALID,
    inputs: { set: 'analysis.alpha=high' },
    input: 'input set analysis.alpha',
    field: 'analysis.alpha',
    message: /must be a number \(got "high"\)/,
  },
  {
    name: 'set input without a value',
    yaml: VALID,
    inputs: { set: 'strategy.bake' },
    input: 'input set strategy.bake',
    field: '(document)',
    message: /must be field=value/,
  },
];

function workspaceFor(test: Case): string {
  const dir = workspace(test.yaml === undefined ? {} : { 'dial.yaml': test.yaml });
  test.setup?.(dir);
  return dir;
}

describe('dial action rejects bad input', () => {
  it('covers at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, test) => {
    const run = await runAction({
      action: 'dial',
      inputs: { 'dry-run': 'true', file: 'dial.yaml', ...test.inputs },
      workspace: workspaceFor(test),
    });
    expect(run.exitCode).toBe(1);
    // Each case holds one mistake, so exactly one problem is reported: no noise around it.
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]?.level).toBe('error');
    const first = run.annotations[0];
    if (test.input === undefined) {
      const file = test.inputs?.file ?? 'dial.yaml';
      expect(first).toMatchObject({ file, line: test.line, col: test.col, title: `${file}: ${test.field}` });
      expect(first?.message).toMatch(test.message);
    } else {
      expect(first?.file).toBeUndefined();
      expect(first?.title).toBe(test.input);
      expect(first?.message.startsWith(`${test.field}: `)).toBe(true);
      expect(first?.message).toMatch(test.message);
    }
    // Nothing else: no plan, no summary, only valid=false.
    expect(run.outputs).toEqual({ valid: 'false' });
    expect(run.summary).toBe('');
    expect(run.stdout).not.toContain('Plan for');
  });
});
