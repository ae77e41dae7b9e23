// Processes of the test bed: free ports, detached daemons with log files, waiting, stopping, memory.
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

export const execFileP = promisify(execFile);

/** A port that was free on 127.0.0.1 a moment ago (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Daemon {
  name: string;
  pid: number;
  logFile: string;
  /** Set when the process has exited (while this Node process watches it). */
  exited?: { code: number | null; signal: NodeJS.Signals | null };
}

/**
 * Starts a long-running process in its own process group, output appended to logFile, not tied to
 * this Node process (it outlives `testbed up`). `down` stops it by its group id.
 */
export function startDaemon(
  name: string,
  cmd: string,
  args: string[],
  opts: { logFile: string; cwd: string; env?: NodeJS.ProcessEnv },
): Daemon {
  const fd = openSync(opts.logFile, 'a');
  try {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new Error(`test bed: could not start ${name} (${cmd})`);
    const d: Daemon = { name, pid: child.pid, logFile: opts.logFile };
    child.on('exit', (code, signal) => (d.exited = { code, signal }));
    child.on('error', () => {
      d.exited = { code: -1, signal: null };
    });
    child.unref();
    return d;
  } finally {
    closeSync(fd);
  }
}

/** Last lines of a log file, for error messages. */
export function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return `(no ${file})`;
  const text = readFileSync(file, 'utf8').trimEnd().split('\n');
  return text.slice(-lines).join('\n');
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not reaped by its parent) still answers signal 0.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `probe` until it returns a value other than undefined, throwing after timeoutMs with the last
 * reason. `daemons` that exit meanwhile fail the wait at once (with their log tail).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: { timeoutMs: number; intervalMs?: number; daemons?: Daemon[] },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = '';
  for (;;) {
    for (const d of opts.daemons ?? []) {
      if (d.exited || !alive(d.pid)) {
        throw new Error(
          `test bed: ${d.name} exited while waiting for ${what}; ${d.logFile} ends with:\n${tail(d.logFile)}`,
        );
      }
    }
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      const logs = (opts.daemons ?? []).map((d) => `--- ${d.logFile}:\n${tail(d.logFile, 15)}`).join('\n');
      throw new Error(
        `test bed: timed out after ${opts.timeoutMs} ms waiting for ${what}${last ? ` (last: ${last})` : ''}\n${logs}`,
      );
    }
    await sleep(opts.intervalMs ?? 200);
  }
}

/**
 * One daemon that is ready when `probe` answers: started, waited for, and stopped again when it never
 * becomes ready, so a failed start leaves nothing running. Returns its pid and a stop function.
 */
export async function startReadyDaemon(
  name: string,
  cmd: string,
  args: string[],
  opts: { logFile: string; cwd: string; what: string; probe: () => Promise<unknown>; timeoutMs?: number },
): Promise<{ pid: number; stop: () => Promise<void> }> {
  const daemon = startDaemon(name, cmd, args, { logFile: opts.logFile, cwd: opts.cwd });
  const stop = () => stopGroups([daemon.pid]);
  try {
    await waitFor(opts.what, opts.probe, {
      timeoutMs: opts.timeoutMs ?? 30_000,
      intervalMs: 50,
      daemons: [daemon],
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: daemon.pid, stop };
}

/**
 * SIGTERM to each process group, then SIGKILL to what is left after graceMs. The grace is short: a bed's
 * data is thrown away, and kube-apiserver and etcd wait on each other's connections for many seconds.
 */
export async function stopGroups(pids: number[], graceMs = 2000): Promise<void> {
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* gone */
      }
    }
  };
  const live = pids.filter(alive);
  for (const pid of live) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (live.some(alive) && Date.now() < deadline) await sleep(50);
  for (const pid of live.filter(alive)) signal(pid, 'SIGKILL');
  const killDeadline = Date.now() + 2000;
  while (live.some(alive) && Date.now() < killDeadline) await sleep(50);
}

/**
 * When the process started, in ms since the epoch (from /proc; Linux's USER_HZ is 100), or undefined
 * when it is gone. Tells a recorded pid from a later process the kernel gave the same number.
 */
export function startedAtMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]); // field 22: starttime
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
    if (!Number.isFinite(ticks) || btime === undefined) return undefined;
    return Number(btime) * 1000 + ticks * 10;
  } catch {
    return undefined;
  }
}

/** Resident memory in KiB of each process in the group led by pid (from /proc). */
export function groupRssKiB(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5 of stat: process group
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
      if (m?.[1]) total += Number(m[1]);
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}
