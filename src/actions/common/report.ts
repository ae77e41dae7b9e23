// dial.yaml problems as annotations on their lines (or naming the input), for the dry run and the real
// run alike; kept apart from run.ts so the dry run loads no Kubernetes client.
import * as core from '@actions/core';
import { type ConfigError, formatPath } from '../../config/issues.js';

/** Every dial.yaml problem as an annotation on its line (or naming the input); returns the reason. */
export function reportConfigError(error: ConfigError): string {
  for (const issue of error.issues) {
    const field = formatPath(issue.path);
    if (issue.origin.kind === 'file') {
      const { file, line, col } = issue.origin;
      core.error(issue.message, { file, startLine: line, startColumn: col, title: `${file}: ${field}` });
    } else core.error(`${field}: ${issue.message}`, { title: issue.origin.name });
  }
  core.info(`${error.issues.length} problem(s) in the configuration; nothing was done.`);
  return `${error.issues.length} problem(s) in the configuration; nothing was applied`;
}
