// Bundles every entry point with ncc: src/actions/<name>/main.ts -> dist/<name>/index.js (the root
// action is src/actions/dial), src/cli/main.ts -> dist/cli/index.js. One bundle per action, so each
// action loads only its own code. ncc writes an ESM index.js and a package.json ({"type":"module"})
// beside it; both are committed, and CI rebuilds and fails when dist/ differs.
//
//   node scripts/build-dist.mjs [name ...] [--out <dir>] [--stats-dir <dir>]
//
// --stats-dir writes webpack stats (<name>.stats.json) for scripts/bench-startup.mjs to say which
// packages dominate a bundle. No --transpile-only: ts-loader's transpileModule cannot see package.json
// "type", emits CommonJS for NodeNext, and @actions/* then fail to resolve under `require` conditions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ncc = fileURLToPath(new URL('../node_modules/@vercel/ncc/dist/ncc/cli.js', import.meta.url));

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', default: 'dist' }, 'stats-dir': { type: 'string' } },
});

function listEntries() {
  const entries = [];
  if (existsSync('src/actions')) {
    for (const name of readdirSync('src/actions').sort()) {
      const main = join('src/actions', name, 'main.ts');
      if (existsSync(main)) entries.push({ name, main });
    }
  }
  if (existsSync('src/cli/main.ts')) entries.push({ name: 'cli', main: 'src/cli/main.ts' });
  return entries;
}

const entries = listEntries().filter((e) => positionals.length === 0 || positionals.includes(e.name));
for (const wanted of positionals) {
  if (!entries.some((e) => e.name === wanted)) throw new Error(`no entry point named ${wanted}`);
}
if (values['stats-dir']) mkdirSync(values['stats-dir'], { recursive: true });

// Each bundle is built into a staging folder inside the output dir and renamed into place when done, so
// a test or benchmark running meanwhile never finds a half-written or missing dist/<name>.
const staging = join(values.out, `.building-${process.pid}`);
mkdirSync(staging, { recursive: true });
try {
  for (const { name, main } of entries) {
    const built = join(staging, name);
    const started = Date.now();
    // --minify: ncc does not tree-shake without it. --license: third-party notices ship with the bundle.
    const args = ['build', main, '-o', built, '--minify', '--quiet', '--target', 'es2023'];
    args.push('--license', 'licenses.txt');
    if (values['stats-dir']) args.push('--stats-out', resolve(values['stats-dir'], `${name}.stats.json`));
    execFileSync(process.execPath, [ncc, ...args], { stdio: 'inherit' });
    const out = join(values.out, name);
    rmSync(out, { recursive: true, force: true });
    renameSync(built, out);
    console.log(`${join(out, 'index.js')} built in ${Date.now() - started} ms`);
  }
} finally {
  rmSync(staging, { recursive: true, force: true });
}

// A full build also drops bundles whose entry point is gone, so dist/ is exactly what src/ produces.
if (positionals.length === 0) {
  const names = new Set(entries.map((e) => e.name));
  for (const dir of readdirSync(values.out)) {
    if (!names.has(dir) && !dir.startsWith('.building-'))
      rmSync(join(values.out, dir), { recursive: true, force: true });
  }
}
if (entries.length === 0) console.log('no entry points under src/actions/*/main.ts or src/cli/main.ts');
