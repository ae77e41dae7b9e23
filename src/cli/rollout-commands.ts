// `dial deploy | canary | analyze | promote | rollback | rollout | status`: the rollout engine from a
// terminal. Loaded only by these commands, so `dial plan` starts without the Kubernetes client. The
// actions (src/actions) run the same commands through the same src/settings functions.
import { ConfigError, formatIssue } from '../config/issues.js';
import { loadKubeConfig } from '../kube/client.js';
import { type Outcome, type OutcomeResult } from '../rollout/engine.js';
import type { Reporter } from '../rollout/ports.js';
import { parseDuration, parseLabel, parseWeight } from '../settings/inputs.js';
import {
  needsRelease,
  NoTargetError,
  openTarget,
  ReleaseProblems,
  resolveTarget,
  runCommand,
  type RolloutCommand,
} from '../settings/target.js';
import { renderStatus } from './status.js';
import type { CliIo } from './cli.js';

/** Exit status per result; `dial --help` and the README state the same. */
export const EXIT: Record<OutcomeResult, number> = {
  deployed: 0,
  promoted: 0,
  passed: 0,
  progressing: 0,
  'rolled-back': 3,
  failed: 3,
  inconclusive: 4,
  paused: 5,
};

export interface RolloutFlags {
  file: string;
  workspace?: string;
  profile?: string;
  namespace?: string;
  steps?: string;
  bake?: string;
  image?: string;
  set?: string[];
  service?: string;
  kubeconfig?: string;
  context?: string;
  weight?: string;
  for?: string;
  'until-decision'?: boolean;
  'to-previous'?: boolean;
  'break-lock'?: boolean;
  'force-conflicts'?: boolean;
  approve?: boolean;
  output?: string;
  fileGiven: boolean;
}

class UsageError extends Error {}

function reporter(io: CliIo): Reporter {
  return {
    info: (line) => io.err(`${line}\n`),
    warn: (line) => io.err(`warning: ${line}\n`),
    progress: (line) => io.err(`  … ${line}\n`),
  };
}

const COMMANDS = new Set<string>(['deploy', 'canary', 'analyze', 'promote', 'rollback', 'rollout', 'status']);

/** Runs one rollout command; returns the exit status. */
export async function runRolloutCommand(command: string, flags: RolloutFlags, io: CliIo): Promise<number> {
  try {
    return await dispatch(command, flags, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const issue of error.issues) io.err(`${formatIssue(issue)}\n`);
      io.err(`${error.issues.length} problem(s); nothing was done.\n`);
      return 1;
    }
    if (error instanceof ReleaseProblems) {
      io.err(`${error.message}\n${error.problems.length} problem(s); nothing was done.\n`);
      return 1;
    }
    io.err(`dial ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}

async function dispatch(name: string, flags: RolloutFlags, io: CliIo): Promise<number> {
  if (!COMMANDS.has(name)) throw new UsageError(`unknown command \`${name}\``);
  const command = name as RolloutCommand;
  // Inputs are checked before the cluster is touched; the kubeconfig is read only once they are good.
  const weight = command === 'canary' ? parseWeight(flags.weight, '--weight', '`dial promote`') : undefined;
  const seconds = command === 'analyze' ? parseDuration(flags.for, '--for') : undefined;
  if (command === 'analyze' && seconds === undefined && flags['until-decision'] !== true)
    throw new UsageError('analyze needs --for DURATION or --until-decision');
  const service = parseLabel(flags.service, '--service');
  const namespace = parseLabel(flags.namespace, '--namespace');
  let target;
  try {
    target = await resolveTarget({
      command,
      ...(flags.fileGiven || needsRelease(command) ? { file: flags.file } : {}),
      workspace: flags.workspace ?? io.cwd,
      overrides: {
        profile: flags.profile,
        namespace: flags.namespace,
        steps: flags.steps,
        bake: flags.bake,
        set: flags.set,
      },
      ...(flags.image !== undefined ? { images: flags.image } : {}),
      label: (input) =>
        input.startsWith('set ') ? `--set ${input.slice(4)}` : `--${input === 'images' ? 'image' : input}`,
      ...(service !== undefined ? { service } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
    });
  } catch (error) {
    if (error instanceof NoTargetError)
      throw new UsageError(`${command} needs --service NAME and --namespace NS (or -f dial.yaml)`);
    throw error;
  }
  for (const warning of target.warnings) io.err(`warning: ${warning}\n`);
  const opened = await openTarget(target, command, {
    kc: loadKubeConfig({
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.context ? { context: flags.context } : {}),
    }),
    reporter: reporter(io),
    ...(flags['break-lock'] ? { breakLock: true } : {}),
  });
  if (command === 'status') {
    const [record, holder] = await Promise.all([opened.engine.status(), opened.lock.holder()]);
    io.out(
      flags.output === 'json'
        ? `${JSON.stringify({ record: record ?? null, lock: holder ?? null }, null, 2)}\n`
        : renderStatus(record, holder, opened.namespace),
    );
    return 0;
  }
  const outcome = await runCommand(command, opened, target, {
    ...(weight !== undefined ? { weight } : {}),
    ...(seconds !== undefined ? { seconds } : {}),
    toPrevious: flags['to-previous'] === true,
    approve: flags.approve === true,
    force: flags['force-conflicts'] === true,
  });
  return finish(outcome, io, flags);
}

function finish(outcome: Outcome, io: CliIo, flags: RolloutFlags): number {
  const current = outcome.record.current;
  if (flags.output === 'json') {
    io.out(
      `${JSON.stringify(
        {
          result: outcome.result,
          reason: outcome.reason,
          phase: outcome.record.phase,
          ...(current ? { release: current.id, weight: current.weight, step: current.step } : {}),
          history: outcome.record.history.slice(0, 1),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.out(`${outcome.result}: ${outcome.reason}\n`);
  }
  return EXIT[outcome.result];
}
