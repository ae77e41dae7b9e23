// Cold start of each bundle in dist/: spawn it with Node (this process's binary, Node 24 under npm
// scripts) the way the runner does, with fresh GITHUB_* files per run, and time spawn -> exit. A
// `node -e 0` baseline is measured in the same run, interleaved with the bundles so machine noise hits
// all of them alike. Also rebuilds each bundle into a temp dir with webpack stats to list the packages
// that dominate it.
//
//   npm run bench:startup -- [--runs 15] [--json] [--no-top] [--file examples/<x>/dial.yaml] [--only name]
//                             [--cli-args '--help'] [--imports @actions/core,yaml]
//
// The rollout actions (deploy, canary, analyze, promote, rollback, and the root action as `dial (run)`)
// run up to the cluster, which refuses the first request: exit 1 is expected for them (see CLUSTER_INPUTS).
//
// --imports also times a bundle that does nothing but import each named package (built with the same
// ncc flags), which tells how much of a bundle's start-up is that package's load time.
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  globSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, quantile } from 'simple-statistics';
import { parse as parseYaml } from 'yaml';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
    'no-top': { type: 'boolean', default: false },
    file: { type: 'string' },
    only: { type: 'string', multiple: true },
    'cli-args': { type: 'string', default: '--help' },
    imports: { type: 'string' },
  },
});
const buildScript = fileURLToPath(new URL('./build-dist.mjs', import.meta.url));
const ncc = fileURLToPath(new URL('../node_modules/@vercel/ncc/dist/ncc/cli.js', import.meta.url));
const pushEvent = readFileSync(new URL('../test/harness/events/push.json', import.meta.url));
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
const log = args.json ? (...m) => console.error(...m) : (...m) => console.log(...m);
if (!process.versions.node.startsWith('24.')) {
  log(
    `warning: running on Node ${process.version}; the runner uses Node 24 (run through npm run bench:startup)`,
  );
}

// The example service the root action plans in dry-run. Paths in dial.yaml are relative to the
// repository root (the workspace), so its folder is copied to the same relative place in each run's
// fresh workspace and `file` is the path a user would give.
function exampleService() {
  const found = args.file ? [args.file] : globSync('examples/*/dial.yaml').sort();
  if (found.length === 0) return undefined;
  const file = relative(process.cwd(), resolve(found[0]));
  return { dir: dirname(file), file };
}

function actionYmlFor(name) {
  const file = name === 'dial' ? 'action.yml' : join('actions', name, 'action.yml');
  return existsSync(file) ? file : undefined;
}

// INPUT_* with action.yml defaults, as the runner sets them (see test/harness/run-action.ts).
function inputEnv(name, overrides) {
  const env = {};
  const file = actionYmlFor(name);
  const inputs = file ? (parseYaml(readFileSync(file, 'utf8'))?.inputs ?? {}) : {};
  const values = {};
  for (const [key, spec] of Object.entries(inputs)) {
    const def = spec?.default === undefined ? '' : String(spec.default);
    values[key] = def.includes('${{') ? '' : def;
  }
  Object.assign(values, overrides);
  for (const [key, value] of Object.entries(values))
    env[`INPUT_${key.replace(/ /g, '_').toUpperCase()}`] = value;
  return env;
}

// The rollout actions go as far as they can without a cluster: inputs checked, dial.yaml resolved (the
// rolling example, which needs no metrics), the kubeconfig input read, then the first request to the
// cluster is refused (port 1) and they exit 1. So the figure is their whole start-up, every module they
// load on that path included, plus one refused connection.
const UNREACHABLE_KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters: [{ name: none, cluster: { server: "https://127.0.0.1:1" } }]',
  'users: [{ name: none, user: { token: bench } }]',
  'contexts: [{ name: none, context: { cluster: none, user: none } }]',
  'current-context: none',
  '',
].join('\n');
const ROLLING = {
  dir: 'examples/notes',
  file: 'examples/notes/dial.yaml',
  image: 'registry.example.com/labs/notes:1.0.0',
};
const CLUSTER_INPUTS = {
  deploy: () => ({ file: ROLLING.file, image: ROLLING.image }),
  canary: () => ({ file: ROLLING.file, image: ROLLING.image, weight: '10' }),
  analyze: () => ({ service: 'notes', namespace: 'labs', for: '1m' }),
  promote: () => ({ service: 'notes', namespace: 'labs' }),
  rollback: () => ({ service: 'notes', namespace: 'labs' }),
  'dial (run)': () => ({ 'dry-run': 'false', file: ROLLING.file, image: ROLLING.image }),
};

