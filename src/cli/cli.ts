// `dial` commands over the same engine the actions use: plan, validate, schema, and the rollout commands
// (deploy, canary, analyze, promote, rollback, rollout, status), loaded only when one is run.
import { parseArgs } from 'node:util';
import { ConfigError, formatIssue } from '../config/issues.js';
import { loadConfig } from '../config/load.js';
import { dialSchema } from '../config/schema-validator.js';
import { buildPlan } from '../plan/plan.js';
import { renderPlanText } from '../plan/render-text.js';

export const HELP = `dial — progressive delivery from the pipeline

Usage:
  dial plan -f dial.yaml [options]        print the resolved plan (no cluster needed)
  dial validate -f dial.yaml [options]    check dial.yaml and the overrides; print every problem
  dial schema                             print the JSON Schema of dial.yaml
  dial deploy -f dial.yaml [--image R]    plain deploy (prototype, or a service's first release)
  dial canary -f dial.yaml --image R --weight N
                                          start a canary or move it to N % (one step)
  dial analyze --service S -n NS (--for 5m | --until-decision)
                                          judge the running canary against its baseline
  dial promote --service S -n NS          make the canary the stable release
  dial rollback --service S -n NS [--to-previous]
                                          all traffic to stable, canary removed; or return a
                                          finished release to the one before
  dial rollout -f dial.yaml --image R     the whole profile: steps, bakes, analysis, promote or rollback
  dial status --service S -n NS [--output json]
                                          phase, step, weights, images, verdicts, lock holder
  dial --help

Options:
  -f, --file PATH        the service descriptor, relative to the workspace (default dial.yaml)
  -w, --workspace DIR    folder manifests and build contexts are relative to (default: current folder)
  --profile NAME         prototype | production | mission-critical (overrides the file)
  -n, --namespace NAME   Kubernetes namespace (overrides the file)
  --steps LIST           canary weights, e.g. 10,25,50,100
  --bake DURATION        hold per step, e.g. 5m
  --image REFS           image references to deploy: name=ref (or one ref for a single image)
  --set FIELD=VALUE      any field, dotted, value in YAML (repeatable): --set strategy.watch=30m
  --json                 print the plan as JSON (plan)
  --service NAME         the service, for commands that read everything else from the cluster
  --kubeconfig PATH      kubeconfig file (default: KUBECONFIG, in-cluster, ~/.kube/config)
  --context NAME         kubeconfig context
  --break-lock           take the service's lock from another run (only when that run is gone)
  --force-conflicts      deploy: take fields another field manager owns
  --approve              rollout: pass approval gates (the actions wait for GitHub environments)
  --output json          print the result (or status) as JSON

Exit status: 0 done (deployed, promoted, analysis passed, canary moved), 1 bad input or error (every
problem is printed, nothing is applied), 3 rolled back or analysis failed, 4 inconclusive (never
promoted; rollout rolls back), 5 paused at an approval gate.
`;

const ROLLOUT_COMMANDS = new Set(['deploy', 'canary', 'analyze', 'promote', 'rollback', 'rollout', 'status']);

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        file: { type: 'string', short: 'f' },
        workspace: { type: 'string', short: 'w' },
        profile: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        service: { type: 'string' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        weight: { type: 'string' },
        for: { type: 'string' },
        'until-decision': { type: 'boolean' },
        'to-previous': { type: 'boolean' },
        'break-lock': { type: 'boolean' },
        'force-conflicts': { type: 'boolean' },
        approve: { type: 'boolean' },
        output: { type: 'string' },
        steps: { type: 'string' },
        bake: { type: 'string' },
        image: { type: 'string' },
        set: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`dial: ${(error as Error).message}\n\n${HELP}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === undefined || command === 'help') {
    io.out(HELP);
    return values.help || command === 'help' ? 0 : 1;
  }
  if (command === 'schema') {
    io.out(`${JSON.stringify(dialSchema, null, 2)}\n`);
    return 0;
  }
  if (ROLLOUT_COMMANDS.has(command)) {
    const { runRolloutCommand } = await import('./rollout-commands.js');
    return runRolloutCommand(
      command,
      { ...values, file: values.file ?? 'dial.yaml', fileGiven: values.file !== undefined },
      io,
    );
  }
  if (command !== 'plan' && command !== 'validate') {
    io.err(`dial: unknown command \`${command}\`\n\n${HELP}`);
    return 1;
  }
  try {
    const resolved = await loadConfig({
      file: values.file ?? 'dial.yaml',
      workspace: values.workspace ?? io.cwd,
      overrides: {
        profile: values.profile,
        namespace: values.namespace,
        steps: values.steps,
        bake: values.bake,
        set: values.set,
      },
      images: values.image,
      label: (name) =>
        name.startsWith('set ') ? `--set ${name.slice(4)}` : `--${name === 'images' ? 'image' : name}`,
    });
    if (command === 'validate') {
      io.out(`${resolved.file}: valid (profile ${resolved.profile})\n`);
      return 0;
    }
    const plan = buildPlan(resolved);
    io.out(values.json ? `${JSON.stringify(plan, null, 2)}\n` : `${renderPlanText(plan)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) io.err(`${formatIssue(issue)}\n`);
    io.err(`${error.issues.length} problem(s); nothing was done.\n`);
    return 1;
  }
}
