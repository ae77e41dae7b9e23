// Jest globalTeardown of the `integration` project: stops the bed only if globalSetup started it
// (a bed from `npm run -s testbed -- up` stays up). DIAL_TESTBED_KEEP=1 keeps a started bed too.
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalTeardown() {
  const state = globalThis.__dialTestbedStarted;
  if (!state) return;
  if (process.env.DIAL_TESTBED_KEEP === '1') {
    process.stderr.write('testbed: kept up (DIAL_TESTBED_KEEP=1); stop it with npm run -s testbed -- down\n');
    return;
  }
  const { stopBed } = await import(pathToFileURL(join(root, 'lib', 'testbed', 'src', 'bed.js')).href);
  await stopBed(state);
}
