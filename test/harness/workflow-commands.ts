// Workflow commands (`::name key=value,...::data`) read from an action's output lines, the way the
// GitHub runner's ActionCommand.TryParseV2 and ActionCommandManager read them. Pure: no I/O.

export type AnnotationLevel = 'error' | 'warning' | 'notice' | 'debug';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
}

export interface ParsedCommand {
  name: string;
  /** Property keys are case-insensitive in the runner: stored lower-cased. */
  properties: Record<string, string>;
  data: string;
}

// The runner only recognises registered command names; anything else is a plain log line.
const registered = new Set([
  'error',
  'warning',
  'notice',
  'debug',
  'add-mask',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
  'set-output',
  'save-state',
  'set-env',
  'add-path',
  'add-matcher',
  'remove-matcher',
]);

// Unescaping replaces in this order, `%25` last, so an escaped `%0A` (`%250A`) stays literal.
const dataEscapes: ReadonlyArray<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const propertyEscapes: ReadonlyArray<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];

function unescape(value: string, table: ReadonlyArray<[string, string]>): string {
  let out = value;
  for (const [escaped, plain] of table) out = out.split(escaped).join(plain);
  return out;
}

/** One output line to a command, or undefined when the runner would treat it as plain text. */
export function parseCommandLine(rawLine: string): ParsedCommand | undefined {
  const line = rawLine.trimStart();
  if (!line.startsWith('::')) return undefined;
  const end = line.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = line.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const part of info
      .slice(space + 1)
      .trim()
      .split(',')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      // The runner drops pairs whose key or value is empty.
      if (eq <= 0 || eq === part.length - 1) continue;
      properties[part.slice(0, eq).toLowerCase()] = unescape(part.slice(eq + 1), propertyEscapes);
    }
  }
  return { name, properties, data: unescape(line.slice(end + 2), dataEscapes) };
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : n;
}

export function toAnnotation(command: ParsedCommand): Annotation | undefined {
  const level = command.name;
  if (level !== 'error' && level !== 'warning' && level !== 'notice' && level !== 'debug') return undefined;
  const p = command.properties;
  const annotation: Annotation = { level, message: command.data };
  if (p.file !== undefined) annotation.file = p.file;
  const line = toInt(p.line);
  if (line !== undefined) annotation.line = line;
  const col = toInt(p.col);
  if (col !== undefined) annotation.col = col;
  const endLine = toInt(p.endline);
  if (endLine !== undefined) annotation.endLine = endLine;
  const endColumn = toInt(p.endcolumn);
  if (endColumn !== undefined) annotation.endColumn = endColumn;
  if (p.title !== undefined) annotation.title = p.title;
  return annotation;
}

export class MaskedValueLeakError extends Error {
  constructor(stream: string, lineNumber: number) {
    // The value itself is never repeated: the point is that it must not reach a log.
    super(
      `a value registered with ::add-mask:: appears in ${stream} (line ${lineNumber}) after it was masked`,
    );
    this.name = 'MaskedValueLeakError';
  }
}

export interface CommandLog {
  annotations: Annotation[];
  /** Outputs and state from the deprecated ::set-output:: / ::save-state:: commands. */
  outputs: Record<string, string>;
  state: Record<string, string>;
  /** Titles of ::group:: sections, in order. */
  groups: string[];
  /** Values registered with ::add-mask:: (kept only to detect leaks, never reported). */
  masks: string[];
}

/**
 * Feeds output lines in arrival order, as the runner's OutputManager does for stdout and stderr alike.
 * Tracks ::stop-commands:: and fails loudly on a masked value seen after it was masked.
 */
export class CommandProcessor {
  readonly log: CommandLog = { annotations: [], outputs: {}, state: {}, groups: [], masks: [] };
  private stopToken: string | undefined;
  private openGroups = 0;

  processLine(line: string, stream: string, lineNumber: number): void {
    this.checkMasks(line, stream, lineNumber);
    if (this.stopToken !== undefined) {
      if (line.trim() === `::${this.stopToken}::`) this.stopToken = undefined;
      return;
    }
    const command = parseCommandLine(line);
    if (command === undefined) return;
    const annotation = toAnnotation(command);
    if (annotation !== undefined) {
      this.log.annotations.push(annotation);
      return;
    }
    switch (command.name) {
      case 'add-mask':
        // The runner masks each line of a multi-line value separately; empty values are ignored.
        for (const part of command.data.split(/\r?\n/)) if (part.trim() !== '') this.log.masks.push(part);
        break;
      case 'stop-commands':
        if (command.data !== '') this.stopToken = command.data;
        break;
      case 'group':
        this.openGroups += 1;
        this.log.groups.push(command.data);
        break;
      case 'endgroup':
        this.openGroups = Math.max(0, this.openGroups - 1);
        break;
      case 'set-output':
        this.deprecated('set-output');
        if (command.properties.name) this.log.outputs[command.properties.name] = command.data;
        break;
      case 'save-state':
        this.deprecated('save-state');
        if (command.properties.name) this.log.state[command.properties.name] = command.data;
        break;
      case 'set-env':
      case 'add-path':
        this.log.annotations.push({
          level: 'error',
          message: `The \`${command.name}\` command is disabled. Please upgrade to using Environment Files.`,
        });
        break;
      default:
        break;
    }
  }

  private deprecated(name: string): void {
    this.log.annotations.push({
      level: 'warning',
      message: `The \`${name}\` command is deprecated and will be disabled soon. Please upgrade to using Environment Files.`,
    });
  }

  private checkMasks(line: string, stream: string, lineNumber: number): void {
    // The line registering a mask necessarily contains it; only later lines count as leaks.
    if (parseCommandLine(line)?.name === 'add-mask') return;
    for (const secret of this.log.masks) {
      if (line.includes(secret)) throw new MaskedValueLeakError(stream, lineNumber);
    }
  }

  /** The text with every masked value replaced by `***`, as the runner's log shows it. */
  redact(text: string): string {
    // Longest first, so a mask containing another is replaced whole.
    const masks = [...this.log.masks].sort((a, b) => b.length - a.length);
    return masks.reduce((out, secret) => out.split(secret).join('***'), text);
  }

  assertNotLeaked(text: string, where: string): void {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      for (const secret of this.log.masks)
        if (line.includes(secret)) throw new MaskedValueLeakError(where, i + 1);
    });
  }
}
