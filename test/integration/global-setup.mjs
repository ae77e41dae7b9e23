// Jest globalSetup of the `integration` project. Jest loads global hooks outside its ESM module
// registry (no moduleNameMapper, CommonJS transpiling), which cannot run the test bed's ESM TypeScript;
// so this compiles testbed/src to lib/ (incremental tsc, testbed/tsconfig.json) and imports that.
// It reuses the bed `npm run -s testbed -- up` (or a concurrent run) started, when the state file names a
// healthy one, or starts one with the same code, and puts its env (KUBECONFIG, ...) into process.env,
// which test workers inherit.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function loadBed() {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'testbed/tsconfig.json'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return import(pathToFileURL(join(root, 'lib', 'testbed', 'src', 'bed.js')).href);
}

export default async function globalSetup() {
  const { acquireBed, releaseBed } = await loadBed();
  // A lease on the bed until globalTeardown: a bed this run starts is stopped by the last run using it
  // (not under another run that reuses it); DIAL_TESTBED_KEEP=1 keeps it up for the next runs.
  const { state } = await acquireBed({ keep: process.env.DIAL_TESTBED_KEEP === '1' });
  Object.assign(process.env, state.env);
  // globalSetup and globalTeardown run in the same (parent) process.
  globalThis.__dialTestbed = state;
  // An interrupted run skips globalTeardown, and the daemons sit in their own process groups (Ctrl-C
  // does not reach them): release the bed (stopping it if no other run uses it) before exiting.
  const onSignal = (signal) => {
    process.stderr.write(`testbed: ${signal}; releasing the bed\n`);
    void releaseBed(state)
      .catch(() => undefined)
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
