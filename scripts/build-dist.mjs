// Bundles every entry point with ncc: src/actions/<name>/main.ts -> dist/<name>/index.js (the root
// action is src/actions/dial), src/cli/main.ts -> dist/cli/index.js. One bundle per action, so each
// action loads only its own code. ncc writes an ESM index.js and a package.json ({"type":"module"})
// beside it; both are committed, and CI rebuilds and fails when dist/ differs.
//
//   node scripts/build-dist.mjs [name ...] [--out <dir>] [--stats-dir <dir>]
//
// ncc's --minify runs terser over the entry (index.js) only; the chunks it splits off for dynamic
// `import()`s (<id>.index.js) stay as webpack wrote them (the CLI's rollout chunk was 20 MB). So each
// chunk gets the same terser pass ncc gives the entry, with the same options, and no source maps; then
// its module functions get back the parentheses webpack wrote around them (see parenthesizeModules).
//
// --stats-dir writes webpack stats (<name>.stats.json) for scripts/bench-startup.mjs to say which
// packages dominate a bundle. No --transpile-only: ts-loader's transpileModule cannot see package.json
// "type", emits CommonJS for NodeNext, and @actions/* then fail to resolve under `require` conditions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'acorn';
import { minify } from 'terser';

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

// What ncc passes terser for the entry of an ESM bundle (@vercel/ncc 0.45, src/index.js), so a chunk is
// minified exactly like the index.js that loads it: no compression (only whitespace, comments and local
// names), class and function names kept (error messages and stack traces name them).
const TERSER_OPTIONS = {
  module: true,
  compress: false,
  mangle: { keep_classnames: true, keep_fnames: true },
  sourceMap: false,
};

// V8 compiles a function in parentheses as it parses the file (its guess for a function called at
// once); any other it only pre-parses, and parses again when first called. webpack writes each module of
// a chunk as `id: ((module, exports, require) => {…})` for that, and terser drops the parentheses: the
// CLI's `dial status` then spent 0.28 s of CPU starting instead of 0.22 s (0.18 s with them back).
function parenthesizeModules(code, path) {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const functions = [];
  for (const node of program.body) {
    if (node.type !== 'ExportNamedDeclaration' || node.declaration?.type !== 'VariableDeclaration') continue;
    for (const { id, init } of node.declaration.declarations) {
      if (id.type !== 'Identifier' || id.name !== 'modules' || init?.type !== 'ObjectExpression') continue;
      for (const property of init.properties) {
        const value = property.type === 'Property' ? property.value : undefined;
        if (value?.type === 'ArrowFunctionExpression' || value?.type === 'FunctionExpression')
          functions.push(value);
      }
    }
  }
  // A chunk is `export const modules = {<id>: <function>, …}`; anything else means ncc changed its format.
  if (functions.length === 0) throw new Error(`${path}: no module functions in \`export const modules\``);
  let out = '';
  let at = 0;
  for (const { start, end } of functions) {
    out += `${code.slice(at, start)}(${code.slice(start, end)})`;
    at = end;
  }
  return out + code.slice(at);
}

/** Minifies the chunks ncc left as they were; fails the build rather than ship one unminified. */
async function minifyChunks(dir) {
  const chunks = readdirSync(dir)
    .filter((file) => /^\d+\.index\.js$/.test(file))
    .sort();
  for (const file of chunks) {
    const path = join(dir, file);
    const { code } = await minify(readFileSync(path, 'utf8'), TERSER_OPTIONS);
    if (code === undefined) throw new Error(`terser returned no code for ${path}`);
    writeFileSync(path, parenthesizeModules(code, path));
  }
}

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
    await minifyChunks(built);
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
