// Action inputs into typed settings. Every input is checked before anything is applied, and every
// problem is collected, so one run names them all (`::error title=input weight::...`). Values only ever
// reach argument lists and API bodies, never a shell. The kubeconfig is masked the moment it is read.
import * as core from '@actions/core';
import type { OverrideLabel } from '../../config/overrides.js';
import { InputError, parseBoolean, parseDuration, parseLabel, parseWeight } from '../../settings/inputs.js';
import type { RolloutCommand, TargetRequest } from '../../settings/target.js';

export interface ClusterSettings {
  /** The `kubeconfig` input's content (a secret), else KUBECONFIG, in-cluster, ~/.kube/config. */
  kubeconfigContent?: string;
  context?: string;
  breakLock: boolean;
}

/** The rollout as a GitHub Deployment (src/actions/common/github-deployment.ts). */
export interface GitHubDeploymentSettings {
  /** Input github-deployment (default true). */
  enabled: boolean;
  /** Input token (default the job's token); masked the moment it is read. */
  token: string;
  /** The GitHub environment (default `production`, GitHub's own default for a deployment). */
  environment: string;
  environmentUrl?: string;
  /** The commit deployed; empty: GITHUB_SHA. */
  sha: string;
}

/** How dial.yaml's override messages name the action's inputs: `input steps`, `input image`. */
export const inputLabel: OverrideLabel = (name) => `input ${name === 'images' ? 'image' : name}`;

export class InputReader {
  readonly problems: InputError[] = [];

  text(name: string): string {
    return core.getInput(name).trim();
  }

  lines(name: string): string[] {
    return core.getMultilineInput(name);
  }

  bool(name: string, fallback: boolean): boolean {
    return this.check(() => parseBoolean(core.getInput(name), `input ${name}`, fallback), fallback);
  }

  weight(name: string): number {
    return this.check(() => parseWeight(core.getInput(name), `input ${name}`, 'the promote action'), 0);
  }

  duration(name: string): number | undefined {
    return this.check(() => parseDuration(core.getInput(name), `input ${name}`), undefined);
  }

  label(name: string): string | undefined {
    return this.check(() => parseLabel(core.getInput(name), `input ${name}`), undefined);
  }

  problem(input: string, message: string): void {
    this.problems.push(new InputError(`input ${input}`, message));
  }

  /** deploy, canary and the root action: a release from dial.yaml with the inputs over it. */
  release(command: RolloutCommand): TargetRequest {
    const namespace = this.label('namespace');
    return {
      command,
      file: this.text('file') || 'dial.yaml',
      workspace: workspace(),
      overrides: {
        profile: this.text('profile'),
        namespace: namespace ?? '',
        steps: this.text('steps'),
        bake: this.text('bake'),
        set: this.lines('set'),
      },
      images: this.text('image'),
      label: inputLabel,
      ...(namespace ? { namespace } : {}),
    };
  }

  /** analyze, promote, rollback: the service (and namespace) named, or named by dial.yaml. */
  service(command: RolloutCommand): TargetRequest {
    const service = this.label('service');
    const namespace = this.label('namespace');
    const file = this.text('file');
    if (service === undefined && file === '' && !this.problems.some((p) => p.input === 'input service'))
      this.problem(
        'service',
        'input service is required (with input namespace), or input file naming dial.yaml',
      );
    return {
      command,
      ...(file ? { file } : {}),
      workspace: workspace(),
      overrides: namespace ? { namespace } : {},
      label: inputLabel,
      ...(service ? { service } : {}),
      ...(namespace ? { namespace } : {}),
    };
  }

  /** The cluster: `kubeconfig` content (masked now), `context`, `break-lock`. */
  cluster(): ClusterSettings {
    const content = core.getInput('kubeconfig');
    if (content.trim() !== '') core.setSecret(content);
    const context = this.text('context');
    return {
      ...(content.trim() !== '' ? { kubeconfigContent: content } : {}),
      ...(context ? { context } : {}),
      breakLock: this.bool('break-lock', false),
    };
  }

  /** `token`, `environment`, `environment-url`, `github-deployment`, `sha`: the rollout's GitHub deployment. */
  github(): GitHubDeploymentSettings {
    const token = core.getInput('token').trim();
    if (token !== '') core.setSecret(token);
    const environmentUrl = this.text('environment-url');
    if (environmentUrl !== '' && !/^https?:\/\/\S+$/.test(environmentUrl))
      this.problem(
        'environment-url',
        `input environment-url must be an http(s) URL (got "${environmentUrl}")`,
      );
    const sha = this.text('sha');
    if (sha !== '' && !/^[0-9a-f]{40}$/i.test(sha))
      this.problem('sha', `input sha must be a full commit SHA of 40 hex digits (got "${sha}")`);
    return {
      enabled: this.bool('github-deployment', true),
      token,
      environment: this.text('environment') || 'production',
      ...(environmentUrl !== '' ? { environmentUrl } : {}),
      sha,
    };
  }

  private check<T>(read: () => T, fallback: T): T {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.problems.push(error);
      return fallback;
    }
  }
}

export function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

/** Reports every input problem as an error annotation naming the input; true when there were any. */
export function reportInputProblems(reader: InputReader): boolean {
  for (const problem of reader.problems) core.error(problem.message, { title: problem.input });
  if (reader.problems.length > 0)
    core.info(`${reader.problems.length} problem(s) in the inputs; nothing was done.`);
  return reader.problems.length > 0;
}