// A bundle is its index.js and the chunks ncc split off for dynamic imports (<id>.index.js beside it):
// all of them count, loaded or not.
function bundleBytes(bundle) {
  const dir = dirname(bundle);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

function targets() {
  const list = [{ name: 'node -e 0', argv: ['-e', '0'], inputs: {}, baseline: true }];
  if (!existsSync('dist')) return list;
  const service = exampleService();
  const rolling = existsSync(ROLLING.file);
  for (const name of readdirSync('dist').sort()) {
    const bundle = join('dist', name, 'index.js');
    if (!existsSync(bundle)) continue;
    if (args.only && !args.only.includes(name)) continue;
    let inputs = {};
    let argv = [resolve(bundle)];
    let workspaceFrom;
    if (name === 'dial' && service) {
      inputs = { 'dry-run': 'true', file: service.file };
      workspaceFrom = service.dir;
    }
    if (CLUSTER_INPUTS[name] && rolling) {
      inputs = { ...CLUSTER_INPUTS[name](), kubeconfig: UNREACHABLE_KUBECONFIG };
      workspaceFrom = ROLLING.dir;
    }
    if (name === 'cli') argv = [resolve(bundle), ...args['cli-args'].split(' ').filter(Boolean)];
    list.push({ name, argv, inputs, workspaceFrom, bundle, bytes: bundleBytes(bundle) });
    if (name === 'dial' && rolling) {
      const run = 'dial (run)';
      const runInputs = { ...CLUSTER_INPUTS[run](), kubeconfig: UNREACHABLE_KUBECONFIG };
      list.push({
        name: run,
        action: 'dial',
        argv,
        inputs: runInputs,
        workspaceFrom: ROLLING.dir,
        bundle,
        bytes: bundleBytes(bundle),
      });
    }
  }
  for (const pkg of args.imports ? args.imports.split(',').filter(Boolean) : []) {
    const bundle = importProbe(pkg);
    list.push({ name: `import ${pkg}`, argv: [bundle], inputs: {}, bundle, bytes: statSync(bundle).size });
  }
  return list;
}

// A bundle of `import * as m from '<pkg>'` only, built like dist/ (ncc --minify). The entry lives under
// node_modules/.cache so the package resolves exactly as it does for src/.
function importProbe(pkg) {
  const dir = join('node_modules', '.cache', 'dial-bench-imports', pkg.replace(/\W/g, '_'));
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'probe.mjs');
  writeFileSync(
    entry,
    `import * as m from '${pkg}';\nif (Object.keys(m).length === 0) process.exitCode = 1;\n`,
  );
  log(`building an import-only bundle of ${pkg}...`);
  execFileSync(
    process.execPath,
    [ncc, 'build', entry, '-o', join(dir, 'out'), '--minify', '--quiet', '--target', 'es2023'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  // ncc names the output after the entry's extension: index.mjs for an .mjs entry.
  return resolve(dir, 'out', 'index.mjs');
}

// A fresh runner-like environment per run: new files, so no run reads another's output.
function runnerEnv(root, target, i) {
  const dir = join(root, `${target.name.replace(/\W/g, '_')}-${i}`);
  const ws = join(dir, 'workspace');
  mkdirSync(ws, { recursive: true });
  if (target.workspaceFrom) cpSync(target.workspaceFrom, join(ws, target.workspaceFrom), { recursive: true });
  const files = {};
  for (const k of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']) {
    files[k] = join(dir, k.toLowerCase());
    writeFileSync(files[k], '');
  }
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, pushEvent);
  return {
    cwd: ws,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ws,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'dial-dev/checkout-service',
      GITHUB_REPOSITORY_OWNER: 'dial-dev',
      GITHUB_SHA: '9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_NUMBER: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'deploy',
      GITHUB_ACTION: '__self',
      GITHUB_ACTOR: 'ada-example',
      GITHUB_WORKFLOW: 'Deploy',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: dir,
      RUNNER_TOOL_CACHE: dir,
      ...files,
      ...inputEnv(target.action ?? target.name, target.inputs),
    },
  };
}

function timeOnce(target, setup) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, target.argv, { ...setup, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise({ ms: performance.now() - started, code: code ?? -1, stderr }));
  });
}

