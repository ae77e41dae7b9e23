// Figures for the GitHub contract mock: start time and memory in-process and as the `up` child process,
// and latency per request through Octokit. Run: npm run -s compile && node lib/testbed/src/github/measure-mock.js
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getOctokit } from '@actions/github';
import { startOnOwnPort } from '../proc.js';

const REQUESTS = 200;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

async function inProcess(): Promise<void> {
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  const t0 = performance.now();
  const { GitHubContractMock } = await import('./mock-server.js');
  const mock = await GitHubContractMock.create();
  const baseUrl = await mock.start(0);
  const startMs = performance.now() - t0;
  const rssStarted = process.memoryUsage().rss / 2 ** 20;
  const octokit = getOctokit('measure-token', { baseUrl });
  const timings: number[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const t = performance.now();
    if (i % 2 === 0) {
      await octokit.rest.repos.createDeployment({
        owner: 'acme',
        repo: 'shop',
        ref: 'main',
        environment: 'pr-1',
      });
    } else {
      await octokit.rest.repos.getDeployment({ owner: 'acme', repo: 'shop', deployment_id: 1 });
    }
    timings.push(performance.now() - t);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  console.log(
    `in-process: import+create+listen ${startMs.toFixed(0)} ms; RSS ${rssBefore.toFixed(0)} -> ${rssStarted.toFixed(0)} MiB ` +
      `(after ${REQUESTS} requests ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB); ` +
      `Octokit round trip median ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms ` +
      `(first ${timings[0]?.toFixed(1)} ms)`,
  );
  await mock.stop();
}

async function asChildProcess(): Promise<void> {
  const entry = fileURLToPath(new URL('./serve.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'dial-measure-mock-'));
  const t0 = performance.now();
  // Port 0: the server binds a port the kernel picks and reports it in the port file.
  const started = await startOnOwnPort(
    'github',
    process.execPath,
    [entry, '--port', '0', '--port-file', join(dir, 'port')],
    {
      logFile: '/dev/null',
      cwd: dir,
      portFile: join(dir, 'port'),
      what: 'the mock to answer GET /rate_limit',
      probe: async (port) => {
        const r = await fetch(`http://127.0.0.1:${port}/rate_limit`, {
          headers: { authorization: 'token x' },
        });
        await r.body?.cancel();
        return r.status === 200 ? true : undefined;
      },
    },
  );
  try {
    console.log(
      `child process (testbed up): spawn to first 200 ${(performance.now() - t0).toFixed(0)} ms, RSS ${rssMiB(started.pid).toFixed(0)} MiB`,
    );
  } finally {
    await started.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await asChildProcess();
await inProcess();
