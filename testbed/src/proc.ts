// Processes of the test bed: detached daemons with log files, the ports they listen on, waiting, stopping,
// memory.
//
// Ports: a port is only ever known to belong to a daemon once that daemon has bound it. A port "picked as
// free" by binding and closing it is free for anyone: another process can take it before the child binds
// it (the EADDRINUSE flake of issue 7). So a daemon that can listen on port 0 does (startOnOwnPort: the
// kernel picks the port at bind time and the daemon reports it, or /proc shows it); a daemon that must be
// told its port (kube-apiserver) starts with startOnPickedPorts, which confirms in /proc that the port is
// the daemon's own and starts it again on other ports when it exits with "address already in use".
import { execFile, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

export const execFileP = promisify(execFile);

/**
 * A port that was free on 127.0.0.1 a moment ago (the kernel picks it). It is free for anyone until a
 * process binds it, so never hand it to a child directly: use startOnPickedPorts (or port 0).
 */
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

/** Inodes of the sockets process `pid` holds open (from /proc/PID/fd). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes; // exited
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    } catch {
      /* closed meanwhile */
    }
  }
  return inodes;
}

/**
 * The TCP ports process `pid` listens on (IPv4 and IPv6, any address), sorted: its sockets matched
 * against the LISTEN entries of /proc/PID/net/tcp and tcp6. Empty when it listens on none (yet) or is gone.
 */
