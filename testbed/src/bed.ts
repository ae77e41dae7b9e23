// A whole test bed: starts every part (parts/index.ts) in a private temp dir, records it in a state file
// so `down`/`status`/`env` and Jest's global setup (other processes) can find it, and stops it.
//
// Several runs share one bed (two `npm test`s, a soak and a shell): each run that uses it holds a lease
// (a file per process beside the state file) from acquireBed to releaseBed. A bed a run started for
// itself is stopped by the last run to release it, never under a run still using it; a bed from
// `testbed up` (or DIAL_TESTBED_KEEP=1) stays up until `down`.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { Part, RunningPart } from './part.js';
import { parts as allParts } from './parts/index.js';
import { stateFile } from './paths.js';
import { alive, groupRssKiB, startedAtMs, stopGroups } from './proc.js';

export interface PartState {
  name: string;
  env: Record<string, string>;
  pids: number[];
  startSeconds: number;
  /** What the part made besides processes (RunningPart.resources), for its cleanup at `down`. */
  resources?: Record<string, string>;
}

export interface BedState {
  dir: string;
  startedAt: string;
  startSeconds: number;
  env: Record<string, string>;
  parts: PartState[];
  /** Stop the bed when the last run using it releases it (started for a run, not by `testbed up`). */
  stopWhenUnused?: boolean;
}

type Log = (line: string) => void;
const stderrLog: Log = (line) => process.stderr.write(`${line}\n`);

export function readState(file = stateFile()): BedState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BedState;
  } catch {
    return undefined;
  }
}

function writeState(state: BedState, file = stateFile()): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}

/** Starts every part at once; on any failure stops what did start, removes the dir and throws. */
export async function startBed(opts: { log?: Log; parts?: Part[] } = {}): Promise<BedState> {
  const log = opts.log ?? stderrLog;
  const parts = opts.parts ?? allParts;
  const base = join(tmpdir(), 'dial-testbed');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'bed-'));
  const t0 = Date.now();
  log(`testbed: starting ${parts.map((p) => p.name).join(', ')} in ${dir}`);
  // Interrupted while starting: the daemons are in their own process groups, so stop them here.
  const onSignal = (signal: NodeJS.Signals) => {
    log(`testbed: ${signal} while starting; stopping what started`);
    void stopGroups(processesUnder(dir), 500).finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const results = await Promise.allSettled(
    parts.map(async (p) => {
      const t = Date.now();
      const running = await p.start({ dir, log });
      const startSeconds = (Date.now() - t) / 1000;
      log(`testbed: ${p.name} ready in ${startSeconds.toFixed(1)} s`);
      return { running, startSeconds };
    }),
  );
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.flatMap((r, i) =>
    r.status === 'rejected' ? [`${parts[i]!.name}: ${errText(r.reason)}`] : [],
  );
  if (failed.length) {
    await Promise.all(ok.map(({ running }) => running.stop().catch(() => undefined)));
    await stopGroups(processesUnder(dir));
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`testbed: could not start\n${failed.join('\n')}`);
  }
  const state: BedState = {
    dir,
    startedAt: new Date(t0).toISOString(),
    startSeconds: (Date.now() - t0) / 1000,
    env: Object.assign({}, ...ok.map(({ running }) => running.env)) as Record<string, string>,
    parts: ok.map(({ running, startSeconds }: { running: RunningPart; startSeconds: number }) => ({
      name: running.name,
      env: running.env,
      pids: running.pids,
      startSeconds,
      ...(running.resources ? { resources: running.resources } : {}),
    })),
  };
  writeState(state);
  log(`testbed: up in ${state.startSeconds.toFixed(1)} s`);
  return state;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Processes whose working directory is inside dir (every daemon of the bed runs in its folder). */
export function processesUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === dir || cwd.startsWith(dir + sep)) pids.push(Number(entry));
    } catch {
      /* exited, or not ours to read */
    }
  }
  return pids;
}

