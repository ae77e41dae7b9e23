// Soak: runs the jest `integration` and `action` projects N times in a row against one test bed, optionally
// under CPU pressure, and reports how many runs passed and which tests failed, with their messages.
//
//   npm run test:soak -- [--runs 10] [--load] [--verbose] [-- <jest arguments>]
//
//   --runs N    how many runs (default 10)
//   --load      run them under stress-ng --cpu <cores> (Debian's stress-ng; scripts/setup.sh installs it)
//   --verbose   stream jest's output too (it always goes to a log file per run)
//   -- ...      passed on to jest, e.g. `-- --testPathPatterns prometheus` to soak a few files
//
// The bed is started once (or a healthy one, from `npm run -s testbed -- up` or another run, is reused) and
// kept up across the runs: the soak holds a lease on it, so each run's jest reuses it. At the end a bed the
// soak started is stopped, unless another run still uses it (then the last one stops it) or
// DIAL_TESTBED_KEEP=1. stress-ng is
// killed at the end, on Ctrl-C and on SIGTERM, and dies with this process in any case (parent-death signal).
// Exit code 0 only when every run passed.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBed } from '../test/integration/global-setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const { values: args, positionals: jestArgs } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '10' },
    load: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write('usage: npm run test:soak -- [--runs N] [--load] [--verbose] [-- <jest arguments>]\n');
  process.exit(0);
}
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`soak: --runs must be a whole number >= 1, got ${args.runs}\n`);
  process.exit(2);
}

const say = (line) => process.stdout.write(`${line}\n`);
const duration = (ms) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};
// eslint-disable-next-line no-control-regex
const plain = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

// --- the load -------------------------------------------------------------------------------------------

let stress; // { pid } while stress-ng runs

function startLoad() {
  const cores = availableParallelism();
  const probe = spawnSync('stress-ng', ['--version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new Error('soak: --load needs stress-ng (apt-get install stress-ng; scripts/setup.sh installs it)');
  }
  // Its own process group, so one signal reaches its workers too; setpriv's parent-death signal ends it
  // even if this process is killed outright (SIGKILL skips every handler below).
  const child = spawn(
    'setpriv',
    ['--pdeathsig', 'TERM', '--', 'stress-ng', '--cpu', String(cores), '--quiet'],
    { detached: true, stdio: 'ignore' },
  );
  child.on('error', (error) => say(`soak: stress-ng failed: ${error.message}`));
  stress = { pid: child.pid, child };
  say(`soak: load: stress-ng --cpu ${cores} (process group ${child.pid})`);
}

/** Signals stress-ng's process group (stress-ng and its workers). */
function stopLoad(signal) {
  if (stress === undefined) return;
  try {
    process.kill(-stress.pid, signal);
  } catch {
    /* gone already */
  }
}

async function stopLoadAndWait() {
  if (stress === undefined) return;
  const { child } = stress;
  const exited = child.exitCode !== null || child.signalCode !== null;
  if (!exited) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    stopLoad('SIGTERM');
    const timer = setTimeout(() => stopLoad('SIGKILL'), 3_000);
    await gone;
    clearTimeout(timer);
  }
  // Workers in its group that outlived it (they normally exit with it).
  stopLoad('SIGKILL');
  stress = undefined;
}

// Whatever happens, no stress-ng outlives the soak.
process.on('exit', () => stopLoad('SIGKILL'));

// --- the bed --------------------------------------------------------------------------------------------

let bed; // { state, started, releaseBed }
let acquiring; // the promise of acquireBed while it runs

async function releaseBed() {
  if (bed === undefined) return;
  const { state, started, releaseBed: release } = bed;
  bed = undefined;
  const stopped = await release(state);
  if (started && !stopped && process.env.DIAL_TESTBED_KEEP === '1') {
    say('soak: the bed it started stays up (DIAL_TESTBED_KEEP=1); npm run -s testbed -- down stops it');
  }
}

// --- interruption ---------------------------------------------------------------------------------------

let jest; // the running jest child
let interrupted;

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted !== undefined) return;
    interrupted = signal;
    say(`\nsoak: ${signal}; stopping`);
    // A terminal's Ctrl-C reaches jest already (same process group); a signal sent to this process only
    // does not, so pass it on.
    if (jest !== undefined) jest.kill(signal);
    void (async () => {
      await stopLoadAndWait();
      // While a bed starts, its own handler stops what started and exits; a reused bed just returns.
      if (acquiring !== undefined) await acquiring.catch(() => undefined);
      if (jest !== undefined) await new Promise((resolve) => jest.once('close', resolve));
      await releaseBed().catch((error) => say(`soak: stopping the bed: ${error.message}`));
      process.exit(signal === 'SIGINT' ? 130 : 143);
    })();
  });
}

// --- one run --------------------------------------------------------------------------------------------

