// Jest globalTeardown of the `integration` project: releases the run's lease on the bed. A bed started for
// a run is stopped by the last run using it; one from `npm run -s testbed -- up` (or kept with
// DIAL_TESTBED_KEEP=1) stays up.
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalTeardown() {
  const state = globalThis.__dialTestbed;
  if (!state) return;
  const { releaseBed } = await import(pathToFileURL(join(root, 'lib', 'testbed', 'src', 'bed.js')).href);
  const stopped = await releaseBed(state);
  if (!stopped && process.env.DIAL_TESTBED_KEEP === '1') {
    process.stderr.write('testbed: kept up (DIAL_TESTBED_KEEP=1); stop it with npm run -s testbed -- down\n');
  }
}
