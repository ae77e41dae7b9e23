// Helpers for the action tests on the real bed: a service with its first release deployed (as a team
// has before its first canary), the bed's cluster for the harness, and a gauge the threshold checks
// read (the post-promotion watch judges those).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ExporterClient } from '../../../testbed/src/exporter/client.js';
import { waitUntil } from '../../helpers/wait.js';
import { serviceFixture, type ServiceFixture } from './service-fixture.js';

/** The harness's env for a step that finds the cluster through KUBECONFIG (what cluster-login actions set). */
export function bedEnv(): Record<string, string> {
  return { KUBECONFIG: process.env.KUBECONFIG! };
}

/** The bed's kubeconfig as a secret holds it: the content, for the `kubeconfig` input. */
export function kubeconfigContent(): string {
  return readFileSync(process.env.KUBECONFIG!, 'utf8');
}

/** A service fixture whose release v1 is already the stable one. */
export async function serviceWithV1(
  prefix: string,
  dial: Record<string, unknown> = {},
  replicas = 4,
): Promise<ServiceFixture> {
  const f = await serviceFixture({ prefix, replicas, dial });
  const v1 = await f.prepare('registry.test/web:v1');
  const outcome = await (await f.open(v1)).engine.deploy(v1.release);
  if (outcome.result !== 'deployed') throw new Error(`v1 of ${f.namespace}: ${outcome.result}`);
  return f;
}

/** A gauge named per run (test/README.md rule 5) that a threshold check reads as `max(<metric>)`. */
export class Saturation {
  readonly metric: string;
  private readonly exporter = new ExporterClient(process.env.DIAL_TEST_EXPORTER_URL!);

  constructor(run: string) {
    this.metric = `dial_test_saturation_${run.replace(/[^a-zA-Z0-9_]/g, '_')}`;
  }

  /** The dial.yaml check: the value must stay at or below `max`. */
  check(max = 0.5) {
    return { name: 'saturation', type: 'threshold', query: `max(${this.metric})`, max };
  }

  /** Sets the gauge and waits until Prometheus has scraped that value, so the next measurement sees it. */
  async set(value: number): Promise<void> {
    await this.exporter.gauge({ name: this.metric, set: value });
    const url = `${process.env.PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(`max(${this.metric})`)}`;
    await waitUntil(
      `Prometheus to scrape ${this.metric} = ${value}`,
      async () => {
        const body = (await (await fetch(url)).json()) as {
          data?: { result?: Array<{ value?: [number, string] }> };
        };
        const seen = body.data?.result?.[0]?.value?.[1];
        if (seen !== undefined && Number(seen) === value) return true;
        throw new Error(`it answers ${seen ?? 'nothing'}`);
      },
      { timeoutMs: 20_000 },
    );
  }
}

/** Rewrites the fixture's dial.yaml (e.g. to add a check that needs the namespace the fixture picked). */
export function editDial(f: ServiceFixture, edit: (doc: Record<string, unknown>) => void): void {
  const file = join(f.workspace, 'dial.yaml');
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(doc);
  writeFileSync(file, stringify(doc));
}