/**
 * The recorded pids that still are the bed's processes: started while the bed was starting. A stale state
 * file's pid may since belong to someone else's process group (pid_max can be as low as 32768).
 */
function startedByBed(state: BedState): (pid: number) => boolean {
  const from = Date.parse(state.startedAt) - 2000; // /proc's boot time has whole-second precision
  const to = from + (state.startSeconds + 4) * 1000;
  return (pid) => {
    const started = startedAtMs(pid);
    return started !== undefined && started >= from && started <= to;
  };
}

/** Stops every process of the bed (and nothing else), removes its dir and the state file. */
export async function stopBed(state: BedState, opts: { log?: Log } = {}): Promise<void> {
  const log = opts.log ?? stderrLog;
  await stopGroups(state.parts.flatMap((p) => p.pids).filter(startedByBed(state)));
  await stopGroups(processesUnder(state.dir));
  for (const p of state.parts) {
    const cleanup = allParts.find((x) => x.name === p.name)?.cleanup;
    if (!p.resources || !cleanup) continue;
    await cleanup(p.resources).catch((err: unknown) =>
      log(`testbed: ${p.name}: cleanup failed: ${errText(err)}`),
    );
  }
  rmSync(state.dir, { recursive: true, force: true });
  const current = readState();
  if (current?.dir === state.dir) {
    rmSync(stateFile(), { force: true });
    rmSync(leaseDir(), { recursive: true, force: true }); // leases on this bed mean nothing any more
  }
  log(`testbed: stopped, removed ${state.dir}`);
}

export interface PartHealth {
  name: string;
  ok: boolean;
  /** Some of its processes are gone (it cannot recover by itself). */
  dead?: boolean;
  detail: string;
  rssMiB: number;
}

/** Each part: its processes alive, and its own check (if it has one) passing. */
export async function checkBed(state: BedState, parts: Part[] = allParts): Promise<PartHealth[]> {
  const ours = startedByBed(state);
  return Promise.all(
    state.parts.map(async (p) => {
      const rssMiB = p.pids.filter(ours).reduce((sum, pid) => sum + groupRssKiB(pid), 0) / 1024;
      const dead = p.pids.filter((pid) => !alive(pid) || !ours(pid));
      if (dead.length)
        return {
          name: p.name,
          ok: false,
          dead: true,
          detail: `process ${dead.join(', ')} not running`,
          rssMiB,
        };
      const part = parts.find((x) => x.name === p.name);
      try {
        await part?.check?.(p.env);
      } catch (err) {
        return { name: p.name, ok: false, detail: errText(err), rssMiB };
      }
      return { name: p.name, ok: true, detail: `${p.pids.length} process group(s)`, rssMiB };
    }),
  );
}

/** How long a part's check may keep failing while its processes run, before the bed counts as unhealthy. */
const CHECK_GRACE_MS = 20_000;

/**
 * Whether a recorded bed can be reused. A part whose processes are gone makes it unhealthy at once; a
 * failing check only when it keeps failing for CHECK_GRACE_MS: on a busy machine a check can time out,
 * and replacing the bed would pull it from under the runs using it.
 */
