// `dial` commands over the same engine the actions use: plan, validate, schema.
import { parseArgs } from 'node:util';
import { ConfigError, formatIssue } from '../config/issues.js';
import { loadConfig } from '../config/load.js';
import { dialSchema } from '../config/schema-validator.js';
import { buildPlan } from '../plan/plan.js';
import { renderPlanText } from '../plan/render-text.js';

export const HELP = `dial — progressive delivery from the pipeline

Usage:
  dial plan -f dial.yaml [options]      print the resolved plan (no cluster needed)
  dial validate -f dial.yaml [options]  check dial.yaml and the overrides; print every problem
  dial schema                           print the JSON Schema of dial.yaml
  dial --help

Options (plan, validate):
  -f, --file PATH        the service descriptor, relative to the workspace (default dial.yaml)
  -w, --workspace DIR    folder manifests and build contexts are relative to (default: current folder)
  --profile NAME         prototype | production | mission-critical (overrides the file)
  --namespace NAME       Kubernetes namespace (overrides the file)
  --steps LIST           canary weights, e.g. 10,25,50,100
  --bake DURATION        hold per step, e.g. 5m
  --image REFS           image references to deploy: name=ref (or one ref for a single image)
  --set FIELD=VALUE      any field, dotted, value in YAML (repeatable): --set strategy.watch=30m
  --json                 print the plan as JSON

Exit status: 0 when valid, 1 on invalid input (every problem is printed as file:line:col: field: message).
`;

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
        file: { type: 'string', short: 'f', default: 'dial.yaml' },
        workspace: { type: 'string', short: 'w' },
        profile: { type: 'string' },
        namespace: { type: 'string' },
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
  if (command !== 'plan' && command !== 'validate') {
    io.err(`dial: unknown command \`${command}\`\n\n${HELP}`);
    return 1;
  }
  try {
    const resolved = await loadConfig({
      file: values.file,
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
