// Entry point of the `dial` command (bundled to dist/cli/index.js; bin/dial.js loads it).
import { runCli } from './cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
