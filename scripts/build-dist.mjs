// Bundles every entry point with ncc: src/actions/<name>/main.ts -> dist/<name>/index.js,
// src/cli/main.ts -> dist/cli/index.js. One bundle per action, so each action loads only its own code.
// ncc writes an ESM index.js and a package.json ({"type":"module"}) beside it; both are committed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const entries = [];
for (const name of readdirSync('src/actions')) {
  const main = join('src/actions', name, 'main.ts');
  if (existsSync(main)) entries.push({ name, main });
}
if (existsSync('src/cli/main.ts')) entries.push({ name: 'cli', main: 'src/cli/main.ts' });

const only = process.argv.slice(2);
rmSync('dist', { recursive: only.length === 0, force: true });
for (const { name, main } of entries) {
  if (only.length > 0 && !only.includes(name)) continue;
  const out = join('dist', name);
  rmSync(out, { recursive: true, force: true });
  const started = Date.now();
  // --minify: ncc does not tree-shake without it; --no-source-map-register keeps start-up lean.
  execFileSync(
    process.execPath,
    ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', main, '-o', out, '--minify', '--quiet', '--target', 'es2023'],
    { stdio: 'inherit' },
  );
  console.log(`dist/${name}/index.js built in ${Date.now() - started} ms`);
}