async function measure(list) {
  const root = mkdtempSync(join(tmpdir(), 'dial-bench-startup-'));
  const samples = new Map(list.map((t) => [t.name, { ms: [], codes: new Set(), stderr: '' }]));
  try {
    // One unmeasured round first, so the file-system cache is warm for everyone equally.
    for (const t of list) await timeOnce(t, runnerEnv(root, t, 'warm'));
    for (let i = 0; i < runs; i++) {
      for (const t of list) {
        const r = await timeOnce(t, runnerEnv(root, t, i));
        const s = samples.get(t.name);
        s.ms.push(r.ms);
        s.codes.add(r.code);
        if (r.code !== 0) s.stderr = r.stderr;
      }
      log(`run ${i + 1}/${runs}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return samples;
}

function packageOf(moduleName) {
  const idx = moduleName.lastIndexOf('node_modules/');
  if (idx < 0) {
    // Own code is grouped by folder (src/config, src/plan, schema, ...) so its heavy part shows too.
    const path = relative(process.cwd(), resolve(moduleName.replace(/ \+ \d+ modules$/, '')));
    const parts = path.split('/');
    return `(own) ${parts[0] === 'src' ? parts.slice(0, 2).join('/') : parts[0]}`;
  }
  const parts = moduleName.slice(idx + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

// Source bytes per package (before minification), from webpack stats: concatenated modules are expanded.
function topPackages(statsFile, limit = 8) {
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  const bytes = new Map();
  const add = (m) => {
    if (Array.isArray(m.modules) && m.modules.length > 0) {
      for (const inner of m.modules) add(inner);
      return;
    }
    const name = packageOf(m.name ?? '');
    bytes.set(name, (bytes.get(name) ?? 0) + (m.size ?? 0));
  };
  for (const m of stats.modules ?? []) if (!m.orphan) add(m);
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  return [...bytes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([pkg, n]) => ({ package: pkg, sourceBytes: n, share: total > 0 ? n / total : 0 }));
}

function dominance(names) {
  if (args['no-top'] || names.length === 0) return new Map();
  const root = mkdtempSync(join(tmpdir(), 'dial-bench-stats-'));
  const result = new Map();
  try {
    for (const name of names) {
      log(`building ${name} with webpack stats (for the package breakdown)...`);
      try {
        execFileSync(
          process.execPath,
          [buildScript, name, '--out', join(root, 'dist'), '--stats-dir', join(root, 'stats')],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        );
        result.set(name, topPackages(join(root, 'stats', `${name}.stats.json`)));
      } catch (error) {
        log(`  no breakdown for ${name}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return result;
}

const list = targets();
const samples = await measure(list);
const base = median(samples.get('node -e 0').ms);
const rows = list.map((t) => {
  const s = samples.get(t.name);
  const row = {
    name: t.name,
    command: ['node', ...t.argv].join(' '),
    inputs: t.inputs,
    medianMs: Number(median(s.ms).toFixed(1)),
    p90Ms: Number(quantile(s.ms, 0.9).toFixed(1)),
    ratioToBaseline: Number((median(s.ms) / base).toFixed(2)),
    exitCodes: [...s.codes],
  };
  if (t.bytes !== undefined) Object.assign(row, { bytes: t.bytes, mb: Number((t.bytes / 1e6).toFixed(2)) });
  if (s.stderr) row.stderrTail = s.stderr.slice(-400);
  return row;
});
const top = dominance(
  list.filter((t) => !t.baseline && !t.action && !t.name.startsWith('import ')).map((t) => t.name),
);
for (const row of rows) if (top.has(row.name)) row.topPackages = top.get(row.name);

const result = { node: process.version, runs, baselineMedianMs: Number(base.toFixed(1)), results: rows };
if (args.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  console.log(`\nCold start to exit on Node ${process.version}, ${runs} runs each (spawn -> exit)\n`);
  const head = ['bundle', 'size MB', 'median ms', 'p90 ms', 'x node -e 0', 'exit'];
  const body = rows.map((r) => [
    r.name,
    r.mb === undefined ? '-' : r.mb.toFixed(2),
    r.medianMs.toFixed(1),
    r.p90Ms.toFixed(1),
    r.ratioToBaseline.toFixed(2),
    r.exitCodes.join('/'),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  for (const line of [head, widths.map((w) => '-'.repeat(w)), ...body]) {
    console.log(line.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  }
  for (const r of rows) {
    if (Object.keys(r.inputs).length > 0) console.log(`\n${r.name} inputs: ${JSON.stringify(r.inputs)}`);
    if (r.stderrTail) console.log(`\n${r.name} exited non-zero; stderr tail:\n${r.stderrTail}`);
    if (r.topPackages) {
      console.log(`\n${r.name}: largest packages by source bytes before minification`);
      for (const p of r.topPackages) {
        console.log(
          `  ${p.package.padEnd(32)} ${(p.sourceBytes / 1e3).toFixed(0).padStart(7)} kB  ${(p.share * 100).toFixed(1)} %`,
        );
      }
    }
  }
}
