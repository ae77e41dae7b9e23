// The test bed's Prometheus: Debian's `prometheus` binary scraping the test exporter every second, both
// on loopback, detached in their own process groups, logging to files in the part's folder. Both listen on
// port 0, so the kernel picks each port as it is bound: the exporter writes its port to a file, Prometheus'
// is read from /proc (the only port its process listens on).
// Ready when /-/ready answers 200 and the exporter target is up (so the first query already has data).

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { Part, PartContext, RunningPart } from '../part.js';
import { groupRssKiB, startOnOwnPort, stopGroups, waitFor, type Daemon } from '../proc.js';

/** Scrape (and rule evaluation) interval: short, so tests see what they drive within a second or two. */
export const SCRAPE_INTERVAL_SECONDS = 1;
/** Job name of the exporter target in Prometheus (the `job` label of its series). */
export const EXPORTER_JOB = 'dial-test-exporter';
/** Job name of Traefik's /metrics (the gateway part), found through a file_sd target file. */
export const TRAEFIK_JOB = 'traefik';

/**
 * Where other parts put file_sd target files (`<job>.json`) for Prometheus to scrape: the gateway part
 * writes Traefik's there once it listens, whichever part started first (Prometheus re-reads the folder).
 */
export function scrapeTargetsDir(bedDir: string): string {
  return join(bedDir, 'scrape-targets');
}

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

function prometheusConfig(exporterPort: number, targetsDir: string): string {
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
      {
        job_name: TRAEFIK_JOB,
        scrape_timeout: `${SCRAPE_INTERVAL_SECONDS}s`,
        file_sd_configs: [
          {
            files: [join(targetsDir, `${TRAEFIK_JOB}.json`)],
            refresh_interval: `${SCRAPE_INTERVAL_SECONDS}s`,
          },
        ],
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
      const exporter = await startOnOwnPort(
        'test exporter',
        process.execPath,
        [exporterEntry(), '--port', '0', '--port-file', join(dir, 'exporter.port')],
        {
          logFile: join(dir, 'exporter.log'),
          cwd: dir,
          portFile: join(dir, 'exporter.port'),
          what: 'the test exporter /healthz',
          probe: (port) => answers(`http://127.0.0.1:${port}/healthz`),
          timeoutMs: READY_TIMEOUT_MS,
        },
      );
      daemons.push(exporter.daemon);
      const exporterUrl = `http://127.0.0.1:${exporter.ports[0]}`;

      const configFile = join(dir, 'prometheus.yml');
      const targetsDir = scrapeTargetsDir(ctx.dir);
      mkdirSync(targetsDir, { recursive: true });
      writeFileSync(configFile, prometheusConfig(exporter.ports[0]!, targetsDir));
      const binary = process.env.DIAL_PROMETHEUS_BIN ?? 'prometheus';
      ctx.log(
        `prometheus: waiting for /-/ready and the exporter target (${binary}; apt-get install -y prometheus)`,
      );
      const started = await startOnOwnPort(
        'prometheus',
        binary,
        [
          `--config.file=${configFile}`,
          `--storage.tsdb.path=${data}`,
          '--web.listen-address=127.0.0.1:0',
          '--storage.tsdb.retention.time=1d',
        ],
        {
          logFile: join(dir, 'prometheus.log'),
          cwd: dir,
          what: 'prometheus /-/ready',
          probe: (p) => answers(`http://127.0.0.1:${p}/-/ready`),
          timeoutMs: READY_TIMEOUT_MS,
        },
      );
      const prometheus = started.daemon;
      daemons.push(prometheus);
      const url = `http://127.0.0.1:${started.ports[0]}`;
      const readyMs = Date.now() - began;
      await waitFor(
        'prometheus to scrape the test exporter',
        async () =>
          exporterTargetUp(await getJson(`${url}/api/v1/targets?state=active`)) ? true : undefined,
        { timeoutMs: READY_TIMEOUT_MS, intervalMs: 100, daemons: [prometheus, exporter.daemon] },
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
