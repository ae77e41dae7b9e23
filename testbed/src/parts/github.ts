// The test bed's GitHub: the contract mock (testbed/src/github) served by its own detached process, so it
// outlives `testbed up` and `down` stops it by pid. Exports GITHUB_API_URL; any token is accepted.
// Tests usually start the mock in-process instead (GitHubContractMock, port 0) to override and inspect it.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Part, PartContext, RunningPart } from '../part.js';
import { repoRoot } from '../paths.js';
import { execFileP, startOnOwnPort } from '../proc.js';

const SOURCE_DIR = 'testbed/src/github';
const COMPILED_ENTRY = 'lib/testbed/src/github/serve.js';

/** Any token works; it only has to be present. */
const PROBE_TOKEN = 'testbed-probe';

async function answers(apiUrl: string): Promise<true | undefined> {
  const response = await fetch(`${apiUrl}/rate_limit`, {
    headers: { authorization: `token ${PROBE_TOKEN}`, accept: 'application/vnd.github+json' },
    signal: AbortSignal.timeout(2000),
  });
  await response.body?.cancel();
  if (response.status !== 200) throw new Error(`GET /rate_limit answered ${response.status}`);
  return true;
}

/** Sources the served process loads, relative to the checkout (each compiles to lib/<same path>.js). */
function servedSources(root: string): string[] {
  const inGithub = readdirSync(join(root, SOURCE_DIR))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${SOURCE_DIR}/${f}`);
  return [...inGithub, 'testbed/src/paths.ts'];
}

/**
 * The server runs from the compiled lib/ (plain Node cannot run the .ts sources). `npm run testbed`
 * compiles first; when the part is started from ts-jest instead, compile here if lib/ is missing or stale.
 */
async function compiledEntry(root: string, log: (line: string) => void): Promise<string> {
  const stale = () =>
    servedSources(root).some((source) => {
      const compiled = join(root, 'lib', source.replace(/\.ts$/, '.js'));
      return !existsSync(compiled) || statSync(compiled).mtimeMs < statSync(join(root, source)).mtimeMs;
    });
  if (stale()) {
    log('testbed: compiling the GitHub contract mock (lib/ is missing or older than its sources)');
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    // The test bed's own project compiles only testbed/src (faster); fall back to the whole build.
    const testbedProject = join(root, 'testbed', 'tsconfig.json');
    const project = existsSync(testbedProject) ? testbedProject : join(root, 'tsconfig.build.json');
    try {
      await execFileP(process.execPath, [tsc, '-p', project], { cwd: root });
    } catch (error) {
      // tsc still emits when unrelated files have type errors; only fail if our files were not emitted.
      if (stale()) throw new Error(`github: could not compile the mock: ${String(error)}`);
    }
  }
  return join(root, COMPILED_ENTRY);
}

export const github: Part = {
  name: 'github',
  async start(ctx: PartContext): Promise<RunningPart> {
    const dir = join(ctx.dir, 'github');
    mkdirSync(dir, { recursive: true });
    const root = repoRoot();
    const entry = await compiledEntry(root, ctx.log);
    // Port 0: the server binds a port the kernel picks and writes it to the port file, so no other
    // process can take the port between choosing it and binding it.
    const { pid, ports, stop } = await startOnOwnPort(
      'github',
      process.execPath,
      [entry, '--port', '0', '--host', '127.0.0.1', '--port-file', join(dir, 'github.port')],
      // cwd inside the bed's dir, like every daemon: an interrupted `up` finds and stops it by its cwd.
      {
        logFile: join(dir, 'github-mock.log'),
        cwd: dir,
        portFile: join(dir, 'github.port'),
        what: 'the GitHub contract mock to answer GET /rate_limit',
        probe: (port) => answers(`http://127.0.0.1:${port}`),
      },
    );
    const apiUrl = `http://127.0.0.1:${ports[0]}`;
    return { name: 'github', env: { GITHUB_API_URL: apiUrl }, pids: [pid], stop };
  },
  async check(env) {
    const apiUrl = env.GITHUB_API_URL;
    if (apiUrl === undefined) throw new Error('github: GITHUB_API_URL is not set');
    await answers(apiUrl);
  },
};
