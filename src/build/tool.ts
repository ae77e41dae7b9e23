// Runs a builder's command line: an argument array handed to the program itself (never through a shell),
// every output line passed on as it comes, the last lines kept for the error message.
import { spawn } from 'node:child_process';

export interface ToolCommand {
  command: string;
  args: string[];
  /** How errors name the step (`buildah bud`); default: the command. */
  what?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the program's standard input (a password for `docker login --password-stdin`). */
  input?: string;
  /** Each line of stdout and stderr, as it arrives. */
  onLine?: (line: string) => void;
  timeoutMs?: number;
}

export interface ToolResult {
  stdout: string;
}

export class ToolError extends Error {
  constructor(
    message: string,
    readonly tail: string[],
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

const TAIL_LINES = 15;

export function runTool(cmd: ToolCommand): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.command, cmd.args, {
      env: cmd.env ?? process.env,
      stdio: [cmd.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      shell: false,
    });
    let stdout = '';
    const tail: string[] = [];
    const pending = { out: '', err: '' };
    const line = (text: string): void => {
      tail.push(text);
      if (tail.length > TAIL_LINES) tail.shift();
      cmd.onLine?.(text);
    };
    const feed = (stream: 'out' | 'err', chunk: string): void => {
      if (stream === 'out') stdout += chunk;
      const parts = (pending[stream] + chunk).split(/\r?\n/);
      pending[stream] = parts.pop() ?? '';
      for (const part of parts) line(part);
    };
    child.stdout?.setEncoding('utf8').on('data', (c: string) => feed('out', c));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => feed('err', c));
    if (cmd.input !== undefined) child.stdin?.end(cmd.input);
    const timer =
      cmd.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL');
            line(`(${cmd.command} stopped after ${Math.round((cmd.timeoutMs ?? 0) / 1000)} s)`);
          }, cmd.timeoutMs);
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(new ToolError(missing ? `${cmd.command} is not installed (not on PATH)` : error.message, tail));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      for (const stream of ['out', 'err'] as const) {
        if (pending[stream] !== '') line(pending[stream]);
        pending[stream] = '';
      }
      if (code === 0) resolve({ stdout });
      else {
        const how = code === null ? `was killed (${signal})` : `exited with ${code}`;
        reject(new ToolError(`${cmd.what ?? cmd.command} ${how}`, tail));
      }
    });
  });
}

/** Whether `command args` runs and exits 0 (for finding a builder). */
export async function works(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    await runTool({ command, args, env, timeoutMs: 20_000 });
    return true;
  } catch {
    return false;
  }
}
