// `npm run -s testbed -- up | down | status | env`
//   up      start every part (or reuse a healthy bed), print NAME=value lines on stdout
//   env     print those lines again
//   status  each part alive and ready, with its memory
//   down    stop every process the bed started and remove its files
// Progress goes to stderr, so `eval "$(npm run -s testbed -- env)"` sets the variables.
import { acquireBed, checkBed, envLines, readState, stopBed } from './bed.js';
import { stateFile } from './paths.js';

async function main(cmd: string | undefined): Promise<number> {
  switch (cmd) {
    case 'up': {
      const t0 = Date.now();
      // Kept up until `down`, even when runs that used it have ended; `up` itself holds no lease.
      const { state } = await acquireBed({ keep: true, lease: false });
      process.stdout.write(envLines(state.env));
      process.stderr.write(
        `testbed: up (${((Date.now() - t0) / 1000).toFixed(1)} s); state in ${stateFile()}\n`,
      );
      return 0;
    }
    case 'env': {
      const state = readState();
      if (!state) return noBed();
      process.stdout.write(envLines(state.env));
      return 0;
    }
    case 'status': {
      const state = readState();
      if (!state) return noBed();
      const health = await checkBed(state);
      let total = 0;
      for (const h of health) {
        total += h.rssMiB;
        process.stdout.write(
          `${h.name}\t${h.ok ? 'ready' : 'NOT READY'}\t${h.rssMiB.toFixed(0)} MiB\t${h.detail}\n`,
        );
      }
      process.stdout.write(`total\t\t${total.toFixed(0)} MiB\t${state.dir} (up since ${state.startedAt})\n`);
      return health.every((h) => h.ok) ? 0 : 1;
    }
    case 'down': {
      const state = readState();
      if (!state) {
        process.stderr.write('testbed: nothing to stop\n');
        return 0;
      }
      await stopBed(state);
      return 0;
    }
    default:
      process.stderr.write('usage: npm run -s testbed -- up | down | status | env\n');
      return 2;
  }
}

function noBed(): number {
  process.stderr.write(`testbed: no bed is up (no ${stateFile()}); run npm run -s testbed -- up\n`);
  return 1;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
