// How the build action talks to the runner: log lines and groups, masked secrets, a builder's output kept
// from acting as workflow commands, problems as annotations, and the outputs.
import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import { formatPath, type ConfigIssue } from '../../config/issues.js';
import type { BuildLog, BuildReport } from '../../build/engine.js';
import type { InputError } from '../../settings/inputs.js';

export const actionLog: BuildLog = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  secret: (value) => core.setSecret(value),
  group: (title, fn) => core.group(title, fn),
  async tool(fn) {
    // A Containerfile's RUN can print anything, `::set-output` or `::add-mask` included: stop commands.
    const token = randomUUID();
    core.info(`::stop-commands::${token}`);
    try {
      return await fn((line) => core.info(line));
    } finally {
      core.info(`::${token}::`);
    }
  },
};

export function reportInputProblems(problems: InputError[]): void {
  for (const p of problems) core.error(p.message, { title: p.input });
  core.info(`${problems.length} problem(s) in the inputs; nothing was built.`);
}

export function reportConfigIssues(issues: ConfigIssue[]): void {
  for (const issue of issues) {
    const field = formatPath(issue.path);
    if (issue.origin.kind === 'file') {
      const { file, line, col } = issue.origin;
      core.error(issue.message, { file, startLine: line, startColumn: col, title: `${file}: ${field}` });
    } else core.error(`${issue.origin.name} ${issue.message}`, { title: issue.origin.name });
  }
  core.info(`${issues.length} problem(s) in the configuration; nothing was built.`);
}

export function writeOutputs(report: BuildReport): void {
  const done = report.results;
  core.setOutput('images', JSON.stringify(Object.fromEntries(done.map((r) => [r.name, r.ref]))));
  core.setOutput('image-refs', done.map((r) => `${r.name}=${r.ref}`).join('\n'));
  core.setOutput(
    'built',
    done
      .filter((r) => r.status !== 'skipped')
      .map((r) => r.name)
      .join(','),
  );
  core.setOutput(
    'skipped',
    done
      .filter((r) => r.status === 'skipped')
      .map((r) => r.name)
      .join(','),
  );
}