export async function healthy(state: BedState): Promise<boolean> {
  if (!existsSync(state.dir)) return false;
  const names = new Set(state.parts.map((p) => p.name));
  if (allParts.some((p) => !names.has(p.name))) return false; // a part was added since it started
  const deadline = performance.now() + CHECK_GRACE_MS;
  for (;;) {
    const health = await checkBed(state);
    if (health.every((h) => h.ok)) return true;
    if (health.some((h) => h.dead) || performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Holds `<state file>.lock` (with this process' pid) while `fn` runs, so two `up`s at once (a shell and a
 * Jest run) share one bed instead of each starting one and orphaning the other. A lock whose holder has
 * died is taken over.
 */
function lockHolder(lock: string): number | undefined {
  try {
    return Number(readFileSync(lock, 'utf8'));
  } catch {
    return undefined;
  }
}

async function withStateLock<T>(log: Log, fn: () => Promise<T>): Promise<T> {
  const lock = `${stateFile()}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(lock);
      if (holder === undefined) continue; // released meanwhile
      if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (!announced) log(`testbed: waiting for process ${holder}, which is starting a bed (${lock})`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** The lease files of the runs using the bed: `<state file>.users/<pid>`, holding the process' start time. */
function leaseDir(): string {
  return `${stateFile()}.users`;
}

function addLease(): void {
  mkdirSync(leaseDir(), { recursive: true });
  writeFileSync(join(leaseDir(), String(process.pid)), String(startedAtMs(process.pid) ?? ''));
}

/** Pids of the runs holding a lease and still running; leases of processes that died are removed. */
function liveLeases(): number[] {
  if (!existsSync(leaseDir())) return [];
  const live: number[] = [];
  for (const name of readdirSync(leaseDir())) {
    const file = join(leaseDir(), name);
    const pid = Number(name);
    let recorded = Number.NaN;
    try {
      recorded = Number(readFileSync(file, 'utf8'));
    } catch {
      continue; // removed meanwhile
    }
    const started = startedAtMs(pid);
    // The same process, not a later one the kernel gave the same pid (start times agree within a tick).
    if (Number.isInteger(pid) && started !== undefined && Math.abs(started - recorded) <= 20) live.push(pid);
    else rmSync(file, { force: true });
  }
  return live;
}

/**
 * The bed recorded in the state file when it is healthy (started: false), else a new one (started:
 * true; a stale one is stopped first), leased to this process until releaseBed. `keep` (testbed up,
 * DIAL_TESTBED_KEEP=1) makes the bed stay up after its last user; without it, a bed this starts is
 * stopped by the last releaseBed. `lease: false` for a process that does not use the bed itself (`up`).
 */
export async function acquireBed(
  opts: { log?: Log; keep?: boolean; lease?: boolean } = {},
): Promise<{ state: BedState; started: boolean }> {
  const log = opts.log ?? stderrLog;
  return withStateLock(log, async () => {
    const acquired = await reuseOrStart(log, !opts.keep);
    if (opts.keep && acquired.state.stopWhenUnused) {
      acquired.state.stopWhenUnused = false;
      writeState(acquired.state);
    }
    if (opts.lease !== false) addLease();
    return acquired;
  });
}

/**
 * Ends this process' lease on the bed; stops the bed when no other run holds one and it was started for
 * a run (not kept). Returns whether it stopped it.
 */
export async function releaseBed(state: BedState, opts: { log?: Log } = {}): Promise<boolean> {
  const log = opts.log ?? stderrLog;
  return withStateLock(log, async () => {
    rmSync(join(leaseDir(), String(process.pid)), { force: true });
    const current = readState();
    if (current?.dir !== state.dir) return false; // replaced or stopped meanwhile
    const others = liveLeases();
    if (others.length > 0) {
      if (current.stopWhenUnused) log(`testbed: left up for process(es) ${others.join(', ')} still using it`);
      return false;
    }
    if (!current.stopWhenUnused) return false;
    await stopBed(current, { log });
    return true;
  });
}

async function reuseOrStart(
  log: Log,
  stopWhenUnused: boolean,
): Promise<{ state: BedState; started: boolean }> {
  const existing = readState();
  if (existing) {
    if (await healthy(existing)) {
      log(`testbed: reusing the bed in ${existing.dir}`);
      return { state: existing, started: false };
    }
    log(`testbed: the bed in ${existing.dir} is not healthy; replacing it`);
    await stopBed(existing, { log });
  }
  const state = await startBed({ log });
  if (stopWhenUnused) {
    state.stopWhenUnused = true;
    writeState(state);
  }
  return { state, started: true };
}

/** `NAME=value` lines a POSIX shell can eval (values quoted when needed). */
export function envLines(env: Record<string, string>): string {
  const quote = (v: string) => (/^[\w@%+=:,./-]*$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
  return Object.entries(env)
    .map(([k, v]) => `${k}=${quote(v)}\n`)
    .join('');
}