function runJest(index, outDir) {
  const jsonFile = join(outDir, `run-${index}.json`);
  const logFile = join(outDir, `run-${index}.log`);
  const log = createWriteStream(logFile);
  const began = performance.now();
  return new Promise((resolve, reject) => {
    jest = spawn(
      process.execPath,
      [
        join(root, 'node_modules', '.bin', 'jest'),
        '--selectProjects',
        'integration',
        'action',
        '--json',
        '--outputFile',
        jsonFile,
        ...jestArgs,
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          ...bed.state.env,
          NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' '),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    for (const stream of [jest.stdout, jest.stderr]) {
      stream.on('data', (chunk) => {
        log.write(chunk);
        if (args.verbose) process.stdout.write(chunk);
      });
    }
    jest.on('error', reject);
    jest.on('close', (code, signal) => {
      jest = undefined;
      log.end(() => resolve({ index, code, signal, jsonFile, logFile, ms: performance.now() - began }));
    });
  });
}

/** What one run says: passed or not, counts, and each failure with its message. */
function judge(run) {
  const failures = [];
  let report;
  if (existsSync(run.jsonFile)) {
    try {
      report = JSON.parse(readFileSync(run.jsonFile, 'utf8'));
    } catch (error) {
      failures.push({ name: '(jest --json output)', message: `unreadable: ${error.message}` });
    }
  }
  if (report !== undefined) {
    for (const file of report.testResults ?? []) {
      const where = relative(root, file.name ?? '');
      const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of failed) {
        failures.push({ name: `${where} › ${a.fullName}`, message: (a.failureMessages ?? []).join('\n') });
      }
      // A file that failed without a failing test: it did not load, or a hook outside the tests threw.
      if (file.status === 'failed' && failed.length === 0) {
        failures.push({ name: `${where} (the file)`, message: file.message || 'failed' });
      }
    }
  }
  const passed = run.code === 0 && report?.success === true && failures.length === 0;
  if (!passed && failures.length === 0) {
    const tail = plain(readFileSync(run.logFile, 'utf8')).trimEnd().split('\n').slice(-25).join('\n');
    failures.push({
      name: '(the run)',
      message: `jest exited with ${run.signal ?? `code ${run.code}`} before reporting a failed test; its log ends:\n${tail}`,
    });
  }
  return {
    passed,
    tests: report ? `${report.numPassedTests} passed, ${report.numFailedTests} failed` : 'no report',
    failures,
  };
}

// --- main -----------------------------------------------------------------------------------------------

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'dial-soak-'));
  const began = performance.now();
  say(
    `soak: ${runs} run(s) of the integration and action projects${args.load ? ' under load' : ''}` +
      `${jestArgs.length ? ` (jest ${jestArgs.join(' ')})` : ''}; logs and jest reports in ${outDir}`,
  );
  if (args.load) startLoad();

  const { acquireBed, releaseBed: release } = await loadBed();
  acquiring = acquireBed({ keep: process.env.DIAL_TESTBED_KEEP === '1' });
  const { state, started } = await acquiring;
  acquiring = undefined;
  bed = { state, started, releaseBed: release };
  say(`soak: ${started ? 'started a bed' : 'reusing the bed'} in ${state.dir}`);

  const results = [];
  for (let index = 1; index <= runs && interrupted === undefined; index += 1) {
    const run = await runJest(index, outDir);
    if (interrupted !== undefined) break;
    const verdict = judge(run);
    results.push({ ...run, ...verdict });
    say(
      `soak: run ${index}/${runs} ${verdict.passed ? 'passed' : 'FAILED'} ` +
        `(${verdict.tests}; ${duration(run.ms)})` +
        (verdict.passed ? '' : `: ${verdict.failures.map((f) => f.name).join('; ')}`),
    );
  }
  if (interrupted !== undefined) return new Promise(() => undefined); // the signal handler exits

  await stopLoadAndWait();
  await releaseBed();

  const passed = results.filter((r) => r.passed).length;
  const byTest = new Map();
  for (const r of results) {
    for (const f of r.failures) {
      const entry = byTest.get(f.name) ?? { runs: [], messages: [] };
      entry.runs.push(r.index);
      // Without the stack: the same failure in two runs then reads as one message.
      const lines = plain(f.message).trim().split('\n');
      entry.messages.push(
        lines
          .filter((line) => !/^\s+at /.test(line))
          .slice(0, 20)
          .join('\n')
          .trimEnd(),
      );
      byTest.set(f.name, entry);
    }
  }
  say('');
  for (const [name, { runs: failedRuns, messages }] of byTest) {
    say(`FAILED in run(s) ${failedRuns.join(', ')}: ${name}`);
    for (const message of new Set(messages)) say(message.replace(/^/gm, '    '));
    say('');
  }
  say(
    `soak: ${passed} passed of ${results.length}${args.load ? ' under load (stress-ng)' : ''}, ` +
      `wall time ${duration(performance.now() - began)}; logs in ${outDir}`,
  );
  return passed === results.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    say(`soak: ${error instanceof Error ? error.message : String(error)}`);
    await stopLoadAndWait();
    await releaseBed().catch(() => undefined);
    process.exit(1);
  },
);
