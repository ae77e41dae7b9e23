// Environment files (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV, GITHUB_PATH) read the way the GitHub
// runner's FileCommandManager reads them on Linux. Pure: takes the file text, returns the values.

export class FileCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileCommandError';
  }
}

interface LineRead {
  line: string;
  /** Index just past the line's `\n`, or the text length at the end. */
  next: number;
  hasNewline: boolean;
}

// Only `\n` ends a line on Linux: a `\r` before it stays part of the value, as on the runner.
function readLine(text: string, index: number): LineRead | undefined {
  if (index >= text.length) return undefined;
  const lf = text.indexOf('\n', index);
  if (lf < 0) return { line: text.slice(index), next: text.length, hasNewline: false };
  return { line: text.slice(index, lf), next: lf + 1, hasNewline: true };
}

/**
 * `NAME=VALUE` lines and `NAME<<DELIMITER` heredocs. Whichever of `=` and `<<` comes first decides the
 * form; a heredoc's value is everything up to the newline before the line equal to the delimiter.
 * Later keys overwrite earlier ones. Throws FileCommandError where the runner fails the step.
 */
export function parseKeyValueFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  let index = 0;
  for (let read = readLine(text, index); read !== undefined; read = readLine(text, index)) {
    index = read.next;
    const { line } = read;
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      const name = line.slice(0, eq);
      if (name === '') throw new FileCommandError(`Invalid format '${line}'. Name must not be empty`);
      values[name] = line.slice(eq + 1);
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (name === '' || delimiter === '') {
        throw new FileCommandError(
          `Invalid format '${line}'. Name must not be empty and delimiter must not be empty`,
        );
      }
      const start = index;
      let end = index;
      let inner = readLine(text, index);
      while (inner?.line !== delimiter) {
        if (inner === undefined) {
          throw new FileCommandError(`Invalid value. Matching delimiter not found '${delimiter}'`);
        }
        index = inner.next;
        end = index - 1;
        inner = readLine(text, index);
      }
      index = inner.next;
      values[name] = end > start ? text.slice(start, end) : '';
    } else {
      throw new FileCommandError(`Invalid format '${line}'`);
    }
  }
  return values;
}

/** GITHUB_PATH: one directory per non-empty line; the last added comes first on PATH. */
export function parsePathFile(text: string): string[] {
  const added: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const existing = added.indexOf(line);
    if (existing >= 0) added.splice(existing, 1);
    added.push(line);
  }
  return added.reverse();
}
