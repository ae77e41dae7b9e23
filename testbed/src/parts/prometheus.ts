// The test bed's Prometheus: Debian's `prometheus` binary scraping the test exporter every second, both
// on loopback with free ports, detached in their own process groups, logging to files in the part's folder.
// Ready when /-/ready answers 200 and the exporter target is up (so the first query already has data).

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { Part, PartContext, RunningPart } from '../part.js';
import { freePort, groupRssKiB, startDaemon, stopGroups, waitFor, type Daemon } from '../proc.js';

/** Scrape (and rule evaluation) interval: short, so tests see what they drive within a second or two. */
export const SCRAPE_INTERVAL_SECONDS = 1;
/** Job name of the exporter target in Prometheus (the `job` label of its series). */
export const EXPORTER_JOB = 'dial-test-exporter';

const READY_TIMEOUT_MS = 30_000;

/** The exporter's entry beside this module: .ts under jest (Node strips the types), .js once compiled. */
function exporterEntry(): string {
  const self = fileURLToPath(import.meta.url);
  return fileURLToPath(new URL(`../exporter/main${extname(self)}`, import.meta.url));
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

async function answers(url: string): Promise<true> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return true;
}

function exporterTargetUp(targets: unknown): boolean {
  if (typeof targets !== 'object' || targets === null || !('data' in targets)) return false;
  const data = targets.data;
  if (
    typeof data !== 'object' ||
    data === null ||
    !('activeTargets' in data) ||
    !Array.isArray(data.activeTargets)
  ) {
    return false;
  }
  return data.activeTargets.some(
    (t: unknown) =>
      typeof t === 'object' &&
      t !== null &&
      'health' in t &&
      t.health === 'up' &&
      'labels' in t &&
      typeof t.labels === 'object' &&
      t.labels !== null &&
      'job' in t.labels &&
      t.labels.job === EXPORTER_JOB,
  );
}

function prometheusConfig(exporterPort: number): string {
  return stringify({
    global: {
      scrape_interval: `${SCRAPE_INTERVAL_SECONDS}s`,
      evaluation_interval: `${SCRAPE_INTERVAL_SECONDS}s`,
    },
    scrape_configs: [
      {
        job_name: EXPORTER_JOB,
        scrape_timeout: `${SCRAPE_INTERVAL_SECONDS}s`,
        static_configs: [{ targets: [`127.0.0.1:${exporterPort}`] }],
      },
    ],
  });
}

export const prometheusPart: Part = {
  name: 'prometheus',
  async start(ctx: PartContext): Promise<RunningPart> {
    const dir = join(ctx.dir, 'prometheus');
    const data = join(dir, 'data');
    rmSync(data, { recursive: true, force: true }); // a fresh TSDB: old series would confuse tests
    mkdirSync(data, { recursive: true });
    const daemons: Daemon[] = [];
    const stop = (): Promise<void> => stopGroups(daemons.map((d) => d.pid));

    try {
      const began = Date.now();
      const portFile = join(dir, 'exporter.port');
      rmSync(portFile, { force: true });
      const exporter = startDaemon(
        'test exporter',
        process.execPath,
        [exporterEntry(), '--port', '0', '--port-file', portFile],
        {
          logFile: join(dir, 'exporter.log'),
          cwd: dir,
        },
      );
      daemons.push(exporter);
      const exporterPort = await waitFor(
        'the test exporter',
        async () => (existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : undefined),
        { timeoutMs: 10_000, intervalMs: 50, daemons: [exporter] },
      );
      const exporterUrl = `http://127.0.0.1:${exporterPort}`;

      const port = await freePort();
      const configFile = join(dir, 'prometheus.yml');
      writeFileSync(configFile, prometheusConfig(exporterPort));
      const binary = process.env.DIAL_PROMETHEUS_BIN ?? 'prometheus';
      const prometheus = startDaemon(
        'prometheus',
        binary,
        [
          `--config.file=${configFile}`,
          `--storage.tsdb.path=${data}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--storage.tsdb.retention.time=1d',
        ],
        { logFile: join(dir, 'prometheus.log'), cwd: dir },
      );
      daemons.push(prometheus);
      const url = `http://127.0.0.1:${port}`;
      ctx.log(
        `prometheus: waiting for ${url}/-/ready and the exporter target (${binary}; apt-get install -y prometheus)`,
      );
      await waitFor('prometheus /-/ready', () => answers(`${url}/-/ready`), {
        timeoutMs: READY_TIMEOUT_MS,
        intervalMs: 50,
        daemons: [prometheus],
      });
      const readyMs = Date.now() - began;
      await waitFor(
        'prometheus to scrape the test exporter',
        async () =>
          exporterTargetUp(await getJson(`${url}/api/v1/targets?state=active`)) ? true : undefined,
        { timeoutMs: READY_TIMEOUT_MS, intervalMs: 100, daemons: [prometheus, exporter] },
      );
      ctx.log(
        `prometheus: ready in ${readyMs} ms, exporter scraped after ${Date.now() - began} ms, ` +
          `RSS ${Math.round(groupRssKiB(prometheus.pid) / 1024)} MiB (exporter ${Math.round(groupRssKiB(exporter.pid) / 1024)} MiB)`,
      );
      return {
        name: 'prometheus',
        env: { PROMETHEUS_URL: url, DIAL_TEST_EXPORTER_URL: exporterUrl },
        pids: daemons.map((d) => d.pid),
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  },
  async check(env) {
    const { PROMETHEUS_URL: url, DIAL_TEST_EXPORTER_URL: exporterUrl } = env;
    if (url === undefined || exporterUrl === undefined) {
      throw new Error('prometheus: PROMETHEUS_URL or DIAL_TEST_EXPORTER_URL is not set');
    }
    await answers(`${url}/-/ready`);
    await answers(`${exporterUrl}/healthz`);
  },
};