export function listeningPorts(pid: number): number[] {
  const inodes = socketInodes(pid);
  if (inodes.size === 0) return [];
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (state !== '0A' || local === undefined || inode === undefined || !inodes.has(inode)) continue;
      ports.add(parseInt(local.slice(local.lastIndexOf(':') + 1), 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

export interface Daemon {
  name: string;
  pid: number;
  logFile: string;
  /** Size of logFile when this process started: what it wrote begins there (the file is appended to). */
  logOffset: number;
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
  const logOffset = existsSync(opts.logFile) ? statSync(opts.logFile).size : 0;
  const fd = openSync(opts.logFile, 'a');
  try {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new Error(`test bed: could not start ${name} (${cmd})`);
    const d: Daemon = { name, pid: child.pid, logFile: opts.logFile, logOffset };
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

/** What the daemon wrote to its log file since it started (earlier attempts appended to the same file). */
export function ownLog(d: Daemon): string {
  if (!existsSync(d.logFile)) return '';
  return readFileSync(d.logFile).subarray(d.logOffset).toString('utf8');
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
  const deadline = performance.now() + opts.timeoutMs;
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
    if (performance.now() > deadline) {
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

/** A daemon started on ports that are its own (it has bound them), and how to stop it. */
export interface ListeningDaemon {
  daemon: Daemon;
  pid: number;
  /** The ports it listens on, in the order they were asked for. */
  ports: number[];
  stop: () => Promise<void>;
}

/**
 * A daemon that binds its own port: `args` tell it to listen on port 0, so the kernel picks the port at
 * bind time and no other process can hold it meanwhile. The port is the number the daemon writes to
 * `portFile` once it listens (written whole, e.g. by rename), or without one the only TCP port its
 * process listens on (/proc). Resolves once `probe(port)` answers; a daemon that exits or never answers
 * is stopped and the start fails with its log.
 */
export async function startOnOwnPort(
  name: string,
  cmd: string,
  args: string[],
  opts: {
    logFile: string;
    cwd: string;
    /** What answering means, for messages, e.g. 'prometheus /-/ready'. */
    what: string;
    probe: (port: number) => Promise<unknown>;
    portFile?: string;
    timeoutMs?: number;
  },
): Promise<ListeningDaemon> {
  const deadline = performance.now() + (opts.timeoutMs ?? 30_000);
  const left = () => Math.max(0, deadline - performance.now());
  const portFile = opts.portFile;
  if (portFile !== undefined) rmSync(portFile, { force: true });
  const daemon = startDaemon(name, cmd, args, { logFile: opts.logFile, cwd: opts.cwd });
  const stop = () => stopGroups([daemon.pid]);
  try {
    const port = await waitFor(
      portFile === undefined ? `${name} to listen on a port` : `${name} to write its port to ${portFile}`,
      async () => {
        if (portFile !== undefined) {
          if (!existsSync(portFile)) return undefined;
          const text = readFileSync(portFile, 'utf8').trim();
          const reported = Number(text);
          if (!Number.isInteger(reported) || reported <= 0) throw new Error(`${portFile} holds "${text}"`);
          return reported;
        }
        const ports = listeningPorts(daemon.pid);
        if (ports.length > 1) {
          throw new Error(`it listens on ${ports.join(', ')}: which is its port? (give it a port file)`);
        }
        return ports[0];
      },
      { timeoutMs: left(), intervalMs: 20, daemons: [daemon] },
    );
    await waitFor(`${opts.what} (port ${port})`, () => opts.probe(port), {
      timeoutMs: left(),
      intervalMs: 50,
      daemons: [daemon],
    });
    return { daemon, pid: daemon.pid, ports: [port], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `count` distinct ports free on 127.0.0.1 a moment ago: all held at once, so no two are the same. */
async function pickPorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    return await Promise.all(
      servers.map(
        (srv) =>
          new Promise<number>((resolve, reject) => {
            srv.on('error', reject);
            srv.listen(0, '127.0.0.1', () => {
              const addr = srv.address();
              resolve(typeof addr === 'object' && addr ? addr.port : 0);
            });
          }),
      ),
    );
  } finally {
    await Promise.all(servers.map((srv) => new Promise((resolve) => srv.close(resolve))));
  }
}

/**
 * Which of `ports` the daemon's log says were taken: a line naming the port with "address already in use"
 * (Go's net package: `listen tcp 127.0.0.1:P: bind: address already in use`; Node: `EADDRINUSE: address
 * already in use 127.0.0.1:P`).
 */
function takenPorts(log: string, ports: number[]): number[] {
  const lines = log.split('\n').filter((line) => /address already in use|EADDRINUSE/i.test(line));
  return ports.filter((port) => lines.some((line) => new RegExp(`:${port}(?!\\d)`).test(line)));
}

/**
 * A daemon that must be told its ports (kube-apiserver cannot listen on port 0 and report it): picks
 * `count` ports, starts the daemon with `args(ports)` and waits until its own process listens on each
 * of them (/proc): only then are they known to be its, and only then is `probe` asked, so an answer
 * never comes from another process that took the port. A port can still be taken between the pick and
 * the daemon's bind; the daemon then exits with "address already in use", and this start-up protocol
 * starts it again on newly picked ports, up to `attempts` times. Any other exit, or no answer within
 * timeoutMs (per attempt), stops it and fails the start with its log.
 */
export async function startOnPickedPorts(
  name: string,
  cmd: string,
  args: (ports: number[]) => string[],
  opts: {
    count: number;
    logFile: string;
    cwd: string;
    what: string;
    probe: (ports: number[]) => Promise<unknown>;
    timeoutMs?: number;
    attempts?: number;
    log?: (line: string) => void;
    env?: NodeJS.ProcessEnv;
    /** Daemons it depends on: their exit fails the start at once (with their log). */
    watch?: Daemon[];
    /** How ports are picked (tests hand it a port already taken); default: free ports from the kernel. */
    pick?: (count: number) => Promise<number[]>;
  },
): Promise<ListeningDaemon> {
  const attempts = opts.attempts ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    const deadline = performance.now() + (opts.timeoutMs ?? 60_000);
    const left = () => Math.max(0, deadline - performance.now());
    const ports = await (opts.pick ?? pickPorts)(opts.count);
    const daemon = startDaemon(name, cmd, args(ports), {
      logFile: opts.logFile,
      cwd: opts.cwd,
      env: opts.env,
    });
    const stop = () => stopGroups([daemon.pid]);
    let taken: number[] = [];
    try {
      // Most daemons exit when a bind fails; one that logs it and goes on is stopped here the same way.
      const outcome = await waitFor(
        `${name} to listen on ${ports.join(', ')}`,
        async () => {
          const own = listeningPorts(daemon.pid);
          const missing = ports.filter((p) => !own.includes(p));
          if (missing.length === 0) return 'listening';
          if (takenPorts(ownLog(daemon), missing).length > 0) return 'taken';
          throw new Error(`not listening on ${missing.join(', ')} yet`);
        },
        { timeoutMs: left(), intervalMs: 50, daemons: [daemon, ...(opts.watch ?? [])] },
      );
      if (outcome === 'taken') {
        await stop();
        taken = takenPorts(ownLog(daemon), ports);
      }
    } catch (error) {
      const exited = daemon.exited !== undefined || !alive(daemon.pid);
      await stop();
      taken = exited ? takenPorts(ownLog(daemon), ports) : [];
      if (taken.length === 0) throw error;
    }
    if (taken.length > 0) {
      if (attempt >= attempts) {
        throw new Error(
          `test bed: ${name}: port(s) ${taken.join(', ')} taken before it bound them, ${attempts} times; ` +
            `${opts.logFile} ends with:\n${tail(opts.logFile)}`,
        );
      }
      opts.log?.(
        `${name}: port ${taken.join(', ')} picked for it was taken before it bound it; ` +
          `starting it again on other ports (attempt ${attempt + 1} of ${attempts})`,
      );
      continue;
    }
    try {
      await waitFor(opts.what, () => opts.probe(ports), {
        timeoutMs: left(),
        intervalMs: 50,
        daemons: [daemon, ...(opts.watch ?? [])],
      });
    } catch (error) {
      await stop();
      throw error;
    }
    return { daemon, pid: daemon.pid, ports, stop };
  }
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
