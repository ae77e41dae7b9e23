// A problem found in dial.yaml or in the inputs that override it, with where it is, so the CLI can print
// `dial.yaml:12:5: strategy.steps[2]: ...` and the action can annotate the exact line in the pull request.

export type FieldPath = ReadonlyArray<string | number>;

/** Where a problem sits: a position in the file, or an action input / CLI flag. */
export type IssueOrigin =
  { kind: 'file'; file: string; line: number; col: number } | { kind: 'input'; name: string };

export interface ConfigIssue {
  path: FieldPath;
  message: string;
  origin: IssueOrigin;
}

/** `strategy.steps[2]`, `analysis.checks[0].name`; the document itself is `(document)`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(document)' : out;
}

/** One line for a terminal: `dial.yaml:12:5: strategy.steps[2]: must be ...`. */
export function formatIssue(issue: ConfigIssue): string {
  const where =
    issue.origin.kind === 'file'
      ? `${issue.origin.file}:${issue.origin.line}:${issue.origin.col}`
      : issue.origin.name;
  return `${where}: ${formatPath(issue.path)}: ${issue.message}`;
}

/** Thrown when the configuration cannot be used; carries every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }
}
